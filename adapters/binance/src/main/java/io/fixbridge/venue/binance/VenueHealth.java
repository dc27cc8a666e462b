package io.fixbridge.venue.binance;

import io.fixbridge.venue.RejectReason;
import io.fixbridge.venue.VenueError;
import io.fixbridge.venue.kit.VenueCalls;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Whether Binance can take orders now, as the adapter last saw it:
 * <ul>
 *   <li><b>Market down</b> (HTTP 503, -1016, "trading is not enabled", maintenance), per market:
 *       new orders on that market are refused at once with REJECTED VENUE_CLOSED and
 *       {@link BinanceErrors#MAINTENANCE_TEXT}; a probe runs every probe interval until it succeeds,
 *       then orders flow again. The probe pings the market ({@code GET /api/v3/ping},
 *       {@code /fapi/v1/ping}) and reloads its exchangeInfo, and succeeds when the ping answers and
 *       some symbol is TRADING again (a ping alone answers during Binance maintenance while every
 *       symbol shows BREAK).</li>
 *   <li><b>Credentials refused</b> for an account (-1022, -2014, -2015): an ERROR is logged (code and
 *       Binance's text, never the key), new orders of that account are refused with REJECTED OTHER,
 *       and a signed probe runs every probe interval until Binance accepts the key again.</li>
 * </ul>
 * Thread-safe; probes run on the adapter's scheduler.
 */
final class VenueHealth {
    private static final Logger LOG = LoggerFactory.getLogger(VenueHealth.class);

    private final String venue;
    private final ScheduledExecutorService scheduler;
    private final Duration probeInterval;
    private final Function<BinanceMarket, CompletableFuture<Boolean>> marketProbe;
    private final Function<String, CompletableFuture<?>> accountProbe;
    private final Map<BinanceMarket, String> downMarkets = new ConcurrentHashMap<>();
    private final Map<String, String> refusedAccounts = new ConcurrentHashMap<>();

    /**
     * @param venue         the venue's name, for messages
     * @param scheduler     runs the probes
     * @param probeInterval time between probes
     * @param marketProbe   probes a market: completes true when it trades again
     * @param accountProbe  a signed request of an account; succeeds when Binance accepts its key
     */
    VenueHealth(String venue, ScheduledExecutorService scheduler, Duration probeInterval,
                Function<BinanceMarket, CompletableFuture<Boolean>> marketProbe,
                Function<String, CompletableFuture<?>> accountProbe) {
        this.venue = venue;
        this.scheduler = scheduler;
        this.probeInterval = probeInterval;
        this.marketProbe = marketProbe;
        this.accountProbe = accountProbe;
    }

    /**
     * Health for operations.
     *
     * @param marketsDown     markets refusing orders now, with why
     * @param accountsRefused accounts whose credentials Binance refused, with why
     */
    public record Status(Map<BinanceMarket, String> marketsDown, Map<String, String> accountsRefused) {
        public Status {
            marketsDown = Map.copyOf(marketsDown);
            accountsRefused = Map.copyOf(accountsRefused);
        }

        /** Whether every market takes orders and every account's key is accepted. */
        public boolean healthy() {
            return marketsDown.isEmpty() && accountsRefused.isEmpty();
        }
    }

    Status status() {
        return new Status(downMarkets, refusedAccounts);
    }

    /** Why a new order of {@code account} on {@code market} must be refused now, if it must. */
    Optional<VenueError> refusal(BinanceMarket market, String account) {
        String down = downMarkets.get(market);
        if (down != null) {
            return Optional.of(VenueError.rejected(RejectReason.VENUE_CLOSED, null,
                    BinanceErrors.MAINTENANCE_TEXT + " (venue " + venue + ", " + market.configName() + ": " + down
                            + ")"));
        }
        String refused = refusedAccounts.get(account);
        if (refused != null) {
            return Optional.of(VenueError.rejected(RejectReason.OTHER, null, "Binance refused the credentials of "
                    + "account " + account + " (" + refused + "); its orders are refused until Binance accepts "
                    + "the key again"));
        }
        return Optional.empty();
    }

    /** Binance said {@code market} is down; start probing unless already. */
    void venueDown(BinanceMarket market, VenueError error) {
        String reason = error.message();
        if (downMarkets.put(market, reason) == null) {
            LOG.warn("binance venue {} {} is down or in maintenance ({}); new orders are refused until it trades "
                    + "again", venue, market.configName(), reason);
            scheduleMarketProbe(market);
        }
    }

    /** Binance refused an account's credentials; alert and start probing unless already. */
    void authFailure(String account, VenueError error) {
        if (account == null) {
            return;
        }
        String reason = "code " + error.code() + ": " + error.message();
        if (refusedAccounts.put(account, reason) == null) {
            LOG.error("binance venue {}: Binance refused the credentials of account {} ({}); its orders are refused "
                    + "until a signed probe succeeds. Check the API key, its permissions and IP whitelist.",
                    venue, account, reason);
            scheduleAccountProbe(account);
        }
    }

    private void scheduleMarketProbe(BinanceMarket market) {
        schedule(() -> marketProbe.apply(market).whenComplete((up, failure) -> {
            if (failure == null && Boolean.TRUE.equals(up)) {
                downMarkets.remove(market);
                LOG.info("binance venue {} {} trades again; orders are accepted", venue, market.configName());
            } else {
                LOG.debug("binance venue {} {} still down: {}", venue, market.configName(),
                        failure == null ? "no symbol is trading" : VenueCalls.unwrap(failure).getMessage());
                scheduleMarketProbe(market);
            }
        }));
    }

    private void scheduleAccountProbe(String account) {
        schedule(() -> accountProbe.apply(account).whenComplete((ok, failure) -> {
            if (failure == null) {
                refusedAccounts.remove(account);
                LOG.info("binance venue {}: the credentials of account {} are accepted again", venue, account);
            } else {
                scheduleAccountProbe(account);
            }
        }));
    }

    private void schedule(Runnable probe) {
        try {
            scheduler.schedule(() -> {
                try {
                    probe.run();
                } catch (RuntimeException e) {
                    LOG.warn("binance venue {}: a health probe failed to start", venue, e);
                }
            }, probeInterval.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException closed) {
            LOG.debug("binance venue {}: not probing, the adapter is closed", venue);
        }
    }
}

package io.fixbridge.venue.bybit;

import io.fixbridge.venue.RejectReason;
import io.fixbridge.venue.VenueError;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

/**
 * Whether Bybit can take orders now, as the adapter last saw it:
 * <ul>
 *   <li><b>Venue paused</b> (HTTP 403: this machine's IP is over Bybit's limit or banned): every new
 *       order is refused at once, RETRYABLE with a text saying until when, and the venue is unhealthy
 *       until the pause ends (the rate limiter holds every request back meanwhile).</li>
 *   <li><b>Credentials refused</b> for an account (10003, 10004, 10005, 10007, 10010, an expired key, a
 *       refused stream authentication): an ERROR is logged (code and Bybit's text, never the key),
 *       new orders of that account are refused with REJECTED OTHER, and a signed probe
 *       ({@code GET /v5/account/wallet-balance}) runs every probe interval until Bybit accepts the key
 *       again.</li>
 * </ul>
 * Thread-safe; probes run on the adapter's scheduler.
 */
final class VenueHealth {
    private static final Logger LOG = LoggerFactory.getLogger(VenueHealth.class);

    private final String venue;
    private final ScheduledExecutorService scheduler;
    private final Duration probeInterval;
    private final Function<String, CompletableFuture<?>> accountProbe;
    private final Clock clock;
    private final Map<String, String> refusedAccounts = new ConcurrentHashMap<>();
    private final AtomicReference<Pause> pause = new AtomicReference<>();

    private record Pause(Instant until, String reason) {
    }

    /**
     * @param venue         the venue's name, for messages
     * @param scheduler     runs the probes
     * @param probeInterval time between probes
     * @param accountProbe  a signed request of an account; succeeds when Bybit accepts its key
     * @param clock         local time, for the pause
     */
    VenueHealth(String venue, ScheduledExecutorService scheduler, Duration probeInterval,
                Function<String, CompletableFuture<?>> accountProbe, Clock clock) {
        this.venue = venue;
        this.scheduler = scheduler;
        this.probeInterval = probeInterval;
        this.accountProbe = accountProbe;
        this.clock = clock;
    }

    /**
     * Health for operations.
     *
     * @param pausedUntil     when requests resume after an HTTP 403, or null when not paused
     * @param pauseReason     why they are paused, or null
     * @param accountsRefused accounts whose credentials Bybit refused, with why
     */
    public record Status(Instant pausedUntil, String pauseReason, Map<String, String> accountsRefused) {
        public Status {
            accountsRefused = Map.copyOf(accountsRefused);
        }

        /** Whether requests flow and every account's key is accepted. */
        public boolean healthy() {
            return pausedUntil == null && accountsRefused.isEmpty();
        }
    }

    Status status() {
        Pause p = activePause();
        return new Status(p == null ? null : p.until(), p == null ? null : p.reason(), refusedAccounts);
    }

    /** Why a new order of {@code account} must be refused now, if it must. */
    Optional<VenueError> refusal(String account) {
        Pause p = activePause();
        if (p != null) {
            return Optional.of(VenueError.retryable("HTTP 403", "Bybit refused this machine (" + p.reason()
                    + "); every request to venue " + venue + " is paused until " + p.until(),
                    Duration.between(clock.instant(), p.until())));
        }
        String refused = refusedAccounts.get(account);
        if (refused != null) {
            return Optional.of(VenueError.rejected(RejectReason.OTHER, null, "Bybit refused the credentials of "
                    + "account " + account + " (" + refused + "); its orders are refused until Bybit accepts the "
                    + "key again"));
        }
        return Optional.empty();
    }

    /** Bybit refused this machine until {@code until}. */
    void ipBanned(Instant until, VenueError error) {
        Pause before = pause.getAndUpdate(p -> p != null && p.until().isAfter(until) ? p : new Pause(until,
                error.message()));
        if (before == null || !before.until().isAfter(clock.instant())) {
            LOG.error("bybit venue {}: Bybit refused this machine with HTTP 403 (IP rate limit exceeded or IP banned); "
                    + "every request is paused until {}", venue, until);
        }
    }

    /** Bybit refused an account's credentials; alert and start probing unless already. */
    void authFailure(String account, VenueError error) {
        if (account == null) {
            return;
        }
        String reason = "code " + error.code() + ": " + error.message();
        if (refusedAccounts.put(account, reason) == null) {
            LOG.error("bybit venue {}: Bybit refused the credentials of account {} ({}); its orders are refused until "
                    + "a signed probe succeeds. Check the API key, its permissions and its bound IP addresses.",
                    venue, account, reason);
            scheduleAccountProbe(account);
        }
    }

    private Pause activePause() {
        Pause p = pause.get();
        return p != null && p.until().isAfter(clock.instant()) ? p : null;
    }

    private void scheduleAccountProbe(String account) {
        try {
            scheduler.schedule(() -> {
                try {
                    accountProbe.apply(account).whenComplete((ok, failure) -> {
                        if (failure == null) {
                            refusedAccounts.remove(account);
                            LOG.info("bybit venue {}: the credentials of account {} are accepted again", venue,
                                    account);
                        } else {
                            scheduleAccountProbe(account);
                        }
                    });
                } catch (RuntimeException e) {
                    LOG.warn("bybit venue {}: a health probe failed to start", venue, e);
                    scheduleAccountProbe(account);
                }
            }, probeInterval.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException closed) {
            LOG.debug("bybit venue {}: not probing, the adapter is closed", venue);
        }
    }
}

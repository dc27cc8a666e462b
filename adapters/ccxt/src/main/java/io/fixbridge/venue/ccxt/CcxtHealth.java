package io.fixbridge.venue.ccxt;

import io.fixbridge.venue.RejectReason;
import io.fixbridge.venue.VenueError;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Whether the venue can take orders now, as the adapter last saw it:
 * <ul>
 *   <li><b>Sidecar down</b> (crashed or hung, being restarted): new requests are refused RETRYABLE.</li>
 *   <li><b>Exchange down</b> (OnMaintenance, ExchangeNotAvailable): new orders are refused RETRYABLE for
 *       {@code venueDownPause}.</li>
 *   <li><b>Backing off</b> (RateLimitExceeded, DDoSProtection): new requests are refused RETRYABLE for
 *       {@link CcxtErrors#BACK_OFF}.</li>
 *   <li><b>Account down</b> (AuthenticationError, PermissionDenied, AccountSuspended): an ERROR names the
 *       account and ccxt's text (never a credential); the account's new orders are refused REJECTED OTHER
 *       until a probe (fetchBalance) succeeds.</li>
 * </ul>
 * Thread-safe.
 */
public final class CcxtHealth {
    private static final Logger LOG = LoggerFactory.getLogger(CcxtHealth.class);

    private record Until(Instant until, String why) {
    }

    private final String venue;
    private final Clock clock;
    private final Duration venueDownPause;
    private final AtomicReference<Until> venueDown = new AtomicReference<>();
    private final AtomicReference<Until> backOff = new AtomicReference<>();
    private final Map<String, String> accountsDown = new ConcurrentHashMap<>();
    private volatile String sidecarDown;

    CcxtHealth(String venue, Clock clock, Duration venueDownPause) {
        this.venue = venue;
        this.clock = clock;
        this.venueDownPause = venueDownPause;
    }

    void sidecarDown(String why) {
        sidecarDown = why;
    }

    void sidecarUp() {
        sidecarDown = null;
    }

    void venueDown(String why) {
        Instant until = clock.instant().plus(venueDownPause);
        if (venueDown.getAndSet(new Until(until, why)) == null) {
            LOG.warn("ccxt venue {}: the exchange is down ({}); new orders are refused until {}", venue, why, until);
        }
    }

    void backOff(String why) {
        backOff.set(new Until(clock.instant().plus(CcxtErrors.BACK_OFF), why));
        LOG.warn("ccxt venue {}: rate limited ({}); pausing new requests for {} ms", venue, why,
                CcxtErrors.BACK_OFF.toMillis());
    }

    /** @return true when the account was up before */
    boolean accountDown(String account, String why) {
        boolean first = accountsDown.put(account, why) == null;
        if (first) {
            LOG.error("ccxt venue {}: the exchange refused the credentials or permissions of account {} ({}); its "
                    + "orders are refused until a probe succeeds. Check the account's keys and their permissions.",
                    venue, account, why);
        }
        return first;
    }

    void accountUp(String account) {
        if (accountsDown.remove(account) != null) {
            LOG.info("ccxt venue {}: account {} is accepted by the exchange again", venue, account);
        }
    }

    boolean isAccountDown(String account) {
        return accountsDown.containsKey(account);
    }

    /** Why a new request of {@code account} is refused now, if it is; {@code order} for new orders. */
    Optional<VenueError> refusal(String account, boolean order) {
        String down = sidecarDown;
        if (down != null) {
            return Optional.of(VenueError.retryable(null, "ccxt venue " + venue + ": the CCXT sidecar is restarting ("
                    + down + "); nothing was sent", Duration.ofSeconds(1)));
        }
        Instant now = clock.instant();
        Until b = backOff.get();
        if (b != null && now.isBefore(b.until())) {
            return Optional.of(VenueError.retryable(null, "ccxt venue " + venue + ": rate limited (" + b.why()
                    + "); nothing was sent", Duration.between(now, b.until())));
        }
        Until v = venueDown.get();
        if (order && v != null) {
            if (now.isBefore(v.until())) {
                return Optional.of(VenueError.retryable(null, "ccxt venue " + venue + ": the exchange is down ("
                        + v.why() + ") until " + v.until() + "; nothing was sent", Duration.between(now, v.until())));
            }
            venueDown.compareAndSet(v, null);
        }
        String why = account == null ? null : accountsDown.get(account);
        if (order && why != null) {
            return Optional.of(VenueError.rejected(RejectReason.OTHER, null, "ccxt venue " + venue + ": the exchange "
                    + "refused account " + account + " (" + why + "); fix its credentials or permissions"));
        }
        return Optional.empty();
    }

    /**
     * Health for operations.
     *
     * @param sidecarDown  why the sidecar is down, or null
     * @param venueDown    why the exchange is down, or null
     * @param accountsDown accounts refused by the exchange, with why
     */
    public record Status(String sidecarDown, String venueDown, Map<String, String> accountsDown) {
        public boolean healthy() {
            return sidecarDown == null && venueDown == null && accountsDown.isEmpty();
        }
    }

    Status status() {
        Until v = venueDown.get();
        String vd = v != null && clock.instant().isBefore(v.until()) ? v.why() : null;
        return new Status(sidecarDown, vd, new TreeMap<>(accountsDown));
    }
}

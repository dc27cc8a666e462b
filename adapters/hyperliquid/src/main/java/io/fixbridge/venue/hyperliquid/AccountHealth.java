package io.fixbridge.venue.hyperliquid;

import io.fixbridge.venue.RejectReason;
import io.fixbridge.venue.VenueError;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which accounts Hyperliquid refused because it does not know their signer ("User or API Wallet 0x...
 * does not exist": an API wallet not approved by the account, or a key of an account without a deposit).
 * Such an account is unhealthy: an ERROR names the signer address (never the key) so an operator can
 * approve the API wallet, and its new orders are refused (REJECTED UNKNOWN_ACCOUNT) until the key is
 * rotated or {@link #RETRY_AFTER} has passed, when one order is let through to try again. Thread-safe.
 */
final class AccountHealth {
    private static final Logger LOG = LoggerFactory.getLogger(AccountHealth.class);
    /** How long an account refused for its signer stays refused before one order tries again. */
    static final Duration RETRY_AFTER = Duration.ofSeconds(30);

    private record Refusal(String signer, String text, Instant at) {
    }

    private final String venue;
    private final Clock clock;
    private final Map<String, Refusal> refused = new ConcurrentHashMap<>();

    AccountHealth(String venue, Clock clock) {
        this.venue = venue;
        this.clock = clock;
    }

    /** Hyperliquid does not know {@code signer}, the key {@code account} signs with. */
    void unknownSigner(String account, String signer, String venueText) {
        Refusal before = refused.put(account, new Refusal(signer, venueText, clock.instant()));
        if (before == null) {
            LOG.error("hyperliquid venue {}: Hyperliquid does not know the signer {} of account {} ({}); its orders are "
                    + "refused. Approve this address as an API wallet of the account (or fund the account), or "
                    + "configure the right key.", venue, signer, account, venueText);
        }
    }

    /** The account's key changed: whatever was refused is tried again. */
    void keyRotated(String account) {
        if (refused.remove(account) != null) {
            LOG.info("hyperliquid venue {}: account {} has a new signing key; its orders are sent again", venue, account);
        }
    }

    /** Why a new order of {@code account} is refused now, if it is. */
    Optional<VenueError> refusal(String account) {
        Refusal r = refused.get(account);
        if (r == null) {
            return Optional.empty();
        }
        if (r.at().plus(RETRY_AFTER).isBefore(clock.instant())) {
            refused.remove(account, r);
            return Optional.empty();
        }
        return Optional.of(VenueError.rejected(RejectReason.UNKNOWN_ACCOUNT, null, "Hyperliquid does not know the "
                + "signer " + r.signer() + " of account " + account + " (" + r.text() + "); approve it as an API "
                + "wallet of the account"));
    }

    /** Accounts refused now, with the signer Hyperliquid did not know. */
    Map<String, String> unhealthy() {
        Map<String, String> out = new java.util.TreeMap<>();
        refused.forEach((a, r) -> out.put(a, r.signer()));
        return out;
    }
}

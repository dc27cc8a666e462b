package io.fixbridge.gateway.route;

import io.fixbridge.gateway.config.SessionProfile;
import io.fixbridge.gateway.translate.Inbound;
import io.fixbridge.venue.RejectReason;

/**
 * Decides which venue and account an order goes to: ExDestination(100) and Account(1) when the
 * order names them, else the session's defaults. Pure; thread-safe.
 */
public final class Router {
    private final VenueRegistry venues;

    public Router(VenueRegistry venues) {
        this.venues = venues;
    }

    /** Where an order goes, or why it cannot go anywhere. */
    public sealed interface Decision {
        /** The order goes to this venue and account. */
        record Routed(Venue venue, String account) implements Decision {
        }

        /** No such venue or account. */
        record Unroutable(Inbound.Refusal refusal) implements Decision {
        }
    }

    public Decision route(Inbound.NewOrder order, SessionProfile session) {
        String venueName = order.venue() != null ? order.venue() : session.defaultVenue();
        Venue venue = venues.venue(venueName).orElse(null);
        if (venue == null) {
            return new Decision.Unroutable(new Inbound.Refusal(RejectReason.OTHER,
                    "unknown ExDestination(100) '" + venueName + "'; venues: " + venues.names()));
        }
        String account = order.account() != null ? order.account()
                : venueName.equals(session.defaultVenue()) ? session.defaultAccount() : null;
        if (account == null) {
            return new Decision.Unroutable(new Inbound.Refusal(RejectReason.UNKNOWN_ACCOUNT,
                    "Account(1) is required for venue '" + venueName + "', which is not this session's default venue"));
        }
        if (!venue.hasAccount(account)) {
            return new Decision.Unroutable(new Inbound.Refusal(RejectReason.UNKNOWN_ACCOUNT,
                    "unknown Account(1) '" + account + "' on venue '" + venueName + "'; accounts: " + venue.accounts()));
        }
        return new Decision.Routed(venue, account);
    }
}

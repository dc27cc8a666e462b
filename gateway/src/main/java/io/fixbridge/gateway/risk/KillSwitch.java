package io.fixbridge.gateway.risk;

import java.time.Instant;
import java.util.Locale;
import java.util.Objects;

/**
 * An engaged kill switch: while it is engaged, the open orders in its scope are canceled and new
 * orders and replaces in its scope are refused. Immutable.
 *
 * @param id        the switch's id ({@code ks-1}, ...), what releasing it names
 * @param scope     what it covers
 * @param venue     VENUE and ACCOUNT scope: the venue; else empty
 * @param account   ACCOUNT scope: the account under {@code venue}; else empty
 * @param session   SESSION scope: the counterparty CompID of the order-entry session; else empty
 * @param reason    the operator's words, shown in the Text of every refusal
 * @param engagedAt when it was engaged
 */
public record KillSwitch(String id, Scope scope, String venue, String account, String session, String reason,
                         Instant engagedAt) {

    /** What a kill switch covers. */
    public enum Scope {
        /** Every order of every session. */
        GLOBAL,
        /** Every order routed to one venue. */
        VENUE,
        /** Every order of one account at one venue. */
        ACCOUNT,
        /** Every order of one order-entry session. */
        SESSION;

        /** The lower-case name used in the admin API and metrics. */
        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** @throws IllegalArgumentException naming the allowed values */
        public static Scope parse(String value) {
            for (Scope s : values()) {
                if (s.label().equals(value)) {
                    return s;
                }
            }
            throw new IllegalArgumentException("scope '" + value + "' is not one of global, venue, account, session");
        }
    }

    public KillSwitch {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(scope, "scope");
        venue = venue == null ? "" : venue;
        account = account == null ? "" : account;
        session = session == null ? "" : session;
        reason = reason == null ? "" : reason;
        Objects.requireNonNull(engagedAt, "engagedAt");
    }

    /** Whether an order of session {@code sessionCompId} at {@code venue} for {@code account} is covered. */
    public boolean covers(String sessionCompId, String orderVenue, String orderAccount) {
        return switch (scope) {
            case GLOBAL -> true;
            case VENUE -> venue.equals(orderVenue);
            case ACCOUNT -> venue.equals(orderVenue) && account.equals(orderAccount);
            case SESSION -> session.equals(sessionCompId);
        };
    }

    /** What it covers, in words: "global", "venue binance", "account binance/main", "session OMS1". */
    public String describe() {
        return switch (scope) {
            case GLOBAL -> "global";
            case VENUE -> "venue " + venue;
            case ACCOUNT -> "account " + venue + "/" + account;
            case SESSION -> "session " + session;
        };
    }

    /** The Text of a refusal or cancel caused by this switch. */
    public String text() {
        return "kill switch " + id + " (" + describe() + ") is engaged" + (reason.isEmpty() ? "" : ": " + reason)
                + "; new orders and replaces are refused until an operator releases it";
    }
}

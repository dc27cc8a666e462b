package io.fixbridge.gateway.config;

import java.util.Objects;

/**
 * What the gateway does for one FIX session, keyed by the counterparty's CompID.
 *
 * @param senderCompId   the counterparty's SenderCompID(49)
 * @param role           what the session may do
 * @param defaultVenue   the venue used when an order carries no ExDestination(100)
 * @param defaultAccount the account used when an order carries no Account(1)
 * @param cancelOnDisconnect whether the session's open orders are canceled when it logs out or
 *                       its connection drops (the reports wait for its next logon)
 */
public record SessionProfile(String senderCompId, SessionRole role, String defaultVenue, String defaultAccount,
                             boolean cancelOnDisconnect) {
    public SessionProfile {
        Objects.requireNonNull(senderCompId, "senderCompId");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(defaultVenue, "defaultVenue");
        Objects.requireNonNull(defaultAccount, "defaultAccount");
    }

    /** A profile without cancel on disconnect. */
    public SessionProfile(String senderCompId, SessionRole role, String defaultVenue, String defaultAccount) {
        this(senderCompId, role, defaultVenue, defaultAccount, false);
    }
}

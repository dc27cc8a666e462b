package io.fixbridge.gateway.config;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What the gateway does for one FIX session, keyed by the counterparty's CompID. Built with
 * {@link #builder(String, SessionRole)}.
 *
 * @param senderCompId   the counterparty's SenderCompID(49)
 * @param role           what the session may do
 * @param defaultVenue   order entry: the venue used when an order carries no ExDestination(100),
 *                       and a data request no SecurityExchange(207) or exchange party; market
 *                       data: that venue for data requests, empty when each request must name
 *                       one; empty for a drop copy
 * @param defaultAccount order entry: the account used when an order carries no Account(1); empty
 *                       for a drop copy
 * @param cancelOnDisconnect whether the session's open orders are canceled when it logs out or
 *                       its connection drops (the reports wait for its next logon)
 * @param auth           how its logon is checked: credentials and allowed addresses
 * @param dropCopyScope  drop copy: the order-entry sessions (CompIDs) whose reports it receives;
 *                       empty means every order-entry session
 */
public record SessionProfile(String senderCompId, SessionRole role, String defaultVenue, String defaultAccount,
                             boolean cancelOnDisconnect, SessionAuth auth, Set<String> dropCopyScope) {
    public SessionProfile {
        Objects.requireNonNull(senderCompId, "senderCompId");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(defaultVenue, "defaultVenue");
        Objects.requireNonNull(defaultAccount, "defaultAccount");
        Objects.requireNonNull(auth, "auth");
        dropCopyScope = Set.copyOf(dropCopyScope);
    }

    /** Whether this drop-copy session receives the reports of order-entry session {@code orderEntryCompId}. */
    public boolean copies(String orderEntryCompId) {
        return role == SessionRole.DROP_COPY && (dropCopyScope.isEmpty() || dropCopyScope.contains(orderEntryCompId));
    }

    public static Builder builder(String senderCompId, SessionRole role) {
        return new Builder(senderCompId, role);
    }

    /** Builds a {@link SessionProfile}; defaults: no venue or account, no cancel on disconnect, no auth, every session in scope. */
    public static final class Builder {
        private final String senderCompId;
        private final SessionRole role;
        private String venue = "";
        private String account = "";
        private boolean cancelOnDisconnect;
        private SessionAuth auth = SessionAuth.NONE;
        private Set<String> scope = Set.of();

        private Builder(String senderCompId, SessionRole role) {
            this.senderCompId = senderCompId;
            this.role = role;
        }

        public Builder venue(String v) { this.venue = v; return this; }
        public Builder account(String v) { this.account = v; return this; }
        public Builder cancelOnDisconnect(boolean v) { this.cancelOnDisconnect = v; return this; }
        public Builder auth(SessionAuth v) { this.auth = v; return this; }
        public Builder dropCopyScope(Set<String> v) { this.scope = v; return this; }

        public SessionProfile build() {
            return new SessionProfile(senderCompId, role, venue, account, cancelOnDisconnect, auth, scope);
        }
    }

    /**
     * How a session's logon is checked.
     *
     * @param username         the Username(553) it must send; empty when no credentials are configured
     * @param passwordHash     the salted hash its Password(554) must match; empty when no credentials are configured
     * @param allowedAddresses the address ranges it may connect from; empty means any
     */
    public record SessionAuth(Optional<String> username, Optional<PasswordHash> passwordHash,
                              List<AddressRange> allowedAddresses) {
        /** No credentials, any address. */
        public static final SessionAuth NONE = new SessionAuth(Optional.empty(), Optional.empty(), List.of());

        public SessionAuth {
            Objects.requireNonNull(username, "username");
            Objects.requireNonNull(passwordHash, "passwordHash");
            allowedAddresses = List.copyOf(allowedAddresses);
            if (username.isPresent() != passwordHash.isPresent()) {
                throw new IllegalArgumentException("username and passwordHash go together");
            }
        }

        /** Whether Username(553) and Password(554) are checked. */
        public boolean hasCredentials() {
            return passwordHash.isPresent();
        }
    }
}

package io.fixbridge.venue;

import java.util.Objects;

/**
 * Cancel one live order.
 *
 * @param account       account name
 * @param symbol        unified symbol of the order
 * @param clientOrderId the venue client order id of the order to cancel
 * @param venueOrderId  the venue's order id when known, else null
 */
public record CancelRequest(String account, String symbol, String clientOrderId, String venueOrderId) {
    public CancelRequest {
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(symbol, "symbol");
        Objects.requireNonNull(clientOrderId, "clientOrderId");
    }
}

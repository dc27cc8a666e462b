package io.fixbridge.gateway.risk;

import java.util.Objects;

import io.fixbridge.venue.RejectReason;

/**
 * A pre-trade limit an order would break, or a reference price it needed and did not have.
 * Immutable.
 *
 * @param limit  the limit's name in gateway.yaml ({@code maxOrderQty}, ...), or
 *               {@code referencePrice} when the venue's price was missing or too old
 * @param scope  whose limit: {@code session:<CompID>} or {@code account:<venue>/<account>}
 * @param reason how the order is refused: LIMIT_EXCEEDED (OrdRejReason 3) for a limit, OTHER for
 *               a missing reference price
 * @param text   for the Text(58) of the reject and the log: names the limit, its value and the order's
 */
public record RiskBreach(String limit, String scope, RejectReason reason, String text) {
    public RiskBreach {
        Objects.requireNonNull(limit, "limit");
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(text, "text");
    }
}

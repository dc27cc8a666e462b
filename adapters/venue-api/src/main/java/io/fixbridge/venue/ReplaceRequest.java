package io.fixbridge.venue;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * Change a live order's quantity or prices.
 *
 * <p>{@code replacement} is the whole order as it should stand afterwards, with its own new
 * client order id and the new total quantity (including what has already filled, as in FIX).
 * A venue with native amend changes the original in place; a cancel-then-new venue cancels it
 * and submits the remaining quantity ({@code replacement.quantity() - filledQuantity}) anew.
 *
 * @param original       the order as it stands at the venue
 * @param venueOrderId   the venue's id of the original, or null if not yet known
 * @param filledQuantity how much of the original has filled so far
 * @param replacement    the order as it should stand afterwards
 */
public record ReplaceRequest(OrderRequest original, String venueOrderId, BigDecimal filledQuantity,
                             OrderRequest replacement) {
    public ReplaceRequest {
        Objects.requireNonNull(original, "original");
        Objects.requireNonNull(filledQuantity, "filledQuantity");
        Objects.requireNonNull(replacement, "replacement");
        if (!original.symbol().equals(replacement.symbol()) || original.side() != replacement.side()) {
            throw new IllegalArgumentException("a replace may not change symbol or side");
        }
    }
}

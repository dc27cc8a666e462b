package io.fixbridge.venue.paper.engine;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * One price level of one side of a book: a price and a quantity. Used both for depth snapshots
 * (visible quantity only) and for the market maker's quotes.
 *
 * @param price    price of the level
 * @param quantity quantity at that price, greater than zero
 */
public record BookLevel(BigDecimal price, BigDecimal quantity) {
    public BookLevel {
        Objects.requireNonNull(price, "price");
        Objects.requireNonNull(quantity, "quantity");
        if (quantity.signum() <= 0) {
            throw new IllegalArgumentException("a book level needs a positive quantity, got " + quantity.toPlainString());
        }
    }
}

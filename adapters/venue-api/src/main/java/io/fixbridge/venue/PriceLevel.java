package io.fixbridge.venue;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * One price level of an order book: everything resting at {@code price} on one side.
 *
 * @param price the price, positive
 * @param size  the quantity resting there, positive (a level with nothing left is not a level)
 */
public record PriceLevel(BigDecimal price, BigDecimal size) {
    public PriceLevel {
        Objects.requireNonNull(price, "price");
        Objects.requireNonNull(size, "size");
        if (price.signum() <= 0 || size.signum() <= 0) {
            throw new IllegalArgumentException("a price level needs a positive price and size, was "
                    + price.toPlainString() + " x " + size.toPlainString());
        }
    }
}

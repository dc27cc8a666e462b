package io.fixbridge.venue;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;

/**
 * A venue's current price of one instrument, as the gateway's pre-trade checks use it: the price
 * collar (a limit price too far through it is refused) and the notional of orders without a price.
 *
 * @param symbol unified symbol
 * @param price  the price, positive
 * @param kind   what the price is: the venue's mid, mark or last trade price
 * @param asOf   when the price was known to be current: when the adapter received the stream
 *               message or the polled answer that carried it (a polled book is the book as it is
 *               when answered, however long ago it last changed), or the venue's own time of that
 *               answer; the gateway refuses to rely on a price older than its configured age
 */
public record ReferencePrice(String symbol, BigDecimal price, Kind kind, Instant asOf) {

    /** What a reference price is, in the order an adapter prefers them. */
    public enum Kind {
        /** Halfway between the best bid and the best offer. */
        MID,
        /** The venue's mark price (derivatives). */
        MARK,
        /** The last trade price. */
        LAST
    }

    public ReferencePrice {
        Objects.requireNonNull(symbol, "symbol");
        Objects.requireNonNull(price, "price");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(asOf, "asOf");
        if (price.signum() <= 0) {
            throw new IllegalArgumentException("reference price of " + symbol + " must be positive: " + price);
        }
    }
}

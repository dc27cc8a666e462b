package io.fixbridge.venue.bybit;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One {@code orderbook.{depth}.{symbol}} message, read ({@link BybitTranslator#orderbook}): the levels
 * to apply to the adapter's book. Immutable.
 *
 * @param venueSymbol Bybit's symbol
 * @param snapshot    true when it replaces the book, false for a delta
 * @param updateId    Bybit's {@code u}: one more than the previous message's, 1 after a service restart
 * @param bids        bid levels; a size of zero removes the level
 * @param asks        ask levels, likewise
 * @param venueTime   the matching engine's time of the book ({@code cts}), else the message's {@code ts}
 */
record BookMessage(String venueSymbol, boolean snapshot, long updateId, List<Level> bids, List<Level> asks,
                   Instant venueTime) {

    BookMessage {
        Objects.requireNonNull(venueSymbol, "venueSymbol");
        bids = List.copyOf(bids);
        asks = List.copyOf(asks);
        Objects.requireNonNull(venueTime, "venueTime");
    }

    /** A price and its absolute size; zero means the level is gone. */
    record Level(BigDecimal price, BigDecimal size) {
        Level {
            Objects.requireNonNull(price, "price");
            Objects.requireNonNull(size, "size");
        }
    }
}

package io.fixbridge.venue;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * An order book as the adapter holds it after applying one venue message: the best
 * {@link VenueAdapter#maxBookDepth()} levels per side (fewer where the venue's book is thinner),
 * bids from the highest price down, asks from the lowest up. Immutable.
 *
 * @param symbol        unified symbol
 * @param bids          bid levels, best first, prices strictly falling
 * @param asks          ask levels, best first, prices strictly rising
 * @param resynced      true for the first book after a subscription starts or after the adapter
 *                      rebuilt its book (a sequence gap, a dropped stream, a new venue snapshot):
 *                      whoever mirrors the book must replace its copy rather than diff against it
 * @param venueTime     the venue's own time of the message, or the receipt time where it has none
 * @param receivedNanos {@link System#nanoTime()} when that message arrived
 */
public record BookSnapshot(String symbol, List<PriceLevel> bids, List<PriceLevel> asks, boolean resynced,
                           Instant venueTime, long receivedNanos) implements MarketDataEvent {
    public BookSnapshot {
        Objects.requireNonNull(symbol, "symbol");
        bids = List.copyOf(bids);
        asks = List.copyOf(asks);
        Objects.requireNonNull(venueTime, "venueTime");
        requireOrdered(symbol, "bids", bids, -1);
        requireOrdered(symbol, "asks", asks, 1);
    }

    private static void requireOrdered(String symbol, String side, List<PriceLevel> levels, int direction) {
        for (int i = 1; i < levels.size(); i++) {
            if (levels.get(i).price().compareTo(levels.get(i - 1).price()) * direction <= 0) {
                throw new IllegalArgumentException(symbol + " " + side + " out of order at level " + i + ": "
                        + levels.get(i - 1).price().toPlainString() + " then " + levels.get(i).price().toPlainString());
            }
        }
    }
}

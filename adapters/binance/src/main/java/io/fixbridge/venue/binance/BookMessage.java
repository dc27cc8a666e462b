package io.fixbridge.venue.binance;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One Binance depth message in the adapter's terms: a diff-depth event (update ids
 * {@code firstId..lastId}, and on futures the previous event's last id) or a REST snapshot
 * ({@code firstId == lastId == lastUpdateId}). Levels carry absolute sizes; zero removes a level.
 * Immutable.
 *
 * @param firstId    U, or the snapshot's lastUpdateId
 * @param lastId     u, or the snapshot's lastUpdateId
 * @param previousId pu on futures events; null on spot events and snapshots
 * @param bids       bid levels as sent
 * @param asks       ask levels as sent
 * @param venueTime  Binance's event time, else the receipt time
 */
record BookMessage(long firstId, long lastId, Long previousId, List<Level> bids, List<Level> asks,
                   Instant venueTime) {

    BookMessage {
        bids = List.copyOf(bids);
        asks = List.copyOf(asks);
        Objects.requireNonNull(venueTime, "venueTime");
    }

    /**
     * A price level as Binance sends it.
     *
     * @param price the price, positive
     * @param size  the absolute size there; zero means the level is gone
     */
    record Level(BigDecimal price, BigDecimal size) {
        Level {
            Objects.requireNonNull(price, "price");
            Objects.requireNonNull(size, "size");
            if (price.signum() <= 0 || size.signum() < 0) {
                throw new IllegalArgumentException("a depth level needs a positive price and a size of zero or "
                        + "more, got " + price.toPlainString() + " x " + size.toPlainString());
            }
        }
    }
}

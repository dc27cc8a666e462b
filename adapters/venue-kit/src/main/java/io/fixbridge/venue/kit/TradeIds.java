package io.fixbridge.venue.kit;

import java.util.HashSet;
import java.util.Set;

/**
 * The trade ids of one order's fills an order tracker has let through, so that a fill heard twice
 * (stream and gap fill, REST and stream) passes once. Most orders a tracker remembers never fill, so
 * the set is made at the first fill: an unfilled order costs one null reference.
 *
 * <p>Not thread-safe: confined to the tracker's thread, as the tracker is.
 */
public final class TradeIds {
    private Set<String> ids;

    /** Adds {@code tradeId}; false if it was already here (the fill is a duplicate). */
    public boolean add(String tradeId) {
        if (ids == null) {
            ids = new HashSet<>(4);
        }
        return ids.add(tradeId);
    }

    /** Adds every trade id of {@code other} (an order this one takes over from). */
    public void addAll(TradeIds other) {
        if (other.ids != null) {
            other.ids.forEach(this::add);
        }
    }

    /** Whether no fill has been let through. */
    public boolean isEmpty() {
        return ids == null || ids.isEmpty();
    }
}

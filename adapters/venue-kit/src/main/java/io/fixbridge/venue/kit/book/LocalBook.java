package io.fixbridge.venue.kit.book;

import io.fixbridge.venue.BookSnapshot;
import io.fixbridge.venue.PriceLevel;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One instrument's order book by price level, as a venue's public stream describes it: a snapshot
 * replaces it, an update sets a level's absolute size (zero removes the level). Prices compare by
 * value ({@code 100.0} and {@code 100} are one level).
 *
 * <p><b>Threading:</b> not thread-safe; an adapter keeps one per subscribed symbol on the thread
 * that reads its stream. {@link #top} returns an immutable copy that may be handed to any thread.
 */
public final class LocalBook {
    private final String symbol;
    private final int depth;
    private final NavigableMap<BigDecimal, BigDecimal> bids = new TreeMap<>(Collections.reverseOrder());
    private final NavigableMap<BigDecimal, BigDecimal> asks = new TreeMap<>();
    private List<PriceLevel> lastBids = List.of();
    private List<PriceLevel> lastAsks = List.of();

    /**
     * @param symbol unified symbol the book is of
     * @param depth  levels per side {@link #top} answers with, at least one
     */
    public LocalBook(String symbol, int depth) {
        this.symbol = Objects.requireNonNull(symbol, "symbol");
        if (depth < 1) {
            throw new IllegalArgumentException("book depth must be at least one, was " + depth);
        }
        this.depth = depth;
    }

    /** Empties the book (before a new snapshot, or when it can no longer be trusted). */
    public void clear() {
        bids.clear();
        asks.clear();
    }

    /** Whether the book holds no level on either side. */
    public boolean isEmpty() {
        return bids.isEmpty() && asks.isEmpty();
    }

    /** Sets the bid at {@code price} to {@code size}; a zero size removes the level. */
    public void bid(BigDecimal price, BigDecimal size) {
        set(bids, price, size);
    }

    /** Sets the ask at {@code price} to {@code size}; a zero size removes the level. */
    public void ask(BigDecimal price, BigDecimal size) {
        set(asks, price, size);
    }

    /**
     * Removes levels that cross the other side's best price, keeping the side that was updated
     * last: a venue that sends only changed levels never tells a client that a level it no longer
     * publishes (beyond its own depth) was taken out, so a crossed book means those are gone.
     *
     * @param keepBids true when the bids are the newer information
     */
    public void uncross(boolean keepBids) {
        while (!bids.isEmpty() && !asks.isEmpty() && bids.firstKey().compareTo(asks.firstKey()) >= 0) {
            if (keepBids) {
                asks.pollFirstEntry();
            } else {
                bids.pollFirstEntry();
            }
        }
    }

    /**
     * The best {@code depth} levels per side as a snapshot event, or null when they are the same as
     * the last snapshot this method returned and {@code resynced} is false (nothing a subscriber
     * needs to see changed).
     *
     * @param resynced      whether the book was just rebuilt
     * @param venueTime     the venue's time of the message just applied
     * @param receivedNanos {@link System#nanoTime()} when it arrived
     */
    public BookSnapshot top(boolean resynced, Instant venueTime, long receivedNanos) {
        List<PriceLevel> b = levels(bids);
        List<PriceLevel> a = levels(asks);
        if (!resynced && b.equals(lastBids) && a.equals(lastAsks)) {
            return null;
        }
        lastBids = b;
        lastAsks = a;
        return new BookSnapshot(symbol, b, a, resynced, venueTime, receivedNanos);
    }

    /** Levels held per side (may exceed the published depth). */
    public int size() {
        return Math.max(bids.size(), asks.size());
    }

    private List<PriceLevel> levels(NavigableMap<BigDecimal, BigDecimal> side) {
        List<PriceLevel> out = new ArrayList<>(Math.min(depth, side.size()));
        Iterator<Map.Entry<BigDecimal, BigDecimal>> it = side.entrySet().iterator();
        while (out.size() < depth && it.hasNext()) {
            Map.Entry<BigDecimal, BigDecimal> e = it.next();
            out.add(new PriceLevel(e.getKey(), e.getValue()));
        }
        return List.copyOf(out);
    }

    private static void set(NavigableMap<BigDecimal, BigDecimal> side, BigDecimal price, BigDecimal size) {
        if (size.signum() == 0) {
            side.remove(price);
        } else if (size.signum() < 0 || price.signum() <= 0) {
            throw new IllegalArgumentException("a book level needs a positive price and a size of zero or more, was "
                    + price.toPlainString() + " x " + size.toPlainString());
        } else {
            side.put(price, size);
        }
    }
}

package io.fixbridge.sims.common;

import io.fixbridge.venue.Side;
import io.fixbridge.venue.paper.engine.BookLevel;
import io.fixbridge.venue.paper.engine.OrderBook;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * A simulator's public order book stream, the way the venues sequence theirs: it compares each
 * symbol's engine book with what it last published and turns the difference into one update of
 * absolute level sizes (zero removes a level) with update ids, the way Binance's diff-depth and
 * Bybit's orderbook deltas are built. The venue's handler formats the {@link Update} in its own
 * JSON.
 *
 * <p>Update ids: every published update takes {@code firstId = previous lastId + 1} and
 * {@code lastId = firstId + changed levels - 1}, so a subscriber that sees {@code firstId} jump
 * knows it missed one. {@link #snapshot} first sequences whatever changed since the last update
 * and answers the book as it is now with that last id; the change it sequenced is carried into the
 * next update {@link #next} hands out (merged with anything that changes meanwhile), so that
 * update straddles the snapshot's id the way Binance's events straddle a REST snapshot's
 * {@code lastUpdateId}, and everything after the snapshot applies on top of it (sizes are
 * absolute). {@link #dropNext} is the switchable gap: the next update of the symbol is computed,
 * counted in the ids and the published state, and not handed out.
 *
 * <p><b>Threading:</b> not thread-safe; use it on the simulator's engine thread only.
 */
public final class BookFeed {
    private final int depth;
    private final Map<String, Published> published = new HashMap<>();
    private final Set<String> dropNext = new HashSet<>();

    /**
     * One sequenced book update.
     *
     * @param symbol      the engine's (unified) symbol
     * @param firstId     the first update id it covers
     * @param lastId      the last update id it covers
     * @param previousId  the last id of the update published before it (Binance futures' {@code pu})
     * @param bids        changed bid levels, best first; size zero means removed
     * @param asks        changed ask levels, best first; size zero means removed
     */
    public record Update(String symbol, long firstId, long lastId, long previousId,
                         List<Level> bids, List<Level> asks) {
    }

    /** A level as published: a price and its absolute size, zero when it was removed. */
    public record Level(BigDecimal price, BigDecimal size) {
    }

    /** A book as it is now, with the id of the last update published before it. */
    public record Snapshot(String symbol, long lastId, List<Level> bids, List<Level> asks) {
    }

    /** @param depth the levels per side the stream covers, at least one */
    public BookFeed(int depth) {
        if (depth < 1) {
            throw new IllegalArgumentException("a book feed needs a depth of at least one, got " + depth);
        }
        this.depth = depth;
    }

    /** The levels per side this feed publishes. */
    public int depth() {
        return depth;
    }

    /**
     * The change of {@code symbol}'s book since the last call, or empty when nothing in the top
     * {@link #depth()} levels changed, or when the update is the one {@link #dropNext} asked to drop.
     */
    public Optional<Update> next(String symbol, OrderBook book) {
        Published p = published.computeIfAbsent(symbol, s -> new Published());
        Update update = merge(p.carried, advance(symbol, book));
        p.carried = null;
        if (update == null) {
            return Optional.empty();
        }
        return dropNext.remove(symbol) ? Optional.empty() : Optional.of(update);
    }

    /**
     * {@code symbol}'s book as it is now, with the id of the last update sequenced: at most
     * {@code limit} levels per side and never more than {@link #depth()}, since levels beyond the
     * feed's depth get no updates (a subscriber could never learn that one of them went away). A
     * change not sequenced yet is sequenced now and handed out with the next update.
     */
    public Snapshot snapshot(String symbol, OrderBook book, int limit) {
        Published p = published.computeIfAbsent(symbol, s -> new Published());
        p.carried = merge(p.carried, advance(symbol, book));
        int levels = Math.min(limit, depth);
        return new Snapshot(symbol, p.lastId, levels(book.depth(Side.BUY, levels)),
                levels(book.depth(Side.SELL, levels)));
    }

    /** {@code earlier} then {@code later} as one update (latest size per price); either may be null. */
    private static Update merge(Update earlier, Update later) {
        if (earlier == null || later == null) {
            return earlier == null ? later : earlier;
        }
        return new Update(later.symbol(), earlier.firstId(), later.lastId(), earlier.previousId(),
                mergeSide(earlier.bids(), later.bids(), true), mergeSide(earlier.asks(), later.asks(), false));
    }

    private static List<Level> mergeSide(List<Level> earlier, List<Level> later, boolean bids) {
        TreeMap<BigDecimal, BigDecimal> merged = new TreeMap<>();
        earlier.forEach(l -> merged.put(l.price(), l.size()));
        later.forEach(l -> merged.put(l.price(), l.size()));
        List<Level> out = new ArrayList<>(merged.size());
        merged.forEach((price, size) -> out.add(new Level(price, size)));
        if (bids) {
            Collections.reverse(out);
        }
        return List.copyOf(out);
    }

    /** Sequences the change since the last call (null when nothing changed), without dropping anything. */
    private Update advance(String symbol, OrderBook book) {
        Published p = published.computeIfAbsent(symbol, s -> new Published());
        List<Level> bids = diff(p.bids, book.depth(Side.BUY, depth), true);
        List<Level> asks = diff(p.asks, book.depth(Side.SELL, depth), false);
        int changes = bids.size() + asks.size();
        if (changes == 0) {
            return null;
        }
        Update update = new Update(symbol, p.lastId + 1, p.lastId + changes, p.lastId, bids, asks);
        p.lastId = update.lastId;
        return update;
    }

    /** The next update of {@code symbol} is sequenced but not handed out: a gap subscribers must detect. */
    public void dropNext(String symbol) {
        dropNext.add(symbol);
    }

    /** The last update id sequenced for {@code symbol} (published, dropped or carried); zero before the first. */
    public long lastId(String symbol) {
        Published p = published.get(symbol);
        return p == null ? 0 : p.lastId;
    }

    private static List<Level> diff(TreeMap<BigDecimal, BigDecimal> was, List<BookLevel> now, boolean bids) {
        TreeMap<BigDecimal, BigDecimal> current = new TreeMap<>();
        for (BookLevel level : now) {
            current.put(level.price(), level.quantity());
        }
        List<Level> changes = new ArrayList<>();
        for (Map.Entry<BigDecimal, BigDecimal> e : current.entrySet()) {
            BigDecimal before = was.get(e.getKey());
            if (before == null || before.compareTo(e.getValue()) != 0) {
                changes.add(new Level(e.getKey(), e.getValue()));
            }
        }
        for (BigDecimal price : was.keySet()) {
            if (!current.containsKey(price)) {
                changes.add(new Level(price, BigDecimal.ZERO));
            }
        }
        changes.sort((x, y) -> bids ? y.price().compareTo(x.price()) : x.price().compareTo(y.price()));
        was.clear();
        was.putAll(current);
        return List.copyOf(changes);
    }

    private static List<Level> levels(List<BookLevel> levels) {
        List<Level> out = new ArrayList<>(levels.size());
        for (BookLevel l : levels) {
            out.add(new Level(l.price(), l.quantity()));
        }
        return List.copyOf(out);
    }

    private static final class Published {
        final TreeMap<BigDecimal, BigDecimal> bids = new TreeMap<>();
        final TreeMap<BigDecimal, BigDecimal> asks = new TreeMap<>();
        long lastId;
        /** Sequenced by a snapshot, not handed out yet. */
        Update carried;
    }
}

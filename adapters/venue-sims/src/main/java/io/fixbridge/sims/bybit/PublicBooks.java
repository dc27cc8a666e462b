package io.fixbridge.sims.bybit;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fixbridge.sims.common.BookFeed;
import io.fixbridge.sims.common.SimJson;
import io.fixbridge.venue.paper.engine.OrderBook;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * The sequencing of Bybit's {@code orderbook.{depth}.{symbol}} streams, one per depth and symbol,
 * over {@link BookFeed}s of the engine's books, and their messages:
 * <pre>{@code
 * {"topic":"orderbook.50.BTCUSDT","type":"snapshot"|"delta","ts":..,
 *  "data":{"s":"BTCUSDT","b":[["59999.99","0.5"],..],"a":[..],"u":123,"seq":4567},"cts":..}
 * }</pre>
 * {@code u} is the stream's update id: it goes up by exactly one per message, so a subscriber that
 * sees it jump knows it missed one (a {@link #dropNext dropped} update still takes its {@code u}).
 * A snapshot carries the {@code u} of the last update sequenced before it, and the deltas after it
 * continue from there. {@code seq} (Bybit's cross sequence) is the feed's last update id, which
 * only rises. Delta levels carry absolute sizes; {@code "0"} removes a level. Depth 1 publishes
 * snapshots only, and repeats the last one with the same {@code u} after
 * {@value #LEVEL1_REPEAT_MS} ms without a change, as Bybit's level-1 streams do.
 *
 * <p>The REST {@code /v5/market/orderbook} answer uses the same sequencing: its {@code u} and
 * {@code seq} are those of the stream of the smallest depth covering its limit.
 *
 * <p><b>Threading:</b> not thread-safe; the engine thread only.
 */
final class PublicBooks {
    /** A level-1 stream repeats its snapshot after this long without a change. */
    static final long LEVEL1_REPEAT_MS = 3000;

    private final Map<Integer, BookFeed> feeds = new LinkedHashMap<>();
    private final Map<String, Stream> streams = new HashMap<>();
    private final LongSupplier clock;

    /** One stream's state: its update id and when it last published. */
    private static final class Stream {
        long u;
        long lastPushMs;
    }

    PublicBooks(LongSupplier clock) {
        this.clock = clock;
        for (int depth : PublicTopic.DEPTHS) {
            feeds.put(depth, new BookFeed(depth));
        }
    }

    /** The smallest stream depth that covers {@code limit} levels. */
    static int depthFor(int limit) {
        for (int d : PublicTopic.DEPTHS) {
            if (d >= limit) {
                return d;
            }
        }
        return PublicTopic.DEPTHS.get(PublicTopic.DEPTHS.size() - 1);
    }

    /**
     * The stream's next message: a delta of what changed in the top {@code depth} levels since its
     * last message (for depth 1 a snapshot), the level-1 repeat when due, or empty when nothing is to
     * be sent (nothing changed, or the update was dropped).
     */
    Optional<ObjectNode> next(Listing l, int depth, OrderBook book) {
        BookFeed feed = feeds.get(depth);
        Stream s = stream(l, depth);
        long before = feed.lastId(l.unified());
        Optional<BookFeed.Update> update = feed.next(l.unified(), book);
        long now = clock.getAsLong();
        if (feed.lastId(l.unified()) != before || update.isPresent()) {
            s.u++; // one message, sent or dropped
        }
        if (update.isEmpty()) {
            if (depth == 1 && s.u > 0 && now - s.lastPushMs >= LEVEL1_REPEAT_MS) {
                return Optional.of(snapshotMessage(l, 1, feed.snapshot(l.unified(), book, 1), s, now));
            }
            return Optional.empty();
        }
        if (depth == 1) {
            return Optional.of(snapshotMessage(l, 1, feed.snapshot(l.unified(), book, 1), s, now));
        }
        BookFeed.Update u = update.get();
        s.lastPushMs = now;
        return Optional.of(message(l, depth, "delta", u.bids(), u.asks(), s.u, u.lastId(), now));
    }

    /**
     * A snapshot of the stream as it is now, for a new subscriber. Call {@link #next} first (and send
     * what it returns to the existing subscribers), so the snapshot is exactly the state after the
     * last update sequenced.
     */
    ObjectNode snapshot(Listing l, int depth, OrderBook book) {
        BookFeed.Snapshot snap = startedSnapshot(l, depth, book, depth);
        return snapshotMessage(l, depth, snap, stream(l, depth), clock.getAsLong());
    }

    /**
     * The REST answer {@code result} of {@code /v5/market/orderbook} with {@code limit} levels:
     * {@code {"s","a","b","ts","u","seq","cts"}}, sequenced like the stream of the smallest depth that
     * covers the limit.
     */
    ObjectNode rest(Listing l, int limit, OrderBook book) {
        int depth = depthFor(limit);
        BookFeed feed = feeds.get(depth);
        Stream s = stream(l, depth);
        BookFeed.Snapshot snap = startedSnapshot(l, depth, book, limit);
        long now = clock.getAsLong();
        ObjectNode r = SimJson.object();
        r.put("s", l.symbol());
        r.set("a", levels(l, snap.asks()));
        r.set("b", levels(l, snap.bids()));
        r.put("ts", now);
        r.put("u", s.u);
        r.put("seq", feed.lastId(l.unified()));
        r.put("cts", now);
        return r;
    }

    /** The book the stream of {@code depthFor(depth)} publishes now (levels as on the wire), for test controls. */
    BookFeed.Snapshot book(Listing l, int depth, OrderBook book) {
        return startedSnapshot(l, depthFor(depth), book, depth);
    }

    /** The stream's current update id; zero before its first message. */
    long u(Listing l, int depth) {
        return stream(l, depth).u;
    }

    /**
     * Bybit's service restart: the stream of {@code depth} starts again at {@code u=1} with a snapshot
     * of the book as it is now, which this returns. Call {@link #next} first so nothing is pending.
     */
    ObjectNode restart(Listing l, int depth, OrderBook book) {
        Stream s = stream(l, depth);
        BookFeed.Snapshot snap = startedSnapshot(l, depth, book, depth);
        s.u = 1;
        return snapshotMessage(l, depth, snap, s, clock.getAsLong());
    }

    /** The next update of {@code l}'s stream of {@code depth} is sequenced but not sent. */
    void dropNext(Listing l, int depth) {
        feeds.get(depth).dropNext(l.unified());
    }

    /**
     * A snapshot of the feed. Pending changes are carried by the feed into the next update (which takes
     * the next {@code u}), so only the very first snapshot of a stream starts its {@code u}; callers
     * with subscribers publish pending changes first ({@link PublicHub}), so nothing is pending then.
     */
    private BookFeed.Snapshot startedSnapshot(Listing l, int depth, OrderBook book, int limit) {
        BookFeed feed = feeds.get(depth);
        Stream s = stream(l, depth);
        long before = feed.lastId(l.unified());
        BookFeed.Snapshot snap = feed.snapshot(l.unified(), book, limit);
        if (feed.lastId(l.unified()) != before && s.u == 0) {
            s.u++;
        }
        return snap;
    }

    private ObjectNode snapshotMessage(Listing l, int depth, BookFeed.Snapshot snap, Stream s, long now) {
        s.lastPushMs = now;
        return message(l, depth, "snapshot", snap.bids(), snap.asks(), s.u, snap.lastId(), now);
    }

    private Stream stream(Listing l, int depth) {
        return streams.computeIfAbsent(depth + "|" + l.unified(), k -> new Stream());
    }

    private static ObjectNode message(Listing l, int depth, String type, List<BookFeed.Level> bids,
                                      List<BookFeed.Level> asks, long u, long seq, long now) {
        ObjectNode n = SimJson.object();
        n.put("topic", PublicTopic.orderbook(depth, l.symbol()));
        n.put("type", type);
        n.put("ts", now);
        ObjectNode data = n.putObject("data");
        data.put("s", l.symbol());
        data.set("b", levels(l, bids));
        data.set("a", levels(l, asks));
        data.put("u", u);
        data.put("seq", seq);
        n.put("cts", now);
        return n;
    }

    private static ArrayNode levels(Listing l, List<BookFeed.Level> levels) {
        ArrayNode out = SimJson.array();
        for (BookFeed.Level level : levels) {
            ArrayNode pair = out.addArray();
            pair.add(l.price(level.price()));
            pair.add(level.size().signum() == 0 ? "0" : l.qty(level.size()));
        }
        return out;
    }
}

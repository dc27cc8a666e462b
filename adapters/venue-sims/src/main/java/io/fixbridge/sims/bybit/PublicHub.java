package io.fixbridge.sims.bybit;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fixbridge.sims.common.BookFeed;
import io.fixbridge.sims.common.SimJson;
import io.fixbridge.venue.Side;
import io.fixbridge.venue.paper.engine.PublicTrade;
import io.netty.channel.Channel;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * The public WebSocket streams ({@code /v5/public/spot|linear|inverse}): which connection is
 * subscribed to which topic, the orderbook streams ({@link PublicBooks}) published from a timer on
 * the engine thread while anyone subscribes, and the {@code publicTrade} messages made from the
 * engine's trades as they happen:
 * <pre>{@code
 * {"topic":"publicTrade.BTCUSDT","type":"snapshot","ts":..,
 *  "data":[{"T":..,"s":"BTCUSDT","S":"Buy","v":"0.001","p":"60000.01","L":"PlusTick",
 *           "i":"..","BT":false,"RPI":false,"seq":..}]}
 * }</pre>
 * {@code S} is the taker's side, {@code L} the direction of the price against the symbol's previous
 * trade, {@code i} the trade id (a UUID on linear and inverse, a 19-digit number on spot; the same
 * for both sides of the trade).
 *
 * <p><b>Threading:</b> {@link #register} and {@link #dropAll} from any thread; everything else on
 * the engine thread only, so a new subscriber's snapshot and the deltas after it leave in order
 * (Netty keeps the order of writes made from one thread).
 */
final class PublicHub {
    /** One topic with subscribers, keyed by category and name. */
    private static final class Active {
        final PublicTopic topic;
        final Set<Channel> channels = new LinkedHashSet<>();

        Active(PublicTopic topic) {
            this.topic = topic;
        }
    }

    /** The last trade of a listing, for the tick direction. */
    private record LastTrade(BigDecimal price, boolean up) {
    }

    private final Set<Channel> channels = ConcurrentHashMap.newKeySet();
    private final Map<String, Active> active = new LinkedHashMap<>();
    private final Map<Listing, LastTrade> lastTrades = new HashMap<>();
    private final LongSupplier clock;
    private final PublicBooks books;
    private BybitVenue venue;
    private long tradeSeq = 7_000_000_000L;

    PublicHub(LongSupplier clock) {
        this.clock = clock;
        this.books = new PublicBooks(clock);
    }

    /** Gives the hub the venue whose books it publishes (once, before the server starts). */
    void attach(BybitVenue v) {
        this.venue = v;
    }

    /** Tracks a public connection (for the drop fault) until it closes. */
    void register(Channel channel) {
        channels.add(channel);
        channel.closeFuture().addListener(f -> channels.remove(channel));
    }

    /** Closes every public connection at once, without a close frame. */
    void dropAll() {
        for (Channel c : channels) {
            c.close();
        }
    }

    /** Whether {@code channel} is subscribed to {@code topic} (engine thread). */
    boolean subscribed(Channel channel, Category category, String topic) {
        Active a = active.get(key(category, topic));
        return a != null && a.channels.contains(channel);
    }

    /**
     * Subscribes {@code channel} to {@code topic}; false when it already is. Book streams are brought
     * up to date for their existing subscribers first, so {@link #snapshot} answers exactly the
     * state the next delta continues from.
     */
    boolean subscribe(Channel channel, Category category, PublicTopic topic) {
        Active a = active.computeIfAbsent(key(category, topic.name()), k -> new Active(topic));
        if (a.channels.contains(channel)) {
            return false;
        }
        if (topic.book()) {
            publish(a);
        }
        a.channels.add(channel);
        return true;
    }

    /** The snapshot message of a book topic for a new subscriber; right after {@link #subscribe}. */
    ObjectNode snapshot(PublicTopic topic) {
        return books.snapshot(topic.listing(), topic.depth(), venue.book(topic.listing()));
    }

    /** Ends {@code channel}'s subscription to {@code topic}, if it had one. */
    void unsubscribe(Channel channel, Category category, String topic) {
        String key = key(category, topic);
        Active a = active.get(key);
        if (a != null) {
            a.channels.remove(channel);
            if (a.channels.isEmpty()) {
                active.remove(key);
            }
        }
    }

    /** Forgets a closed connection's subscriptions. */
    void closed(Channel channel) {
        active.values().removeIf(a -> a.channels.remove(channel) && a.channels.isEmpty());
    }

    /** Publishes what changed on every subscribed orderbook stream; the engine thread's timer. */
    void publishBooks() {
        if (active.isEmpty()) {
            return;
        }
        for (Active a : List.copyOf(active.values())) {
            if (a.topic.book()) {
                a.channels.removeIf(c -> !c.isActive());
                if (a.channels.isEmpty()) {
                    active.remove(key(a.topic.listing().category(), a.topic.name()));
                } else {
                    publish(a);
                }
            }
        }
    }

    private void publish(Active a) {
        Listing l = a.topic.listing();
        Optional<ObjectNode> message = books.next(l, a.topic.depth(), venue.book(l));
        message.ifPresent(m -> send(a.channels, SimJson.write(m)));
    }

    /** The book {@code l}'s stream of {@code depth} publishes now (its subscribers get what is pending first). */
    BookFeed.Snapshot book(Listing l, int depth) {
        flush(l, PublicBooks.depthFor(depth));
        return books.book(l, depth, venue.book(l));
    }

    /** Publishes what is pending on {@code l}'s stream of {@code depth}, when it has subscribers. */
    private void flush(Listing l, int depth) {
        Active a = active.get(key(l.category(), PublicTopic.orderbook(depth, l.symbol())));
        if (a != null && !a.channels.isEmpty()) {
            publish(a);
        }
    }

    /**
     * The next update of every subscribed orderbook stream of {@code l} is sequenced and not sent
     * (a gap its subscribers see as a jump of {@code u}); with no subscriber, of every depth.
     *
     * @return the depths affected
     */
    List<Integer> dropNext(Listing l) {
        List<Integer> depths = new ArrayList<>();
        for (Active a : active.values()) {
            if (a.topic.book() && a.topic.listing() == l && !depths.contains(a.topic.depth())) {
                depths.add(a.topic.depth());
            }
        }
        if (depths.isEmpty()) {
            depths.addAll(PublicTopic.DEPTHS);
        }
        for (int d : depths) {
            books.dropNext(l, d);
        }
        return depths;
    }

    /**
     * Bybit's service restart: every subscribed orderbook stream of {@code l} sends a snapshot with
     * {@code u=1} and counts on from there.
     *
     * @return the depths restarted
     */
    List<Integer> restart(Listing l) {
        List<Integer> depths = new ArrayList<>();
        for (Active a : List.copyOf(active.values())) {
            if (a.topic.book() && a.topic.listing() == l) {
                publish(a);
                ObjectNode snapshot = books.restart(l, a.topic.depth(), venue.book(l));
                send(a.channels, SimJson.write(snapshot));
                depths.add(a.topic.depth());
            }
        }
        return depths;
    }

    /** The topics of {@code category} that have at least one subscriber, in subscription order. */
    List<String> topics(Category category) {
        List<String> out = new ArrayList<>();
        for (Active a : active.values()) {
            if (a.topic.listing().category() == category && a.channels.stream().anyMatch(Channel::isActive)) {
                out.add(a.topic.name());
            }
        }
        return out;
    }

    /** The REST orderbook answer. */
    ObjectNode restBook(Listing l, int limit) {
        flush(l, PublicBooks.depthFor(limit));
        return books.rest(l, limit, venue.book(l));
    }

    /** Sends an engine trade to the subscribers of {@code l}'s publicTrade topic. */
    void trade(Listing l, PublicTrade trade) {
        long seq = ++tradeSeq;
        LastTrade last = lastTrades.get(l);
        int cmp = last == null ? 0 : trade.price().compareTo(last.price());
        boolean up = cmp > 0 || (cmp == 0 && (last == null || last.up()));
        lastTrades.put(l, new LastTrade(trade.price(), up));
        Active a = active.get(key(l.category(), PublicTopic.publicTrade(l.symbol())));
        if (a == null || a.channels.isEmpty()) {
            return;
        }
        ObjectNode n = SimJson.object();
        n.put("topic", PublicTopic.publicTrade(l.symbol()));
        n.put("type", "snapshot");
        n.put("ts", clock.getAsLong());
        ObjectNode t = n.putArray("data").addObject();
        t.put("T", trade.timestamp().toEpochMilli());
        t.put("s", l.symbol());
        t.put("S", trade.takerSide() == Side.BUY ? "Buy" : "Sell");
        t.put("v", l.qty(trade.quantity()));
        t.put("p", l.price(trade.price()));
        t.put("L", cmp > 0 ? "PlusTick" : cmp < 0 ? "MinusTick" : up ? "ZeroPlusTick" : "ZeroMinusTick");
        t.put("i", tradeId(l, trade.tradeId()));
        t.put("BT", false);
        t.put("RPI", false);
        t.put("seq", seq);
        send(a.channels, SimJson.write(n));
    }

    /** Bybit's trade id for an engine trade id ({@code T<n>}): stable, UUID-shaped or numeric by category. */
    static String tradeId(Listing l, String engineTradeId) {
        if (l.category() == Category.SPOT) {
            long n;
            try {
                n = Long.parseLong(engineTradeId.substring(1));
            } catch (RuntimeException e) {
                n = Math.abs(engineTradeId.hashCode());
            }
            return Long.toString(2_290_000_000_000_000_000L + n);
        }
        return UUID.nameUUIDFromBytes(("bybit-trade-" + engineTradeId).getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .toString();
    }

    private static void send(Set<Channel> targets, String text) {
        for (Channel c : targets) {
            if (c.isActive()) {
                c.writeAndFlush(new TextWebSocketFrame(text));
            }
        }
    }

    private static String key(Category category, String topic) {
        return category.wire() + ":" + topic;
    }
}

package io.fixbridge.sims.binance;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fixbridge.sims.common.BookFeed;
import io.fixbridge.venue.paper.engine.PublicTrade;

import java.math.BigDecimal;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * One market's public market data, published from the paper engine's book and trades the way
 * Binance publishes its own:
 * <ul>
 *   <li>Diff depth: every {@link #TICK_MILLIS} the {@link BookFeed} sequences what changed in the
 *       book of each symbol someone follows; each depth stream collects those updates and publishes
 *       them at its own speed (100 ms, 250 ms, 500 ms or 1000 ms) as one {@code depthUpdate} with
 *       the first and last update id it covers ({@code U}, {@code u}) and, on futures, the last id
 *       of the stream's previous event ({@code pu}); latest size per price wins. Nothing changed,
 *       nothing is sent. An update the feed withholds ({@link #dropNext}) leaves a hole in the ids:
 *       the next event's {@code U} jumps past the previous {@code u + 1} and its {@code pu} is not
 *       the previous {@code u}.</li>
 *   <li>REST depth ({@link #depth}): the book now with the last update id sequenced, so events
 *       after it apply on top. A change not yet sequenced is sequenced for it and goes out with the
 *       streams' next event, which then straddles the snapshot's id ({@code U <= lastUpdateId < u}),
 *       as Binance's do.</li>
 *   <li>Trades ({@link #onTrade}): each engine trade (market-maker trades included) as a spot
 *       {@code trade} and as an {@code aggTrade} of its own, at once.</li>
 * </ul>
 * Nothing is computed or sent for streams nobody subscribes to.
 *
 * <p><b>Threading:</b> {@link #register} and {@link #unregister} are called on the Netty event
 * loops, and subscribers change their stream sets there (thread-safe sets); everything else runs
 * on the simulator's engine thread, which owns the feed and the engine book. Frames are written
 * from the engine thread, which keeps them in order per connection.
 */
final class PublicStreams {
    /** How often the book is sequenced; every depth stream's interval is a multiple of it. */
    static final int TICK_MILLIS = 50;

    /** A connection receiving market streams: its route, its subscriptions and how it takes a payload. */
    interface Subscriber {
        /** Which streams the connection's route delivers. */
        StreamName.Route route();

        /** The streams subscribed now, in subscription order (a thread-safe set). */
        Set<String> streams();

        /** Sends one event of {@code stream} (raw JSON) the way the connection wants it (raw or wrapped). */
        void deliver(String stream, String payload);

        /** Closes the connection at once, as a fault. */
        void drop();
    }

    private record DepthKey(String symbol, int intervalMs) {
    }

    private record Target(Subscriber subscriber, String stream) {
    }

    private final Market market;
    private final EngineVenue venue;
    private final Function<String, String> unifiedOf;
    private final Function<String, String> symbolOf;
    private final Clock clock;
    private final BookFeed feed;
    private final List<Subscriber> subscribers = new CopyOnWriteArrayList<>();
    private final Map<DepthKey, Batches> batches = new HashMap<>();
    private final Map<String, Long> aggregateIds = new HashMap<>();
    private long ticks;

    /**
     * @param market    spot or futures
     * @param venue     the market's venue (its engine's books)
     * @param unifiedOf Binance symbol to engine symbol, null when not listed
     * @param symbolOf  engine symbol to Binance symbol, null when not listed
     * @param clock     the simulator's clock (event times)
     * @param depth     how many levels per side the diff-depth streams cover
     */
    PublicStreams(Market market, EngineVenue venue, Function<String, String> unifiedOf,
                  Function<String, String> symbolOf, Clock clock, int depth) {
        this.market = market;
        this.venue = venue;
        this.unifiedOf = unifiedOf;
        this.symbolOf = symbolOf;
        this.clock = clock;
        this.feed = new BookFeed(depth);
    }

    Market market() {
        return market;
    }

    void register(Subscriber subscriber) {
        subscribers.add(subscriber);
    }

    void unregister(Subscriber subscriber) {
        subscribers.remove(subscriber);
    }

    /** Every stream subscribed now, one entry per connection and stream, sorted. Any thread. */
    List<String> subscriptions() {
        List<String> out = new ArrayList<>();
        for (Subscriber s : subscribers) {
            out.addAll(s.streams());
        }
        Collections.sort(out);
        return out;
    }

    /** How many market stream connections are open. Any thread. */
    int connections() {
        return subscribers.size();
    }

    /** Drops every market stream connection. Any thread. */
    void dropAll() {
        for (Subscriber s : subscribers) {
            s.drop();
        }
    }

    /** One turn of the depth streams: sequence the followed books, publish the streams that are due. */
    void tick() {
        ticks++;
        Map<DepthKey, List<Target>> targets = depthTargets();
        batches.keySet().retainAll(targets.keySet());
        if (targets.isEmpty()) {
            return;
        }
        long now = clock.millis();
        for (String symbol : symbols(targets)) {
            collect(symbol, targets, now);
        }
        long elapsed = ticks * TICK_MILLIS;
        targets.forEach((key, to) -> {
            if (elapsed % key.intervalMs() == 0) {
                publish(key, batches.get(key).flush(), to, now);
            }
        });
    }

    /**
     * {@code GET /api/v3/depth} or {@code /fapi/v1/depth} of {@code symbol}: at most {@code limit}
     * levels per side, with the last update id sequenced.
     *
     * @throws BinanceException -1121 for a symbol this market does not list
     */
    ObjectNode depth(String symbol, int limit) {
        String unified = unifiedOf.apply(symbol);
        if (unified == null) {
            throw Errors.invalidSymbol();
        }
        BookFeed.Snapshot s = feed.snapshot(unified, venue.engine.book(unified), limit);
        long now = clock.millis();
        return market == Market.SPOT ? MarketDataJson.spotDepth(s) : MarketDataJson.futuresDepth(s, now, now);
    }

    /** The book of {@code symbol} now, as the depth streams publish it (like {@link #depth}, without the JSON). */
    BookFeed.Snapshot book(String symbol, int depth) {
        String unified = requireListed(symbol);
        return feed.snapshot(unified, venue.engine.book(unified), depth);
    }

    /** The last depth update id sequenced for {@code symbol}; zero before the first. Sequences nothing. */
    long lastUpdateId(String symbol) {
        return feed.lastId(requireListed(symbol));
    }

    /** The next depth update of {@code symbol} is sequenced but not published. */
    void dropNext(String symbol) {
        feed.dropNext(requireListed(symbol));
    }

    /** Publishes one engine trade on the symbol's trade and aggregate trade streams. */
    void onTrade(PublicTrade trade) {
        String symbol = symbolOf.apply(trade.symbol());
        if (symbol == null) {
            return;
        }
        long aggregateId = aggregateIds.merge(symbol, 1L, Long::sum);
        if (subscribers.isEmpty()) {
            return;
        }
        long now = clock.millis();
        String tradeText = null;
        String aggText = null;
        for (Subscriber s : subscribers) {
            for (String name : s.streams()) {
                Optional<StreamName> stream = StreamName.parse(name, market);
                if (stream.isEmpty() || !stream.get().symbol().equals(symbol) || !stream.get().deliveredOn(s.route())) {
                    continue;
                }
                if (stream.get().kind() == StreamName.Kind.TRADE) {
                    if (tradeText == null) {
                        tradeText = Json.write(MarketDataJson.trade(symbol, trade, now));
                    }
                    s.deliver(name, tradeText);
                } else if (stream.get().kind() == StreamName.Kind.AGG_TRADE) {
                    if (aggText == null) {
                        aggText = Json.write(MarketDataJson.aggTrade(market, symbol, aggregateId, trade, now));
                    }
                    s.deliver(name, aggText);
                }
            }
        }
    }

    private String requireListed(String symbol) {
        String unified = unifiedOf.apply(symbol);
        if (unified == null) {
            throw MarketControl.unknown(symbol);
        }
        return unified;
    }

    /** Who follows which depth stream now. */
    private Map<DepthKey, List<Target>> depthTargets() {
        Map<DepthKey, List<Target>> targets = new LinkedHashMap<>();
        for (Subscriber s : subscribers) {
            for (String name : s.streams()) {
                StreamName.parse(name, market)
                        .filter(n -> n.kind() == StreamName.Kind.DEPTH && n.deliveredOn(s.route()))
                        .filter(n -> unifiedOf.apply(n.symbol()) != null)
                        .ifPresent(n -> targets.computeIfAbsent(new DepthKey(n.symbol(), n.intervalMs()),
                                k -> new ArrayList<>()).add(new Target(s, name)));
            }
        }
        return targets;
    }

    private static List<String> symbols(Map<DepthKey, List<Target>> targets) {
        return targets.keySet().stream().map(DepthKey::symbol).distinct().toList();
    }

    /** Sequences the change of {@code symbol}'s book and hands it to each of its depth streams. */
    private void collect(String symbol, Map<DepthKey, List<Target>> targets, long now) {
        String unified = unifiedOf.apply(symbol);
        Optional<BookFeed.Update> update = feed.next(unified, venue.engine.book(unified));
        for (DepthKey key : targets.keySet()) {
            if (key.symbol().equals(symbol)) {
                Batches b = batches.computeIfAbsent(key, k -> new Batches());
                update.ifPresent(u -> b.add(u, now));
            }
        }
    }

    private void publish(DepthKey key, List<Batch> due, List<Target> to, long now) {
        for (Batch batch : due) {
            String text = Json.write(MarketDataJson.depthUpdate(market, key.symbol(), now, batch.time, batch.first,
                    batch.last, batch.previous, batch.levels(batch.bids), batch.levels(batch.asks)));
            for (Target t : to) {
                t.subscriber().deliver(t.stream(), text);
            }
        }
    }

    /**
     * The updates one depth stream has collected since it last published: normally one batch; a
     * withheld update starts a new batch, so the hole shows in the ids the stream publishes.
     */
    private static final class Batches {
        private final List<Batch> pending = new ArrayList<>();

        void add(BookFeed.Update u, long now) {
            Batch last = pending.isEmpty() ? null : pending.get(pending.size() - 1);
            if (last == null || last.last != u.previousId()) {
                last = new Batch(u.firstId(), u.previousId());
                pending.add(last);
            }
            for (BookFeed.Level l : u.bids()) {
                last.bids.put(l.price(), l.size());
            }
            for (BookFeed.Level l : u.asks()) {
                last.asks.put(l.price(), l.size());
            }
            last.last = u.lastId();
            last.time = now;
        }

        List<Batch> flush() {
            List<Batch> out = List.copyOf(pending);
            pending.clear();
            return out;
        }
    }

    /** Consecutive updates merged: ids {@code first..last}, latest size per price. */
    private static final class Batch {
        final long first;
        final long previous;
        final TreeMap<BigDecimal, BigDecimal> bids = new TreeMap<>(Collections.reverseOrder());
        final TreeMap<BigDecimal, BigDecimal> asks = new TreeMap<>();
        long last;
        long time;

        Batch(long first, long previous) {
            this.first = first;
            this.previous = previous;
            this.last = previous;
        }

        List<BookFeed.Level> levels(TreeMap<BigDecimal, BigDecimal> side) {
            List<BookFeed.Level> out = new ArrayList<>(side.size());
            side.forEach((p, q) -> out.add(new BookFeed.Level(p, q)));
            return out;
        }
    }
}

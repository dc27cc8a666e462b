package io.fixbridge.venue.binance;

import io.fixbridge.venue.BookInterrupted;
import io.fixbridge.venue.MarketDataEvent;
import io.fixbridge.venue.MarketDataListener;
import io.fixbridge.venue.MarketDataSubscription;
import io.fixbridge.venue.MarketTrade;
import io.fixbridge.venue.VenueTelemetry;
import io.fixbridge.venue.binance.dto.DepthSnapshot;
import io.fixbridge.venue.kit.Backoff;
import io.fixbridge.venue.kit.SerialExecutor;
import io.fixbridge.venue.kit.VenueCalls;
import io.fixbridge.venue.kit.VenueExecutors;
import io.fixbridge.venue.kit.book.GatedSubscription;
import io.fixbridge.venue.kit.http.QueryString;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The public market data of one Binance market for {@link BinanceAdapter#subscribeMarketData}:
 * per subscribed symbol the diff-depth stream {@code <symbol>@depth@100ms} kept as a book by
 * {@link BookSync} from REST snapshots ({@code GET /api/v3/depth} or {@code /fapi/v1/depth}, the
 * {@code limit} of {@link BinanceEndpoint#depthLimit}, weighed accordingly on the market's REST
 * limiter), and the trades: spot {@code <symbol>@trade}, futures {@code <symbol>@aggTrade}.
 *
 * <p>Connections: spot carries everything on one connection to {@code <spotStreamUrl>/ws};
 * futures, whose host routes streams by path, the depth on {@code <futuresWsUrl>/public/ws} and
 * the aggregate trades on {@code <futuresWsUrl>/market/ws}. A connection opens at the first
 * subscription and carries every symbol through live SUBSCRIBE/UNSUBSCRIBE requests
 * ({@link StreamConnection}); a symbol's streams are unsubscribed when its last subscription
 * closes.
 *
 * <p>Events: the first book of a symbol, and the first after any rebuild, has {@code resynced}
 * true; then a book after every depth event that changed the top {@code bookDepth} levels; a
 * {@link BookInterrupted} (and one INFO line) when a gap in the update ids is seen or the depth
 * connection drops, after which the book is rebuilt from a new snapshot once the stream is
 * subscribed again; a {@link MarketTrade} per trade. A snapshot that fails or is older than the
 * stream is fetched again with backoff ({@code reconnectMinMs} to {@code reconnectMaxMs}) for as
 * long as the symbol is subscribed. A subscription that joins a symbol already live gets the
 * current book (resynced) first.
 *
 * <p><b>Threading:</b> {@link #subscribe} and {@link MarketDataSubscription#close} may be called
 * from any thread and return at once; all state lives on one serial executor over the adapter's
 * callback pool, where the listeners are called, one event at a time per subscription. A
 * subscription's close waits for a listener call in progress, so none follows it.
 */
final class MarketStreams implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(MarketStreams.class);

    private final String venue;
    private final BinanceMarket market;
    private final BinanceRest rest;
    private final int bookDepth;
    private final int snapshotLimit;
    private final Clock clock;
    private final VenueExecutors executors;
    private final SerialExecutor serial;
    private final Backoff backoff;
    private final StreamConnection depth;
    private final StreamConnection trades;
    // confined to serial
    private final Map<String, Feed> feeds = new HashMap<>();
    private volatile boolean closed;

    MarketStreams(String venue, BinanceMarket market, BinanceConfig config, BinanceRest rest,
                  VenueExecutors executors, Clock clock, VenueTelemetry telemetry) {
        this.venue = Objects.requireNonNull(venue, "venue");
        this.market = Objects.requireNonNull(market, "market");
        this.rest = Objects.requireNonNull(rest, "rest");
        this.bookDepth = config.bookDepth();
        this.snapshotLimit = BinanceEndpoint.depthLimit(market, bookDepth);
        this.clock = Objects.requireNonNull(clock, "clock");
        this.executors = executors;
        this.serial = executors.newSerialExecutor();
        BinanceConfig.Timeouts t = config.timeouts();
        this.backoff = Backoff.exponential(Duration.ofMillis(t.reconnectMinMs()), Duration.ofMillis(t.reconnectMaxMs()));
        StreamConnection.Handler handler = new Handler();
        if (market == BinanceMarket.SPOT) {
            this.depth = new StreamConnection(venue, "market:spot", config.urls().spotStream() + "/ws", 5, t,
                    executors, serial, telemetry, handler);
            this.trades = depth;
        } else {
            String base = config.urls().futuresWs();
            this.depth = new StreamConnection(venue, "market:futures-public", base + "/public/ws", 10, t, executors,
                    serial, telemetry, handler);
            this.trades = new StreamConnection(venue, "market:futures-market", base + "/market/ws", 10, t, executors,
                    serial, telemetry, handler);
        }
    }

    /** Binance's depth stream of {@code venueSymbol}. */
    static String depthStream(String venueSymbol) {
        return venueSymbol.toLowerCase(Locale.ROOT) + "@depth@100ms";
    }

    /** Binance's trade stream of {@code venueSymbol} on {@code market}. */
    static String tradeStream(BinanceMarket market, String venueSymbol) {
        return venueSymbol.toLowerCase(Locale.ROOT) + (market == BinanceMarket.SPOT ? "@trade" : "@aggTrade");
    }

    /** The snapshot limit behind the books. */
    int snapshotLimit() {
        return snapshotLimit;
    }

    /** Starts streaming {@code instrument} to {@code listener}; returns at once. */
    MarketDataSubscription subscribe(BinanceInstrument instrument, MarketDataListener listener) {
        Sink sink = new Sink(instrument.symbol(), listener);
        serial.execute(() -> add(instrument, sink));
        return sink;
    }

    /** Drops the depth connection (tests): the books are interrupted and rebuilt after the reconnect. */
    void reconnectDepth(String reason) {
        depth.reconnect(reason);
    }

    @Override
    public void close() {
        closed = true;
        serial.execute(() -> {
            feeds.values().forEach(Feed::cancelRetry);
            feeds.clear();
        });
        depth.close();
        if (trades != depth) {
            trades.close();
        }
    }

    // ------------------------------------------------------------------ serial executor

    private void add(BinanceInstrument instrument, Sink sink) {
        if (closed || sink.isClosed()) {
            return;
        }
        Feed feed = feeds.get(instrument.venueSymbol());
        if (feed == null) {
            feed = new Feed(instrument);
            feeds.put(instrument.venueSymbol(), feed);
            feed.sinks.add(sink);
            depth.want(Set.of(feed.depthStream));
            trades.want(Set.of(feed.tradeStream));
            return;
        }
        feed.sinks.add(sink);
        var current = feed.book.current();
        if (current != null) {
            sink.deliver(current);
        }
    }

    private void remove(Sink sink) {
        Feed feed = feeds.values().stream().filter(f -> f.sinks.contains(sink)).findFirst().orElse(null);
        if (feed == null) {
            return;
        }
        feed.sinks.remove(sink);
        if (feed.sinks.isEmpty()) {
            feeds.remove(feed.instrument.venueSymbol());
            feed.cancelRetry();
            depth.unwant(Set.of(feed.depthStream));
            trades.unwant(Set.of(feed.tradeStream));
        }
    }

    private void step(Feed feed, BookSync.Step step, long receivedNanos) {
        if (step.gap() != null) {
            LOG.info("binance {}: the {} book of {} stopped being current ({}); rebuilding it from a new snapshot",
                    venue, market.configName(), feed.instrument.symbol(), step.gap());
            feed.deliver(new BookInterrupted(feed.instrument.symbol(), step.gap(), receivedNanos));
        }
        if (step.book() != null) {
            if (step.book().resynced()) {
                feed.failedFetches = 0;
                LOG.debug("binance {}: the {} book of {} is current at update id {}", venue, market.configName(),
                        feed.instrument.symbol(), feed.book.lastUpdateId());
            }
            feed.deliver(step.book());
        }
        if (step.fetchSnapshot()) {
            if (step.retry()) {
                feed.failedFetches++;
            }
            fetch(feed, feed.book.generation());
        }
    }

    private void fetch(Feed feed, long generation) {
        feed.cancelRetry();
        long delay = feed.failedFetches == 0 ? 0 : backoff.baseDelay(feed.failedFetches).toMillis();
        try {
            feed.retry = executors.scheduler().schedule(() -> request(feed, generation), delay, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException shutDown) {
            LOG.debug("binance {}: adapter closing; no snapshot for {}", venue, feed.instrument.symbol());
        }
    }

    private void request(Feed feed, long generation) {
        BinanceEndpoint endpoint = market == BinanceMarket.SPOT ? BinanceEndpoint.SPOT_DEPTH
                : BinanceEndpoint.FUTURES_DEPTH;
        QueryString params = QueryString.builder().add("symbol", feed.instrument.venueSymbol())
                .add("limit", snapshotLimit).build();
        CompletableFuture<DepthSnapshot> answer;
        try {
            answer = rest.sendWeighted(endpoint, params, BinanceEndpoint.depthWeight(market, snapshotLimit),
                    DepthSnapshot.class);
        } catch (RuntimeException e) {
            answer = CompletableFuture.failedFuture(e);
        }
        answer.whenComplete((snapshot, failure) -> {
            long receivedNanos = System.nanoTime();
            Instant receivedAt = clock.instant();
            serial.execute(() -> snapshotAnswered(feed, generation, snapshot, failure, receivedNanos, receivedAt));
        });
    }

    private void snapshotAnswered(Feed feed, long generation, DepthSnapshot snapshot, Throwable failure,
                                  long receivedNanos, Instant receivedAt) {
        if (closed || feeds.get(feed.instrument.venueSymbol()) != feed || !feed.book.wants(generation)) {
            return;
        }
        BookMessage message = null;
        String problem = null;
        if (failure != null) {
            problem = VenueCalls.unwrap(failure).getMessage();
        } else {
            try {
                message = BinanceTranslator.bookMessage(snapshot, receivedAt);
            } catch (RuntimeException e) {
                problem = "the snapshot does not parse: " + e.getMessage();
            }
        }
        if (message == null) {
            feed.failedFetches++;
            if (feed.failedFetches == 1) {
                LOG.warn("binance {}: the {} depth snapshot of {} failed ({}); retrying with backoff", venue,
                        market.configName(), feed.instrument.symbol(), problem);
            }
            fetch(feed, generation);
            return;
        }
        step(feed, feed.book.onSnapshot(generation, message, receivedNanos), receivedNanos);
    }

    /** The connections' news, on the serial executor. */
    private final class Handler implements StreamConnection.Handler {
        @Override
        public void onFrame(StreamConnection from, StreamFrames.MarketFrame frame, long receivedNanos) {
            if (closed) {
                return;
            }
            if (frame instanceof StreamFrames.Depth d) {
                Feed feed = feeds.get(d.update().symbol());
                if (feed == null || from != depth) {
                    return;
                }
                BookMessage message;
                try {
                    message = BinanceTranslator.bookMessage(d.update(), clock.instant());
                } catch (RuntimeException e) {
                    step(feed, feed.book.start(), receivedNanos);
                    LOG.warn("binance {}: a depth event of {} does not parse ({}); rebuilding the book", venue,
                            feed.instrument.symbol(), e.getMessage());
                    return;
                }
                step(feed, feed.book.onUpdate(message, receivedNanos), receivedNanos);
            } else if (frame instanceof StreamFrames.Trade t) {
                Feed feed = feeds.get(t.trade().symbol());
                if (feed != null && market == BinanceMarket.SPOT) {
                    feed.deliver(BinanceTranslator.marketTrade(feed.instrument.symbol(), t.trade(), receivedNanos));
                }
            } else if (frame instanceof StreamFrames.AggTrade t) {
                Feed feed = feeds.get(t.trade().symbol());
                if (feed != null && market == BinanceMarket.FUTURES) {
                    feed.deliver(BinanceTranslator.marketTrade(feed.instrument.symbol(), t.trade(), receivedNanos));
                }
            }
        }

        @Override
        public void onSubscribed(StreamConnection from, Set<String> streams) {
            if (from != depth || closed) {
                return;
            }
            for (Feed feed : List.copyOf(feeds.values())) {
                if (streams.contains(feed.depthStream)) {
                    step(feed, feed.book.start(), System.nanoTime());
                }
            }
        }

        @Override
        public void onLost(StreamConnection from, String reason) {
            if (from != depth || closed) {
                return;
            }
            long now = System.nanoTime();
            for (Feed feed : new ArrayList<>(feeds.values())) {
                feed.cancelRetry();
                step(feed, feed.book.streamLost("the depth stream dropped (" + reason + ")"), now);
            }
        }
    }

    /** One subscribed symbol: its book and who gets it. Serial executor. */
    private final class Feed {
        final BinanceInstrument instrument;
        final String depthStream;
        final String tradeStream;
        final BookSync book;
        final List<Sink> sinks = new ArrayList<>();
        int failedFetches;
        ScheduledFuture<?> retry;

        Feed(BinanceInstrument instrument) {
            this.instrument = instrument;
            this.depthStream = depthStream(instrument.venueSymbol());
            this.tradeStream = tradeStream(market, instrument.venueSymbol());
            this.book = new BookSync(market, instrument.symbol(), bookDepth);
        }

        void deliver(MarketDataEvent event) {
            for (Sink s : List.copyOf(sinks)) {
                s.deliver(event);
            }
        }

        void cancelRetry() {
            if (retry != null) {
                retry.cancel(false);
                retry = null;
            }
        }
    }

    /** One subscription; closing it leaves the symbol's streams on the serial executor. */
    private final class Sink extends GatedSubscription {
        Sink(String symbol, MarketDataListener listener) {
            super(symbol, listener, "binance " + venue);
        }

        @Override
        protected void closed() {
            serial.execute(() -> remove(this));
        }
    }
}

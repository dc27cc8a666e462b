package io.fixbridge.venue.hyperliquid;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fixbridge.venue.BookInterrupted;
import io.fixbridge.venue.BookSnapshot;
import io.fixbridge.venue.MarketDataEvent;
import io.fixbridge.venue.MarketDataListener;
import io.fixbridge.venue.MarketDataSubscription;
import io.fixbridge.venue.MarketTrade;
import io.fixbridge.venue.PriceLevel;
import io.fixbridge.venue.hyperliquid.dto.L2Book;
import io.fixbridge.venue.hyperliquid.dto.WsTrade;
import io.fixbridge.venue.kit.SerialExecutor;
import io.fixbridge.venue.kit.VenueExecutors;
import io.fixbridge.venue.kit.book.GatedSubscription;
import io.fixbridge.venue.kit.book.LocalBook;
import io.fixbridge.venue.kit.ws.ConnectionState;
import io.fixbridge.venue.kit.ws.WebSocketClient;
import io.fixbridge.venue.kit.ws.WebSocketListener;
import io.fixbridge.venue.kit.ws.WebSocketSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The one public market data WebSocket ({@code /ws}) of the adapter: {@code l2Book} and {@code trades}
 * per coin, shared by the mids of market orders ({@link MidPrices}) and the market data subscriptions
 * ({@link io.fixbridge.venue.VenueAdapter#subscribeMarketData}). A coin has one upstream {@code l2Book}
 * subscription while either needs it (mids keep it once a market order asked) and one {@code trades}
 * subscription while it has a market data subscriber; both are unsubscribed when nothing needs them.
 * Opened at the first need, reconnected with backoff (the kit pings {@code {"method":"ping"}} every
 * {@code timeouts.wsPing}) and resubscribed on every connection until the adapter closes.
 *
 * <h2>Books</h2>
 * Every {@code l2Book} message is the whole book (up to {@value #DEPTH} levels a side; {@code nSigFigs}
 * aggregation is not asked for), so each one replaces the book and a lost one is no gap. The first book
 * of a subscription, and the first after a dropped connection, goes out with {@code resynced} true; a
 * dropped connection is a {@link BookInterrupted} (logged at INFO) until then. A subscriber joining a
 * coin whose book is already streaming gets the current book at once. After that a
 * {@link BookSnapshot} goes out for every message that changed the top levels, timed by the message's
 * {@code time}. Every {@code trades} entry is a {@link MarketTrade} whose aggressor is the taker's
 * {@code side} ({@code B} bought, {@code A} sold); trade ids already delivered (a resubscription) are
 * not delivered again.
 *
 * <p>Not a reported telemetry stream: it does not decide whether the venue is up (market orders fall
 * back to {@code POST /info l2Book}; a market data subscriber sees the interruption).
 *
 * <p><b>Threading:</b> all state lives on one serial executor over the adapter's callback pool, so each
 * listener gets its events one at a time in order; {@link #mid} reads a concurrent map from any thread.
 * {@link MarketDataSubscription#close()} may be called from any thread; once it returns the listener
 * gets nothing more. Nothing here throws into the kit: a message that cannot be read is logged.
 */
final class MarketStream implements WebSocketListener, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(MarketStream.class);
    /** Levels per side Hyperliquid's l2Book carries. */
    static final int DEPTH = 20;
    /** Trade ids remembered per coin to drop repeats. */
    private static final int REMEMBERED_TIDS = 4096;

    /** A mid and when its book arrived. */
    record Mid(BigDecimal price, Instant at) {
    }

    private final String venue;
    private final Clock clock;
    private final SerialExecutor serial;
    private final WebSocketClient client;
    private final Map<String, Mid> mids = new ConcurrentHashMap<>();

    // ---- confined to serial
    private final Map<String, Coin> coins = new LinkedHashMap<>();
    private WebSocketSession session;
    private boolean started;
    private boolean closed;

    MarketStream(String venue, HyperliquidConfig config, VenueExecutors executors, Clock clock) {
        this.venue = venue;
        this.clock = clock;
        this.serial = executors.newSerialExecutor();
        this.client = WebSocketClient.create(UserStream.wsConfig(config), this, executors);
    }

    /** The latest mid of {@code coin} the stream saw, if its book has both sides. */
    Optional<Mid> mid(String coin) {
        return Optional.ofNullable(mids.get(coin));
    }

    /** Keeps {@code coin}'s l2Book subscribed for its mid from now on; returns at once. */
    void watchMid(String coin) {
        serial.execute(() -> {
            if (closed) {
                return;
            }
            Coin c = coins.computeIfAbsent(coin, Coin::new);
            if (!c.midWatched) {
                c.midWatched = true;
                wire(c);
            }
            start();
        });
    }

    /** Starts streaming {@code market}'s book and trades to {@code listener}; returns at once. */
    MarketDataSubscription subscribe(HyperliquidMarket market, MarketDataListener listener) {
        Sub sub = new Sub(market.coin(), market.symbol(), listener);
        serial.execute(() -> add(sub));
        return sub;
    }

    /** Successful connections so far (tests). */
    int connectCount() {
        return client.connectCount();
    }

    /** Drops the connection now and reconnects (tests, operations). */
    void reconnect(String why) {
        client.reconnect(why);
    }

    @Override
    public void close() {
        serial.execute(() -> {
            closed = true;
            coins.clear();
        });
        client.close();
    }

    // ------------------------------------------------------------------ subscriptions (serial)

    private void start() {
        if (!started) {
            started = true;
            client.start();
        }
    }

    private void add(Sub sub) {
        if (closed) {
            return;
        }
        Coin c = coins.computeIfAbsent(sub.coin, Coin::new);
        c.subs.add(sub);
        if (c.book == null) {
            c.book = new LocalBook(sub.symbol, DEPTH);
        }
        if (c.live && c.last != null) {
            replace(c.book, c.last);
            sub.deliver(c.book.top(true, time(c.last), c.lastReceived));
        }
        wire(c);
        start();
    }

    private void remove(Sub sub) {
        Coin c = coins.get(sub.coin);
        if (c == null || !c.subs.remove(sub)) {
            return;
        }
        if (c.subs.isEmpty()) {
            c.book = null;
            c.interrupted = false;
        }
        if (!closed) {
            wire(c);
        }
    }

    /** Brings the coin's upstream subscriptions in line with what needs them; forgets a coin nothing needs. */
    private void wire(Coin c) {
        boolean wantBook = c.midWatched || !c.subs.isEmpty();
        boolean wantTrades = !c.subs.isEmpty();
        if (session != null) {
            if (wantBook != c.bookSubscribed) {
                send(session, wantBook ? "subscribe" : "unsubscribe", "l2Book", c.coin);
                c.bookSubscribed = wantBook;
            }
            if (wantTrades != c.tradesSubscribed) {
                send(session, wantTrades ? "subscribe" : "unsubscribe", "trades", c.coin);
                c.tradesSubscribed = wantTrades;
            }
        }
        if (!wantBook) {
            c.live = false;
            c.last = null;
            mids.remove(c.coin);
        }
        if (!wantBook && !wantTrades) {
            coins.remove(c.coin);
        }
    }

    private void send(WebSocketSession s, String method, String type, String coin) {
        ObjectNode msg = HyperliquidJson.object();
        msg.put("method", method);
        msg.putObject("subscription").put("type", type).put("coin", coin);
        s.send(HyperliquidJson.write(msg)).whenComplete((ok, e) -> {
            if (e != null) {
                LOG.debug("hyperliquid {}: {} {} {} not sent ({}); the reconnect sends it", venue, method, type, coin,
                        e.getMessage());
            }
        });
    }

    // ------------------------------------------------------------------ connection (kit callbacks)

    @Override
    public void onConnected(WebSocketSession s) {
        serial.execute(() -> {
            if (closed) {
                return;
            }
            session = s;
            for (Coin c : List.copyOf(coins.values())) {
                c.bookSubscribed = false;
                c.tradesSubscribed = false;
                wire(c);
            }
            LOG.info("hyperliquid {}: market data stream connected (connection {}), {} coins", venue,
                    s.connectionNumber(), coins.size());
        });
    }

    @Override
    public void onStateChange(ConnectionState state, String reason) {
        if (state != ConnectionState.DISCONNECTED) {
            LOG.debug("hyperliquid {}: market data stream {} ({})", venue, state, reason);
            return;
        }
        long now = System.nanoTime();
        serial.execute(() -> {
            session = null;
            if (closed) {
                return;
            }
            LOG.info("hyperliquid {}: market data stream disconnected ({}); reconnecting", venue, reason);
            for (Coin c : coins.values()) {
                c.bookSubscribed = false;
                c.tradesSubscribed = false;
                boolean wasLive = c.live;
                c.live = false;
                if (wasLive && !c.subs.isEmpty()) {
                    c.interrupted = true;
                    LOG.info("hyperliquid {}: book of {} interrupted: the connection dropped ({}); resynchronising",
                            venue, c.coin, reason);
                    emit(c, new BookInterrupted(c.subs.get(0).symbol, "the connection to Hyperliquid dropped ("
                            + reason + ")", now));
                }
            }
        });
    }

    @Override
    public void onMessage(WebSocketSession s, String text) {
        long received = System.nanoTime();
        serial.execute(() -> {
            if (!closed && s == session) {
                handle(text, received);
            }
        });
    }

    // ------------------------------------------------------------------ messages (serial)

    private void handle(String text, long received) {
        JsonNode node;
        try {
            node = HyperliquidJson.tree(text);
        } catch (RuntimeException e) {
            LOG.warn("hyperliquid {}: a market data message does not parse ({})", venue, e.getMessage());
            return;
        }
        switch (node.path("channel").asText("")) {
            case "l2Book" -> book(node.path("data"), received);
            case "trades" -> trades(node.path("data"), received);
            case "error" -> LOG.warn("hyperliquid {}: the market data stream reported an error: {}", venue,
                    node.path("data").asText(node.path("data").toString()));
            default -> {
            }
        }
    }

    private void book(JsonNode data, long received) {
        L2Book book;
        List<PriceLevel> bids;
        List<PriceLevel> asks;
        try {
            book = HyperliquidJson.convert(data, L2Book.class);
            bids = HyperliquidTranslator.bookSide(book, 0);
            asks = HyperliquidTranslator.bookSide(book, 1);
        } catch (RuntimeException e) {
            LOG.warn("hyperliquid {}: an l2Book message could not be read ({})", venue, e.getMessage());
            return;
        }
        Coin c = coins.get(book.coin());
        if (c == null || !c.bookSubscribed) {
            return; // unsubscribed meanwhile
        }
        MidPrices.midOf(book).ifPresentOrElse(m -> mids.put(book.coin(), new Mid(m, clock.instant())),
                () -> mids.remove(book.coin()));
        boolean resynced = !c.live;
        c.live = true;
        c.last = book;
        c.lastReceived = received;
        if (c.book == null) {
            return;
        }
        c.book.clear();
        bids.forEach(l -> c.book.bid(l.price(), l.size()));
        asks.forEach(l -> c.book.ask(l.price(), l.size()));
        if (resynced && c.interrupted) {
            LOG.info("hyperliquid {}: book of {} resynchronised from a new l2Book", venue, c.coin);
        }
        c.interrupted = false;
        emit(c, c.book.top(resynced, time(book), received));
    }

    private void trades(JsonNode data, long received) {
        List<WsTrade> trades;
        try {
            trades = HyperliquidJson.list(data, WsTrade.class);
        } catch (RuntimeException e) {
            LOG.warn("hyperliquid {}: a trades message could not be read ({})", venue, e.getMessage());
            return;
        }
        for (WsTrade t : trades) {
            Coin c = coins.get(t.coin());
            if (c == null || c.subs.isEmpty() || (t.tid() != null && !c.remember(t.tid()))) {
                continue;
            }
            List<MarketTrade> out;
            try {
                out = HyperliquidTranslator.trades(c.subs.get(0).symbol, List.of(t), received);
            } catch (RuntimeException e) {
                LOG.warn("hyperliquid {}: a trade of {} could not be read ({})", venue, t.coin(), e.getMessage());
                continue;
            }
            out.forEach(m -> emit(c, m));
        }
    }

    private Instant time(L2Book book) {
        return book.time() == null ? clock.instant() : Instant.ofEpochMilli(book.time());
    }

    private static void replace(LocalBook local, L2Book book) {
        local.clear();
        HyperliquidTranslator.bookSide(book, 0).forEach(l -> local.bid(l.price(), l.size()));
        HyperliquidTranslator.bookSide(book, 1).forEach(l -> local.ask(l.price(), l.size()));
    }

    private static void emit(Coin c, MarketDataEvent event) {
        if (event == null) {
            return;
        }
        for (Sub sub : List.copyOf(c.subs)) {
            sub.deliver(event);
        }
    }

    /** One coin's upstream subscriptions, last book and subscribers (serial). */
    private static final class Coin {
        final String coin;
        final List<Sub> subs = new ArrayList<>();
        final Set<Long> tids = new LinkedHashSet<>();
        boolean midWatched;
        boolean bookSubscribed;
        boolean tradesSubscribed;
        /** Whether the last l2Book of the current connection is at hand. */
        boolean live;
        /** Whether subscribers were told the book stopped being current and await the resync. */
        boolean interrupted;
        L2Book last;
        long lastReceived;
        LocalBook book;

        Coin(String coin) {
            this.coin = coin;
        }

        /** Remembers a trade id; false when it was delivered before. */
        boolean remember(long tid) {
            if (!tids.add(tid)) {
                return false;
            }
            if (tids.size() > REMEMBERED_TIDS) {
                tids.remove(tids.iterator().next());
            }
            return true;
        }
    }

    /** One subscription; closing it leaves the coin's streams on the serial executor. */
    private final class Sub extends GatedSubscription {
        final String coin;
        final String symbol;

        Sub(String coin, String symbol, MarketDataListener listener) {
            super(symbol, listener, "hyperliquid " + venue);
            this.coin = coin;
            this.symbol = symbol;
        }

        @Override
        protected void closed() {
            serial.execute(() -> remove(this));
        }
    }
}

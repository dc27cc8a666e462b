package io.fixbridge.venue.bybit;

import com.fasterxml.jackson.databind.JsonNode;
import io.fixbridge.venue.BookInterrupted;
import io.fixbridge.venue.BookSnapshot;
import io.fixbridge.venue.MarketDataEvent;
import io.fixbridge.venue.MarketDataListener;
import io.fixbridge.venue.MarketDataSubscription;
import io.fixbridge.venue.MarketTrade;
import io.fixbridge.venue.VenueTelemetry;
import io.fixbridge.venue.bybit.dto.OrderbookMessage;
import io.fixbridge.venue.bybit.dto.PublicTradeMessage;
import io.fixbridge.venue.kit.Backoff;
import io.fixbridge.venue.kit.SerialExecutor;
import io.fixbridge.venue.kit.VenueExecutors;
import io.fixbridge.venue.kit.book.GatedSubscription;
import io.fixbridge.venue.kit.book.LocalBook;
import io.fixbridge.venue.kit.ws.ConnectionState;
import io.fixbridge.venue.kit.ws.StreamTelemetry;
import io.fixbridge.venue.kit.ws.WebSocketClient;
import io.fixbridge.venue.kit.ws.WebSocketConfig;
import io.fixbridge.venue.kit.ws.WebSocketListener;
import io.fixbridge.venue.kit.ws.WebSocketSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The public WebSocket of one category ({@code <publicWsUrl>/spot|linear|inverse}): the books and
 * trades of every subscribed symbol of that category on one connection, opened at the first
 * subscription and kept (reconnected with backoff) until the adapter closes. The kit sends
 * {@code {"op":"ping"}} every wsPingMs and drops a connection silent for three of them.
 *
 * <h2>Books, by Bybit's rules</h2>
 * Each symbol subscribes {@code orderbook.{bookDepth}.{symbol}} and {@code publicTrade.{symbol}}.
 * <ul>
 *   <li>A {@code snapshot} replaces the book. The first one after a subscription, a gap or a
 *       reconnect is sent on as a {@link BookSnapshot} with {@code resynced} true (and logged at INFO
 *       when it ends an interruption). A snapshot whose {@code u} does not continue the book's (Bybit
 *       restarted its service and starts again at {@code u=1}) is an interruption followed at once by
 *       a resynced book; one that continues it (level 1 sends only snapshots, and repeats an unchanged
 *       one with the same {@code u}) is an ordinary update.</li>
 *   <li>A {@code delta} must carry the previous {@code u} plus one; it sets each listed level's size
 *       (zero removes it). Any other {@code u} is a gap: {@link BookInterrupted} goes out, the gap is
 *       logged at INFO, and the orderbook topic is unsubscribed and subscribed again so Bybit sends a
 *       fresh snapshot; deltas until then are ignored.</li>
 *   <li>A dropped connection interrupts every live book of the category; the reconnect subscribes
 *       every topic again and the snapshots resynchronise them.</li>
 *   <li>A book still waiting for its snapshot {@link #resyncTimeout} after it asked (a refused or lost
 *       subscription) makes the connection reconnect, which asks again.</li>
 * </ul>
 * A {@link BookSnapshot} goes out after every message that changed the top {@code bookDepth} levels,
 * timed by the message's {@code cts}. Every {@code publicTrade} entry is a {@link MarketTrade} whose
 * aggressor is the taker's side {@code S}. When a symbol's last subscription closes, both its topics
 * are unsubscribed.
 *
 * <p>Telemetry: the stream {@code public:<category>}, connected from the handshake.
 *
 * <p><b>Threading:</b> all state lives on one serial executor over the adapter's callback pool:
 * messages, connection changes, subscriptions and their closing are handed to it, so each listener
 * gets its events one at a time in order. {@link MarketDataSubscription#close()} may be called from
 * any thread (the listener's included); once it returns the listener gets nothing more. Nothing here
 * throws into the kit: a message that does not parse is logged, and if it was a book message the book
 * is resynchronised.
 */
final class PublicStream implements WebSocketListener, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PublicStream.class);
    /** Topics per subscribe request: Bybit's spot limit, used for every category. */
    static final int MAX_ARGS = 10;

    private final String venue;
    private final BybitCategory category;
    private final int depth;
    private final Duration resyncTimeout;
    private final VenueExecutors executors;
    private final SerialExecutor serial;
    private final WebSocketClient client;
    private final AtomicInteger requestIds = new AtomicInteger();

    // ---- confined to serial
    private final Map<String, Book> books = new LinkedHashMap<>();
    private WebSocketSession session;
    private boolean started;
    private boolean closed;
    private ScheduledFuture<?> watchdog;

    PublicStream(String venue, BybitCategory category, BybitConfig config, VenueExecutors executors,
                 VenueTelemetry telemetry) {
        this.venue = venue;
        this.category = category;
        this.depth = config.bookDepth();
        this.executors = executors;
        this.serial = executors.newSerialExecutor();
        BybitConfig.Timeouts t = config.timeouts();
        this.resyncTimeout = Duration.ofMillis(Math.max(1000, t.connectMs() + 2 * t.requestMs()));
        this.client = WebSocketClient.create(WebSocketConfig.builder(config.publicWsUrl(category))
                .connectTimeout(Duration.ofMillis(t.connectMs()))
                .pingInterval(Duration.ofMillis(t.wsPingMs()))
                .deadAfter(Duration.ofMillis(t.wsPingMs() * 3))
                .appPing("{\"op\":\"ping\"}")
                .backoff(Backoff.exponential(Duration.ofMillis(t.reconnectMinMs()), Duration.ofMillis(t.reconnectMaxMs())))
                .stream(StreamTelemetry.onConnect(telemetry, streamName(category)))
                .build(), this, executors);
    }

    /** The stream's bounded name for telemetry. */
    static String streamName(BybitCategory category) {
        return "public:" + category.wireName();
    }

    /** How long a book may wait for its snapshot before the connection is renewed. */
    Duration resyncTimeout() {
        return resyncTimeout;
    }

    /**
     * Starts keeping {@code instrument}'s book and trades for {@code listener}; returns at once. The first
     * subscription opens the connection.
     */
    MarketDataSubscription subscribe(BybitInstrument instrument, MarketDataListener listener) {
        Sub sub = new Sub(instrument.venueSymbol(), instrument.symbol(), Objects.requireNonNull(listener, "listener"));
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
            books.clear();
            if (watchdog != null) {
                watchdog.cancel(false);
            }
        });
        client.close();
    }

    // ------------------------------------------------------------------ subscriptions (serial)

    private void add(Sub sub) {
        if (closed) {
            return;
        }
        Book b = books.get(sub.venueSymbol);
        if (b == null) {
            b = new Book(sub.venueSymbol, sub.unified, new LocalBook(sub.unified, depth));
            books.put(sub.venueSymbol, b);
            b.subs.add(sub);
            b.waitingSince = System.nanoTime();
            if (session != null) {
                send(session, "subscribe", b.topics());
            }
        } else {
            b.subs.add(sub);
            if (b.live) {
                BookSnapshot first = b.book.top(true, b.venueTime, System.nanoTime());
                sub.deliver(first);
            }
        }
        if (!started) {
            started = true;
            client.start();
            watchdog = executors.scheduler().scheduleWithFixedDelay(() -> serial.execute(this::checkResyncs),
                    resyncTimeout.toMillis() / 2, resyncTimeout.toMillis() / 2, TimeUnit.MILLISECONDS);
        }
    }

    private void remove(Sub sub) {
        Book b = books.get(sub.venueSymbol);
        if (b == null || !b.subs.remove(sub) || !b.subs.isEmpty()) {
            return;
        }
        books.remove(sub.venueSymbol);
        if (session != null && !closed) {
            send(session, "unsubscribe", b.topics());
        }
    }

    // ------------------------------------------------------------------ connection (kit callbacks)

    @Override
    public void onConnected(WebSocketSession s) {
        serial.execute(() -> {
            if (closed) {
                return;
            }
            session = s;
            List<String> topics = new ArrayList<>();
            long now = System.nanoTime();
            for (Book b : books.values()) {
                topics.addAll(b.topics());
                b.waitingSince = now;
            }
            if (!topics.isEmpty()) {
                send(s, "subscribe", topics);
            }
            LOG.info("bybit venue {}: public {} stream connected (connection {}), {} symbols subscribed", venue,
                    category.wireName(), s.connectionNumber(), books.size());
        });
    }

    @Override
    public void onStateChange(ConnectionState state, String reason) {
        if (state != ConnectionState.DISCONNECTED) {
            LOG.debug("bybit venue {}: public {} stream {} ({})", venue, category.wireName(), state, reason);
            return;
        }
        long now = System.nanoTime();
        serial.execute(() -> {
            session = null;
            if (closed) {
                return;
            }
            LOG.info("bybit venue {}: public {} stream disconnected ({}); reconnecting", venue, category.wireName(),
                    reason);
            for (Book b : books.values()) {
                interrupt(b, "the connection to Bybit dropped (" + reason + ")", now);
            }
        });
    }

    @Override
    public void onMessage(WebSocketSession s, String text) {
        long received = System.nanoTime();
        serial.execute(() -> {
            if (!closed && s == session) {
                handle(s, text, received);
            }
        });
    }

    // ------------------------------------------------------------------ messages (serial)

    private void handle(WebSocketSession s, String text, long received) {
        JsonNode node;
        try {
            node = BybitJson.tree(text);
        } catch (RuntimeException e) {
            LOG.warn("bybit venue {}: a public {} stream message does not parse ({})", venue, category.wireName(),
                    e.getMessage());
            return;
        }
        String topic = node.path("topic").asText("");
        if (topic.startsWith("orderbook.")) {
            book(s, topic, node, received);
        } else if (topic.startsWith("publicTrade.")) {
            trades(topic, node, received);
        } else if (!topic.isEmpty()) {
            LOG.debug("bybit venue {}: public message of topic {} ignored", venue, topic);
        } else {
            answer(node);
        }
    }

    private void answer(JsonNode node) {
        String op = node.path("op").asText("");
        if (!"subscribe".equals(op) && !"unsubscribe".equals(op)) {
            return; // pong
        }
        if (node.path("success").asBoolean(false)) {
            return;
        }
        String msg = node.path("ret_msg").asText("");
        if (msg.startsWith("error:already subscribed")) {
            LOG.debug("bybit venue {}: public {} {}: {}", venue, category.wireName(), op, msg);
        } else {
            LOG.warn("bybit venue {}: Bybit refused the public {} {} ({}, {}); books waiting for it are asked for "
                    + "again after {} ms", venue, category.wireName(), op, msg, node.path("req_id").asText(""),
                    resyncTimeout.toMillis());
        }
    }

    private void book(WebSocketSession s, String topic, JsonNode node, long received) {
        Book b = books.get(topic.substring(topic.lastIndexOf('.') + 1));
        if (b == null || !topic.equals(b.bookTopic())) {
            return; // unsubscribed meanwhile, or another depth
        }
        BookMessage m;
        try {
            m = BybitTranslator.orderbook(BybitJson.convert(node, OrderbookMessage.class));
        } catch (RuntimeException e) {
            LOG.warn("bybit venue {}: an orderbook message of {} could not be read ({})", venue, b.venueSymbol,
                    e.getMessage());
            if (interrupt(b, "an orderbook message could not be read", received)) {
                resubscribe(s, b);
            }
            return;
        }
        if (m.snapshot()) {
            if (b.live && m.updateId() != b.u && m.updateId() != b.u + 1) {
                interrupt(b, "Bybit restarted the book (snapshot with u=" + m.updateId() + " after u=" + b.u + ")",
                        received);
            }
            boolean resynced = !b.live;
            b.book.clear();
            apply(b.book, m);
            b.u = m.updateId();
            b.venueTime = m.venueTime();
            b.live = true;
            if (resynced && b.interrupted) {
                LOG.info("bybit venue {}: {} book of {} resynchronised from a snapshot (u={})", venue,
                        category.wireName(), b.venueSymbol, m.updateId());
            }
            b.interrupted = false;
            b.waitingSince = 0;
            emit(b, b.book.top(resynced, m.venueTime(), received));
            return;
        }
        if (!b.live || m.updateId() <= b.u) {
            return; // waiting for a snapshot, or already applied
        }
        if (m.updateId() != b.u + 1) {
            if (interrupt(b, "update id jumped from " + b.u + " to " + m.updateId(), received)) {
                resubscribe(s, b);
            }
            return;
        }
        apply(b.book, m);
        b.u = m.updateId();
        b.venueTime = m.venueTime();
        emit(b, b.book.top(false, m.venueTime(), received));
    }

    private static void apply(LocalBook book, BookMessage m) {
        for (BookMessage.Level l : m.bids()) {
            book.bid(l.price(), l.size());
        }
        for (BookMessage.Level l : m.asks()) {
            book.ask(l.price(), l.size());
        }
    }

    private void trades(String topic, JsonNode node, long received) {
        Book b = books.get(topic.substring(topic.indexOf('.') + 1));
        if (b == null) {
            return;
        }
        List<MarketTrade> trades;
        try {
            trades = BybitTranslator.publicTrades(b.unified, BybitJson.convert(node, PublicTradeMessage.class),
                    received);
        } catch (RuntimeException e) {
            LOG.warn("bybit venue {}: a publicTrade message of {} could not be read ({})", venue, b.venueSymbol,
                    e.getMessage());
            return;
        }
        for (MarketTrade t : trades) {
            emit(b, t);
        }
    }

    /** Marks {@code b} stale and tells its subscribers; false when it was not live (nothing to tell). */
    private boolean interrupt(Book b, String reason, long nanos) {
        if (!b.live) {
            return false;
        }
        b.live = false;
        b.interrupted = true;
        b.waitingSince = System.nanoTime();
        LOG.info("bybit venue {}: {} book of {} interrupted: {}; resynchronising", venue, category.wireName(),
                b.venueSymbol, reason);
        emit(b, new BookInterrupted(b.unified, reason, nanos));
        return true;
    }

    /** Asks Bybit for a fresh snapshot: unsubscribes and subscribes the orderbook topic again. */
    private void resubscribe(WebSocketSession s, Book b) {
        send(s, "unsubscribe", List.of(b.bookTopic()));
        send(s, "subscribe", List.of(b.bookTopic()));
    }

    /** Renews the connection when a book waited too long for its snapshot. */
    private void checkResyncs() {
        if (closed || session == null) {
            return;
        }
        long now = System.nanoTime();
        for (Book b : books.values()) {
            if (!b.live && b.waitingSince != 0 && now - b.waitingSince > resyncTimeout.toNanos()) {
                LOG.warn("bybit venue {}: no orderbook snapshot of {} within {} ms; reconnecting the public {} stream",
                        venue, b.venueSymbol, resyncTimeout.toMillis(), category.wireName());
                b.waitingSince = now;
                client.reconnect("no orderbook snapshot of " + b.venueSymbol);
                return;
            }
        }
    }

    private void emit(Book b, MarketDataEvent event) {
        if (event == null) {
            return;
        }
        for (Sub sub : List.copyOf(b.subs)) {
            sub.deliver(event);
        }
    }

    private void send(WebSocketSession s, String op, List<String> topics) {
        for (int i = 0; i < topics.size(); i += MAX_ARGS) {
            Map<String, Object> request = new LinkedHashMap<>();
            request.put("req_id", "md-" + requestIds.incrementAndGet());
            request.put("op", op);
            request.put("args", topics.subList(i, Math.min(topics.size(), i + MAX_ARGS)));
            s.send(BybitJson.write(request)).whenComplete((ok, e) -> {
                if (e != null) {
                    LOG.debug("bybit venue {}: public {} {} not sent ({}); the reconnect sends it", venue,
                            category.wireName(), op, e.getMessage());
                }
            });
        }
    }

    /** One symbol's book (serial). */
    private final class Book {
        final String venueSymbol;
        final String unified;
        final LocalBook book;
        final List<Sub> subs = new ArrayList<>();
        long u;
        boolean live;
        boolean interrupted;
        Instant venueTime = Instant.EPOCH;
        /** System.nanoTime() since when it waits for a snapshot; 0 when it is live. */
        long waitingSince;

        Book(String venueSymbol, String unified, LocalBook book) {
            this.venueSymbol = venueSymbol;
            this.unified = unified;
            this.book = book;
        }

        String bookTopic() {
            return BybitTranslator.orderbookTopic(depth, venueSymbol);
        }

        List<String> topics() {
            return List.of(bookTopic(), BybitTranslator.publicTradeTopic(venueSymbol));
        }
    }

    /** One subscription; closing it leaves the topic on the serial executor. */
    private final class Sub extends GatedSubscription {
        final String venueSymbol;
        final String unified;

        Sub(String venueSymbol, String unified, MarketDataListener listener) {
            super(unified, listener, "bybit venue " + venue);
            this.venueSymbol = venueSymbol;
            this.unified = unified;
        }

        @Override
        protected void closed() {
            serial.execute(() -> remove(this));
        }
    }
}

package io.fixbridge.gateway.marketdata;

import io.fixbridge.gateway.translate.MarketDataMessages;
import io.fixbridge.venue.BookInterrupted;
import io.fixbridge.venue.BookSnapshot;
import io.fixbridge.venue.Instrument;
import io.fixbridge.venue.MarketDataEvent;
import io.fixbridge.venue.MarketDataSubscription;
import io.fixbridge.venue.MarketTrade;
import io.fixbridge.venue.PriceLevel;
import io.fixbridge.venue.VenueAdapter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import quickfix.Message;
import quickfix.SessionID;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Serves MarketDataRequests: one venue subscription per instrument, whatever the number of FIX
 * subscribers, fanned out to each at the depth it asked for, and ended when its last subscriber
 * leaves (an unsubscribe, a snapshot answered, a logout).
 *
 * <p>Each subscriber first gets a full refresh (35=W) of every instrument it asked for, as soon as
 * the venue's book is there; then, for a subscription, an incremental refresh (35=X) for every
 * change of the levels it sees and every trade (or a full refresh each time with MDUpdateType
 * 0). When the venue's book was rebuilt after a gap or a dropped stream, every subscriber gets a
 * full refresh of it again, which replaces its copy.
 *
 * <p><b>Threading:</b> all state lives on the hub's one thread ({@code marketdata}); the public
 * methods hand work to it and return at once, venue events are queued to it the same way. Messages
 * go out through {@link Sender}, which must not block for long.
 */
public final class MarketDataHub implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(MarketDataHub.class);

    /** How long a snapshot request waits for the venue's first book before it is refused. */
    public static final Duration FIRST_BOOK_TIMEOUT = Duration.ofSeconds(10);

    /** Sends a message on a FIX session; thread-safe, never throws. */
    @FunctionalInterface
    public interface Sender {
        void send(SessionID session, Message message);
    }

    private final Function<String, Optional<VenueAdapter>> venues;
    private final Sender sender;
    private final MarketDataObserver observer;
    private final ScheduledThreadPoolExecutor thread;

    // confined to the hub's thread
    private final Map<Key, Upstream> upstreams = new HashMap<>();
    private final Map<SessionID, Map<String, Subscriber>> sessions = new HashMap<>();

    /**
     * @param venues   the adapter of a venue name, empty for an unknown venue
     * @param sender   sends on a session
     * @param observer metrics
     */
    public MarketDataHub(Function<String, Optional<VenueAdapter>> venues, Sender sender, MarketDataObserver observer) {
        this.venues = venues;
        this.sender = sender;
        this.observer = observer;
        this.thread = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "marketdata");
            t.setDaemon(true);
            return t;
        });
        this.thread.setRemoveOnCancelPolicy(true);
    }

    /** Serves a request read from {@code session}. Any thread; returns at once. */
    public void request(SessionID session, MdRequest request) {
        run(() -> handle(session, request));
    }

    /** Refuses a request that could not be read. Any thread. */
    public void refuse(SessionID session, MdReject reject) {
        sender.send(session, MarketDataMessages.reject(reject));
    }

    /** Ends every subscription of a session that logged out or dropped. Any thread. */
    public void sessionDown(SessionID session) {
        run(() -> {
            Map<String, Subscriber> subs = sessions.remove(session);
            if (subs != null) {
                subs.values().forEach(this::detach);
                LOG.info("market data: {} subscription(s) of {} ended with the session", subs.size(), session);
            }
        });
    }

    /** How many venue subscriptions are open (for tests and the admin view). Blocks up to a second. */
    public int upstreamCount() {
        try {
            return thread.submit(upstreams::size).get(1, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("the market data thread did not answer", e);
        }
    }

    @Override
    public void close() {
        try {
            thread.submit(() -> {
                upstreams.values().forEach(u -> u.subscription.close());
                upstreams.clear();
                sessions.clear();
            }).get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            LOG.warn("market data: venue subscriptions not all closed at shutdown: {}", e.toString());
        }
        thread.shutdownNow();
    }

    // ------------------------------------------------------------------ hub thread

    private void handle(SessionID session, MdRequest request) {
        Map<String, Subscriber> open = sessions.computeIfAbsent(session, s -> new LinkedHashMap<>());
        if (request.kind() == MdRequest.Kind.UNSUBSCRIBE) {
            Subscriber sub = open.remove(request.mdReqId());
            if (sub == null) {
                refuse(session, new MdReject(request.mdReqId(), MdReject.NONE, "there is no open subscription with MDReqID(262)="
                        + request.mdReqId() + " on this session; open ones: " + open.keySet()));
            } else {
                detach(sub);
                LOG.info("market data: {} unsubscribed {}", session, request.mdReqId());
            }
            return;
        }
        if (open.containsKey(request.mdReqId())) {
            refuse(session, new MdReject(request.mdReqId(), MdReject.DUPLICATE_MDREQID, "MDReqID(262)=" + request.mdReqId()
                    + " is already open on this session; unsubscribe it (263=2) or use another MDReqID"));
            return;
        }
        Optional<MdReject> problem = check(request);
        if (problem.isPresent()) {
            refuse(session, problem.get());
            return;
        }
        Subscriber sub = new Subscriber(session, request);
        for (MdRequest.MdInstrument instrument : request.instruments()) {
            VenueAdapter adapter = venues.apply(instrument.venue()).orElseThrow();
            int depth = request.depth() == 0 ? adapter.maxBookDepth() : request.depth();
            sub.views.put(new Key(instrument.venue(), instrument.symbol()), new View(depth));
        }
        open.put(request.mdReqId(), sub);
        for (Key key : sub.views.keySet()) {
            Upstream up = upstreams.get(key);
            if (up == null) {
                try {
                    up = open(key);
                } catch (RuntimeException e) {
                    LOG.warn("market data: venue {} refused a subscription to {}", key.venue, key.symbol, e);
                    detach(sub);
                    open.remove(request.mdReqId());
                    refuse(session, new MdReject(request.mdReqId(), MdReject.NONE, "venue " + key.venue
                            + " could not start market data for " + key.symbol + ": " + e.getMessage()));
                    return;
                }
            }
            up.subscribers.add(sub);
            observer.subscribers(key.venue, key.symbol, up.subscribers.size());
            if (up.book != null) {
                snapshot(sub, up);
            }
        }
        if (request.kind() == MdRequest.Kind.SNAPSHOT && !sub.done()) {
            thread.schedule(() -> firstBookLate(sub), FIRST_BOOK_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        }
        LOG.info("market data: {} {} {} depth {} {}", session, request.kind() == MdRequest.Kind.SNAPSHOT ? "snapshot" : "subscribed",
                request.mdReqId(), request.depth(), request.instruments());
    }

    private Optional<MdReject> check(MdRequest request) {
        String id = request.mdReqId();
        for (MdRequest.MdInstrument instrument : request.instruments()) {
            Optional<VenueAdapter> adapter = venues.apply(instrument.venue());
            if (adapter.isEmpty()) {
                return Optional.of(new MdReject(id, MdReject.UNKNOWN_SYMBOL, "SecurityExchange(207)=" + instrument.venue()
                        + " is not a venue of this gateway"));
            }
            List<Instrument> listed = adapter.get().instruments();
            if (listed.isEmpty()) {
                return Optional.of(new MdReject(id, MdReject.NONE, "venue " + instrument.venue()
                        + " is not connected yet; ask again once it is"));
            }
            if (listed.stream().noneMatch(i -> i.symbol().equals(instrument.symbol()))) {
                return Optional.of(new MdReject(id, MdReject.UNKNOWN_SYMBOL, "venue " + instrument.venue() + " does not list Symbol(55)="
                        + instrument.symbol() + "; symbols are unified (BTC/USDT, BTC/USDT:USDT); a SecurityListRequest (35=x) lists them"));
            }
            int max = adapter.get().maxBookDepth();
            if (request.depth() > max) {
                return Optional.of(new MdReject(id, MdReject.UNSUPPORTED_MARKET_DEPTH, "MarketDepth(264)=" + request.depth()
                        + " is deeper than venue " + instrument.venue() + " publishes; send 1 to " + max + ", or 0 for all " + max + " levels"));
            }
        }
        return Optional.empty();
    }

    private Upstream open(Key key) {
        VenueAdapter adapter = venues.apply(key.venue).orElseThrow();
        Upstream up = new Upstream(key);
        up.subscription = adapter.subscribeMarketData(key.symbol, event -> run(() -> onEvent(up, event)));
        upstreams.put(key, up);
        LOG.info("market data: subscribed to {} on venue {}", key.symbol, key.venue);
        return up;
    }

    private void onEvent(Upstream up, MarketDataEvent event) {
        if (up.closed) {
            return;
        }
        if (event instanceof BookSnapshot book) {
            onBook(up, book);
        } else if (event instanceof MarketTrade trade) {
            onTrade(up, trade);
        } else if (event instanceof BookInterrupted interrupted) {
            LOG.info("market data: venue {} book of {} interrupted ({}); subscribers get a full refresh once it is rebuilt",
                    up.key.venue, up.key.symbol, interrupted.reason());
        }
    }

    private void onBook(Upstream up, BookSnapshot book) {
        boolean rebuilt = book.resynced() && up.book != null;
        up.book = book;
        if (rebuilt) {
            observer.resynced(up.key.venue, up.key.symbol);
            LOG.info("market data: venue {} book of {} rebuilt; full refresh to {} subscriber(s)", up.key.venue,
                    up.key.symbol, up.subscribers.size());
        }
        List<BookDiff.Change> changes = new ArrayList<>();
        for (Subscriber sub : List.copyOf(up.subscribers)) {
            View view = sub.views.get(up.key);
            if (!view.sent || rebuilt || sub.request.fullRefresh()) {
                if (sub.request.wantsBook() || !view.sent) {
                    snapshot(sub, up);
                    observer.published(up.key.venue, "book", System.nanoTime() - book.receivedNanos());
                }
                continue;
            }
            if (!sub.request.wantsBook()) {
                continue;
            }
            List<PriceLevel> bids = BookDiff.top(book.bids(), view.depth);
            List<PriceLevel> asks = BookDiff.top(book.asks(), view.depth);
            changes.clear();
            if (sub.request.entryTypes().contains(MdRequest.EntryType.BID)) {
                BookDiff.diff(MdRequest.EntryType.BID, view.bids, bids, changes);
            }
            if (sub.request.entryTypes().contains(MdRequest.EntryType.OFFER)) {
                BookDiff.diff(MdRequest.EntryType.OFFER, view.asks, asks, changes);
            }
            view.bids = bids;
            view.asks = asks;
            if (!changes.isEmpty()) {
                sender.send(sub.session, MarketDataMessages.levelChanges(sub.request.mdReqId(), up.key.venue, up.key.symbol, changes));
                observer.published(up.key.venue, "book", System.nanoTime() - book.receivedNanos());
            }
        }
    }

    private void onTrade(Upstream up, MarketTrade trade) {
        up.lastTrade = trade;
        for (Subscriber sub : up.subscribers) {
            if (sub.request.entryTypes().contains(MdRequest.EntryType.TRADE) && sub.views.get(up.key).sent) {
                sender.send(sub.session, sub.request.fullRefresh()
                        ? fullRefresh(sub, up)
                        : MarketDataMessages.trade(sub.request.mdReqId(), up.key.venue, trade));
                observer.published(up.key.venue, "trade", System.nanoTime() - trade.receivedNanos());
            }
        }
    }

    /** Sends a full refresh of {@code up}'s instrument to {@code sub}; a snapshot request that has all its answers ends. */
    private void snapshot(Subscriber sub, Upstream up) {
        sender.send(sub.session, fullRefresh(sub, up));
        if (sub.request.kind() == MdRequest.Kind.SNAPSHOT && sub.done()) {
            Map<String, Subscriber> open = sessions.get(sub.session);
            if (open != null) {
                open.remove(sub.request.mdReqId());
            }
            detach(sub);
        }
    }

    private Message fullRefresh(Subscriber sub, Upstream up) {
        View view = sub.views.get(up.key);
        view.bids = BookDiff.top(up.book.bids(), view.depth);
        view.asks = BookDiff.top(up.book.asks(), view.depth);
        view.sent = true;
        return MarketDataMessages.snapshot(sub.request.mdReqId(), up.key.venue, up.key.symbol, view.bids, view.asks,
                up.lastTrade, sub.request.entryTypes());
    }

    private void firstBookLate(Subscriber sub) {
        Map<String, Subscriber> open = sessions.get(sub.session);
        if (sub.done() || open == null || open.get(sub.request.mdReqId()) != sub) {
            return;
        }
        open.remove(sub.request.mdReqId());
        detach(sub);
        List<Key> missing = sub.views.entrySet().stream().filter(e -> !e.getValue().sent).map(Map.Entry::getKey).toList();
        refuse(sub.session, new MdReject(sub.request.mdReqId(), MdReject.NONE, "no book came from the venue within "
                + FIRST_BOOK_TIMEOUT.toSeconds() + " s for " + missing + "; ask again"));
    }

    private void detach(Subscriber sub) {
        for (Key key : sub.views.keySet()) {
            Upstream up = upstreams.get(key);
            if (up == null || !up.subscribers.remove(sub)) {
                continue;
            }
            observer.subscribers(key.venue, key.symbol, up.subscribers.size());
            if (up.subscribers.isEmpty()) {
                up.closed = true;
                up.subscription.close();
                upstreams.remove(key);
                LOG.info("market data: unsubscribed from {} on venue {}: no subscriber left", key.symbol, key.venue);
            }
        }
    }

    private void run(Runnable task) {
        try {
            thread.execute(() -> {
                try {
                    task.run();
                } catch (RuntimeException e) {
                    LOG.error("market data: a task failed", e);
                }
            });
        } catch (RejectedExecutionException e) {
            LOG.debug("market data: hub closed, task dropped");
        }
    }

    /** A venue and a unified symbol. */
    private record Key(String venue, String symbol) {
        @Override
        public String toString() {
            return symbol + "@" + venue;
        }
    }

    /** One venue subscription and what it last said. */
    private static final class Upstream {
        final Key key;
        final List<Subscriber> subscribers = new ArrayList<>(2);
        MarketDataSubscription subscription;
        BookSnapshot book;
        MarketTrade lastTrade;
        boolean closed;

        Upstream(Key key) {
            this.key = key;
        }
    }

    /** One MarketDataRequest of one session. */
    private static final class Subscriber {
        final SessionID session;
        final MdRequest request;
        final Map<Key, View> views = new LinkedHashMap<>();

        Subscriber(SessionID session, MdRequest request) {
            this.session = session;
            this.request = request;
        }

        /** Whether every instrument has had its full refresh. */
        boolean done() {
            return views.values().stream().allMatch(v -> v.sent);
        }
    }

    /** What one subscriber last saw of one instrument. */
    private static final class View {
        final int depth;
        List<PriceLevel> bids = List.of();
        List<PriceLevel> asks = List.of();
        boolean sent;

        View(int depth) {
            this.depth = depth;
        }
    }
}

package io.fixbridge.venue.ccxt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fixbridge.venue.BookInterrupted;
import io.fixbridge.venue.BookSnapshot;
import io.fixbridge.venue.MarketDataListener;
import io.fixbridge.venue.MarketDataSubscription;
import io.fixbridge.venue.MarketTrade;
import io.fixbridge.venue.ccxt.dto.CcxtBook;
import io.fixbridge.venue.ccxt.dto.CcxtPublicTrade;
import io.fixbridge.venue.kit.Backoff;
import io.fixbridge.venue.kit.VenueCalls;
import io.fixbridge.venue.kit.book.GatedSubscription;
import io.fixbridge.venue.kit.json.VenueJson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * The public market data of {@link CcxtAdapter#subscribeMarketData}: one upstream watch per symbol in the sidecar
 * ({@code watchMarketData}: ccxt's watchOrderBook and watchTrades on the first account's ccxt instance, the data
 * being public), shared by every subscription of the symbol and unwatched ({@code unwatchMarketData}) when the
 * last of them closes. The sidecar's {@code book}, {@code publicTrades} and {@code bookInterrupted} events become
 * {@link BookSnapshot}s of at most {@code bookDepth} levels, {@link MarketTrade}s and {@link BookInterrupted}s.
 *
 * <h2>Resync</h2>
 * ccxt keeps the book by the venue's rules; when it loses it (a sequence gap: ccxt's ChecksumError/InvalidNonce,
 * or the sidecar's Bybit update-id check; a dropped stream) the sidecar reports {@code bookInterrupted} and
 * rebuilds it. A stopped sidecar is an interruption of every book too, and the supervisor's new sidecar is asked
 * to watch every symbol again once it is up. Either way the next book is sent with {@code resynced} true (so is
 * each subscription's first). Each interruption and resync is logged at INFO, one line.
 *
 * <h2>Threading</h2>
 * {@link #subscribe} and {@link MarketDataSubscription#close} from any thread (the set of subscriptions changes
 * under one lock). Sidecar events are handed over on the sidecar's reader thread and only enqueued: every feed's
 * state and every listener call live on one serial executor, so a subscription's events come one at a time and
 * in order. A delivery and {@code close} exclude each other, so nothing is delivered once close returned.
 *
 * <h2>Errors</h2>
 * A watch the sidecar refuses or does not answer is an interruption and is asked again with backoff (1 s to
 * 30 s) while the symbol is subscribed; an exchange without ccxt's watchOrderBook is an interruption logged at
 * ERROR and not asked again. A book or trade that does not read is logged at ERROR and left out. Nothing
 * throws into the sidecar's reader thread.
 */
final class CcxtMarketData {
    private static final Logger LOG = LoggerFactory.getLogger(CcxtMarketData.class);
    private static final ObjectMapper JSON = VenueJson.mapper();
    private static final Backoff RETRY = Backoff.exponential(Duration.ofSeconds(1), Duration.ofSeconds(30));

    private final String label;
    private final String account;
    private final int depth;
    private final long timeoutMs;
    private final Sidecar sidecar;
    private final Executor events;
    private final ScheduledExecutorService scheduler;
    private final Clock clock;
    private final Predicate<String> listed;
    private final Object lock = new Object();
    /** Changed under {@link #lock}, read from anywhere. */
    private final Map<String, Feed> feeds = new ConcurrentHashMap<>();
    private volatile boolean closed;

    /**
     * @param account   the account whose ccxt instance watches (market data is public: the first one)
     * @param depth     levels per side of the books ({@code bookDepth})
     * @param events    the serial executor every feed and listener runs on
     * @param listed    whether the adapter lists a symbol (and is connected)
     */
    CcxtMarketData(String label, String account, int depth, long timeoutMs, Sidecar sidecar, Executor events,
                   ScheduledExecutorService scheduler, Clock clock, Predicate<String> listed) {
        this.label = Objects.requireNonNull(label, "label");
        this.account = Objects.requireNonNull(account, "account");
        this.depth = depth;
        this.timeoutMs = timeoutMs;
        this.sidecar = Objects.requireNonNull(sidecar, "sidecar");
        this.events = Objects.requireNonNull(events, "events");
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.listed = Objects.requireNonNull(listed, "listed");
    }

    /**
     * Subscribes {@code listener} to {@code symbol}: the first subscription of a symbol starts its upstream watch;
     * a later one shares it and gets the book held as its first (resynced) event.
     *
     * @throws IllegalArgumentException when the adapter does not list {@code symbol}
     * @throws IllegalStateException    when the adapter is closed
     */
    MarketDataSubscription subscribe(String symbol, MarketDataListener listener) {
        Objects.requireNonNull(symbol, "symbol");
        Objects.requireNonNull(listener, "listener");
        if (closed) {
            throw new IllegalStateException(label + " is closed");
        }
        if (!listed.test(symbol)) {
            throw new IllegalArgumentException(label + " does not list " + symbol + " (ccxt unified symbols, e.g. "
                    + "BTC/USDT spot, BTC/USDT:USDT linear perpetual; subscribe after connect)");
        }
        Subscription s;
        boolean first;
        synchronized (lock) {
            Feed f = feeds.get(symbol);
            first = f == null;
            if (first) {
                f = new Feed(symbol);
                feeds.put(symbol, f);
            }
            s = new Subscription(f, listener);
            f.subscriptions.add(s);
        }
        if (first) {
            LOG.info("{}: market data of {} subscribed ({} levels per side)", label, symbol, depth);
            watch(s.feed);
        } else {
            run(() -> s.feed.greet(s));
        }
        return s;
    }

    /** Symbols with at least one open subscription (tests, operations). */
    List<String> symbols() {
        return List.copyOf(feeds.keySet());
    }

    // ------------------------------------------------------------------ upstream

    /** Asks the sidecar to watch the feed's symbol, unless a request of this sidecar process already did. */
    private void watch(Feed f) {
        if (closed || !sidecar.isUp()) {
            return; // a sidecar coming up asks for every feed (sidecarUp)
        }
        int token;
        synchronized (lock) {
            if (f.closed || f.watching) {
                return;
            }
            f.watching = true;
            token = ++f.token;
        }
        ObjectNode p = JSON.createObjectNode();
        p.put("account", account);
        p.put("symbol", f.symbol);
        p.put("depth", depth);
        sidecar.request("watchMarketData", p, timeoutMs).whenComplete((answer, failure) -> {
            if (failure == null) {
                synchronized (lock) {
                    if (f.token == token) {
                        f.attempt = 0;
                    }
                }
                return;
            }
            watchFailed(f, token, VenueCalls.unwrap(failure));
        });
    }

    private void watchFailed(Feed f, int token, Throwable cause) {
        int attempt;
        synchronized (lock) {
            if (f.token != token || f.closed) {
                return; // a newer request (after a restart) or a closed feed
            }
            f.watching = false;
            attempt = ++f.attempt;
        }
        if (cause instanceof BridgeException.NoAnswer n && !n.written()) {
            return; // no sidecar: the next one asks again when it is up
        }
        String why = cause.getMessage();
        long now = System.nanoTime();
        if (cause instanceof BridgeException.Answered a && a.error().classes().contains("NotSupported")) {
            LOG.error("{}: the exchange cannot stream the book of {} through ccxt: {}", label, f.symbol, why);
            run(() -> f.interrupt("ccxt cannot watch the book: " + why, now));
            return;
        }
        long delay = RETRY.delay(attempt, Math::random).toMillis();
        run(() -> f.interrupt("the sidecar did not take the watch of the book (" + why + "); asking again in "
                + delay + " ms", now));
        try {
            scheduler.schedule(() -> watch(f), delay, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            LOG.debug("{}: closed; {} is not watched again", label, f.symbol);
        }
    }

    /** The last subscription of a feed closed: the upstream watch ends. */
    private void leave(Subscription s) {
        Feed f = s.feed;
        synchronized (lock) {
            f.subscriptions.remove(s);
            if (!f.subscriptions.isEmpty() || f.closed) {
                return;
            }
            f.closed = true;
            feeds.remove(f.symbol, f);
        }
        LOG.info("{}: market data of {} unsubscribed", label, f.symbol);
        if (closed || !sidecar.isUp()) {
            return;
        }
        ObjectNode p = JSON.createObjectNode();
        p.put("account", account);
        p.put("symbol", f.symbol);
        sidecar.request("unwatchMarketData", p, timeoutMs).whenComplete((answer, failure) -> {
            if (failure != null) {
                LOG.warn("{}: unwatching {} in the sidecar failed ({}); its events are ignored", label, f.symbol,
                        VenueCalls.unwrap(failure).getMessage());
            } else if (!answer.path("unwatched").asBoolean(false)) {
                LOG.debug("{}: ccxt has no unWatch for {}: its subscription stays at the exchange", label, f.symbol);
            }
        });
    }

    // ------------------------------------------------------------------ sidecar life

    /** The sidecar stopped: every book is interrupted; nothing is watched until the next one is up. */
    void sidecarDown(String why) {
        long now = System.nanoTime();
        List<Feed> all;
        synchronized (lock) {
            all = new ArrayList<>(feeds.values());
            all.forEach(f -> f.watching = false);
        }
        for (Feed f : all) {
            run(() -> f.interrupt("the ccxt sidecar stopped (" + why + ")", now));
        }
    }

    /** A sidecar is up (the first or a restarted one): every subscribed symbol is watched. */
    void sidecarUp() {
        for (Feed f : List.copyOf(feeds.values())) {
            watch(f);
        }
    }

    /** Ends every feed: nothing more is delivered or asked; the sidecar is closed with the adapter. */
    void close() {
        closed = true;
        synchronized (lock) {
            feeds.values().forEach(f -> f.closed = true);
            feeds.clear();
        }
    }

    // ------------------------------------------------------------------ sidecar events (reader thread: enqueue only)

    /**
     * Takes a market data event of the sidecar ({@code book}, {@code publicTrades}, {@code bookInterrupted});
     * false when {@code kind} is none of them.
     */
    boolean onEvent(String kind, JsonNode e, long receivedNanos) {
        switch (kind) {
            case "book" -> {
                Feed f = feeds.get(e.path("symbol").asText(""));
                if (f != null) {
                    run(() -> f.book(e, receivedNanos));
                }
            }
            case "publicTrades" -> {
                Feed f = feeds.get(e.path("symbol").asText(""));
                if (f != null) {
                    run(() -> f.trades(e.path("data"), receivedNanos));
                }
            }
            case "bookInterrupted" -> {
                Feed f = feeds.get(e.path("symbol").asText(""));
                if (f != null) {
                    String reason = e.path("reason").asText("the sidecar lost the book");
                    run(() -> f.interrupt(reason, receivedNanos));
                }
            }
            default -> {
                return false;
            }
        }
        return true;
    }

    private void run(Runnable task) {
        try {
            events.execute(task);
        } catch (RejectedExecutionException e) {
            LOG.debug("{}: closed; a market data event is dropped", label);
        }
    }

    /** One symbol's upstream watch and its subscriptions. Fields without a note: the event executor only. */
    private final class Feed {
        final String symbol;
        final List<Subscription> subscriptions = new CopyOnWriteArrayList<>();
        /** Under {@link #lock}: closed, whether a watch was asked of the current sidecar, request token, retries. */
        boolean closed;
        boolean watching;
        int token;
        int attempt;
        BookSnapshot last;
        boolean resync = true;
        boolean interrupted;

        Feed(String symbol) {
            this.symbol = symbol;
        }

        void book(JsonNode e, long receivedNanos) {
            BookSnapshot s;
            boolean rebuilt = resync || e.path("resynced").asBoolean(false);
            try {
                CcxtBook b = JSON.treeToValue(e, CcxtBook.class);
                s = CcxtTranslator.book(b, depth, rebuilt, clock.instant(), receivedNanos);
            } catch (com.fasterxml.jackson.core.JsonProcessingException | IllegalArgumentException
                     | UnknownVenueValueException ex) {
                LOG.error("{}: a book of {} from the sidecar is left out: {}", label, symbol, ex.getMessage());
                return;
            }
            if (!rebuilt && last != null && s.bids().equals(last.bids()) && s.asks().equals(last.asks())) {
                return;
            }
            if (interrupted) {
                LOG.info("{}: book of {} resynced ({} bids, {} asks)", label, symbol, s.bids().size(), s.asks().size());
            }
            last = s;
            resync = false;
            interrupted = false;
            for (Subscription sub : subscriptions) {
                sub.book(s);
            }
        }

        void trades(JsonNode data, long receivedNanos) {
            Instant now = clock.instant();
            for (JsonNode n : data) {
                MarketTrade t;
                try {
                    t = CcxtTranslator.publicTrade(symbol, JSON.treeToValue(n, CcxtPublicTrade.class), now,
                            receivedNanos).orElse(null);
                } catch (com.fasterxml.jackson.core.JsonProcessingException | IllegalArgumentException
                         | UnknownVenueValueException ex) {
                    LOG.error("{}: a public trade of {} from the sidecar is left out: {}", label, symbol,
                            ex.getMessage());
                    continue;
                }
                if (t == null) {
                    LOG.debug("{}: a public trade of {} without id, price or amount is left out", label, symbol);
                    continue;
                }
                for (Subscription sub : subscriptions) {
                    sub.deliver(t);
                }
            }
        }

        void interrupt(String reason, long receivedNanos) {
            resync = true;
            if (interrupted) {
                return;
            }
            interrupted = true;
            LOG.info("{}: book of {} interrupted: {}", label, symbol, reason);
            BookInterrupted e = new BookInterrupted(symbol, reason, receivedNanos);
            for (Subscription sub : subscriptions) {
                sub.deliver(e);
            }
        }

        /** A subscription joining a running feed gets the book held, if it is current. */
        void greet(Subscription s) {
            if (last != null && !interrupted) {
                s.book(last);
            }
        }
    }

    /** One subscription of a feed; closing it leaves the feed. */
    private final class Subscription extends GatedSubscription {
        final Feed feed;
        /** Event executor only. */
        private boolean sawBook;

        Subscription(Feed feed, MarketDataListener listener) {
            super(feed.symbol, listener, label);
            this.feed = feed;
        }

        /** A subscription's first book is resynced whatever the feed's. */
        void book(BookSnapshot s) {
            BookSnapshot out = sawBook || s.resynced() ? s
                    : new BookSnapshot(s.symbol(), s.bids(), s.asks(), true, s.venueTime(), s.receivedNanos());
            sawBook = true;
            deliver(out);
        }

        @Override
        protected void closed() {
            leave(this);
        }
    }
}

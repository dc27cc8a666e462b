package io.fixbridge.venue.paper;

import io.fixbridge.venue.Balance;
import io.fixbridge.venue.CancelRequest;
import io.fixbridge.venue.Instrument;
import io.fixbridge.venue.MarketDataListener;
import io.fixbridge.venue.MarketDataSubscription;
import io.fixbridge.venue.OrderEvent;
import io.fixbridge.venue.OrderEventListener;
import io.fixbridge.venue.OrderRequest;
import io.fixbridge.venue.OrderSnapshot;
import io.fixbridge.venue.Position;
import io.fixbridge.venue.ReferencePrice;
import io.fixbridge.venue.RejectReason;
import io.fixbridge.venue.ReplaceRequest;
import io.fixbridge.venue.VenueAdapter;
import io.fixbridge.venue.VenueCapabilities;
import io.fixbridge.venue.VenueError;
import io.fixbridge.venue.VenueException;
import io.fixbridge.venue.VenueTelemetry;
import io.fixbridge.venue.paper.engine.EngineResult;
import io.fixbridge.venue.paper.engine.MatchingEngine;
import io.fixbridge.venue.paper.engine.OrderBook;
import io.fixbridge.venue.paper.engine.OrderView;
import io.fixbridge.venue.paper.engine.SyntheticMarket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.math.BigDecimal;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;

/**
 * The built-in paper venue: a {@link MatchingEngine} on a {@link SyntheticMarket}, in process.
 *
 * <h2>Threading</h2>
 * The engine and market live on one daemon thread, {@code paper-<venue name>}, owned by the
 * adapter; the random walk is scheduled on it. Every method returns at once: the work hops onto
 * that thread, and futures and listener callbacks complete there.
 *
 * <h2>Event ordering</h2>
 * Events reach the subscribed {@link OrderEventListener} in the order the engine produced them,
 * one at a time, on the engine thread:
 * <ul>
 *   <li>submit: {@code Accepted}, then one {@code Fill} per trade for what trades on arrival,
 *       then {@code Expired} for an IOC, FOK or market remainder (a FOK that cannot fill:
 *       {@code Accepted}, {@code Expired}, no fill); a conditional order whose trigger already
 *       holds follows the same pattern. The submit future completes with that same
 *       {@code Accepted} instance only after all of these were delivered.</li>
 *   <li>cancel: {@code Canceled}; the future completes with the same instance afterwards.</li>
 *   <li>replace: {@code Replaced} (with the new client order id), then any fills the amended
 *       order makes at once (under the new id); the future completes with the same
 *       {@code Replaced} afterwards.</li>
 *   <li>Later fills (another order crossing, a random-walk step crossing a resting order, a
 *       trigger firing) arrive on the stream only.</li>
 *   <li>A refused submit is reported only by the failed future ({@link VenueException},
 *       REJECTED); it never appears on the stream. A refused cancel or replace likewise fails
 *       only its future, and the order stands as it was.</li>
 * </ul>
 *
 * <h2>Reference prices</h2>
 * {@link #referencePrice} answers from a map the engine thread refreshes after every request and
 * every random-walk step: per instrument the mid of the book's best bid and ask (MID), or, when a
 * side is empty, the engine's last trade or requote price (LAST). The book is in process and the
 * map follows every change to it, so the price is current when asked: its {@code asOf} is the
 * adapter clock's now. No polling, no setting.
 *
 * <h2>Telemetry</h2>
 * Given to the constructor ({@link VenueTelemetry#NONE} otherwise): the paper venue has no HTTP, streams
 * or rate limits, so the only report is {@link VenueTelemetry#orderRequestSent}, on the engine thread, for
 * a submit's client order id and a replace's new one, just before the order is handed to the matching
 * engine (after the adapter is found connected).
 *
 * <h2>Errors</h2>
 * Definitive refusals fail the future with {@link VenueException} REJECTED and the engine's
 * reason and text. A call before {@link #connect} completes fails RETRYABLE; a call after
 * {@link #close} fails REJECTED/VENUE_CLOSED; an unknown account fails REJECTED/UNKNOWN_ACCOUNT. An
 * unexpected internal failure fails OUTCOME_UNKNOWN. No method throws except for null arguments
 * and a second {@link #subscribe}.
 */
public final class PaperAdapter implements VenueAdapter {
    private static final Logger LOG = LoggerFactory.getLogger(PaperAdapter.class);
    private static final BigDecimal TWO = BigDecimal.valueOf(2);

    private final String name;
    private final PaperConfig config;
    private final Clock clock;
    private final ScheduledThreadPoolExecutor executor;
    private final EventBridge bridge;
    private final PaperMarketData marketData;
    private final AtomicBoolean subscribed = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final VenueTelemetry telemetry;
    private volatile List<Instrument> instruments = List.of();
    /** Per unified symbol the latest mid (else last) price; written on the engine thread only, read from any. */
    private final Map<String, Quote> quotes = new ConcurrentHashMap<>();

    // confined to the engine thread
    private MatchingEngine engine;
    private SyntheticMarket market;

    public PaperAdapter(String name, PaperConfig config) {
        this(name, config, Clock.systemUTC());
    }

    /** An adapter whose event and fill timestamps come from {@code clock}. */
    public PaperAdapter(String name, PaperConfig config, Clock clock) {
        this(name, config, clock, VenueTelemetry.NONE);
    }

    /** {@link #PaperAdapter(String, PaperConfig, Clock)} reporting to {@code telemetry} (thread-safe, never throws). */
    public PaperAdapter(String name, PaperConfig config, Clock clock, VenueTelemetry telemetry) {
        this.telemetry = Objects.requireNonNull(telemetry, "telemetry");
        this.name = Objects.requireNonNull(name, "name");
        this.config = Objects.requireNonNull(config, "config");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.marketData = new PaperMarketData(name, clock);
        this.bridge = new EventBridge(name, marketData::onTrade);
        this.executor = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread t = new Thread(runnable, "paper-" + name);
            t.setDaemon(true);
            return t;
        });
        this.executor.setRemoveOnCancelPolicy(true);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public VenueCapabilities capabilities() {
        return MatchingEngine.CAPABILITIES;
    }

    @Override
    public void subscribe(OrderEventListener listener) {
        Objects.requireNonNull(listener, "listener");
        if (!subscribed.compareAndSet(false, true)) {
            throw new IllegalStateException("paper venue " + name + ": subscribe() may be called only once");
        }
        bridge.target(listener);
    }

    @Override
    public CompletableFuture<Void> connect() {
        return onEngineThread("connect", () -> {
            if (engine == null) {
                start();
            }
            return null;
        });
    }

    @Override
    public List<Instrument> instruments() {
        return instruments;
    }

    /** The engine's current mid (else last) price of {@code symbol}, as of now; from memory, thread-safe. */
    @Override
    public Optional<ReferencePrice> referencePrice(String symbol) {
        Objects.requireNonNull(symbol, "symbol");
        Quote quote = quotes.get(symbol);
        return quote == null ? Optional.empty()
                : Optional.of(new ReferencePrice(symbol, quote.price(), quote.kind(), clock.instant()));
    }

    @Override
    public int maxBookDepth() {
        return PaperMarketData.BOOK_DEPTH;
    }

    /** Books and trades of the paper engine; the first book goes out on the engine thread right after this returns. */
    @Override
    public MarketDataSubscription subscribeMarketData(String symbol, MarketDataListener listener) {
        Objects.requireNonNull(listener, "listener");
        if (instruments.stream().noneMatch(i -> i.symbol().equals(symbol))) {
            throw new IllegalArgumentException("paper venue " + name + " does not list " + symbol);
        }
        return marketData.subscribe(symbol, listener, task -> onEngineThread("market data of " + symbol, () -> {
            task.run();
            return null;
        }), this::engine);
    }

    @Override
    public CompletableFuture<OrderEvent.Accepted> submit(OrderRequest order) {
        Objects.requireNonNull(order, "order");
        return onEngineThread("submit " + order.clientOrderId(), () -> {
            MatchingEngine matching = engine();
            telemetry.orderRequestSent(order.clientOrderId());
            OrderView v = done(matching.submit(order));
            return first(OrderEvent.Accepted.class, e -> e.venueOrderId().equals(v.venueOrderId()));
        });
    }

    @Override
    public CompletableFuture<OrderEvent.Canceled> cancel(CancelRequest cancel) {
        Objects.requireNonNull(cancel, "cancel");
        return onEngineThread("cancel " + cancel.clientOrderId(), () -> {
            OrderView v = done(engine().cancel(cancel.account(), cancel.symbol(), cancel.clientOrderId(),
                    cancel.venueOrderId()));
            return first(OrderEvent.Canceled.class, e -> v.venueOrderId().equals(e.venueOrderId()));
        });
    }

    @Override
    public CompletableFuture<OrderEvent.Replaced> replace(ReplaceRequest replace) {
        Objects.requireNonNull(replace, "replace");
        OrderRequest original = replace.original();
        return onEngineThread("replace " + original.clientOrderId(), () -> {
            MatchingEngine matching = engine();
            telemetry.orderRequestSent(replace.replacement().clientOrderId());
            OrderView v = done(matching.amend(original.account(), original.clientOrderId(), replace.venueOrderId(),
                    replace.replacement()));
            return first(OrderEvent.Replaced.class, e -> v.venueOrderId().equals(e.venueOrderId()));
        });
    }

    @Override
    public CompletableFuture<Optional<OrderSnapshot>> queryOrder(String account, String symbol, String clientOrderId) {
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(symbol, "symbol");
        Objects.requireNonNull(clientOrderId, "clientOrderId");
        return onEngineThread("query " + clientOrderId, () -> engine(account).order(account, clientOrderId)
                .filter(v -> v.symbol().equals(symbol))
                .map(EventBridge::snapshot));
    }

    @Override
    public CompletableFuture<List<OrderSnapshot>> openOrders(String account) {
        Objects.requireNonNull(account, "account");
        return onEngineThread("open orders", () -> engine(account).openOrders(account).stream()
                .map(EventBridge::snapshot).toList());
    }

    @Override
    public CompletableFuture<List<Balance>> balances(String account) {
        Objects.requireNonNull(account, "account");
        return onEngineThread("balances", () -> engine(account).balances(account));
    }

    @Override
    public CompletableFuture<List<Position>> positions(String account) {
        Objects.requireNonNull(account, "account");
        return onEngineThread("positions", () -> engine(account).positions(account));
    }

    /** Stops the random walk and the engine thread. Idempotent; never throws; does not wait. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        executor.shutdown();
        LOG.info("paper venue {} closed", name);
    }

    // ------------------------------------------------------------------ engine thread

    private void start() {
        MatchingEngine.Builder builder = MatchingEngine.builder()
                .instruments(config.instrumentList())
                .fees(config.fees())
                .leverage(config.leverage())
                .orderHistory(config.orderHistory())
                .clock(clock)
                .listener(bridge);
        config.accounts().forEach(a -> builder.account(a.name(), a.balances()));
        MatchingEngine built = builder.build();
        market = new SyntheticMarket(built, config.market(), config.instruments());
        bridge.drain();
        engine = built;
        if (config.walkIntervalMs() > 0) {
            executor.scheduleWithFixedDelay(this::walkStep, config.walkIntervalMs(), config.walkIntervalMs(),
                    TimeUnit.MILLISECONDS);
        }
        instruments = engine.instruments();
        publishQuotes();
        LOG.info("paper venue {} connected: {} instruments, accounts {}, random walk {}", name,
                instruments.size(), engine.accounts(),
                config.walkIntervalMs() > 0 ? "every " + config.walkIntervalMs() + " ms" : "off");
    }

    private void walkStep() {
        if (closed.get()) {
            return;
        }
        try {
            market.step();
        } catch (RuntimeException e) {
            LOG.error("paper venue {}: a random-walk step failed", name, e);
        } finally {
            bridge.drain();
            publishQuotes();
        }
    }

    /** Runs {@code task} on the engine thread and completes the future there. */
    private <T> CompletableFuture<T> onEngineThread(String what, EngineTask<T> task) {
        CompletableFuture<T> future = new CompletableFuture<>();
        if (closed.get()) {
            future.completeExceptionally(closedError());
            return future;
        }
        try {
            executor.execute(() -> run(what, task, future));
        } catch (RejectedExecutionException e) {
            future.completeExceptionally(closedError());
        }
        return future;
    }

    private <T> void run(String what, EngineTask<T> task, CompletableFuture<T> future) {
        if (closed.get()) {
            future.completeExceptionally(closedError());
            return;
        }
        T result;
        try {
            bridge.drain();
            result = task.run();
        } catch (VenueException e) {
            future.completeExceptionally(e);
            return;
        } catch (RuntimeException e) {
            LOG.error("paper venue {}: {} failed", name, what, e);
            future.completeExceptionally(new VenueException(VenueError.outcomeUnknown(null,
                    "paper venue " + name + ": " + what + " failed unexpectedly: " + e), e));
            return;
        } finally {
            bridge.drain();
            publishQuotes();
        }
        future.complete(result);
    }

    /** Refreshes {@link #quotes} from the books: a few map reads per instrument, a write only where the price moved. */
    private void publishQuotes() {
        if (engine == null) {
            return;
        }
        marketData.publishBooks(engine);
        for (Instrument instrument : instruments) {
            String symbol = instrument.symbol();
            Quote quote = quoteOf(engine.book(symbol), engine.referencePrice(symbol));
            if (quote == null) {
                quotes.remove(symbol);
            } else if (!quote.equals(quotes.get(symbol))) {
                quotes.put(symbol, quote);
            }
        }
    }

    private static Quote quoteOf(OrderBook book, Optional<BigDecimal> last) {
        Optional<BigDecimal> bid = book.bestBid();
        Optional<BigDecimal> ask = book.bestAsk();
        if (bid.isPresent() && ask.isPresent()) {
            return new Quote(bid.get().add(ask.get()).divide(TWO), ReferencePrice.Kind.MID);
        }
        return last.filter(p -> p.signum() > 0).map(p -> new Quote(p, ReferencePrice.Kind.LAST)).orElse(null);
    }

    private MatchingEngine engine() {
        if (engine == null) {
            throw new VenueException(VenueError.retryable(null, "paper venue " + name
                    + " is not connected yet; call connect() first", null));
        }
        return engine;
    }

    private MatchingEngine engine(String account) {
        MatchingEngine e = engine();
        if (!e.hasAccount(account)) {
            throw new VenueException(VenueError.rejected(RejectReason.UNKNOWN_ACCOUNT, null, "paper venue " + name
                    + " has no account '" + account + "'; its accounts are " + e.accounts()));
        }
        return e;
    }

    private static OrderView done(EngineResult result) {
        if (result instanceof EngineResult.Refused refused) {
            throw new VenueException(VenueError.rejected(refused.reason(), null, refused.text()));
        }
        return ((EngineResult.Done) result).order();
    }

    /** The first event of {@code type} matching {@code which} that this request emitted. */
    private <E extends OrderEvent> E first(Class<E> type, Predicate<E> which) {
        for (OrderEvent event : bridge.recent()) {
            if (type.isInstance(event) && which.test(type.cast(event))) {
                return type.cast(event);
            }
        }
        throw new IllegalStateException("the engine reported no " + type.getSimpleName() + " event");
    }

    private VenueException closedError() {
        return new VenueException(VenueError.rejected(RejectReason.VENUE_CLOSED, null,
                "paper venue " + name + " is closed"));
    }

    /** A reference price without its time: the time is when it is asked for. */
    private record Quote(BigDecimal price, ReferencePrice.Kind kind) {
    }

    /** Work done on the engine thread. */
    @FunctionalInterface
    private interface EngineTask<T> {
        T run();
    }
}

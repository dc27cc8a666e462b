package io.fixbridge.venue.bybit;

import io.fixbridge.venue.kit.EventGate;

import com.fasterxml.jackson.databind.JsonNode;
import io.fixbridge.venue.Balance;
import io.fixbridge.venue.CancelRequest;
import io.fixbridge.venue.Instrument;
import io.fixbridge.venue.MarketDataListener;
import io.fixbridge.venue.MarketDataSubscription;
import io.fixbridge.venue.MarketType;
import io.fixbridge.venue.OrderEvent;
import io.fixbridge.venue.OrderEventListener;
import io.fixbridge.venue.OrderRequest;
import io.fixbridge.venue.OrderSnapshot;
import io.fixbridge.venue.OrderType;
import io.fixbridge.venue.Position;
import io.fixbridge.venue.ReferencePrice;
import io.fixbridge.venue.RejectReason;
import io.fixbridge.venue.ReplaceMode;
import io.fixbridge.venue.ReplaceRequest;
import io.fixbridge.venue.TimeInForce;
import io.fixbridge.venue.VenueAdapter;
import io.fixbridge.venue.VenueCapabilities;
import io.fixbridge.venue.VenueConfigException;
import io.fixbridge.venue.VenueError;
import io.fixbridge.venue.VenueException;
import io.fixbridge.venue.VenueTelemetry;
import io.fixbridge.venue.bybit.dto.BybitOrder;
import io.fixbridge.venue.bybit.dto.InstrumentInfo;
import io.fixbridge.venue.bybit.dto.OrderResult;
import io.fixbridge.venue.bybit.dto.PositionInfo;
import io.fixbridge.venue.bybit.dto.WalletBalance;
import io.fixbridge.venue.kit.VenueCalls;
import io.fixbridge.venue.kit.VenueExecutors;
import io.fixbridge.venue.kit.http.QueryString;
import io.fixbridge.venue.kit.ratelimit.RateLimitSnapshot;
import io.fixbridge.venue.kit.sign.ApiCredentials;
import io.fixbridge.venue.kit.sign.HmacSha256;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Bybit v5 spot, linear and inverse perpetuals of unified trading accounts, as one venue.
 *
 * <h2>Threading</h2>
 * Every method returns at once. Network work runs on the adapter's kit executors
 * ({@code bybit-<name>-io/-callback/-scheduler}); all order state (the {@link OrderTracker}) lives on
 * one serial "event thread" over the callback pool. Listener callbacks and the completion of the
 * futures of submit, cancel and replace happen there, one at a time, events before the future that
 * reports the same thing. Events about one order reach the listener in the order Bybit reported them.
 *
 * <h2>Errors</h2>
 * Futures fail only with {@link VenueException}, classified by {@link BybitErrors}: REJECTED is
 * definitive (Bybit's retCode and text are carried), RETRYABLE means nothing was sent or done (rate
 * limit reached within maxWait, HTTP 403 pause, connection refused, not connected yet),
 * OUTCOME_UNKNOWN means the request may have taken effect (no answer, 5xx, 10016) and must be
 * settled by {@link #queryOrder}; the adapter never resends an order by itself, except after a
 * definitive "not processed" (10002 once after a clock resync, 10006 once after the limit's reset).
 * No method throws for a venue problem; null arguments and a second {@link #subscribe} throw.
 *
 * <h2>Order events</h2>
 * <ul>
 *   <li>submit: {@code POST /v5/order/create}; the future completes with Accepted from Bybit's
 *       acknowledgement, and the listener gets one Accepted per order (the first of the
 *       acknowledgement and the stream's New). When the stream reported the order Rejected (or a
 *       post-only order canceled because it would take) before the acknowledgement arrived, the
 *       future fails with that reject instead; after it, the order ends with a Canceled carrying the
 *       reason. A duplicate orderLinkId (110072, spot 170141) is settled by a query by orderLinkId:
 *       if Bybit has this order (same symbol and side), the submit completes as Accepted with it and
 *       what it did since is emitted; a second order is never placed.</li>
 *   <li>Fills come from the {@code execution} topic, one per execId; the fill that leaves nothing of
 *       the order (leavesQty 0, or completing the quantity of the order's Filled update) is
 *       {@code orderFilled}. A canceled IOC, FOK or market remainder is Expired.</li>
 *   <li>cancel: {@code POST /v5/order/cancel} by orderLinkId (spot conditional orders with
 *       {@code orderFilter=StopOrder}); completes with Canceled; an unknown order is UNKNOWN_ORDER, or
 *       TOO_LATE when the adapter saw it end.</li>
 *   <li>replace: Bybit's native amend ({@code POST /v5/order/amend}) keeps orderId and orderLinkId,
 *       so Replaced names the original client order id as {@code newClientOrderId}; it sends the new
 *       total quantity (filled part included) and the new price and trigger price, only what
 *       changes.</li>
 *   <li>After a private stream reconnects, every order the adapter knows open on that account (and
 *       every order whose submit is in flight) is queried over REST with its executions and whatever
 *       the stream missed is emitted (fills by execId; duplicates are dropped). An open order
 *       {@link #queryOrder} finds at Bybit (one placed before a restart) is known from then on.</li>
 * </ul>
 *
 * <h2>Telemetry</h2>
 * Given to the constructor ({@link VenueTelemetry#NONE} otherwise): REST requests as {@code METHOD /path}
 * with their status and latency; limits {@code ip:5s} and {@code <account>/<limit>:1s}
 * ({@code main/orderCreateLinear:1s}); the stream {@code user:<account>} per account (connected once
 * authenticated and subscribed); {@link VenueTelemetry#orderRequestSent} for the client order id of every
 * {@code /v5/order/create} and, for an amend, the replacement's client order id, once rate-limited and
 * signed, just before the request is handed to the connection.
 *
 * <h2>Instruments</h2>
 * Connect loads instruments-info of every configured category (Bybit lists only Trading symbols by
 * default). A symbol not loaded is looked up by its Bybit symbol (instruments-info answers a symbol
 * whatever its status) and remembered; one Bybit does not list is UNKNOWN_SYMBOL (asked again after
 * the probe interval). An instrument not Trading is refused before sending (REJECTED VENUE_CLOSED
 * naming the symbol and its Bybit status); its status is read again once it is older than the probe
 * interval, and after Bybit refuses an order because the symbol does not trade (110074, 170157).
 *
 * <h2>Reference prices</h2>
 * From the moment connect has loaded the instruments, {@link ReferencePrices} polls
 * {@code GET /v5/market/tickers} once per configured category for every symbol every
 * {@code referencePriceIntervalMs}, and {@link #referencePrice} answers the latest from memory. A failed
 * poll never fails connect or an order: the prices age, and it is logged at WARN once per streak.
 *
 * <h2>Market data</h2>
 * {@link #subscribeMarketData} keeps a symbol's book from Bybit's public
 * {@code orderbook.{bookDepth}.{symbol}} topic and streams its {@code publicTrade} topic, on one public
 * WebSocket per category ({@link PublicStream}: snapshot then deltas by update id, resubscribed for a
 * fresh snapshot after a gap, resubscribed after a reconnect). {@link #maxBookDepth()} is
 * {@code bookDepth} (default 50).
 *
 * <h2>Health</h2> HTTP 403 pauses the whole venue for ipBanPauseMs (orders RETRYABLE with a text, health
 * down until then). Refused credentials mark the account unhealthy (ERROR logged, its orders
 * refused with REJECTED OTHER) until a signed probe succeeds. {@link #healthStatus()} reports both.
 */
public final class BybitAdapter implements VenueAdapter {
    private static final Logger LOG = LoggerFactory.getLogger(BybitAdapter.class);

    /** What this adapter can do; refusals of what one category cannot do are made per order with a text. */
    public static final VenueCapabilities CAPABILITIES = new VenueCapabilities(
            Set.of(MarketType.SPOT, MarketType.LINEAR_PERPETUAL, MarketType.INVERSE_PERPETUAL),
            EnumSet.allOf(OrderType.class),
            EnumSet.of(TimeInForce.GTC, TimeInForce.IOC, TimeInForce.FOK),
            true,
            Set.of(MarketType.LINEAR_PERPETUAL, MarketType.INVERSE_PERPETUAL),
            false,
            true,
            true,
            ReplaceMode.NATIVE_AMEND,
            false);

    /** Instruments asked for per page of instruments-info: Bybit's maximum. */
    static final int INSTRUMENTS_PAGE = 1000;
    /** Orders asked for per page of open orders: Bybit's maximum. */
    static final int ORDERS_PAGE = 50;
    /** Positions asked for per page: Bybit's maximum. */
    static final int POSITIONS_PAGE = 200;

    private final String name;
    private final BybitConfig config;
    private final Clock clock;
    private final VenueExecutors executors;
    private final EventGate<OrderTracker> gate;
    private final BybitRest rest;
    private final Map<String, BybitRest.Signing> signings = new LinkedHashMap<>();
    private final OrderQueries queries;
    private final StreamEvents streamEvents;
    private final VenueHealth health;
    private final ReferencePrices referencePrices;
    private final List<PrivateStream> streams = new CopyOnWriteArrayList<>();
    /** The public stream of each category, opened at its first market data subscription; guarded by itself. */
    private final Map<BybitCategory, PublicStream> publicStreams = new EnumMap<>(BybitCategory.class);
    private final AtomicBoolean subscribed = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final VenueCalls calls;
    private final Object connectLock = new Object();
    private final AtomicReference<Symbols> symbols = new AtomicReference<>(Symbols.EMPTY);
    /** When the status of an instrument was last read by symbol (those not Trading are read again after a while). */
    private final Map<String, Instant> statusCheckedAt = new java.util.concurrent.ConcurrentHashMap<>();
    /** Symbols Bybit did not list when asked, and when (asked again only after the probe interval). */
    private final Map<String, Instant> notListedAt = new java.util.concurrent.ConcurrentHashMap<>();
    private CompletableFuture<Void> connecting;
    private volatile ScheduledFuture<?> housekeeping;
    private final VenueTelemetry telemetry;

    public BybitAdapter(String name, BybitConfig config) {
        this(name, config, Clock.systemUTC());
    }

    /** An adapter whose local time (rate limits, timestamps before the clock sync) comes from {@code clock}. */
    public BybitAdapter(String name, BybitConfig config, Clock clock) {
        this(name, config, clock, VenueTelemetry.NONE);
    }

    /** {@link #BybitAdapter(String, BybitConfig, Clock)} reporting to {@code telemetry} (thread-safe, never throws). */
    public BybitAdapter(String name, BybitConfig config, Clock clock, VenueTelemetry telemetry) {
        this.telemetry = Objects.requireNonNull(telemetry, "telemetry");
        this.name = Objects.requireNonNull(name, "name");
        this.calls = new VenueCalls("bybit venue " + name, closed::get);
        this.config = Objects.requireNonNull(config, "config");
        this.clock = Objects.requireNonNull(clock, "clock");
        for (BybitConfig.Account a : config.accounts()) {
            signings.put(a.name(), new BybitRest.Signing(a.name(), credentials(name, a)));
        }
        this.executors = VenueExecutors.create("bybit-" + name, 2, 4);
        this.gate = new EventGate<OrderTracker>(name, executors.newSerialExecutor(),
                new OrderTracker(Duration.ofHours(config.trackedOrderIdleHours()), clock));
        BybitRest.Hooks hooks = hooks();
        this.rest = new BybitRest(config, signings.keySet(), executors, clock, hooks, telemetry);
        this.queries = new OrderQueries(rest);
        this.streamEvents = new StreamEvents(name, gate, executors.scheduler(), queries::fetch, symbols::get, signings,
                clock);
        this.health = new VenueHealth(name, executors.scheduler(), Duration.ofMillis(config.healthProbeIntervalMs()),
                this::probeAccount, clock);
        this.referencePrices = new ReferencePrices(name, rest, config.categories(), symbols::get,
                executors.scheduler(), Duration.ofMillis(config.referencePriceIntervalMs()), clock);
    }

    /** Whether Bybit and each account's credentials are usable now, for operations. */
    public VenueHealth.Status healthStatus() {
        return health.status();
    }

    /** The rate limits' state now, for operations. */
    public List<RateLimitSnapshot> rateLimits() {
        return rest.rateLimits();
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public VenueCapabilities capabilities() {
        return CAPABILITIES;
    }

    @Override
    public void subscribe(OrderEventListener listener) {
        Objects.requireNonNull(listener, "listener");
        if (!subscribed.compareAndSet(false, true)) {
            throw new IllegalStateException("bybit venue " + name + ": subscribe() may be called only once");
        }
        gate.listener(listener);
    }

    @Override
    public List<Instrument> instruments() {
        return symbols.get().instruments();
    }

    /**
     * The mid of Bybit's best bid and ask (else the mark, else the last price), polled by
     * {@link ReferencePrices} from /v5/market/tickers every {@code referencePriceIntervalMs} from the moment
     * connect has loaded the instruments; from memory, never blocks.
     */
    @Override
    public Optional<ReferencePrice> referencePrice(String symbol) {
        Objects.requireNonNull(symbol, "symbol");
        return referencePrices.get(symbol);
    }

    // ------------------------------------------------------------------ market data

    /** The orderbook topic depth subscribed ({@code bookDepth}: 1, 50, 200 or 1000; default 50). */
    @Override
    public int maxBookDepth() {
        return config.bookDepth();
    }

    /**
     * Keeps {@code symbol}'s book and trades from the public stream of its category; see
     * {@link PublicStream}. Returns at once; the connection is opened on the adapter's threads.
     *
     * @throws IllegalArgumentException when connect did not load {@code symbol}
     */
    @Override
    public MarketDataSubscription subscribeMarketData(String symbol, MarketDataListener listener) {
        Objects.requireNonNull(symbol, "symbol");
        Objects.requireNonNull(listener, "listener");
        BybitInstrument instrument = symbols.get().unified(symbol).orElseThrow(() -> new IllegalArgumentException(
                "bybit venue " + name + " does not list " + symbol + " (categories " + config.categories() + ")"));
        PublicStream stream;
        synchronized (publicStreams) {
            if (closed.get()) {
                LOG.debug("bybit venue {}: closed; market data of {} not subscribed", name, symbol);
                return closedSubscription(symbol);
            }
            stream = publicStreams.computeIfAbsent(instrument.category(),
                    c -> new PublicStream(name, c, config, executors, telemetry));
        }
        return stream.subscribe(instrument, listener);
    }

    /** The public stream of {@code category}, if one was opened (tests). */
    Optional<PublicStream> publicStream(BybitCategory category) {
        synchronized (publicStreams) {
            return Optional.ofNullable(publicStreams.get(category));
        }
    }

    /** The subscription answered after close: it never delivers anything. */
    private static MarketDataSubscription closedSubscription(String symbol) {
        return new MarketDataSubscription() {
            @Override
            public String symbol() {
                return symbol;
            }

            @Override
            public void close() {
                // nothing to end: the adapter was closed before anything was subscribed
            }
        };
    }

    // ------------------------------------------------------------------ connect

    /**
     * Synchronises the clock ({@code GET /v5/market/time}), loads instruments-info of every configured
     * category, and opens every account's private stream; completes when all are subscribed. A second
     * call returns the same future; after a failure a new call starts over.
     */
    @Override
    public CompletableFuture<Void> connect() {
        if (closed.get()) {
            return CompletableFuture.failedFuture(calls.closedError());
        }
        synchronized (connectLock) {
            if (connecting == null || connecting.isCompletedExceptionally()) {
                connecting = calls.clean(start(), "connect");
            }
            return connecting;
        }
    }

    private CompletableFuture<Void> start() {
        return rest.syncClock().thenCompose(offset -> {
            List<CompletableFuture<List<BybitInstrument>>> loads = new ArrayList<>();
            for (BybitCategory c : config.categories()) {
                loads.add(loadInstruments(c));
            }
            return CompletableFuture.allOf(loads.toArray(CompletableFuture[]::new)).thenApply(ok -> {
                List<BybitInstrument> all = new ArrayList<>();
                loads.forEach(l -> all.addAll(l.join()));
                return all;
            });
        }).thenCompose(all -> {
            symbols.updateAndGet(current -> current.replacing(config.categories(), all));
            LOG.info("bybit venue {}: {} instruments loaded ({})", name, all.size(), config.categories());
            referencePrices.start();
            return openStreams();
        }).whenCompleteAsync((ok, failure) -> {
            if (failure != null) {
                LOG.warn("bybit venue {}: connect failed: {}", name, VenueCalls.unwrap(failure).getMessage());
                closeStreams();
            }
        }, executors.callbacks()).thenRun(() -> {
            ScheduledFuture<?> task = executors.scheduler().scheduleWithFixedDelay(
                    () -> gate.run(() -> gate.tracker().expire()), 1, 1, TimeUnit.MINUTES);
            housekeeping = task;
            if (closed.get()) {
                task.cancel(false);
            }
            LOG.info("bybit venue {} connected: categories {}, accounts {}", name, config.categories(),
                    config.accountNames());
        });
    }

    private CompletableFuture<List<BybitInstrument>> loadInstruments(BybitCategory c) {
        return OrderQueries.pages(cursor -> {
            QueryString.Builder q = QueryString.builder().add("category", c.wireName()).add("limit", INSTRUMENTS_PAGE);
            if (!cursor.isEmpty()) {
                q.add("cursor", cursor);
            }
            return rest.get(BybitEndpoint.INSTRUMENTS, null, c, q.build());
        }).thenApply(pages -> {
            List<BybitInstrument> out = new ArrayList<>();
            for (JsonNode page : pages) {
                out.addAll(BybitTranslator.instruments(c, BybitJson.list(page, InstrumentInfo.class)));
            }
            return out;
        });
    }

    private CompletableFuture<Void> openStreams() {
        List<CompletableFuture<Void>> started = new ArrayList<>();
        Duration timeout = Duration.ofMillis(2 * (config.timeouts().connectMs() + config.timeouts().requestMs()));
        for (BybitRest.Signing s : signings.values()) {
            String account = s.account();
            PrivateStream stream = new PrivateStream(name, account, config, s.credentials(), rest.clock(), executors,
                    o -> streamEvents.order(account, o), e -> streamEvents.execution(account, e),
                    () -> streamEvents.fillGap(account), hooks(), telemetry);
            streams.add(stream);
            started.add(stream.start());
        }
        return CompletableFuture.allOf(started.toArray(CompletableFuture[]::new))
                .orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
                .exceptionallyCompose(t -> {
                    Throwable cause = VenueCalls.unwrap(t);
                    return CompletableFuture.failedFuture(cause instanceof VenueException ? cause
                            : new VenueException(VenueError.retryable(null, "the Bybit private streams did not come "
                            + "up within " + timeout.toSeconds() + " s (" + cause + ")", null), cause));
                });
    }

    /** Drops every private stream now; each reconnects, re-authenticates, resubscribes and fills its gap. */
    void reconnectStreams(String why) {
        streams.forEach(s -> s.reconnect(why));
    }

    /** Hooks reading {@link #health} when called (it is created after the REST client). */
    private BybitRest.Hooks hooks() {
        return new BybitRest.Hooks() {
            @Override
            public void authFailure(String account, VenueError error) {
                health.authFailure(account, error);
            }

            @Override
            public void ipBanned(Instant until, VenueError error) {
                health.ipBanned(until, error);
            }
        };
    }

    // ------------------------------------------------------------------ orders

    @Override
    public CompletableFuture<OrderEvent.Accepted> submit(OrderRequest order) {
        Objects.requireNonNull(order, "order");
        return calls.guarded("submit " + order.clientOrderId(), () -> {
            BybitRest.Signing s = signing(order.account());
            return tradable(order.symbol(), order.account()).thenCompose(inst -> submit(s, inst, order));
        });
    }

    private CompletableFuture<OrderEvent.Accepted> submit(BybitRest.Signing s, BybitInstrument inst, OrderRequest order) {
        Map<String, Object> body = BybitTranslator.createBody(order, inst, config.hedgeMode());
        boolean spotStop = BybitTranslator.isSpotStopOrder(order, inst);
        String account = order.account();
        String id = order.clientOrderId();
        return gate.call(() -> {
            gate.tracker().submitted(order, inst, spotStop);
            return null;
        }).thenCompose(x -> rest.post(BybitEndpoint.ORDER_CREATE, s, inst.category(), body, List.of(id))
                .thenApply(r -> new CreateAnswer(BybitJson.convert(r, OrderResult.class), null))
                .exceptionallyCompose(failure -> duplicateOrFail(s, inst, order, failure)
                        .thenApply(state -> new CreateAnswer(null, state))))
                .handleAsync((answer, failure) -> {
                    gate.tracker().answered(account, id);
                    if (failure != null) {
                        VenueException v = settleRefusal(account, id, failure);
                        refreshIfClosed(inst, v.error());
                        throw v;
                    }
                    if (answer.duplicate() != null) {
                        return acceptDuplicate(account, id, answer.duplicate(), inst);
                    }
                    Optional<VenueError> rejected = gate.tracker().rejection(account, id);
                    if (rejected.isPresent()) {
                        throw new VenueException(rejected.get());
                    }
                    OrderEvent.Accepted a = BybitTranslator.accepted(account, id, answer.ack(), clock.instant());
                    gate.emit(gate.tracker().apply(a));
                    return a;
                }, gate.executor());
    }

    /**
     * What a create came to: Bybit's acknowledgement, or the order Bybit already had under this
     * orderLinkId, found to be this very order.
     */
    private record CreateAnswer(OrderResult ack, OrderQueries.State duplicate) {
    }

    /**
     * A create that failed: when Bybit says the orderLinkId is taken, asks Bybit for the order by
     * orderLinkId; if it is this order (same symbol and side), the submit completes with it. Otherwise
     * the failure stands (DUPLICATE_ORDER when the id belongs to another order or none is found).
     */
    private CompletableFuture<OrderQueries.State> duplicateOrFail(BybitRest.Signing s, BybitInstrument inst,
                                                                  OrderRequest order, Throwable failure) {
        Throwable t = VenueCalls.unwrap(failure);
        if (!(t instanceof VenueException v) || !isDuplicateLinkId(v.error())) {
            return CompletableFuture.failedFuture(t);
        }
        LOG.info("bybit venue {} account {}: Bybit already has orderLinkId {} ({}); querying it instead of placing "
                + "another order", name, order.account(), order.clientOrderId(), v.error().code());
        return queries.fetch(s, inst, order.clientOrderId()).handle((state, qf) -> {
            if (qf != null) {
                throw new VenueException(VenueError.outcomeUnknown(v.error().code(), "Bybit says orderLinkId "
                        + order.clientOrderId() + " is taken (" + v.error().message() + ") and the query of it "
                        + "failed (" + VenueCalls.unwrap(qf).getMessage() + "); the order's state is unknown"), qf);
            }
            if (state.isEmpty()) {
                // Bybit says the id is taken but does not show the order yet (its lists lag): not evidence
                // of a refusal; the gateway settles it by querying again
                throw new VenueException(VenueError.outcomeUnknown(v.error().code(), "Bybit says orderLinkId "
                        + order.clientOrderId() + " is taken (" + v.error().message() + ") but does not show the "
                        + "order yet; the order's state is unknown until it is queried again"), t);
            }
            if (inst.venueSymbol().equals(state.get().order().symbol())
                    && BybitTranslator.side(order.side()).equals(state.get().order().side())) {
                return state.get();
            }
            throw new VenueException(VenueError.rejected(RejectReason.DUPLICATE_ORDER, v.error().code(),
                    v.error().message() + " (it belongs to another order: " + state.get().order().side() + " "
                            + state.get().order().symbol() + ")"), t);
        });
    }

    private static boolean isDuplicateLinkId(VenueError e) {
        return e.reason() == RejectReason.DUPLICATE_ORDER && ("110072".equals(e.code()) || "170141".equals(e.code()));
    }

    /** On the event thread: the order Bybit already had under this orderLinkId is the submitted one. */
    private OrderEvent.Accepted acceptDuplicate(String account, String id, OrderQueries.State d, BybitInstrument inst) {
        BybitOrder o = d.order();
        List<OrderEvent> out = streamEvents.stateEvents(account, id, d, inst);
        Optional<VenueError> rejected = gate.tracker().rejection(account, id);
        if (rejected.isPresent()) {
            gate.emit(out);
            throw new VenueException(rejected.get());
        }
        OrderEvent.Accepted a = new OrderEvent.Accepted(account, id, o.orderId(), clock.instant());
        List<OrderEvent> all = new ArrayList<>(gate.tracker().apply(a));
        all.addAll(out);
        gate.emit(all);
        LOG.info("bybit venue {} account {}: orderLinkId {} is order {} at Bybit ({}); the submit completes with it",
                name, account, id, o.orderId(), o.orderStatus());
        return a;
    }

    @Override
    public CompletableFuture<OrderEvent.Canceled> cancel(CancelRequest cancel) {
        Objects.requireNonNull(cancel, "cancel");
        return calls.guarded("cancel " + cancel.clientOrderId(), () -> {
            BybitRest.Signing s = signing(cancel.account());
            String account = cancel.account();
            String id = cancel.clientOrderId();
            return resolve(cancel.symbol()).thenCompose(inst -> gate.call(() -> gate.tracker().find(account, id)
                            .map(OrderTracker.Tracked::spotStopOrder))
                    .thenCompose(stop -> sendCancel(s, inst, id, stop))
                    .handle((result, failure) -> new CancelAnswer(inst, result, failure)))
                    .thenCompose(answer -> answer.failure() != null
                            ? CompletableFuture.completedFuture(new FinalState(answer, Optional.empty(), null))
                            : queries.fetch(s, answer.instrument(), id)
                                    .handle((state, queryFailure) -> new FinalState(answer,
                                            state == null ? Optional.empty() : state, queryFailure)))
                    .thenApplyAsync(end -> {
                        if (end.answer().failure() != null) {
                            throw tooLateIfDone(account, id, end.answer().failure());
                        }
                        return canceled(cancel, end);
                    }, gate.executor());
        });
    }

    /** Bybit's answer to a cancel, with the instrument it was for. */
    private record CancelAnswer(BybitInstrument instrument, OrderResult result, Throwable failure) {
    }

    /** A cancel Bybit took, and what a query of the order said right after (empty when it failed). */
    private record FinalState(CancelAnswer answer, Optional<OrderQueries.State> state, Throwable queryFailure) {
    }

    /**
     * On the event thread: Bybit took the cancel. Bybit's answer only says the request was taken;
     * the order may have filled in part on its way. Its state, asked right after, is applied first
     * (fills the stream has not brought yet, then its end), so the end never goes out before a
     * fill. Without that state (the query failed, or Bybit still shows it working) the cancel's
     * answer ends the order as before and a late fill is still reported by the stream.
     */
    private OrderEvent.Canceled canceled(CancelRequest cancel, FinalState end) {
        String account = cancel.account();
        String id = cancel.clientOrderId();
        if (end.state().isPresent()) {
            gate.emit(streamEvents.stateEvents(account, id, end.state().get(), end.answer().instrument()));
        } else if (end.queryFailure() != null) {
            LOG.warn("bybit venue {} account {}: the state of order {} after its cancel could not be read ({}); "
                    + "its end goes out on the cancel's answer", name, account, id,
                    VenueCalls.unwrap(end.queryFailure()).getMessage());
        }
        OrderEvent.Canceled c = BybitTranslator.canceled(account, id, end.answer().result(), clock.instant());
        if (c.venueOrderId() == null) {
            String known = gate.tracker().find(account, id).map(OrderTracker.Tracked::venueOrderId)
                    .orElse(cancel.venueOrderId());
            c = new OrderEvent.Canceled(account, id, known, null, c.timestamp());
        }
        gate.emit(gate.tracker().apply(c));
        return c;
    }

    /**
     * Cancels by orderLinkId. On spot, Bybit keeps conditional orders apart: the adapter asks with
     * the filter it knows the order by, and when it does not know the order, with Order first and
     * StopOrder when Bybit has no such active order.
     */
    private CompletableFuture<OrderResult> sendCancel(BybitRest.Signing s, BybitInstrument inst, String id,
                                                      Optional<Boolean> spotStop) {
        if (inst.category() != BybitCategory.SPOT) {
            return cancelWith(s, inst, id, null);
        }
        if (spotStop.isPresent()) {
            return cancelWith(s, inst, id, spotStop.get() ? "StopOrder" : "Order");
        }
        return cancelWith(s, inst, id, "Order").exceptionallyCompose(t -> {
            Throwable cause = VenueCalls.unwrap(t);
            if (cause instanceof VenueException v && v.error().reason() == RejectReason.UNKNOWN_ORDER) {
                // the StopOrder attempt's own failure counts unless it too is a definitive refusal
                return cancelWith(s, inst, id, "StopOrder").exceptionallyCompose(t2 -> {
                    Throwable second = VenueCalls.unwrap(t2);
                    boolean definitive = second instanceof VenueException v2
                            && v2.error().outcome() == VenueError.Outcome.REJECTED;
                    return CompletableFuture.failedFuture(definitive ? cause : second);
                });
            }
            return CompletableFuture.failedFuture(cause);
        });
    }

    private CompletableFuture<OrderResult> cancelWith(BybitRest.Signing s, BybitInstrument inst, String id,
                                                      String orderFilter) {
        return rest.post(BybitEndpoint.ORDER_CANCEL, s, inst.category(), BybitTranslator.cancelBody(id, inst,
                orderFilter)).thenApply(r -> BybitJson.convert(r, OrderResult.class));
    }

    @Override
    public CompletableFuture<OrderEvent.Replaced> replace(ReplaceRequest replace) {
        Objects.requireNonNull(replace, "replace");
        OrderRequest original = replace.original();
        return calls.guarded("replace " + original.clientOrderId(), () -> {
            BybitRest.Signing s = signing(original.account());
            return tradable(original.symbol(), original.account()).thenCompose(inst -> amend(s, inst, replace));
        });
    }

    private CompletableFuture<OrderEvent.Replaced> amend(BybitRest.Signing s, BybitInstrument inst,
                                                         ReplaceRequest replace) {
        Map<String, Object> body = BybitTranslator.amendBody(replace, inst);
        String account = replace.original().account();
        String id = replace.original().clientOrderId();
        return rest.post(BybitEndpoint.ORDER_AMEND, s, inst.category(), body,
                List.of(replace.replacement().clientOrderId())).handleAsync((result, failure) -> {
            if (failure != null) {
                throw tooLateIfDone(account, id, failure);
            }
            OrderResult r = BybitJson.convert(result, OrderResult.class);
            String venueOrderId = r.orderId() != null && !r.orderId().isBlank() ? r.orderId()
                    : gate.tracker().find(account, id).map(OrderTracker.Tracked::venueOrderId)
                    .orElse(replace.venueOrderId());
            OrderEvent.Replaced replaced = BybitTranslator.replaced(account, replace, venueOrderId, clock.instant());
            gate.emit(gate.tracker().apply(replaced));
            return replaced;
        }, gate.executor());
    }

    // ------------------------------------------------------------------ queries

    @Override
    public CompletableFuture<Optional<OrderSnapshot>> queryOrder(String account, String symbol, String clientOrderId) {
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(symbol, "symbol");
        Objects.requireNonNull(clientOrderId, "clientOrderId");
        return calls.guarded("query " + clientOrderId, () -> {
            BybitRest.Signing s = signing(account);
            return resolve(symbol).thenCompose(inst -> queries.fetch(s, inst, clientOrderId)
                    .thenCompose(state -> gate.call(() -> state.map(st -> {
                        OrderSnapshot snapshot = BybitTranslator.snapshot(account, symbol, st.order(),
                                st.executions(), inst);
                        // an open order placed before a restart is followed from now on, so stream gaps are
                        // filled for it; a done one can change no more and the snapshot tells all of it
                        if (!snapshot.status().isTerminal()) {
                            gate.tracker().adopt(account, clientOrderId, inst,
                                    BybitTranslator.isSpotStopOrder(st.order(), inst));
                        }
                        return snapshot;
                    }))));
        });
    }

    /**
     * Every open order of the account in each configured category ({@code GET /v5/order/realtime},
     * page by page; linear by settle coin, as Bybit asks). Orders without an orderLinkId (placed
     * elsewhere, not by the gateway) are left out.
     */
    @Override
    public CompletableFuture<List<OrderSnapshot>> openOrders(String account) {
        Objects.requireNonNull(account, "account");
        return calls.guarded("open orders", () -> {
            BybitRest.Signing s = signing(account);
            Symbols sy = requireConnected();
            List<CompletableFuture<List<OrderSnapshot>>> parts = new ArrayList<>();
            for (BybitCategory c : config.categories()) {
                List<String> settleCoins = c == BybitCategory.LINEAR ? List.copyOf(sy.settleCoins(c))
                        : java.util.Collections.singletonList(null);
                for (String settle : settleCoins) {
                    parts.add(OrderQueries.pages(cursor -> {
                        QueryString.Builder q = QueryString.builder().add("category", c.wireName())
                                .addIfPresent("settleCoin", settle).add("openOnly", 0).add("limit", ORDERS_PAGE);
                        if (!cursor.isEmpty()) {
                            q.add("cursor", cursor);
                        }
                        return rest.get(BybitEndpoint.ORDER_REALTIME, s, c, q.build());
                    }).thenApply(pages -> openSnapshots(account, c, pages)));
                }
            }
            return CompletableFuture.allOf(parts.toArray(CompletableFuture[]::new)).thenApply(ok -> {
                List<OrderSnapshot> all = new ArrayList<>();
                parts.forEach(p -> all.addAll(p.join()));
                return List.copyOf(all);
            });
        });
    }

    private List<OrderSnapshot> openSnapshots(String account, BybitCategory c, List<JsonNode> pages) {
        Symbols sy = symbols.get();
        List<OrderSnapshot> out = new ArrayList<>();
        for (JsonNode page : pages) {
            for (BybitOrder o : BybitJson.list(page, BybitOrder.class)) {
                Optional<BybitInstrument> inst = sy.venue(c, o.symbol());
                if (inst.isEmpty() || o.orderLinkId() == null || o.orderLinkId().isBlank()
                        || BybitOrderStatus.parse(o.orderStatus()).isTerminal()) {
                    continue;
                }
                out.add(BybitTranslator.snapshot(account, inst.get().symbol(), o, List.of(), inst.get()));
            }
        }
        return out;
    }

    /** The unified account's coins ({@code GET /v5/account/wallet-balance?accountType=UNIFIED}). */
    @Override
    public CompletableFuture<List<Balance>> balances(String account) {
        Objects.requireNonNull(account, "account");
        return calls.guarded("balances", () -> {
            BybitRest.Signing s = signing(account);
            return walletBalance(s).thenApply(r -> BybitTranslator.balances(BybitJson.list(r, WalletBalance.class)));
        });
    }

    /**
     * Open linear and inverse positions ({@code GET /v5/position/list}, page by page; linear by settle
     * coin as Bybit asks); empty when neither category is configured.
     */
    @Override
    public CompletableFuture<List<Position>> positions(String account) {
        Objects.requireNonNull(account, "account");
        return calls.guarded("positions", () -> {
            BybitRest.Signing s = signing(account);
            Symbols sy = requireConnected();
            List<CompletableFuture<List<Position>>> parts = new ArrayList<>();
            for (BybitCategory c : config.categories()) {
                if (!c.isDerivative()) {
                    continue;
                }
                for (String settle : sy.settleCoins(c)) {
                    parts.add(OrderQueries.pages(cursor -> {
                        QueryString.Builder q = QueryString.builder().add("category", c.wireName())
                                .add("settleCoin", settle).add("limit", POSITIONS_PAGE);
                        if (!cursor.isEmpty()) {
                            q.add("cursor", cursor);
                        }
                        return rest.get(BybitEndpoint.POSITIONS, s, c, q.build());
                    }).thenApply(pages -> {
                        List<PositionInfo> list = new ArrayList<>();
                        pages.forEach(p -> list.addAll(BybitJson.list(p, PositionInfo.class)));
                        return BybitTranslator.positions(list, v -> symbols.get().unifiedOf(c, v));
                    }));
                }
            }
            return CompletableFuture.allOf(parts.toArray(CompletableFuture[]::new)).thenApply(ok -> {
                List<Position> all = new ArrayList<>();
                parts.forEach(p -> all.addAll(p.join()));
                return List.copyOf(all);
            });
        });
    }

    private CompletableFuture<JsonNode> walletBalance(BybitRest.Signing s) {
        return rest.get(BybitEndpoint.WALLET_BALANCE, s, null, QueryString.builder().add("accountType", "UNIFIED")
                .build());
    }

    // ------------------------------------------------------------------ close

    /** Closes the streams, the HTTP client and the threads. Idempotent; never throws; does not wait for requests in flight. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        ScheduledFuture<?> task = housekeeping;
        if (task != null) {
            task.cancel(false);
        }
        referencePrices.close();
        closeStreams();
        List<PublicStream> open;
        synchronized (publicStreams) {
            open = List.copyOf(publicStreams.values());
            publicStreams.clear();
        }
        open.forEach(this::closeQuietly);
        closeQuietly(rest);
        closeQuietly(executors);
        LOG.info("bybit venue {} closed", name);
    }

    private void closeStreams() {
        for (PrivateStream s : streams) {
            closeQuietly(s);
        }
        streams.clear();
    }

    private void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception e) {
            LOG.debug("bybit venue {}: closing {} failed", name, c, e);
        }
    }

    // ------------------------------------------------------------------ helpers

    /** On the event thread: a refused submit's order is forgotten unless the outcome is unknown. */
    private VenueException settleRefusal(String account, String id, Throwable failure) {
        VenueException v = calls.asVenueException(VenueCalls.unwrap(failure), "order " + id);
        if (v.error().outcome() != VenueError.Outcome.OUTCOME_UNKNOWN) {
            gate.tracker().forget(account, id);
        }
        return v;
    }

    /** On the event thread: an unknown-order refusal of an order the tracker saw finish becomes TOO_LATE. */
    private VenueException tooLateIfDone(String account, String id, Throwable failure) {
        VenueException v = calls.asVenueException(VenueCalls.unwrap(failure), "order " + id);
        VenueError e = v.error();
        if (e.outcome() != VenueError.Outcome.REJECTED || e.reason() != RejectReason.UNKNOWN_ORDER) {
            return v;
        }
        boolean done = gate.tracker().find(account, id).map(t -> !t.open()).orElse(false);
        return done ? new VenueException(VenueError.rejected(RejectReason.TOO_LATE, e.code(), e.message()
                + " (the order is already filled, canceled or expired)"), v) : v;
    }

    private BybitRest.Signing signing(String account) {
        BybitRest.Signing s = signings.get(account);
        if (s == null) {
            throw new VenueException(VenueError.rejected(RejectReason.UNKNOWN_ACCOUNT, null, "bybit venue " + name
                    + " has no account '" + account + "'; its accounts are " + config.accountNames()));
        }
        return s;
    }

    private Symbols requireConnected() {
        Symbols sy = symbols.get();
        if (sy.isEmpty()) {
            throw new VenueException(VenueError.retryable(null, "bybit venue " + name
                    + " is not connected yet; call connect() first", null));
        }
        return sy;
    }

    /**
     * The instrument of a unified symbol: from those loaded at connect, else (Bybit's instruments-info
     * lists only Trading symbols unless asked for one) from instruments-info by its Bybit symbol, which
     * answers whatever the status; then it is remembered.
     */
    private CompletableFuture<BybitInstrument> resolve(String symbol) {
        Optional<BybitInstrument> known = requireConnected().unified(symbol);
        if (known.isPresent()) {
            return CompletableFuture.completedFuture(known.get());
        }
        Optional<BybitTranslator.VenueSymbol> venue = BybitTranslator.venueSymbolOf(symbol)
                .filter(v -> config.categories().contains(v.category()));
        Instant unknownSince = notListedAt.get(symbol);
        if (venue.isEmpty() || unknownSince != null
                && unknownSince.plusMillis(config.healthProbeIntervalMs()).isAfter(clock.instant())) {
            return CompletableFuture.failedFuture(unknownSymbol(symbol));
        }
        return fetchInstrument(venue.get().category(), venue.get().symbol()).thenApply(found -> {
            Optional<BybitInstrument> match = found.filter(i -> i.symbol().equals(symbol));
            if (match.isEmpty()) {
                notListedAt.put(symbol, clock.instant());
                throw unknownSymbol(symbol);
            }
            notListedAt.remove(symbol);
            return match.get();
        });
    }

    /** {@code GET /v5/market/instruments-info} of one symbol; remembers what it finds. */
    private CompletableFuture<Optional<BybitInstrument>> fetchInstrument(BybitCategory c, String venueSymbol) {
        return rest.get(BybitEndpoint.INSTRUMENTS, null, c, QueryString.builder().add("category", c.wireName())
                .add("symbol", venueSymbol).build()).thenApply(result -> {
                    Optional<BybitInstrument> found = BybitTranslator.instruments(c, BybitJson.list(result,
                            InstrumentInfo.class)).stream().filter(i -> i.venueSymbol().equals(venueSymbol)).findFirst();
                    found.ifPresent(i -> {
                        symbols.updateAndGet(current -> current.with(i));
                        statusCheckedAt.put(i.symbol(), clock.instant());
                    });
                    return found;
                });
    }

    private VenueException unknownSymbol(String symbol) {
        return new VenueException(VenueError.rejected(RejectReason.UNKNOWN_SYMBOL, null, "bybit venue " + name
                + " does not list " + symbol + " (categories " + config.categories() + ")"));
    }

    /**
     * The instrument, if new orders may be sent for it now: trading (a status that is not Trading is
     * asked again once it is older than the probe interval), venue not paused, credentials accepted.
     */
    private CompletableFuture<BybitInstrument> tradable(String symbol, String account) {
        return resolve(symbol).thenCompose(inst -> {
            Instant checked = statusCheckedAt.get(inst.symbol());
            boolean stale = checked == null || checked.plusMillis(config.healthProbeIntervalMs())
                    .isBefore(clock.instant());
            if (inst.instrument().isTrading() || !stale) {
                return CompletableFuture.completedFuture(inst);
            }
            return fetchInstrument(inst.category(), inst.venueSymbol()).thenApply(found -> found.orElse(inst));
        }).thenApply(inst -> {
            if (!inst.instrument().isTrading()) {
                throw new VenueException(VenueError.rejected(RejectReason.VENUE_CLOSED, null, symbol + " ("
                        + inst.category().wireName() + " " + inst.venueSymbol() + ") is not trading on Bybit: its "
                        + "status is " + inst.venueStatus()));
            }
            health.refusal(account).ifPresent(e -> {
                throw new VenueException(e);
            });
            return inst;
        });
    }

    /** After Bybit refused an order because the symbol does not trade: learn its status, so the next is refused here. */
    private void refreshIfClosed(BybitInstrument inst, VenueError e) {
        if (e.reason() == RejectReason.VENUE_CLOSED && e.code() != null) {
            fetchInstrument(inst.category(), inst.venueSymbol()).whenComplete((found, failure) -> {
                if (failure != null) {
                    LOG.debug("bybit venue {}: refreshing {} failed: {}", name, inst.symbol(),
                            VenueCalls.unwrap(failure).getMessage());
                }
            });
        }
    }

    private CompletableFuture<?> probeAccount(String account) {
        return walletBalance(signings.get(account));
    }

    private static ApiCredentials credentials(String venue, BybitConfig.Account a) {
        try {
            return new ApiCredentials(a.apiKey().reveal(), HmacSha256.of(a.secret().reveal()));
        } catch (RuntimeException e) {
            throw new VenueConfigException("venues[" + venue + "].accounts[" + a.name() + "]: the apiKey or secret "
                    + "is not usable (" + e.getClass().getSimpleName() + "; the values are not shown)");
        }
    }
}

package io.fixbridge.venue.binance;

import io.fixbridge.venue.kit.EventGate;

import com.fasterxml.jackson.databind.JsonNode;
import io.fixbridge.venue.Balance;
import io.fixbridge.venue.CancelRequest;
import io.fixbridge.venue.Instrument;
import io.fixbridge.venue.MarketDataListener;
import io.fixbridge.venue.MarketDataSubscription;
import io.fixbridge.venue.MarketType;
import io.fixbridge.venue.OcoRequest;
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
import io.fixbridge.venue.VenueError;
import io.fixbridge.venue.VenueException;
import io.fixbridge.venue.VenueTelemetry;
import io.fixbridge.venue.binance.dto.AlgoOrder;
import io.fixbridge.venue.binance.dto.CancelReplaceResponse;
import io.fixbridge.venue.binance.dto.ExchangeInfo;
import io.fixbridge.venue.binance.dto.FuturesBalance;
import io.fixbridge.venue.binance.dto.OrderListResponse;
import io.fixbridge.venue.binance.dto.PositionRisk;
import io.fixbridge.venue.binance.dto.RestOrder;
import io.fixbridge.venue.binance.dto.SpotAccount;
import io.fixbridge.venue.kit.VenueCalls;
import io.fixbridge.venue.kit.VenueExecutors;
import io.fixbridge.venue.kit.http.QueryString;
import io.fixbridge.venue.kit.sign.ApiCredentials;
import io.fixbridge.venue.kit.sign.Ed25519Signer;
import io.fixbridge.venue.kit.sign.HmacSha256;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
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
import java.util.function.Supplier;

/**
 * Binance spot ({@code /api/v3}) and USD-M perpetual futures ({@code /fapi}) as one venue.
 *
 * <h2>Threading</h2>
 * Every method returns at once. Network work runs on the adapter's kit executors
 * ({@code binance-<name>-io/-callback/-scheduler}); all order state (the {@link OrderTracker}) lives
 * on one serial "event thread" over the callback pool. Listener callbacks and the completion of the
 * futures of submit, cancel, replace and submitOco happen there, one at a time, events before the
 * future that reports the same thing. Events about one order reach the listener in the order Binance
 * reported them.
 *
 * <h2>Errors</h2>
 * Futures fail only with {@link VenueException}, classified by {@link BinanceErrors}: REJECTED is
 * definitive (Binance's code and text are carried), RETRYABLE means nothing was sent or done
 * (rate limit reached within maxWait, connection refused, not connected yet), OUTCOME_UNKNOWN means
 * the request may have taken effect (no answer, 5xx, -1007) and must be settled by
 * {@link #queryOrder}; the adapter never resends an order by itself. No method throws for a venue
 * problem; null arguments and a second {@link #subscribe} throw.
 *
 * <h2>Order events</h2>
 * <ul>
 *   <li>submit: the future completes with Accepted from the REST answer; the stream reports the
 *       same; the listener gets one Accepted per order (the first to arrive). Spot answers are FULL:
 *       their fills (taker, with trade ids) are emitted on the listener right away; the stream's
 *       copies of those fills are dropped by trade id. An IOC/FOK/market remainder is Expired.</li>
 *   <li>cancel: completes with Canceled; the listener gets one Canceled.</li>
 *   <li>replace, spot: {@code POST /api/v3/order/cancelReplace} (STOP_ON_FAILURE); the listener gets
 *       one Replaced (old id to new id, new venue order id) and never the stream's CANCELED of the
 *       old id nor an Accepted for the new one. Futures: {@code PUT /fapi/v1/order} modifies a LIMIT
 *       order in place; Replaced keeps the original client order id as {@code newClientOrderId}.</li>
 *   <li>futures conditional orders (STOP, STOP_LIMIT, TAKE_PROFIT) go to {@code /fapi/v1/algoOrder}
 *       with {@code clientAlgoId} = the client order id; their ALGO_UPDATEs and, after the trigger,
 *       the placed order's ORDER_TRADE_UPDATEs are reported under that one client order id with the
 *       algo id as venue order id (see {@link OrderTracker}).</li>
 *   <li>After a user stream reconnects, every order the adapter knows to be open on that account
 *       and market is queried over REST with its trades, and whatever the stream missed is emitted
 *       (fills by their real trade ids; duplicates are dropped).</li>
 * </ul>
 *
 * <h2>Health</h2>
 * HTTP 503 "Service Unavailable", -1016 or "trading is not enabled" marks that market down:
 * submits, replaces and OCOs on it fail fast with REJECTED VENUE_CLOSED ("Binance is in
 * maintenance; orders are refused until it answers again") until a probe (ping and exchangeInfo,
 * every healthProbeIntervalMs) finds it answering with a symbol TRADING; the probe also refreshes
 * the instruments' statuses. An instrument that is not TRADING is refused before sending
 * (VENUE_CLOSED, naming the symbol and its status). Refused credentials mark the account unhealthy
 * (ERROR logged, its orders refused with REJECTED OTHER) until a signed probe succeeds.
 * {@link #healthStatus()} reports both.
 *
 * <h2>Telemetry</h2>
 * Given to the constructor ({@link VenueTelemetry#NONE} otherwise): REST requests as {@code METHOD /path}
 * with their status and latency; limits {@code spot:REQUEST_WEIGHT:1m}, {@code spot:ORDERS:10s},
 * {@code futures:REQUEST_WEIGHT:1m}, {@code futures:ORDERS:10s}; per account the streams
 * {@code user:<account>} (spot, connected once the WebSocket API subscription is confirmed) and
 * {@code futures-user:<account>} (connected when the listen-key stream is open); and
 * {@link VenueTelemetry#orderRequestSent} for the client order id of every new order, both OCO legs, a
 * cancel-replace's and a futures modify's replacement id, once rate-limited and signed, just before the
 * HTTP request is handed to the connection.
 *
 * <h2>Reference prices</h2>
 * From the moment connect has loaded the instruments, {@link ReferencePrices} polls each market's
 * bookTicker for every symbol every {@code referencePriceIntervalMs} (one request per market, weight 4
 * spot, 5 futures) and {@link #referencePrice} answers the latest mid from memory. A failed poll never
 * fails connect or an order: the prices age, and it is logged at WARN once per streak.
 *
 * <h2>Market data</h2>
 * {@link #subscribeMarketData} keeps each subscribed symbol's book from the diff-depth stream and REST
 * snapshots by Binance's documented procedure and streams it with the symbol's public trades
 * ({@link MarketStreams}): one connection per market for spot ({@code spotStreamUrl}/ws), two for
 * futures ({@code futuresWsUrl}/public/ws for depth, /market/ws for aggregate trades), streams added and
 * removed by live SUBSCRIBE/UNSUBSCRIBE; books of {@code bookDepth} levels ({@link #maxBookDepth}).
 *
 * <h2>Balances and positions</h2>
 * {@link #balances} reports the spot wallet when spot is configured, else the USD-M futures wallet;
 * {@link #positions} reports non-zero USD-M positions (realised profit is zero: positionRisk does not
 * carry it).
 */
public final class BinanceAdapter implements VenueAdapter {
    private static final Logger LOG = LoggerFactory.getLogger(BinanceAdapter.class);

    /** What this adapter can do; refusals of what one market cannot do are made per order with a text. */
    public static final VenueCapabilities CAPABILITIES = new VenueCapabilities(
            Set.of(MarketType.SPOT, MarketType.LINEAR_PERPETUAL),
            EnumSet.allOf(OrderType.class),
            EnumSet.allOf(TimeInForce.class),
            true,
            Set.of(MarketType.LINEAR_PERPETUAL),
            true,
            true,
            false,
            ReplaceMode.CANCEL_THEN_NEW,
            true);

    private final String name;
    private final BinanceConfig config;
    private final Clock clock;
    private final VenueExecutors executors;
    private final EventGate<OrderTracker> gate;
    private final StreamEvents streamEvents;
    private final Map<BinanceMarket, BinanceRest> rest = new EnumMap<>(BinanceMarket.class);
    private final Map<String, BinanceRest.Signing> signings = new LinkedHashMap<>();
    private final OrderQueries queries;
    private final VenueHealth health;
    private final ReferencePrices referencePrices;
    private final Map<BinanceMarket, MarketStreams> marketData = new EnumMap<>(BinanceMarket.class);
    private final List<AutoCloseable> streams = new CopyOnWriteArrayList<>();
    private final AtomicBoolean subscribed = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final VenueCalls calls;
    private final Object connectLock = new Object();
    /** Swapped whole, by {@link AtomicReference#updateAndGet}: connect and the health probe both update it. */
    private final AtomicReference<Symbols> symbols = new AtomicReference<>(Symbols.EMPTY);
    private CompletableFuture<Void> connecting;
    /** Set on a callback thread when connect completes, read by {@link #close()}. */
    private volatile ScheduledFuture<?> housekeeping;
    private final VenueTelemetry telemetry;

    public BinanceAdapter(String name, BinanceConfig config) {
        this(name, config, Clock.systemUTC());
    }

    /** An adapter whose local time (rate limits, holds, timestamps before the clock sync) comes from {@code clock}. */
    public BinanceAdapter(String name, BinanceConfig config, Clock clock) {
        this(name, config, clock, VenueTelemetry.NONE);
    }

    /** {@link #BinanceAdapter(String, BinanceConfig, Clock)} reporting to {@code telemetry} (thread-safe, never throws). */
    public BinanceAdapter(String name, BinanceConfig config, Clock clock, VenueTelemetry telemetry) {
        this.telemetry = Objects.requireNonNull(telemetry, "telemetry");
        this.name = Objects.requireNonNull(name, "name");
        this.calls = new VenueCalls("binance venue " + name, closed::get);
        this.config = Objects.requireNonNull(config, "config");
        this.clock = Objects.requireNonNull(clock, "clock");
        for (BinanceConfig.Account a : config.accounts()) {
            signings.put(a.name(), new BinanceRest.Signing(a.name(), credentials(name, a)));
        }
        this.executors = VenueExecutors.create("binance-" + name, 2, 4);
        this.gate = new EventGate<OrderTracker>(name, executors.newSerialExecutor(),
                new OrderTracker(Duration.ofMillis(config.timeouts().requestMs() + 5000),
                        Duration.ofHours(config.trackedOrderIdleHours()), clock));
        BinanceRest.Hooks hooks = hooks();
        for (BinanceMarket m : config.markets()) {
            String url = m == BinanceMarket.SPOT ? config.urls().spotRest() : config.urls().futuresRest();
            rest.put(m, new BinanceRest(m, url, config, executors, clock, hooks, telemetry));
        }
        this.queries = new OrderQueries(rest);
        this.streamEvents = new StreamEvents(name, gate, executors.scheduler(), queries::fetch, symbols::get, signings,
                clock);
        this.health = new VenueHealth(name, executors.scheduler(),
                Duration.ofMillis(config.healthProbeIntervalMs()), this::probeMarket, this::probeAccount);
        this.referencePrices = new ReferencePrices(name, rest, symbols::get, executors.scheduler(),
                Duration.ofMillis(config.referencePriceIntervalMs()), clock);
        rest.forEach((m, r) -> marketData.put(m, new MarketStreams(name, m, config, r, executors, clock, telemetry)));
    }

    /** Whether Binance and each account's credentials are usable now, for operations. */
    public VenueHealth.Status healthStatus() {
        return health.status();
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
            throw new IllegalStateException("binance venue " + name + ": subscribe() may be called only once");
        }
        gate.listener(listener);
    }

    @Override
    public List<Instrument> instruments() {
        return symbols.get().instruments();
    }

    /**
     * The mid of Binance's best bid and ask (else the futures mark or the spot last price when the book
     * is one-sided), polled by {@link ReferencePrices} every {@code referencePriceIntervalMs} from the
     * moment connect has loaded the instruments; from memory, never blocks.
     */
    @Override
    public Optional<ReferencePrice> referencePrice(String symbol) {
        Objects.requireNonNull(symbol, "symbol");
        return referencePrices.get(symbol);
    }

    // ------------------------------------------------------------------ connect

    /**
     * Synchronises the clock of each market ({@code GET /time}), loads exchangeInfo, sets the
     * configured leverage, and opens every account's user-data streams; completes when all are up.
     * A second call returns the same future; after a failure a new call starts over.
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
        List<CompletableFuture<List<BinanceInstrument>>> loads = new ArrayList<>();
        for (BinanceRest r : rest.values()) {
            loads.add(r.syncClock().thenCompose(offset -> loadInstruments(r)));
        }
        return CompletableFuture.allOf(loads.toArray(CompletableFuture[]::new)).thenCompose(ok -> {
            List<BinanceInstrument> all = new ArrayList<>();
            loads.forEach(l -> all.addAll(l.join()));
            Set<BinanceMarket> loaded = EnumSet.copyOf(rest.keySet());
            symbols.updateAndGet(current -> current.replacing(loaded, all));
            LOG.info("binance venue {}: {} instruments loaded ({})", name, all.size(), config.markets());
            referencePrices.start();
            return setLeverage();
        }).thenCompose(ok -> openStreams()).whenCompleteAsync((ok, failure) -> {
            // on the adapter's own callback pool: a stream timeout completes on the JDK's shared
            // delayer thread, and closing the streams may wait for them
            if (failure != null) {
                LOG.warn("binance venue {}: connect failed: {}", name, VenueCalls.unwrap(failure).getMessage());
                closeStreams();
            }
        }, executors.callbacks()).thenRun(() -> {
            ScheduledFuture<?> task = executors.scheduler().scheduleWithFixedDelay(
                    () -> gate.run(() -> gate.emit(gate.tracker().expire())), 1, 1, TimeUnit.SECONDS);
            housekeeping = task;
            if (closed.get()) {
                task.cancel(false);
            }
            LOG.info("binance venue {} connected: markets {}, accounts {}", name, config.markets(),
                    config.accountNames());
        });
    }

    private CompletableFuture<Void> setLeverage() {
        if (config.leverage().isEmpty() || !rest.containsKey(BinanceMarket.FUTURES)) {
            return CompletableFuture.completedFuture(null);
        }
        List<CompletableFuture<String>> calls = new ArrayList<>();
        for (BinanceRest.Signing s : signings.values()) {
            config.leverage().forEach((symbol, leverage) -> calls.add(rest.get(BinanceMarket.FUTURES).send(
                    BinanceEndpoint.FUTURES_LEVERAGE, s, QueryString.builder().add("symbol", symbol)
                            .add("leverage", leverage).build(), true)));
        }
        return CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new));
    }

    private CompletableFuture<Void> openStreams() {
        List<CompletableFuture<Void>> started = new ArrayList<>();
        Duration timeout = Duration.ofMillis(2 * (config.timeouts().connectMs() + config.timeouts().requestMs()));
        for (BinanceRest.Signing s : signings.values()) {
            if (rest.containsKey(BinanceMarket.SPOT)) {
                SpotUserStream stream = new SpotUserStream(name, s.account(), config, s.credentials(),
                        rest.get(BinanceMarket.SPOT), executors, r -> streamEvents.spotReport(s.account(), r),
                        () -> streamEvents.fillGap(s.account(), BinanceMarket.SPOT), hooks(), telemetry);
                streams.add(stream);
                started.add(stream.start());
            }
            if (rest.containsKey(BinanceMarket.FUTURES)) {
                FuturesUserStream stream = new FuturesUserStream(name, config, rest.get(BinanceMarket.FUTURES), s,
                        executors, f -> streamEvents.futuresFrame(s.account(), f),
                        () -> streamEvents.fillGap(s.account(), BinanceMarket.FUTURES), telemetry);
                streams.add(stream);
                started.add(stream.start());
            }
        }
        return CompletableFuture.allOf(started.toArray(CompletableFuture[]::new))
                .orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
                .exceptionallyCompose(t -> {
                    Throwable cause = VenueCalls.unwrap(t);
                    return CompletableFuture.failedFuture(cause instanceof VenueException ? cause
                            : new VenueException(VenueError.retryable(null, "the Binance user data streams did not "
                            + "come up within " + timeout.toSeconds() + " s (" + cause + ")", null), cause));
                });
    }

    /** Hooks reading {@link #health} when called (it is created after the REST clients). */
    private BinanceRest.Hooks hooks() {
        return new BinanceRest.Hooks() {
            @Override
            public void authFailure(String account, VenueError error) {
                health.authFailure(account, error);
            }

            @Override
            public void venueDown(BinanceMarket market, VenueError error) {
                health.venueDown(market, error);
            }
        };
    }

    // ------------------------------------------------------------------ orders

    @Override
    public CompletableFuture<OrderEvent.Accepted> submit(OrderRequest order) {
        Objects.requireNonNull(order, "order");
        return calls.guarded("submit " + order.clientOrderId(), () -> {
            BinanceRest.Signing s = signing(order.account());
            BinanceInstrument inst = tradable(order.symbol(), order.account());
            BinanceTranslator.Placement p = BinanceTranslator.placement(order, inst, config.hedgeMode());
            return gate.call(() -> {
                gate.tracker().submitted(order, inst, p.algo());
                return null;
            }).thenCompose(x -> rest.get(inst.market()).send(p.endpoint(), s, query(p.params()), true,
                            List.of(order.clientOrderId())))
                    .handleAsync((body, failure) -> {
                        gate.tracker().answered(order.account(), List.of(order.clientOrderId()));
                        if (failure != null) {
                            throw settleRefusal(order.account(), List.of(order.clientOrderId()), failure);
                        }
                        if (p.algo()) {
                            OrderEvent.Accepted a = BinanceTranslator.accepted(order.account(),
                                    BinanceJson.read(body, AlgoOrder.class), clock.instant());
                            gate.emit(gate.tracker().apply(a));
                            return a;
                        }
                        RestOrder o = BinanceJson.read(body, RestOrder.class);
                        OrderEvent.Accepted a = BinanceTranslator.accepted(order.account(), o, clock.instant());
                        OrderTracker tracker = gate.tracker();
                        List<OrderEvent> out = new ArrayList<>(tracker.apply(a));
                        for (OrderEvent e : BinanceTranslator.afterAcceptance(order.account(), o, clock.instant())) {
                            out.addAll(tracker.apply(e));
                        }
                        if ("FILLED".equals(o.status())) {
                            tracker.finished(order.account(), order.clientOrderId());
                        }
                        gate.emit(out);
                        return a;
                    }, gate.executor());
        });
    }

    @Override
    public CompletableFuture<List<OrderEvent.Accepted>> submitOco(OcoRequest oco) {
        Objects.requireNonNull(oco, "oco");
        return calls.guarded("OCO " + oco.listClientOrderId(), () -> {
            BinanceRest.Signing s = signing(oco.account());
            BinanceInstrument inst = tradable(oco.above().symbol(), oco.account());
            Map<String, String> params = BinanceTranslator.ocoParams(oco, inst);
            List<String> ids = List.of(oco.above().clientOrderId(), oco.below().clientOrderId());
            return gate.call(() -> {
                gate.tracker().submitted(oco.above(), inst, false);
                gate.tracker().submitted(oco.below(), inst, false);
                return null;
            }).thenCompose(x -> rest.get(BinanceMarket.SPOT).send(BinanceEndpoint.SPOT_NEW_OCO, s, query(params), true,
                            ids))
                    .handleAsync((body, failure) -> {
                        gate.tracker().answered(oco.account(), ids);
                        if (failure != null) {
                            throw settleRefusal(oco.account(), ids, failure);
                        }
                        OrderListResponse list = BinanceJson.read(body, OrderListResponse.class);
                        List<OrderEvent.Accepted> accepted = new ArrayList<>(2);
                        List<OrderEvent> out = new ArrayList<>();
                        for (String id : ids) {
                            RestOrder leg = list.orderReports().stream().filter(r -> id.equals(r.clientOrderId()))
                                    .findFirst().orElseThrow(() -> new VenueException(VenueError.outcomeUnknown(null,
                                            "Binance's OCO answer has no order " + id)));
                            OrderEvent.Accepted a = BinanceTranslator.accepted(oco.account(), leg, clock.instant());
                            accepted.add(a);
                            out.addAll(gate.tracker().apply(a));
                            for (OrderEvent e : BinanceTranslator.afterAcceptance(oco.account(), leg,
                                    clock.instant())) {
                                out.addAll(gate.tracker().apply(e));
                            }
                        }
                        gate.emit(out);
                        return List.copyOf(accepted);
                    }, gate.executor());
        });
    }

    @Override
    public CompletableFuture<OrderEvent.Canceled> cancel(CancelRequest cancel) {
        Objects.requireNonNull(cancel, "cancel");
        return calls.guarded("cancel " + cancel.clientOrderId(), () -> {
            BinanceRest.Signing s = signing(cancel.account());
            BinanceInstrument inst = instrument(cancel.symbol());
            return gate.call(() -> gate.tracker().find(cancel.account(), cancel.clientOrderId())
                    .map(t -> new Route(t.algo(), t.childOrderId(), t.venueOrderId())).orElse(Route.UNKNOWN))
                    .thenCompose(route -> sendCancel(s, inst, cancel, route))
                    .thenCompose(outcome -> withFinalState(s, inst, cancel, outcome))
                    .handleAsync((end, failure) -> {
                        if (failure != null) {
                            throw tooLateIfDone(cancel.account(), cancel.clientOrderId(), failure);
                        }
                        if (end.state().isPresent()) {
                            gate.emit(streamEvents.stateEvents(cancel.account(), cancel.clientOrderId(),
                                    end.state().get()));
                        }
                        gate.emit(gate.tracker().apply(end.canceled()));
                        return end.canceled();
                    }, gate.executor());
        });
    }

    /** Binance's answer to a cancel: the end, and what had filled by then (null where Binance does not say). */
    private record CancelOutcome(OrderEvent.Canceled canceled, BigDecimal executedQty) {
    }

    /** A cancel Binance carried out, with the order's state read after it when it had filled in part. */
    private record CanceledWithState(OrderEvent.Canceled canceled, Optional<OrderQueries.State> state) {
    }

    /**
     * The order filled in part before Binance canceled it: its fills may still be on their way on
     * the user stream, and its end must not go out before them. Its state and trades are read
     * first and applied before the end (the tracker drops fills already reported). When that read
     * fails, the end goes out on the cancel's answer and the stream still brings the fills.
     */
    private CompletableFuture<CanceledWithState> withFinalState(BinanceRest.Signing s, BinanceInstrument inst,
                                                                CancelRequest cancel, CancelOutcome outcome) {
        if (outcome.executedQty() == null || outcome.executedQty().signum() == 0) {
            return CompletableFuture.completedFuture(new CanceledWithState(outcome.canceled(), Optional.empty()));
        }
        return queries.fetch(s, inst, cancel.clientOrderId(), false).handle((state, failure) -> {
            if (failure != null) {
                LOG.warn("binance venue {} account {}: the fills of canceled order {} could not be read ({}); its "
                        + "end goes out on the cancel's answer", name, cancel.account(), cancel.clientOrderId(),
                        VenueCalls.unwrap(failure).getMessage());
                return new CanceledWithState(outcome.canceled(), Optional.empty());
            }
            return new CanceledWithState(outcome.canceled(), state);
        });
    }

    /** How to cancel an order: its kind as the tracker knows it. */
    private record Route(boolean algo, String childOrderId, String venueOrderId) {
        static final Route UNKNOWN = new Route(false, null, null);
    }

    private CompletableFuture<CancelOutcome> sendCancel(BinanceRest.Signing s, BinanceInstrument inst,
                                                        CancelRequest c, Route route) {
        String account = c.account();
        String id = c.clientOrderId();
        if (inst.market() == BinanceMarket.SPOT) {
            return rest.get(BinanceMarket.SPOT).send(BinanceEndpoint.SPOT_CANCEL_ORDER, s, QueryString.builder()
                    .add("symbol", inst.venueSymbol()).add("origClientOrderId", id).build(), true, RestOrder.class)
                    .thenApply(o -> new CancelOutcome(BinanceTranslator.canceled(account, o, clock.instant()),
                            o.executedQty()));
        }
        BinanceRest futures = rest.get(BinanceMarket.FUTURES);
        Supplier<CompletableFuture<CancelOutcome>> algo = () -> futures.send(
                BinanceEndpoint.FUTURES_CANCEL_ALGO_ORDER, s, QueryString.builder()
                        .add("clientAlgoId", BinanceTranslator.clientAlgoId(id)).build(), true, AlgoOrder.class)
                .thenApply(a -> new CancelOutcome(BinanceTranslator.canceled(account, id, a, clock.instant()), null));
        if (route.algo() && route.childOrderId() == null) {
            return algo.get();
        }
        if (route.algo()) {
            return futures.send(BinanceEndpoint.FUTURES_CANCEL_ORDER, s, QueryString.builder()
                    .add("symbol", inst.venueSymbol()).add("orderId", route.childOrderId()).build(), true,
                    RestOrder.class).thenApply(o -> new CancelOutcome(new OrderEvent.Canceled(account, id,
                    route.venueOrderId(), null, clock.instant()), null));
        }
        CompletableFuture<CancelOutcome> regular = futures.send(BinanceEndpoint.FUTURES_CANCEL_ORDER, s,
                QueryString.builder().add("symbol", inst.venueSymbol()).add("origClientOrderId", id).build(), true,
                RestOrder.class).thenApply(o -> new CancelOutcome(BinanceTranslator.canceled(account, o, clock.instant()),
                o.executedQty()));
        if (route != Route.UNKNOWN) {
            return regular;
        }
        return regular.exceptionallyCompose(t -> {
            Throwable cause = VenueCalls.unwrap(t);
            if (cause instanceof VenueException v && OrderQueries.isUnknownOrder(v.error())) {
                return algo.get().exceptionallyCompose(t2 -> CompletableFuture.failedFuture(cause));
            }
            return CompletableFuture.failedFuture(cause);
        });
    }

    @Override
    public CompletableFuture<OrderEvent.Replaced> replace(ReplaceRequest replace) {
        Objects.requireNonNull(replace, "replace");
        OrderRequest original = replace.original();
        return calls.guarded("replace " + original.clientOrderId(), () -> {
            BinanceRest.Signing s = signing(original.account());
            BinanceInstrument inst = tradable(original.symbol(), original.account());
            return inst.market() == BinanceMarket.SPOT ? cancelReplace(s, inst, replace) : modify(s, inst, replace);
        });
    }

    private CompletableFuture<OrderEvent.Replaced> cancelReplace(BinanceRest.Signing s, BinanceInstrument inst,
                                                                 ReplaceRequest replace) {
        String account = replace.original().account();
        String from = replace.original().clientOrderId();
        String to = replace.replacement().clientOrderId();
        Map<String, String> params = BinanceTranslator.cancelReplaceParams(replace, inst);
        return gate.call(() -> {
            gate.tracker().replacing(account, from, replace.replacement(), inst);
            return null;
        }).thenCompose(x -> rest.get(BinanceMarket.SPOT).send(BinanceEndpoint.SPOT_CANCEL_REPLACE, s, query(params),
                true, List.of(to))).handleAsync((body, failure) -> {
                    gate.tracker().answered(account, List.of(from, to));
                    if (failure != null) {
                        throw replaceFailed(account, from, to, failure);
                    }
                    CancelReplaceResponse r = BinanceJson.read(body, CancelReplaceResponse.class);
                    RestOrder placed = BinanceJson.convert(r.newOrderResponse(), RestOrder.class);
                    List<OrderEvent> done = gate.tracker().replaceSucceeded(account, from, to,
                            String.valueOf(placed.orderId()), clock.instant());
                    OrderEvent.Replaced replaced = (OrderEvent.Replaced) done.get(done.size() - 1);
                    List<OrderEvent> out = new ArrayList<>(done.subList(0, done.size() - 1));
                    for (OrderEvent e : BinanceTranslator.afterAcceptance(account, placed, clock.instant())) {
                        out.addAll(gate.tracker().apply(e));
                    }
                    gate.emit(out);
                    return replaced;
                }, gate.executor());
    }

    /** On the event thread: settles a failed cancel-replace and says how it failed. */
    private VenueException replaceFailed(String account, String from, String to, Throwable failure) {
        Throwable t = VenueCalls.unwrap(failure);
        VenueException v = calls.asVenueException(t, "replace " + from);
        JsonNode data = t.getCause() instanceof BinanceApiError api ? api.data() : null;
        if (data != null && data.isObject() && data.has("cancelResult")) {
            CancelReplaceResponse r = BinanceJson.convert(data, CancelReplaceResponse.class);
            boolean canceled = "SUCCESS".equals(r.cancelResult());
            String venueOrderId = null;
            JsonNode half = canceled ? r.newOrderResponse() : r.cancelResponse();
            if (canceled && r.cancelResponse() != null && r.cancelResponse().has("orderId")) {
                venueOrderId = r.cancelResponse().get("orderId").asText();
            }
            gate.emit(gate.tracker().replaceFailed(account, from, to, canceled, venueOrderId, clock.instant()));
            if (half != null && half.has("code")) {
                VenueError e = BinanceErrors.classify(BinanceMarket.SPOT, 400, half.get("code").asInt(),
                        half.path("msg").asText(null), null).error();
                String prefix = canceled ? "the original order was canceled but Binance refused the replacement: "
                        : "Binance refused to cancel the original order: ";
                VenueException shown = new VenueException(new VenueError(e.outcome(), e.reason(), e.code(),
                        prefix + e.message(), e.retryAfter()), t);
                return canceled ? shown : tooLateIfDone(account, from, shown);
            }
            return v;
        }
        if (v.error().outcome() != VenueError.Outcome.OUTCOME_UNKNOWN) {
            gate.emit(gate.tracker().replaceFailed(account, from, to, false, null, clock.instant()));
        }
        return tooLateIfDone(account, from, v);
    }

    private CompletableFuture<OrderEvent.Replaced> modify(BinanceRest.Signing s, BinanceInstrument inst,
                                                          ReplaceRequest replace) {
        String account = replace.original().account();
        String from = replace.original().clientOrderId();
        Map<String, String> params = BinanceTranslator.modifyParams(replace, inst);
        return rest.get(BinanceMarket.FUTURES).send(BinanceEndpoint.FUTURES_MODIFY_ORDER, s, query(params), true,
                List.of(replace.replacement().clientOrderId()), RestOrder.class).handleAsync((o, failure) -> {
                    if (failure != null) {
                        throw tooLateIfDone(account, from, calls.asVenueException(VenueCalls.unwrap(failure),
                                "modify " + from));
                    }
                    OrderEvent.Replaced r = BinanceTranslator.replaced(account, from, o,
                            replace.replacement().quantity(), clock.instant());
                    gate.emit(gate.tracker().apply(r));
                    return r;
                }, gate.executor());
    }

    // ------------------------------------------------------------------ queries

    @Override
    public CompletableFuture<Optional<OrderSnapshot>> queryOrder(String account, String symbol, String clientOrderId) {
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(symbol, "symbol");
        Objects.requireNonNull(clientOrderId, "clientOrderId");
        return calls.guarded("query " + clientOrderId, () -> {
            BinanceRest.Signing s = signing(account);
            BinanceInstrument inst = instrument(symbol);
            return gate.call(() -> gate.tracker().find(account, clientOrderId).map(OrderTracker.Tracked::algo)
                    .orElse(false))
                    .thenCompose(algo -> queries.fetch(s, inst, clientOrderId, algo))
                    .thenCompose(state -> {
                        Optional<OrderSnapshot> snapshot = state.map(st -> st.algo() != null
                                ? BinanceTranslator.snapshot(account, symbol, st.algo(), st.child(), st.trades())
                                : BinanceTranslator.snapshot(account, symbol, st.order(), st.trades()));
                        boolean open = snapshot.isPresent() && !snapshot.get().status().isTerminal();
                        boolean algo = state.isPresent() && state.get().algo() != null;
                        return gate.call(() -> {
                            // an open order placed before a restart is followed from now on, so stream gaps are filled for it
                            if (open) {
                                gate.tracker().adopt(account, clientOrderId, inst, algo);
                            }
                            return snapshot;
                        });
                    });
        });
    }

    @Override
    public CompletableFuture<List<OrderSnapshot>> openOrders(String account) {
        Objects.requireNonNull(account, "account");
        return calls.guarded("open orders", () -> {
            BinanceRest.Signing s = signing(account);
            List<CompletableFuture<List<OrderSnapshot>>> parts = new ArrayList<>();
            if (rest.containsKey(BinanceMarket.SPOT)) {
                parts.add(rest.get(BinanceMarket.SPOT).send(BinanceEndpoint.SPOT_OPEN_ORDERS, s, QueryString.empty(),
                        false, RestOrder[].class).thenApply(list -> regularSnapshots(account, BinanceMarket.SPOT,
                        list)));
            }
            if (rest.containsKey(BinanceMarket.FUTURES)) {
                BinanceRest futures = rest.get(BinanceMarket.FUTURES);
                parts.add(futures.send(BinanceEndpoint.FUTURES_OPEN_ORDERS, s, QueryString.empty(), false,
                        RestOrder[].class).thenCompose(list -> gate.call(() -> futuresOpenSnapshots(account, list))));
                parts.add(futures.send(BinanceEndpoint.FUTURES_OPEN_ALGO_ORDERS, s, QueryString.empty(), false)
                        .thenApply(body -> algoSnapshots(account, body)));
            }
            return CompletableFuture.allOf(parts.toArray(CompletableFuture[]::new)).thenApply(ok -> {
                List<OrderSnapshot> all = new ArrayList<>();
                parts.forEach(p -> all.addAll(p.join()));
                return List.copyOf(all);
            });
        });
    }

    private List<OrderSnapshot> regularSnapshots(String account, BinanceMarket market, RestOrder[] orders) {
        List<OrderSnapshot> out = new ArrayList<>(orders.length);
        Symbols sy = symbols.get();
        for (RestOrder o : orders) {
            String unified = sy.unifiedOf(market, o.symbol());
            if (unified != null) {
                out.add(BinanceTranslator.snapshot(account, unified, o, List.of()));
            }
        }
        return out;
    }

    /** On the event thread: futures open orders, with a triggered conditional order's child under its parent's ids. */
    private List<OrderSnapshot> futuresOpenSnapshots(String account, RestOrder[] orders) {
        List<OrderSnapshot> out = new ArrayList<>();
        for (OrderSnapshot snap : regularSnapshots(account, BinanceMarket.FUTURES, orders)) {
            Optional<OrderTracker.Tracked> parent = gate.tracker().parentOfChild(account, snap.venueOrderId());
            out.add(parent.map(p -> new OrderSnapshot(account, p.clientOrderId(), p.venueOrderId(), snap.symbol(),
                    snap.side(), snap.status(), snap.quantity(), snap.filledQuantity(), snap.price(), snap.fills()))
                    .orElse(snap));
        }
        return out;
    }

    private List<OrderSnapshot> algoSnapshots(String account, String body) {
        JsonNode node = BinanceJson.tree(body);
        JsonNode list = node.isArray() ? node : node.path("orders");
        List<OrderSnapshot> out = new ArrayList<>();
        Symbols sy = symbols.get();
        for (JsonNode n : list) {
            AlgoOrder a = BinanceJson.convert(n, AlgoOrder.class);
            String unified = sy.unifiedOf(BinanceMarket.FUTURES, a.symbol());
            if (unified != null) {
                out.add(BinanceTranslator.snapshot(account, unified, a, null, List.of()));
            }
        }
        return out;
    }

    /**
     * Spot wallet balances when spot is configured (free + locked = total, free = available);
     * otherwise the USD-M futures wallet (margin balance = total, available balance).
     */
    @Override
    public CompletableFuture<List<Balance>> balances(String account) {
        Objects.requireNonNull(account, "account");
        return calls.guarded("balances", () -> {
            BinanceRest.Signing s = signing(account);
            if (rest.containsKey(BinanceMarket.SPOT)) {
                return rest.get(BinanceMarket.SPOT).send(BinanceEndpoint.SPOT_ACCOUNT, s, QueryString.empty(), true,
                        SpotAccount.class).thenApply(BinanceTranslator::spotBalances);
            }
            return rest.get(BinanceMarket.FUTURES).send(BinanceEndpoint.FUTURES_BALANCE, s, QueryString.empty(), true,
                    FuturesBalance[].class).thenApply(b -> BinanceTranslator.futuresBalances(Arrays.asList(b)));
        });
    }

    /** USD-M futures positions (positionRisk), non-zero ones; empty when futures are not configured. */
    @Override
    public CompletableFuture<List<Position>> positions(String account) {
        Objects.requireNonNull(account, "account");
        return calls.guarded("positions", () -> {
            BinanceRest.Signing s = signing(account);
            if (!rest.containsKey(BinanceMarket.FUTURES)) {
                return CompletableFuture.completedFuture(List.<Position>of());
            }
            return rest.get(BinanceMarket.FUTURES).send(BinanceEndpoint.FUTURES_POSITION_RISK, s, QueryString.empty(),
                    true, PositionRisk[].class).thenApply(p -> BinanceTranslator.positions(Arrays.asList(p),
                    v -> symbols.get().unifiedOf(BinanceMarket.FUTURES, v)));
        });
    }

    // ------------------------------------------------------------------ market data

    /** The configured {@code bookDepth}: Binance's diff-depth streams cover the whole book. */
    @Override
    public int maxBookDepth() {
        return config.bookDepth();
    }

    /**
     * Streams {@code symbol}'s book and trades as {@link MarketStreams} describes: the diff-depth stream
     * {@code @depth@100ms} kept from REST snapshots by Binance's documented procedure, spot {@code @trade} or
     * futures {@code @aggTrade}. Returns at once; call after connect completed.
     *
     * @throws IllegalArgumentException when the adapter has not loaded {@code symbol}
     * @throws IllegalStateException    when the adapter is closed
     */
    @Override
    public MarketDataSubscription subscribeMarketData(String symbol, MarketDataListener listener) {
        Objects.requireNonNull(symbol, "symbol");
        Objects.requireNonNull(listener, "listener");
        if (closed.get()) {
            throw new IllegalStateException("binance venue " + name + " is closed");
        }
        BinanceInstrument instrument = symbols.get().unified(symbol).orElseThrow(() -> new IllegalArgumentException(
                "binance venue " + name + " does not list " + symbol + " (markets " + config.markets() + ")"));
        return marketData.get(instrument.market()).subscribe(instrument, listener);
    }

    /** Drops the depth connection of {@code market}, for tests of the resync after a lost stream. */
    void dropDepthStream(BinanceMarket market, String reason) {
        marketData.get(market).reconnectDepth(reason);
    }

    // ------------------------------------------------------------------ close

    /** Closes the streams, HTTP clients and threads. Idempotent; never throws; does not wait for requests in flight. */
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
        marketData.values().forEach(this::closeQuietly);
        closeStreams();
        rest.values().forEach(this::closeQuietly);
        closeQuietly(executors);
        LOG.info("binance venue {} closed", name);
    }

    private void closeStreams() {
        for (AutoCloseable c : streams) {
            closeQuietly(c);
        }
        streams.clear();
    }

    private void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception e) {
            LOG.debug("binance venue {}: closing {} failed", name, c, e);
        }
    }

    // ------------------------------------------------------------------ helpers

    /** On the event thread: a refused request's orders are forgotten unless the outcome is unknown. */
    private VenueException settleRefusal(String account, List<String> ids, Throwable failure) {
        VenueException v = calls.asVenueException(VenueCalls.unwrap(failure), "order " + ids);
        if (v.error().outcome() != VenueError.Outcome.OUTCOME_UNKNOWN) {
            ids.forEach(id -> gate.tracker().forget(account, id));
        }
        return v;
    }

    /** On the event thread: an unknown-order refusal of an order the tracker saw finish becomes TOO_LATE. */
    private VenueException tooLateIfDone(String account, String clientOrderId, Throwable failure) {
        VenueException v = calls.asVenueException(VenueCalls.unwrap(failure), "order " + clientOrderId);
        VenueError adjusted = tooLate(account, clientOrderId, v.error());
        return adjusted == v.error() ? v : new VenueException(adjusted, v);
    }

    private VenueError tooLate(String account, String clientOrderId, VenueError e) {
        if (!OrderQueries.isUnknownOrder(e)) {
            return e;
        }
        boolean done = gate.tracker().find(account, clientOrderId).map(t -> !t.open()).orElse(false);
        return done ? VenueError.rejected(RejectReason.TOO_LATE, e.code(), e.message()
                + " (the order is already filled, canceled or expired)") : e;
    }

    private BinanceRest.Signing signing(String account) {
        BinanceRest.Signing s = signings.get(account);
        if (s == null) {
            throw new VenueException(VenueError.rejected(RejectReason.UNKNOWN_ACCOUNT, null, "binance venue " + name
                    + " has no account '" + account + "'; its accounts are " + config.accountNames()));
        }
        return s;
    }

    private BinanceInstrument instrument(String symbol) {
        Symbols sy = symbols.get();
        if (sy.isEmpty()) {
            throw new VenueException(VenueError.retryable(null, "binance venue " + name
                    + " is not connected yet; call connect() first", null));
        }
        return sy.unified(symbol).orElseThrow(() -> new VenueException(VenueError.rejected(
                RejectReason.UNKNOWN_SYMBOL, null, "binance venue " + name + " does not list " + symbol
                        + " (markets " + config.markets() + ")")));
    }

    /** The instrument, if new orders may be sent for it now: trading, venue up, credentials accepted. */
    private BinanceInstrument tradable(String symbol, String account) {
        BinanceInstrument inst = instrument(symbol);
        if (!inst.instrument().isTrading()) {
            throw new VenueException(VenueError.rejected(RejectReason.VENUE_CLOSED, null, symbol + " ("
                    + inst.venueSymbol() + ") is not trading on Binance: its status is " + inst.venueStatus()));
        }
        health.refusal(inst.market(), account).ifPresent(e -> {
            throw new VenueException(e);
        });
        return inst;
    }

    /** Health probe of a market that was down: ping, reload its instruments, up when one trades. */
    private CompletableFuture<Boolean> probeMarket(BinanceMarket market) {
        BinanceRest r = rest.get(market);
        return r.ping().thenCompose(pong -> loadInstruments(r)).thenApply(loaded -> {
            replaceInstruments(market, loaded);
            return loaded.stream().anyMatch(i -> i.instrument().isTrading());
        });
    }

    private CompletableFuture<List<BinanceInstrument>> loadInstruments(BinanceRest r) {
        BinanceEndpoint info = r.market() == BinanceMarket.SPOT ? BinanceEndpoint.SPOT_EXCHANGE_INFO
                : BinanceEndpoint.FUTURES_EXCHANGE_INFO;
        return r.send(info, null, QueryString.empty(), true, ExchangeInfo.class)
                .thenApply(i -> BinanceTranslator.instruments(i, r.market()));
    }

    /** Swaps one market's instruments (statuses change in maintenance), keeping the other market's, atomically. */
    private void replaceInstruments(BinanceMarket market, List<BinanceInstrument> loaded) {
        symbols.updateAndGet(current -> current.replacing(EnumSet.of(market), loaded));
    }

    private CompletableFuture<?> probeAccount(String account) {
        BinanceRest.Signing s = signings.get(account);
        if (rest.containsKey(BinanceMarket.SPOT)) {
            return rest.get(BinanceMarket.SPOT).send(BinanceEndpoint.SPOT_ACCOUNT, s, QueryString.empty(), true);
        }
        return rest.get(BinanceMarket.FUTURES).send(BinanceEndpoint.FUTURES_BALANCE, s, QueryString.empty(), true);
    }

    private static QueryString query(Map<String, String> params) {
        QueryString.Builder b = QueryString.builder();
        params.forEach(b::add);
        return b.build();
    }

    private static ApiCredentials credentials(String venue, BinanceConfig.Account a) {
        try {
            return switch (a.keyType()) {
                case HMAC -> new ApiCredentials(a.apiKey().reveal(), HmacSha256.of(a.signingKey().reveal()));
                case ED25519 -> new ApiCredentials(a.apiKey().reveal(),
                        Ed25519Signer.fromPem(a.signingKey().reveal()));
            };
        } catch (RuntimeException e) {
            throw new io.fixbridge.venue.VenueConfigException("venues[" + venue + "].accounts[" + a.name() + "]."
                    + (a.keyType() == BinanceConfig.KeyType.HMAC ? "secret" : "privateKey")
                    + ": not a usable " + a.keyType() + " key (the value is not shown)");
        }
    }
}

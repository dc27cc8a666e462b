package io.fixbridge.venue.hyperliquid;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
import io.fixbridge.venue.VenueError;
import io.fixbridge.venue.VenueException;
import io.fixbridge.venue.VenueTelemetry;
import io.fixbridge.venue.hyperliquid.HyperliquidTranslator.OrderAnswer;
import io.fixbridge.venue.hyperliquid.dto.ClearinghouseState;
import io.fixbridge.venue.hyperliquid.dto.Meta;
import io.fixbridge.venue.hyperliquid.dto.OrderStatusAnswer;
import io.fixbridge.venue.hyperliquid.dto.OrderUpdate;
import io.fixbridge.venue.hyperliquid.dto.SpotClearinghouseState;
import io.fixbridge.venue.hyperliquid.dto.SpotMeta;
import io.fixbridge.venue.hyperliquid.dto.UserFill;
import io.fixbridge.venue.hyperliquid.dto.UserFillsMessage;
import io.fixbridge.venue.hyperliquid.dto.UserRateLimit;
import io.fixbridge.venue.hyperliquid.dto.VenueOrder;
import io.fixbridge.venue.kit.EventGate;
import io.fixbridge.venue.kit.VenueCalls;
import io.fixbridge.venue.kit.VenueExecutors;
import io.fixbridge.venue.kit.ratelimit.RateLimitSnapshot;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Hyperliquid perpetuals and spot as one venue: instruments from {@code /info meta} and
 * {@code spotMeta}, orders as signed {@code /exchange} actions (EIP-712 L1 signing by the account's key
 * or its API wallet, optionally for a vault or sub-account), order events from the {@code orderUpdates}
 * and {@code userFills} WebSocket channels of each account, reference prices (mids) of every instrument
 * from the {@code allMids} channel.
 *
 * <h2>Threading</h2>
 * Every method returns at once. Network work runs on the adapter's kit executors
 * ({@code hyperliquid-<name>-io/-callback/-scheduler}); all order state (the {@link OrderTracker}) lives
 * on one serial event thread over the callback pool. Listener callbacks and the completion of the
 * futures of submit, cancel and replace happen there, events before the future that reports the same.
 *
 * <h2>Errors</h2>
 * Futures fail only with {@link VenueException}, classified by {@link HyperliquidErrors}: REJECTED is
 * definitive (a per-order {@code {"error"}} or a whole-request {@code {"status":"err"}}, with the venue's
 * text; or the adapter's own check before signing, such as a price breaking the five-significant-figure
 * rule, which names the nearest valid prices), RETRYABLE means nothing was sent (rate limit, address
 * budget, connection refused, not connected yet, nonce refused), OUTCOME_UNKNOWN means the request was
 * written and no answer came, or the venue accepted it and a follow-up query failed; it is never resent:
 * {@link #queryOrder} by cloid settles it. No method throws for a venue problem; null arguments and a
 * second {@link #subscribe} throw.
 *
 * <h2>Orders</h2>
 * <ul>
 *   <li>cloid: {@code "0x" + clientOrderId} for the gateway's 32-hex ids, else {@link Cloids}.</li>
 *   <li>market orders: IOC limit at the mid (l2Book stream, else {@code /info l2Book}) times
 *       (1 +/- {@code marketSlippage}), rounded to a valid price towards the mid; stop and take-profit
 *       (trigger-market) orders carry the trigger price moved the same way as their limit.</li>
 *   <li>replace: {@code batchModify} of one order (Hyperliquid's modify); the order gets a new oid and the
 *       replacement's cloid, reported in Replaced; the size sent is the new total less what has filled. A
 *       modify whose outcome is unknown, or accepted without an oid, is settled by orderStatus on the new
 *       cloid (see {@code settleModify}).</li>
 *   <li>cancel: {@code cancelByCloid}; its future and Canceled come after the fills Hyperliquid says the
 *       order had.</li>
 *   <li>After an account's stream reconnects, the userFills snapshot is de-duplicated by tid and every
 *       order known open is queried ({@code orderStatus} by cloid, {@code userFillsByTime}). An open order
 *       {@link #queryOrder} finds (one placed before a restart) is known from then on.</li>
 * </ul>
 *
 * <h2>Telemetry</h2>
 * Given to the constructor ({@link VenueTelemetry#NONE} otherwise): requests as {@code POST /info <type>}
 * and {@code POST /exchange <action>} with their status and latency; the limit {@code IP_WEIGHT:1m}; the
 * stream {@code user:<account>} per account (connected once orderUpdates and userFills are both
 * subscribed); {@link VenueTelemetry#orderRequestSent} for the client order id of every order action and
 * a modify's replacement id, once weighed and signed, just before the request is handed to the connection.
 * The market data WebSocket ({@link MarketStream}: market-order mids and market data subscriptions) is not
 * a reported stream: it starts on first use, market orders fall back to {@code POST /info l2Book} and a
 * market data subscriber sees an interruption, so it does not decide whether the venue is up. Nor is the
 * {@code allMids} WebSocket of the reference prices, opened at connect (not waited on).
 *
 * <h2>Market data</h2>
 * {@link #subscribeMarketData} streams a coin's {@code l2Book} (each message the whole book, 20 levels a
 * side: {@link #maxBookDepth()}) and {@code trades} from {@link MarketStream}, one upstream subscription
 * per coin shared with the mids of market orders, on the same connection (the adapter holds three kinds of
 * WebSocket: one per account, one for allMids, one for l2Book and trades).
 *
 * <h2>Health</h2>
 * An unknown signer ("User or API Wallet 0x... does not exist") marks the account unhealthy with an ERROR
 * naming the signer address; see {@link AccountHealth}. {@link #unhealthyAccounts()} reports it.
 */
public final class HyperliquidAdapter implements VenueAdapter {
    private static final Logger LOG = LoggerFactory.getLogger(HyperliquidAdapter.class);

    /** What Hyperliquid can do; what only perpetuals can do is refused per order with a text. */
    public static final VenueCapabilities CAPABILITIES = new VenueCapabilities(
            Set.of(MarketType.SPOT, MarketType.LINEAR_PERPETUAL),
            EnumSet.of(OrderType.LIMIT, OrderType.MARKET, OrderType.STOP, OrderType.STOP_LIMIT, OrderType.TAKE_PROFIT),
            EnumSet.of(TimeInForce.GTC, TimeInForce.IOC),
            true,
            Set.of(MarketType.LINEAR_PERPETUAL),
            false,
            false,
            false,
            ReplaceMode.NATIVE_AMEND,
            false);

    /** How long the end of an order waits for fills Hyperliquid said it had before it is reported anyway. */
    private static final Duration HELD_END_PATIENCE = Duration.ofSeconds(10);
    /** How often every account's address budget is read again from userRateLimit. */
    private static final Duration BUDGET_REFRESH = Duration.ofSeconds(60);

    private final String name;
    private final HyperliquidConfig config;
    private final Clock clock;
    private final VenueExecutors executors;
    private final EventGate<OrderTracker> gate;
    private final HyperliquidRest rest;
    private final FillPages fills;
    private final MarketStream marketStream;
    private final MidPrices mids;
    private final ReferencePrices referencePrices;
    private final AccountHealth health;
    private final Map<String, AccountSigning> signings = new LinkedHashMap<>();
    private final Map<String, AddressBudget> budgets = new LinkedHashMap<>();
    private final Map<String, UserStream> streams = new LinkedHashMap<>();
    private final AtomicReference<Markets> markets = new AtomicReference<>(Markets.EMPTY);
    private final AtomicBoolean subscribed = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final VenueCalls calls;
    private final Object connectLock = new Object();
    private CompletableFuture<Void> connecting;
    private volatile ScheduledFuture<?> housekeeping;
    private volatile ScheduledFuture<?> budgetRefresh;
    /** Modifies whose outcome is still unknown, settled by the housekeeping; event thread only. */
    private final Map<OrderTracker.Tracked, Modify> doubtful = new LinkedHashMap<>();

    public HyperliquidAdapter(String name, HyperliquidConfig config) {
        this(name, config, Clock.systemUTC());
    }

    /** An adapter whose local time (nonces, rate limits, mid freshness) comes from {@code clock}. */
    public HyperliquidAdapter(String name, HyperliquidConfig config, Clock clock) {
        this(name, config, clock, VenueTelemetry.NONE);
    }

    /** {@link #HyperliquidAdapter(String, HyperliquidConfig, Clock)} reporting to {@code telemetry} (thread-safe, never throws). */
    public HyperliquidAdapter(String name, HyperliquidConfig config, Clock clock, VenueTelemetry telemetry) {
        Objects.requireNonNull(telemetry, "telemetry");
        this.name = Objects.requireNonNull(name, "name");
        this.calls = new VenueCalls("hyperliquid venue " + name, closed::get);
        this.config = Objects.requireNonNull(config, "config");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.health = new AccountHealth(name, clock);
        NonceSources nonces = new NonceSources(clock);
        try {
            for (HyperliquidConfig.Account a : config.accounts()) {
                AccountSigning s = AccountSigning.of(name, config, a, nonces);
                signings.put(a.name(), s);
                budgets.put(a.name(), new AddressBudget());
                s.onRotation(address -> health.keyRotated(a.name()));
            }
        } catch (RuntimeException e) {
            signings.values().forEach(AccountSigning::close);
            throw e;
        }
        this.executors = VenueExecutors.create("hyperliquid-" + name, 2, 4);
        this.gate = new EventGate<>(name, executors.newSerialExecutor(), new OrderTracker(clock));
        this.rest = new HyperliquidRest(config, executors, clock, this::refused, telemetry);
        this.fills = new FillPages(rest);
        this.marketStream = new MarketStream(name, config, executors, clock);
        this.mids = new MidPrices(config, rest, marketStream, clock);
        this.referencePrices = new ReferencePrices(name, config, rest, executors, clock, markets::get);
        for (AccountSigning s : signings.values()) {
            String account = s.account();
            streams.put(account, new UserStream(name, account, s.user().hex(), config, executors,
                    updates -> gate.run(() -> orderUpdates(account, updates)),
                    fills -> gate.run(() -> userFills(account, fills)),
                    since -> gate.run(() -> fillGap(account, since)), clock, telemetry));
        }
        signings.values().forEach(s -> LOG.info("hyperliquid venue {} account {}: signer {}, user {}{}", name,
                s.account(), s.signer(), s.user(), s.vault() == null ? "" : " (vault)"));
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
            throw new IllegalStateException("hyperliquid venue " + name + ": subscribe() may be called only once");
        }
        gate.listener(listener);
    }

    @Override
    public List<Instrument> instruments() {
        return markets.get().instruments();
    }

    /**
     * The mid of {@code symbol} from Hyperliquid's {@code allMids} stream (seeded by {@code POST /info allMids}
     * at connect), as of its receipt; see {@link ReferencePrices}. From memory, never blocks.
     */
    @Override
    public Optional<ReferencePrice> referencePrice(String symbol) {
        return referencePrices.price(symbol);
    }

    /** Accounts refused because Hyperliquid does not know their signer, with that signer's address. */
    public Map<String, String> unhealthyAccounts() {
        return health.unhealthy();
    }

    /** The IP rate limit's state, for operations. */
    public List<RateLimitSnapshot> rateLimits() {
        return rest.rateLimits();
    }

    /** The address whose orders account {@code account} trades, for operations. */
    public Optional<String> userOf(String account) {
        return Optional.ofNullable(signings.get(account)).map(s -> s.user().hex());
    }

    /** The address that signs for {@code account} now (changes when its keystore is rotated). */
    public Optional<String> signerOf(String account) {
        return Optional.ofNullable(signings.get(account)).map(s -> s.signer().hex());
    }

    /** Checks {@code account}'s keystore for a rotation now instead of at the next poll (operations, tests). */
    public boolean refreshKey(String account) {
        AccountSigning s = signings.get(account);
        return s != null && s.refreshKey();
    }

    /** Levels per side of Hyperliquid's l2Book: 20 ({@code nSigFigs} aggregation is not used). */
    @Override
    public int maxBookDepth() {
        return MarketStream.DEPTH;
    }

    /**
     * Streams {@code symbol}'s book and trades from the market data WebSocket; see {@link MarketStream}.
     * Returns at once.
     *
     * @throws IllegalArgumentException when connect did not load {@code symbol}
     */
    @Override
    public MarketDataSubscription subscribeMarketData(String symbol, MarketDataListener listener) {
        Objects.requireNonNull(symbol, "symbol");
        Objects.requireNonNull(listener, "listener");
        HyperliquidMarket market = markets.get().symbol(symbol).orElseThrow(() -> new IllegalArgumentException(
                "hyperliquid venue " + name + " does not list " + symbol));
        return marketStream.subscribe(market, listener);
    }

    /** The market data WebSocket (tests, operations). */
    MarketStream marketStream() {
        return marketStream;
    }

    /** Successful connects of the allMids stream of the reference prices so far (tests, operations). */
    int referencePriceConnects() {
        return referencePrices.connects();
    }

    /** Drops every account stream; each reconnects, resubscribes and fills its gap (tests, operations). */
    void reconnectStreams(String why) {
        streams.values().forEach(s -> s.reconnect(why));
    }

    // ------------------------------------------------------------------ connect

    /**
     * Loads meta and spotMeta, reads each account's request budget ({@code userRateLimit}, unless
     * configured), and opens every account's stream; completes when all are subscribed. A second call
     * returns the same future; after a failure a new call starts over.
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
        CompletableFuture<JsonNode> perp = rest.info(HyperliquidJson.info("meta"));
        CompletableFuture<JsonNode> spot = rest.info(HyperliquidJson.info("spotMeta"));
        return perp.thenCombine(spot, (p, s) -> {
            List<HyperliquidMarket> all = new ArrayList<>(HyperliquidTranslator.perpMarkets(
                    HyperliquidJson.convert(p, Meta.class)));
            all.addAll(HyperliquidTranslator.spotMarkets(HyperliquidJson.convert(s, SpotMeta.class)));
            markets.set(new Markets(all));
            LOG.info("hyperliquid venue {}: {} instruments loaded", name, markets.get().instruments().size());
            if (!closed.get()) {
                referencePrices.start();
            }
            return null;
        }).thenCompose(x -> readBudgets()).thenCompose(x -> openStreams()).thenRun(() -> {
            ScheduledFuture<?> task = executors.scheduler().scheduleWithFixedDelay(() -> gate.run(() -> {
                emit(gate.tracker().releaseStaleEnds(HELD_END_PATIENCE));
                gate.tracker().expire();
                settleDoubtfulModifies();
                fetchMissingFills();
            }), 5, 5, TimeUnit.SECONDS);
            housekeeping = task;
            ScheduledFuture<?> budgetTask = executors.scheduler().scheduleWithFixedDelay(this::refreshBudgets,
                    BUDGET_REFRESH.toMillis(), BUDGET_REFRESH.toMillis(), TimeUnit.MILLISECONDS);
            budgetRefresh = budgetTask;
            if (closed.get()) {
                task.cancel(false);
                budgetTask.cancel(false);
            }
            LOG.info("hyperliquid venue {} connected ({}), accounts {}", name, config.testnet() ? "testnet" : "mainnet",
                    config.accountNames());
        });
    }

    /** At connect: the configured starting count, else what userRateLimit says. */
    private CompletableFuture<Void> readBudgets() {
        List<CompletableFuture<Void>> reads = new ArrayList<>();
        Long configured = config.rateLimit().addressBudget();
        for (AccountSigning s : signings.values()) {
            if (configured != null) {
                budgets.get(s.account()).set(configured);
            } else {
                reads.add(readBudget(s));
            }
        }
        return CompletableFuture.allOf(reads.toArray(CompletableFuture[]::new));
    }

    /** The timer: every account's budget read again, so that what trading added to it is usable. */
    private void refreshBudgets() {
        for (AccountSigning s : signings.values()) {
            budgets.get(s.account()).refill(() -> readBudget(s)).whenComplete((ok, failure) -> {
                if (failure != null) {
                    LOG.warn("hyperliquid venue {} account {}: reading the request budget failed ({})", name,
                            s.account(), VenueCalls.unwrap(failure).getMessage());
                }
            });
        }
    }

    private CompletableFuture<Void> readBudget(AccountSigning s) {
        AddressBudget budget = budgets.get(s.account());
        return rest.info(HyperliquidJson.info("userRateLimit", "user", s.user().hex())).thenAccept(n -> {
            UserRateLimit r = HyperliquidJson.convert(n, UserRateLimit.class);
            budget.set(r.remaining());
            LOG.info("hyperliquid venue {} account {}: {} requests left of the address budget ({} used of {})", name,
                    s.account(), r.remaining(), r.nRequestsUsed(), r.nRequestsCap());
        });
    }

    private CompletableFuture<Void> openStreams() {
        List<CompletableFuture<Void>> all = new ArrayList<>();
        for (UserStream s : streams.values()) {
            all.add(s.start());
        }
        Duration timeout = config.timeouts().connect().plus(config.timeouts().request()).multipliedBy(2);
        return CompletableFuture.allOf(all.toArray(CompletableFuture[]::new))
                .orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
                .exceptionallyCompose(t -> CompletableFuture.failedFuture(new VenueException(VenueError.retryable(null,
                        "the Hyperliquid streams did not come up within " + timeout.toSeconds() + " s ("
                                + VenueCalls.unwrap(t) + ")", null))));
    }

    // ------------------------------------------------------------------ submit

    @Override
    public CompletableFuture<OrderEvent.Accepted> submit(OrderRequest order) {
        Objects.requireNonNull(order, "order");
        return calls.guarded("submit " + order.clientOrderId(), () -> {
            AccountSigning s = signing(order.account());
            HyperliquidMarket m = tradable(order.symbol());
            Prices.check(order, m).ifPresent(e -> {
                throw new VenueException(e);
            });
            health.refusal(order.account()).ifPresent(e -> {
                throw new VenueException(e);
            });
            CompletableFuture<BigDecimal> mid = order.type() == OrderType.MARKET ? mids.mid(m.coin())
                    : CompletableFuture.completedFuture(null);
            return mid.thenCompose(px -> place(s, m, order, px));
        });
    }

    private CompletableFuture<OrderEvent.Accepted> place(AccountSigning s, HyperliquidMarket m, OrderRequest order,
                                                         BigDecimal mid) {
        String cloid = Cloids.of(order.clientOrderId());
        BigDecimal limit = HyperliquidTranslator.limitPrice(order, m, mid, config.marketSlippage());
        ObjectNode action = HyperliquidTranslator.orderAction(List.of(HyperliquidTranslator.orderWire(order, m,
                order.quantity(), limit, cloid)));
        String account = order.account();
        String id = order.clientOrderId();
        return gate.call(() -> {
                    if (gate.tracker().busy(account, id)) {
                        throw new VenueException(VenueError.rejected(RejectReason.DUPLICATE_ORDER, null,
                                "client order id " + id + " (cloid " + cloid + ") is already an order of account "
                                        + account + " at Hyperliquid; nothing was sent"));
                    }
                    return gate.tracker().submitted(order, m.symbol(), cloid);
                })
                .thenCompose(t -> takeBudget(s).thenCompose(x -> rest.exchange(account, "order", 1,
                                () -> s.body(action), List.of(id)))
                        .handle(Answer::new)
                        .thenComposeAsync(a -> placed(s, m, order, cloid, a).whenComplete((ok, failure) -> {
                            // on the event thread: an end the stream reported before an answer that is not a
                            // refusal goes out now
                            if (failure != null && VenueCalls.unwrap(failure) instanceof VenueException v
                                    && v.error().outcome() == VenueError.Outcome.OUTCOME_UNKNOWN) {
                                emit(gate.tracker().releaseEndBeforeAnswer(account, id));
                            }
                        }), gate.executor()));
    }

    private record Answer(JsonNode response, Throwable failure) {
    }

    /** On the event thread: what the order answer means. */
    private CompletableFuture<OrderEvent.Accepted> placed(AccountSigning s, HyperliquidMarket m, OrderRequest order,
                                                          String cloid, Answer a) {
        String account = order.account();
        String id = order.clientOrderId();
        OrderTracker tracker = gate.tracker();
        tracker.answered(account, id);
        if (a.failure() != null) {
            VenueException v = calls.asVenueException(VenueCalls.unwrap(a.failure()), "order " + id);
            if (v.error().outcome() != VenueError.Outcome.OUTCOME_UNKNOWN) {
                tracker.forget(account, id);
            }
            return CompletableFuture.failedFuture(v);
        }
        OrderAnswer answer;
        try {
            answer = HyperliquidTranslator.orderAnswer(a.response().path("data").path("statuses").path(0));
        } catch (UnknownVenueValueException e) {
            return CompletableFuture.failedFuture(new VenueException(HyperliquidErrors.notAnAnswer(e.getMessage()), e));
        }
        if (answer instanceof OrderAnswer.Error err) {
            HyperliquidErrors.Classified c = HyperliquidErrors.orderError(err.text());
            refused(account, c, err.text());
            if (c.consequence() == HyperliquidErrors.Consequence.DUPLICATE_CLOID) {
                return duplicate(s, m, order, cloid, c.error());
            }
            if (c.error().outcome() == VenueError.Outcome.REJECTED) {
                tracker.refused(account, id, c.error());
            } else {
                tracker.forget(account, id);
            }
            return CompletableFuture.failedFuture(new VenueException(c.error()));
        }
        if (answer instanceof OrderAnswer.Pending) {
            // accepted: from here on, whatever goes wrong leaves the outcome unknown, never a reject
            return orderStatus(s, cloid).handleAsync((found, failure) -> {
                if (failure != null) {
                    throw new VenueException(VenueError.outcomeUnknown(null, "Hyperliquid accepted order " + id
                            + " without an oid and the query of its oid failed (" + VenueCalls.unwrap(failure)
                            .getMessage() + "); its state is settled by a query"));
                }
                if (!found.found()) {
                    throw new VenueException(VenueError.outcomeUnknown(null, "Hyperliquid accepted order " + id
                            + " without an oid and does not list it yet; its state is settled by a query"));
                }
                return accept(account, id, found.order().order().oid(), null);
            }, gate.executor());
        }
        long oid = answer instanceof OrderAnswer.Resting r ? r.oid() : ((OrderAnswer.Filled) answer).oid();
        BigDecimal filled = answer instanceof OrderAnswer.Filled f ? f.totalSz() : null;
        try {
            return CompletableFuture.completedFuture(accept(account, id, oid, filled));
        } catch (VenueException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /** On the event thread: the order is at Hyperliquid with {@code oid}. */
    private OrderEvent.Accepted accept(String account, String id, long oid, BigDecimal venueFilled) {
        OrderTracker tracker = gate.tracker();
        Optional<VenueError> rejected = tracker.rejection(account, id);
        if (rejected.isPresent()) {
            throw new VenueException(rejected.get());
        }
        OrderEvent.Accepted accepted = new OrderEvent.Accepted(account, id, String.valueOf(oid), clock.instant());
        List<OrderEvent> out = new ArrayList<>(tracker.apply(accepted));
        tracker.find(account, id).ifPresent(t -> {
            tracker.oid(t, oid);
            out.addAll(tracker.venueFilled(t, venueFilled, clock.instant()));
        });
        out.addAll(tracker.releaseEndBeforeAnswer(account, id));
        emit(out);
        return accepted;
    }

    /**
     * Hyperliquid says the cloid is taken: if it is this very order (same coin and side), the submit is it.
     * The cloid is known to exist, so a failed query leaves the outcome unknown.
     */
    private CompletableFuture<OrderEvent.Accepted> duplicate(AccountSigning s, HyperliquidMarket m, OrderRequest order,
                                                             String cloid, VenueError refusal) {
        return orderStatus(s, cloid).handleAsync((found, failure) -> {
            if (failure != null) {
                throw new VenueException(VenueError.outcomeUnknown(null, "Hyperliquid says cloid " + cloid
                        + " is taken and the query of it failed (" + VenueCalls.unwrap(failure).getMessage()
                        + "); the order's state is settled by a query"));
            }
            if (found.found() && m.coin().equals(found.order().order().coin())
                    && HyperliquidTranslator.side(found.order().order().side()) == order.side()) {
                LOG.info("hyperliquid venue {} account {}: cloid {} is already order {}; the submit completes with it",
                        name, order.account(), cloid, found.order().order().oid());
                return accept(order.account(), order.clientOrderId(), found.order().order().oid(), null);
            }
            throw new VenueException(refusal);
        }, gate.executor());
    }

    /**
     * One request of the account's address budget. When the local count is used up, userRateLimit is read
     * again first (what trading added counts); only when Hyperliquid too says nothing is left is the
     * request refused here, RETRYABLE.
     */
    private CompletableFuture<Void> takeBudget(AccountSigning s) {
        AddressBudget budget = budgets.get(s.account());
        if (budget.take(1)) {
            return CompletableFuture.completedFuture(null);
        }
        return budget.refill(() -> readBudget(s)).handle((ok, failure) -> {
            if (failure != null) {
                throw new VenueException(VenueError.retryable(null, "the Hyperliquid request budget of account "
                        + s.account() + " is used up here and reading it again failed ("
                        + VenueCalls.unwrap(failure).getMessage() + "); nothing was sent", Duration.ofSeconds(10)));
            }
            if (!budget.take(1)) {
                throw new VenueException(VenueError.retryable(null, "the Hyperliquid request budget of account "
                        + s.account() + " is used up (it grows by one request per USDC traded); nothing was sent",
                        Duration.ofSeconds(10)));
            }
            return null;
        });
    }

    // ------------------------------------------------------------------ cancel

    @Override
    public CompletableFuture<OrderEvent.Canceled> cancel(CancelRequest cancel) {
        Objects.requireNonNull(cancel, "cancel");
        return calls.guarded("cancel " + cancel.clientOrderId(), () -> {
            AccountSigning s = signing(cancel.account());
            HyperliquidMarket m = market(cancel.symbol());
            String account = cancel.account();
            String id = cancel.clientOrderId();
            return gate.call(() -> gate.tracker().find(account, id).map(OrderTracker.Tracked::cloid)
                            .orElse(Cloids.of(id)))
                    .thenCompose(cloid -> rest.exchange(account, "cancelByCloid", 1,
                                    () -> s.body(HyperliquidTranslator.cancelByCloidAction(m.asset(), cloid)))
                            .handleAsync((response, failure) -> canceled(s, cancel, cloid, response, failure),
                                    gate.executor()))
                    .thenCompose(f -> f);
        });
    }

    /**
     * On the event thread. A confirmed cancel ends the order only after the fills Hyperliquid says it had:
     * orderStatus gives what the order filled (origSz - sz) and the Canceled is held until those fills
     * are reported (the future completes with it then); when that query fails, the end waits for the
     * stream's canceled update, which carries the same; the housekeeping lets it through after
     * {@link #HELD_END_PATIENCE} at the latest.
     */
    private CompletableFuture<OrderEvent.Canceled> canceled(AccountSigning s, CancelRequest cancel, String cloid,
                                                            JsonNode response, Throwable failure) {
        String account = cancel.account();
        String id = cancel.clientOrderId();
        if (failure != null) {
            throw tooLateIfDone(account, id, calls.asVenueException(VenueCalls.unwrap(failure), "cancel " + id));
        }
        JsonNode status = response.path("data").path("statuses").path(0);
        if (status.has("error")) {
            String text = status.get("error").asText();
            throw tooLateIfDone(account, id, new VenueException(HyperliquidErrors.orderError(text).error()));
        }
        if (!"success".equals(status.asText())) {
            throw new VenueException(HyperliquidErrors.notAnAnswer("cancel status " + status));
        }
        OrderTracker tracker = gate.tracker();
        Optional<OrderTracker.Tracked> known = tracker.find(account, id);
        String oid = known.map(OrderTracker.Tracked::oid).map(String::valueOf).orElse(cancel.venueOrderId());
        OrderEvent.Canceled c = new OrderEvent.Canceled(account, id, oid, null, clock.instant());
        if (known.isEmpty()) {
            emit(tracker.apply(c));
            return CompletableFuture.completedFuture(c);
        }
        OrderTracker.Tracked t = known.get();
        return orderStatus(s, cloid).handleAsync((found, queryFailure) -> {
            BigDecimal filledHere = null;
            if (queryFailure != null) {
                LOG.info("hyperliquid venue {} account {}: the status query after canceling {} failed ({}); the "
                        + "cancel is reported with the stream's canceled update", name, account, id,
                        VenueCalls.unwrap(queryFailure).getMessage());
            } else if (found.found()) {
                filledHere = filledOf(found.order().order());
            }
            emit(tracker.cancelConfirmed(t, c, filledHere == null && queryFailure == null ? BigDecimal.ZERO
                    : filledHere));
            if (!t.open()) {
                return CompletableFuture.completedFuture(c);
            }
            CompletableFuture<OrderEvent.Canceled> end = new CompletableFuture<>();
            tracker.awaitEnd(t, end);
            return end;
        }, gate.executor()).thenCompose(f -> f);
    }

    /** What an order (its current oid) has filled: origSz - sz, or zero when they are not given. */
    private static BigDecimal filledOf(VenueOrder o) {
        if (o.origSz() == null || o.sz() == null) {
            return BigDecimal.ZERO;
        }
        return new BigDecimal(o.origSz()).subtract(new BigDecimal(o.sz())).max(BigDecimal.ZERO);
    }

    // ------------------------------------------------------------------ replace

    /**
     * Hyperliquid's modify as a one-order {@code batchModify} (whose answer names the new oid): the
     * replacement's price, trigger and cloid, and the new total quantity less what has filled.
     */
    @Override
    public CompletableFuture<OrderEvent.Replaced> replace(ReplaceRequest replace) {
        Objects.requireNonNull(replace, "replace");
        OrderRequest original = replace.original();
        OrderRequest replacement = replace.replacement();
        return calls.guarded("replace " + original.clientOrderId(), () -> {
            AccountSigning s = signing(original.account());
            HyperliquidMarket m = tradable(original.symbol());
            if (replacement.type() == OrderType.MARKET) {
                throw new VenueException(VenueError.rejected(RejectReason.UNSUPPORTED_ORDER_CHARACTERISTIC, null,
                        "a Hyperliquid order cannot be modified into a market order"));
            }
            Prices.check(replacement, m).ifPresent(e -> {
                throw new VenueException(e);
            });
            health.refusal(original.account()).ifPresent(e -> {
                throw new VenueException(e);
            });
            return gate.call(() -> prepareModify(s, replace, m)).thenCompose(p -> takeBudget(s)
                    .thenCompose(x -> rest.exchange(original.account(), "batchModify", 1, () -> s.body(p.action()),
                            List.of(replacement.clientOrderId())))
                    .handle(Answer::new)
                    .thenComposeAsync(a -> modified(p, a), gate.executor()));
        });
    }

    private record Modify(AccountSigning signing, ReplaceRequest replace, OrderTracker.Tracked tracked,
                          String newCloid, ObjectNode action) {
    }

    /** On the event thread: the batchModify action, and the tracker told. */
    private Modify prepareModify(AccountSigning s, ReplaceRequest replace, HyperliquidMarket m) {
        OrderRequest original = replace.original();
        OrderRequest replacement = replace.replacement();
        OrderTracker tracker = gate.tracker();
        OrderTracker.Tracked t = tracker.find(original.account(), original.clientOrderId())
                .orElseGet(() -> tracker.adopt(original, m.symbol(), Cloids.of(original.clientOrderId()),
                        replace.venueOrderId()));
        BigDecimal filled = replace.filledQuantity().max(t.filled());
        BigDecimal size = replacement.quantity().subtract(filled);
        if (size.signum() <= 0) {
            throw new VenueException(VenueError.rejected(RejectReason.INCORRECT_QUANTITY, null, "the new quantity "
                    + replacement.quantity().toPlainString() + " is not above what has filled ("
                    + filled.toPlainString() + ")"));
        }
        String newCloid = Cloids.of(replacement.clientOrderId());
        ObjectNode wire = HyperliquidTranslator.orderWire(replacement, m, size,
                HyperliquidTranslator.limitPrice(replacement, m, null, config.marketSlippage()), newCloid);
        ObjectNode action = t.oid() != null ? HyperliquidTranslator.batchModifyAction(t.oid(), wire)
                : HyperliquidTranslator.batchModifyAction(t.cloid(), wire);
        tracker.modifying(t, replacement.clientOrderId(), newCloid);
        return new Modify(s, replace, t, newCloid, action);
    }

    /**
     * On the event thread: what the batchModify answer means. Only a definitive refusal fails the modify
     * here; an answer that leaves the outcome unknown (no answer, not an answer) and an acceptance without
     * an oid ({@code "waitingForFill"}, {@code "waitingForTrigger"}) are settled by orderStatus on the
     * replacement's cloid ({@link #settleModify}).
     */
    private CompletableFuture<OrderEvent.Replaced> modified(Modify p, Answer a) {
        String account = p.replace().original().account();
        String id = p.replace().original().clientOrderId();
        OrderTracker tracker = gate.tracker();
        if (a.failure() != null) {
            VenueException v = calls.asVenueException(VenueCalls.unwrap(a.failure()), "modify " + id);
            if (v.error().outcome() == VenueError.Outcome.OUTCOME_UNKNOWN) {
                return settleModify(p, v, false);
            }
            emit(tracker.modifyFailed(p.tracked()));
            return CompletableFuture.failedFuture(tooLateIfDone(account, id, v));
        }
        OrderAnswer answer;
        try {
            answer = HyperliquidTranslator.orderAnswer(a.response().path("data").path("statuses").path(0));
        } catch (UnknownVenueValueException e) {
            return settleModify(p, new VenueException(HyperliquidErrors.notAnAnswer(e.getMessage()), e), false);
        }
        if (answer instanceof OrderAnswer.Error err) {
            emit(tracker.modifyFailed(p.tracked()));
            HyperliquidErrors.Classified c = HyperliquidErrors.orderError(err.text());
            refused(account, c, err.text());
            return CompletableFuture.failedFuture(tooLateIfDone(account, id, new VenueException(c.error())));
        }
        if (answer instanceof OrderAnswer.Pending) {
            return settleModify(p, null, true);
        }
        long oid = answer instanceof OrderAnswer.Resting r ? r.oid() : ((OrderAnswer.Filled) answer).oid();
        return CompletableFuture.completedFuture(completeModify(p, oid));
    }

    /**
     * On the event thread: a modify whose outcome is unknown ({@code unknown} says why) or that Hyperliquid
     * accepted without naming the new oid ({@code accepted}). The tracker keeps holding what the stream
     * says about both orders while orderStatus on the replacement's cloid answers: the replacement exists
     * -> the modify happened; it does not -> the modify failed (unless Hyperliquid accepted it); the query
     * fails -> the replace fails with OUTCOME_UNKNOWN and the housekeeping keeps asking.
     */
    private CompletableFuture<OrderEvent.Replaced> settleModify(Modify p, VenueException unknown, boolean accepted) {
        gate.tracker().modifyInDoubt(p.tracked());
        return orderStatus(p.signing(), p.newCloid()).handleAsync((found, failure) -> {
            if (p.tracked().pendingId() == null) {
                throw new VenueException(VenueError.outcomeUnknown(null, "the modify of "
                        + p.replace().original().clientOrderId() + " was settled meanwhile; query the order"));
            }
            if (failure != null) {
                if (accepted) {
                    return completeModify(p, null);
                }
                doubtful.put(p.tracked(), p);
                throw new VenueException(VenueError.outcomeUnknown(null, unknown.error().message()
                        + "; the query of the replacement's cloid " + p.newCloid() + " failed too ("
                        + VenueCalls.unwrap(failure).getMessage() + ")"), unknown);
            }
            Long newOid = replacementOid(p, found);
            if (newOid != null || accepted) {
                return completeModify(p, newOid);
            }
            emit(gate.tracker().modifyFailed(p.tracked()));
            throw new VenueException(VenueError.rejected(RejectReason.OTHER, null, "the modify of "
                    + p.replace().original().clientOrderId() + " did not take effect: Hyperliquid does not know "
                    + "the replacement's cloid " + p.newCloid() + " (" + unknown.error().message() + ")"));
        }, gate.executor());
    }

    /** The oid of the replacement in an orderStatus answer on its cloid, or null when it does not exist. */
    private static Long replacementOid(Modify p, OrderStatusAnswer found) {
        if (!found.found() || found.order().order() == null || found.order().order().oid() == null) {
            return null;
        }
        Long oid = found.order().order().oid();
        return p.tracked().oids().contains(oid) ? null : oid;
    }

    /** On the event thread, from the housekeeping: modifies whose outcome is still unknown are asked about. */
    private void settleDoubtfulModifies() {
        for (Modify p : List.copyOf(doubtful.values())) {
            orderStatus(p.signing(), p.newCloid()).whenCompleteAsync((found, failure) -> {
                if (doubtful.get(p.tracked()) != p) {
                    return;
                }
                if (failure != null) {
                    LOG.warn("hyperliquid venue {} account {}: the modify of {} is still unsettled ({})", name,
                            p.replace().original().account(), p.replace().original().clientOrderId(),
                            VenueCalls.unwrap(failure).getMessage());
                    return;
                }
                doubtful.remove(p.tracked());
                Long newOid = replacementOid(p, found);
                if (newOid != null) {
                    completeModify(p, newOid);
                } else {
                    emit(gate.tracker().modifyFailed(p.tracked()));
                }
            }, gate.executor());
        }
    }

    /**
     * On the event thread: the modify happened; the order is the replacement with {@code newOid} (null when
     * Hyperliquid has not named it yet: the next oid the stream shows for the new cloid is it, and the
     * Replaced names the old one).
     */
    private OrderEvent.Replaced completeModify(Modify p, Long newOid) {
        doubtful.remove(p.tracked());
        OrderRequest original = p.replace().original();
        OrderRequest replacement = p.replace().replacement();
        Long before = p.tracked().oid();
        String venueId = newOid != null ? String.valueOf(newOid)
                : before != null ? String.valueOf(before) : p.replace().venueOrderId();
        OrderEvent.Replaced replaced = new OrderEvent.Replaced(original.account(), original.clientOrderId(),
                replacement.clientOrderId(), venueId, replacement.quantity(), replacement.price(),
                replacement.stopPrice(), clock.instant());
        emit(gate.tracker().modified(p.tracked(), newOid, replaced));
        return replaced;
    }

    /**
     * Emits events to the listener, then completes a cancel waiting for its order's end: with the
     * Canceled (an Expired counts as one), or TOO_LATE when the order filled or was refused instead.
     */
    private void emit(List<OrderEvent> events) {
        gate.emit(events);
        OrderTracker tracker = gate.tracker();
        for (OrderEvent e : events) {
            boolean end = e instanceof OrderEvent.Canceled || e instanceof OrderEvent.Expired
                    || e instanceof OrderEvent.Rejected || e instanceof OrderEvent.Fill f && f.orderFilled();
            if (!end) {
                continue;
            }
            tracker.find(e.account(), e.clientOrderId()).flatMap(tracker::takeEndWaiter).ifPresent(w -> {
                if (e instanceof OrderEvent.Canceled c) {
                    w.complete(c);
                } else if (e instanceof OrderEvent.Expired x) {
                    w.complete(new OrderEvent.Canceled(x.account(), x.clientOrderId(), x.venueOrderId(), null,
                            x.timestamp()));
                } else {
                    w.completeExceptionally(new VenueException(VenueError.rejected(RejectReason.TOO_LATE, null,
                            "order " + e.clientOrderId() + " ended otherwise before the cancel took effect")));
                }
            });
        }
    }

    // ------------------------------------------------------------------ streams

    /** On the event thread: entries of an account's orderUpdates channel. */
    private void orderUpdates(String account, List<OrderUpdate> updates) {
        OrderTracker tracker = gate.tracker();
        for (OrderUpdate u : updates) {
            try {
                VenueOrder o = u.order();
                if (o == null) {
                    continue;
                }
                Optional<OrderTracker.Tracked> t = tracker.byCloid(account, o.cloid()).or(() -> tracker.byOid(account,
                        o.oid()));
                String id = t.map(x -> idFor(x, o.cloid())).orElse(Cloids.directId(o.cloid()));
                if (id == null) {
                    LOG.debug("hyperliquid venue {} account {}: order {} has no cloid of the gateway; skipped", name,
                            account, o.oid());
                    continue;
                }
                Optional<OrderEvent> e = HyperliquidTranslator.orderEvent(account, id, u,
                        t.map(OrderTracker.Tracked::immediate).orElse(false));
                if (t.isPresent() && t.get().pendingCloid() == null) {
                    HyperliquidOrderStatus status = HyperliquidOrderStatus.parse(u.status());
                    if (status == HyperliquidOrderStatus.FILLED) {
                        // a filled order filled its whole size (origSz of its current oid)
                        tracker.finished(t.get(), o.origSz() == null ? null : new BigDecimal(o.origSz()));
                    } else if (status.kind().terminal() && o.origSz() != null && o.sz() != null) {
                        tracker.venueFilledSoFar(t.get(), new BigDecimal(o.origSz()).subtract(new BigDecimal(o.sz())));
                    }
                }
                if (e.isPresent()) {
                    emit(t.isPresent() ? tracker.fromStream(t.get(), o.cloid(), o.oid(), e.get())
                            : tracker.apply(e.get()));
                }
            } catch (UnknownVenueValueException e) {
                LOG.error("hyperliquid venue {} account {}: {}; the order update is not applied", name, account,
                        e.getMessage());
            } catch (RuntimeException e) {
                LOG.error("hyperliquid venue {} account {}: an order update could not be applied", name, account, e);
            }
        }
    }

    /**
     * On the event thread: a message of an account's userFills channel. Fills of a snapshot (sent after
     * every subscription, and the gap-fill query) count only for orders the tracker knows; fills already
     * reported are dropped by tid.
     */
    private void userFills(String account, UserFillsMessage msg) {
        OrderTracker tracker = gate.tracker();
        for (UserFill f : msg.fills()) {
            try {
                Optional<OrderTracker.Tracked> t = tracker.byCloid(account, f.cloid()).or(() -> tracker.byOid(account,
                        f.oid()));
                if (t.isEmpty() && msg.snapshot()) {
                    continue;
                }
                String id = t.map(x -> idFor(x, f.cloid())).orElse(Cloids.directId(f.cloid()));
                if (id == null) {
                    continue;
                }
                OrderEvent.Fill fill = HyperliquidTranslator.fill(account, id, f, false);
                emit(t.isPresent() ? tracker.fromStream(t.get(), f.cloid(), f.oid(), fill) : tracker.apply(fill));
            } catch (RuntimeException e) {
                LOG.error("hyperliquid venue {} account {}: fill {} could not be applied ({})", name, account,
                        f.tid(), e.getMessage());
            }
        }
    }

    /** The client id stream entries of {@code cloid} are reported under for {@code t}. */
    private static String idFor(OrderTracker.Tracked t, String cloid) {
        if (t.pendingCloid() != null && cloid != null && cloid.equalsIgnoreCase(t.pendingCloid())) {
            return t.pendingId();
        }
        return t.clientOrderId();
    }

    /**
     * On the event thread, after a stream reconnected: the account's fills from a minute before the stream
     * was last heard of ({@code userFillsByTime}, paged) are applied, and every order of the account known
     * open is queried ({@code orderStatus} by cloid); what was already reported is dropped.
     *
     * @param since when the stream was last heard of before it went down
     */
    private void fillGap(String account, Instant since) {
        AccountSigning s = signings.get(account);
        long start = (since == null ? clock.instant() : since).minusSeconds(60).toEpochMilli();
        fills.since(s.user().hex(), start).thenAcceptAsync(r -> {
            if (!r.complete()) {
                LOG.warn("hyperliquid venue {} account {}: more than {} pages of fills since the stream went down; "
                        + "only the ones read are applied", name, account, FillPages.MAX_PAGES);
            }
            userFills(account, new UserFillsMessage(true, s.user().hex(), r.fills()));
        }, gate.executor()).whenComplete((ok, failure) -> {
            if (failure != null) {
                LOG.warn("hyperliquid venue {} account {}: the fills query after a reconnect failed ({})", name,
                        account, VenueCalls.unwrap(failure).getMessage());
            }
        });
        List<OrderTracker.Tracked> open = gate.tracker().open(account);
        if (open.isEmpty()) {
            return;
        }
        LOG.info("hyperliquid venue {} account {}: the stream reconnected; querying {} open orders", name, account,
                open.size());
        for (OrderTracker.Tracked t : open) {
            String cloid = t.cloid();
            String clientOrderId = t.clientOrderId();
            orderStatus(s, cloid).thenAcceptAsync(found -> {
                if (found.found()) {
                    orderUpdates(account, List.of(found.order()));
                }
            }, gate.executor()).whenComplete((ok, failure) -> {
                if (failure != null) {
                    LOG.warn("hyperliquid venue {} account {}: the status query of {} after a reconnect failed ({})",
                            name, account, clientOrderId, VenueCalls.unwrap(failure).getMessage());
                }
            });
        }
    }

    /**
     * On the event thread, from the housekeeping: orders Hyperliquid says filled whose fills did not all come
     * (a lost userFills message) get them from {@code userFillsByTime}, once.
     */
    private void fetchMissingFills() {
        for (OrderTracker.Tracked t : gate.tracker().missingFills(HELD_END_PATIENCE)) {
            String account = t.view().account();
            String clientOrderId = t.clientOrderId();
            Set<Long> oids = t.oids();
            AccountSigning s = signings.get(account);
            LOG.info("hyperliquid venue {} account {}: order {} filled with {} of its fills reported; fetching them",
                    name, account, clientOrderId, t.filled());
            fills.since(s.user().hex(), t.placedAt().minusSeconds(60).toEpochMilli()).thenAcceptAsync(r ->
                    userFills(account, new UserFillsMessage(true, s.user().hex(), r.fills().stream()
                            .filter(f -> f.oid() != null && oids.contains(f.oid())).toList())), gate.executor())
                    .whenComplete((ok, failure) -> {
                        if (failure != null) {
                            LOG.warn("hyperliquid venue {} account {}: fetching the fills of {} failed ({})", name,
                                    account, clientOrderId, VenueCalls.unwrap(failure).getMessage());
                        }
                    });
        }
    }

    // ------------------------------------------------------------------ queries

    private CompletableFuture<OrderStatusAnswer> orderStatus(AccountSigning s, String cloid) {
        return rest.info(HyperliquidJson.info("orderStatus", "user", s.user().hex(), "oid", cloid))
                .thenApply(n -> HyperliquidJson.convert(n, OrderStatusAnswer.class));
    }

    /** {@code orderStatus} by cloid; the fills of a (partly) filled order from {@code userFillsByTime}. */
    @Override
    public CompletableFuture<Optional<OrderSnapshot>> queryOrder(String account, String symbol, String clientOrderId) {
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(symbol, "symbol");
        Objects.requireNonNull(clientOrderId, "clientOrderId");
        return calls.guarded("query " + clientOrderId, () -> {
            AccountSigning s = signing(account);
            HyperliquidMarket m = market(symbol);
            // an immutable copy made on the event thread: the tracker's orders change only there
            return gate.call(() -> gate.tracker().find(account, clientOrderId).map(OrderTracker.Tracked::view))
                    .thenCompose(t -> {
                String cloid = t.map(OrderTracker.View::cloid).orElse(Cloids.of(clientOrderId));
                boolean immediate = t.map(OrderTracker.View::immediate).orElse(false);
                Set<Long> oids = t.map(OrderTracker.View::oids).orElse(Set.of());
                boolean modified = t.map(OrderTracker.View::modified).orElse(false);
                BigDecimal total = modified ? t.get().quantity() : null;
                BigDecimal before = modified ? t.get().filledBeforeModify() : BigDecimal.ZERO;
                return orderStatus(s, cloid).thenCompose(found -> {
                    if (!found.found()) {
                        return CompletableFuture.completedFuture(Optional.<OrderSnapshot>empty());
                    }
                    OrderUpdate u = found.order();
                    OrderSnapshot bare = HyperliquidTranslator.snapshot(account, clientOrderId, m.symbol(), u,
                            List.of(), immediate, total, before);
                    if (bare.filledQuantity().signum() == 0) {
                        return CompletableFuture.completedFuture(Optional.of(bare));
                    }
                    long placed = u.order().timestamp() == null ? clock.millis() : u.order().timestamp();
                    long since = Math.min(placed, t.map(v -> v.placedAt().toEpochMilli()).orElse(placed)) - 60_000;
                    return fills.since(s.user().hex(), since).thenApply(r -> {
                        List<OrderEvent.Fill> own = new ArrayList<>();
                        for (UserFill f : r.fills()) {
                            if (f.oid() != null && (f.oid().equals(u.order().oid()) || oids.contains(f.oid()))) {
                                own.add(HyperliquidTranslator.fill(account, clientOrderId, f, false));
                            }
                        }
                        return Optional.of(HyperliquidTranslator.snapshot(account, clientOrderId, m.symbol(), u, own,
                                immediate, total, before));
                    });
                }).thenCompose(snapshot -> gate.call(() -> {
                    // an open order placed before a restart is followed from now on, so stream gaps are filled
                    // for it; a done one can change no more and the snapshot tells all of it
                    snapshot.filter(x -> !x.status().isTerminal()).ifPresent(x -> gate.tracker().adopt(x, cloid));
                    return snapshot;
                }));
            });
        });
    }

    /** {@code frontendOpenOrders} of the account's user; orders without a cloid of the gateway are left out. */
    @Override
    public CompletableFuture<List<OrderSnapshot>> openOrders(String account) {
        Objects.requireNonNull(account, "account");
        return calls.guarded("open orders", () -> {
            AccountSigning s = signing(account);
            Markets ms = requireConnected();
            return rest.info(HyperliquidJson.info("frontendOpenOrders", "user", s.user().hex()))
                    .thenApplyAsync(n -> {
                        List<OrderSnapshot> out = new ArrayList<>();
                        for (VenueOrder o : HyperliquidJson.list(n, VenueOrder.class)) {
                            Optional<HyperliquidMarket> m = ms.coin(o.coin());
                            Optional<OrderTracker.Tracked> t = gate.tracker().byCloid(account, o.cloid());
                            String id = t.map(OrderTracker.Tracked::clientOrderId).orElse(Cloids.directId(o.cloid()));
                            if (m.isEmpty() || id == null) {
                                continue;
                            }
                            Optional<OrderTracker.View> v = t.map(OrderTracker.Tracked::view)
                                    .filter(OrderTracker.View::modified);
                            out.add(HyperliquidTranslator.snapshot(account, id, m.get().symbol(),
                                    new OrderUpdate(o, HyperliquidOrderStatus.OPEN.wire(), o.timestamp()), List.of(),
                                    false, v.map(OrderTracker.View::quantity).orElse(null),
                                    v.map(OrderTracker.View::filledBeforeModify).orElse(BigDecimal.ZERO)));
                        }
                        return List.copyOf(out);
                    }, gate.executor());
        });
    }

    /**
     * Spot balances ({@code spotClearinghouseState}) with the perpetual margin ({@code clearinghouseState}:
     * accountValue, withdrawable) added to USDC.
     */
    @Override
    public CompletableFuture<List<Balance>> balances(String account) {
        Objects.requireNonNull(account, "account");
        return calls.guarded("balances", () -> {
            AccountSigning s = signing(account);
            CompletableFuture<JsonNode> spot = rest.info(HyperliquidJson.info("spotClearinghouseState", "user",
                    s.user().hex()));
            CompletableFuture<JsonNode> perp = rest.info(HyperliquidJson.info("clearinghouseState", "user",
                    s.user().hex()));
            return spot.thenCombine(perp, (sp, pp) -> HyperliquidTranslator.balances(
                    HyperliquidJson.convert(sp, SpotClearinghouseState.class),
                    HyperliquidJson.convert(pp, ClearinghouseState.class)));
        });
    }

    /** Perpetual positions from {@code clearinghouseState} (szi: positive long, negative short). */
    @Override
    public CompletableFuture<List<Position>> positions(String account) {
        Objects.requireNonNull(account, "account");
        return calls.guarded("positions", () -> {
            AccountSigning s = signing(account);
            Markets ms = requireConnected();
            return rest.info(HyperliquidJson.info("clearinghouseState", "user", s.user().hex())).thenApply(n ->
                    HyperliquidTranslator.positions(HyperliquidJson.convert(n, ClearinghouseState.class),
                            coin -> ms.coin(coin).filter(m -> !m.spot()).map(HyperliquidMarket::symbol)));
        });
    }

    // ------------------------------------------------------------------ close

    /** Closes the streams, the HTTP client, the key sources and the threads. Idempotent; never throws. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        ScheduledFuture<?> task = housekeeping;
        if (task != null) {
            task.cancel(false);
        }
        ScheduledFuture<?> budgetTask = budgetRefresh;
        if (budgetTask != null) {
            budgetTask.cancel(false);
        }
        streams.values().forEach(this::closeQuietly);
        closeQuietly(marketStream);
        closeQuietly(referencePrices);
        closeQuietly(rest);
        signings.values().forEach(this::closeQuietly);
        closeQuietly(executors);
        LOG.info("hyperliquid venue {} closed", name);
    }

    private void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception e) {
            LOG.debug("hyperliquid venue {}: closing {} failed", name, c.getClass().getSimpleName(), e);
        }
    }

    @Override
    public String toString() {
        return "HyperliquidAdapter[" + name + ", " + (config.testnet() ? "testnet" : "mainnet") + ", accounts "
                + config.accountNames() + "]";
    }

    // ------------------------------------------------------------------ helpers

    /** What the adapter does about refusals that concern the account, not only the request. */
    private void refused(String account, HyperliquidErrors.Classified c, String text) {
        switch (c.consequence()) {
            case UNKNOWN_SIGNER -> {
                AccountSigning s = account == null ? null : signings.get(account);
                if (s != null) {
                    health.unknownSigner(account, HyperliquidErrors.unknownSigner(text).orElse(s.signer().hex()), text);
                }
            }
            case ADDRESS_BUDGET -> {
                AddressBudget b = account == null ? null : budgets.get(account);
                if (b != null) {
                    b.set(0);
                    LOG.warn("hyperliquid venue {} account {}: the address request budget is used up ({}); it is read "
                            + "again before the next request", name, account, text);
                }
            }
            case NONCE -> LOG.warn("hyperliquid venue {} account {}: Hyperliquid refused a nonce ({}); the request "
                    + "was not executed; check the clock of this machine", name, account, text);
            default -> {
            }
        }
    }

    /** On the event thread: an unknown-order refusal of an order the tracker saw end becomes TOO_LATE. */
    private VenueException tooLateIfDone(String account, String id, VenueException v) {
        VenueError e = v.error();
        if (e.outcome() != VenueError.Outcome.REJECTED || e.reason() != RejectReason.UNKNOWN_ORDER) {
            return v;
        }
        boolean done = gate.tracker().find(account, id).map(t -> !t.open()).orElse(false);
        return done ? new VenueException(VenueError.rejected(RejectReason.TOO_LATE, e.code(), e.message()
                + " (the order is already filled, canceled or expired)"), v) : v;
    }

    private AccountSigning signing(String account) {
        AccountSigning s = signings.get(account);
        if (s == null) {
            throw new VenueException(VenueError.rejected(RejectReason.UNKNOWN_ACCOUNT, null, "hyperliquid venue " + name
                    + " has no account '" + account + "'; its accounts are " + config.accountNames()));
        }
        return s;
    }

    private Markets requireConnected() {
        Markets ms = markets.get();
        if (ms.isEmpty()) {
            throw new VenueException(VenueError.retryable(null, "hyperliquid venue " + name
                    + " is not connected yet; call connect() first", null));
        }
        return ms;
    }

    private HyperliquidMarket market(String symbol) {
        return requireConnected().symbol(symbol).orElseThrow(() -> new VenueException(VenueError.rejected(
                RejectReason.UNKNOWN_SYMBOL, null, "hyperliquid venue " + name + " does not list " + symbol)));
    }

    private HyperliquidMarket tradable(String symbol) {
        HyperliquidMarket m = market(symbol);
        if (!m.instrument().isTrading()) {
            throw new VenueException(VenueError.rejected(RejectReason.VENUE_CLOSED, null, symbol + " ("
                    + m.coin() + ") is not trading on Hyperliquid: it is " + m.instrument().status()));
        }
        return m;
    }

}

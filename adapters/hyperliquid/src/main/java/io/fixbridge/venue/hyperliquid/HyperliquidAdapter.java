package io.fixbridge.venue.hyperliquid;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fixbridge.venue.Balance;
import io.fixbridge.venue.CancelRequest;
import io.fixbridge.venue.Instrument;
import io.fixbridge.venue.MarketType;
import io.fixbridge.venue.OrderEvent;
import io.fixbridge.venue.OrderEventListener;
import io.fixbridge.venue.OrderRequest;
import io.fixbridge.venue.OrderSnapshot;
import io.fixbridge.venue.OrderType;
import io.fixbridge.venue.Position;
import io.fixbridge.venue.RejectReason;
import io.fixbridge.venue.ReplaceMode;
import io.fixbridge.venue.ReplaceRequest;
import io.fixbridge.venue.TimeInForce;
import io.fixbridge.venue.VenueAdapter;
import io.fixbridge.venue.VenueCapabilities;
import io.fixbridge.venue.VenueError;
import io.fixbridge.venue.VenueException;
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
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Hyperliquid perpetuals and spot as one venue: instruments from {@code /info meta} and
 * {@code spotMeta}, orders as signed {@code /exchange} actions (EIP-712 L1 signing by the account's key
 * or its API wallet, optionally for a vault or sub-account), order events from the {@code orderUpdates}
 * and {@code userFills} WebSocket channels of each account.
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
 * written and no answer came; it is never resent: {@link #queryOrder} by cloid settles it. No method
 * throws for a venue problem; null arguments and a second {@link #subscribe} throw.
 *
 * <h2>Orders</h2>
 * <ul>
 *   <li>cloid: {@code "0x" + clientOrderId} for the gateway's 32-hex ids, else {@link Cloids}.</li>
 *   <li>market orders: IOC limit at the mid (l2Book stream, else {@code /info l2Book}) times
 *       (1 +/- {@code marketSlippage}), rounded to a valid price towards the mid; stop and take-profit
 *       (trigger-market) orders carry the trigger price moved the same way as their limit.</li>
 *   <li>replace: {@code batchModify} of one order (Hyperliquid's modify); the order gets a new oid and the
 *       replacement's cloid, reported in Replaced; the size sent is the new total less what has filled.</li>
 *   <li>cancel: {@code cancelByCloid}.</li>
 *   <li>After an account's stream reconnects, the userFills snapshot is de-duplicated by tid and every
 *       order known open is queried ({@code orderStatus} by cloid, {@code userFillsByTime}).</li>
 * </ul>
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

    private static final Duration IDLE_LIMIT = Duration.ofHours(48);
    /** How long the end of an order waits for fills Hyperliquid said it had before it is reported anyway. */
    private static final Duration HELD_END_PATIENCE = Duration.ofSeconds(10);

    private final String name;
    private final HyperliquidConfig config;
    private final Clock clock;
    private final VenueExecutors executors;
    private final EventGate<OrderTracker> gate;
    private final HyperliquidRest rest;
    private final MidPrices mids;
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

    public HyperliquidAdapter(String name, HyperliquidConfig config) {
        this(name, config, Clock.systemUTC());
    }

    /** An adapter whose local time (nonces, rate limits, mid freshness) comes from {@code clock}. */
    public HyperliquidAdapter(String name, HyperliquidConfig config, Clock clock) {
        this.name = Objects.requireNonNull(name, "name");
        this.calls = new VenueCalls("hyperliquid venue " + name, closed::get);
        this.config = Objects.requireNonNull(config, "config");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.health = new AccountHealth(name, clock);
        try {
            for (HyperliquidConfig.Account a : config.accounts()) {
                AccountSigning s = AccountSigning.of(name, config, a, clock);
                signings.put(a.name(), s);
                budgets.put(a.name(), new AddressBudget());
                s.onRotation(address -> health.keyRotated(a.name()));
            }
        } catch (RuntimeException e) {
            signings.values().forEach(AccountSigning::close);
            throw e;
        }
        this.executors = VenueExecutors.create("hyperliquid-" + name, 2, 4);
        this.gate = new EventGate<>(name, executors.newSerialExecutor(), new OrderTracker(IDLE_LIMIT, clock));
        this.rest = new HyperliquidRest(config, executors, clock, this::refused);
        this.mids = new MidPrices(name, config, rest, executors, clock);
        for (AccountSigning s : signings.values()) {
            String account = s.account();
            streams.put(account, new UserStream(name, account, s.user().hex(), config, executors,
                    updates -> gate.run(() -> orderUpdates(account, updates)),
                    fills -> gate.run(() -> userFills(account, fills)),
                    () -> gate.run(() -> fillGap(account))));
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
            return null;
        }).thenCompose(x -> readBudgets()).thenCompose(x -> openStreams()).thenRun(() -> {
            ScheduledFuture<?> task = executors.scheduler().scheduleWithFixedDelay(() -> gate.run(() -> {
                gate.emit(gate.tracker().releaseStaleEnds(HELD_END_PATIENCE));
                gate.tracker().expire();
            }), 5, 5, TimeUnit.SECONDS);
            housekeeping = task;
            if (closed.get()) {
                task.cancel(false);
            }
            LOG.info("hyperliquid venue {} connected ({}), accounts {}", name, config.testnet() ? "testnet" : "mainnet",
                    config.accountNames());
        });
    }

    private CompletableFuture<Void> readBudgets() {
        List<CompletableFuture<Void>> reads = new ArrayList<>();
        for (AccountSigning s : signings.values()) {
            reads.add(readBudget(s));
        }
        return CompletableFuture.allOf(reads.toArray(CompletableFuture[]::new));
    }

    private CompletableFuture<Void> readBudget(AccountSigning s) {
        AddressBudget budget = budgets.get(s.account());
        Long configured = config.rateLimit().addressBudget();
        if (configured != null) {
            budget.set(configured);
            return CompletableFuture.completedFuture(null);
        }
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
            takeBudget(order.account());
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
                    Optional<OrderTracker.Tracked> known = gate.tracker().find(account, id);
                    if (known.isPresent() && (known.get().accepted || known.get().inFlight > 0)) {
                        throw new VenueException(VenueError.rejected(RejectReason.DUPLICATE_ORDER, null,
                                "client order id " + id + " (cloid " + cloid + ") is already an order of account "
                                        + account + " at Hyperliquid; nothing was sent"));
                    }
                    return gate.tracker().submitted(order, m.symbol(), cloid);
                })
                .thenCompose(t -> rest.exchange(account, "order", 1, () -> s.body(action))
                        .handle(Answer::new)
                        .thenComposeAsync(a -> placed(s, m, order, cloid, a), gate.executor()));
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
            tracker.forget(account, id);
            return CompletableFuture.failedFuture(new VenueException(c.error()));
        }
        if (answer instanceof OrderAnswer.Pending) {
            return orderStatus(s, cloid).thenApplyAsync(found -> {
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
        gate.emit(out);
        return accepted;
    }

    /** Hyperliquid says the cloid is taken: if it is this very order (same coin and side), the submit is it. */
    private CompletableFuture<OrderEvent.Accepted> duplicate(AccountSigning s, HyperliquidMarket m, OrderRequest order,
                                                             String cloid, VenueError refusal) {
        return orderStatus(s, cloid).thenApplyAsync(found -> {
            if (found.found() && m.coin().equals(found.order().order().coin())
                    && HyperliquidTranslator.side(found.order().order().side()) == order.side()) {
                LOG.info("hyperliquid venue {} account {}: cloid {} is already order {}; the submit completes with it",
                        name, order.account(), cloid, found.order().order().oid());
                return accept(order.account(), order.clientOrderId(), found.order().order().oid(), null);
            }
            throw new VenueException(refusal);
        }, gate.executor());
    }

    private void takeBudget(String account) {
        if (!budgets.get(account).take(1)) {
            throw new VenueException(VenueError.retryable(null, "the Hyperliquid request budget of account " + account
                    + " is used up (it grows by one request per USDC traded); nothing was sent", Duration.ofSeconds(10)));
        }
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
                            () -> s.body(HyperliquidTranslator.cancelByCloidAction(m.asset(), cloid))))
                    .handleAsync((response, failure) -> canceled(cancel, response, failure), gate.executor());
        });
    }

    /** On the event thread. */
    private OrderEvent.Canceled canceled(CancelRequest cancel, JsonNode response, Throwable failure) {
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
        String oid = gate.tracker().find(account, id).map(OrderTracker.Tracked::oid).map(String::valueOf)
                .orElse(cancel.venueOrderId());
        OrderEvent.Canceled c = new OrderEvent.Canceled(account, id, oid, null, clock.instant());
        gate.emit(gate.tracker().apply(c));
        return c;
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
            takeBudget(original.account());
            return gate.call(() -> prepareModify(replace, m)).thenCompose(p -> rest.exchange(original.account(),
                            "batchModify", 1, () -> s.body(p.action()))
                    .handleAsync((response, failure) -> modified(replace, p, response, failure), gate.executor()));
        });
    }

    private record Modify(OrderTracker.Tracked tracked, ObjectNode action) {
    }

    /** On the event thread: the batchModify action, and the tracker told. */
    private Modify prepareModify(ReplaceRequest replace, HyperliquidMarket m) {
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
        return new Modify(t, action);
    }

    /** On the event thread. */
    private OrderEvent.Replaced modified(ReplaceRequest replace, Modify p, JsonNode response, Throwable failure) {
        OrderRequest original = replace.original();
        OrderRequest replacement = replace.replacement();
        String account = original.account();
        String id = original.clientOrderId();
        OrderTracker tracker = gate.tracker();
        if (failure != null) {
            gate.emit(tracker.modifyFailed(p.tracked()));
            throw tooLateIfDone(account, id, calls.asVenueException(VenueCalls.unwrap(failure), "modify " + id));
        }
        OrderAnswer answer;
        try {
            answer = HyperliquidTranslator.orderAnswer(response.path("data").path("statuses").path(0));
        } catch (UnknownVenueValueException e) {
            gate.emit(tracker.modifyFailed(p.tracked()));
            throw new VenueException(HyperliquidErrors.notAnAnswer(e.getMessage()), e);
        }
        if (answer instanceof OrderAnswer.Error err) {
            gate.emit(tracker.modifyFailed(p.tracked()));
            HyperliquidErrors.Classified c = HyperliquidErrors.orderError(err.text());
            refused(account, c, err.text());
            throw tooLateIfDone(account, id, new VenueException(c.error()));
        }
        Long oid = answer instanceof OrderAnswer.Resting r ? Long.valueOf(r.oid())
                : answer instanceof OrderAnswer.Filled f ? Long.valueOf(f.oid()) : null;
        OrderEvent.Replaced replaced = new OrderEvent.Replaced(account, id, replacement.clientOrderId(),
                oid != null ? String.valueOf(oid) : p.tracked().oid() == null ? replace.venueOrderId()
                        : String.valueOf(p.tracked().oid()),
                replacement.quantity(), replacement.price(), replacement.stopPrice(), clock.instant());
        List<OrderEvent> out = tracker.modified(p.tracked(), oid, replaced);
        if (oid == null) {
            out.set(0, new OrderEvent.Replaced(account, id, replacement.clientOrderId(),
                    p.tracked().oid() == null ? replace.venueOrderId() : String.valueOf(p.tracked().oid()),
                    replacement.quantity(), replacement.price(), replacement.stopPrice(), replaced.timestamp()));
        }
        gate.emit(out);
        return (OrderEvent.Replaced) out.get(0);
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
                if (t.isPresent() && t.get().pendingCloid == null) {
                    HyperliquidOrderStatus status = HyperliquidOrderStatus.parse(u.status());
                    if (status == HyperliquidOrderStatus.FILLED) {
                        tracker.finished(t.get());
                    } else if (status.kind().terminal() && o.origSz() != null && o.sz() != null) {
                        tracker.venueFilledSoFar(t.get(), new BigDecimal(o.origSz()).subtract(new BigDecimal(o.sz())));
                    }
                }
                if (e.isPresent()) {
                    gate.emit(t.isPresent() ? tracker.fromStream(t.get(), o.cloid(), o.oid(), e.get())
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
                gate.emit(t.isPresent() ? tracker.fromStream(t.get(), f.cloid(), f.oid(), fill) : tracker.apply(fill));
            } catch (RuntimeException e) {
                LOG.error("hyperliquid venue {} account {}: fill {} could not be applied ({})", name, account,
                        f.tid(), e.getMessage());
            }
        }
    }

    /** The client id stream entries of {@code cloid} are reported under for {@code t}. */
    private static String idFor(OrderTracker.Tracked t, String cloid) {
        if (t.pendingCloid != null && cloid != null && cloid.equalsIgnoreCase(t.pendingCloid)) {
            return t.pendingId;
        }
        return t.clientOrderId();
    }

    /**
     * On the event thread, after a stream reconnected: every order of the account known open is queried
     * ({@code orderStatus} by cloid) and the account's fills since the oldest of them
     * ({@code userFillsByTime}) are applied; what was already reported is dropped.
     */
    private void fillGap(String account) {
        List<OrderTracker.Tracked> open = gate.tracker().open(account);
        if (open.isEmpty()) {
            return;
        }
        AccountSigning s = signings.get(account);
        LOG.info("hyperliquid venue {} account {}: the stream reconnected; querying {} open orders", name, account,
                open.size());
        long since = open.stream().map(OrderTracker.Tracked::placedAt).min(Instant::compareTo).orElse(clock.instant())
                .minusSeconds(60).toEpochMilli();
        rest.info(HyperliquidJson.info("userFillsByTime", "user", s.user().hex(), "startTime", since))
                .thenAcceptAsync(n -> userFills(account, new UserFillsMessage(true, s.user().hex(),
                        HyperliquidJson.list(n, UserFill.class))), gate.executor())
                .whenComplete((ok, failure) -> {
                    if (failure != null) {
                        LOG.warn("hyperliquid venue {} account {}: the fills query after a reconnect failed ({})", name,
                                account, VenueCalls.unwrap(failure).getMessage());
                    }
                });
        for (OrderTracker.Tracked t : open) {
            String cloid = t.cloid();
            orderStatus(s, cloid).thenAcceptAsync(found -> {
                if (found.found()) {
                    orderUpdates(account, List.of(found.order()));
                }
            }, gate.executor()).whenComplete((ok, failure) -> {
                if (failure != null) {
                    LOG.warn("hyperliquid venue {} account {}: the status query of {} after a reconnect failed ({})",
                            name, account, t.clientOrderId(), VenueCalls.unwrap(failure).getMessage());
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
            return gate.call(() -> gate.tracker().find(account, clientOrderId)).thenCompose(t -> {
                String cloid = t.map(OrderTracker.Tracked::cloid).orElse(Cloids.of(clientOrderId));
                boolean immediate = t.map(OrderTracker.Tracked::immediate).orElse(false);
                Set<Long> oids = t.map(OrderTracker.Tracked::oids).orElse(Set.of());
                return orderStatus(s, cloid).thenCompose(found -> {
                    if (!found.found()) {
                        return CompletableFuture.completedFuture(Optional.<OrderSnapshot>empty());
                    }
                    OrderUpdate u = found.order();
                    OrderSnapshot bare = HyperliquidTranslator.snapshot(account, clientOrderId, m.symbol(), u,
                            List.of(), immediate);
                    if (bare.filledQuantity().signum() == 0) {
                        return CompletableFuture.completedFuture(Optional.of(bare));
                    }
                    long since = (u.order().timestamp() == null ? clock.millis() : u.order().timestamp()) - 60_000;
                    return rest.info(HyperliquidJson.info("userFillsByTime", "user", s.user().hex(), "startTime",
                            since)).thenApply(n -> {
                                List<OrderEvent.Fill> fills = new ArrayList<>();
                                for (UserFill f : HyperliquidJson.list(n, UserFill.class)) {
                                    if (f.oid() != null && (f.oid().equals(u.order().oid()) || oids.contains(f.oid()))) {
                                        fills.add(HyperliquidTranslator.fill(account, clientOrderId, f, false));
                                    }
                                }
                                return Optional.of(HyperliquidTranslator.snapshot(account, clientOrderId, m.symbol(), u,
                                        fills, immediate));
                            });
                });
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
                            out.add(HyperliquidTranslator.snapshot(account, id, m.get().symbol(),
                                    new OrderUpdate(o, HyperliquidOrderStatus.OPEN.wire(), o.timestamp()), List.of(),
                                    false));
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
        streams.values().forEach(this::closeQuietly);
        closeQuietly(mids);
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
                    LOG.warn("hyperliquid venue {} account {}: the address request budget is used up ({}); reading it "
                            + "again in 10 s", name, account, text);
                    scheduleBudgetRead(account);
                }
            }
            case NONCE -> LOG.warn("hyperliquid venue {} account {}: Hyperliquid refused a nonce ({}); check the "
                    + "clock of this machine", name, account, text);
            default -> {
            }
        }
    }

    private void scheduleBudgetRead(String account) {
        try {
            executors.scheduler().schedule(() -> readBudget(signings.get(account)).whenComplete((ok, failure) -> {
                if (failure != null) {
                    LOG.warn("hyperliquid venue {} account {}: reading the request budget failed ({})", name, account,
                            VenueCalls.unwrap(failure).getMessage());
                }
            }), 10, TimeUnit.SECONDS);
        } catch (RejectedExecutionException e) {
            LOG.debug("hyperliquid venue {}: not reading the budget, the adapter is closed", name);
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

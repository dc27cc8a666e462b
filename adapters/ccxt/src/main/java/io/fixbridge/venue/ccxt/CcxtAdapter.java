package io.fixbridge.venue.ccxt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
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
import io.fixbridge.venue.Position;
import io.fixbridge.venue.ReferencePrice;
import io.fixbridge.venue.RejectReason;
import io.fixbridge.venue.ReplaceMode;
import io.fixbridge.venue.ReplaceRequest;
import io.fixbridge.venue.VenueAdapter;
import io.fixbridge.venue.VenueCapabilities;
import io.fixbridge.venue.VenueError;
import io.fixbridge.venue.VenueException;
import io.fixbridge.venue.VenueTelemetry;
import io.fixbridge.venue.ccxt.CcxtErrors.Call;
import io.fixbridge.venue.ccxt.CcxtErrors.Classified;
import io.fixbridge.venue.ccxt.dto.CcxtMarket;
import io.fixbridge.venue.ccxt.dto.CcxtOrder;
import io.fixbridge.venue.ccxt.dto.CcxtPosition;
import io.fixbridge.venue.ccxt.dto.CcxtTrade;
import io.fixbridge.venue.kit.EventGate;
import io.fixbridge.venue.kit.GapFillRetry;
import io.fixbridge.venue.kit.VenueCalls;
import io.fixbridge.venue.kit.VenueExecutors;
import io.fixbridge.venue.kit.json.VenueJson;
import io.fixbridge.venue.kit.rules.Decimals;
import io.fixbridge.venue.kit.sign.Secret;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Every exchange the CCXT library reaches, through a supervised Node sidecar ({@code adapters/ccxt/bridge}):
 * the adapter spawns {@code node <bridge>/src/main.mjs}, speaks the line protocol of {@link BridgeClient}
 * with it, opens one ccxt instance per account, loads the unified markets ({@link CcxtTranslator#instrument}),
 * derives its capabilities from ccxt's {@code has} and {@code features}, and receives order and trade news
 * from ccxt's watchOrders/watchMyTrades or from polling (setting {@code streams}); reference prices of every
 * market are polled from connect on ({@link ReferencePrices}, setting {@code referencePriceIntervalMs}).
 *
 * <h2>Threading</h2>
 * Every method returns at once. Sidecar I/O runs on the sidecar's reader threads; futures complete and order
 * state (the {@link OrderTracker}) lives on one serial event thread over the adapter's callback pool
 * ({@code ccxt-<name>-callback-N}); timers (pings, restarts, deadlines) run on {@code ccxt-<name>-scheduler}.
 * Listener callbacks, and the completion of the futures of submit, cancel and replace, happen on the event
 * thread, the events before the future that reports the same.
 *
 * <h2>Errors</h2>
 * Futures fail only with {@link VenueException}, classified in one place by {@link CcxtErrors}: REJECTED is
 * definitive (a specific ccxt ExchangeError subclass, or the adapter's own refusal before sending: an unknown
 * account or symbol, what the market's features cannot express, a symbol its streams do not cover, an order it
 * could not track); RETRYABLE means nothing was sent (the sidecar is restarting, rate limited, a read that
 * failed, an exchange that cannot be asked by client order id); OUTCOME_UNKNOWN means an order-changing request
 * may have reached the exchange (a network error, a timeout, ccxt's catch-all ExchangeError, or the sidecar
 * died with the request in flight). Nothing is ever resent: {@link #queryOrder} by client order id settles it. No method throws for a venue problem;
 * null arguments and a second {@link #subscribe} throw.
 *
 * <h2>Sidecar supervision</h2>
 * The sidecar is pinged every {@code pingIntervalMs}; when it dies or a ping goes unanswered for
 * {@code pingTimeoutMs} (it is then killed) every request in flight fails (order changes OUTCOME_UNKNOWN,
 * reads RETRYABLE) and a new sidecar is started with backoff: accounts re-opened, markets reloaded, streams
 * re-subscribed, and every order known open is queried by client order id (a gap fill), so what happened
 * meanwhile is reported once. An open order {@link #queryOrder} finds (one placed before a restart of the
 * gateway) is known from then on: its stream news, gap fills and the periodic refresh cover it.
 *
 * <h2>Telemetry</h2>
 * Given to the constructor ({@link VenueTelemetry#NONE} otherwise). ccxt makes the HTTP requests inside
 * the sidecar, which reports each one (event {@code request}): its endpoint {@code METHOD /path/template}
 * (the url's path without the query, ccxt's path template where the path carries ids), its HTTP status
 * (0 when no answer came) and time, passed on to {@link VenueTelemetry#request}. createOrder and editOrder
 * carry {@code sentId} (the submit's client order id, a replace's new one); the sidecar reports it (event
 * {@code orderSent}) right before the call's first non-GET request, after ccxt's throttle and signing, and
 * it is passed on to {@link VenueTelemetry#orderRequestSent}. Each account's order stream is
 * {@code user:<account>}: connected while the sidecar reports it {@code up} or {@code polling}, disconnected
 * when it reports {@code down}, when the sidecar dies and when the adapter closes (nothing is reported
 * before it first comes up). ccxt's own throttle is internal to the library: no rate-limit use is reported.
 *
 * <h2>Market data</h2>
 * {@link #subscribeMarketData}: ccxt's watchOrderBook and watchTrades in the sidecar, one watch per symbol on the
 * first account's ccxt instance, streaming the best {@code bookDepth} levels ({@link #maxBookDepth()}, default 100)
 * and the public trades; a gap or lost stream, and a stopped sidecar, are interruptions followed by a resynced
 * book ({@link CcxtMarketData}).
 *
 * <h2>Health</h2>
 * {@link #healthStatus()}: sidecar restarting, exchange down (OnMaintenance, ExchangeNotAvailable), accounts
 * whose credentials the exchange refused (ERROR logged; their orders are refused until a fetchBalance probe
 * succeeds).
 */
public final class CcxtAdapter implements VenueAdapter {
    private static final Logger LOG = LoggerFactory.getLogger(CcxtAdapter.class);
    private static final ObjectMapper JSON = VenueJson.mapper();
    private static final Duration HELD_END_PATIENCE = Duration.ofSeconds(10);
    /** How often every order known open is queried by client order id (an order is never forgotten while open). */
    static final Duration OPEN_ORDER_REFRESH = Duration.ofMinutes(5);

    /** Before connect: nothing can be routed here. */
    static final VenueCapabilities NOT_CONNECTED = new VenueCapabilities(Set.of(), Set.of(), Set.of(), false, Set.of(),
            false, false, false, ReplaceMode.CANCEL_THEN_NEW, false);

    private final String name;
    private final String label;
    private final CcxtConfig config;
    private final Clock clock;
    private final VenueExecutors executors;
    private final EventGate<OrderTracker> gate;
    private final VenueCalls calls;
    private final CcxtHealth health;
    private final Sidecar sidecar;
    private final GapFillRetry gapRetry;
    private final ReferencePrices referencePrices;
    private final CcxtMarketData marketData;
    private final AtomicReference<Markets> markets = new AtomicReference<>(Markets.EMPTY);
    private final AtomicReference<Description> description = new AtomicReference<>();
    private final Map<String, String> streamModes = new ConcurrentHashMap<>();
    private final Map<String, String> streamStates = new ConcurrentHashMap<>();
    /** Accounts whose stream telemetry was last told is connected; updated under its own lock. */
    private final Set<String> streamsReportedUp = new java.util.HashSet<>();
    private final VenueTelemetry telemetry;
    private final AtomicBoolean subscribed = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final Object connectLock = new Object();
    private final Map<String, Boolean> probing = new ConcurrentHashMap<>();
    private volatile VenueCapabilities capabilities = NOT_CONNECTED;
    /** Tests: replace in this style whatever the exchange's. */
    volatile EditStyle editStyleOverride;
    /** Tests (set before connect): the housekeeping period, the patience of a held end, the open-order refresh. */
    volatile Duration housekeepingPeriod = Duration.ofSeconds(5);
    volatile Duration heldEndPatience = HELD_END_PATIENCE;
    volatile Duration openOrderRefresh = OPEN_ORDER_REFRESH;
    private CompletableFuture<Void> connecting;
    private volatile ScheduledFuture<?> housekeeping;
    /** Event thread only: when open orders were last refreshed. */
    private Instant lastRefresh;
    /** Orders whose exchange cannot be asked by client order id, logged at ERROR once each. */
    private final Set<String> notQueryable = ConcurrentHashMap.newKeySet();

    /**
     * What ccxt says about the exchange, from the first account's {@code open}; {@code classes} is the ccxt
     * class chain of the instance, most specific first (["binanceus", "binance"]), or just the exchange id where
     * the sidecar does not report it.
     */
    private record Description(JsonNode has, JsonNode features, CcxtTranslator.PrecisionMode precisionMode,
                               List<String> classes) {
        boolean is(String family) {
            return classes.contains(family);
        }
    }

    public CcxtAdapter(String name, CcxtConfig config) {
        this(name, config, VenueTelemetry.NONE);
    }

    /** An adapter reporting to {@code telemetry} (thread-safe, never throws). */
    public CcxtAdapter(String name, CcxtConfig config, VenueTelemetry telemetry) {
        this(name, config, Clock.systemUTC(), List.of(config.node(), config.mainScript().toString()), telemetry);
    }

    /** An adapter running {@code command} as its sidecar (tests) with local time from {@code clock}. */
    CcxtAdapter(String name, CcxtConfig config, Clock clock, List<String> command) {
        this(name, config, clock, command, VenueTelemetry.NONE);
    }

    /** An adapter running {@code command} as its sidecar (tests) with local time from {@code clock}, reporting to {@code telemetry}. */
    CcxtAdapter(String name, CcxtConfig config, Clock clock, List<String> command, VenueTelemetry telemetry) {
        this.telemetry = Objects.requireNonNull(telemetry, "telemetry");
        this.name = Objects.requireNonNull(name, "name");
        this.config = Objects.requireNonNull(config, "config");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.label = "ccxt venue " + name + " (" + config.exchange() + ")";
        this.calls = new VenueCalls(label, closed::get);
        this.health = new CcxtHealth(name, clock, Duration.ofMillis(config.venueDownPauseMs()));
        this.executors = VenueExecutors.create("ccxt-" + name, 1, 3);
        this.gate = new EventGate<>(name, executors.newSerialExecutor(), new OrderTracker(clock));
        this.gapRetry = new GapFillRetry(label, executors.scheduler());
        Sidecar.Settings settings = new Sidecar.Settings("ccxt-" + name + "-sidecar", command,
                config.bridgeDirectory(), config.startTimeoutMs(), config.pingIntervalMs(), config.pingTimeoutMs(),
                config.restartBackoff());
        this.sidecar = new Sidecar(settings, executors.scheduler(), executors.callbacks(), new SidecarListener());
        this.referencePrices = new ReferencePrices(label, config, executors.scheduler(), sidecar, markets::get, clock);
        this.marketData = new CcxtMarketData(label, config.accountNames().get(0), config.bookDepth(),
                config.answerTimeoutMs(), sidecar, executors.newSerialExecutor(), executors.scheduler(), clock,
                symbol -> markets.get().symbol(symbol).isPresent());
    }

    @Override
    public String name() {
        return name;
    }

    /**
     * What ccxt says the exchange can do on the market types it lists, known after the first connect; before
     * it, nothing (every order is refused before routing).
     */
    @Override
    public VenueCapabilities capabilities() {
        return capabilities;
    }

    @Override
    public void subscribe(OrderEventListener listener) {
        Objects.requireNonNull(listener, "listener");
        if (!subscribed.compareAndSet(false, true)) {
            throw new IllegalStateException(label + ": subscribe() may be called only once");
        }
        gate.listener(listener);
    }

    @Override
    public List<Instrument> instruments() {
        return markets.get().instruments();
    }

    /** Sidecar, exchange and account health, for operations. */
    public CcxtHealth.Status healthStatus() {
        return health.status();
    }

    /** The sidecar's process id, or -1 while none runs (operations, tests). */
    public long sidecarPid() {
        return sidecar.pid();
    }

    /** How many times the sidecar was restarted after a crash or hang. */
    public int sidecarRestarts() {
        return sidecar.restarts();
    }

    /** Whether a sidecar is up and takes requests. */
    public boolean sidecarUp() {
        return sidecar.isUp();
    }

    /** Each account's order stream state as last reported ({@code up}, {@code down}, {@code polling}) (tests). */
    Map<String, String> streamStates() {
        return Map.copyOf(streamStates);
    }

    /**
     * The reference price of {@code symbol}, polled from connect on every {@code referencePriceIntervalMs}
     * (fetchBidsAsks where ccxt has it, else fetchTickers; see {@link ReferencePrices}). From memory, never blocks.
     */
    @Override
    public Optional<ReferencePrice> referencePrice(String symbol) {
        return referencePrices.price(symbol);
    }

    /** How each account's streams run ({@code watch} or {@code poll}), as the sidecar chose at subscribe. */
    public Map<String, String> streamModes() {
        return Map.copyOf(streamModes);
    }

    /** The setting {@code bookDepth} (default 100): ccxt's books are the venue's, of which this many levels are streamed. */
    @Override
    public int maxBookDepth() {
        return config.bookDepth();
    }

    /**
     * Streams {@code symbol}'s book (ccxt's watchOrderBook: Binance's diff-depth stream over a REST snapshot, Bybit's
     * snapshot and deltas, ...) and public trades (watchTrades) through the sidecar; see {@link CcxtMarketData}.
     *
     * @throws IllegalArgumentException when the adapter does not list {@code symbol} (or is not connected yet)
     */
    @Override
    public MarketDataSubscription subscribeMarketData(String symbol, MarketDataListener listener) {
        return marketData.subscribe(symbol, listener);
    }

    /** The symbols with an open market data subscription (tests, operations). */
    List<String> marketDataSymbols() {
        return marketData.symbols();
    }

    // ------------------------------------------------------------------ connect

    /**
     * Starts the sidecar, opens every account, loads the markets and subscribes the streams; completes when
     * all are done. A second call returns the same future; after a failure a new call starts over.
     */
    @Override
    public CompletableFuture<Void> connect() {
        if (closed.get()) {
            return CompletableFuture.failedFuture(calls.closedError());
        }
        synchronized (connectLock) {
            if (connecting == null || connecting.isCompletedExceptionally()) {
                connecting = calls.clean(sidecar.start().exceptionallyCompose(t -> CompletableFuture.failedFuture(
                        connectFailure(VenueCalls.unwrap(t)))).thenRun(this::connected), "connect");
            }
            return connecting;
        }
    }

    private VenueException connectFailure(Throwable t) {
        if (t instanceof VenueException v) {
            return v;
        }
        if (t instanceof BridgeException b) {
            Classified c = CcxtErrors.classify(b, Call.READ);
            String text = label + " could not connect: " + b.getMessage();
            return new VenueException(c.error().outcome() == VenueError.Outcome.REJECTED
                    ? VenueError.rejected(c.error().reason(), c.error().code(), text)
                    : VenueError.retryable(c.error().code(), text, null), b);
        }
        return calls.asVenueException(t, "connect");
    }

    private void connected() {
        if (housekeeping == null) {
            try {
                long period = housekeepingPeriod.toMillis();
                housekeeping = executors.scheduler().scheduleWithFixedDelay(() -> gate.run(this::housekeep), period,
                        period, TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException e) {
                LOG.debug("{}: closed while connecting", label);
            }
        }
        referencePrices.start();
        LOG.info("{} connected: {} instruments, accounts {}, streams {}", label, instruments().size(),
                config.accountNames(), streamModes);
    }

    /**
     * On the event thread, every 5 s: ends held too long for their fills get the order's trades fetched; done
     * orders and stale unmatched trades are forgotten; every {@link #OPEN_ORDER_REFRESH} every open order is
     * queried by client order id (what a stream missed, e.g. on a quiet order, is found).
     */
    private void housekeep() {
        OrderTracker tracker = gate.tracker();
        for (OrderTracker.Tracked t : tracker.staleEnds(heldEndPatience)) {
            fetchMissingFills(t);
        }
        tracker.expire();
        Instant now = clock.instant();
        if (lastRefresh == null) {
            lastRefresh = now;
        } else if (!now.isBefore(lastRefresh.plus(openOrderRefresh)) && sidecar.isUp()) {
            lastRefresh = now;
            config.accountNames().forEach(this::fillGap);
        }
    }

    /**
     * On the event thread: the end of {@code t} waited in vain for fills ccxt reported; its trades are fetched
     * (fetchMyTrades since its placement, matched by exchange order id) and applied; if they are still short,
     * its end is released with an ERROR.
     */
    private void fetchMissingFills(OrderTracker.Tracked t) {
        String account = t.account();
        long since = t.placedAt().toEpochMilli() - 60_000;
        LOG.warn("{} account {}: order {} ended with {} filled of the {} reported; fetching its trades", label,
                account, t.clientOrderId(), t.filled().toPlainString(), t.venueFilled().toPlainString());
        myTrades(account, t.symbol(), since).whenCompleteAsync((trades, failure) -> {
            OrderTracker tracker = gate.tracker();
            List<OrderEvent> out = new ArrayList<>();
            String why;
            if (failure != null) {
                why = "fetchMyTrades failed: " + VenueCalls.unwrap(failure).getMessage();
            } else {
                why = "fetchMyTrades since " + Instant.ofEpochMilli(since) + " has not all of them";
                try {
                    for (CcxtTrade tr : trades) {
                        if (t.hasVenueId(tr.order())) {
                            out.addAll(tracker.trade(t, tr));
                        }
                    }
                } catch (RuntimeException ex) {
                    why = "its trades could not be applied: " + ex.getMessage();
                }
            }
            if (t.open()) {
                out.addAll(tracker.giveUp(t, why));
            }
            gate.emit(out);
        }, gate.executor());
    }

    /** Sidecar life: prepare each new process, report up and down, route events. */
    private final class SidecarListener implements Sidecar.Listener {
        @Override
        public CompletableFuture<Void> prepare(BridgeClient client, JsonNode hello) {
            return openAccounts(client).thenCompose(d -> loadMarkets(client, d)).thenCompose(x -> subscribeAll(client));
        }

        @Override
        public void up(boolean restart) {
            health.sidecarUp();
            marketData.sidecarUp();
            if (restart) {
                LOG.info("{}: the sidecar is back; querying every open order for what was missed", label);
                for (String account : config.accountNames()) {
                    gate.run(() -> fillGap(account));
                }
            }
        }

        @Override
        public void down(String why) {
            health.sidecarDown(why);
            marketData.sidecarDown(why);
            // the new sidecar's streams start over: their first "up" (or "polling") runs a gap fill, after they
            // are connected, so what happened between the restart's query and the stream's connect is found too
            config.accountNames().forEach(a -> {
                streamStates.put(a, "down");
                reportStream(a, false);
            });
        }

        @Override
        public void event(JsonNode event) {
            onEvent(event);
        }
    }

    private CompletableFuture<Description> openAccounts(BridgeClient client) {
        CompletableFuture<Description> first = null;
        List<CompletableFuture<?>> all = new ArrayList<>();
        for (CcxtConfig.Account a : config.accounts()) {
            CompletableFuture<JsonNode> opened = client.request("open", openParams(a), config.startTimeoutMs())
                    .exceptionallyCompose(t -> CompletableFuture.failedFuture(openFailure(a, VenueCalls.unwrap(t))));
            all.add(opened);
            if (first == null) {
                first = opened.thenApply(r -> new Description(r.path("has"), r.path("features"),
                        CcxtTranslator.PrecisionMode.parse(r.path("precisionMode").asText()), classes(r)));
            }
        }
        CompletableFuture<Description> d = first;
        return CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).thenCompose(x -> d);
    }

    private Throwable openFailure(CcxtConfig.Account a, Throwable t) {
        if (t instanceof BridgeException.Answered ans) {
            BridgeError e = ans.error();
            String setting = "venues[" + name + "]";
            if (e.classes().contains("AuthenticationError")) {
                health.accountDown(a.name(), e.className() + ": " + e.message());
                return new VenueException(VenueError.rejected(RejectReason.OTHER, e.code(), setting + ".accounts["
                        + a.name() + "]: " + config.exchange() + " requires other credentials: " + e.message()), t);
            }
            return new VenueException(VenueError.rejected(RejectReason.OTHER, e.code(), setting + ".exchange: ccxt "
                    + "could not open '" + config.exchange() + "' for account " + a.name() + ": " + e.className()
                    + ": " + e.message()), t);
        }
        return t;
    }

    /** The ccxt class chain {@code open} reports, most specific first; the exchange id alone where it does not. */
    private List<String> classes(JsonNode opened) {
        List<String> out = new ArrayList<>();
        opened.path("classes").forEach(c -> out.add(c.asText()));
        if (out.isEmpty()) {
            out.add(config.exchange());
        }
        return List.copyOf(out);
    }

    private ObjectNode openParams(CcxtConfig.Account a) {
        ObjectNode p = JSON.createObjectNode();
        p.put("account", a.name());
        p.put("exchange", config.exchange());
        ObjectNode creds = p.putObject("credentials");
        for (Map.Entry<String, Secret> c : a.credentials().entrySet()) {
            creds.put(c.getKey(), c.getValue().reveal());
        }
        p.put("sandbox", config.sandbox());
        p.set("options", JSON.valueToTree(config.options()));
        p.set("urls", JSON.valueToTree(config.urls()));
        p.put("timeoutMs", config.requestTimeoutMs());
        return p;
    }

    private CompletableFuture<Void> loadMarkets(BridgeClient client, Description d) {
        List<CompletableFuture<JsonNode>> loads = new ArrayList<>();
        for (CcxtConfig.Account a : config.accounts()) {
            ObjectNode p = JSON.createObjectNode();
            p.put("account", a.name());
            p.put("reload", true);
            loads.add(client.request("loadMarkets", p, config.startTimeoutMs()));
        }
        return CompletableFuture.allOf(loads.toArray(CompletableFuture[]::new)).thenAccept(x -> {
            JsonNode list = loads.get(0).join();
            List<Markets.Market> out = new ArrayList<>();
            int skipped = 0;
            for (JsonNode n : list) {
                CcxtMarket m = convert(n, CcxtMarket.class);
                try {
                    Optional<Instrument> i = CcxtTranslator.instrument(m, d.precisionMode());
                    if (i.isPresent()) {
                        out.add(new Markets.Market(i.get(), CcxtTranslator.orderFeatures(d.has(), d.features(),
                                i.get().marketType())));
                    } else {
                        skipped++;
                    }
                } catch (RuntimeException e) {
                    skipped++;
                    LOG.warn("{}: market {} is left out: {}", label, m.symbol(), e.getMessage());
                }
            }
            Markets ms = new Markets(out);
            for (String s : config.streamSymbols()) {
                if (ms.symbol(s).isEmpty()) {
                    LOG.error("{}: venues[{}].streamSymbols names {}, which {} does not list (or which is of a type the "
                            + "gateway does not trade); its stream is not watched", label, name, s, config.exchange());
                }
            }
            markets.set(ms);
            description.set(d);
            capabilities = capabilitiesOf(d, ms);
            LOG.info("{}: {} markets loaded ({} of types the gateway does not trade left out), precision {}", label,
                    out.size(), skipped, d.precisionMode());
        });
    }

    private VenueCapabilities capabilitiesOf(Description d, Markets ms) {
        VenueCapabilities c = CcxtTranslator.capabilities(d.has(), d.features(), ms.types());
        boolean nativeEdit = CcxtTranslator.isTrue(d.has(), "editOrder");
        boolean amendEverywhere = !ms.types().isEmpty() && ms.types().stream()
                .allMatch(t -> EditStyle.of(d.classes(), t, nativeEdit) == EditStyle.AMEND);
        ReplaceMode mode = amendEverywhere ? ReplaceMode.NATIVE_AMEND : ReplaceMode.CANCEL_THEN_NEW;
        return new VenueCapabilities(c.markets(), c.orderTypes(), c.timesInForce(), c.postOnly(), c.reduceOnlyMarkets(),
                c.iceberg(), c.cashOrderQuantity(), c.triggerDirection(), mode, c.oco());
    }

    private CompletableFuture<Void> subscribeAll(BridgeClient client) {
        List<CompletableFuture<Void>> subs = new ArrayList<>();
        for (CcxtConfig.Account a : config.accounts()) {
            ObjectNode p = JSON.createObjectNode();
            p.put("account", a.name());
            ArrayNode symbols = p.putArray("symbols");
            config.streamSymbols().forEach(symbols::add);
            p.put("mode", config.streams().wire());
            p.put("pollIntervalMs", config.pollIntervalMs());
            subs.add(client.request("subscribe", p, config.startTimeoutMs()).thenCompose(r -> {
                String mode = r.path("mode").asText();
                streamModes.put(a.name(), mode);
                return "poll".equals(mode) ? gate.call(() -> gate.tracker().open(a.name()))
                        .thenCompose(open -> trackAll(client, open)) : CompletableFuture.completedFuture(null);
            }));
        }
        return CompletableFuture.allOf(subs.toArray(CompletableFuture[]::new));
    }

    private CompletableFuture<Void> trackAll(BridgeClient client, List<OrderTracker.Tracked> open) {
        List<CompletableFuture<JsonNode>> all = new ArrayList<>();
        for (OrderTracker.Tracked t : open) {
            if (t.venueOrderId() != null) {
                all.add(client.request("track", trackParams(t.account(), t.symbol(), t.venueOrderId(),
                        t.clientOrderId()), config.answerTimeoutMs()));
            }
        }
        return CompletableFuture.allOf(all.toArray(CompletableFuture[]::new));
    }

    private static ObjectNode trackParams(String account, String symbol, String id, String clientOrderId) {
        ObjectNode p = JSON.createObjectNode();
        p.put("account", account);
        p.put("symbol", symbol);
        p.put("id", id);
        p.put("clientOrderId", clientOrderId);
        return p;
    }

    // ------------------------------------------------------------------ submit

    @Override
    public CompletableFuture<OrderEvent.Accepted> submit(OrderRequest order) {
        Objects.requireNonNull(order, "order");
        return calls.guarded("submit " + order.clientOrderId(), () -> {
            Markets.Market m = tradable(order.account(), order.symbol());
            refuseIfUnhealthy(order.account(), true);
            refuseUntrackable(order, m);
            List<String> problems = CcxtTranslator.unsupported(order, m.type(), m.features());
            if (!problems.isEmpty()) {
                throw new VenueException(VenueError.rejected(RejectReason.UNSUPPORTED_ORDER_CHARACTERISTIC, null,
                        String.join("; ", problems)));
            }
            ObjectNode params = CcxtTranslator.createOrder(order.account(), m.symbol(), order, m.features());
            params.put("sentId", order.clientOrderId());
            return gate.call(() -> {
                Optional<OrderTracker.Tracked> known = gate.tracker().find(order.account(), order.clientOrderId());
                if (known.isPresent() && (known.get().accepted || known.get().inFlight > 0)) {
                    throw new VenueException(VenueError.rejected(RejectReason.DUPLICATE_ORDER, null, "client order id "
                            + order.clientOrderId() + " is already an order of account " + order.account()
                            + "; nothing was sent"));
                }
                return gate.tracker().submitted(order);
            }).thenCompose(t -> sidecar.request("createOrder", params, config.answerTimeoutMs())
                    .handle(Answer::new)
                    .thenComposeAsync(a -> placed(order, t, a), gate.executor()));
        });
    }

    private record Answer(JsonNode result, Throwable failure) {
    }

    /**
     * Refuses (REJECTED OTHER, nothing sent) what the adapter could place but not follow: an order on a symbol
     * the order streams do not cover (not in {@code streamSymbols}; with none listed, on Binance a market type
     * other than the one ccxt watches without a symbol: {@code options.defaultType}), and Binance derivatives'
     * conditional orders (algo orders: not found by a query by client order id, and a triggered one becomes a
     * new order with a new id).
     */
    private void refuseUntrackable(OrderRequest order, Markets.Market m) {
        Description d = description.get();
        List<String> streamed = config.streamSymbols();
        String setting = "venues[" + name + "].streamSymbols";
        if (!streamed.isEmpty() && !streamed.contains(m.symbol())) {
            throw new VenueException(VenueError.rejected(RejectReason.OTHER, null, m.symbol() + " is not in "
                    + setting + " " + streamed + ": its order stream is not watched, so its fills would not be "
                    + "heard of; add it there; nothing was sent"));
        }
        if (d == null || !d.is("binance")) {
            return;
        }
        if (streamed.isEmpty() && !binanceDefaultTypeCovers(m.type())) {
            throw new VenueException(VenueError.rejected(RejectReason.OTHER, null, m.symbol() + " (" + m.type()
                    + ") is not covered by " + config.exchange() + "'s order stream without symbols (ccxt watches only "
                    + "options.defaultType '" + binanceDefaultType() + "'): list the symbols to trade in " + setting
                    + "; nothing was sent"));
        }
        if (m.type().isDerivative() && order.type().requiresStopPrice()) {
            throw new VenueException(VenueError.rejected(RejectReason.UNSUPPORTED_ORDER_CHARACTERISTIC, null,
                    config.exchange() + " " + m.type() + " conditional (" + order.type() + ") orders are algo orders "
                            + "this adapter cannot track through ccxt (not found by client order id; a triggered one "
                            + "becomes a new order); nothing was sent"));
        }
    }

    private String binanceDefaultType() {
        Object configured = config.options().get("defaultType");
        if (configured != null) {
            return String.valueOf(configured);
        }
        return switch (config.exchange()) {
            case "binanceusdm" -> "future";
            case "binancecoinm" -> "delivery";
            default -> "spot";
        };
    }

    private boolean binanceDefaultTypeCovers(MarketType type) {
        return switch (binanceDefaultType()) {
            case "spot", "margin" -> type == MarketType.SPOT;
            case "future", "swap" -> type == MarketType.LINEAR_PERPETUAL || type == MarketType.LINEAR_FUTURE;
            case "delivery" -> type == MarketType.INVERSE_PERPETUAL || type == MarketType.INVERSE_FUTURE;
            default -> false;
        };
    }

    /** On the event thread: what the createOrder answer means. */
    private CompletableFuture<OrderEvent.Accepted> placed(OrderRequest order, OrderTracker.Tracked t, Answer a) {
        OrderTracker tracker = gate.tracker();
        tracker.answered(t);
        if (a.failure() != null) {
            Classified c = classify(order.account(), VenueCalls.unwrap(a.failure()), Call.ORDER_CHANGE);
            if (c.consequence() == CcxtErrors.Consequence.SETTLE_BY_QUERY) {
                return duplicate(order, c.error());
            }
            if (c.error().outcome() != VenueError.Outcome.OUTCOME_UNKNOWN) {
                tracker.forget(t);
            } else {
                LOG.warn("{} account {}: the outcome of order {} is unknown ({}); it is settled by a query", label,
                        order.account(), order.clientOrderId(), c.error().message());
            }
            return CompletableFuture.failedFuture(new VenueException(c.error(), a.failure()));
        }
        CcxtOrder o;
        try {
            o = convert(a.result(), CcxtOrder.class);
            CcxtTranslator.Status.parse(o.status());
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(new VenueException(VenueError.outcomeUnknown(null, label
                    + ": the createOrder answer could not be read (" + e.getMessage() + "); settled by a query"), e));
        }
        if (o.id() == null) {
            return CompletableFuture.failedFuture(new VenueException(VenueError.outcomeUnknown(null, label
                    + ": the exchange acknowledged order " + order.clientOrderId() + " without an order id; its state is "
                    + "settled by a query")));
        }
        if ("rejected".equals(o.status())) {
            tracker.forget(t);
            VenueError e = VenueError.rejected(RejectReason.OTHER, null, "the exchange rejected order "
                    + order.clientOrderId() + " (status rejected)");
            return CompletableFuture.failedFuture(new VenueException(e));
        }
        Instant now = clock.instant();
        OrderEvent.Accepted accepted = new OrderEvent.Accepted(order.account(), order.clientOrderId(), o.id(), now);
        List<OrderEvent> out = new ArrayList<>(tracker.accepted(t, o.id(), now));
        out.addAll(tracker.order(t, o));
        gate.emit(out);
        queryIfUnknown(t);
        trackIfPolling(order.account(), order.symbol(), o.id(), order.clientOrderId());
        return CompletableFuture.completedFuture(accepted);
    }

    /** The exchange says the client order id is taken: if by this very order (symbol and side), the submit is it. */
    private CompletableFuture<OrderEvent.Accepted> duplicate(OrderRequest order, VenueError refusal) {
        return fetchByClientId(order.account(), order.symbol(), order.clientOrderId(), clock.millis() - 60_000)
                .thenApplyAsync(found -> {
            OrderTracker tracker = gate.tracker();
            Optional<OrderTracker.Tracked> t = tracker.find(order.account(), order.clientOrderId());
            if (found.isPresent() && order.symbol().equals(found.get().symbol())
                    && CcxtTranslator.side(order.side()).equals(found.get().side()) && t.isPresent()) {
                CcxtOrder o = found.get();
                LOG.info("{} account {}: client order id {} is already order {}; the submit completes with it", label,
                        order.account(), order.clientOrderId(), o.id());
                Instant now = clock.instant();
                List<OrderEvent> out = new ArrayList<>(tracker.accepted(t.get(), o.id(), now));
                out.addAll(tracker.order(t.get(), o));
                gate.emit(out);
                return new OrderEvent.Accepted(order.account(), order.clientOrderId(), o.id(), now);
            }
            t.ifPresent(tracker::forget);
            throw new VenueException(refusal);
        }, gate.executor());
    }

    private void trackIfPolling(String account, String symbol, String id, String clientOrderId) {
        if (!"poll".equals(streamModes.get(account))) {
            return;
        }
        sidecar.request("track", trackParams(account, symbol, id, clientOrderId), config.answerTimeoutMs())
                .whenComplete((ok, failure) -> {
                    if (failure != null) {
                        LOG.warn("{} account {}: the sidecar did not take order {} for polling ({}); a gap fill after "
                                + "a restart covers it", label, account, clientOrderId,
                                VenueCalls.unwrap(failure).getMessage());
                    }
                });
    }

    // ------------------------------------------------------------------ cancel

    @Override
    public CompletableFuture<OrderEvent.Canceled> cancel(CancelRequest cancel) {
        Objects.requireNonNull(cancel, "cancel");
        return calls.guarded("cancel " + cancel.clientOrderId(), () -> {
            Markets.Market m = market(cancel.account(), cancel.symbol());
            refuseIfUnhealthy(cancel.account(), false);
            String account = cancel.account();
            String id = cancel.clientOrderId();
            AtomicReference<ObjectNode> params = new AtomicReference<>(JSON.createObjectNode());
            return gate.call(() -> {
                Optional<OrderTracker.Tracked> t = gate.tracker().find(account, id);
                t.ifPresent(gate.tracker()::cancelRequested);
                t.ifPresent(x -> params.set(CancelParams.of(description.get().classes(), m.type(), x.type())));
                return t.map(OrderTracker.Tracked::venueOrderId).orElse(cancel.venueOrderId());
            }).thenCompose(venueId -> venueId != null ? CompletableFuture.completedFuture(venueId)
                    : fetchByClientId(account, m.symbol(), id, null)
                            .exceptionallyCompose(x -> cannotAskByClientId(account, id, x))
                            .thenApply(o -> o.map(CcxtOrder::id).orElseThrow(() ->
                            new VenueException(VenueError.rejected(RejectReason.UNKNOWN_ORDER, null, config.exchange()
                                    + " has no order with client order id " + id + " on " + m.symbol())))))
                    .thenCompose(venueId -> {
                        ObjectNode p = JSON.createObjectNode();
                        p.put("account", account);
                        p.put("id", venueId);
                        p.put("symbol", m.symbol());
                        p.set("params", params.get());
                        return sidecar.request("cancelOrder", p, config.answerTimeoutMs()).handle(Answer::new)
                                .thenApplyAsync(a -> canceled(cancel, venueId, a), gate.executor());
                    });
        });
    }

    /** On the event thread. */
    private OrderEvent.Canceled canceled(CancelRequest cancel, String venueId, Answer a) {
        String account = cancel.account();
        String id = cancel.clientOrderId();
        OrderTracker tracker = gate.tracker();
        Optional<OrderTracker.Tracked> t = tracker.find(account, id);
        if (a.failure() != null) {
            Classified c = classify(account, VenueCalls.unwrap(a.failure()), Call.ORDER_CHANGE);
            throw tooLateIfDone(t, new VenueException(c.error(), a.failure()));
        }
        Instant now = clock.instant();
        if (t.isPresent()) {
            List<OrderEvent> out = new ArrayList<>();
            if (a.result() != null && a.result().isObject()) {
                try {
                    CcxtOrder o = convert(a.result(), CcxtOrder.class);
                    if (o.status() != null && !"open".equals(o.status())) {
                        out.addAll(tracker.order(t.get(), o));
                    }
                } catch (RuntimeException e) {
                    LOG.warn("{} account {}: the cancelOrder answer of {} could not be read ({}); the cancel stands",
                            label, account, id, e.getMessage());
                }
            }
            out.addAll(tracker.canceled(t.get(), now));
            gate.emit(out);
        }
        return new OrderEvent.Canceled(account, id, venueId, null, now);
    }

    /** An unknown-order refusal of an order the tracker saw end becomes TOO_LATE. */
    private static VenueException tooLateIfDone(Optional<OrderTracker.Tracked> t, VenueException v) {
        VenueError e = v.error();
        if (e.outcome() != VenueError.Outcome.REJECTED || e.reason() != RejectReason.UNKNOWN_ORDER
                || t.isEmpty() || t.get().open()) {
            return v;
        }
        return new VenueException(VenueError.rejected(RejectReason.TOO_LATE, e.code(), e.message()
                + " (the order is already filled, canceled or expired)"), v);
    }

    // ------------------------------------------------------------------ replace

    /**
     * Replaces as the exchange's {@link EditStyle} says: ccxt's editOrder (an amend in place, or Binance
     * spot's cancel-replace under the replacement's client order id), or a cancel then a new order where
     * ccxt has no native edit.
     */
    @Override
    public CompletableFuture<OrderEvent.Replaced> replace(ReplaceRequest replace) {
        Objects.requireNonNull(replace, "replace");
        OrderRequest original = replace.original();
        OrderRequest replacement = replace.replacement();
        return calls.guarded("replace " + original.clientOrderId(), () -> {
            Markets.Market m = tradable(original.account(), original.symbol());
            refuseIfUnhealthy(original.account(), true);
            refuseUntrackable(replacement, m);
            List<String> problems = CcxtTranslator.unsupported(replacement, m.type(), m.features());
            if (!problems.isEmpty()) {
                throw new VenueException(VenueError.rejected(RejectReason.UNSUPPORTED_ORDER_CHARACTERISTIC, null,
                        String.join("; ", problems)));
            }
            if (replacement.quantity() == null) {
                throw new VenueException(VenueError.rejected(RejectReason.UNSUPPORTED_ORDER_CHARACTERISTIC, null,
                        "an order sized in the quote currency cannot be replaced"));
            }
            Description d = description.get();
            EditStyle style = editStyleOverride != null ? editStyleOverride
                    : EditStyle.of(d.classes(), m.type(), CcxtTranslator.isTrue(d.has(), "editOrder"));
            return style == EditStyle.CANCEL_THEN_NEW ? cancelThenNew(replace, m) : edit(replace, m, style);
        });
    }

    private record Edit(OrderTracker.Tracked tracked, String venueId, ObjectNode params) {
    }

    private CompletableFuture<OrderEvent.Replaced> edit(ReplaceRequest replace, Markets.Market m, EditStyle style) {
        OrderRequest original = replace.original();
        OrderRequest replacement = replace.replacement();
        return gate.call(() -> {
            OrderTracker tracker = gate.tracker();
            OrderTracker.Tracked t = tracker.find(original.account(), original.clientOrderId())
                    .orElseGet(() -> tracker.adopt(original, replace.venueOrderId()));
            String venueId = t.venueOrderId() != null ? t.venueOrderId() : replace.venueOrderId();
            if (venueId == null) {
                throw new VenueException(VenueError.retryable(null, "order " + original.clientOrderId()
                        + " has no exchange order id yet; nothing was sent", Duration.ofSeconds(1)));
            }
            BigDecimal filled = replace.filledQuantity().max(t.filled()).max(t.venueFilled());
            BigDecimal remaining = replacement.quantity().subtract(filled);
            if (remaining.signum() <= 0) {
                throw new VenueException(VenueError.rejected(RejectReason.INCORRECT_QUANTITY, null, "the new quantity "
                        + replacement.quantity().toPlainString() + " is not above what has filled ("
                        + filled.toPlainString() + ")"));
            }
            ObjectNode p = JSON.createObjectNode();
            p.put("account", original.account());
            p.put("id", venueId);
            p.put("symbol", m.symbol());
            p.put("type", replacement.type().requiresPrice() ? "limit" : "market");
            p.put("side", CcxtTranslator.side(replacement.side()));
            p.put("amount", Decimals.plain(style == EditStyle.CANCEL_REPLACE ? remaining : replacement.quantity()));
            if (replacement.type().requiresPrice()) {
                p.put("price", Decimals.plain(replacement.price()));
            } else {
                p.putNull("price");
            }
            ObjectNode params = CcxtTranslator.orderParams(replacement, m.features(),
                    style == EditStyle.CANCEL_REPLACE ? replacement.clientOrderId() : null);
            p.set("params", params);
            p.put("sentId", replacement.clientOrderId());
            String newId = style == EditStyle.CANCEL_REPLACE ? replacement.clientOrderId() : original.clientOrderId();
            tracker.editStarted(t, newId);
            return new Edit(t, venueId, p);
        }).thenCompose(e -> sidecar.request("editOrder", e.params(), config.answerTimeoutMs()).handle(Answer::new)
                .thenApplyAsync(a -> edited(replace, style, e, a), gate.executor()));
    }

    /** On the event thread. */
    private OrderEvent.Replaced edited(ReplaceRequest replace, EditStyle style, Edit e, Answer a) {
        OrderRequest original = replace.original();
        OrderRequest replacement = replace.replacement();
        OrderTracker tracker = gate.tracker();
        OrderTracker.Tracked t = e.tracked();
        if (a.failure() != null) {
            replay(t, tracker.editEnded(t, false, null, null, null));
            Classified c = classify(original.account(), VenueCalls.unwrap(a.failure()), Call.ORDER_CHANGE);
            throw tooLateIfDone(Optional.of(t), new VenueException(c.error(), a.failure()));
        }
        CcxtOrder o = null;
        try {
            o = convert(a.result(), CcxtOrder.class);
        } catch (RuntimeException ex) {
            LOG.warn("{}: the editOrder answer of {} could not be read ({})", label, original.clientOrderId(),
                    ex.getMessage());
        }
        String newVenueId = o != null && o.id() != null ? o.id() : e.venueId();
        String newClientId = style == EditStyle.CANCEL_REPLACE ? replacement.clientOrderId()
                : o != null && o.clientOrderId() != null && !o.clientOrderId().isBlank() ? o.clientOrderId()
                : original.clientOrderId();
        OrderEvent.Replaced replaced = new OrderEvent.Replaced(original.account(), original.clientOrderId(), newClientId,
                newVenueId, replacement.quantity(), replacement.price(), replacement.stopPrice(), clock.instant());
        List<Object> held = tracker.editEnded(t, true, newClientId, newVenueId, replacement.quantity());
        gate.emit(List.of(replaced));
        if (o != null && o.status() != null) {
            try {
                gate.emit(tracker.order(t, o));
            } catch (RuntimeException ex) {
                LOG.error("{}: the order after the edit of {} could not be applied: {}", label,
                        original.clientOrderId(), ex.getMessage());
            }
        }
        replay(t, held);
        if (!newVenueId.equals(e.venueId())) {
            trackIfPolling(original.account(), t.symbol(), newVenueId, newClientId);
        }
        return replaced;
    }

    /** On the event thread: stream news held during an edit, applied now. */
    private void replay(OrderTracker.Tracked t, List<Object> held) {
        for (Object news : held) {
            try {
                if (news instanceof CcxtOrder o) {
                    gate.emit(gate.tracker().order(t, o));
                } else if (news instanceof CcxtTrade tr) {
                    gate.emit(gate.tracker().trade(t, tr));
                }
            } catch (RuntimeException ex) {
                LOG.error("{}: held stream news of {} could not be applied: {}", label, t.clientOrderId(),
                        ex.getMessage());
            }
        }
    }

    /**
     * Where ccxt has no native edit: cancel the original, then place the replacement's remaining quantity
     * under its own client order id. Stream news of the order is held meanwhile, so the gateway hears the
     * Replaced before the new order's fills and never the original's cancel. When the cancel fails the
     * replace fails as it; when the new order fails after the cancel, the original's cancel is reported and
     * the replace fails with the new order's error (OUTCOME_UNKNOWN is settled by a query of the
     * replacement's client order id).
     */
    private CompletableFuture<OrderEvent.Replaced> cancelThenNew(ReplaceRequest replace, Markets.Market m) {
        OrderRequest original = replace.original();
        OrderRequest replacement = replace.replacement();
        String account = original.account();
        return gate.call(() -> {
            OrderTracker tracker = gate.tracker();
            OrderTracker.Tracked t = tracker.find(account, original.clientOrderId())
                    .orElseGet(() -> tracker.adopt(original, replace.venueOrderId()));
            String venueId = t.venueOrderId() != null ? t.venueOrderId() : replace.venueOrderId();
            if (venueId == null) {
                throw new VenueException(VenueError.retryable(null, "order " + original.clientOrderId()
                        + " has no exchange order id yet; nothing was sent", Duration.ofSeconds(1)));
            }
            tracker.cancelRequested(t);
            tracker.editStarted(t, replacement.clientOrderId());
            ObjectNode p = JSON.createObjectNode();
            p.put("account", account);
            p.put("id", venueId);
            p.put("symbol", m.symbol());
            p.set("params", CancelParams.of(description.get().classes(), m.type(), t.type()));
            return new Edit(t, venueId, p);
        }).thenCompose(e -> sidecar.request("cancelOrder", e.params(), config.answerTimeoutMs()).handle(Answer::new)
                .thenComposeAsync(a -> {
                    OrderTracker tracker = gate.tracker();
                    OrderTracker.Tracked t = e.tracked();
                    if (a.failure() != null) {
                        replay(t, tracker.editEnded(t, false, null, null, null));
                        Classified c = classify(account, VenueCalls.unwrap(a.failure()), Call.ORDER_CHANGE);
                        throw tooLateIfDone(Optional.of(t), new VenueException(c.error(), a.failure()));
                    }
                    // what filled meanwhile: the stream news held during the cancel, and the cancel's own answer
                    CcxtOrder answer = null;
                    if (a.result() != null && a.result().isObject()) {
                        try {
                            answer = convert(a.result(), CcxtOrder.class);
                        } catch (RuntimeException ex) {
                            LOG.warn("{}: the cancel answer of {} could not be read ({}); sized from the fills known",
                                    label, original.clientOrderId(), ex.getMessage());
                        }
                    }
                    BigDecimal filled = replace.filledQuantity().max(tracker.filledAtLeast(t, answer));
                    BigDecimal remaining = replacement.quantity().subtract(filled);
                    if (remaining.signum() <= 0) {
                        replay(t, tracker.editEnded(t, false, null, null, null));
                        gate.emit(tracker.canceled(t, clock.instant()));
                        throw new VenueException(VenueError.rejected(RejectReason.INCORRECT_QUANTITY, null,
                                "the order was canceled; the new quantity " + replacement.quantity().toPlainString()
                                        + " is not above what had filled (" + filled.toPlainString() + ")"));
                    }
                    ObjectNode create = CcxtTranslator.createOrder(account, m.symbol(),
                            replacement.toBuilder().quantity(remaining).build(), m.features());
                    create.put("sentId", replacement.clientOrderId());
                    return sidecar.request("createOrder", create, config.answerTimeoutMs()).handle(Answer::new)
                            .thenApplyAsync(c -> renewed(replace, e, c), gate.executor());
                }, gate.executor()));
    }

    /** On the event thread: the replacement of a cancel-then-new was answered. */
    private OrderEvent.Replaced renewed(ReplaceRequest replace, Edit e, Answer a) {
        OrderRequest original = replace.original();
        OrderRequest replacement = replace.replacement();
        OrderTracker tracker = gate.tracker();
        OrderTracker.Tracked t = e.tracked();
        CcxtOrder o = null;
        Throwable failure = a.failure();
        if (failure == null) {
            try {
                o = convert(a.result(), CcxtOrder.class);
                CcxtTranslator.Status.parse(o.status());
            } catch (RuntimeException ex) {
                failure = ex;
            }
        }
        if (failure != null || o.id() == null) {
            replay(t, tracker.editEnded(t, false, null, null, null));
            gate.emit(tracker.canceled(t, clock.instant()));
            VenueException v = failure instanceof BridgeException
                    ? new VenueException(classify(original.account(), failure, Call.ORDER_CHANGE).error(), failure)
                    : new VenueException(VenueError.outcomeUnknown(null, label + ": the order replacing "
                            + original.clientOrderId() + " was sent after its cancel, and its answer could not be "
                            + "read; settled by a query of " + replacement.clientOrderId()));
            throw v;
        }
        OrderEvent.Replaced replaced = new OrderEvent.Replaced(original.account(), original.clientOrderId(),
                replacement.clientOrderId(), o.id(), replacement.quantity(), replacement.price(),
                replacement.stopPrice(), clock.instant());
        List<Object> held = tracker.editEnded(t, true, replacement.clientOrderId(), o.id(), replacement.quantity());
        gate.emit(List.of(replaced));
        gate.emit(tracker.order(t, o));
        replay(t, held);
        trackIfPolling(original.account(), t.symbol(), o.id(), replacement.clientOrderId());
        return replaced;
    }

    // ------------------------------------------------------------------ streams

    private void onEvent(JsonNode e) {
        long receivedNanos = System.nanoTime();
        String kind = e.path("event").asText();
        if (marketData.onEvent(kind, e, receivedNanos)) {
            return;
        }
        String account = e.path("account").asText(null);
        if (account == null) {
            LOG.warn("{}: an event without an account is ignored: {}", label, kind);
            return;
        }
        switch (kind) {
            case "orders" -> e.path("data").forEach(n -> gate.run(() -> streamOrder(account, n)));
            case "trades" -> e.path("data").forEach(n -> gate.run(() -> streamTrade(account, n)));
            case "stream" -> streamState(account, e.path("state").asText(), e.path("detail").asText(""));
            case "request" -> telemetry.request(endpoint(e.path("endpoint").asText("")), e.path("status").asInt(0),
                    Duration.ofNanos(Math.max(0L, Math.round(e.path("ms").asDouble(0) * 1_000_000d))));
            case "orderSent" -> {
                String id = e.path("clientOrderId").asText("");
                if (!id.isEmpty()) {
                    telemetry.orderRequestSent(id);
                }
            }
            default -> LOG.warn("{}: unknown sidecar event '{}' ignored", label, kind);
        }
    }

    /** On the event thread. */
    private void streamOrder(String account, JsonNode n) {
        try {
            CcxtOrder o = convert(n, CcxtOrder.class);
            OrderTracker tracker = gate.tracker();
            Optional<OrderTracker.Tracked> t = tracker.locate(account, o.clientOrderId(), o.id());
            if (t.isEmpty()) {
                LOG.debug("{} account {}: order {} is not one of the gateway's; ignored", label, account, o.id());
                return;
            }
            if (tracker.editing(t.get())) {
                tracker.hold(t.get(), o);
                return;
            }
            gate.emit(tracker.order(t.get(), o));
            queryIfUnknown(t.get());
        } catch (UnknownVenueValueException ex) {
            LOG.error("{} account {}: {}; the order update is not applied", label, account, ex.getMessage());
        } catch (RuntimeException ex) {
            LOG.error("{} account {}: an order update could not be applied", label, account, ex);
        }
    }

    /** On the event thread. */
    private void streamTrade(String account, JsonNode n) {
        try {
            CcxtTrade tr = convert(n, CcxtTrade.class);
            OrderTracker tracker = gate.tracker();
            Optional<OrderTracker.Tracked> t = tracker.locate(account, tr.clientOrderId(), tr.order());
            if (t.isEmpty()) {
                // maybe of an order whose createOrder answer (naming its id) is not applied yet: kept a while
                if (!tracker.unmatched(account, tr)) {
                    LOG.debug("{} account {}: trade {} names no order; ignored", label, account, tr.id());
                }
                return;
            }
            if (tracker.editing(t.get())) {
                tracker.hold(t.get(), tr);
                return;
            }
            gate.emit(tracker.trade(t.get(), tr));
        } catch (UnknownVenueValueException ex) {
            LOG.error("{} account {}: {}; the trade is not applied", label, account, ex.getMessage());
        } catch (RuntimeException ex) {
            LOG.error("{} account {}: a trade could not be applied", label, account, ex);
        }
    }

    /** On the event thread: an order ccxt reported closed without its filled amount is queried. */
    private void queryIfUnknown(OrderTracker.Tracked t) {
        if (t.queryNeeded && t.open()) {
            t.queryNeeded = false;
            LOG.info("{} account {}: order {} is closed with an unknown filled amount; querying it", label, t.account(),
                    t.clientOrderId());
            fillGap(t.account(), t.clientOrderId(), 1);
        }
    }

    /** The sidecar's endpoint name, cut at a query should one ever be there. */
    private static String endpoint(String sidecarName) {
        int q = sidecarName.indexOf('?');
        String name = q < 0 ? sidecarName : sidecarName.substring(0, q);
        return name.isBlank() ? "UNKNOWN /" : name;
    }

    /**
     * Tells telemetry that {@code account}'s stream ({@code user:<account>}) is connected or not, on a
     * change only; disconnected only after it was reported connected.
     */
    private void reportStream(String account, boolean connected) {
        synchronized (streamsReportedUp) {
            boolean changed = connected ? streamsReportedUp.add(account) : streamsReportedUp.remove(account);
            if (!changed) {
                return;
            }
        }
        telemetry.streamState("user:" + account, connected);
    }

    private void streamState(String account, String state, String detail) {
        reportStream(account, !"down".equals(state));
        String before = streamStates.put(account, state);
        if ("down".equals(state)) {
            LOG.warn("{} account {}: the order stream is down ({})", label, account, detail);
        } else if (!state.equals(before)) {
            LOG.info("{} account {}: the order stream is {} {}", label, account, state, detail);
        }
        if ("down".equals(before) && !"down".equals(state)) {
            gate.run(() -> fillGap(account));
        }
    }

    /**
     * On the event thread: every order of {@code account} known open is queried by client order id, and the
     * trades of those that filled more than was reported are fetched; the tracker drops what was reported.
     */
    private void fillGap(String account) {
        List<OrderTracker.Tracked> open = gate.tracker().open(account);
        if (open.isEmpty()) {
            return;
        }
        LOG.info("{} account {}: gap fill of {} open orders", label, account, open.size());
        for (OrderTracker.Tracked t : open) {
            fillGap(account, t.clientOrderId(), 1);
        }
    }

    private void fillGap(String account, String clientOrderId, int attempt) {
        Optional<OrderTracker.Tracked> found = gate.tracker().find(account, clientOrderId);
        if (found.isEmpty() || !found.get().open()) {
            return;
        }
        OrderTracker.Tracked t = found.get();
        fetchByClientId(account, t.symbol(), t.clientOrderId(), t.placedAt().toEpochMilli() - 60_000).thenCompose(o -> {
            if (o.isEmpty() || o.get().filled() == null || o.get().filled().signum() == 0 || !o.get().trades().isEmpty()) {
                return CompletableFuture.completedFuture(new GapAnswer(o, List.of()));
            }
            long since = (o.get().timestamp() != null && o.get().timestamp() > 0 ? o.get().timestamp()
                    : t.placedAt().toEpochMilli()) - 60_000;
            return myTrades(account, t.symbol(), since).thenApply(trades -> new GapAnswer(o, trades.stream()
                    .filter(tr -> o.get().id().equals(tr.order())).toList()));
        }).whenCompleteAsync((g, failure) -> {
            if (failure != null) {
                gapRetry.failed(account, clientOrderId, attempt, VenueCalls.unwrap(failure).getMessage(),
                        next -> gate.run(() -> fillGap(account, clientOrderId, next)));
                return;
            }
            OrderTracker tracker = gate.tracker();
            if (g.order().isEmpty()) {
                // not (yet) at the exchange: an order whose request was in flight may still arrive there, so it
                // stays tracked (its stream news is reported when it comes); nothing is resent
                LOG.info("{} account {}: order {} is not at the exchange{}", label, account, clientOrderId,
                        t.accepted ? " any more" : "; it was not placed, or not yet");
                return;
            }
            try {
                List<OrderEvent> out = new ArrayList<>();
                for (CcxtTrade tr : g.trades()) {
                    out.addAll(tracker.trade(t, tr));
                }
                out.addAll(tracker.order(t, g.order().get()));
                gate.emit(out);
                if (t.queryNeeded) {
                    t.queryNeeded = false;
                    LOG.warn("{} account {}: order {} is closed with an unknown filled amount even when queried; it "
                            + "stays open and is asked again at the next refresh", label, account, clientOrderId);
                }
                if (t.open() && "poll".equals(streamModes.get(account)) && t.venueOrderId() != null) {
                    trackIfPolling(account, t.symbol(), t.venueOrderId(), t.clientOrderId());
                }
            } catch (RuntimeException ex) {
                LOG.error("{} account {}: the gap fill of {} could not be applied: {}", label, account, clientOrderId,
                        ex.getMessage());
            }
        }, gate.executor());
    }

    private record GapAnswer(Optional<CcxtOrder> order, List<CcxtTrade> trades) {
    }

    // ------------------------------------------------------------------ queries

    /**
     * fetchOrderByClientId; {@code since} (epoch ms, the earliest the order can have been placed, or null) lets
     * the sidecar answer "not found" definitively on exchanges it must scan; without it they answer NotSupported.
     */
    private CompletableFuture<Optional<CcxtOrder>> fetchByClientId(String account, String symbol, String clientOrderId,
                                                                   Long since) {
        ObjectNode p = JSON.createObjectNode();
        p.put("account", account);
        p.put("clientOrderId", clientOrderId);
        p.put("symbol", symbol);
        if (since == null) {
            p.putNull("since");
        } else {
            p.put("since", since);
        }
        return read("fetchOrderByClientId", account, p).thenApply(r -> r == null || r.isNull() ? Optional.empty()
                : Optional.of(convert(r, CcxtOrder.class)));
    }

    private CompletableFuture<List<CcxtTrade>> myTrades(String account, String symbol, Long since) {
        ObjectNode p = JSON.createObjectNode();
        p.put("account", account);
        p.put("symbol", symbol);
        if (since == null) {
            p.putNull("since");
        } else {
            p.put("since", since);
            // every trade from since to now, paged by the sidecar (exchanges cap the window and the page)
            p.put("untilExhausted", true);
        }
        p.putNull("limit");
        return read("fetchMyTrades", account, p).thenApply(r -> list(r, CcxtTrade.class));
    }

    /** A read through the sidecar: failures classified as reads (RETRYABLE unless definitive). */
    private CompletableFuture<JsonNode> read(String method, String account, ObjectNode params) {
        return sidecar.request(method, params, config.answerTimeoutMs()).exceptionallyCompose(t -> {
            Throwable cause = VenueCalls.unwrap(t);
            if (cause instanceof BridgeException) {
                return CompletableFuture.failedFuture(new VenueException(classify(account, cause, Call.READ).error(),
                        cause));
            }
            return CompletableFuture.failedFuture(cause);
        });
    }

    /**
     * fetchOrder by client order id (the sidecar knows how per exchange); the fills of a (partly) filled order
     * from the order's own trades or fetchMyTrades since its time.
     */
    @Override
    public CompletableFuture<Optional<OrderSnapshot>> queryOrder(String account, String symbol, String clientOrderId) {
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(symbol, "symbol");
        Objects.requireNonNull(clientOrderId, "clientOrderId");
        return calls.guarded("query " + clientOrderId, () -> {
            Markets.Market m = market(account, symbol);
            refuseIfUnhealthy(account, false);
            return gate.call(() -> gate.tracker().find(account, clientOrderId)
                            .map(t -> t.placedAt().toEpochMilli() - 60_000).orElse(null))
                    .thenCompose(since -> fetchByClientId(account, m.symbol(), clientOrderId, since))
                    .exceptionallyCompose(t -> cannotAskByClientId(account, clientOrderId, t)).thenCompose(found -> {
                if (found.isEmpty()) {
                    return CompletableFuture.completedFuture(Optional.<OrderSnapshot>empty());
                }
                CcxtOrder o = found.get();
                CompletableFuture<OrderSnapshot> snapshot;
                if (!o.trades().isEmpty() || o.filled() == null || o.filled().signum() == 0) {
                    List<OrderEvent.Fill> fills = o.trades().stream()
                            .map(tr -> CcxtTranslator.fill(account, clientOrderId, tr, false)).toList();
                    snapshot = CompletableFuture.completedFuture(CcxtTranslator.snapshot(account, clientOrderId, o,
                            fills));
                } else {
                    Long since = o.timestamp() != null && o.timestamp() > 0 ? o.timestamp() - 60_000 : null;
                    snapshot = myTrades(account, m.symbol(), since).thenApply(trades -> CcxtTranslator.snapshot(
                            account, clientOrderId, o, trades.stream().filter(tr -> o.id().equals(tr.order()))
                                    .map(tr -> CcxtTranslator.fill(account, clientOrderId, tr, false)).toList()));
                }
                return snapshot.thenCompose(s -> gate.call(() -> {
                    if (!s.status().isTerminal()) {
                        adopt(s, m.symbol(), o);
                    }
                    return Optional.of(s);
                }));
            });
        });
    }

    /**
     * On the event thread: an open order {@link #queryOrder} found that the tracker does not know (one the
     * gateway placed before a restart) is followed from now on, so its stream news is reported, and gap fills and
     * the periodic refresh query it; in poll mode the sidecar is told to poll it. A done order can change no
     * more and its snapshot tells all of it, so it is not adopted.
     */
    private void adopt(OrderSnapshot found, String symbol, CcxtOrder o) {
        OrderTracker tracker = gate.tracker();
        if (tracker.find(found.account(), found.clientOrderId()).isPresent()) {
            return;
        }
        boolean immediate = "market".equalsIgnoreCase(o.type()) || "IOC".equalsIgnoreCase(o.timeInForce())
                || "FOK".equalsIgnoreCase(o.timeInForce());
        OrderTracker.Tracked t = tracker.adopt(found, symbol, immediate);
        LOG.info("{} account {}: order {} ({}) placed before this adapter started is followed from now on", label,
                found.account(), found.clientOrderId(), found.venueOrderId());
        // trades its stream brought while it was unknown (kept as unmatched) go out now; reported ones are dropped
        gate.emit(tracker.accepted(t, t.venueOrderId(), clock.instant()));
        if (t.venueOrderId() != null) {
            trackIfPolling(found.account(), symbol, t.venueOrderId(), t.clientOrderId());
        }
    }

    /**
     * An exchange ccxt cannot ask by client order id (the sidecar answers NotSupported) is no evidence about
     * the order: RETRYABLE, so the gateway keeps it pending and asks again, never rejects it; ERROR logged once
     * per order. Any other failure stays as it is.
     */
    private <T> CompletableFuture<T> cannotAskByClientId(String account, String clientOrderId, Throwable t) {
        Throwable cause = VenueCalls.unwrap(t);
        if (cause instanceof VenueException v && v.getCause() instanceof BridgeException.Answered a
                && a.error().classes().contains("NotSupported")) {
            String text = config.exchange() + " cannot be asked for an order by client order id through ccxt ("
                    + a.error().message() + "); order " + clientOrderId + " stays unsettled until its stream reports it";
            if (notQueryable.add(account + "/" + clientOrderId)) {
                LOG.error("{} account {}: {}", label, account, text);
            }
            return CompletableFuture.failedFuture(new VenueException(VenueError.retryable(null, text, null), cause));
        }
        return CompletableFuture.failedFuture(cause);
    }

    /** fetchOpenOrders of the whole account; orders the gateway cannot name (no client order id) are left out. */
    @Override
    public CompletableFuture<List<OrderSnapshot>> openOrders(String account) {
        Objects.requireNonNull(account, "account");
        return calls.guarded("open orders", () -> {
            requireAccount(account);
            requireConnected();
            refuseIfUnhealthy(account, false);
            ObjectNode p = JSON.createObjectNode();
            p.put("account", account);
            p.putNull("symbol");
            return read("fetchOpenOrders", account, p).thenApplyAsync(r -> {
                List<OrderSnapshot> out = new ArrayList<>();
                for (CcxtOrder o : list(r, CcxtOrder.class)) {
                    String id = gate.tracker().byVenueId(account, o.id()).map(OrderTracker.Tracked::clientOrderId)
                            .orElse(o.clientOrderId());
                    if (id == null || id.isBlank()) {
                        continue;
                    }
                    out.add(CcxtTranslator.snapshot(account, id, o, List.of()));
                }
                return List.copyOf(out);
            }, gate.executor());
        });
    }

    @Override
    public CompletableFuture<List<Balance>> balances(String account) {
        Objects.requireNonNull(account, "account");
        return calls.guarded("balances", () -> {
            requireAccount(account);
            refuseIfUnhealthy(account, false);
            ObjectNode p = JSON.createObjectNode();
            p.put("account", account);
            return read("fetchBalance", account, p).thenApply(CcxtTranslator::balances);
        });
    }

    /** fetchPositions where the exchange has it and derivatives are traded; else empty. */
    @Override
    public CompletableFuture<List<Position>> positions(String account) {
        Objects.requireNonNull(account, "account");
        return calls.guarded("positions", () -> {
            requireAccount(account);
            Markets ms = requireConnected();
            Description d = description.get();
            if (ms.types().stream().noneMatch(MarketType::isDerivative) || !CcxtTranslator.isTrue(d.has(),
                    "fetchPositions")) {
                return CompletableFuture.completedFuture(List.<Position>of());
            }
            refuseIfUnhealthy(account, false);
            ObjectNode p = JSON.createObjectNode();
            p.put("account", account);
            p.putNull("symbols");
            return read("fetchPositions", account, p).thenApply(r -> CcxtTranslator.positions(list(r,
                    CcxtPosition.class)));
        });
    }

    // ------------------------------------------------------------------ close

    /** Ends the sidecar (end of input, then a kill after two seconds) and the threads. Idempotent; never throws. */
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
        marketData.close();
        try {
            sidecar.close();
        } catch (RuntimeException e) {
            LOG.warn("{}: stopping the sidecar failed", label, e);
        }
        config.accountNames().forEach(a -> reportStream(a, false));
        executors.close();
        LOG.info("{} closed", label);
    }

    @Override
    public String toString() {
        return "CcxtAdapter[" + name + ", " + config.exchange() + (config.sandbox() ? " sandbox" : "") + ", accounts "
                + config.accountNames() + "]";
    }

    // ------------------------------------------------------------------ helpers

    /** Classifies a sidecar failure and carries out its consequence for the account or venue. */
    private Classified classify(String account, Throwable t, Call call) {
        if (!(t instanceof BridgeException)) {
            VenueException v = calls.asVenueException(t, call.name());
            return new Classified(v.error(), CcxtErrors.Consequence.NONE, null);
        }
        Classified c = CcxtErrors.classify(t, call);
        String text = c.error().message();
        switch (c.consequence()) {
            case VENUE_DOWN -> health.venueDown(text);
            case BACK_OFF -> health.backOff(text);
            case ACCOUNT_DOWN -> {
                if (health.accountDown(account, text)) {
                    probe(account);
                }
            }
            case DEFECT -> LOG.error("{}: the sidecar refused a request as malformed: {}", label, text);
            default -> {
            }
        }
        return c;
    }

    /** Marks {@code account} refused as an AuthenticationError would (tests): down, alert, probing. */
    void accountRefusedForTest(String account, String why) {
        if (health.accountDown(account, why)) {
            probe(account);
        }
    }

    /** Probes a refused account with fetchBalance every healthProbeIntervalMs until the exchange accepts it. */
    private void probe(String account) {
        if (probing.putIfAbsent(account, Boolean.TRUE) != null) {
            return;
        }
        try {
            executors.scheduler().schedule(() -> {
                ObjectNode p = JSON.createObjectNode();
                p.put("account", account);
                sidecar.request("fetchBalance", p, config.answerTimeoutMs()).whenComplete((ok, failure) -> {
                    probing.remove(account);
                    if (failure == null) {
                        health.accountUp(account);
                    } else if (!closed.get()) {
                        LOG.debug("{} account {}: probe failed ({})", label, account,
                                VenueCalls.unwrap(failure).getMessage());
                        probe(account);
                    }
                });
            }, config.healthProbeIntervalMs(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            probing.remove(account);
        }
    }

    private void refuseIfUnhealthy(String account, boolean order) {
        health.refusal(account, order).ifPresent(e -> {
            throw new VenueException(e);
        });
    }

    private void requireAccount(String account) {
        if (config.account(account).isEmpty()) {
            throw new VenueException(VenueError.rejected(RejectReason.UNKNOWN_ACCOUNT, null, label + " has no account '"
                    + account + "'; its accounts are " + config.accountNames()));
        }
    }

    private Markets requireConnected() {
        Markets ms = markets.get();
        if (ms.isEmpty() || description.get() == null) {
            throw new VenueException(VenueError.retryable(null, label + " is not connected yet; call connect() first",
                    null));
        }
        return ms;
    }

    private Markets.Market market(String account, String symbol) {
        requireAccount(account);
        return requireConnected().symbol(symbol).orElseThrow(() -> new VenueException(VenueError.rejected(
                RejectReason.UNKNOWN_SYMBOL, null, label + " does not list " + symbol + " (ccxt unified symbols: "
                        + "BTC/USDT spot, BTC/USDT:USDT linear perpetual)")));
    }

    private Markets.Market tradable(String account, String symbol) {
        Markets.Market m = market(account, symbol);
        if (!m.instrument().isTrading()) {
            throw new VenueException(VenueError.rejected(RejectReason.VENUE_CLOSED, null, symbol + " is not trading on "
                    + config.exchange() + " (ccxt says it is not active)"));
        }
        return m;
    }

    private static <T> T convert(JsonNode n, Class<T> type) {
        try {
            return JSON.treeToValue(n, type);
        } catch (com.fasterxml.jackson.core.JsonProcessingException | IllegalArgumentException e) {
            throw new UnknownVenueValueException("the sidecar sent a " + type.getSimpleName()
                    + " this adapter cannot read: " + e.getMessage());
        }
    }

    private static <T> List<T> list(JsonNode n, Class<T> type) {
        if (n == null || !n.isArray()) {
            throw new UnknownVenueValueException("the sidecar sent " + (n == null ? "nothing" : n.getNodeType())
                    + " where a list of " + type.getSimpleName() + " was expected");
        }
        List<T> out = new ArrayList<>(n.size());
        n.forEach(x -> out.add(convert(x, type)));
        return out;
    }
}

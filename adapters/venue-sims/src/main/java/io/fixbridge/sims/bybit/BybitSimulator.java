package io.fixbridge.sims.bybit;

import io.fixbridge.sims.common.ControlPlane;
import io.fixbridge.sims.common.EngineThread;
import io.fixbridge.sims.common.SimServer;
import io.fixbridge.venue.MarketType;
import io.fixbridge.venue.OrderType;
import io.fixbridge.venue.ReplaceMode;
import io.fixbridge.venue.TimeInForce;
import io.fixbridge.venue.VenueCapabilities;
import io.fixbridge.venue.paper.engine.FeeSchedule;
import io.fixbridge.venue.paper.engine.MarketInstrument;
import io.fixbridge.venue.paper.engine.MatchingEngine;
import io.fixbridge.venue.paper.engine.SyntheticMarket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.math.BigDecimal;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A Bybit v5 simulator on 127.0.0.1: REST ({@code /v5/market/...}, {@code /v5/order/...},
 * {@code /v5/execution/list}, {@code /v5/position/...}, {@code /v5/account/wallet-balance}), the
 * private WebSocket ({@code /v5/private}), the public WebSockets ({@code /v5/public/spot},
 * {@code /v5/public/linear}, {@code /v5/public/inverse}: {@code orderbook.{depth}.{symbol}} and
 * {@code publicTrade.{symbol}}, see {@link PublicHub}) and a control plane ({@code /_sim/}, see
 * {@code ControlRoutes}) on one port, speaking Bybit's paths, JSON shapes,
 * signatures, retCodes and texts and rate-limit headers, for spot, linear (USDT perpetual) and
 * inverse (coin-settled perpetual) over one paper matching engine, so each account has one
 * unified wallet as on a Bybit UTA.
 *
 * <pre>{@code
 * try (BybitSimulator sim = BybitSimulator.builder()
 *         .account(SimAccount.hmac("alice", "alice-key", "alice-secret")
 *                 .balance("USDT", "100000").balance("BTC", "2").build())
 *         .build()) {
 *     sim.start();
 *     // point the adapter at sim.baseUrl() (REST), sim.privateWsUrl() and sim.publicWsUrl()
 *     sim.linearMarket().moveMid("BTCUSDT", 500);
 *     sim.linearMarket().dropNextBookUpdate("BTCUSDT");
 *     sim.faults().loseNextOrderResponse();
 *     List<TruthOrder> orders = sim.truth().orders("alice", Category.LINEAR);
 * }
 * }</pre>
 *
 * <p><b>Threading:</b> thread-safe. Netty event loops do the network work; one engine thread owns
 * the matching engine and every order record. {@link #start} and {@link #close} are for the
 * owning thread; {@link #faults()} may be used from any thread; {@link #truth()} and the market
 * controls wait for the engine thread (never call them from an event loop).
 *
 * <p><b>Errors:</b> {@link #start} throws when the port cannot be bound or the configuration is
 * inconsistent; requests never make the simulator throw, they are answered as Bybit would.
 */
public final class BybitSimulator implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(BybitSimulator.class);

    /** What the engine must accept for Bybit: spot, linear and inverse; market and limit orders. */
    static final VenueCapabilities ENGINE_CAPABILITIES = new VenueCapabilities(
            EnumSet.of(MarketType.SPOT, MarketType.LINEAR_PERPETUAL, MarketType.INVERSE_PERPETUAL),
            EnumSet.of(OrderType.MARKET, OrderType.LIMIT),
            EnumSet.of(TimeInForce.GTC, TimeInForce.IOC, TimeInForce.FOK),
            true,
            EnumSet.of(MarketType.LINEAR_PERPETUAL, MarketType.INVERSE_PERPETUAL),
            false, false, false, ReplaceMode.NATIVE_AMEND, false);

    private final Builder config;
    private final Clock clock;
    private final PrivateHub hub;
    private final PublicHub publicHub;
    private final Faults faults;
    private final EngineThread engineThread = new EngineThread("bybit-sim-engine");
    private SimServer server;
    private BybitVenue venue;
    private Truth truth;
    private RateLimiter limiter;
    private ControlPlane control;
    private final Map<Category, MarketControl> controls = new EnumMap<>(Category.class);
    private volatile int port = -1;

    private BybitSimulator(Builder b) {
        this.config = b;
        this.clock = b.clock;
        this.hub = new PrivateHub(b.clock::millis);
        this.publicHub = new PublicHub(b.clock::millis);
        this.faults = new Faults(b.clock, hub::dropAll, publicHub::dropAll);
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Builds the engine and market and binds the port.
     *
     * @return the bound port
     * @throws IllegalStateException when already started
     * @throws InterruptedException  when interrupted while binding
     */
    public synchronized int start() throws InterruptedException {
        if (port >= 0) {
            throw new IllegalStateException("the simulator is already started on port " + port);
        }
        Map<String, SimAccount> byKey = new LinkedHashMap<>();
        Map<String, SimAccount> byName = new LinkedHashMap<>();
        for (SimAccount a : config.accounts) {
            if (byKey.putIfAbsent(a.apiKey(), a) != null) {
                throw new IllegalArgumentException("API key of account " + a.name() + " is used twice");
            }
            if (byName.putIfAbsent(a.name(), a) != null) {
                throw new IllegalArgumentException("account name " + a.name() + " is used twice");
            }
        }
        venue = new BybitVenue(clock, hub, publicHub, config.symbols, config.accounts, config.fees, config.leverage,
                config.maxActiveOrders);
        publicHub.attach(venue);
        engineThread.await(() -> {
            buildEngine();
            return null;
        });
        limiter = new RateLimiter(config.limits, clock);
        Authenticator auth = new Authenticator(byKey, clock);
        Router router = new Router();
        new BybitApi(venue, publicHub, engineThread, clock).register(router);
        new AccountApi(List.copyOf(venue.listings().values()), clock).register(router);
        truth = new Truth(engineThread, venue, hub);
        for (Category c : Category.values()) {
            controls.put(c, new MarketControl(engineThread, venue, publicHub, c));
        }
        if (config.walkIntervalMs > 0) {
            engineThread.every(config.walkIntervalMs, venue::step);
        }
        engineThread.every(config.bookPushIntervalMs, publicHub::publishBooks);
        Map<String, Listing> listings = Collections.unmodifiableMap(new LinkedHashMap<>(venue.listings()));
        ControlPlane controlPlane = ControlRoutes.controlPlane(listings, publicHub, engineThread);
        control = controlPlane;
        HttpGateway.Public publicStreams = new HttpGateway.Public(publicHub, engineThread, listings);
        server = new SimServer("bybit-sim", () -> new HttpGateway(router, auth, limiter, faults, hub, clock,
                publicStreams, controlPlane));
        try {
            port = server.bind(config.port);
        } catch (RuntimeException | InterruptedException e) {
            close();
            throw e;
        }
        LOG.info("Bybit simulator listening on {}", baseUrl());
        return port;
    }

    private void buildEngine() {
        MatchingEngine.Builder engine = MatchingEngine.builder().listener(venue).fees(config.fees).clock(clock)
                .leverage(BigDecimal.valueOf(config.leverage)).capabilities(ENGINE_CAPABILITIES);
        List<MarketInstrument> quoted = new ArrayList<>();
        for (Listing l : venue.listings().values()) {
            engine.instrument(l.instrument);
            quoted.add(new MarketInstrument(l.instrument, l.spec.mid(), l.spec.levelQuantity()));
        }
        for (SimAccount a : config.accounts) {
            engine.account(a.name(), a.balances());
        }
        MatchingEngine built = engine.build();
        venue.attach(built, new SyntheticMarket(built, config.marketSettings, quoted));
    }

    /** The bound port; -1 before {@link #start}. */
    public int port() {
        return port;
    }

    /** {@code http://127.0.0.1:PORT}: the base of {@code /v5/...}. */
    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    /** {@code ws://127.0.0.1:PORT/v5/private}: the private WebSocket. */
    public String privateWsUrl() {
        return "ws://127.0.0.1:" + port + HttpGateway.PRIVATE_PATH;
    }

    /**
     * {@code ws://127.0.0.1:PORT/v5/public/<category>}: the public WebSocket of {@code category}
     * ({@code orderbook} and {@code publicTrade} topics).
     */
    public String publicWsUrl(Category category) {
        return "ws://127.0.0.1:" + port + HttpGateway.PUBLIC_PATH + Objects.requireNonNull(category, "category").wire();
    }

    /** {@code ws://127.0.0.1:PORT/v5/public}: the base the categories' public WebSocket paths extend. */
    public String publicWsBase() {
        return "ws://127.0.0.1:" + port + HttpGateway.PUBLIC_PATH.substring(0, HttpGateway.PUBLIC_PATH.length() - 1);
    }

    /** {@code http://127.0.0.1:PORT/_sim/}: the control plane (health, book-gap) a separate process may use. */
    public String controlUrl() {
        return baseUrl() + ControlPlane.PREFIX;
    }

    /** The fault switches. */
    public Faults faults() {
        return faults;
    }

    /** What really happened. Available after {@link #start}. */
    public Truth truth() {
        requireStarted();
        return truth;
    }

    /** Drives one category's market. Available after {@link #start}. */
    public MarketControl market(Category category) {
        requireStarted();
        return controls.get(Objects.requireNonNull(category, "category"));
    }

    public MarketControl spotMarket() {
        return market(Category.SPOT);
    }

    public MarketControl linearMarket() {
        return market(Category.LINEAR);
    }

    public MarketControl inverseMarket() {
        return market(Category.INVERSE);
    }

    /** Forgets every rate-limit count (the windows start again). */
    public void resetRateLimits() {
        requireStarted();
        limiter.reset();
    }

    /** The configured accounts. */
    public List<SimAccount> accounts() {
        return List.copyOf(config.accounts);
    }

    private void requireStarted() {
        if (truth == null) {
            throw new IllegalStateException("start the simulator first");
        }
    }

    /** Stops the server and the engine thread; idempotent, never throws. */
    @Override
    public synchronized void close() {
        try {
            hub.dropAll();
            publicHub.dropAll();
            if (control != null) {
                control.close();
                control = null;
            }
            if (server != null) {
                server.close();
                server = null;
            }
        } catch (RuntimeException e) {
            LOG.warn("closing the Bybit simulator's server failed", e);
        } finally {
            engineThread.close();
        }
    }

    /**
     * Configures a {@link BybitSimulator}. Defaults: spot BTCUSDT and ETHUSDT, linear BTCUSDT,
     * inverse BTCUSD ({@link BybitSymbol}); Bybit's default rate limits; fees 0.02 % maker and
     * 0.055 % taker for every category; leverage 10; at most 500 open orders per account and
     * symbol; no market walk; public orderbook streams pushed every 20 ms (Bybit's level-50 rate);
     * any free port; the system UTC clock. Not thread-safe.
     */
    public static final class Builder {
        private final List<SimAccount> accounts = new ArrayList<>();
        private final List<BybitSymbol> symbols = new ArrayList<>();
        private boolean defaultSymbols = true;
        private RateLimits limits = RateLimits.defaults();
        private FeeSchedule fees = new FeeSchedule(new BigDecimal("0.0002"), new BigDecimal("0.00055"));
        private int leverage = 10;
        private int maxActiveOrders = 500;
        private long walkIntervalMs;
        private long bookPushIntervalMs = 20;
        private SyntheticMarket.Settings marketSettings = new SyntheticMarket.Settings(42, 10, 2, 1, 3);
        private Clock clock = Clock.systemUTC();
        private int port;

        private Builder() {
        }

        /** Adds an account. */
        public Builder account(SimAccount account) {
            accounts.add(Objects.requireNonNull(account, "account"));
            return this;
        }

        /** Replaces the default symbols (of every category). */
        public Builder symbols(BybitSymbol... list) {
            defaultSymbols = false;
            symbols.clear();
            symbols.addAll(List.of(list));
            return this;
        }

        /** Per-UID rate limits (default: Bybit's). */
        public Builder rateLimits(RateLimits v) {
            this.limits = Objects.requireNonNull(v, "limits");
            return this;
        }

        /** The fee rates of every category (the engine has one schedule). */
        public Builder fees(FeeSchedule v) {
            this.fees = Objects.requireNonNull(v, "fees");
            return this;
        }

        /** The leverage of every linear and inverse position and order (1..100). */
        public Builder leverage(int v) {
            if (v < 1 || v > 100) {
                throw new IllegalArgumentException("leverage must be 1..100, got " + v);
            }
            this.leverage = v;
            return this;
        }

        /** The most open orders (including untriggered conditional ones) per account and symbol. */
        public Builder maxActiveOrders(int v) {
            if (v < 1) {
                throw new IllegalArgumentException("maxActiveOrders must be positive");
            }
            this.maxActiveOrders = v;
            return this;
        }

        /** Random-walk step interval in milliseconds; 0 (the default) keeps mids still. */
        public Builder walkIntervalMs(long v) {
            this.walkIntervalMs = Math.max(0, v);
            return this;
        }

        /**
         * How often the public orderbook streams publish what changed, in milliseconds (1..10000; default
         * 20, Bybit's level-50 rate); only while someone subscribes.
         */
        public Builder bookPushIntervalMs(long v) {
            if (v < 1 || v > 10_000) {
                throw new IllegalArgumentException("bookPushIntervalMs must be 1..10000, got " + v);
            }
            this.bookPushIntervalMs = v;
            return this;
        }

        /** The market maker's seed, levels, spread, level spacing and walk step. */
        public Builder marketSettings(SyntheticMarket.Settings v) {
            this.marketSettings = Objects.requireNonNull(v, "marketSettings");
            return this;
        }

        /** The server clock: time, timestamp checks, rate-limit windows, the engine's clock, IP-ban expiry. */
        public Builder clock(Clock v) {
            this.clock = Objects.requireNonNull(v, "clock");
            return this;
        }

        /** The port to bind; 0 (the default) picks a free one. */
        public Builder port(int v) {
            this.port = v;
            return this;
        }

        public BybitSimulator build() {
            if (defaultSymbols) {
                symbols.clear();
                symbols.add(BybitSymbol.spotBtcusdt());
                symbols.add(BybitSymbol.spotEthusdt());
                symbols.add(BybitSymbol.linearBtcusdt());
                symbols.add(BybitSymbol.inverseBtcusd());
            }
            return new BybitSimulator(this);
        }
    }
}

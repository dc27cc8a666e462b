package io.fixbridge.sims.binance;

import io.fixbridge.sims.common.ControlPlane;
import io.fixbridge.sims.common.EngineThread;
import io.fixbridge.sims.common.SimServer;
import io.fixbridge.venue.paper.engine.FeeSchedule;
import io.fixbridge.venue.paper.engine.MarketInstrument;
import io.fixbridge.venue.paper.engine.MatchingEngine;
import io.fixbridge.venue.paper.engine.SyntheticMarket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A Binance simulator on 127.0.0.1: spot REST ({@code /api/v3}), USD-M futures REST
 * ({@code /fapi/v1}, {@code /fapi/v2}, {@code /fapi/v3}), the spot WebSocket API
 * ({@code /ws-api/v3}, including {@code userDataStream.subscribe.signature}), listen-key
 * user-data streams ({@code /ws/<listenKey>}) and the public market streams (spot diff depth,
 * trades and aggregate trades on {@code /ws} and {@code /stream}; futures diff depth on
 * {@code /public/...} and aggregate trades on {@code /market/...}), all on one port, speaking Binance's paths,
 * parameters, JSON shapes, error codes and texts, and rate-limit headers, over the paper matching
 * engine (one engine for spot, one for futures). The same port serves the simulator's own
 * control plane under {@code /_sim/} (see {@code ControlRoutes}), which gives another process
 * what {@link #faults()}, {@link #truth()} and the market controls give a test in-process.
 *
 * <pre>{@code
 * try (BinanceSimulator sim = BinanceSimulator.builder()
 *         .account(SimAccount.hmac("alice", "alice-key", "alice-secret")
 *                 .spotBalance("USDT", "100000").spotBalance("BTC", "2")
 *                 .futuresBalance("USDT", "100000").build())
 *         .build()) {
 *     int port = sim.start();
 *     // point the adapter at sim.baseUrl(), sim.wsApiUrl(), sim.streamBaseUrl()
 *     sim.spotMarket().moveMid("BTCUSDT", 500);
 *     sim.faults().loseNextOrderResponse();
 *     List<TruthOrder> orders = sim.truth().spotOrders("alice");
 * }
 * }</pre>
 *
 * <p><b>Threading:</b> the simulator is thread-safe. Netty event loops do the network work; one
 * engine thread owns both matching engines and every order record. {@link #start} and
 * {@link #close} are for the owning thread; {@link #faults()} may be used from any thread;
 * {@link #truth()} and the market controls wait for the engine thread (never call them from an
 * event loop).
 *
 * <p><b>Errors:</b> {@link #start} throws when the port cannot be bound; requests never make the
 * simulator throw, they are answered as Binance would answer them.
 */
public final class BinanceSimulator implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(BinanceSimulator.class);
    /** Levels per side the spot diff-depth streams cover: the deepest spot REST snapshot. */
    static final int SPOT_BOOK_DEPTH = 5000;
    /** Levels per side the futures diff-depth streams cover: the deepest futures REST snapshot. */
    static final int FUTURES_BOOK_DEPTH = 1000;

    private final Builder config;
    private final Clock clock;
    private final UserDataHub hub = new UserDataHub();
    private final Faults faults = new Faults(hub::dropAll, this::dropMarketStreams);
    private final EngineThread engineThread = new EngineThread("binance-sim-engine");
    private SimServer server;
    private SpotVenue spot;
    private FuturesVenue futures;
    private Truth truth;
    private MarketControl spotControl;
    private MarketControl futuresControl;
    private volatile PublicStreams spotStreams;
    private volatile PublicStreams futuresStreams;
    private ControlPlane control;
    private volatile int port = -1;

    private BinanceSimulator(Builder b) {
        this.config = b;
        this.clock = b.clock;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Builds the engines and markets and binds the port.
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
        for (SimAccount a : config.accounts) {
            if (byKey.putIfAbsent(a.apiKey(), a) != null) {
                throw new IllegalArgumentException("API key of account " + a.name() + " is used twice");
            }
        }
        spot = new SpotVenue(clock, hub, config.spotSymbols, config.spotFees, config.accounts);
        futures = new FuturesVenue(clock, hub, config.futuresSymbols, config.futuresLeverage, config.accounts);
        SpotVenue spotVenue = spot;
        FuturesVenue futuresVenue = futures;
        spotStreams = new PublicStreams(Market.SPOT, spot,
                symbol -> spotVenue.listings().containsKey(symbol) ? spotVenue.listings().get(symbol).unified() : null,
                unified -> spotVenue.byUnified(unified) == null ? null : spotVenue.byUnified(unified).symbol(), clock,
                SPOT_BOOK_DEPTH);
        futuresStreams = new PublicStreams(Market.FUTURES, futures,
                symbol -> futuresVenue.listings().containsKey(symbol)
                        ? futuresVenue.listings().get(symbol).unified() : null,
                unified -> futuresVenue.byUnified(unified) == null ? null
                        : futuresVenue.byUnified(unified).symbol(), clock,
                FUTURES_BOOK_DEPTH);
        spot.publishTradesTo(spotStreams);
        futures.publishTradesTo(futuresStreams);
        engineThread.await(() -> {
            buildEngines();
            return null;
        });
        Map<Market, RateLimiter> limiters = new EnumMap<>(Market.class);
        long banMillis = config.banDuration.toMillis();
        limiters.put(Market.SPOT, new RateLimiter(Market.SPOT, config.spotLimits, clock, config.banAfter, banMillis));
        limiters.put(Market.FUTURES, new RateLimiter(Market.FUTURES, config.futuresLimits, clock, config.banAfter,
                banMillis));
        ListenKeys listenKeys = new ListenKeys(clock, hub);
        Authenticator auth = new Authenticator(byKey, clock);
        Router router = new Router();
        new SpotApi(spot, engineThread, listenKeys, limiters.get(Market.SPOT), faults, clock, spotStreams)
                .register(router);
        new FuturesApi(futures, engineThread, listenKeys, limiters.get(Market.FUTURES), clock, futuresStreams)
                .register(router);
        WebSocketRoutes webSockets = new WebSocketRoutes(hub, listenKeys, auth, limiters.get(Market.SPOT), faults,
                clock, config.wsPingInterval.toMillis(), spotStreams, futuresStreams);
        truth = new Truth(engineThread, spot, futures, hub, config.accounts.stream().map(SimAccount::name).toList());
        spotControl = new MarketControl(engineThread, spot, s -> spot.listing(checked(spot.listings(), s)).unified(),
                (s, status) -> spot.listing(checked(spot.listings(), s)).status = SymbolStatus.requireSpot(status),
                spot.listings().keySet(), spotStreams);
        futuresControl = new MarketControl(engineThread, futures,
                s -> futures.listing(checked(futures.listings(), s)).unified(),
                (s, status) -> futures.listing(checked(futures.listings(), s)).status =
                        SymbolStatus.requireFutures(status),
                futures.listings().keySet(), futuresStreams);
        PublicStreams ss = spotStreams;
        PublicStreams fs = futuresStreams;
        engineThread.every(PublicStreams.TICK_MILLIS, () -> {
            ss.tick();
            fs.tick();
        });
        if (config.walkIntervalMs > 0) {
            engineThread.every(config.walkIntervalMs, () -> {
                spot.step();
                futures.step();
            });
        }
        engineThread.every(1_000, listenKeys::expire);
        engineThread.every(250, futures::expireDueOrders);
        control = ControlRoutes.controlPlane(faults, truth, List.of(spotControl, futuresControl));
        ControlPlane controlPlane = control;
        server = new SimServer("binance-sim",
                () -> new HttpGateway(router, limiters, auth, faults, webSockets, controlPlane));
        try {
            port = server.bind(config.port);
        } catch (RuntimeException | InterruptedException e) {
            close();
            throw e;
        }
        LOG.info("Binance simulator listening on {}", baseUrl());
        return port;
    }

    private static String checked(Map<String, ?> listings, String symbol) {
        if (!listings.containsKey(symbol)) {
            throw MarketControl.unknown(symbol);
        }
        return symbol;
    }

    private void buildEngines() {
        MatchingEngine.Builder spotEngine = MatchingEngine.builder().listener(spot).fees(config.spotFees).clock(clock);
        List<MarketInstrument> spotQuoted = new ArrayList<>();
        for (SpotListing l : spot.listings().values()) {
            spotEngine.instrument(l.instrument);
            spotQuoted.add(new MarketInstrument(l.instrument, l.spec.mid(), l.spec.levelQuantity()));
        }
        MatchingEngine.Builder futuresEngine = MatchingEngine.builder().listener(futures).fees(config.futuresFees)
                .clock(clock).leverage(BigDecimal.valueOf(config.futuresLeverage));
        List<MarketInstrument> futuresQuoted = new ArrayList<>();
        for (FuturesListing l : futures.listings().values()) {
            futuresEngine.instrument(l.instrument);
            futuresQuoted.add(new MarketInstrument(l.instrument, l.spec.mid(), l.spec.levelQuantity()));
        }
        for (SimAccount a : config.accounts) {
            spotEngine.account(a.name(), a.spotBalances());
            futuresEngine.account(a.name(), a.futuresBalances());
        }
        MatchingEngine se = spotEngine.build();
        MatchingEngine fe = futuresEngine.build();
        spot.attach(se, new SyntheticMarket(se, config.marketSettings, spotQuoted));
        futures.attach(fe, new SyntheticMarket(fe, config.marketSettings, futuresQuoted));
    }

    /** The bound port; -1 before {@link #start}. */
    public int port() {
        return port;
    }

    /** {@code http://127.0.0.1:PORT}: the base of {@code /api/v3/...} and {@code /fapi/...}. */
    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    /** {@code ws://127.0.0.1:PORT/ws-api/v3}: the spot WebSocket API. */
    public String wsApiUrl() {
        return "ws://127.0.0.1:" + port + WebSocketRoutes.WS_API_PATH;
    }

    /** {@code ws://127.0.0.1:PORT/ws/}: append a listen key for its user-data stream. */
    public String streamBaseUrl() {
        return "ws://127.0.0.1:" + port + "/ws/";
    }

    /**
     * {@code ws://127.0.0.1:PORT}: the spot market stream host (Binance's
     * {@code wss://stream.binance.com:9443}): raw streams at {@code /ws/<stream>} or a bare
     * {@code /ws} plus SUBSCRIBE, combined streams at {@code /stream?streams=a/b}.
     */
    public String spotMarketStreamUrl() {
        return "ws://127.0.0.1:" + port;
    }

    /**
     * {@code ws://127.0.0.1:PORT}: the USD-M futures stream host (Binance's
     * {@code wss://fstream.binance.com}): diff depth at {@code /public/ws[/<stream>]} and
     * {@code /public/stream?streams=..}, aggregate trades at {@code /market/ws[/<stream>]} and
     * {@code /market/stream?streams=..}, user data at {@code /ws/<listenKey>} and
     * {@code /private/ws?listenKey=..}.
     */
    public String futuresStreamUrl() {
        return "ws://127.0.0.1:" + port;
    }

    private void dropMarketStreams() {
        PublicStreams s = spotStreams;
        PublicStreams f = futuresStreams;
        if (s != null) {
            s.dropAll();
        }
        if (f != null) {
            f.dropAll();
        }
    }

    /**
     * {@code http://127.0.0.1:PORT/_sim/}: the control plane (faults, orders, market, health) a
     * separate process drives over HTTP (see {@code ControlRoutes}).
     */
    public String controlUrl() {
        return baseUrl() + ControlPlane.PREFIX;
    }

    /** The fault switches. */
    public Faults faults() {
        return faults;
    }

    /** What really happened (orders, fills, balances, positions). Available after {@link #start}. */
    public Truth truth() {
        requireStarted();
        return truth;
    }

    /** Drives the spot market. Available after {@link #start}. */
    public MarketControl spotMarket() {
        requireStarted();
        return spotControl;
    }

    /** Drives the futures market. Available after {@link #start}. */
    public MarketControl futuresMarket() {
        requireStarted();
        return futuresControl;
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
            dropMarketStreams();
            if (server != null) {
                server.close();
                server = null;
            }
            if (control != null) {
                control.close();
                control = null;
            }
        } catch (RuntimeException e) {
            LOG.warn("closing the Binance simulator's server failed", e);
        } finally {
            engineThread.close();
        }
    }

    /**
     * Configures a {@link BinanceSimulator}. Defaults: spot BTCUSDT and ETHUSDT, futures BTCUSDT
     * perpetual; Binance's rate limits; spot fees 0.1 % maker and taker, futures 0.02 % maker and
     * 0.05 % taker; futures leverage 20; no market walk; WebSocket pings every 20 s; any free port;
     * the system UTC clock. Not thread-safe.
     */
    public static final class Builder {
        private final List<SimAccount> accounts = new ArrayList<>();
        private final List<SpotSymbol> spotSymbols = new ArrayList<>();
        private final List<FuturesSymbol> futuresSymbols = new ArrayList<>();
        private RateLimits spotLimits = RateLimits.spotDefaults();
        private RateLimits futuresLimits = RateLimits.futuresDefaults();
        private int banAfter;
        private Duration banDuration = Duration.ofMinutes(2);
        private FeeSchedule spotFees = new FeeSchedule(new BigDecimal("0.001"), new BigDecimal("0.001"));
        private FeeSchedule futuresFees = new FeeSchedule(new BigDecimal("0.0002"), new BigDecimal("0.0005"));
        private int futuresLeverage = 20;
        private long walkIntervalMs;
        private SyntheticMarket.Settings marketSettings = new SyntheticMarket.Settings(42, 10, 2, 1, 3);
        private Clock clock = Clock.systemUTC();
        private Duration wsPingInterval = Duration.ofSeconds(20);
        private int port;
        private boolean defaultSpot = true;
        private boolean defaultFutures = true;

        private Builder() {
        }

        /** Adds an account. */
        public Builder account(SimAccount account) {
            accounts.add(Objects.requireNonNull(account, "account"));
            return this;
        }

        /** Replaces the default spot symbols. */
        public Builder spotSymbols(SpotSymbol... symbols) {
            defaultSpot = false;
            spotSymbols.clear();
            spotSymbols.addAll(List.of(symbols));
            return this;
        }

        /** Replaces the default futures symbols. */
        public Builder futuresSymbols(FuturesSymbol... symbols) {
            defaultFutures = false;
            futuresSymbols.clear();
            futuresSymbols.addAll(List.of(symbols));
            return this;
        }

        public Builder spotLimits(RateLimits v) {
            this.spotLimits = Objects.requireNonNull(v, "spotLimits");
            return this;
        }

        public Builder futuresLimits(RateLimits v) {
            this.futuresLimits = Objects.requireNonNull(v, "futuresLimits");
            return this;
        }

        /** After {@code violations} 429s within one minute the IP is banned (418) for {@code duration}; 0 = never. */
        public Builder banAfter(int violations, Duration duration) {
            this.banAfter = violations;
            this.banDuration = Objects.requireNonNull(duration, "duration");
            return this;
        }

        public Builder spotFees(FeeSchedule v) {
            this.spotFees = Objects.requireNonNull(v, "spotFees");
            return this;
        }

        public Builder futuresFees(FeeSchedule v) {
            this.futuresFees = Objects.requireNonNull(v, "futuresFees");
            return this;
        }

        /** The futures engine's leverage for margin (the engine has one leverage for all symbols). */
        public Builder futuresLeverage(int v) {
            if (v < 1 || v > 125) {
                throw new IllegalArgumentException("leverage must be 1..125, got " + v);
            }
            this.futuresLeverage = v;
            return this;
        }

        /** Random-walk step interval of both markets in milliseconds; 0 (the default) keeps mids still. */
        public Builder walkIntervalMs(long v) {
            this.walkIntervalMs = Math.max(0, v);
            return this;
        }

        /** The market maker's seed, levels, spread, level spacing and walk step. */
        public Builder marketSettings(SyntheticMarket.Settings v) {
            this.marketSettings = Objects.requireNonNull(v, "marketSettings");
            return this;
        }

        /** The server clock: serverTime, timestamps, rate-limit windows, the engines' clocks. */
        public Builder clock(Clock v) {
            this.clock = Objects.requireNonNull(v, "clock");
            return this;
        }

        /** How often the server pings WebSocket clients; zero turns pings off. */
        public Builder wsPingInterval(Duration v) {
            this.wsPingInterval = Objects.requireNonNull(v, "wsPingInterval");
            return this;
        }

        /** The port to bind; 0 (the default) picks a free one. */
        public Builder port(int v) {
            this.port = v;
            return this;
        }

        public BinanceSimulator build() {
            if (defaultSpot) {
                spotSymbols.clear();
                spotSymbols.add(SpotSymbol.btcusdt());
                spotSymbols.add(SpotSymbol.ethusdt());
            }
            if (defaultFutures) {
                futuresSymbols.clear();
                futuresSymbols.add(FuturesSymbol.btcusdtPerpetual());
            }
            return new BinanceSimulator(this);
        }
    }
}

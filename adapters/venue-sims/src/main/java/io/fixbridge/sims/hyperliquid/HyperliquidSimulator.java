package io.fixbridge.sims.hyperliquid;

import io.fixbridge.sims.common.ControlPlane;
import io.fixbridge.sims.common.EngineThread;
import io.fixbridge.sims.common.SimServer;
import io.fixbridge.venue.kit.sign.eth.EthAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A Hyperliquid API simulator on 127.0.0.1: {@code POST /info}, {@code POST /exchange} (L1
 * actions signed with EIP-712 over msgpack; the signer is recovered and must be a configured user,
 * an agent approved for one, or a vault's master or its agent), the WebSocket {@code /ws}
 * (orderUpdates, userFills, l2Book, trades, allMids) and a control plane ({@code /_sim/}, see
 * {@code ControlRoutes}), on one port, with perpetuals (USDC margin, one cross leverage) and spot pairs over the paper
 * matching engine.
 *
 * <pre>{@code
 * EthAddress alice = EthAddress.parse("0x14791697260e4c9a71f18484c9f997b308e59325");
 * try (HyperliquidSimulator sim = HyperliquidSimulator.builder()
 *         .account(alice, HyperliquidSimulator.balances("PERP", "100000", "USDC", "1000", "PURR", "5000"))
 *         .agent(alice, agentAddress)
 *         .testnet(false)
 *         .build()) {
 *     sim.start();
 *     // adapter base URL sim.baseUrl(), WebSocket sim.wsUrl()
 *     sim.market().moveMid("BTC", "59000");
 *     List<TruthOrder> orders = sim.truth().orders(alice);
 * }
 * }</pre>
 *
 * <p><b>Threading:</b> thread-safe. Netty event loops do the network work; one engine thread owns
 * the engines and every order record. {@link #start} and {@link #close} are for the owning thread;
 * {@link #faults()} may be used from any thread; {@link #truth()} and {@link #market()} wait for
 * the engine thread (never call them from an event loop).
 *
 * <p><b>Errors:</b> {@link #start} throws when the port cannot be bound or the configuration is
 * inconsistent; requests never make the simulator throw, they are answered as Hyperliquid would.
 */
public final class HyperliquidSimulator implements AutoCloseable {
    /** The balances key of an account's perpetual margin (USDC); every other key is a spot token. */
    public static final String PERP_MARGIN = "PERP";
    private static final Logger LOG = LoggerFactory.getLogger(HyperliquidSimulator.class);

    private final Builder config;
    private final WsHub hub = new WsHub();
    private final Faults faults = new Faults(hub::dropAll);
    private final EngineThread engineThread = new EngineThread("hyperliquid-sim-engine");
    private SimServer server;
    private HlVenue venue;
    private RateLimiter limiter;
    private Nonces nonces;
    private Truth truth;
    private MarketControl market;
    private ControlPlane control;
    private volatile int port = -1;

    private HyperliquidSimulator(Builder b) {
        this.config = b;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Balances from pairs: {@code balances("PERP", "100000", "USDC", "50", "PURR", "1000")}. */
    public static Map<String, BigDecimal> balances(String... keyValues) {
        if (keyValues.length % 2 != 0) {
            throw new IllegalArgumentException("balances need key/value pairs");
        }
        Map<String, BigDecimal> out = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            out.put(keyValues[i], new BigDecimal(keyValues[i + 1]));
        }
        return out;
    }

    /**
     * Builds the venue and binds the port.
     *
     * @return the bound port
     * @throws IllegalStateException when already started
     * @throws InterruptedException  when interrupted while binding
     */
    public synchronized int start() throws InterruptedException {
        if (port >= 0) {
            throw new IllegalStateException("the simulator is already started on port " + port);
        }
        HlMarkets markets = new HlMarkets(config.perps, config.spots);
        Accounts accounts = new Accounts(config.funds, config.agents, config.vaults);
        for (Accounts.Funds f : accounts.all().values()) {
            for (String token : f.spot().keySet()) {
                if (!markets.tokens().contains(token)) {
                    throw new IllegalArgumentException("spot balance in " + token + ", which no pair lists; tokens are "
                            + markets.tokens());
                }
            }
        }
        Clock clock = config.clock;
        venue = engineThread.await(() -> new HlVenue(markets, accounts, config.fees, config.leverage, clock, hub));
        limiter = new RateLimiter(config.limits, clock);
        nonces = new Nonces();
        ExchangeApi exchange = new ExchangeApi(accounts, nonces, limiter, engineThread, venue, clock, !config.testnet);
        InfoApi info = new InfoApi(venue, limiter);
        truth = new Truth(engineThread, venue, hub);
        market = new MarketControl(engineThread, venue, hub);
        if (config.walkIntervalMs > 0) {
            engineThread.every(config.walkIntervalMs, () -> {
                venue.walk();
                venue.flush();
            });
        }
        control = ControlRoutes.controlPlane(market);
        HttpGateway.Shared shared = new HttpGateway.Shared(info, exchange, limiter, faults, hub, engineThread, venue,
                config.wsIdleTimeout, control);
        server = new SimServer("hyperliquid-sim", () -> new HttpGateway(shared));
        try {
            port = server.bind(config.port);
        } catch (RuntimeException | InterruptedException e) {
            close();
            throw e;
        }
        LOG.info("Hyperliquid simulator listening on {} ({})", baseUrl(), config.testnet ? "testnet" : "mainnet");
        return port;
    }

    /** The bound port; -1 before {@link #start}. */
    public int port() {
        return port;
    }

    /** {@code http://127.0.0.1:PORT}: POST {@code /info} and {@code /exchange} below it. */
    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    /** {@code http://127.0.0.1:PORT/_sim/}: the control plane (health, book-gap) a separate process may use. */
    public String controlUrl() {
        return baseUrl() + ControlPlane.PREFIX;
    }

    /** {@code ws://127.0.0.1:PORT/ws}. */
    public String wsUrl() {
        return "ws://127.0.0.1:" + port + HttpGateway.WS_PATH;
    }

    /** Whether L1 signatures must carry source "b" (testnet) rather than "a" (mainnet). */
    public boolean testnet() {
        return config.testnet;
    }

    public Faults faults() {
        return faults;
    }

    /** What really happened. Available after {@link #start}. */
    public Truth truth() {
        requireStarted();
        return truth;
    }

    /** Drives the market. Available after {@link #start}. */
    public MarketControl market() {
        requireStarted();
        return market;
    }

    /** Forgets every rate-limit count (IP windows and per-address request counts). */
    public void resetRateLimits() {
        requireStarted();
        limiter.reset();
    }

    /** Replaces the rate limits while running (counts are kept). */
    public void rateLimits(RateLimits limits) {
        requireStarted();
        limiter.limits(Objects.requireNonNull(limits, "limits"));
    }

    /** Forgets every signer's nonces. */
    public void resetNonces() {
        requireStarted();
        nonces.clear();
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
            if (control != null) {
                control.close();
                control = null;
            }
            if (server != null) {
                server.close();
                server = null;
            }
        } catch (RuntimeException e) {
            LOG.warn("closing the Hyperliquid simulator's server failed", e);
        } finally {
            engineThread.close();
        }
    }

    /**
     * Configures a {@link HyperliquidSimulator}. Defaults: perps BTC (szDecimals 5, mid 60000),
     * ETH (4, 3000), SOL (2, 150); spot PURR/USDC (PURR szDecimals 0, mid 0.2) and @1 = HYPE/USDC
     * (HYPE szDecimals 2, mid 25); leverage 20 (cross); {@link HlFees#DEFAULT};
     * {@link RateLimits#DEFAULT}; mainnet signatures (source "a"); still market; any free port;
     * the system UTC clock. Not thread-safe.
     */
    public static final class Builder {
        private final Map<String, Accounts.Funds> funds = new LinkedHashMap<>();
        private final Map<String, String> agents = new LinkedHashMap<>();
        private final Map<String, String> vaults = new LinkedHashMap<>();
        private List<PerpListing> perps = List.of(PerpListing.defaults());
        private List<SpotListing> spots = List.of(SpotListing.defaults());
        private boolean testnet;
        private int leverage = 20;
        private HlFees fees = HlFees.DEFAULT;
        private RateLimits limits = RateLimits.DEFAULT;
        private long walkIntervalMs;
        private Duration wsIdleTimeout = Duration.ofSeconds(60);
        private Clock clock = Clock.systemUTC();
        private int port;

        private Builder() {
        }

        /**
         * Adds an account. {@code balances}: key {@link #PERP_MARGIN} ("PERP") is the perpetual
         * margin in USDC; every other key is a spot token (USDC, PURR, HYPE, ...).
         */
        public Builder account(EthAddress user, Map<String, BigDecimal> balances) {
            Objects.requireNonNull(user, "user");
            Map<String, BigDecimal> spot = new LinkedHashMap<>(balances);
            BigDecimal perp = spot.remove(PERP_MARGIN);
            if (funds.putIfAbsent(user.hex(), new Accounts.Funds(perp == null ? BigDecimal.ZERO : perp,
                    Map.copyOf(spot))) != null) {
                throw new IllegalArgumentException("account " + user + " is listed twice");
            }
            return this;
        }

        /** Approves API wallet {@code agent} to sign for {@code user}. */
        public Builder agent(EthAddress user, EthAddress agent) {
            if (agents.putIfAbsent(agent.hex(), user.hex()) != null) {
                throw new IllegalArgumentException("agent " + agent + " is approved twice");
            }
            return this;
        }

        /**
         * Registers a vault or sub-account traded by {@code master} (or its agents) with
         * {@code "vaultAddress"}; fund it with {@link #account} (else it starts empty).
         */
        public Builder vault(EthAddress vaultOrSubAccount, EthAddress master) {
            if (vaults.putIfAbsent(vaultOrSubAccount.hex(), master.hex()) != null) {
                throw new IllegalArgumentException("vault " + vaultOrSubAccount + " is registered twice");
            }
            return this;
        }

        /** Expect testnet signatures (source "b") instead of mainnet ("a"). */
        public Builder testnet(boolean v) {
            this.testnet = v;
            return this;
        }

        /** Replaces the perpetual universe; asset id = position. */
        public Builder perps(PerpListing... list) {
            this.perps = List.of(list);
            return this;
        }

        /** Replaces the spot pairs; asset id = 10000 + position. */
        public Builder spots(SpotListing... list) {
            this.spots = List.of(list);
            return this;
        }

        /** The cross leverage of every perpetual position and order (1..50). */
        public Builder leverage(int v) {
            if (v < 1 || v > 50) {
                throw new IllegalArgumentException("leverage must be 1..50, got " + v);
            }
            this.leverage = v;
            return this;
        }

        public Builder fees(HlFees v) {
            this.fees = Objects.requireNonNull(v, "fees");
            return this;
        }

        public Builder rateLimits(RateLimits v) {
            this.limits = Objects.requireNonNull(v, "limits");
            return this;
        }

        /** Random-walk step interval in milliseconds; 0 (the default) keeps mids still. */
        public Builder walkIntervalMs(long v) {
            this.walkIntervalMs = Math.max(0, v);
            return this;
        }

        /** How long a WebSocket may stay silent (no client message) before the server closes it; default 60 s. */
        public Builder wsIdleTimeout(Duration v) {
            if (v.isNegative() || v.isZero()) {
                throw new IllegalArgumentException("the idle timeout must be positive");
            }
            this.wsIdleTimeout = v;
            return this;
        }

        /** The server clock: nonce window, expiresAfter, timestamps, rate windows, the engines' clock. */
        public Builder clock(Clock v) {
            this.clock = Objects.requireNonNull(v, "clock");
            return this;
        }

        /** The port to bind; 0 (the default) picks a free one. */
        public Builder port(int v) {
            this.port = v;
            return this;
        }

        public HyperliquidSimulator build() {
            return new HyperliquidSimulator(this);
        }
    }

    /** The configured account addresses (users and vaults). */
    public List<String> accounts() {
        List<String> out = new ArrayList<>(config.funds.keySet());
        config.vaults.keySet().stream().filter(v -> !out.contains(v)).forEach(out::add);
        return out;
    }
}

package io.fixbridge.venue.binance;

import io.fixbridge.venue.kit.sign.Secret;

import io.fixbridge.venue.ConfigView;
import io.fixbridge.venue.VenueConfigException;
import io.fixbridge.venue.VenueSettings;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The Binance adapter's settings, with every default in this one place. Immutable; credentials
 * are {@link Secret}s, so {@link #toString()} and every error message are free of them.
 *
 * <p>Read from the venue's section of gateway.yaml (without {@code name}, {@code type} and
 * {@code accounts}) and from each account's section. Unknown keys are refused and every error
 * names the setting's path. Credentials are normally {@code ${ENV}} substitutions done by the
 * gateway's YAML loader.
 *
 * <pre>{@code
 * venues:
 *   - name: binance
 *     type: binance
 *     testnet: false              # true: Binance's spot and futures testnets; default false
 *     markets: [spot, futures]    # which to load and trade; default both
 *     spotRestUrl: https://api.binance.com                      # default (testnet: https://testnet.binance.vision)
 *     spotWsApiUrl: wss://ws-api.binance.com:443/ws-api/v3      # default (testnet: wss://ws-api.testnet.binance.vision/ws-api/v3)
 *     futuresRestUrl: https://fapi.binance.com                  # default (testnet: https://testnet.binancefuture.com)
 *     futuresWsUrl: wss://fstream.binance.com                   # user stream is <futuresWsUrl>/ws/<listenKey>,
 *                                                               # market data <futuresWsUrl>/public/ws (depth)
 *                                                               # and <futuresWsUrl>/market/ws (aggregate trades)
 *                                                               # default (testnet: wss://fstream.binancefuture.com)
 *     spotStreamUrl: wss://stream.binance.com:9443              # spot market data, <spotStreamUrl>/ws
 *                                                               # default (testnet: wss://stream.testnet.binance.vision)
 *     recvWindowMs: 5000          # 1..60000; default 5000
 *     rateLimits:                 # Binance's published limits by default
 *       spotWeightPerMinute: 6000
 *       spotOrdersPer10s: 100
 *       futuresWeightPerMinute: 2400
 *       futuresOrdersPer10s: 300
 *     rateLimitPolicy:
 *       maxWaitMs: 1000           # a request waits this long for its rate-limit tokens, else it is refused
 *                                 # (RETRYABLE, with a text saying which limit); default 1000
 *     hedgeMode: false            # futures position mode: true sends positionSide; default false
 *     leverage: { BTCUSDT: 5 }    # set by POST /fapi/v1/leverage at connect; default none
 *     healthProbeIntervalMs: 5000 # how often a down venue is probed (GET /api/v3/ping); default 5000
 *     referencePriceIntervalMs: 1000  # how often the reference prices of the pre-trade checks are polled
 *                                 # (one bookTicker request per market for every symbol); default 1000
 *     bookDepth: 100              # levels per side of the market data books; 1..5000; default 100 (the REST
 *                                 # snapshot behind a book asks for the next limit Binance offers at or above
 *                                 # twice this, see BinanceEndpoint#depthLimit)
 *     listenKeyKeepaliveMinutes: 30   # futures listen key keepalive; default 30
 *     trackedOrderIdleHours: 48   # an order the adapter never saw end is forgotten (logged) after this long
 *                                 # without news of it; at least 1; default 48 (Binance closes every user
 *                                 # stream within 24 h, and the gap fill after it queries every open order)
 *     timeouts:
 *       connectMs: 5000           # TCP/TLS connect; default 5000
 *       requestMs: 10000          # a REST answer; default 10000
 *       wsPingMs: 20000           # WebSocket heartbeat; default 20000
 *       reconnectMinMs: 250       # WebSocket reconnect backoff, first step; default 250
 *       reconnectMaxMs: 30000     # WebSocket reconnect backoff, ceiling; default 30000
 *     accounts:
 *       - name: main
 *         apiKey: ${BINANCE_API_KEY}
 *         secret: ${BINANCE_API_SECRET}        # HMAC-SHA256 key, or instead:
 *         # privateKey: ${BINANCE_ED25519_PEM} # Ed25519 private key, PKCS#8 PEM text
 * }</pre>
 *
 * @param testnet                   whether the defaults point at Binance's testnets
 * @param urls                      base URLs
 * @param markets                   markets to load and trade
 * @param recvWindowMs              recvWindow of signed requests
 * @param rateLimits                rate limits per market
 * @param rateLimitMaxWaitMs        how long a request may wait for its rate-limit tokens
 * @param hedgeMode                 futures hedge (dual position side) mode
 * @param leverage                  futures leverage per Binance symbol, set at connect
 * @param healthProbeIntervalMs     probe interval while Binance is down
 * @param referencePriceIntervalMs  how often the reference prices are polled, in ms; positive
 * @param bookDepth                 levels per side of the books {@code subscribeMarketData} streams, 1..5000
 * @param listenKeyKeepaliveMinutes futures listen key keepalive interval
 * @param trackedOrderIdleHours     how long an order not known to be done is remembered without news of it
 * @param timeouts                  network timeouts
 * @param accounts                  accounts, in file order
 */
public record BinanceConfig(boolean testnet, Urls urls, Set<BinanceMarket> markets, long recvWindowMs,
                            RateLimits rateLimits, long rateLimitMaxWaitMs, boolean hedgeMode,
                            Map<String, Integer> leverage, long healthProbeIntervalMs, long referencePriceIntervalMs,
                            int bookDepth, long listenKeyKeepaliveMinutes,
                            long trackedOrderIdleHours, Timeouts timeouts, List<Account> accounts) {

    public static final String MAINNET_SPOT_REST = "https://api.binance.com";
    public static final String MAINNET_SPOT_WS_API = "wss://ws-api.binance.com:443/ws-api/v3";
    public static final String MAINNET_FUTURES_REST = "https://fapi.binance.com";
    public static final String MAINNET_FUTURES_WS = "wss://fstream.binance.com";
    public static final String MAINNET_SPOT_STREAM = "wss://stream.binance.com:9443";
    public static final String TESTNET_SPOT_REST = "https://testnet.binance.vision";
    public static final String TESTNET_SPOT_WS_API = "wss://ws-api.testnet.binance.vision/ws-api/v3";
    public static final String TESTNET_FUTURES_REST = "https://testnet.binancefuture.com";
    public static final String TESTNET_FUTURES_WS = "wss://fstream.binancefuture.com";
    public static final String TESTNET_SPOT_STREAM = "wss://stream.testnet.binance.vision";

    public static final long DEFAULT_RECV_WINDOW_MS = 5000;
    public static final int DEFAULT_SPOT_WEIGHT_PER_MINUTE = 6000;
    public static final int DEFAULT_SPOT_ORDERS_PER_10S = 100;
    public static final int DEFAULT_FUTURES_WEIGHT_PER_MINUTE = 2400;
    public static final int DEFAULT_FUTURES_ORDERS_PER_10S = 300;
    public static final long DEFAULT_RATE_LIMIT_MAX_WAIT_MS = 1000;
    public static final long DEFAULT_HEALTH_PROBE_INTERVAL_MS = 5000;
    public static final long DEFAULT_REFERENCE_PRICE_INTERVAL_MS = 1000;
    public static final int DEFAULT_BOOK_DEPTH = 100;
    /** The deepest book a Binance REST snapshot gives (spot); futures give at most 1000 levels. */
    public static final int MAX_BOOK_DEPTH = 5000;
    public static final long DEFAULT_LISTEN_KEY_KEEPALIVE_MINUTES = 30;
    public static final long DEFAULT_TRACKED_ORDER_IDLE_HOURS = 48;
    public static final long DEFAULT_CONNECT_MS = 5000;
    public static final long DEFAULT_REQUEST_MS = 10000;
    public static final long DEFAULT_WS_PING_MS = 20000;
    public static final long DEFAULT_RECONNECT_MIN_MS = 250;
    public static final long DEFAULT_RECONNECT_MAX_MS = 30000;

    private static final Set<String> VENUE_KEYS = Set.of("testnet", "markets", "spotRestUrl", "spotWsApiUrl",
            "futuresRestUrl", "futuresWsUrl", "spotStreamUrl", "recvWindowMs", "rateLimits", "rateLimitPolicy",
            "hedgeMode", "leverage", "healthProbeIntervalMs", "referencePriceIntervalMs", "bookDepth",
            "listenKeyKeepaliveMinutes",
            "trackedOrderIdleHours", "timeouts");
    private static final Set<String> RATE_LIMIT_KEYS = Set.of("spotWeightPerMinute", "spotOrdersPer10s",
            "futuresWeightPerMinute", "futuresOrdersPer10s");
    private static final Set<String> POLICY_KEYS = Set.of("maxWaitMs");
    private static final Set<String> TIMEOUT_KEYS = Set.of("connectMs", "requestMs", "wsPingMs", "reconnectMinMs",
            "reconnectMaxMs");
    private static final Set<String> ACCOUNT_KEYS = Set.of("name", "apiKey", "secret", "privateKey");
    private static final Pattern SYMBOL = Pattern.compile("^[A-Z0-9]{2,30}$");

    public BinanceConfig {
        Objects.requireNonNull(urls, "urls");
        markets = Collections.unmodifiableSet(EnumSet.copyOf(markets));
        Objects.requireNonNull(rateLimits, "rateLimits");
        leverage = Collections.unmodifiableMap(new LinkedHashMap<>(leverage));
        Objects.requireNonNull(timeouts, "timeouts");
        accounts = List.copyOf(accounts);
    }

    /**
     * Base URLs; every one overridable, so tests point the adapter at a simulator.
     *
     * @param spotRest    spot REST, e.g. https://api.binance.com (paths /api/v3/... are appended)
     * @param spotWsApi   spot WebSocket API endpoint, e.g. wss://ws-api.binance.com:443/ws-api/v3
     * @param futuresRest futures REST, e.g. https://fapi.binance.com (paths /fapi/... are appended)
     * @param futuresWs   futures stream base, e.g. wss://fstream.binance.com (/ws/&lt;listenKey&gt;,
     *                    /public/ws and /market/ws are appended)
     * @param spotStream  spot market stream base, e.g. wss://stream.binance.com:9443 (/ws is appended)
     */
    public record Urls(String spotRest, String spotWsApi, String futuresRest, String futuresWs, String spotStream) {
        public Urls {
            Objects.requireNonNull(spotRest, "spotRest");
            Objects.requireNonNull(spotWsApi, "spotWsApi");
            Objects.requireNonNull(futuresRest, "futuresRest");
            Objects.requireNonNull(futuresWs, "futuresWs");
            Objects.requireNonNull(spotStream, "spotStream");
        }
    }

    /**
     * Rate limits as Binance publishes them.
     *
     * @param spotWeightPerMinute    spot REQUEST_WEIGHT per minute
     * @param spotOrdersPer10s       spot ORDERS per 10 seconds
     * @param futuresWeightPerMinute futures REQUEST_WEIGHT per minute
     * @param futuresOrdersPer10s    futures ORDERS per 10 seconds
     */
    public record RateLimits(int spotWeightPerMinute, int spotOrdersPer10s, int futuresWeightPerMinute,
                             int futuresOrdersPer10s) {
    }

    /**
     * Network timeouts.
     *
     * @param connectMs      TCP and TLS connect
     * @param requestMs      waiting for a REST answer once the request is written
     * @param wsPingMs       WebSocket heartbeat interval
     * @param reconnectMinMs first WebSocket reconnect delay
     * @param reconnectMaxMs largest WebSocket reconnect delay
     */
    public record Timeouts(long connectMs, long requestMs, long wsPingMs, long reconnectMinMs, long reconnectMaxMs) {
    }

    /** How an account signs. */
    public enum KeyType {
        /** HMAC-SHA256, hex signature. */
        HMAC,
        /** Ed25519, base64 signature, from a PKCS#8 PEM private key. */
        ED25519
    }

    /**
     * One account. Its {@code toString} shows the name and key type only.
     *
     * @param name       the account's name (FIX Account(1))
     * @param apiKey     the API key (X-MBX-APIKEY)
     * @param keyType    how requests are signed
     * @param signingKey the HMAC secret or the Ed25519 PEM text
     */
    public record Account(String name, Secret apiKey, KeyType keyType, Secret signingKey) {
        public Account {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(apiKey, "apiKey");
            Objects.requireNonNull(keyType, "keyType");
            Objects.requireNonNull(signingKey, "signingKey");
        }

        @Override
        public String toString() {
            return "Account[name=" + name + ", keyType=" + keyType + ", apiKey=***, signingKey=***]";
        }
    }

    /** The account named {@code name}, if configured. */
    public java.util.Optional<Account> account(String name) {
        return accounts.stream().filter(a -> a.name().equals(name)).findFirst();
    }

    /** Names of the accounts, in file order. */
    public List<String> accountNames() {
        return accounts.stream().map(Account::name).toList();
    }

    /**
     * Reads and validates the settings.
     *
     * @throws VenueConfigException naming the setting that is missing or wrong (never quoting a credential)
     */
    public static BinanceConfig from(VenueSettings settings) {
        ConfigView venue = settings.settings().requireOnly(VENUE_KEYS);
        boolean testnet = venue.bool("testnet", false);
        Urls urls = new Urls(
                venue.url("spotRestUrl", testnet ? TESTNET_SPOT_REST : MAINNET_SPOT_REST, "http"),
                venue.url("spotWsApiUrl", testnet ? TESTNET_SPOT_WS_API : MAINNET_SPOT_WS_API, "ws"),
                venue.url("futuresRestUrl", testnet ? TESTNET_FUTURES_REST : MAINNET_FUTURES_REST, "http"),
                venue.url("futuresWsUrl", testnet ? TESTNET_FUTURES_WS : MAINNET_FUTURES_WS, "ws"),
                venue.url("spotStreamUrl", testnet ? TESTNET_SPOT_STREAM : MAINNET_SPOT_STREAM, "ws"));

        Set<BinanceMarket> markets = EnumSet.noneOf(BinanceMarket.class);
        if (venue.has("markets")) {
            for (String m : venue.strings("markets")) {
                try {
                    markets.add(BinanceMarket.fromConfigName(m));
                } catch (IllegalArgumentException e) {
                    throw venue.error("markets", e.getMessage());
                }
            }
            if (markets.isEmpty()) {
                throw venue.error("markets", "lists no market; list spot, futures or both, or leave it out for both");
            }
        } else {
            markets.addAll(EnumSet.allOf(BinanceMarket.class));
        }

        long recvWindow = venue.longValue("recvWindowMs", DEFAULT_RECV_WINDOW_MS);
        if (recvWindow < 1 || recvWindow > 60000) {
            throw venue.error("recvWindowMs", "must be between 1 and 60000 (Binance's maximum), got " + recvWindow);
        }

        ConfigView rl = venue.section("rateLimits").requireOnly(RATE_LIMIT_KEYS);
        RateLimits rateLimits = new RateLimits(
                rl.positiveInt("spotWeightPerMinute", DEFAULT_SPOT_WEIGHT_PER_MINUTE),
                rl.positiveInt("spotOrdersPer10s", DEFAULT_SPOT_ORDERS_PER_10S),
                rl.positiveInt("futuresWeightPerMinute", DEFAULT_FUTURES_WEIGHT_PER_MINUTE),
                rl.positiveInt("futuresOrdersPer10s", DEFAULT_FUTURES_ORDERS_PER_10S));
        ConfigView policy = venue.section("rateLimitPolicy").requireOnly(POLICY_KEYS);
        long maxWait = policy.atLeast("maxWaitMs", policy.longValue("maxWaitMs", DEFAULT_RATE_LIMIT_MAX_WAIT_MS), 0);

        Map<String, Integer> leverage = new LinkedHashMap<>();
        ConfigView lev = venue.section("leverage");
        for (String symbol : lev.keys()) {
            if (!SYMBOL.matcher(symbol).matches()) {
                throw lev.error(symbol, "expected a Binance futures symbol such as BTCUSDT");
            }
            int value = lev.intValue(symbol, 0);
            if (value < 1 || value > 125) {
                throw lev.error(symbol, "leverage must be between 1 and 125, got " + value);
            }
            leverage.put(symbol, value);
        }
        if (!leverage.isEmpty() && !markets.contains(BinanceMarket.FUTURES)) {
            throw venue.error("leverage", "applies to futures, but markets does not list futures");
        }

        ConfigView t = venue.section("timeouts").requireOnly(TIMEOUT_KEYS);
        Timeouts timeouts = new Timeouts(
                t.atLeast("connectMs", t.longValue("connectMs", DEFAULT_CONNECT_MS), 1),
                t.atLeast("requestMs", t.longValue("requestMs", DEFAULT_REQUEST_MS), 1),
                t.atLeast("wsPingMs", t.longValue("wsPingMs", DEFAULT_WS_PING_MS), 1),
                t.atLeast("reconnectMinMs", t.longValue("reconnectMinMs", DEFAULT_RECONNECT_MIN_MS), 1),
                t.atLeast("reconnectMaxMs", t.longValue("reconnectMaxMs", DEFAULT_RECONNECT_MAX_MS), 1));
        if (timeouts.reconnectMaxMs() < timeouts.reconnectMinMs()) {
            throw t.error("reconnectMaxMs", "must not be below reconnectMinMs (" + timeouts.reconnectMinMs() + ")");
        }

        int bookDepth = venue.intValue("bookDepth", DEFAULT_BOOK_DEPTH);
        if (bookDepth < 1 || bookDepth > MAX_BOOK_DEPTH) {
            throw venue.error("bookDepth", "must be between 1 and " + MAX_BOOK_DEPTH
                    + " (the deepest book Binance's REST snapshot gives), got " + bookDepth);
        }

        List<Account> accounts = new ArrayList<>();
        for (VenueSettings.Account a : settings.accounts()) {
            ConfigView view = a.settings().requireOnly(ACCOUNT_KEYS);
            if (accounts.stream().anyMatch(x -> x.name().equals(a.name()))) {
                throw new VenueConfigException(view.path() + ": account " + a.name() + " is listed twice");
            }
            accounts.add(account(a.name(), view));
        }
        if (accounts.isEmpty()) {
            throw new VenueConfigException(settings.settings().pathOf("accounts")
                    + ": list at least one account with apiKey and secret (or privateKey)");
        }
        return new BinanceConfig(testnet, urls, markets, recvWindow, rateLimits, maxWait,
                venue.bool("hedgeMode", false), leverage,
                venue.atLeast("healthProbeIntervalMs",
                        venue.longValue("healthProbeIntervalMs", DEFAULT_HEALTH_PROBE_INTERVAL_MS), 1),
                venue.atLeast("referencePriceIntervalMs",
                        venue.longValue("referencePriceIntervalMs", DEFAULT_REFERENCE_PRICE_INTERVAL_MS), 1),
                bookDepth,
                venue.atLeast("listenKeyKeepaliveMinutes",
                        venue.longValue("listenKeyKeepaliveMinutes", DEFAULT_LISTEN_KEY_KEEPALIVE_MINUTES), 1),
                venue.atLeast("trackedOrderIdleHours",
                        venue.longValue("trackedOrderIdleHours", DEFAULT_TRACKED_ORDER_IDLE_HOURS), 1),
                timeouts, accounts);
    }

    private static Account account(String name, ConfigView view) {
        Secret apiKey = Secret.from(view, "apiKey");
        boolean hasSecret = view.has("secret");
        boolean hasPrivateKey = view.has("privateKey");
        if (hasSecret == hasPrivateKey) {
            throw new VenueConfigException(view.path() + ": set exactly one of secret (HMAC) and privateKey "
                    + "(Ed25519 PKCS#8 PEM)" + (hasSecret ? ", not both" : ""));
        }
        if (hasSecret) {
            return new Account(name, apiKey, KeyType.HMAC, Secret.from(view, "secret"));
        }
        Secret pem = Secret.from(view, "privateKey");
        if (!pem.reveal().contains("-----BEGIN PRIVATE KEY-----")) {
            throw view.error("privateKey", "expected an unencrypted PKCS#8 PEM (-----BEGIN PRIVATE KEY-----); "
                    + "the value given is not one (it is not shown)");
        }
        return new Account(name, apiKey, KeyType.ED25519, pem);
    }

    /** A credential: present, resolved, never quoted in an error. */



}

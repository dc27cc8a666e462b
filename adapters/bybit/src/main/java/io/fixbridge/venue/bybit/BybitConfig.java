package io.fixbridge.venue.bybit;

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
import java.util.Optional;
import java.util.Set;

/**
 * The Bybit adapter's settings, with every default in this one place. Immutable; credentials are
 * {@link Secret}s, so {@link #toString()} and every error message are free of them.
 *
 * <p>Read from the venue's section of gateway.yaml (without {@code name}, {@code type} and
 * {@code accounts}) and from each account's section. Unknown keys are refused and every error
 * names the setting's path. Credentials are normally {@code ${ENV}} substitutions done by the
 * gateway's YAML loader.
 *
 * <pre>{@code
 * venues:
 *   - name: bybit
 *     type: bybit
 *     testnet: false                 # true: https://api-testnet.bybit.com and
 *                                    # wss://stream-testnet.bybit.com/v5/private; default false
 *     restUrl: https://api.bybit.com                         # default (testnet above); /v5/... is appended
 *     privateWsUrl: wss://stream.bybit.com/v5/private        # default (testnet above)
 *     publicWsUrl: wss://stream.bybit.com/v5/public          # default (testnet: wss://stream-testnet.bybit.com
 *                                                            # /v5/public); /spot, /linear or /inverse is appended
 *     categories: [spot, linear, inverse]                    # which to load and trade; default all three
 *     recvWindowMs: 5000             # X-BAPI-RECV-WINDOW, 1..60000; default 5000
 *     hedgeMode: false               # the account's linear/inverse position mode is hedge (both sides):
 *                                    # orders carry positionIdx 1 (Buy, long) or 2 (Sell, short), and a
 *                                    # reduce-only order closes the opposite side (Sell closes 1, Buy
 *                                    # closes 2); false: one-way, positionIdx 0; default false
 *     rateLimits:                    # per account (Bybit counts per UID), requests per second, Bybit's
 *       orderCreateSpot: 20          #   published defaults; corrected live from X-Bapi-Limit-Status
 *       orderCreateLinear: 10
 *       orderCreateInverse: 10
 *       orderAmendSpot: 10
 *       orderAmendLinear: 10
 *       orderAmendInverse: 10
 *       orderCancelSpot: 20
 *       orderCancelLinear: 10
 *       orderCancelInverse: 10
 *       orderQuery: 50               # /v5/order/realtime and /v5/order/history
 *       executionQuery: 50           # /v5/execution/list
 *       positionQuery: 50            # /v5/position/list
 *       walletQuery: 50              # /v5/account/wallet-balance
 *       ipPer5s: 600                 # every request from this machine, per 5 seconds (HTTP 403 beyond)
 *     rateLimitPolicy:
 *       maxWaitMs: 1000              # a request waits this long for its rate-limit tokens, else it is
 *                                    # refused RETRYABLE with a text naming the limit; default 1000
 *     ipBanPauseMs: 600000           # after HTTP 403 (IP rate limit or ban) every request pauses this
 *                                    # long (Bybit bans for 10 minutes); default 600000
 *     healthProbeIntervalMs: 5000    # how often refused credentials are probed; default 5000
 *     referencePriceIntervalMs: 1000 # how often the reference prices of the pre-trade checks are polled
 *                                    # (one /v5/market/tickers request per category); default 1000
 *     bookDepth: 50                  # levels per side of the market data books: the depth of the
 *                                    # orderbook.{depth}.{symbol} topic subscribed, one of 1, 50, 200, 1000
 *                                    # (what Bybit publishes for spot, linear and inverse); default 50
 *     trackedOrderIdleHours: 48      # an order never seen to end is forgotten (logged) after this long
 *                                    # without news of it; at least 1; default 48
 *     timeouts:
 *       connectMs: 5000              # TCP/TLS connect; default 5000
 *       requestMs: 10000             # a REST answer; default 10000
 *       wsPingMs: 20000              # {"op":"ping"} interval (Bybit asks for 20 s); default 20000
 *       reconnectMinMs: 250          # WebSocket reconnect backoff, first step; default 250
 *       reconnectMaxMs: 30000        # WebSocket reconnect backoff, ceiling; default 30000
 *     accounts:
 *       - name: main
 *         apiKey: ${BYBIT_API_KEY}
 *         secret: ${BYBIT_API_SECRET}   # HMAC-SHA256 system-generated key
 * }</pre>
 *
 * @param testnet               whether the URL defaults point at Bybit's testnet
 * @param restUrl               REST base URL
 * @param privateWsUrl          private WebSocket URL
 * @param publicWsUrl           public WebSocket URL without the category ({@code .../v5/public})
 * @param categories            categories to load and trade
 * @param recvWindowMs          X-BAPI-RECV-WINDOW
 * @param hedgeMode             derivatives position mode is hedge mode
 * @param rateLimits            rate limits
 * @param rateLimitMaxWaitMs    how long a request may wait for its rate-limit tokens
 * @param ipBanPauseMs          how long every request pauses after an HTTP 403
 * @param healthProbeIntervalMs probe interval of refused credentials
 * @param referencePriceIntervalMs how often the reference prices are polled, in ms; positive
 * @param bookDepth             the orderbook topic depth of market data subscriptions: 1, 50, 200 or 1000
 * @param trackedOrderIdleHours how long an order not known to be done is remembered without news of it
 * @param timeouts              network timeouts
 * @param accounts              accounts, in file order
 */
public record BybitConfig(boolean testnet, String restUrl, String privateWsUrl, String publicWsUrl,
                          Set<BybitCategory> categories,
                          long recvWindowMs, boolean hedgeMode, RateLimits rateLimits, long rateLimitMaxWaitMs,
                          long ipBanPauseMs, long healthProbeIntervalMs, long referencePriceIntervalMs,
                          int bookDepth, long trackedOrderIdleHours,
                          Timeouts timeouts, List<Account> accounts) {

    public static final String MAINNET_REST = "https://api.bybit.com";
    public static final String MAINNET_PRIVATE_WS = "wss://stream.bybit.com/v5/private";
    public static final String TESTNET_REST = "https://api-testnet.bybit.com";
    public static final String TESTNET_PRIVATE_WS = "wss://stream-testnet.bybit.com/v5/private";
    public static final String MAINNET_PUBLIC_WS = "wss://stream.bybit.com/v5/public";
    public static final String TESTNET_PUBLIC_WS = "wss://stream-testnet.bybit.com/v5/public";
    /** The orderbook depths Bybit publishes for spot, linear and inverse. */
    public static final List<Integer> BOOK_DEPTHS = List.of(1, 50, 200, 1000);
    public static final int DEFAULT_BOOK_DEPTH = 50;

    public static final long DEFAULT_RECV_WINDOW_MS = 5000;
    public static final long DEFAULT_RATE_LIMIT_MAX_WAIT_MS = 1000;
    public static final long DEFAULT_IP_BAN_PAUSE_MS = 600_000;
    public static final long DEFAULT_HEALTH_PROBE_INTERVAL_MS = 5000;
    public static final long DEFAULT_REFERENCE_PRICE_INTERVAL_MS = 1000;
    public static final long DEFAULT_TRACKED_ORDER_IDLE_HOURS = 48;
    public static final long DEFAULT_CONNECT_MS = 5000;
    public static final long DEFAULT_REQUEST_MS = 10000;
    public static final long DEFAULT_WS_PING_MS = 20000;
    public static final long DEFAULT_RECONNECT_MIN_MS = 250;
    public static final long DEFAULT_RECONNECT_MAX_MS = 30000;
    /** Bybit's IP limit: 600 requests per 5 seconds. */
    public static final int DEFAULT_IP_PER_5S = 600;

    /** Per-account limits in requests per second, Bybit's published defaults for unified accounts. */
    public static final Map<String, Integer> DEFAULT_PER_SECOND = defaults();

    private static final Set<String> VENUE_KEYS = Set.of("testnet", "restUrl", "privateWsUrl", "publicWsUrl",
            "categories", "recvWindowMs", "hedgeMode", "rateLimits", "rateLimitPolicy", "ipBanPauseMs",
            "healthProbeIntervalMs", "referencePriceIntervalMs", "bookDepth", "trackedOrderIdleHours", "timeouts");
    private static final Set<String> POLICY_KEYS = Set.of("maxWaitMs");
    private static final Set<String> TIMEOUT_KEYS = Set.of("connectMs", "requestMs", "wsPingMs", "reconnectMinMs",
            "reconnectMaxMs");
    private static final Set<String> ACCOUNT_KEYS = Set.of("name", "apiKey", "secret");

    public BybitConfig {
        Objects.requireNonNull(restUrl, "restUrl");
        Objects.requireNonNull(privateWsUrl, "privateWsUrl");
        Objects.requireNonNull(publicWsUrl, "publicWsUrl");
        if (!BOOK_DEPTHS.contains(bookDepth)) {
            throw new IllegalArgumentException("bookDepth must be one of " + BOOK_DEPTHS + ", got " + bookDepth);
        }
        categories = Collections.unmodifiableSet(EnumSet.copyOf(categories));
        Objects.requireNonNull(rateLimits, "rateLimits");
        Objects.requireNonNull(timeouts, "timeouts");
        accounts = List.copyOf(accounts);
    }

    private static Map<String, Integer> defaults() {
        Map<String, Integer> m = new LinkedHashMap<>();
        for (String action : List.of("orderCreate", "orderAmend", "orderCancel")) {
            m.put(action + "Spot", action.equals("orderAmend") ? 10 : 20);
            m.put(action + "Linear", 10);
            m.put(action + "Inverse", 10);
        }
        m.put("orderQuery", 50);
        m.put("executionQuery", 50);
        m.put("positionQuery", 50);
        m.put("walletQuery", 50);
        return Collections.unmodifiableMap(m);
    }

    /**
     * Rate limits.
     *
     * @param perSecond per-account limits by name ({@code orderCreateSpot}, ..., see the class), requests per second
     * @param ipPer5s   requests per 5 seconds from this machine, across accounts
     */
    public record RateLimits(Map<String, Integer> perSecond, int ipPer5s) {
        public RateLimits {
            perSecond = Collections.unmodifiableMap(new LinkedHashMap<>(perSecond));
        }

        /** The limit named {@code name}, requests per second. */
        public int perSecond(String name) {
            Integer v = perSecond.get(name);
            if (v == null) {
                throw new IllegalArgumentException("no rate limit " + name);
            }
            return v;
        }
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

    /**
     * One account. Its {@code toString} shows the name only.
     *
     * @param name   the account's name (FIX Account(1))
     * @param apiKey the API key (X-BAPI-API-KEY)
     * @param secret the HMAC-SHA256 secret
     */
    public record Account(String name, Secret apiKey, Secret secret) {
        public Account {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(apiKey, "apiKey");
            Objects.requireNonNull(secret, "secret");
        }

        @Override
        public String toString() {
            return "Account[name=" + name + ", apiKey=***, secret=***]";
        }
    }

    /** The account named {@code name}, if configured. */
    public Optional<Account> account(String name) {
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
    public static BybitConfig from(VenueSettings settings) {
        ConfigView venue = settings.settings().requireOnly(VENUE_KEYS);
        boolean testnet = venue.bool("testnet", false);
        String restUrl = venue.url("restUrl", testnet ? TESTNET_REST : MAINNET_REST, "http");
        String wsUrl = venue.url("privateWsUrl", testnet ? TESTNET_PRIVATE_WS : MAINNET_PRIVATE_WS, "ws");
        String publicWsUrl = venue.url("publicWsUrl", testnet ? TESTNET_PUBLIC_WS : MAINNET_PUBLIC_WS, "ws");
        int bookDepth = venue.intValue("bookDepth", DEFAULT_BOOK_DEPTH);
        if (!BOOK_DEPTHS.contains(bookDepth)) {
            throw venue.error("bookDepth", "must be one of 1, 50, 200 or 1000 (the orderbook depths Bybit publishes "
                    + "for spot, linear and inverse), got " + bookDepth);
        }

        Set<BybitCategory> categories = EnumSet.noneOf(BybitCategory.class);
        if (venue.has("categories")) {
            for (String c : venue.strings("categories")) {
                try {
                    categories.add(BybitCategory.fromConfigName(c));
                } catch (IllegalArgumentException e) {
                    throw venue.error("categories", e.getMessage());
                }
            }
            if (categories.isEmpty()) {
                throw venue.error("categories", "lists no category; list spot, linear and/or inverse, or leave it "
                        + "out for all three");
            }
        } else {
            categories.addAll(EnumSet.allOf(BybitCategory.class));
        }

        long recvWindow = venue.longValue("recvWindowMs", DEFAULT_RECV_WINDOW_MS);
        if (recvWindow < 1 || recvWindow > 60000) {
            throw venue.error("recvWindowMs", "must be between 1 and 60000, got " + recvWindow);
        }

        Set<String> limitKeys = new java.util.HashSet<>(DEFAULT_PER_SECOND.keySet());
        limitKeys.add("ipPer5s");
        ConfigView rl = venue.section("rateLimits").requireOnly(limitKeys);
        Map<String, Integer> perSecond = new LinkedHashMap<>();
        DEFAULT_PER_SECOND.forEach((k, v) -> perSecond.put(k, rl.positiveInt(k, v)));
        RateLimits rateLimits = new RateLimits(perSecond, rl.positiveInt("ipPer5s", DEFAULT_IP_PER_5S));

        ConfigView policy = venue.section("rateLimitPolicy").requireOnly(POLICY_KEYS);
        long maxWait = policy.atLeast("maxWaitMs", policy.longValue("maxWaitMs", DEFAULT_RATE_LIMIT_MAX_WAIT_MS), 0);

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

        List<Account> accounts = new ArrayList<>();
        for (VenueSettings.Account a : settings.accounts()) {
            ConfigView view = a.settings().requireOnly(ACCOUNT_KEYS);
            if (accounts.stream().anyMatch(x -> x.name().equals(a.name()))) {
                throw new VenueConfigException(view.path() + ": account " + a.name() + " is listed twice");
            }
            accounts.add(new Account(a.name(), Secret.from(view, "apiKey"), Secret.from(view, "secret")));
        }
        if (accounts.isEmpty()) {
            throw new VenueConfigException(settings.settings().pathOf("accounts")
                    + ": list at least one account with apiKey and secret");
        }
        return new BybitConfig(testnet, restUrl, wsUrl, publicWsUrl, categories, recvWindow,
                venue.bool("hedgeMode", false),
                rateLimits, maxWait,
                venue.atLeast("ipBanPauseMs", venue.longValue("ipBanPauseMs", DEFAULT_IP_BAN_PAUSE_MS), 1),
                venue.atLeast("healthProbeIntervalMs",
                        venue.longValue("healthProbeIntervalMs", DEFAULT_HEALTH_PROBE_INTERVAL_MS), 1),
                venue.atLeast("referencePriceIntervalMs",
                        venue.longValue("referencePriceIntervalMs", DEFAULT_REFERENCE_PRICE_INTERVAL_MS), 1),
                bookDepth,
                venue.atLeast("trackedOrderIdleHours",
                        venue.longValue("trackedOrderIdleHours", DEFAULT_TRACKED_ORDER_IDLE_HOURS), 1),
                timeouts, accounts);
    }

    /** The public WebSocket URL of {@code category}: {@code publicWsUrl + "/" + category}. */
    public String publicWsUrl(BybitCategory category) {
        return publicWsUrl + "/" + category.wireName();
    }

    /** A credential: present, resolved, never quoted in an error. */



}

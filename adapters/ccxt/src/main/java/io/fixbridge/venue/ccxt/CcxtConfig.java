package io.fixbridge.venue.ccxt;

import io.fixbridge.venue.ConfigView;
import io.fixbridge.venue.VenueConfigException;
import io.fixbridge.venue.VenueSettings;
import io.fixbridge.venue.kit.Backoff;
import io.fixbridge.venue.kit.sign.Secret;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The CCXT adapter's settings, every default in this one place, validated when read. Immutable;
 * credentials are {@link Secret}s, so {@link #toString()} and every error message are free of them.
 *
 * <pre>{@code
 * venues:
 *   - name: kraken
 *     type: ccxt
 *     exchange: kraken              # a ccxt exchange id (binance, bybit, kraken, okx, coinbase, ...); required
 *     sandbox: false                # ccxt's setSandboxMode(true): the exchange's testnet where it has one
 *     options: {}                   # merged into the ccxt instance's options, passed through as is
 *     urls: {}                      # deep-merged into the ccxt instance's urls (e.g. api.public), as is
 *     bridgeDirectory: ...          # the sidecar (adapters/ccxt/bridge); default $FIXBRIDGE_HOME/adapters/ccxt/bridge,
 *                                   # else the system property fixbridge.ccxt.bridge, else ./adapters/ccxt/bridge;
 *                                   # a relative path resolves against the configuration file's directory
 *     node: node                    # the Node 20+ executable; default "node" on the PATH
 *     streams: auto                 # auto | watch | poll: order and trade streams through ccxt's
 *                                   # watchOrders/watchMyTrades (auto: where the exchange has them) or polling
 *     pollIntervalMs: 1000          # poll mode: how often open orders and trades are fetched
 *     streamSymbols: []             # symbols the streams watch or poll one by one; default none: the whole
 *                                   # account at once (exchanges whose fetchMyTrades needs a symbol need them
 *                                   # listed for poll mode)
 *     requestTimeoutMs: 10000       # ccxt's timeout for one HTTP request, and the sidecar answer's deadline
 *                                   # (this plus 5 s, since ccxt may wait for its rate limiter first)
 *     startTimeoutMs: 60000         # starting the sidecar, opening the accounts and loading the markets
 *     pingIntervalMs: 5000          # health ping of the sidecar
 *     pingTimeoutMs: 3000           # a ping unanswered this long means the sidecar hangs: it is killed
 *     restartMinMs: 250             # sidecar restart backoff, first step
 *     restartMaxMs: 30000           # sidecar restart backoff, ceiling
 *     venueDownPauseMs: 30000       # after OnMaintenance / ExchangeNotAvailable new orders are refused this long
 *     healthProbeIntervalMs: 10000  # how often an account whose credentials were refused is probed (fetchBalance)
 *     referencePriceIntervalMs: 1000 # how often the reference prices of every market are fetched (fetchBidsAsks
 *                                   # where ccxt has it, else fetchTickers)
 *     bookDepth: 100                # levels per side of the market data books (1 to 1000): ccxt's watchOrderBook
 *                                   # keeps the venue's book, the adapter streams its best bookDepth levels
 *     accounts:
 *       - name: main
 *         apiKey: ${KRAKEN_API_KEY}     # each credential the exchange requires (ccxt's requiredCredentials):
 *         secret: ${KRAKEN_API_SECRET}  # apiKey, secret, password, uid, walletAddress, privateKey;
 *         password: ${OKX_PASSPHRASE}   # at least one; normally ${ENV} substitutions, never logged
 * }</pre>
 *
 * @param exchange              the ccxt exchange id
 * @param sandbox               whether ccxt's sandbox mode is switched on
 * @param options               ccxt options, passed through
 * @param urls                  ccxt url overrides, passed through
 * @param bridgeDirectory       the sidecar's directory (holds src/main.mjs and node_modules)
 * @param node                  the Node executable
 * @param streams               how order and trade news is obtained
 * @param pollIntervalMs        poll-mode interval
 * @param streamSymbols         symbols the streams cover one by one; empty for the whole account
 * @param requestTimeoutMs      ccxt's request timeout
 * @param startTimeoutMs        deadline of a start or restart of the sidecar
 * @param pingIntervalMs        sidecar health ping interval
 * @param pingTimeoutMs         sidecar health ping deadline
 * @param restartMinMs          restart backoff first step
 * @param restartMaxMs          restart backoff ceiling
 * @param venueDownPauseMs      how long a venue reported down stays down
 * @param healthProbeIntervalMs probe interval of an account whose credentials were refused
 * @param referencePriceIntervalMs how often the reference prices are polled
 * @param bookDepth             levels per side of the books {@link CcxtAdapter#subscribeMarketData} streams
 * @param accounts              accounts in file order
 */
public record CcxtConfig(String exchange, boolean sandbox, Map<String, Object> options, Map<String, Object> urls,
                         Path bridgeDirectory, String node, Streams streams, long pollIntervalMs, List<String> streamSymbols,
                         long requestTimeoutMs, long startTimeoutMs, long pingIntervalMs, long pingTimeoutMs,
                         long restartMinMs, long restartMaxMs, long venueDownPauseMs, long healthProbeIntervalMs,
                         long referencePriceIntervalMs, int bookDepth, List<Account> accounts) {

    public static final boolean DEFAULT_SANDBOX = false;
    public static final String DEFAULT_NODE = "node";
    public static final Streams DEFAULT_STREAMS = Streams.AUTO;
    public static final long DEFAULT_POLL_INTERVAL_MS = 1000;
    public static final long DEFAULT_REQUEST_TIMEOUT_MS = 10_000;
    public static final long DEFAULT_START_TIMEOUT_MS = 60_000;
    public static final long DEFAULT_PING_INTERVAL_MS = 5000;
    public static final long DEFAULT_PING_TIMEOUT_MS = 3000;
    public static final long DEFAULT_RESTART_MIN_MS = 250;
    public static final long DEFAULT_RESTART_MAX_MS = 30_000;
    public static final long DEFAULT_VENUE_DOWN_PAUSE_MS = 30_000;
    public static final long DEFAULT_HEALTH_PROBE_INTERVAL_MS = 10_000;
    public static final long DEFAULT_REFERENCE_PRICE_INTERVAL_MS = 1000;
    public static final int DEFAULT_BOOK_DEPTH = 100;
    /** The deepest book the adapter streams: Binance's and Bybit's deepest public books (ccxt's limits) are 1000. */
    public static final int MAX_BOOK_DEPTH = 1000;
    /** The system property naming the bridge directory (set by the module's test run). */
    public static final String BRIDGE_PROPERTY = "fixbridge.ccxt.bridge";
    /** The bridge directory under the installation ($FIXBRIDGE_HOME) or the working directory. */
    public static final String BRIDGE_RELATIVE = "adapters/ccxt/bridge";
    /** The credential keys ccxt knows, in the order ccxt lists them. */
    public static final List<String> CREDENTIAL_KEYS = List.of("apiKey", "secret", "password", "uid",
            "walletAddress", "privateKey");

    private static final Pattern EXCHANGE_ID = Pattern.compile("[a-z][a-z0-9]*");
    private static final Set<String> VENUE_KEYS = Set.of("exchange", "sandbox", "options", "urls",
            "bridgeDirectory", "node", "streams", "pollIntervalMs", "streamSymbols", "requestTimeoutMs", "startTimeoutMs",
            "pingIntervalMs", "pingTimeoutMs", "restartMinMs", "restartMaxMs", "venueDownPauseMs",
            "healthProbeIntervalMs", "referencePriceIntervalMs", "bookDepth");

    /** How the sidecar learns of order changes and trades. */
    public enum Streams {
        /** watchOrders/watchMyTrades where the exchange's {@code has} says so, else polling. */
        AUTO,
        /** ccxt's watch methods (ccxt.pro); the exchange must have them. */
        WATCH,
        /** fetchOpenOrders/fetchMyTrades every {@code pollIntervalMs}. */
        POLL;

        /** The protocol's word for it. */
        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public CcxtConfig {
        Objects.requireNonNull(exchange, "exchange");
        options = Collections.unmodifiableMap(new LinkedHashMap<>(options));
        urls = Collections.unmodifiableMap(new LinkedHashMap<>(urls));
        Objects.requireNonNull(bridgeDirectory, "bridgeDirectory");
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(streams, "streams");
        if (bookDepth < 1 || bookDepth > MAX_BOOK_DEPTH) {
            throw new IllegalArgumentException("bookDepth must be from 1 to " + MAX_BOOK_DEPTH + ", was " + bookDepth);
        }
        streamSymbols = List.copyOf(streamSymbols);
        accounts = List.copyOf(accounts);
    }

    /**
     * One account and the credentials ccxt is given for it. Only the credentials set are present;
     * {@link #toString()} names which are set, never a value.
     *
     * @param name        the account's name (FIX Account(1))
     * @param credentials credential key (one of {@link #CREDENTIAL_KEYS}) to its value
     */
    public record Account(String name, Map<String, Secret> credentials) {
        public Account {
            Objects.requireNonNull(name, "name");
            credentials = Collections.unmodifiableMap(new LinkedHashMap<>(credentials));
        }

        @Override
        public String toString() {
            return "Account[" + name + ", credentials " + credentials.keySet() + "]";
        }
    }

    /** The sidecar's entry point. */
    public Path mainScript() {
        return bridgeDirectory.resolve("src").resolve("main.mjs");
    }

    /** The restart backoff. */
    public Backoff restartBackoff() {
        return new Backoff(Duration.ofMillis(restartMinMs), Duration.ofMillis(restartMaxMs), 2.0, 0.2);
    }

    /** How long the adapter waits for the sidecar's answer to one request. */
    public long answerTimeoutMs() {
        return requestTimeoutMs + 5000;
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
    public static CcxtConfig from(VenueSettings settings) {
        return from(settings, System.getenv("FIXBRIDGE_HOME"), System.getProperty(BRIDGE_PROPERTY));
    }

    /** {@link #from(VenueSettings)} with the environment given (tests). */
    static CcxtConfig from(VenueSettings settings, String fixbridgeHome, String bridgeProperty) {
        ConfigView venue = settings.settings().requireOnly(VENUE_KEYS);
        if (!venue.has("exchange")) {
            throw venue.error("exchange", "missing; set it to a ccxt exchange id such as binance, bybit, kraken, okx "
                    + "or coinbase");
        }
        String exchange = venue.string("exchange");
        if (!EXCHANGE_ID.matcher(exchange).matches()) {
            throw venue.error("exchange", "expected a ccxt exchange id in lower case (binance, bybit, kraken, okx, "
                    + "coinbase, ...), got '" + exchange + "'");
        }
        boolean sandbox = venue.bool("sandbox", DEFAULT_SANDBOX);
        Map<String, Object> options = map(venue, "options");
        Map<String, Object> urls = map(venue, "urls");
        Path bridge = bridgeDirectory(venue, fixbridgeHome, bridgeProperty);
        Path ccxtSources = bridge.resolve("node_modules").resolve("ccxt").resolve("js").resolve("src");
        if (Files.isDirectory(ccxtSources) && !Files.isRegularFile(ccxtSources.resolve(exchange + ".js"))) {
            throw venue.error("exchange", "ccxt (in " + bridge + ") has no exchange '" + exchange
                    + "'; use one of ccxt's exchange ids (ccxt.exchanges)");
        }
        String node = venue.string("node", DEFAULT_NODE);
        Streams streams = streams(venue);
        long poll = atLeast(venue, "pollIntervalMs", DEFAULT_POLL_INTERVAL_MS, 50);
        List<String> streamSymbols = venue.strings("streamSymbols");
        if (streams == Streams.POLL && streamSymbols.isEmpty() && exchange.startsWith("binance")) {
            throw venue.error("streamSymbols", "polling " + exchange + " needs the symbols listed (ccxt's binance "
                    + "fetchMyTrades takes no request without a symbol); list the symbols to trade");
        }
        long request = atLeast(venue, "requestTimeoutMs", DEFAULT_REQUEST_TIMEOUT_MS, 100);
        long start = atLeast(venue, "startTimeoutMs", DEFAULT_START_TIMEOUT_MS, 1000);
        long ping = atLeast(venue, "pingIntervalMs", DEFAULT_PING_INTERVAL_MS, 50);
        long pingTimeout = atLeast(venue, "pingTimeoutMs", DEFAULT_PING_TIMEOUT_MS, 50);
        long restartMin = atLeast(venue, "restartMinMs", DEFAULT_RESTART_MIN_MS, 1);
        long restartMax = atLeast(venue, "restartMaxMs", DEFAULT_RESTART_MAX_MS, 1);
        if (restartMax < restartMin) {
            throw venue.error("restartMaxMs", "must not be below restartMinMs (" + restartMin + "), got " + restartMax);
        }
        long down = atLeast(venue, "venueDownPauseMs", DEFAULT_VENUE_DOWN_PAUSE_MS, 1);
        long probe = atLeast(venue, "healthProbeIntervalMs", DEFAULT_HEALTH_PROBE_INTERVAL_MS, 10);
        long referencePrices = atLeast(venue, "referencePriceIntervalMs", DEFAULT_REFERENCE_PRICE_INTERVAL_MS, 50);
        int bookDepth = venue.intValue("bookDepth", DEFAULT_BOOK_DEPTH);
        if (bookDepth < 1 || bookDepth > MAX_BOOK_DEPTH) {
            throw venue.error("bookDepth", "expected the levels per side of the market data books, from 1 to "
                    + MAX_BOOK_DEPTH + ", got " + bookDepth);
        }

        List<Account> accounts = new ArrayList<>();
        Set<String> accountKeys = new java.util.HashSet<>(CREDENTIAL_KEYS);
        for (VenueSettings.Account a : settings.accounts()) {
            ConfigView view = a.settings().without("name").requireOnly(accountKeys);
            if (accounts.stream().anyMatch(x -> x.name().equals(a.name()))) {
                throw new VenueConfigException(view.path() + ": account " + a.name() + " is listed twice");
            }
            Map<String, Secret> credentials = new LinkedHashMap<>();
            for (String key : CREDENTIAL_KEYS) {
                if (view.keys().contains(key)) {
                    credentials.put(key, Secret.from(view, key));
                }
            }
            if (credentials.isEmpty()) {
                throw new VenueConfigException(view.path() + ": no credentials; set those " + exchange
                        + " requires, out of " + CREDENTIAL_KEYS + " (normally as ${ENVIRONMENT_VARIABLE})");
            }
            accounts.add(new Account(a.name(), credentials));
        }
        if (accounts.isEmpty()) {
            throw new VenueConfigException(settings.settings().pathOf("accounts")
                    + ": list at least one account with the credentials " + exchange + " requires");
        }
        return new CcxtConfig(exchange, sandbox, options, urls, bridge, node, streams, poll, streamSymbols, request, start, ping,
                pingTimeout, restartMin, restartMax, down, probe, referencePrices, bookDepth, accounts);
    }

    private static Path bridgeDirectory(ConfigView venue, String fixbridgeHome, String bridgeProperty) {
        Path dir;
        String source;
        if (venue.has("bridgeDirectory")) {
            dir = venue.file("bridgeDirectory", null);
            source = venue.pathOf("bridgeDirectory");
        } else if (fixbridgeHome != null && !fixbridgeHome.isBlank()) {
            dir = Path.of(fixbridgeHome).resolve(BRIDGE_RELATIVE).normalize();
            source = "$FIXBRIDGE_HOME/" + BRIDGE_RELATIVE;
        } else if (bridgeProperty != null && !bridgeProperty.isBlank()) {
            dir = Path.of(bridgeProperty).normalize();
            source = "the system property " + BRIDGE_PROPERTY;
        } else {
            dir = Path.of(BRIDGE_RELATIVE).toAbsolutePath().normalize();
            source = "./" + BRIDGE_RELATIVE;
        }
        if (!Files.isRegularFile(dir.resolve("src").resolve("main.mjs"))) {
            throw venue.error("bridgeDirectory", "the CCXT sidecar is not at " + dir.toAbsolutePath() + " (from "
                    + source + "): src/main.mjs is missing; set bridgeDirectory to the adapters/ccxt/bridge "
                    + "directory of the installation (built by `npm ci` in it)");
        }
        return dir.toAbsolutePath();
    }

    private static Streams streams(ConfigView venue) {
        String raw = venue.string("streams", DEFAULT_STREAMS.wire());
        for (Streams s : Streams.values()) {
            if (s.wire().equals(raw.toLowerCase(Locale.ROOT))) {
                return s;
            }
        }
        throw venue.error("streams", "expected auto, watch or poll, got '" + raw + "'");
    }

    private static long atLeast(ConfigView venue, String key, long fallback, long min) {
        return venue.atLeast(key, venue.longValue(key, fallback), min);
    }

    private static Map<String, Object> map(ConfigView venue, String key) {
        ConfigView section = venue.section(key);
        Map<String, Object> out = new LinkedHashMap<>();
        for (String k : section.keys()) {
            out.put(k, raw(section, k));
        }
        return out;
    }

    /** A value of a pass-through section as YAML gave it (maps, lists, text, numbers, booleans). */
    private static Object raw(ConfigView section, String key) {
        // ConfigView exposes no raw getter; sections and lists are rebuilt, scalars keep their text form
        try {
            ConfigView nested = section.section(key);
            Map<String, Object> out = new LinkedHashMap<>();
            for (String k : nested.keys()) {
                out.put(k, raw(nested, k));
            }
            return out;
        } catch (VenueConfigException notASection) {
            try {
                List<String> list = section.strings(key);
                return list;
            } catch (VenueConfigException notAList) {
                return scalar(section.string(key));
            }
        }
    }

    private static Object scalar(String text) {
        if (text.equals("true") || text.equals("false")) {
            return Boolean.valueOf(text);
        }
        if (text.matches("-?\\d{1,18}")) {
            return Long.valueOf(text);
        }
        return text;
    }
}

package io.fixbridge.venue.hyperliquid;

import io.fixbridge.venue.ConfigView;
import io.fixbridge.venue.VenueConfigException;
import io.fixbridge.venue.VenueSettings;
import io.fixbridge.venue.kit.Durations;
import io.fixbridge.venue.kit.sign.Secret;
import io.fixbridge.venue.kit.sign.eth.EthAddress;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The Hyperliquid adapter's settings, every default in this one place, validated when read. Immutable;
 * private keys are {@link Secret}s, so {@link #toString()} and every error message are free of them.
 *
 * <pre>{@code
 * venues:
 *   - name: hyperliquid
 *     type: hyperliquid
 *     testnet: false                  # true: https://api.hyperliquid-testnet.xyz and signing source "b"
 *     restUrl: https://api.hyperliquid.xyz        # default (testnet above); /info and /exchange are appended
 *     wsUrl: wss://api.hyperliquid.xyz/ws         # default (testnet above)
 *     marketSlippage: 0.05            # market orders: IOC limit at mid * (1 +/- this), 0 < x < 1
 *     nonceDirectory: data/hyperliquid   # one nonce high-water file per signer address (relative paths
 *                                     # here and below: against the configuration file's directory)
 *     keystorePollInterval: 2s        # how often a keystore file is checked for rotation
 *     midMaxAge: 5s                   # an l2Book mid older than this is fetched again over REST
 *     timeouts:
 *       connect: 5s
 *       request: 10s
 *       wsPing: 50s                   # {"method":"ping"} interval (Hyperliquid closes idle sockets after 60 s)
 *       reconnectMin: 250ms
 *       reconnectMax: 30s
 *     rateLimit:
 *       weightPerMinute: 1200         # per IP, /info and /exchange together
 *       addressBudget: 10000          # optional: the budget's starting count instead of reading userRateLimit
 *                                     # at connect; it refills from userRateLimit like a read count
 *       maxWait: 1s                   # a request waits this long for weight, else RETRYABLE
 *     accounts:
 *       - name: main
 *         user: 0x...                 # the account address; required with an API (agent) wallet key;
 *                                     # default: the signer's own address
 *         vaultAddress: 0x...         # optional: trade for this vault or sub-account
 *         privateKey: ${HYPERLIQUID_PRIVATE_KEY}      # either this,
 *         keystore: keys/main.json                    # or an encrypted V3 keystore with exactly one of
 *         passphraseEnv: HYPERLIQUID_PASSPHRASE       #   the passphrase's environment variable
 *         passphraseFile: secrets/main.pass           #   or a file holding it
 * }</pre>
 *
 * @param testnet              whether defaults point at the testnet (and actions are signed with source "b")
 * @param restUrl              REST base URL
 * @param wsUrl                WebSocket URL
 * @param marketSlippage       the fraction market orders may trade away from the mid
 * @param nonceDirectory       where nonce high-water files live
 * @param keystorePollInterval keystore rotation poll interval
 * @param midMaxAge            how old a streamed mid may be before it is fetched over REST
 * @param timeouts             network timeouts
 * @param rateLimit            rate limits
 * @param accounts             accounts in file order
 */
public record HyperliquidConfig(boolean testnet, String restUrl, String wsUrl, BigDecimal marketSlippage,
                                Path nonceDirectory, Duration keystorePollInterval, Duration midMaxAge,
                                Timeouts timeouts, RateLimits rateLimit, List<Account> accounts) {

    public static final String MAINNET_REST = "https://api.hyperliquid.xyz";
    public static final String MAINNET_WS = "wss://api.hyperliquid.xyz/ws";
    public static final String TESTNET_REST = "https://api.hyperliquid-testnet.xyz";
    public static final String TESTNET_WS = "wss://api.hyperliquid-testnet.xyz/ws";
    public static final BigDecimal DEFAULT_MARKET_SLIPPAGE = new BigDecimal("0.05");
    public static final Path DEFAULT_NONCE_DIRECTORY = Path.of("data", "hyperliquid");
    public static final Duration DEFAULT_KEYSTORE_POLL = Duration.ofSeconds(2);
    public static final Duration DEFAULT_MID_MAX_AGE = Duration.ofSeconds(5);
    public static final Duration DEFAULT_CONNECT = Duration.ofSeconds(5);
    public static final Duration DEFAULT_REQUEST = Duration.ofSeconds(10);
    public static final Duration DEFAULT_WS_PING = Duration.ofSeconds(50);
    public static final Duration DEFAULT_RECONNECT_MIN = Duration.ofMillis(250);
    public static final Duration DEFAULT_RECONNECT_MAX = Duration.ofSeconds(30);
    public static final int DEFAULT_WEIGHT_PER_MINUTE = 1200;
    public static final Duration DEFAULT_RATE_LIMIT_MAX_WAIT = Duration.ofSeconds(1);

    private static final Set<String> VENUE_KEYS = Set.of("testnet", "restUrl", "wsUrl", "marketSlippage",
            "nonceDirectory", "keystorePollInterval", "midMaxAge", "timeouts", "rateLimit");
    private static final Set<String> TIMEOUT_KEYS = Set.of("connect", "request", "wsPing", "reconnectMin",
            "reconnectMax");
    private static final Set<String> RATE_KEYS = Set.of("weightPerMinute", "addressBudget", "maxWait");
    private static final Set<String> ACCOUNT_KEYS = Set.of("name", "user", "vaultAddress", "privateKey", "keystore",
            "passphraseEnv", "passphraseFile");

    public HyperliquidConfig {
        Objects.requireNonNull(restUrl, "restUrl");
        Objects.requireNonNull(wsUrl, "wsUrl");
        Objects.requireNonNull(marketSlippage, "marketSlippage");
        Objects.requireNonNull(nonceDirectory, "nonceDirectory");
        Objects.requireNonNull(keystorePollInterval, "keystorePollInterval");
        Objects.requireNonNull(midMaxAge, "midMaxAge");
        Objects.requireNonNull(timeouts, "timeouts");
        Objects.requireNonNull(rateLimit, "rateLimit");
        accounts = List.copyOf(accounts);
    }

    /**
     * Network timeouts.
     *
     * @param connect      TCP/TLS connect
     * @param request      a REST answer once the request is written
     * @param wsPing       WebSocket application ping interval
     * @param reconnectMin first WebSocket reconnect delay
     * @param reconnectMax largest WebSocket reconnect delay
     */
    public record Timeouts(Duration connect, Duration request, Duration wsPing, Duration reconnectMin,
                           Duration reconnectMax) {
    }

    /**
     * Rate limits.
     *
     * @param weightPerMinute the IP weight budget per minute
     * @param addressBudget   the per-address budget's starting count, or null to read it from userRateLimit at
     *                        connect; either way it is read again from userRateLimit on a timer and when used up
     * @param maxWait         how long a request may wait for weight
     */
    public record RateLimits(int weightPerMinute, Long addressBudget, Duration maxWait) {
    }

    /** Where an account's private key comes from. Its {@code toString} never shows a key or passphrase. */
    public sealed interface KeySource {
        /** The key itself, usually from {@code ${HYPERLIQUID_PRIVATE_KEY}}. */
        record Inline(Secret privateKey) implements KeySource {
            public Inline {
                Objects.requireNonNull(privateKey, "privateKey");
            }

            @Override
            public String toString() {
                return "Inline[privateKey=***]";
            }
        }

        /**
         * An encrypted V3 keystore file, its passphrase from an environment variable or a file
         * (exactly one of them is set).
         */
        record Keystore(Path file, String passphraseEnv, Path passphraseFile) implements KeySource {
            public Keystore {
                Objects.requireNonNull(file, "file");
                if ((passphraseEnv == null) == (passphraseFile == null)) {
                    throw new IllegalArgumentException("exactly one of passphraseEnv and passphraseFile");
                }
            }
        }
    }

    /**
     * One account.
     *
     * @param name         the account's name (FIX Account(1))
     * @param user         the account address, or null for the signer's own address
     * @param vaultAddress the vault or sub-account traded for, or null
     * @param key          where the signing key comes from
     */
    public record Account(String name, EthAddress user, EthAddress vaultAddress, KeySource key) {
        public Account {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(key, "key");
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
     * @throws VenueConfigException naming the setting that is missing or wrong (never quoting a key)
     */
    public static HyperliquidConfig from(VenueSettings settings) {
        ConfigView venue = settings.settings().requireOnly(VENUE_KEYS);
        boolean testnet = venue.bool("testnet", false);
        String restUrl = venue.url("restUrl", testnet ? TESTNET_REST : MAINNET_REST, "http");
        String wsUrl = venue.url("wsUrl", testnet ? TESTNET_WS : MAINNET_WS, "ws");
        BigDecimal slippage = venue.decimal("marketSlippage", DEFAULT_MARKET_SLIPPAGE);
        if (slippage.signum() <= 0 || slippage.compareTo(BigDecimal.ONE) >= 0) {
            throw venue.error("marketSlippage", "must be above 0 and below 1 (0.05 is 5 %), got "
                    + slippage.toPlainString());
        }
        Path nonces = venue.file("nonceDirectory", DEFAULT_NONCE_DIRECTORY.toString());
        Duration poll = positive(venue, "keystorePollInterval", DEFAULT_KEYSTORE_POLL);
        Duration midMaxAge = positive(venue, "midMaxAge", DEFAULT_MID_MAX_AGE);

        ConfigView t = venue.section("timeouts").requireOnly(TIMEOUT_KEYS);
        Timeouts timeouts = new Timeouts(positive(t, "connect", DEFAULT_CONNECT), positive(t, "request", DEFAULT_REQUEST),
                positive(t, "wsPing", DEFAULT_WS_PING), positive(t, "reconnectMin", DEFAULT_RECONNECT_MIN),
                positive(t, "reconnectMax", DEFAULT_RECONNECT_MAX));
        if (timeouts.wsPing().compareTo(Duration.ofSeconds(60)) >= 0) {
            throw t.error("wsPing", "must be below 60s: Hyperliquid closes a WebSocket silent for 60 seconds");
        }
        if (timeouts.reconnectMax().compareTo(timeouts.reconnectMin()) < 0) {
            throw t.error("reconnectMax", "must not be below reconnectMin (" + Durations.compact(timeouts.reconnectMin())
                    + ")");
        }

        ConfigView r = venue.section("rateLimit").requireOnly(RATE_KEYS);
        Long budget = r.has("addressBudget") ? r.atLeast("addressBudget", r.longValue("addressBudget", 0), 1) : null;
        RateLimits rateLimits = new RateLimits(r.positiveInt("weightPerMinute", DEFAULT_WEIGHT_PER_MINUTE), budget,
                Durations.get(r, "maxWait", DEFAULT_RATE_LIMIT_MAX_WAIT));

        List<Account> accounts = new ArrayList<>();
        for (VenueSettings.Account a : settings.accounts()) {
            ConfigView view = a.settings().without("name").requireOnly(ACCOUNT_KEYS);
            if (accounts.stream().anyMatch(x -> x.name().equals(a.name()))) {
                throw new VenueConfigException(view.path() + ": account " + a.name() + " is listed twice");
            }
            accounts.add(new Account(a.name(), address(view, "user"), address(view, "vaultAddress"), keySource(view)));
        }
        if (accounts.isEmpty()) {
            throw new VenueConfigException(settings.settings().pathOf("accounts")
                    + ": list at least one account with privateKey or keystore");
        }
        return new HyperliquidConfig(testnet, restUrl, wsUrl, slippage, nonces, poll, midMaxAge, timeouts, rateLimits,
                accounts);
    }

    private static KeySource keySource(ConfigView view) {
        boolean inline = view.has("privateKey");
        boolean keystore = view.has("keystore");
        if (inline == keystore) {
            throw view.error(inline ? "keystore" : "privateKey", inline
                    ? "set either privateKey or keystore, not both"
                    : "missing; set privateKey (normally ${HYPERLIQUID_PRIVATE_KEY}) or keystore (a V3 keystore file)");
        }
        if (inline) {
            for (String k : List.of("passphraseEnv", "passphraseFile")) {
                if (view.has(k)) {
                    throw view.error(k, "only applies with keystore; privateKey needs no passphrase");
                }
            }
            return new KeySource.Inline(Secret.from(view, "privateKey"));
        }
        boolean env = view.has("passphraseEnv");
        boolean file = view.has("passphraseFile");
        if (env == file) {
            throw view.error(env ? "passphraseFile" : "passphraseEnv", env
                    ? "set either passphraseEnv or passphraseFile, not both"
                    : "missing; a keystore needs passphraseEnv (an environment variable's name) or passphraseFile");
        }
        return new KeySource.Keystore(view.file("keystore", null), env ? view.string("passphraseEnv") : null,
                file ? view.file("passphraseFile", null) : null);
    }

    private static EthAddress address(ConfigView view, String key) {
        if (!view.has(key)) {
            return null;
        }
        String text = view.string(key);
        try {
            return EthAddress.parse(text);
        } catch (IllegalArgumentException e) {
            throw view.error(key, "expected an address, 0x and 40 hex digits, got '" + text + "'");
        }
    }

    private static Duration positive(ConfigView view, String key, Duration fallback) {
        Duration d = Durations.get(view, key, fallback);
        if (d.isZero() || d.isNegative()) {
            throw view.error(key, "must be longer than zero");
        }
        return d;
    }
}

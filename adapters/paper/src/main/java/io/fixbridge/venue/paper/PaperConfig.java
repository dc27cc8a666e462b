package io.fixbridge.venue.paper;

import io.fixbridge.venue.ConfigView;
import io.fixbridge.venue.Instrument;
import io.fixbridge.venue.TradingStatus;
import io.fixbridge.venue.VenueConfigException;
import io.fixbridge.venue.VenueSettings;
import io.fixbridge.venue.paper.engine.FeeSchedule;
import io.fixbridge.venue.paper.engine.MarketInstrument;
import io.fixbridge.venue.paper.engine.SyntheticMarket;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The paper venue's settings, with every default in this one place. Immutable.
 *
 * <p>Read from the venue's section of gateway.yaml (without {@code name}, {@code type} and
 * {@code accounts}) and from each account's section. Unknown keys are refused, and every error
 * names the setting's path. All amounts and rates are decimals; quote them
 * ({@code "0.0002"}) so YAML keeps them exact.
 *
 * <pre>{@code
 * venues:
 *   - name: paper
 *     type: paper
 *     fees:                      # rates, fractions of notional
 *       maker: "0.0002"          # default 0.0002
 *       taker: "0.0005"          # default 0.0005
 *     leverage: 10               # perpetual initial margin = notional / leverage; default 10
 *     orderHistory: 10000        # done orders the engine keeps for status queries (the oldest go
 *                                # first, like a venue's history window); 0 keeps all; default 10000
 *     market:
 *       seed: 42                 # random-walk seed; default 42
 *       walkIntervalMs: 1000     # ms between walk steps; 0 = the mid never moves; default 1000
 *       levels: 10               # market-maker levels per side; default 10
 *       spreadTicks: 2           # best ask - best bid, in ticks; default 2
 *       levelSpacingTicks: 1     # distance between levels, in ticks; default 1
 *       stepTicks: 1             # largest walk step, in ticks (uniform in [-n, n]); default 1
 *       levelNotional: "30000"   # level quantity of instruments without levelQuantity:
 *                                # levelNotional / mid, rounded down to the lot; default 30000
 *     instruments:               # default: exactly the three below
 *       - symbol: BTC/USDT       # required; BASE/QUOTE (spot) or BASE/QUOTE:QUOTE (linear perpetual)
 *         type: spot             # optional: spot | linear-perpetual; must agree with the symbol
 *         venueSymbol: BTCUSDT   # optional; default BASEQUOTE, or BASEQUOTE-PERP for perpetuals
 *         tick: "0.01"           # required: price increment
 *         lot: "0.00001"         # required: quantity increment
 *         minQty: "0.00001"      # default: the lot
 *         maxQty: "9000"         # default 1000000
 *         minNotional: "5"       # default 0 (no minimum)
 *         mid: "60000"           # required: starting mid, a multiple of the tick
 *         levelQuantity: "0.5"   # market-maker quantity per level; default from levelNotional
 *         status: trading        # trading | halted | delisted; default trading
 *       - { symbol: ETH/USDT, tick: "0.01", lot: "0.0001", minQty: "0.0001", maxQty: "9000",
 *           minNotional: "5", mid: "3000", levelQuantity: "5" }
 *       - { symbol: BTC/USDT:USDT, tick: "0.1", lot: "0.001", minQty: "0.001", maxQty: "1000",
 *           minNotional: "5", mid: "60000", levelQuantity: "0.5" }
 *     accounts:                  # default: one account "main" with the balances below
 *       - name: main
 *         balances: { USDT: "1000000", BTC: "10", ETH: "100" }   # default when absent
 * }</pre>
 *
 * @param fees           maker and taker fee rates
 * @param leverage       perpetual leverage for the initial-margin check
 * @param walkIntervalMs milliseconds between random-walk steps; zero: the mid never moves
 * @param market         market-maker settings
 * @param instruments    instruments with their starting mid and level quantity, in file order
 * @param accounts       accounts with their starting balances, in file order
 * @param orderHistory   how many done orders the engine keeps (0: all)
 */
public record PaperConfig(FeeSchedule fees, BigDecimal leverage, long walkIntervalMs, SyntheticMarket.Settings market,
                          List<MarketInstrument> instruments, List<AccountConfig> accounts, int orderHistory) {

    public static final BigDecimal DEFAULT_MAKER_FEE = new BigDecimal("0.0002");
    public static final BigDecimal DEFAULT_TAKER_FEE = new BigDecimal("0.0005");
    public static final BigDecimal DEFAULT_LEVERAGE = BigDecimal.TEN;
    public static final long DEFAULT_SEED = 42;
    public static final long DEFAULT_WALK_INTERVAL_MS = 1000;
    public static final int DEFAULT_LEVELS = 10;
    public static final int DEFAULT_SPREAD_TICKS = 2;
    public static final int DEFAULT_LEVEL_SPACING_TICKS = 1;
    public static final int DEFAULT_STEP_TICKS = 1;
    public static final BigDecimal DEFAULT_LEVEL_NOTIONAL = new BigDecimal("30000");
    public static final BigDecimal DEFAULT_MAX_QTY = new BigDecimal("1000000");
    public static final String DEFAULT_ACCOUNT = "main";
    public static final int DEFAULT_ORDER_HISTORY = 10_000;

    /** Starting balances of an account that states none. */
    public static final Map<String, BigDecimal> DEFAULT_BALANCES = ordered(Map.of(
            "USDT", new BigDecimal("1000000"), "BTC", new BigDecimal("10"), "ETH", new BigDecimal("100")),
            List.of("USDT", "BTC", "ETH"));

    private static final List<Map<String, Object>> DEFAULT_INSTRUMENTS = List.of(
            instrument("BTC/USDT", "spot", "0.01", "0.00001", "9000", "60000", "0.5"),
            instrument("ETH/USDT", "spot", "0.01", "0.0001", "9000", "3000", "5"),
            instrument("BTC/USDT:USDT", "linear-perpetual", "0.1", "0.001", "1000", "60000", "0.5"));

    private static final Set<String> VENUE_KEYS = Set.of("fees", "leverage", "market", "instruments", "orderHistory");
    private static final Set<String> FEE_KEYS = Set.of("maker", "taker");
    private static final Set<String> MARKET_KEYS = Set.of("seed", "walkIntervalMs", "levels", "spreadTicks",
            "levelSpacingTicks", "stepTicks", "levelNotional");
    private static final Set<String> INSTRUMENT_KEYS = Set.of("symbol", "type", "venueSymbol", "tick", "lot", "minQty",
            "maxQty", "minNotional", "mid", "levelQuantity", "status");
    private static final Set<String> ACCOUNT_KEYS = Set.of("name", "balances");

    public PaperConfig {
        Objects.requireNonNull(fees, "fees");
        Objects.requireNonNull(leverage, "leverage");
        Objects.requireNonNull(market, "market");
        instruments = List.copyOf(instruments);
        accounts = List.copyOf(accounts);
    }

    /**
     * One account.
     *
     * @param name     the account's name (FIX Account(1))
     * @param balances starting balances, asset to amount, in file order
     */
    public record AccountConfig(String name, Map<String, BigDecimal> balances) {
        public AccountConfig {
            Objects.requireNonNull(name, "name");
            balances = Collections.unmodifiableMap(new LinkedHashMap<>(balances));
        }
    }

    /** Every default: the three default instruments and the account "main". */
    public static PaperConfig defaults() {
        return from(new VenueSettings("paper", PaperAdapterFactory.TYPE, ConfigView.empty("venues[paper]"), List.of()));
    }

    /**
     * Reads and validates the settings.
     *
     * @throws VenueConfigException naming the setting that is missing or wrong
     */
    public static PaperConfig from(VenueSettings settings) {
        ConfigView venue = settings.settings().requireOnly(VENUE_KEYS);

        ConfigView feeView = venue.section("fees").requireOnly(FEE_KEYS);
        FeeSchedule fees = new FeeSchedule(rate(feeView, "maker", DEFAULT_MAKER_FEE),
                rate(feeView, "taker", DEFAULT_TAKER_FEE));

        BigDecimal leverage = venue.has("leverage") ? venue.positiveDecimal("leverage") : DEFAULT_LEVERAGE;

        ConfigView marketView = venue.section("market").requireOnly(MARKET_KEYS);
        long walkIntervalMs = atLeast(marketView, "walkIntervalMs", marketView.longValue("walkIntervalMs",
                DEFAULT_WALK_INTERVAL_MS), 0);
        SyntheticMarket.Settings market = new SyntheticMarket.Settings(
                marketView.longValue("seed", DEFAULT_SEED),
                (int) atLeast(marketView, "levels", marketView.intValue("levels", DEFAULT_LEVELS), 1),
                (int) atLeast(marketView, "spreadTicks", marketView.intValue("spreadTicks", DEFAULT_SPREAD_TICKS), 1),
                (int) atLeast(marketView, "levelSpacingTicks",
                        marketView.intValue("levelSpacingTicks", DEFAULT_LEVEL_SPACING_TICKS), 1),
                (int) atLeast(marketView, "stepTicks", marketView.intValue("stepTicks", DEFAULT_STEP_TICKS), 0));
        BigDecimal levelNotional = marketView.has("levelNotional")
                ? marketView.positiveDecimal("levelNotional") : DEFAULT_LEVEL_NOTIONAL;

        List<ConfigView> instrumentViews = venue.has("instruments")
                ? venue.sections("instruments", "symbol")
                : defaultInstrumentViews(venue.pathOf("instruments"));
        if (instrumentViews.isEmpty()) {
            throw venue.error("instruments", "lists no instrument; list at least one, or leave the setting out "
                    + "for the defaults (BTC/USDT, ETH/USDT, BTC/USDT:USDT)");
        }
        List<MarketInstrument> instruments = new ArrayList<>(instrumentViews.size());
        Set<String> symbols = new HashSet<>();
        for (ConfigView view : instrumentViews) {
            MarketInstrument mi = instrument(view, market, levelNotional);
            if (!symbols.add(mi.instrument().symbol())) {
                throw view.error("symbol", mi.instrument().symbol() + " is listed twice");
            }
            instruments.add(mi);
        }

        List<AccountConfig> accounts = new ArrayList<>();
        for (VenueSettings.Account account : settings.accounts()) {
            ConfigView view = account.settings().requireOnly(ACCOUNT_KEYS);
            if (accounts.stream().anyMatch(a -> a.name().equals(account.name()))) {
                throw new VenueConfigException(view.path() + ": account " + account.name() + " is listed twice");
            }
            accounts.add(new AccountConfig(account.name(), view.has("balances") ? balances(view) : DEFAULT_BALANCES));
        }
        if (accounts.isEmpty()) {
            accounts.add(new AccountConfig(DEFAULT_ACCOUNT, DEFAULT_BALANCES));
        }
        int orderHistory = (int) atLeast(venue, "orderHistory", venue.intValue("orderHistory", DEFAULT_ORDER_HISTORY), 0);
        return new PaperConfig(fees, leverage, walkIntervalMs, market, instruments, accounts, orderHistory);
    }

    /** The instruments alone, in file order. */
    public List<Instrument> instrumentList() {
        return instruments.stream().map(MarketInstrument::instrument).toList();
    }

    private static MarketInstrument instrument(ConfigView view, SyntheticMarket.Settings market,
                                               BigDecimal levelNotional) {
        view.requireOnly(INSTRUMENT_KEYS);
        String symbol = view.string("symbol");
        UnifiedSymbol parsed;
        try {
            parsed = UnifiedSymbol.parse(symbol);
        } catch (IllegalArgumentException e) {
            throw view.error("symbol", e.getMessage());
        }
        if (view.has("type")) {
            String type = view.string("type").toLowerCase(Locale.ROOT);
            if (!type.equals("spot") && !type.equals("linear-perpetual")) {
                throw view.error("type", "expected spot or linear-perpetual, got '" + type + "'");
            }
            if (!type.equals(UnifiedSymbol.typeName(parsed.type()))) {
                throw view.error("type", "'" + type + "' does not match the symbol " + symbol + ", which is "
                        + UnifiedSymbol.typeName(parsed.type()));
            }
        }
        BigDecimal tick = view.positiveDecimal("tick");
        BigDecimal lot = view.positiveDecimal("lot");
        BigDecimal minQty = view.has("minQty") ? view.positiveDecimal("minQty") : lot;
        BigDecimal maxQty = view.has("maxQty") ? view.positiveDecimal("maxQty") : DEFAULT_MAX_QTY;
        if (maxQty.compareTo(minQty) < 0) {
            throw view.error("maxQty", maxQty.toPlainString() + " is below minQty " + minQty.toPlainString());
        }
        BigDecimal minNotional = view.decimal("minNotional", BigDecimal.ZERO);
        if (minNotional.signum() < 0) {
            throw view.error("minNotional", "must not be negative, got " + minNotional.toPlainString());
        }
        Instrument instrument = Instrument.builder()
                .symbol(symbol)
                .venueSymbol(view.string("venueSymbol", parsed.venueSymbol()))
                .marketType(parsed.type())
                .baseAsset(parsed.base())
                .quoteAsset(parsed.quote())
                .settleAsset(parsed.settle())
                .tickSize(tick)
                .lotSize(lot)
                .minQuantity(minQty)
                .maxQuantity(maxQty)
                .minNotional(minNotional)
                .status(status(view))
                .build();

        BigDecimal mid = view.positiveDecimal("mid");
        if (!instrument.isOnTick(mid)) {
            throw view.error("mid", mid.toPlainString() + " is not a multiple of the tick " + tick.toPlainString());
        }
        long ladderTicks = market.spreadTicks() / 2 + (long) (market.levels() - 1) * market.levelSpacingTicks() + 1;
        BigDecimal lowestMid = tick.multiply(BigDecimal.valueOf(ladderTicks));
        if (mid.compareTo(lowestMid) < 0) {
            throw view.error("mid", mid.toPlainString() + " is too low for " + market.levels()
                    + " market-maker levels; it must be at least " + lowestMid.toPlainString());
        }
        BigDecimal levelQuantity;
        if (view.has("levelQuantity")) {
            levelQuantity = view.positiveDecimal("levelQuantity");
            if (!instrument.isOnLot(levelQuantity)) {
                throw view.error("levelQuantity", levelQuantity.toPlainString() + " is not a multiple of the lot "
                        + lot.toPlainString());
            }
        } else {
            BigDecimal lots = levelNotional.divide(mid.multiply(lot), 0, RoundingMode.DOWN);
            levelQuantity = lots.multiply(lot).max(minQty);
        }
        return new MarketInstrument(instrument, mid, levelQuantity);
    }

    private static TradingStatus status(ConfigView view) {
        String status = view.string("status", "trading").toLowerCase(Locale.ROOT);
        return switch (status) {
            case "trading" -> TradingStatus.TRADING;
            case "halted" -> TradingStatus.HALTED;
            case "delisted" -> TradingStatus.DELISTED;
            default -> throw view.error("status", "expected trading, halted or delisted, got '" + status + "'");
        };
    }

    private static Map<String, BigDecimal> balances(ConfigView account) {
        Map<String, BigDecimal> balances = account.decimals("balances");
        ConfigView section = account.section("balances");
        balances.forEach((asset, amount) -> {
            if (amount.signum() < 0) {
                throw section.error(asset, "a starting balance must not be negative, got " + amount.toPlainString());
            }
        });
        return balances;
    }

    private static BigDecimal rate(ConfigView view, String key, BigDecimal fallback) {
        BigDecimal rate = view.decimal(key, fallback);
        if (rate.signum() < 0 || rate.compareTo(BigDecimal.ONE) >= 0) {
            throw view.error(key, "a fee rate is a fraction of notional from 0 up to (not including) 1, such as "
                    + "0.0005 for 5 basis points; got " + rate.toPlainString());
        }
        return rate;
    }

    private static long atLeast(ConfigView view, String key, long value, long min) {
        if (value < min) {
            throw view.error(key, "must be at least " + min + ", got " + value);
        }
        return value;
    }

    private static List<ConfigView> defaultInstrumentViews(String path) {
        List<ConfigView> views = new ArrayList<>(DEFAULT_INSTRUMENTS.size());
        for (Map<String, Object> values : DEFAULT_INSTRUMENTS) {
            views.add(new ConfigView(path + "[" + values.get("symbol") + "]", values));
        }
        return views;
    }

    private static Map<String, Object> instrument(String symbol, String type, String tick, String lot, String maxQty,
                                                  String mid, String levelQuantity) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("symbol", symbol);
        values.put("type", type);
        values.put("tick", tick);
        values.put("lot", lot);
        values.put("minQty", lot);
        values.put("maxQty", maxQty);
        values.put("minNotional", "5");
        values.put("mid", mid);
        values.put("levelQuantity", levelQuantity);
        return Collections.unmodifiableMap(values);
    }

    private static <V> Map<String, V> ordered(Map<String, V> values, List<String> order) {
        Map<String, V> out = new LinkedHashMap<>();
        order.forEach(k -> out.put(k, values.get(k)));
        return Collections.unmodifiableMap(out);
    }
}

package io.fixbridge.venue.ccxt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fixbridge.venue.Balance;
import io.fixbridge.venue.BookSnapshot;
import io.fixbridge.venue.Instrument;
import io.fixbridge.venue.Liquidity;
import io.fixbridge.venue.MarketTrade;
import io.fixbridge.venue.MarketType;
import io.fixbridge.venue.OrderEvent;
import io.fixbridge.venue.OrderRequest;
import io.fixbridge.venue.OrderSnapshot;
import io.fixbridge.venue.OrderType;
import io.fixbridge.venue.Position;
import io.fixbridge.venue.PriceLevel;
import io.fixbridge.venue.ReferencePrice;
import io.fixbridge.venue.ReplaceMode;
import io.fixbridge.venue.Side;
import io.fixbridge.venue.TimeInForce;
import io.fixbridge.venue.TradingStatus;
import io.fixbridge.venue.TriggerDirection;
import io.fixbridge.venue.VenueCapabilities;
import io.fixbridge.venue.ccxt.dto.CcxtBook;
import io.fixbridge.venue.ccxt.dto.CcxtMarket;
import io.fixbridge.venue.ccxt.dto.CcxtOrder;
import io.fixbridge.venue.ccxt.dto.CcxtPosition;
import io.fixbridge.venue.ccxt.dto.CcxtPrice;
import io.fixbridge.venue.ccxt.dto.CcxtPublicTrade;
import io.fixbridge.venue.ccxt.dto.CcxtTrade;
import io.fixbridge.venue.kit.json.VenueJson;
import io.fixbridge.venue.kit.rules.Decimals;

import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Pure functions between ccxt's unified structures (as the sidecar sends them) and the venue model.
 * Stateless and thread-safe; throws {@link UnknownVenueValueException} for a value it does not know
 * rather than guess, and {@link IllegalArgumentException} for a market it cannot describe.
 */
public final class CcxtTranslator {

    /** The largest quantity assumed when ccxt knows no maximum. */
    static final BigDecimal NO_MAX_QUANTITY = new BigDecimal("1000000000000");
    /** The tick and lot assumed under SIGNIFICANT_DIGITS, where ccxt gives digits, not steps. */
    static final BigDecimal SIGNIFICANT_DIGITS_STEP = new BigDecimal("1E-8");

    private CcxtTranslator() {
    }

    /** ccxt's precision modes ({@code exchange.precisionMode}). */
    public enum PrecisionMode {
        /** precision is a number of decimals: the step is 10^-n. */
        DECIMAL_PLACES,
        /** precision is a number of significant digits. */
        SIGNIFICANT_DIGITS,
        /** precision is the step itself. */
        TICK_SIZE;

        /** Strict: anything else fails. */
        public static PrecisionMode parse(String text) {
            for (PrecisionMode m : values()) {
                if (m.name().equals(text)) {
                    return m;
                }
            }
            throw new UnknownVenueValueException("unknown ccxt precisionMode '" + text + "'");
        }
    }

    // ------------------------------------------------------------------ markets

    /**
     * The market type of a ccxt market; empty for what the venue model has no type for (options,
     * margin-only or unknown kinds).
     */
    public static Optional<MarketType> marketType(CcxtMarket m) {
        String type = m.type() == null ? "" : m.type();
        boolean inverse = Boolean.TRUE.equals(m.inverse());
        boolean linear = Boolean.TRUE.equals(m.linear());
        return switch (type) {
            case "spot" -> Optional.of(MarketType.SPOT);
            case "swap" -> linear ? Optional.of(MarketType.LINEAR_PERPETUAL)
                    : inverse ? Optional.of(MarketType.INVERSE_PERPETUAL) : Optional.empty();
            case "future" -> linear ? Optional.of(MarketType.LINEAR_FUTURE)
                    : inverse ? Optional.of(MarketType.INVERSE_FUTURE) : Optional.empty();
            default -> Optional.empty();
        };
    }

    /**
     * The instrument of a ccxt market: the unified symbol, ccxt's id as the venue symbol, tick and lot per
     * {@code mode} (TICK_SIZE: the steps themselves; DECIMAL_PLACES: 10^-n; SIGNIFICANT_DIGITS: the digits
     * become {@link Instrument#significantFigures()} and the steps {@link #SIGNIFICANT_DIGITS_STEP}),
     * limits to minimum and maximum quantity and minimum notional, {@code active: false} to HALTED. Empty
     * for market types the venue model has no type for.
     *
     * @throws IllegalArgumentException when the market lacks its price or amount precision
     */
    public static Optional<Instrument> instrument(CcxtMarket m, PrecisionMode mode) {
        Optional<MarketType> type = marketType(m);
        if (type.isEmpty()) {
            return Optional.empty();
        }
        if (m.precision() == null || m.precision().price() == null || m.precision().amount() == null) {
            throw new IllegalArgumentException("market " + m.symbol() + " has no price or amount precision");
        }
        BigDecimal tick = step(m.precision().price(), mode);
        BigDecimal lot = step(m.precision().amount(), mode);
        int figures = mode == PrecisionMode.SIGNIFICANT_DIGITS ? m.precision().price().intValueExact() : 0;
        CcxtMarket.MinMax amount = m.limits() == null ? null : m.limits().amount();
        CcxtMarket.MinMax cost = m.limits() == null ? null : m.limits().cost();
        BigDecimal min = amount != null && amount.min() != null && amount.min().signum() > 0 ? amount.min() : lot;
        BigDecimal max = amount != null && amount.max() != null && amount.max().signum() > 0 ? amount.max()
                : NO_MAX_QUANTITY;
        BigDecimal minNotional = cost != null && cost.min() != null && cost.min().signum() > 0 ? cost.min()
                : BigDecimal.ZERO;
        BigDecimal contractSize = m.contractSize() != null && m.contractSize().signum() > 0 ? m.contractSize()
                : BigDecimal.ONE;
        String settle = m.settle() != null ? m.settle() : m.quote();
        return Optional.of(Instrument.builder().symbol(m.symbol()).venueSymbol(m.id()).marketType(type.get())
                .baseAsset(m.base()).quoteAsset(m.quote()).settleAsset(settle).tickSize(tick)
                .significantFigures(figures).lotSize(lot).minQuantity(min).maxQuantity(max).minNotional(minNotional)
                .contractSize(contractSize)
                .status(Boolean.FALSE.equals(m.active()) ? TradingStatus.HALTED : TradingStatus.TRADING).build());
    }

    private static BigDecimal step(BigDecimal precision, PrecisionMode mode) {
        return switch (mode) {
            case TICK_SIZE -> precision.stripTrailingZeros();
            case DECIMAL_PLACES -> BigDecimal.ONE.scaleByPowerOfTen(-precision.intValueExact());
            case SIGNIFICANT_DIGITS -> SIGNIFICANT_DIGITS_STEP;
        };
    }

    // ------------------------------------------------------------------ capabilities

    /** The key of a market type in ccxt's {@code features}: {@code spot}, {@code swap.linear}, ... */
    static String[] featurePath(MarketType t) {
        return switch (t) {
            case SPOT -> new String[] {"spot"};
            case LINEAR_PERPETUAL -> new String[] {"swap", "linear"};
            case INVERSE_PERPETUAL -> new String[] {"swap", "inverse"};
            case LINEAR_FUTURE -> new String[] {"future", "linear"};
            case INVERSE_FUTURE -> new String[] {"future", "inverse"};
        };
    }

    /**
     * What {@code features} (ccxt's {@code exchange.features}) and {@code has} say market type {@code t}
     * accepts in createOrder; {@link OrderFeatures#BASIC} where ccxt describes nothing.
     */
    public static OrderFeatures orderFeatures(JsonNode has, JsonNode features, MarketType t) {
        JsonNode node = features == null ? null : features;
        for (String key : featurePath(t)) {
            node = node == null ? null : node.get(key);
        }
        JsonNode c = node == null ? null : node.get("createOrder");
        if (c == null || !c.isObject()) {
            return OrderFeatures.BASIC;
        }
        JsonNode tif = c.path("timeInForce");
        Set<TimeInForce> tifs = EnumSet.of(TimeInForce.GTC);
        if (tif.path("IOC").asBoolean(false)) {
            tifs.add(TimeInForce.IOC);
        }
        if (tif.path("FOK").asBoolean(false)) {
            tifs.add(TimeInForce.FOK);
        }
        boolean reduceOnly = t.isDerivative() && !isFalse(has, "createReduceOnlyOrder");
        return new OrderFeatures(c.path("triggerPrice").asBoolean(false), c.path("triggerDirection").asBoolean(false),
                c.path("stopLossPrice").asBoolean(false), c.path("takeProfitPrice").asBoolean(false), tifs,
                tif.path("PO").asBoolean(false), c.path("marketBuyByCost").asBoolean(false), reduceOnly);
    }

    private static boolean isFalse(JsonNode has, String key) {
        JsonNode v = has == null ? null : has.get(key);
        return v == null || v.isNull() || (v.isBoolean() && !v.asBoolean());
    }

    /** Whether {@code has.key} is {@code true} (not "emulated", not absent). */
    static boolean isTrue(JsonNode has, String key) {
        JsonNode v = has == null ? null : has.get(key);
        return v != null && v.isBoolean() && v.asBoolean();
    }

    /**
     * The venue's capabilities: the union over the market types it lists of what their features accept
     * (a market type's own limits are checked per order by {@link #unsupported}), replace as the exchange's
     * own editOrder where {@code has.editOrder} is true, else cancel-then-new done by the adapter. GTD,
     * iceberg and OCO are never offered: ccxt has no unified parameter for them.
     */
    public static VenueCapabilities capabilities(JsonNode has, JsonNode features, Set<MarketType> markets) {
        Set<OrderType> types = EnumSet.noneOf(OrderType.class);
        Set<TimeInForce> tifs = EnumSet.noneOf(TimeInForce.class);
        Set<MarketType> reduceOnly = EnumSet.noneOf(MarketType.class);
        boolean postOnly = false;
        boolean cash = false;
        boolean direction = false;
        if (!markets.isEmpty() && !isFalse(has, "createOrder")) {
            types.add(OrderType.LIMIT);
            types.add(OrderType.MARKET);
        }
        for (MarketType t : markets) {
            OrderFeatures f = orderFeatures(has, features, t);
            if (f.triggerPrice()) {
                types.add(OrderType.STOP);
                types.add(OrderType.STOP_LIMIT);
            }
            if (f.takeProfit()) {
                types.add(OrderType.TAKE_PROFIT);
            }
            tifs.addAll(f.timesInForce());
            postOnly |= f.postOnly();
            cash |= f.marketBuyByCost();
            direction |= f.triggerPrice() && f.triggerDirection();
            if (f.reduceOnly()) {
                reduceOnly.add(t);
            }
        }
        ReplaceMode replace = isTrue(has, "editOrder") ? ReplaceMode.NATIVE_AMEND : ReplaceMode.CANCEL_THEN_NEW;
        return new VenueCapabilities(markets, types, tifs, postOnly, reduceOnly, false, cash, direction, replace,
                false);
    }

    /** What {@code order} asks that market features {@code f} cannot do, each as a sentence; empty when fine. */
    public static List<String> unsupported(OrderRequest order, MarketType type, OrderFeatures f) {
        List<String> out = new ArrayList<>(2);
        String where = type + " markets of this exchange";
        if (!f.timesInForce().contains(order.timeInForce())) {
            out.add(where + " do not take time in force " + order.timeInForce() + " (they take "
                    + EnumSet.copyOf(f.timesInForce()) + ")");
        }
        if (order.postOnly() && !f.postOnly()) {
            out.add(where + " have no post-only orders");
        }
        if (order.reduceOnly() && !f.reduceOnly()) {
            out.add(where + " have no reduce-only orders");
        }
        switch (order.type()) {
            case STOP, STOP_LIMIT -> {
                if (!f.triggerPrice()) {
                    out.add(where + " have no stop orders through ccxt (features.createOrder.triggerPrice)");
                }
            }
            case TAKE_PROFIT -> {
                if (!f.takeProfit()) {
                    out.add(where + " have no take-profit orders through ccxt");
                }
            }
            default -> {
            }
        }
        if (order.triggerDirection() != null && order.type().requiresStopPrice() && !f.triggerDirection()
                && order.triggerDirection() != TriggerDirection.implied(order.type(), order.side())) {
            out.add(where + " take no explicit trigger direction (the exchange infers it from type and side)");
        }
        if (order.cashQuantity() != null && (!f.marketBuyByCost() || order.type() != OrderType.MARKET
                || order.side() != Side.BUY)) {
            out.add(f.marketBuyByCost() ? "only market buys can be sized in the quote currency (CashOrderQty)"
                    : where + " cannot size orders in the quote currency (CashOrderQty)");
        }
        if (order.displayQuantity() != null) {
            out.add("ccxt has no unified iceberg parameter (MaxFloor)");
        }
        if (order.timeInForce() == TimeInForce.GTD || order.expireTime() != null) {
            out.add("ccxt has no unified good-till-date parameter (ExpireTime)");
        }
        return out;
    }

    // ------------------------------------------------------------------ requests

    /**
     * The sidecar's {@code createOrder} parameters for {@code order} on {@code f}'s market type, after
     * {@link #unsupported} found nothing: unified type and side, the amount (the quote amount for a market
     * buy by cost, with {@code params.cost}), the price for limit types, and in {@code params}: always
     * {@code clientOrderId}; {@code timeInForce} IOC/FOK; {@code postOnly}; {@code reduceOnly}; stops as
     * {@code triggerPrice} (with {@code triggerDirection} "above"/"below" where the market takes it);
     * take-profit as {@code triggerPrice} with its direction where the market takes one, else
     * {@code takeProfitPrice}.
     */
    public static ObjectNode createOrder(String account, String symbol, OrderRequest order, OrderFeatures f) {
        ObjectNode p = VenueJson.mapper().createObjectNode();
        p.put("account", account);
        p.put("symbol", symbol);
        p.put("type", order.type().requiresPrice() ? "limit" : "market");
        p.put("side", side(order.side()));
        p.put("amount", Decimals.plain(order.quantity() != null ? order.quantity() : order.cashQuantity()));
        if (order.type().requiresPrice()) {
            p.put("price", Decimals.plain(order.price()));
        } else {
            p.putNull("price");
        }
        p.set("params", orderParams(order, f, order.clientOrderId()));
        return p;
    }

    /** The unified {@code params} of an order (create, or the replacement of an edit). */
    static ObjectNode orderParams(OrderRequest order, OrderFeatures f, String clientOrderId) {
        ObjectNode params = VenueJson.mapper().createObjectNode();
        if (clientOrderId != null) {
            params.put("clientOrderId", clientOrderId);
        }
        if (order.timeInForce() == TimeInForce.IOC || order.timeInForce() == TimeInForce.FOK) {
            params.put("timeInForce", order.timeInForce().name());
        }
        if (order.postOnly()) {
            params.put("postOnly", true);
        }
        if (order.reduceOnly()) {
            params.put("reduceOnly", true);
        }
        if (order.cashQuantity() != null) {
            params.put("cost", Decimals.plain(order.cashQuantity()));
        }
        if (order.type().requiresStopPrice()) {
            String stop = Decimals.plain(order.stopPrice());
            TriggerDirection dir = order.effectiveTriggerDirection();
            if (f.triggerPrice() && f.triggerDirection()) {
                params.put("triggerPrice", stop);
                params.put("triggerDirection", dir == TriggerDirection.RISES_ABOVE ? "above" : "below");
            } else if (order.type() == OrderType.TAKE_PROFIT) {
                params.put("takeProfitPrice", stop);
            } else {
                params.put("triggerPrice", stop);
            }
        }
        return params;
    }

    static String side(Side s) {
        return s == Side.BUY ? "buy" : "sell";
    }

    /** ccxt's side, strictly. */
    public static Side side(String s) {
        if ("buy".equals(s)) {
            return Side.BUY;
        }
        if ("sell".equals(s)) {
            return Side.SELL;
        }
        throw new UnknownVenueValueException("unknown ccxt order side '" + s + "'");
    }

    // ------------------------------------------------------------------ orders and trades

    /** ccxt's unified order statuses; anything else fails loudly. */
    public enum Status {
        OPEN, CLOSED, CANCELED, EXPIRED, REJECTED;

        /** Strict; null (ccxt does not know, e.g. an acknowledgement) stays null. */
        public static Status parse(String s) {
            if (s == null) {
                return null;
            }
            return switch (s) {
                case "open" -> OPEN;
                case "closed" -> CLOSED;
                case "canceled" -> CANCELED;
                case "expired" -> EXPIRED;
                case "rejected" -> REJECTED;
                default -> throw new UnknownVenueValueException("unknown ccxt order status '" + s + "'");
            };
        }

        public boolean terminal() {
            return this != OPEN;
        }
    }

    /** Liquidity from {@code takerOrMaker}; null when the exchange did not say (never guessed). */
    public static Liquidity liquidity(String takerOrMaker) {
        if (takerOrMaker == null) {
            return null;
        }
        return switch (takerOrMaker) {
            case "taker" -> Liquidity.TAKER;
            case "maker" -> Liquidity.MAKER;
            default -> throw new UnknownVenueValueException("unknown ccxt takerOrMaker '" + takerOrMaker + "'");
        };
    }

    /**
     * A trade as a fill of order {@code clientOrderId}: ExecID source = the trade id, the fee's cost and
     * currency as commission (zero and null without a fee).
     */
    public static OrderEvent.Fill fill(String account, String clientOrderId, CcxtTrade t, boolean orderFilled) {
        if (t.id() == null || t.amount() == null || t.price() == null) {
            throw new UnknownVenueValueException("a ccxt trade without id, amount or price: " + t);
        }
        BigDecimal commission = t.fee() != null && t.fee().cost() != null ? t.fee().cost() : BigDecimal.ZERO;
        String asset = t.fee() != null ? t.fee().currency() : null;
        return new OrderEvent.Fill(account, clientOrderId, t.order(), t.id(), t.amount(), t.price(), commission, asset,
                liquidity(t.takerOrMaker()), instant(t.timestamp()), orderFilled);
    }

    /** The snapshot of a ccxt order, with the fills given. */
    public static OrderSnapshot snapshot(String account, String clientOrderId, CcxtOrder o, List<OrderEvent.Fill> fills) {
        Status s = Status.parse(o.status());
        BigDecimal filled = o.filled() == null ? BigDecimal.ZERO : o.filled();
        OrderSnapshot.Status status;
        if (s == null) {
            status = OrderSnapshot.Status.NEW;
        } else {
            status = switch (s) {
                case OPEN -> filled.signum() > 0 ? OrderSnapshot.Status.PARTIALLY_FILLED : OrderSnapshot.Status.NEW;
                case CLOSED -> o.amount() == null || filled.compareTo(o.amount()) >= 0 ? OrderSnapshot.Status.FILLED
                        : OrderSnapshot.Status.EXPIRED;
                case CANCELED -> OrderSnapshot.Status.CANCELED;
                case EXPIRED -> OrderSnapshot.Status.EXPIRED;
                case REJECTED -> OrderSnapshot.Status.REJECTED;
            };
        }
        return new OrderSnapshot(account, clientOrderId, o.id(), o.symbol(), side(o.side()), status, o.amount(), filled,
                o.price(), fills);
    }

    static Instant instant(Long ms) {
        return ms == null ? Instant.now() : Instant.ofEpochMilli(ms);
    }

    // ------------------------------------------------------------------ balances and positions

    /** {@code fetchBalance}'s answer ({@code {"BTC": {"free","used","total"}}}): total and free per asset. */
    public static List<Balance> balances(JsonNode answer) {
        List<Balance> out = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = answer.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode total = e.getValue().get("total");
            if (total == null || total.isNull()) {
                continue;
            }
            JsonNode free = e.getValue().get("free");
            BigDecimal t = total.decimalValue();
            out.add(new Balance(e.getKey(), t, free == null || free.isNull() ? t : free.decimalValue()));
        }
        return List.copyOf(out);
    }

    /** ccxt positions: contracts signed by side (short negative); flat ones are left out. */
    public static List<Position> positions(List<CcxtPosition> positions) {
        List<Position> out = new ArrayList<>();
        for (CcxtPosition p : positions) {
            if (p.contracts() == null || p.contracts().signum() == 0) {
                continue;
            }
            String side = p.side() == null ? "" : p.side().toLowerCase(Locale.ROOT);
            BigDecimal qty = switch (side) {
                case "long" -> p.contracts().abs();
                case "short" -> p.contracts().abs().negate();
                default -> throw new UnknownVenueValueException("unknown ccxt position side '" + p.side() + "' of "
                        + p.symbol());
            };
            out.add(new Position(p.symbol(), qty, p.entryPrice() == null ? BigDecimal.ZERO : p.entryPrice(),
                    p.realizedPnl() == null ? BigDecimal.ZERO : p.realizedPnl()));
        }
        return List.copyOf(out);
    }

    // ------------------------------------------------------------------ reference prices

    /**
     * The {@code prices} of the sidecar's {@code fetchReferencePrices} answer as reference prices, one per market
     * that has one (see {@link #referencePrice}), as of {@code receivedAt}.
     */
    public static List<ReferencePrice> referencePrices(List<CcxtPrice> prices, Instant receivedAt) {
        List<ReferencePrice> out = new ArrayList<>();
        for (CcxtPrice p : prices) {
            referencePrice(p, receivedAt).ifPresent(out::add);
        }
        return List.copyOf(out);
    }

    /**
     * A market's reference price: the mid of bid and ask when both are positive and not crossed, else the mark
     * price, else the last trade price; empty when it has none of them (or no symbol). As of {@code receivedAt},
     * the answer's receipt: a polled snapshot says what the book is now, while a ticker's own time can be the
     * book's last change (Binance's bookTicker), long ago on a quiet market whose prices are still current.
     */
    public static Optional<ReferencePrice> referencePrice(CcxtPrice p, Instant receivedAt) {
        if (p.symbol() == null || p.symbol().isEmpty()) {
            return Optional.empty();
        }
        if (positive(p.bid()) && positive(p.ask()) && p.bid().compareTo(p.ask()) <= 0) {
            BigDecimal mid = p.bid().add(p.ask()).divide(BigDecimal.valueOf(2), MathContext.DECIMAL64);
            return Optional.of(new ReferencePrice(p.symbol(), mid, ReferencePrice.Kind.MID, receivedAt));
        }
        if (positive(p.mark())) {
            return Optional.of(new ReferencePrice(p.symbol(), p.mark(), ReferencePrice.Kind.MARK, receivedAt));
        }
        if (positive(p.last())) {
            return Optional.of(new ReferencePrice(p.symbol(), p.last(), ReferencePrice.Kind.LAST, receivedAt));
        }
        return Optional.empty();
    }

    // ------------------------------------------------------------------ market data

    /**
     * The sidecar's {@code book} event as a book of at most {@code depth} levels per side: {@code resynced} when
     * the adapter knows the book was rebuilt or the sidecar says so; the venue's time, else {@code receivedAt}.
     *
     * @throws UnknownVenueValueException for a level that is not a positive {@code [price, size]}, or sides out of
     *         order (a bid at or above the one before it, an ask at or below)
     */
    public static BookSnapshot book(CcxtBook b, int depth, boolean resynced, Instant receivedAt, long receivedNanos) {
        if (b.symbol() == null || b.symbol().isEmpty()) {
            throw new UnknownVenueValueException("a ccxt book without a symbol");
        }
        Instant venueTime = b.timestamp() != null && b.timestamp() > 0 ? Instant.ofEpochMilli(b.timestamp()) : receivedAt;
        try {
            return new BookSnapshot(b.symbol(), levels(b.symbol(), b.bids(), depth), levels(b.symbol(), b.asks(), depth),
                    resynced || Boolean.TRUE.equals(b.resynced()), venueTime, receivedNanos);
        } catch (IllegalArgumentException e) {
            throw new UnknownVenueValueException("a ccxt book of " + b.symbol() + " that is not a book: " + e.getMessage());
        }
    }

    private static List<PriceLevel> levels(String symbol, List<List<BigDecimal>> side, int depth) {
        List<PriceLevel> out = new ArrayList<>(Math.min(depth, side.size()));
        for (List<BigDecimal> level : side) {
            if (out.size() == depth) {
                break;
            }
            if (level == null || level.size() < 2 || level.get(0) == null || level.get(1) == null) {
                throw new UnknownVenueValueException("a ccxt book level of " + symbol + " is not [price, size]: " + level);
            }
            out.add(new PriceLevel(level.get(0), level.get(1)));
        }
        return out;
    }

    /**
     * A public trade of {@code symbol}: ccxt's {@code side} (the taker's) as the aggressor (null where the venue
     * does not say), its time, else {@code receivedAt}. Empty for a trade without id, or without a positive price
     * and amount (nothing a subscriber could use).
     */
    public static Optional<MarketTrade> publicTrade(String symbol, CcxtPublicTrade t, Instant receivedAt,
                                                    long receivedNanos) {
        if (t.id() == null || t.id().isEmpty() || !positive(t.price()) || !positive(t.amount())) {
            return Optional.empty();
        }
        Side aggressor = t.side() == null ? null : side(t.side());
        Instant time = t.timestamp() != null && t.timestamp() > 0 ? Instant.ofEpochMilli(t.timestamp()) : receivedAt;
        return Optional.of(new MarketTrade(symbol, t.id(), t.price(), t.amount(), aggressor, time, receivedNanos));
    }

    private static boolean positive(BigDecimal v) {
        return v != null && v.signum() > 0;
    }
}

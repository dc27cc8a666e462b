package io.fixbridge.venue.hyperliquid;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fixbridge.venue.Balance;
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
import io.fixbridge.venue.Side;
import io.fixbridge.venue.TimeInForce;
import io.fixbridge.venue.TradingStatus;
import io.fixbridge.venue.VenueError;
import io.fixbridge.venue.hyperliquid.dto.AllMids;
import io.fixbridge.venue.hyperliquid.dto.ClearinghouseState;
import io.fixbridge.venue.hyperliquid.dto.L2Book;
import io.fixbridge.venue.hyperliquid.dto.Meta;
import io.fixbridge.venue.hyperliquid.dto.OrderUpdate;
import io.fixbridge.venue.hyperliquid.dto.SpotClearinghouseState;
import io.fixbridge.venue.hyperliquid.dto.SpotMeta;
import io.fixbridge.venue.hyperliquid.dto.UserFill;
import io.fixbridge.venue.hyperliquid.dto.VenueOrder;
import io.fixbridge.venue.hyperliquid.dto.WsTrade;
import io.fixbridge.venue.kit.rules.Decimals;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Pure functions between the venue-neutral model and Hyperliquid's wire: instruments from meta and
 * spotMeta, order/cancel/modify actions with Hyperliquid's exact key order, and answers, stream
 * entries and fills to order events and snapshots; {@code l2Book} sides and {@code trades} entries to
 * market data. No I/O, no state; thread-safe.
 */
public final class HyperliquidTranslator {
    /** Hyperliquid's minimum order value, USDC. */
    public static final BigDecimal MIN_NOTIONAL = BigDecimal.TEN;
    /** Significant figures of Hyperliquid prices. */
    public static final int SIGNIFICANT_FIGURES = 5;
    /** The perpetuals' quote and settle asset. */
    public static final String USDC = "USDC";
    private static final BigDecimal MAX_QUANTITY = new BigDecimal("1000000000000");
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final Pattern PLAIN_DECIMAL = Pattern.compile("[0-9]+(\\.[0-9]+)?");

    private HyperliquidTranslator() {
    }

    // ------------------------------------------------------------------ instruments

    /** The perpetual markets of a meta answer: {@code BTC/USDC:USDC}, asset id = universe index. */
    public static List<HyperliquidMarket> perpMarkets(Meta meta) {
        List<HyperliquidMarket> out = new ArrayList<>();
        List<Meta.PerpAsset> universe = meta.universe();
        for (int i = 0; i < universe.size(); i++) {
            Meta.PerpAsset a = universe.get(i);
            Instrument inst = Instrument.builder().symbol(a.name() + "/" + USDC + ":" + USDC).venueSymbol(a.name())
                    .marketType(MarketType.LINEAR_PERPETUAL).baseAsset(a.name()).quoteAsset(USDC).settleAsset(USDC)
                    .tickSize(BigDecimal.ONE.movePointLeft(Math.max(0, 6 - a.szDecimals())))
                    .significantFigures(SIGNIFICANT_FIGURES)
                    .lotSize(BigDecimal.ONE.movePointLeft(a.szDecimals())).maxQuantity(MAX_QUANTITY)
                    .minNotional(MIN_NOTIONAL)
                    .status(Boolean.TRUE.equals(a.isDelisted()) ? TradingStatus.DELISTED : TradingStatus.TRADING)
                    .build();
            out.add(new HyperliquidMarket(inst, i, a.name(), false, a.szDecimals()));
        }
        return out;
    }

    /**
     * The spot markets of a spotMeta answer: {@code PURR/USDC} from the token names (also for pairs
     * named {@code @N}), venue symbol = the pair's name, asset id = 10000 + pair index, tick
     * 10^-(8 - base szDecimals). Pairs naming an unknown token are left out.
     */
    public static List<HyperliquidMarket> spotMarkets(SpotMeta spot) {
        Map<Integer, SpotMeta.Token> tokens = new LinkedHashMap<>();
        spot.tokens().forEach(t -> tokens.put(t.index(), t));
        List<HyperliquidMarket> out = new ArrayList<>();
        for (SpotMeta.Pair p : spot.universe()) {
            if (p.tokens().size() != 2) {
                continue;
            }
            SpotMeta.Token base = tokens.get(p.tokens().get(0));
            SpotMeta.Token quote = tokens.get(p.tokens().get(1));
            if (base == null || quote == null) {
                continue;
            }
            Instrument inst = Instrument.builder().symbol(base.name() + "/" + quote.name()).venueSymbol(p.name())
                    .marketType(MarketType.SPOT).baseAsset(base.name()).quoteAsset(quote.name())
                    .settleAsset(quote.name())
                    .tickSize(BigDecimal.ONE.movePointLeft(Math.max(0, 8 - base.szDecimals())))
                    .significantFigures(SIGNIFICANT_FIGURES)
                    .lotSize(BigDecimal.ONE.movePointLeft(base.szDecimals())).maxQuantity(MAX_QUANTITY)
                    .minNotional(MIN_NOTIONAL).build();
            out.add(new HyperliquidMarket(inst, HyperliquidMarket.SPOT_ASSET_OFFSET + p.index(), p.name(), true,
                    base.szDecimals()));
        }
        return out;
    }

    // ------------------------------------------------------------------ reference prices

    /**
     * The reference prices in an allMids message or answer: one {@link ReferencePrice.Kind#MID} per coin
     * {@code symbolOf} knows (perpetuals by name, spot pairs as {@code PURR/USDC} or {@code @<index>}), as of
     * {@code receivedAt} (allMids carries no time). Coins not listed, and values that are not a positive
     * decimal (no mid to go by), are left out.
     *
     * @param symbolOf the unified symbol of a coin name, empty for a coin not listed
     */
    public static List<ReferencePrice> referencePrices(AllMids mids, Function<String, Optional<String>> symbolOf,
                                                       Instant receivedAt) {
        List<ReferencePrice> out = new ArrayList<>();
        mids.mids().forEach((coin, text) -> symbolOf.apply(coin).ifPresent(symbol -> positive(text)
                .ifPresent(price -> out.add(new ReferencePrice(symbol, price, ReferencePrice.Kind.MID, receivedAt)))));
        return out;
    }

    /** A positive plain decimal ({@code "30135.0"}), or empty for null, anything else, or zero. */
    private static Optional<BigDecimal> positive(String text) {
        if (text == null || !PLAIN_DECIMAL.matcher(text).matches()) {
            return Optional.empty();
        }
        BigDecimal v = new BigDecimal(text);
        return v.signum() > 0 ? Optional.of(v) : Optional.empty();
    }

    // ------------------------------------------------------------------ actions

    /** A decimal as Hyperliquid wants it: plain, no trailing zeros ({@code "100"}, {@code "0.0147"}). */
    public static String wire(BigDecimal value) {
        return Decimals.plain(value);
    }

    /**
     * The limit price {@code "p"} of an order: the limit price of LIMIT and STOP_LIMIT; for MARKET the
     * mid moved by the slippage; for STOP and TAKE_PROFIT (trigger-market) the trigger price moved by
     * the slippage, both towards the market and rounded to a valid price.
     *
     * @param mid the mid price, needed (non-null) for MARKET orders only
     */
    public static BigDecimal limitPrice(OrderRequest order, HyperliquidMarket market, BigDecimal mid,
                                        BigDecimal slippage) {
        return switch (order.type()) {
            case LIMIT, STOP_LIMIT -> order.price();
            case MARKET -> Prices.aggressive(market, order.side(), mid, slippage);
            case STOP, TAKE_PROFIT -> Prices.aggressive(market, order.side(), order.stopPrice(), slippage);
        };
    }

    /**
     * One order in Hyperliquid's wire form, keys in the order Hyperliquid hashes them:
     * {@code a, b, p, s, r, t[, c]}.
     *
     * @param size     the size to send (for a modify: the new total less what has filled)
     * @param limitPx  from {@link #limitPrice}
     * @param cloid    the cloid, or null
     */
    public static ObjectNode orderWire(OrderRequest order, HyperliquidMarket market, BigDecimal size,
                                       BigDecimal limitPx, String cloid) {
        ObjectNode o = JSON.objectNode();
        o.put("a", market.asset());
        o.put("b", order.side() == Side.BUY);
        o.put("p", wire(limitPx));
        o.put("s", wire(size));
        o.put("r", order.reduceOnly());
        ObjectNode t = o.putObject("t");
        if (order.type().requiresStopPrice()) {
            ObjectNode trigger = t.putObject("trigger");
            trigger.put("isMarket", order.type() != OrderType.STOP_LIMIT);
            trigger.put("triggerPx", wire(order.stopPrice()));
            trigger.put("tpsl", order.type() == OrderType.TAKE_PROFIT ? "tp" : "sl");
        } else {
            t.putObject("limit").put("tif", tif(order));
        }
        if (cloid != null) {
            o.put("c", cloid);
        }
        return o;
    }

    /** Hyperliquid's tif of a limit or market order: Alo for post-only, Ioc for IOC and market, else Gtc. */
    public static String tif(OrderRequest order) {
        if (order.type() == OrderType.MARKET || order.timeInForce() == TimeInForce.IOC) {
            return "Ioc";
        }
        return order.postOnly() ? "Alo" : "Gtc";
    }

    /** {@code {"type":"order","orders":[...],"grouping":"na"}}. */
    public static ObjectNode orderAction(List<ObjectNode> orders) {
        ObjectNode a = JSON.objectNode();
        a.put("type", "order");
        ArrayNode list = a.putArray("orders");
        orders.forEach(list::add);
        a.put("grouping", "na");
        return a;
    }

    /** {@code {"type":"cancelByCloid","cancels":[{"asset":asset,"cloid":"0x.."}]}}. */
    public static ObjectNode cancelByCloidAction(int asset, String cloid) {
        ObjectNode a = JSON.objectNode();
        a.put("type", "cancelByCloid");
        ObjectNode c = a.putArray("cancels").addObject();
        c.put("asset", asset);
        c.put("cloid", cloid);
        return a;
    }

    /** {@code {"type":"batchModify","modifies":[{"oid":oid,"order":{...}}]}}: answered like an order. */
    public static ObjectNode batchModifyAction(long oid, ObjectNode order) {
        ObjectNode a = JSON.objectNode();
        a.put("type", "batchModify");
        ObjectNode m = a.putArray("modifies").addObject();
        m.put("oid", oid);
        m.set("order", order);
        return a;
    }

    /** {@code batchModify} of an order known by its cloid only. */
    public static ObjectNode batchModifyAction(String cloid, ObjectNode order) {
        ObjectNode a = JSON.objectNode();
        a.put("type", "batchModify");
        ObjectNode m = a.putArray("modifies").addObject();
        m.put("oid", cloid);
        m.set("order", order);
        return a;
    }

    // ------------------------------------------------------------------ answers

    /** One entry of an order answer's {@code statuses}. */
    public sealed interface OrderAnswer {
        /** {@code {"resting":{"oid":..}}}. */
        record Resting(long oid) implements OrderAnswer {
        }

        /** {@code {"filled":{"totalSz","avgPx","oid"}}}. */
        record Filled(long oid, BigDecimal totalSz, BigDecimal avgPx) implements OrderAnswer {
        }

        /** {@code {"error": text}}. */
        record Error(String text) implements OrderAnswer {
        }

        /** {@code "waitingForFill"} or {@code "waitingForTrigger"} (or {@code "success"}): accepted, no oid given. */
        record Pending(String what) implements OrderAnswer {
        }
    }

    /** Reads one status of an order (or batchModify) answer. */
    public static OrderAnswer orderAnswer(JsonNode status) {
        if (status == null || status.isNull() || status.isMissingNode()) {
            throw new UnknownVenueValueException("order status entry", String.valueOf(status));
        }
        if (status.isTextual()) {
            return new OrderAnswer.Pending(status.asText());
        }
        if (status.has("resting")) {
            return new OrderAnswer.Resting(status.get("resting").path("oid").asLong());
        }
        if (status.has("filled")) {
            JsonNode f = status.get("filled");
            return new OrderAnswer.Filled(f.path("oid").asLong(), dec(f.path("totalSz").asText(null)),
                    dec(f.path("avgPx").asText(null)));
        }
        if (status.has("error")) {
            return new OrderAnswer.Error(status.get("error").asText());
        }
        throw new UnknownVenueValueException("order status entry", status.toString());
    }

    // ------------------------------------------------------------------ events

    /**
     * What one order status means as an event for {@code clientOrderId}: live statuses are Accepted,
     * a fill is reported by its fills (empty here), a cancel of an IOC or market order is Expired,
     * Hyperliquid's cancels carry their reason, rejections are Rejected with the status as code.
     *
     * @param immediate whether the order is IOC or market (its cancel is the end of its time)
     * @throws UnknownVenueValueException for a status not known
     */
    public static Optional<OrderEvent> orderEvent(String account, String clientOrderId, OrderUpdate u,
                                                  boolean immediate) {
        HyperliquidOrderStatus s = HyperliquidOrderStatus.parse(u.status());
        VenueOrder o = u.order();
        String oid = o.oid() == null ? null : String.valueOf(o.oid());
        Instant at = u.statusTimestamp() == null ? (o.timestamp() == null ? Instant.now()
                : Instant.ofEpochMilli(o.timestamp())) : Instant.ofEpochMilli(u.statusTimestamp());
        boolean ioc = immediate || "Ioc".equals(o.tif());
        return switch (s.kind()) {
            case LIVE -> oid == null ? Optional.empty() : Optional.of(new OrderEvent.Accepted(account, clientOrderId,
                    oid, at));
            case FILLED -> Optional.empty();
            case CANCELED -> Optional.of(ioc && s == HyperliquidOrderStatus.CANCELED
                    ? new OrderEvent.Expired(account, clientOrderId, oid, at)
                    : new OrderEvent.Canceled(account, clientOrderId, oid, s.cancelReason(), at));
            case EXPIRED -> Optional.of(new OrderEvent.Expired(account, clientOrderId, oid, at));
            case REJECTED -> Optional.of(new OrderEvent.Rejected(account, clientOrderId, VenueError.rejected(
                    s.rejectReason(), s.wire(), "Hyperliquid rejected the order (" + s.wire() + ")"), at));
        };
    }

    /**
     * A fill. The trade id is Hyperliquid's {@code tid} (unique per fill per user), so the same fill
     * from the stream, its snapshot and a query is counted once.
     */
    public static OrderEvent.Fill fill(String account, String clientOrderId, UserFill f, boolean orderFilled) {
        BigDecimal fee = f.fee() == null ? BigDecimal.ZERO : new BigDecimal(f.fee());
        return new OrderEvent.Fill(account, clientOrderId, f.oid() == null ? null : String.valueOf(f.oid()),
                tradeId(f), new BigDecimal(f.sz()), new BigDecimal(f.px()), fee,
                f.feeToken() == null || f.feeToken().isBlank() ? USDC : f.feeToken(),
                Boolean.TRUE.equals(f.crossed()) ? Liquidity.TAKER : Liquidity.MAKER,
                f.time() == null ? Instant.now() : Instant.ofEpochMilli(f.time()), orderFilled);
    }

    /** The trade id of a fill: {@code tid}, else (older answers without it) the hash and oid. */
    public static String tradeId(UserFill f) {
        if (f.tid() != null && !f.tid().isBlank()) {
            return f.tid();
        }
        return f.hash() + ":" + f.oid() + ":" + f.px() + ":" + f.sz();
    }

    /** Buy or sell from Hyperliquid's {@code B} / {@code A}. */
    public static Side side(String wire) {
        if ("B".equals(wire)) {
            return Side.BUY;
        }
        if ("A".equals(wire)) {
            return Side.SELL;
        }
        throw new UnknownVenueValueException("side", wire);
    }

    /**
     * An order's state from an orderStatus answer and its fills.
     *
     * @param immediate whether the order is IOC or market
     */
    public static OrderSnapshot snapshot(String account, String clientOrderId, String symbol, OrderUpdate u,
                                         List<OrderEvent.Fill> fills, boolean immediate) {
        return snapshot(account, clientOrderId, symbol, u, fills, immediate, null, BigDecimal.ZERO);
    }

    /**
     * An order's state from an orderStatus answer of its current oid and its fills, for an order that may
     * have been modified: Hyperliquid's answer knows only the current oid (its origSz is what the modify
     * sent, the new total less what had filled), so the quantity is the order's total and the filled
     * quantity counts what filled before the modify on top.
     *
     * @param totalQuantity      the order's total quantity, or null to take the answer's origSz
     * @param filledBeforeModify what the order had filled when its last modify took effect
     */
    public static OrderSnapshot snapshot(String account, String clientOrderId, String symbol, OrderUpdate u,
                                         List<OrderEvent.Fill> fills, boolean immediate, BigDecimal totalQuantity,
                                         BigDecimal filledBeforeModify) {
        VenueOrder o = u.order();
        HyperliquidOrderStatus s = HyperliquidOrderStatus.parse(u.status());
        BigDecimal orig = dec(o.origSz() != null ? o.origSz() : o.sz());
        BigDecimal left = dec(o.sz());
        BigDecimal filled = orig == null ? BigDecimal.ZERO : orig.subtract(left == null ? BigDecimal.ZERO : left);
        if (s == HyperliquidOrderStatus.FILLED && (left == null || left.signum() == 0) && orig != null) {
            filled = orig;
        }
        filled = filled.add(filledBeforeModify == null ? BigDecimal.ZERO : filledBeforeModify);
        if (totalQuantity != null) {
            orig = totalQuantity;
        }
        BigDecimal fromFills = fills.stream().map(OrderEvent.Fill::quantity).reduce(BigDecimal.ZERO, BigDecimal::add);
        if (fromFills.compareTo(filled) > 0) {
            filled = fromFills;
        }
        boolean ioc = immediate || "Ioc".equals(o.tif());
        OrderSnapshot.Status status = switch (s.kind()) {
            case LIVE -> filled.signum() > 0 ? OrderSnapshot.Status.PARTIALLY_FILLED : OrderSnapshot.Status.NEW;
            case FILLED -> OrderSnapshot.Status.FILLED;
            case CANCELED -> ioc && s == HyperliquidOrderStatus.CANCELED ? OrderSnapshot.Status.EXPIRED
                    : OrderSnapshot.Status.CANCELED;
            case EXPIRED -> OrderSnapshot.Status.EXPIRED;
            case REJECTED -> OrderSnapshot.Status.REJECTED;
        };
        return new OrderSnapshot(account, clientOrderId, o.oid() == null ? null : String.valueOf(o.oid()), symbol,
                side(o.side()), status, orig, filled, dec(o.limitPx()), fills);
    }

    // ------------------------------------------------------------------ account

    /**
     * Balances: every spot token (total, available = total - hold), and the perpetual margin added to
     * USDC (total += accountValue, available += withdrawable), so USDC shows what the account can use.
     */
    public static List<Balance> balances(SpotClearinghouseState spot, ClearinghouseState perp) {
        Map<String, BigDecimal[]> sums = new LinkedHashMap<>();
        for (SpotClearinghouseState.SpotBalance b : spot.balances()) {
            BigDecimal total = orZero(b.total());
            BigDecimal available = total.subtract(orZero(b.hold())).max(BigDecimal.ZERO);
            add(sums, b.coin(), total, available);
        }
        if (perp != null && perp.marginSummary() != null) {
            BigDecimal value = orZero(perp.marginSummary().accountValue());
            BigDecimal free = orZero(perp.withdrawable()).min(value).max(BigDecimal.ZERO);
            add(sums, USDC, value, free);
        }
        List<Balance> out = new ArrayList<>();
        sums.forEach((asset, v) -> out.add(new Balance(asset, v[0], v[1])));
        return out;
    }

    private static void add(Map<String, BigDecimal[]> sums, String asset, BigDecimal total, BigDecimal available) {
        BigDecimal[] v = sums.computeIfAbsent(asset, k -> new BigDecimal[]{BigDecimal.ZERO, BigDecimal.ZERO});
        v[0] = v[0].add(total);
        v[1] = v[1].add(available);
    }

    /**
     * Open perpetual positions: signed size {@code szi} (positive long, negative short), entry price.
     * Hyperliquid's clearinghouseState carries no realised PnL per position, so it is zero here.
     *
     * @param symbolOf the unified symbol of a coin; positions in coins not loaded are left out
     */
    public static List<Position> positions(ClearinghouseState state, Function<String, Optional<String>> symbolOf) {
        List<Position> out = new ArrayList<>();
        for (ClearinghouseState.AssetPosition ap : state.assetPositions()) {
            ClearinghouseState.PerpPosition p = ap.position();
            if (p == null) {
                continue;
            }
            BigDecimal size = orZero(p.szi());
            if (size.signum() == 0) {
                continue;
            }
            symbolOf.apply(p.coin()).ifPresent(symbol -> out.add(new Position(symbol, size, orZero(p.entryPx()),
                    BigDecimal.ZERO)));
        }
        return out;
    }

    // ------------------------------------------------------------------ public market data

    /**
     * One side of an {@code l2Book} ({@code 0} bids, {@code 1} asks) as price levels, best first; empty when
     * the book has no such side.
     *
     * @throws IllegalArgumentException when a level lacks its price or size, or they are not positive numbers
     */
    static List<PriceLevel> bookSide(L2Book book, int side) {
        if (book.levels().size() <= side || book.levels().get(side) == null) {
            return List.of();
        }
        List<PriceLevel> out = new ArrayList<>();
        for (L2Book.Level l : book.levels().get(side)) {
            BigDecimal px = l == null ? null : dec(l.px());
            BigDecimal sz = l == null ? null : dec(l.sz());
            if (px == null || sz == null) {
                throw new IllegalArgumentException("Hyperliquid sent an l2Book level of " + book.coin()
                        + " without px or sz: " + l);
            }
            out.add(new PriceLevel(px, sz));
        }
        return out;
    }

    /**
     * The trades of a {@code trades} message as {@link MarketTrade}s of {@code symbol}: id {@code tid}, price
     * {@code px}, quantity {@code sz}, aggressor the taker's {@code side}, time {@code time}.
     *
     * @throws IllegalArgumentException when a trade lacks one of those
     * @throws UnknownVenueValueException for a side other than B or A
     */
    static List<MarketTrade> trades(String symbol, List<WsTrade> trades, long receivedNanos) {
        List<MarketTrade> out = new ArrayList<>(trades.size());
        for (WsTrade t : trades) {
            BigDecimal px = dec(t.px());
            BigDecimal sz = dec(t.sz());
            if (t.tid() == null || px == null || sz == null || t.time() == null) {
                throw new IllegalArgumentException("Hyperliquid sent a trade of " + t.coin()
                        + " without tid, px, sz or time");
            }
            out.add(new MarketTrade(symbol, Long.toString(t.tid()), px, sz, side(t.side()),
                    Instant.ofEpochMilli(t.time()), receivedNanos));
        }
        return out;
    }

    static BigDecimal dec(String text) {
        return text == null || text.isBlank() ? null : new BigDecimal(text.trim());
    }

    private static BigDecimal orZero(String text) {
        BigDecimal d = dec(text);
        return d == null ? BigDecimal.ZERO : d;
    }
}

package io.fixbridge.venue.binance;

import io.fixbridge.venue.Balance;
import io.fixbridge.venue.Instrument;
import io.fixbridge.venue.Liquidity;
import io.fixbridge.venue.MarketTrade;
import io.fixbridge.venue.OcoRequest;
import io.fixbridge.venue.OrderEvent;
import io.fixbridge.venue.OrderRequest;
import io.fixbridge.venue.OrderSnapshot;
import io.fixbridge.venue.OrderType;
import io.fixbridge.venue.Position;
import io.fixbridge.venue.ReferencePrice;
import io.fixbridge.venue.RejectReason;
import io.fixbridge.venue.ReplaceRequest;
import io.fixbridge.venue.Side;
import io.fixbridge.venue.TimeInForce;
import io.fixbridge.venue.TradingStatus;
import io.fixbridge.venue.VenueError;
import io.fixbridge.venue.VenueException;
import io.fixbridge.venue.binance.dto.AccountTrade;
import io.fixbridge.venue.binance.dto.AggTradeEvent;
import io.fixbridge.venue.binance.dto.AlgoOrder;
import io.fixbridge.venue.binance.dto.AlgoUpdate;
import io.fixbridge.venue.binance.dto.BookTicker;
import io.fixbridge.venue.binance.dto.DepthSnapshot;
import io.fixbridge.venue.binance.dto.DepthUpdate;
import io.fixbridge.venue.binance.dto.ExchangeInfo;
import io.fixbridge.venue.binance.dto.ExecutionReport;
import io.fixbridge.venue.binance.dto.FuturesBalance;
import io.fixbridge.venue.binance.dto.OrderFill;
import io.fixbridge.venue.binance.dto.OrderTradeUpdate;
import io.fixbridge.venue.binance.dto.PositionRisk;
import io.fixbridge.venue.binance.dto.PremiumIndex;
import io.fixbridge.venue.binance.dto.RestOrder;
import io.fixbridge.venue.binance.dto.SpotAccount;
import io.fixbridge.venue.binance.dto.SymbolFilter;
import io.fixbridge.venue.binance.dto.SymbolInfo;
import io.fixbridge.venue.binance.dto.TickerPrice;
import io.fixbridge.venue.binance.dto.TradeEvent;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Pure functions between Binance's JSON ({@code dto}) and the venue-neutral model: symbols,
 * instruments, order request parameters, stream events and REST answers to {@link OrderEvent}s
 * and {@link OrderSnapshot}s, balances and positions, and the public market streams' depth and
 * trades ({@link BookMessage}, {@link MarketTrade}). No I/O, no state; thread-safe.
 *
 * <h2>Symbols</h2>
 * Spot {@code BTC/USDT} is {@code BTCUSDT} on api/v3; the USD-M perpetual {@code BTC/USDT:USDT}
 * is {@code BTCUSDT} on fapi (the settle asset is the contract's margin asset). Dated futures
 * contracts are not loaded.
 *
 * <h2>Statuses</h2>
 * Order statuses, execution types and algo statuses parse strictly
 * ({@link UnknownVenueValueException} names a value Binance adds later); instrument statuses
 * map TRADING to TRADING, HALT and BREAK to HALTED and anything else to DELISTED.
 *
 * <h2>Refusals</h2>
 * Request builders throw {@link VenueException} REJECTED UNSUPPORTED_ORDER_CHARACTERISTIC, with
 * a sentence saying why, for what Binance cannot take on that market (GTD on spot, iceberg on
 * futures, a post-only stop on spot, ...).
 */
public final class BinanceTranslator {
    private static final BigDecimal TWO = BigDecimal.valueOf(2);

    /** Binance's client id for a futures conditional order: the gateway's client order id itself. */
    public static String clientAlgoId(String clientOrderId) {
        return clientOrderId;
    }

    private BinanceTranslator() {
    }

    // ------------------------------------------------------------------ symbols and instruments

    /** The unified symbol of a Binance symbol on {@code market}. */
    public static String unifiedSymbol(BinanceMarket market, String base, String quote, String settle) {
        return market == BinanceMarket.SPOT ? base + "/" + quote : base + "/" + quote + ":" + settle;
    }

    /** The venue-neutral status of Binance's symbol status: TRADING, HALT/BREAK HALTED, anything else DELISTED. */
    public static TradingStatus tradingStatus(String venueStatus) {
        if ("TRADING".equals(venueStatus)) {
            return TradingStatus.TRADING;
        }
        if ("HALT".equals(venueStatus) || "BREAK".equals(venueStatus)) {
            return TradingStatus.HALTED;
        }
        return TradingStatus.DELISTED;
    }

    /** Every instrument of an exchangeInfo answer this adapter trades (spot pairs; perpetual futures). */
    public static List<BinanceInstrument> instruments(ExchangeInfo info, BinanceMarket market) {
        List<BinanceInstrument> out = new ArrayList<>(info.symbols().size());
        for (SymbolInfo s : info.symbols()) {
            instrument(s, market).ifPresent(out::add);
        }
        return List.copyOf(out);
    }

    /**
     * The instrument of one exchangeInfo symbol; empty for what the adapter does not trade
     * (dated futures) or a symbol without PRICE_FILTER and LOT_SIZE filters.
     */
    public static Optional<BinanceInstrument> instrument(SymbolInfo s, BinanceMarket market) {
        if (market == BinanceMarket.FUTURES && s.contractType() != null && !"PERPETUAL".equals(s.contractType())) {
            return Optional.empty();
        }
        SymbolFilter price = filter(s, "PRICE_FILTER");
        SymbolFilter lot = filter(s, "LOT_SIZE");
        if (price == null || lot == null || !positive(price.tickSize()) || !positive(lot.stepSize())
                || !positive(lot.maxQty())) {
            return Optional.empty();
        }
        String settle = market == BinanceMarket.SPOT ? s.quoteAsset()
                : (s.marginAsset() != null ? s.marginAsset() : s.quoteAsset());
        SymbolFilter marketLot = filter(s, "MARKET_LOT_SIZE");
        SymbolFilter iceberg = filter(s, "ICEBERG_PARTS");
        Instrument instrument = Instrument.builder()
                .symbol(unifiedSymbol(market, s.baseAsset(), s.quoteAsset(), settle))
                .venueSymbol(s.symbol())
                .marketType(market.marketType())
                .baseAsset(s.baseAsset())
                .quoteAsset(s.quoteAsset())
                .settleAsset(settle)
                .tickSize(price.tickSize().stripTrailingZeros())
                .lotSize(lot.stepSize().stripTrailingZeros())
                .minQuantity((positive(lot.minQty()) ? lot.minQty() : lot.stepSize()).stripTrailingZeros())
                .maxQuantity(lot.maxQty().stripTrailingZeros())
                .minNotional(minNotional(s))
                .status(tradingStatus(s.status()))
                .build();
        return Optional.of(new BinanceInstrument(instrument, market, String.valueOf(s.status()),
                marketLot == null || !positive(marketLot.stepSize()) ? null : marketLot.stepSize().stripTrailingZeros(),
                marketLot == null ? null : marketLot.minQty(),
                marketLot == null ? null : marketLot.maxQty(),
                iceberg == null ? null : iceberg.limit(),
                Set.copyOf(s.orderTypes()),
                Boolean.TRUE.equals(s.icebergAllowed()),
                Boolean.TRUE.equals(s.ocoAllowed()),
                Boolean.TRUE.equals(s.quoteOrderQtyMarketAllowed())));
    }

    private static BigDecimal minNotional(SymbolInfo s) {
        BigDecimal best = BigDecimal.ZERO;
        for (SymbolFilter f : s.filters()) {
            if ("NOTIONAL".equals(f.filterType()) || "MIN_NOTIONAL".equals(f.filterType())) {
                BigDecimal v = f.minNotional() != null ? f.minNotional() : f.notional();
                if (v != null && v.compareTo(best) > 0) {
                    best = v;
                }
            }
        }
        return best.stripTrailingZeros();
    }

    private static SymbolFilter filter(SymbolInfo s, String type) {
        for (SymbolFilter f : s.filters()) {
            if (type.equals(f.filterType())) {
                return f;
            }
        }
        return null;
    }

    private static boolean positive(BigDecimal v) {
        return v != null && v.signum() > 0;
    }

    // ------------------------------------------------------------------ reference prices

    /**
     * The reference price of one bookTicker entry: the mid of its best bid and ask, as of
     * {@code receivedAt}: a polled answer is the book as it is when answered. (A futures entry's
     * {@code time} is when that book last changed: on a quiet market it is old although the price
     * is current, and would make the gateway refuse orders as if the price were stale.) Empty when
     * a side of the book is empty (Binance prints it as zero) or missing.
     *
     * @param unifiedSymbol the entry's symbol in unified form
     */
    public static Optional<ReferencePrice> midPrice(String unifiedSymbol, BookTicker ticker, Instant receivedAt) {
        BigDecimal bid = ticker.bidPrice();
        BigDecimal ask = ticker.askPrice();
        if (bid == null || ask == null || bid.signum() <= 0 || ask.signum() <= 0) {
            return Optional.empty();
        }
        return Optional.of(new ReferencePrice(unifiedSymbol, bid.add(ask).divide(TWO), ReferencePrice.Kind.MID,
                receivedAt));
    }

    /**
     * What one bookTicker answer of {@code market} says about the loaded instruments.
     *
     * @param prices   the mid of every loaded symbol whose book has both sides
     * @param oneSided the Binance symbols of loaded, trading instruments whose book has an empty side
     */
    record MidPrices(List<ReferencePrice> prices, Set<String> oneSided) {
        MidPrices {
            prices = List.copyOf(prices);
            oneSided = Set.copyOf(oneSided);
        }
    }

    /**
     * The mids of a bookTicker answer for the instruments in {@code loaded}; symbols it does not
     * hold are skipped, and trading ones with a one-sided book are named for a fallback.
     */
    static MidPrices midPrices(BinanceMarket market, BookTicker[] tickers, Symbols loaded, Instant receivedAt) {
        List<ReferencePrice> prices = new ArrayList<>();
        Set<String> oneSided = new HashSet<>();
        for (BookTicker t : tickers) {
            String unified = t == null ? null : loaded.unifiedOf(market, t.symbol());
            if (unified == null) {
                continue;
            }
            Optional<ReferencePrice> mid = midPrice(unified, t, receivedAt);
            if (mid.isPresent()) {
                prices.add(mid.get());
            } else if (loaded.unified(unified).map(i -> i.instrument().isTrading()).orElse(false)) {
                oneSided.add(t.symbol());
            }
        }
        return new MidPrices(prices, oneSided);
    }

    /** The mark prices of a premiumIndex answer for the Binance symbols {@code wanted} that are loaded. */
    static List<ReferencePrice> markPrices(PremiumIndex[] all, Set<String> wanted, Symbols loaded) {
        List<ReferencePrice> out = new ArrayList<>();
        for (PremiumIndex p : all) {
            String unified = p == null || !wanted.contains(p.symbol()) ? null
                    : loaded.unifiedOf(BinanceMarket.FUTURES, p.symbol());
            if (unified != null) {
                markPrice(unified, p).ifPresent(out::add);
            }
        }
        return out;
    }

    /** The last prices of a spot ticker/price answer for the Binance symbols {@code wanted} that are loaded. */
    static List<ReferencePrice> lastPrices(TickerPrice[] all, Set<String> wanted, Symbols loaded, Instant receivedAt) {
        List<ReferencePrice> out = new ArrayList<>();
        for (TickerPrice p : all) {
            String unified = p == null || !wanted.contains(p.symbol()) ? null
                    : loaded.unifiedOf(BinanceMarket.SPOT, p.symbol());
            if (unified != null) {
                lastPrice(unified, p, receivedAt).ifPresent(out::add);
            }
        }
        return out;
    }

    /** The mark price of a premiumIndex entry, as of its {@code time}; empty when it is missing or not positive. */
    public static Optional<ReferencePrice> markPrice(String unifiedSymbol, PremiumIndex index) {
        BigDecimal mark = index.markPrice();
        if (mark == null || mark.signum() <= 0) {
            return Optional.empty();
        }
        return Optional.of(new ReferencePrice(unifiedSymbol, mark, ReferencePrice.Kind.MARK,
                Instant.ofEpochMilli(index.time())));
    }

    /** The last price of a spot ticker/price entry, as of {@code receivedAt}; empty when missing or not positive. */
    public static Optional<ReferencePrice> lastPrice(String unifiedSymbol, TickerPrice ticker, Instant receivedAt) {
        BigDecimal last = ticker.price();
        if (last == null || last.signum() <= 0) {
            return Optional.empty();
        }
        return Optional.of(new ReferencePrice(unifiedSymbol, last, ReferencePrice.Kind.LAST, receivedAt));
    }

    // ------------------------------------------------------------------ requests

    /**
     * Which endpoint a new order goes to and with which parameters (without timestamp,
     * recvWindow and signature, which the signer adds).
     *
     * @param endpoint SPOT_NEW_ORDER, FUTURES_NEW_ORDER or FUTURES_NEW_ALGO_ORDER
     * @param params   parameters in the order sent
     */
    public record Placement(BinanceEndpoint endpoint, Map<String, String> params) {
        public Placement {
            Objects.requireNonNull(endpoint, "endpoint");
            params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
        }

        /** Whether it is a futures conditional order on the algo endpoint. */
        public boolean algo() {
            return endpoint == BinanceEndpoint.FUTURES_NEW_ALGO_ORDER;
        }
    }

    /**
     * The request for a new order.
     *
     * <p>Spot: MARKET ({@code quantity}, or {@code quoteOrderQty} from the cash quantity), LIMIT,
     * LIMIT_MAKER for a post-only limit, STOP as STOP_LOSS, STOP_LIMIT as STOP_LOSS_LIMIT,
     * TAKE_PROFIT as TAKE_PROFIT; {@code icebergQty} from the display quantity; responses FULL.
     *
     * <p>Futures: LIMIT and MARKET on {@code /fapi/v1/order} (post-only is time in force GTX; GTD
     * carries {@code goodTillDate}); STOP, STOP_LIMIT and TAKE_PROFIT on {@code /fapi/v1/algoOrder}
     * as STOP_MARKET, STOP and TAKE_PROFIT_MARKET with {@code triggerPrice} and
     * {@code clientAlgoId} = the client order id. In hedge mode the order names its position side:
     * an order that is not reduce-only opens (BUY LONG, SELL SHORT); a reduce-only order closes the
     * opposite side (SELL closes LONG, BUY closes SHORT) and is sent without {@code reduceOnly},
     * which Binance refuses in hedge mode. In one-way mode {@code reduceOnly=true} is sent.
     *
     * @throws VenueException REJECTED UNSUPPORTED_ORDER_CHARACTERISTIC for what the market cannot take
     */
    public static Placement placement(OrderRequest order, BinanceInstrument instrument, boolean hedgeMode) {
        return instrument.market() == BinanceMarket.SPOT ? spotPlacement(order, instrument)
                : futuresPlacement(order, instrument, hedgeMode);
    }

    private static Placement spotPlacement(OrderRequest o, BinanceInstrument inst) {
        if (o.timeInForce() == TimeInForce.GTD) {
            throw unsupported("Binance spot has no good-till-date orders; GTD is available on USD-M futures only");
        }
        if (o.reduceOnly()) {
            throw unsupported("reduce-only orders exist on Binance USD-M futures only, not on spot");
        }
        if (o.cashQuantity() != null && o.type() != OrderType.MARKET) {
            throw unsupported("Binance spot sizes only MARKET orders in the quote currency (CashOrderQty)");
        }
        if (o.postOnly() && o.type() != OrderType.LIMIT) {
            throw unsupported("Binance spot post-only orders are limit orders (LIMIT_MAKER); " + o.type()
                    + " cannot be post-only");
        }
        if (o.postOnly() && o.timeInForce() != TimeInForce.GTC) {
            throw unsupported("Binance spot post-only orders (LIMIT_MAKER) rest until canceled; time in force "
                    + o.timeInForce() + " cannot be combined with post-only");
        }
        requireImpliedTrigger(o);
        Map<String, String> p = new LinkedHashMap<>();
        p.put("symbol", inst.venueSymbol());
        p.put("side", o.side().name());
        switch (o.type()) {
            case MARKET -> {
                p.put("type", "MARKET");
                if (o.cashQuantity() != null) {
                    p.put("quoteOrderQty", plain(o.cashQuantity()));
                } else {
                    p.put("quantity", plain(o.quantity()));
                }
            }
            case LIMIT -> {
                if (o.postOnly()) {
                    p.put("type", "LIMIT_MAKER");
                } else {
                    p.put("type", "LIMIT");
                    p.put("timeInForce", o.timeInForce().name());
                }
                p.put("quantity", plain(o.quantity()));
                p.put("price", plain(require(o.price(), "a limit order needs a price")));
            }
            case STOP -> {
                p.put("type", "STOP_LOSS");
                p.put("quantity", plain(o.quantity()));
                p.put("stopPrice", plain(require(o.stopPrice(), "a stop order needs a stop price")));
            }
            case STOP_LIMIT -> {
                p.put("type", "STOP_LOSS_LIMIT");
                p.put("timeInForce", o.timeInForce().name());
                p.put("quantity", plain(o.quantity()));
                p.put("price", plain(require(o.price(), "a stop-limit order needs a price")));
                p.put("stopPrice", plain(require(o.stopPrice(), "a stop-limit order needs a stop price")));
            }
            case TAKE_PROFIT -> {
                p.put("type", "TAKE_PROFIT");
                p.put("quantity", plain(o.quantity()));
                p.put("stopPrice", plain(require(o.stopPrice(), "a take-profit order needs a stop price")));
            }
        }
        if (o.displayQuantity() != null) {
            if (o.type() != OrderType.LIMIT && o.type() != OrderType.STOP_LIMIT) {
                throw unsupported("Binance spot iceberg orders (MaxFloor) must be limit or stop-limit orders");
            }
            p.put("icebergQty", plain(o.displayQuantity()));
        }
        p.put("newClientOrderId", o.clientOrderId());
        p.put("newOrderRespType", "FULL");
        return new Placement(BinanceEndpoint.SPOT_NEW_ORDER, p);
    }

    private static Placement futuresPlacement(OrderRequest o, BinanceInstrument inst, boolean hedgeMode) {
        if (o.cashQuantity() != null) {
            throw unsupported("Binance USD-M futures cannot size orders in the quote currency (CashOrderQty); "
                    + "that is spot only");
        }
        if (o.displayQuantity() != null) {
            throw unsupported("Binance USD-M futures have no iceberg orders (MaxFloor); that is spot only");
        }
        if (o.postOnly() && (o.type() == OrderType.MARKET || o.type() == OrderType.STOP
                || o.type() == OrderType.TAKE_PROFIT)) {
            throw unsupported("a post-only order needs a limit price; " + o.type() + " orders cannot be post-only");
        }
        if (o.postOnly() && o.timeInForce() != TimeInForce.GTC) {
            throw unsupported("Binance USD-M futures post-only is its own time in force (GTX); it cannot be "
                    + "combined with " + o.timeInForce());
        }
        requireImpliedTrigger(o);
        boolean algo = o.type().requiresStopPrice();
        Map<String, String> p = new LinkedHashMap<>();
        if (algo) {
            p.put("algoType", "CONDITIONAL");
        }
        p.put("symbol", inst.venueSymbol());
        p.put("side", o.side().name());
        if (hedgeMode) {
            p.put("positionSide", positionSide(o.side(), o.reduceOnly()));
        }
        String type = switch (o.type()) {
            case MARKET -> "MARKET";
            case LIMIT -> "LIMIT";
            case STOP -> "STOP_MARKET";
            case STOP_LIMIT -> "STOP";
            case TAKE_PROFIT -> "TAKE_PROFIT_MARKET";
        };
        p.put("type", type);
        if (o.type().requiresPrice()) {
            p.put("timeInForce", o.postOnly() ? "GTX" : o.timeInForce().name());
        }
        p.put("quantity", plain(o.quantity()));
        if (o.type().requiresPrice()) {
            p.put("price", plain(require(o.price(), "a " + o.type() + " order needs a price")));
        }
        if (algo) {
            p.put("triggerPrice", plain(require(o.stopPrice(), "a " + o.type() + " order needs a stop price")));
        }
        if (o.timeInForce() == TimeInForce.GTD) {
            if (!o.type().requiresPrice()) {
                throw unsupported("Binance USD-M futures GTD applies to orders with a limit price, not " + o.type());
            }
            p.put("goodTillDate", String.valueOf(require(o.expireTime(), "a GTD order needs an expire time")
                    .toEpochMilli()));
        }
        if (o.reduceOnly() && !hedgeMode) {
            p.put("reduceOnly", "true");
        }
        if (algo) {
            p.put("clientAlgoId", clientAlgoId(o.clientOrderId()));
        } else {
            p.put("newClientOrderId", o.clientOrderId());
            p.put("newOrderRespType", "RESULT");
        }
        return new Placement(algo ? BinanceEndpoint.FUTURES_NEW_ALGO_ORDER : BinanceEndpoint.FUTURES_NEW_ORDER, p);
    }

    /**
     * Hedge-mode position side: an opening order's side names the position it opens (BUY LONG,
     * SELL SHORT); a reduce-only order closes the opposite one (SELL closes LONG, BUY closes SHORT).
     */
    public static String positionSide(Side side, boolean reduceOnly) {
        boolean opensLong = side == Side.BUY;
        return reduceOnly != opensLong ? "LONG" : "SHORT";
    }

    private static void requireImpliedTrigger(OrderRequest o) {
        if (o.triggerDirection() != null && o.type().requiresStopPrice()
                && o.triggerDirection() != io.fixbridge.venue.TriggerDirection.implied(o.type(), o.side())) {
            throw unsupported("Binance infers the trigger direction from the order type and side; "
                    + o.triggerDirection() + " is not what a " + o.side() + " " + o.type() + " order implies");
        }
    }

    /**
     * {@code POST /api/v3/orderList/oco}: both legs share symbol, side and quantity. A LIMIT leg is
     * Binance's LIMIT_MAKER; STOP is STOP_LOSS, STOP_LIMIT is STOP_LOSS_LIMIT (with its time in
     * force), TAKE_PROFIT is TAKE_PROFIT. Each leg keeps its own client order id.
     *
     * @throws VenueException REJECTED UNSUPPORTED_ORDER_CHARACTERISTIC for a MARKET leg or a futures symbol
     */
    public static Map<String, String> ocoParams(OcoRequest oco, BinanceInstrument inst) {
        if (inst.market() != BinanceMarket.SPOT) {
            throw unsupported("Binance has OCO order lists on spot only, not on " + inst.symbol());
        }
        Map<String, String> p = new LinkedHashMap<>();
        p.put("symbol", inst.venueSymbol());
        p.put("listClientOrderId", oco.listClientOrderId());
        p.put("side", oco.above().side().name());
        p.put("quantity", plain(oco.above().quantity()));
        leg(p, "above", oco.above());
        leg(p, "below", oco.below());
        p.put("newOrderRespType", "FULL");
        return p;
    }

    private static void leg(Map<String, String> p, String prefix, OrderRequest leg) {
        if (leg.reduceOnly() || leg.cashQuantity() != null || leg.timeInForce() == TimeInForce.GTD) {
            throw unsupported("an OCO leg on Binance spot cannot be reduce-only, sized in the quote currency or GTD");
        }
        switch (leg.type()) {
            case LIMIT -> {
                p.put(prefix + "Type", "LIMIT_MAKER");
                p.put(prefix + "Price", plain(require(leg.price(), "the limit leg needs a price")));
            }
            case STOP -> {
                p.put(prefix + "Type", "STOP_LOSS");
                p.put(prefix + "StopPrice", plain(require(leg.stopPrice(), "the stop leg needs a stop price")));
            }
            case STOP_LIMIT -> {
                p.put(prefix + "Type", "STOP_LOSS_LIMIT");
                p.put(prefix + "Price", plain(require(leg.price(), "the stop-limit leg needs a price")));
                p.put(prefix + "StopPrice", plain(require(leg.stopPrice(), "the stop-limit leg needs a stop price")));
                p.put(prefix + "TimeInForce", leg.timeInForce().name());
            }
            case TAKE_PROFIT -> {
                p.put(prefix + "Type", "TAKE_PROFIT");
                p.put(prefix + "StopPrice", plain(require(leg.stopPrice(), "the take-profit leg needs a stop price")));
            }
            case MARKET -> throw unsupported("an OCO leg on Binance cannot be a MARKET order");
        }
        if (leg.displayQuantity() != null) {
            p.put(prefix + "IcebergQty", plain(leg.displayQuantity()));
        }
        p.put(prefix + "ClientOrderId", leg.clientOrderId());
    }

    /**
     * {@code POST /api/v3/order/cancelReplace} with STOP_ON_FAILURE: cancel the original by its
     * client id, place the replacement under its own client id for the quantity still to fill
     * ({@code replacement.quantity - filledQuantity}).
     *
     * @throws VenueException REJECTED INCORRECT_QUANTITY when nothing is left to place
     */
    public static Map<String, String> cancelReplaceParams(ReplaceRequest replace, BinanceInstrument inst) {
        OrderRequest r = replace.replacement();
        BigDecimal remaining = require(r.quantity(), "a replacement needs a quantity")
                .subtract(replace.filledQuantity());
        if (remaining.signum() <= 0) {
            throw new VenueException(VenueError.rejected(RejectReason.INCORRECT_QUANTITY, null,
                    "the replacement quantity " + plain(r.quantity()) + " does not exceed what has already filled ("
                            + plain(replace.filledQuantity()) + ")"));
        }
        OrderRequest remainder = r.toBuilder().quantity(remaining).build();
        Map<String, String> order = spotPlacement(remainder, inst).params();
        Map<String, String> p = new LinkedHashMap<>();
        p.put("symbol", inst.venueSymbol());
        p.put("side", r.side().name());
        p.put("type", order.get("type"));
        p.put("cancelReplaceMode", "STOP_ON_FAILURE");
        order.forEach((k, v) -> {
            if (!k.equals("symbol") && !k.equals("side") && !k.equals("type")) {
                p.put(k, v);
            }
        });
        p.put("cancelOrigClientOrderId", replace.original().clientOrderId());
        return p;
    }

    /**
     * {@code PUT /fapi/v1/order}: modify a futures LIMIT order's price and quantity in place (it
     * keeps its order id and client id). Quantity is the replacement's total quantity.
     *
     * @throws VenueException REJECTED UNSUPPORTED_ORDER_CHARACTERISTIC for anything but a LIMIT order
     *                        changing only price and quantity
     */
    public static Map<String, String> modifyParams(ReplaceRequest replace, BinanceInstrument inst) {
        OrderRequest o = replace.original();
        OrderRequest r = replace.replacement();
        if (o.type() != OrderType.LIMIT || r.type() != OrderType.LIMIT) {
            throw unsupported("Binance USD-M futures can modify LIMIT orders only; cancel the " + o.type()
                    + " order and place a new one");
        }
        if (o.timeInForce() != r.timeInForce() || o.postOnly() != r.postOnly() || o.reduceOnly() != r.reduceOnly()) {
            throw unsupported("Binance USD-M futures modify changes only price and quantity, not time in force, "
                    + "post-only or reduce-only");
        }
        Map<String, String> p = new LinkedHashMap<>();
        p.put("symbol", inst.venueSymbol());
        p.put("origClientOrderId", o.clientOrderId());
        p.put("side", r.side().name());
        p.put("quantity", plain(require(r.quantity(), "a replacement needs a quantity")));
        p.put("price", plain(require(r.price(), "a limit order needs a price")));
        return p;
    }

    /** A decimal as Binance takes it: plain notation, no trailing zeros. */
    public static String plain(BigDecimal value) {
        return value.stripTrailingZeros().toPlainString();
    }

    private static <T> T require(T value, String problem) {
        if (value == null) {
            throw new VenueException(VenueError.rejected(RejectReason.OTHER, null, problem));
        }
        return value;
    }

    private static VenueException unsupported(String text) {
        return new VenueException(VenueError.rejected(RejectReason.UNSUPPORTED_ORDER_CHARACTERISTIC, null, text));
    }

    // ------------------------------------------------------------------ stream events

    /**
     * The events a spot {@code executionReport} reports: NEW Accepted; TRADE a Fill (and nothing
     * else: an order filled in full has no further event); CANCELED Canceled under the canceled
     * order's own id ({@code C}); EXPIRED and TRADE_PREVENTION Expired; REJECTED Rejected;
     * REPLACED (amend keep priority) Replaced with the same client id.
     *
     * @throws UnknownVenueValueException for an execution type or status Binance adds later
     */
    public static List<OrderEvent> events(String account, ExecutionReport r) {
        BinanceExecutionType x = BinanceExecutionType.parse(r.executionType());
        BinanceOrderStatus.parse(r.orderStatus());
        String venueOrderId = String.valueOf(r.orderId());
        Instant at = instant(r.transactionTime(), r.eventTime());
        String id = r.ownClientOrderId();
        return switch (x) {
            case NEW -> List.of(new OrderEvent.Accepted(account, id, venueOrderId, at));
            case TRADE -> tradeFill(account, id, venueOrderId, r.tradeId(), r.lastQty(), r.lastPrice(),
                    r.commission(), r.commissionAsset(), r.maker(), at, "FILLED".equals(r.orderStatus()));
            case CANCELED -> List.of(new OrderEvent.Canceled(account, id, venueOrderId, null, at));
            case EXPIRED, TRADE_PREVENTION -> List.of(new OrderEvent.Expired(account, id, venueOrderId, at));
            case REJECTED -> List.of(new OrderEvent.Rejected(account, id, VenueError.rejected(
                    BinanceErrors.reasonFromText(r.rejectReason()), null,
                    "Binance rejected the order: " + r.rejectReason()), at));
            case REPLACED, AMENDMENT -> List.of(new OrderEvent.Replaced(account, id, id, venueOrderId,
                    r.quantity(), zeroToNull(r.price()), zeroToNull(r.stopPrice()), at));
            case CALCULATED -> List.of();
        };
    }

    /**
     * The events a futures {@code ORDER_TRADE_UPDATE} reports, under the event's own client id
     * ({@code c}): NEW Accepted; TRADE and CALCULATED (liquidation) a Fill; CANCELED Canceled;
     * EXPIRED Expired; AMENDMENT Replaced keeping the client id.
     *
     * @throws UnknownVenueValueException for an execution type or status Binance adds later
     */
    public static List<OrderEvent> events(String account, OrderTradeUpdate u) {
        OrderTradeUpdate.Order o = u.order();
        BinanceExecutionType x = BinanceExecutionType.parse(o.executionType());
        BinanceOrderStatus.parse(o.orderStatus());
        String venueOrderId = String.valueOf(o.orderId());
        Instant at = instant(o.tradeTime(), u.transactionTime() != null ? u.transactionTime() : u.eventTime());
        String id = o.clientOrderId();
        return switch (x) {
            case NEW -> List.of(new OrderEvent.Accepted(account, id, venueOrderId, at));
            case TRADE, CALCULATED -> tradeFill(account, id, venueOrderId, o.tradeId(), o.lastQty(), o.lastPrice(),
                    o.commission(), o.commissionAsset(), o.maker(), at, "FILLED".equals(o.orderStatus()));
            case CANCELED -> List.of(new OrderEvent.Canceled(account, id, venueOrderId, null, at));
            case EXPIRED, TRADE_PREVENTION -> List.of(new OrderEvent.Expired(account, id, venueOrderId, at));
            case REJECTED -> List.of(new OrderEvent.Rejected(account, id, VenueError.rejected(RejectReason.OTHER,
                    null, "Binance rejected the order"), at));
            case AMENDMENT, REPLACED -> List.of(new OrderEvent.Replaced(account, id, id, venueOrderId,
                    o.quantity(), zeroToNull(o.price()), zeroToNull(o.stopPrice()), at));
        };
    }

    /**
     * The events a futures {@code ALGO_UPDATE} reports for the conditional order, under its
     * client algo id (= the gateway's client order id) and with the algo id as venue order id:
     * NEW Accepted; CANCELED Canceled; EXPIRED Expired; REJECTED Rejected. TRIGGERING, TRIGGERED
     * and FINISHED report nothing: from the trigger on, the placed order's own
     * {@code ORDER_TRADE_UPDATE}s tell its fills and end.
     *
     * @throws UnknownVenueValueException for an algo status Binance adds later
     */
    public static List<OrderEvent> events(String account, AlgoUpdate u) {
        AlgoUpdate.Order o = u.order();
        BinanceAlgoStatus status = BinanceAlgoStatus.parse(o.algoStatus());
        String id = o.clientAlgoId();
        String venueOrderId = String.valueOf(o.algoId());
        Instant at = instant(u.transactionTime(), u.eventTime());
        return switch (status) {
            case NEW -> List.of(new OrderEvent.Accepted(account, id, venueOrderId, at));
            case CANCELED -> List.of(new OrderEvent.Canceled(account, id, venueOrderId, null, at));
            case EXPIRED -> List.of(new OrderEvent.Expired(account, id, venueOrderId, at));
            case REJECTED -> List.of(new OrderEvent.Rejected(account, id, VenueError.rejected(
                    BinanceErrors.reasonFromText(o.rejectReason()), null,
                    "Binance rejected the conditional order on trigger: " + o.rejectReason()), at));
            case TRIGGERING, TRIGGERED, FINISHED -> List.of();
        };
    }

    private static List<OrderEvent> tradeFill(String account, String id, String venueOrderId, Long tradeId,
                                              BigDecimal qty, BigDecimal price, BigDecimal commission,
                                              String commissionAsset, Boolean maker, Instant at,
                                              boolean orderFilled) {
        if (qty == null || qty.signum() <= 0 || tradeId == null || tradeId < 0) {
            return List.of();
        }
        return List.of(new OrderEvent.Fill(account, id, venueOrderId, String.valueOf(tradeId), qty, price,
                commission == null ? BigDecimal.ZERO : commission, commissionAsset,
                Boolean.TRUE.equals(maker) ? Liquidity.MAKER : Liquidity.TAKER, at, orderFilled));
    }

    /** The same event under another client order id and venue order id (linking an algo order's child). */
    public static OrderEvent relabel(OrderEvent e, String clientOrderId, String venueOrderId) {
        if (e instanceof OrderEvent.Accepted a) {
            return new OrderEvent.Accepted(a.account(), clientOrderId, venueOrderId, a.timestamp());
        }
        if (e instanceof OrderEvent.Fill f) {
            return new OrderEvent.Fill(f.account(), clientOrderId, venueOrderId, f.tradeId(), f.quantity(), f.price(),
                    f.commission(), f.commissionAsset(), f.liquidity(), f.timestamp(), f.orderFilled());
        }
        if (e instanceof OrderEvent.Canceled c) {
            return new OrderEvent.Canceled(c.account(), clientOrderId, venueOrderId, c.reason(), c.timestamp());
        }
        if (e instanceof OrderEvent.Expired x) {
            return new OrderEvent.Expired(x.account(), clientOrderId, venueOrderId, x.timestamp());
        }
        if (e instanceof OrderEvent.Rejected r) {
            return new OrderEvent.Rejected(r.account(), clientOrderId, r.error(), r.timestamp());
        }
        if (e instanceof OrderEvent.Replaced r) {
            return new OrderEvent.Replaced(r.account(), clientOrderId, clientOrderId, venueOrderId, r.quantity(),
                    r.price(), r.stopPrice(), r.timestamp());
        }
        OrderEvent.CancelRejected c = (OrderEvent.CancelRejected) e;
        return new OrderEvent.CancelRejected(c.account(), clientOrderId, c.error(), c.timestamp());
    }

    // ------------------------------------------------------------------ REST answers

    /** The acceptance a new-order answer reports (spot or futures). */
    public static OrderEvent.Accepted accepted(String account, RestOrder o, Instant fallback) {
        return new OrderEvent.Accepted(account, o.clientOrderId(), String.valueOf(o.orderId()), at(o, fallback));
    }

    /** The acceptance of a futures conditional order: the algo id is its venue order id. */
    public static OrderEvent.Accepted accepted(String account, AlgoOrder o, Instant fallback) {
        return new OrderEvent.Accepted(account, o.clientAlgoId(), String.valueOf(o.algoId()),
                instant(o.createTime(), fallback.toEpochMilli()));
    }

    /**
     * Every event a new-order answer tells beyond the acceptance: the fills of a spot FULL answer
     * (trades on arrival, so the order was the taker) and, when the answer says the order is
     * already done without filling in full, its Expired, Canceled or Rejected.
     */
    public static List<OrderEvent> afterAcceptance(String account, RestOrder o, Instant fallback) {
        List<OrderEvent> out = new ArrayList<>();
        String venueOrderId = String.valueOf(o.orderId());
        Instant at = at(o, fallback);
        List<OrderFill> fills = o.fills().stream()
                .filter(f -> f.qty() != null && f.qty().signum() > 0 && f.tradeId() != null).toList();
        boolean filled = o.status() != null && BinanceOrderStatus.parse(o.status()) == BinanceOrderStatus.FILLED;
        for (int i = 0; i < fills.size(); i++) {
            OrderFill f = fills.get(i);
            // the answer's status says the last of its fills completed the order
            out.add(new OrderEvent.Fill(account, o.clientOrderId(), venueOrderId, String.valueOf(f.tradeId()),
                    f.qty(), f.price(), f.commission() == null ? BigDecimal.ZERO : f.commission(),
                    f.commissionAsset(), Liquidity.TAKER, at, filled && i == fills.size() - 1));
        }
        if (o.status() != null) {
            switch (BinanceOrderStatus.parse(o.status())) {
                case EXPIRED, EXPIRED_IN_MATCH -> out.add(new OrderEvent.Expired(account, o.clientOrderId(),
                        venueOrderId, at));
                case CANCELED -> out.add(new OrderEvent.Canceled(account, o.clientOrderId(), venueOrderId, null, at));
                default -> {
                }
            }
        }
        return out;
    }

    /** The cancel an answer to DELETE order confirms, under the canceled order's own client id. */
    public static OrderEvent.Canceled canceled(String account, RestOrder o, Instant fallback) {
        return new OrderEvent.Canceled(account, o.ownClientOrderId(), String.valueOf(o.orderId()), null,
                at(o, fallback));
    }

    /** The cancel of a futures conditional order. */
    public static OrderEvent.Canceled canceled(String account, String clientOrderId, AlgoOrder o, Instant fallback) {
        return new OrderEvent.Canceled(account, clientOrderId, o.algoId() == null ? null : String.valueOf(o.algoId()),
                null, instant(o.updateTime(), fallback.toEpochMilli()));
    }

    /**
     * A replace reported as the order that now stands: {@code originalClientOrderId} is the id
     * the gateway knew, the answer's order the one it has now (its client id is the new id after a
     * cancel-replace and the same id after a futures modify).
     */
    public static OrderEvent.Replaced replaced(String account, String originalClientOrderId, RestOrder now,
                                               BigDecimal totalQuantity, Instant fallback) {
        return new OrderEvent.Replaced(account, originalClientOrderId, now.clientOrderId(),
                String.valueOf(now.orderId()), totalQuantity, zeroToNull(now.price()), zeroToNull(now.stopPrice()),
                at(now, fallback));
    }

    /**
     * Everything an order's current state tells, as events (for filling a stream gap): Accepted,
     * one Fill per trade in trade id order, and the terminal event its status implies (Canceled,
     * Expired, Rejected; a filled order's fills are its end: when its status is FILLED, its last fill
     * says it completed the order, which is what ends an order sized in the quote currency).
     *
     * @throws UnknownVenueValueException for a status Binance adds later
     */
    public static List<OrderEvent> stateEvents(String account, RestOrder o, List<AccountTrade> trades,
                                               Instant fallback) {
        List<OrderEvent> out = new ArrayList<>();
        String venueOrderId = String.valueOf(o.orderId());
        BinanceOrderStatus status = BinanceOrderStatus.parse(o.status());
        Instant at = at(o, fallback);
        if (status == BinanceOrderStatus.REJECTED) {
            out.add(new OrderEvent.Rejected(account, o.clientOrderId(), VenueError.rejected(RejectReason.OTHER, null,
                    "Binance reports the order REJECTED"), at));
            return out;
        }
        out.add(new OrderEvent.Accepted(account, o.clientOrderId(), venueOrderId, at));
        out.addAll(fills(account, o.clientOrderId(), venueOrderId, o, trades));
        switch (status) {
            case CANCELED -> out.add(new OrderEvent.Canceled(account, o.clientOrderId(), venueOrderId, null, at));
            case EXPIRED, EXPIRED_IN_MATCH -> out.add(new OrderEvent.Expired(account, o.clientOrderId(), venueOrderId,
                    at));
            default -> {
            }
        }
        return out;
    }

    /**
     * A conditional order's state as events under its client algo id and algo id: Accepted, the
     * placed order's fills and end (when {@code child} is known), or the algo order's own end.
     *
     * @throws UnknownVenueValueException for a status Binance adds later
     */
    public static List<OrderEvent> stateEvents(String account, AlgoOrder a, RestOrder child, List<AccountTrade> trades,
                                               Instant fallback) {
        String id = a.clientAlgoId();
        String venueOrderId = String.valueOf(a.algoId());
        Instant at = instant(a.updateTime(), fallback.toEpochMilli());
        List<OrderEvent> out = new ArrayList<>();
        BinanceAlgoStatus status = BinanceAlgoStatus.parse(a.algoStatus());
        if (status == BinanceAlgoStatus.REJECTED) {
            out.add(new OrderEvent.Rejected(account, id, VenueError.rejected(RejectReason.OTHER, null,
                    "Binance reports the conditional order REJECTED"), at));
            return out;
        }
        out.add(new OrderEvent.Accepted(account, id, venueOrderId, at));
        if (child != null) {
            for (OrderEvent e : stateEvents(account, child, trades, fallback)) {
                if (!(e instanceof OrderEvent.Accepted)) {
                    out.add(relabel(e, id, venueOrderId));
                }
            }
        }
        switch (status) {
            case CANCELED -> out.add(new OrderEvent.Canceled(account, id, venueOrderId, null, at));
            case EXPIRED -> out.add(new OrderEvent.Expired(account, id, venueOrderId, at));
            default -> {
            }
        }
        return out;
    }

    /** A trade of myTrades / userTrades as a Fill of the order {@code clientOrderId}. */
    public static OrderEvent.Fill fill(String account, String clientOrderId, String venueOrderId, AccountTrade t) {
        return fill(account, clientOrderId, venueOrderId, t, false);
    }

    /** As {@link #fill(String, String, String, AccountTrade)}; {@code orderFilled}: this trade completed the order. */
    public static OrderEvent.Fill fill(String account, String clientOrderId, String venueOrderId, AccountTrade t,
                                      boolean orderFilled) {
        return new OrderEvent.Fill(account, clientOrderId, venueOrderId, String.valueOf(t.id()), t.qty(), t.price(),
                t.commission() == null ? BigDecimal.ZERO : t.commission(), t.commissionAsset(),
                t.wasMaker() ? Liquidity.MAKER : Liquidity.TAKER, instant(t.time(), 0L), orderFilled);
    }

    /**
     * The trades of {@code order} as Fills under {@code clientOrderId} and {@code venueOrderId}, in
     * trade id order; when Binance reports the order FILLED, the last one (the highest trade id)
     * carries {@code orderFilled}.
     */
    static List<OrderEvent.Fill> fills(String account, String clientOrderId, String venueOrderId, RestOrder order,
                                       List<AccountTrade> trades) {
        List<AccountTrade> own = trades.stream().filter(t -> Objects.equals(t.orderId(), order.orderId()))
                .sorted(Comparator.comparing(AccountTrade::id, Comparator.nullsFirst(Comparator.naturalOrder())))
                .toList();
        boolean filled = "FILLED".equals(order.status());
        List<OrderEvent.Fill> out = new ArrayList<>(own.size());
        for (int i = 0; i < own.size(); i++) {
            out.add(fill(account, clientOrderId, venueOrderId, own.get(i), filled && i == own.size() - 1));
        }
        return out;
    }

    /**
     * An order's snapshot from a query answer and its trades (in trade id order; the last one carries
     * {@code orderFilled} when the order is FILLED).
     *
     * @throws UnknownVenueValueException for a status or side Binance adds later
     */
    public static OrderSnapshot snapshot(String account, String symbol, RestOrder o, List<AccountTrade> trades) {
        String venueOrderId = String.valueOf(o.orderId());
        List<OrderEvent.Fill> fills = fills(account, o.clientOrderId(), venueOrderId, o, trades);
        return new OrderSnapshot(account, o.clientOrderId(), venueOrderId, symbol, side(o.side()),
                BinanceOrderStatus.parse(o.status()).snapshotStatus(), o.origQty(),
                o.executedQty() == null ? BigDecimal.ZERO : o.executedQty(), zeroToNull(o.price()), fills);
    }

    /**
     * A futures conditional order's snapshot, under its client algo id and algo id. Before the
     * trigger it is NEW (or CANCELED, EXPIRED, REJECTED); once triggered, the placed order
     * ({@code child}, null when not yet known) gives status, filled quantity and fills.
     */
    public static OrderSnapshot snapshot(String account, String symbol, AlgoOrder a, RestOrder child,
                                         List<AccountTrade> trades) {
        BinanceAlgoStatus status = BinanceAlgoStatus.parse(a.algoStatus());
        String venueOrderId = String.valueOf(a.algoId());
        OrderSnapshot.Status s = switch (status) {
            case NEW, TRIGGERING -> OrderSnapshot.Status.NEW;
            case CANCELED -> OrderSnapshot.Status.CANCELED;
            case EXPIRED -> OrderSnapshot.Status.EXPIRED;
            case REJECTED -> OrderSnapshot.Status.REJECTED;
            case TRIGGERED, FINISHED -> child != null ? BinanceOrderStatus.parse(child.status()).snapshotStatus()
                    : OrderSnapshot.Status.NEW;
        };
        List<OrderEvent.Fill> fills = child == null ? List.of()
                : fills(account, a.clientAlgoId(), venueOrderId, child, trades);
        BigDecimal filled = child != null && child.executedQty() != null ? child.executedQty()
                : a.actualQty() != null ? a.actualQty() : BigDecimal.ZERO;
        return new OrderSnapshot(account, a.clientAlgoId(), venueOrderId, symbol, side(a.side()), s, a.quantity(),
                filled, zeroToNull(a.price()), fills);
    }

    /** Spot balances: total = free + locked, available = free; assets with nothing are left out. */
    public static List<Balance> spotBalances(SpotAccount account) {
        List<Balance> out = new ArrayList<>();
        for (SpotAccount.AssetBalance b : account.balances()) {
            BigDecimal free = b.free() == null ? BigDecimal.ZERO : b.free();
            BigDecimal locked = b.locked() == null ? BigDecimal.ZERO : b.locked();
            BigDecimal total = free.add(locked);
            if (total.signum() != 0) {
                out.add(new Balance(b.asset(), total, free));
            }
        }
        return List.copyOf(out);
    }

    /**
     * Futures wallet: total = wallet balance + unrealised cross profit (the margin balance),
     * available = what new orders may use; assets with nothing are left out.
     */
    public static List<Balance> futuresBalances(List<FuturesBalance> balances) {
        List<Balance> out = new ArrayList<>();
        for (FuturesBalance b : balances) {
            BigDecimal wallet = b.balance() == null ? BigDecimal.ZERO : b.balance();
            BigDecimal total = wallet.add(b.crossUnPnl() == null ? BigDecimal.ZERO : b.crossUnPnl());
            BigDecimal available = b.availableBalance() == null ? BigDecimal.ZERO : b.availableBalance();
            if (total.signum() != 0 || available.signum() != 0) {
                out.add(new Balance(b.asset(), total, available));
            }
        }
        return List.copyOf(out);
    }

    /**
     * Open positions (non-zero size). {@code unifiedOf} names the unified symbol of a Binance
     * futures symbol, or null for one not loaded (left out). Binance's positionRisk does not report
     * realised profit, so it is zero here (Binance's income history has it).
     */
    public static List<Position> positions(List<PositionRisk> risks, Function<String, String> unifiedOf) {
        List<Position> out = new ArrayList<>();
        for (PositionRisk r : risks) {
            String symbol = unifiedOf.apply(r.symbol());
            if (symbol == null || r.positionAmt() == null || r.positionAmt().signum() == 0) {
                continue;
            }
            out.add(new Position(symbol, r.positionAmt(), r.entryPrice() == null ? BigDecimal.ZERO : r.entryPrice(),
                    BigDecimal.ZERO));
        }
        return List.copyOf(out);
    }

    /**
     * Binance's side.
     *
     * @throws UnknownVenueValueException for anything but BUY and SELL
     */
    public static Side side(String side) {
        return UnknownVenueValueException.parse(Side.class, "side", side);
    }

    // ------------------------------------------------------------------ market data

    /**
     * A diff-depth event as a {@link BookMessage}: {@code U}, {@code u}, {@code pu} (futures), the
     * levels, and the event time {@code E} (else {@code receivedAt}).
     *
     * @throws IllegalArgumentException for a level that is not {@code [price, quantity]} with a
     *         positive price and a quantity of zero or more
     */
    static BookMessage bookMessage(DepthUpdate u, Instant receivedAt) {
        return new BookMessage(u.firstUpdateId(), u.finalUpdateId(), u.previousFinalId(), levels(u.bids()),
                levels(u.asks()), u.eventTime() == null ? receivedAt : Instant.ofEpochMilli(u.eventTime()));
    }

    /**
     * A REST depth snapshot as a {@link BookMessage} at {@code lastUpdateId}, timed by its
     * {@code E} (futures) or, on spot, which sends no time, {@code receivedAt}.
     *
     * @throws IllegalArgumentException for a malformed level
     */
    static BookMessage bookMessage(DepthSnapshot s, Instant receivedAt) {
        return new BookMessage(s.lastUpdateId(), s.lastUpdateId(), null, levels(s.bids()), levels(s.asks()),
                s.eventTime() == null ? receivedAt : Instant.ofEpochMilli(s.eventTime()));
    }

    /**
     * A spot trade event as a public trade of {@code symbol}: the taker sold when the buyer was the
     * maker ({@code m}).
     */
    public static MarketTrade marketTrade(String symbol, TradeEvent t, long receivedNanos) {
        return new MarketTrade(symbol, Long.toString(t.tradeId()), t.price(), t.quantity(),
                t.buyerMaker() ? Side.SELL : Side.BUY, Instant.ofEpochMilli(t.tradeTime()), receivedNanos);
    }

    /**
     * An aggregate trade event as a public trade of {@code symbol}, identified by the aggregate
     * trade id {@code a}; the taker sold when the buyer was the maker ({@code m}).
     */
    public static MarketTrade marketTrade(String symbol, AggTradeEvent t, long receivedNanos) {
        return new MarketTrade(symbol, Long.toString(t.aggregateTradeId()), t.price(), t.quantity(),
                t.buyerMaker() ? Side.SELL : Side.BUY, Instant.ofEpochMilli(t.tradeTime()), receivedNanos);
    }

    private static List<BookMessage.Level> levels(List<List<BigDecimal>> rows) {
        if (rows == null) {
            return List.of();
        }
        List<BookMessage.Level> out = new ArrayList<>(rows.size());
        for (List<BigDecimal> row : rows) {
            if (row == null || row.size() < 2 || row.get(0) == null || row.get(1) == null) {
                throw new IllegalArgumentException("a depth level is not [price, quantity]: " + row);
            }
            out.add(new BookMessage.Level(row.get(0), row.get(1)));
        }
        return out;
    }

    private static Instant at(RestOrder o, Instant fallback) {
        Long ms = o.transactTime() != null ? o.transactTime() : o.updateTime() != null ? o.updateTime() : o.time();
        return ms == null || ms <= 0 ? fallback : Instant.ofEpochMilli(ms);
    }

    private static Instant instant(Long primary, Long secondary) {
        if (primary != null && primary > 0) {
            return Instant.ofEpochMilli(primary);
        }
        return Instant.ofEpochMilli(secondary == null ? 0L : secondary);
    }

    private static BigDecimal zeroToNull(BigDecimal v) {
        return v == null || v.signum() == 0 ? null : v;
    }
}

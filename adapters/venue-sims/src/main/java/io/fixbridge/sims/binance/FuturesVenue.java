package io.fixbridge.sims.binance;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fixbridge.venue.Balance;
import io.fixbridge.venue.Liquidity;
import io.fixbridge.venue.OrderRequest;
import io.fixbridge.venue.OrderType;
import io.fixbridge.venue.Position;
import io.fixbridge.venue.RejectReason;
import io.fixbridge.venue.Side;
import io.fixbridge.venue.TimeInForce;
import io.fixbridge.venue.paper.engine.BookLevel;
import io.fixbridge.venue.paper.engine.EngineResult;
import io.fixbridge.venue.paper.engine.Execution;
import io.fixbridge.venue.paper.engine.MatchingEngine;
import io.fixbridge.venue.paper.engine.OrderView;

import java.math.BigDecimal;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Binance USD-M futures on the paper engine: regular orders (LIMIT with GTC, IOC, FOK, GTX
 * post-only and GTD; MARKET), in-place modification, and an algo service that holds conditional
 * orders (STOP_MARKET, TAKE_PROFIT_MARKET, STOP, TAKE_PROFIT) outside the engine until the latest
 * price crosses their trigger, then places the regular order that carries the fills. Positions are
 * the engine's net positions; hedge mode maps LONG/SHORT orders onto the net position (a closing
 * order is reduce-only).
 *
 * <p><b>Threading:</b> confined to the engine thread; public entries run as
 * {@linkplain #transact transactions}. Bad requests throw {@link BinanceException} and change
 * nothing.
 */
final class FuturesVenue extends EngineVenue {

    private final Map<String, FuturesListing> listings = new LinkedHashMap<>();
    private final Map<String, FuturesListing> byUnified = new HashMap<>();
    private final int engineLeverage;
    private final Map<String, Boolean> hedgeMode = new HashMap<>();
    private final Map<String, Map<String, Integer>> leverage = new HashMap<>();
    private final Map<Long, FuturesOrder> orders = new HashMap<>();
    private final Map<String, FuturesOrder> byEngineClientId = new HashMap<>();
    private final Map<String, List<FuturesOrder>> byAccount = new HashMap<>();
    final AlgoService algos = new AlgoService(this);
    final FuturesAccountView views = new FuturesAccountView(this);
    private final Map<String, Map<String, NetPosition>> positions = new HashMap<>();
    private long nextOrderId = 1;

    FuturesVenue(Clock clock, UserDataHub hub, Collection<FuturesSymbol> symbols, int engineLeverage,
                 Collection<SimAccount> accounts) {
        super(Market.FUTURES, clock, hub);
        this.engineLeverage = engineLeverage;
        for (FuturesSymbol s : symbols) {
            FuturesListing l = new FuturesListing(s);
            listings.put(s.symbol(), l);
            byUnified.put(l.unified(), l);
        }
        for (SimAccount a : accounts) {
            hedgeMode.put(a.name(), a.hedgeMode());
        }
    }

    int engineLeverage() {
        return engineLeverage;
    }

    FuturesListing byUnified(String unifiedSymbol) {
        return byUnified.get(unifiedSymbol);
    }

    Map<String, FuturesListing> listings() {
        return listings;
    }

    FuturesListing listing(String symbol) {
        FuturesListing l = listings.get(symbol);
        if (l == null) {
            throw Errors.invalidSymbol();
        }
        return l;
    }

    // ------------------------------------------------------------------ regular orders

    /** POST /fapi/v1/order. */
    FuturesOrder place(String account, FuturesOrderSpec spec) {
        return transact(() -> placeInternal(account, spec, spec.type(), null, null, true));
    }

    FuturesOrder placeInternal(String account, FuturesOrderSpec s, String origType, BigDecimal stopPrice,
                                       Long algoId, boolean checkDuplicate) {
        FuturesListing l = s.listing();
        if (!l.trading()) {
            throw Errors.of(-4140, "Invalid symbol status for opening position");
        }
        String positionSide = resolvePositionSide(account, s.positionSide(), s.reduceOnly());
        boolean hedge = isHedge(account);
        boolean engineReduceOnly = hedge
                ? ("LONG".equals(positionSide) && s.side() == Side.SELL)
                        || ("SHORT".equals(positionSide) && s.side() == Side.BUY)
                : s.reduceOnly();
        if (checkDuplicate && openByClientId(account, s.clientOrderId()) != null) {
            throw Errors.futuresDuplicateClientId();
        }
        BigDecimal reference = latestPrice(l);
        if (!engineReduceOnly) {
            BigDecimal basis = s.price() != null ? s.price() : reference;
            if (basis.multiply(s.quantity()).compareTo(l.spec.minNotional()) < 0) {
                throw Errors.futuresMinNotional(Fmt.plain(l.spec.minNotional()));
            }
        }
        if ("FOK".equals(s.timeInForce()) && !fillable(l, s.side(), s.price(), s.quantity())) {
            throw Errors.fokRejected();
        }
        FuturesOrder o = new FuturesOrder(nextOrderId++, account, l, s.side(), s.type(), origType, s.timeInForce(),
                positionSide, s.reduceOnly(), false, s.quantity(), s.price(), stopPrice, s.goodTillDate(),
                s.stpMode(), s.clientOrderId(), algoId, now());
        o.engineRequest = toEngine(o, s, engineReduceOnly);
        byEngineClientId.put(o.engineClientId, o);
        orders.put(o.orderId, o);
        byAccount.computeIfAbsent(account, a -> new ArrayList<>()).add(o);
        EngineResult result = engine.submit(o.engineRequest);
        if (result instanceof EngineResult.Refused refused) {
            byEngineClientId.remove(o.engineClientId);
            orders.remove(o.orderId);
            byAccount.get(account).remove(o);
            throw refusal(refused);
        }
        return o;
    }

    String resolvePositionSide(String account, String sent, boolean reduceOnly) {
        if (isHedge(account)) {
            if (sent == null || "BOTH".equals(sent)) {
                throw Errors.positionSideMismatch();
            }
            if (reduceOnly) {
                throw Errors.notRequired("reduceOnly");
            }
            return sent;
        }
        if (sent != null && !"BOTH".equals(sent)) {
            throw Errors.positionSideMismatch();
        }
        return "BOTH";
    }

    boolean isHedge(String account) {
        return hedgeMode.getOrDefault(account, false);
    }

    /** Whether the book can fill {@code qty} at once at {@code price} (null: any price). */
    private boolean fillable(FuturesListing l, Side side, BigDecimal price, BigDecimal qty) {
        BigDecimal available = BigDecimal.ZERO;
        for (BookLevel level : engine.book(l.unified()).depth(side.opposite(), 1000)) {
            boolean crosses = price == null || (side == Side.BUY ? price.compareTo(level.price()) >= 0
                    : price.compareTo(level.price()) <= 0);
            if (!crosses) {
                break;
            }
            available = available.add(level.quantity());
            if (available.compareTo(qty) >= 0) {
                return true;
            }
        }
        return false;
    }

    private boolean wouldTake(FuturesListing l, Side side, BigDecimal price) {
        Optional<BigDecimal> best = engine.book(l.unified()).best(side.opposite());
        return best.isPresent() && (side == Side.BUY ? price.compareTo(best.get()) >= 0
                : price.compareTo(best.get()) <= 0);
    }

    private static OrderRequest toEngine(FuturesOrder o, FuturesOrderSpec s, boolean reduceOnly) {
        OrderType type = s.isMarket() ? OrderType.MARKET : OrderType.LIMIT;
        TimeInForce tif = switch (s.timeInForce()) {
            case "IOC" -> TimeInForce.IOC;
            case "FOK" -> TimeInForce.FOK;
            default -> TimeInForce.GTC;
        };
        return OrderRequest.builder()
                .account(o.account)
                .clientOrderId(o.engineClientId)
                .symbol(o.listing.unified())
                .side(s.side())
                .type(type)
                .timeInForce(s.isMarket() ? TimeInForce.GTC : tif)
                .quantity(s.quantity())
                .price(s.price())
                .postOnly("GTX".equals(s.timeInForce()))
                .reduceOnly(reduceOnly)
                .build();
    }

    private static BinanceException refusal(EngineResult.Refused r) {
        RejectReason reason = r.reason();
        return switch (reason) {
            case INSUFFICIENT_FUNDS -> Errors.marginInsufficient();
            case WOULD_TAKE_LIQUIDITY -> Errors.gtxRejected();
            case REDUCE_ONLY_WOULD_INCREASE -> Errors.reduceOnlyRejected();
            case DUPLICATE_ORDER -> Errors.futuresDuplicateClientId();
            case UNKNOWN_SYMBOL -> Errors.invalidSymbol();
            case INCORRECT_QUANTITY -> Errors.quantityBelowMin();
            case INVALID_PRICE_INCREMENT -> Errors.priceTick();
            case VENUE_CLOSED -> Errors.of(-4140, "Invalid symbol status for opening position");
            default -> Errors.unsupportedCombination();
        };
    }

    /** Expires the open GTD orders whose goodTillDate has passed; run periodically on the engine thread. */
    void expireDueOrders() {
        long now = now();
        List<FuturesOrder> due = new ArrayList<>();
        for (FuturesOrder o : orders.values()) {
            if (o.goodTillDate > 0 && o.goodTillDate <= now && o.isOpen()) {
                due.add(o);
            }
        }
        if (due.isEmpty()) {
            return;
        }
        transact(() -> {
            for (FuturesOrder o : due) {
                if (o.isOpen()) {
                    o.terminalOverride = "EXPIRED";
                    engine.cancel(o.account, null, null, o.engineId);
                }
            }
            return null;
        });
    }

    /** PUT /fapi/v1/order: LIMIT orders only; price and quantity both sent. */
    FuturesOrder modify(String account, String symbol, Long orderId, String origClientOrderId, Side side,
                        BigDecimal quantity, BigDecimal price) {
        FuturesListing l = listing(symbol);
        return transact(() -> {
            FuturesOrder o = find(account, l, orderId, origClientOrderId);
            if (o == null || !o.isOpen()) {
                throw Errors.noSuchOrder();
            }
            if (!"LIMIT".equals(o.type)) {
                throw Errors.limitOnly();
            }
            if (side != o.side) {
                throw Errors.invalidParameter("side");
            }
            FuturesOrderParser.checkPrice(l.spec, price);
            FuturesOrderParser.checkQuantity(l.spec, quantity, false);
            if (price.compareTo(o.price) == 0 && quantity.compareTo(o.origQty) == 0) {
                throw Errors.sameOrder();
            }
            if (quantity.compareTo(o.executedQty) <= 0
                    || ("GTX".equals(o.timeInForce) && wouldTake(l, o.side, price))) {
                engine.cancel(account, null, null, o.engineId);
                return o;
            }
            if (!o.engineRequest.reduceOnly()
                    && price.multiply(quantity).compareTo(l.spec.minNotional()) < 0) {
                throw Errors.of(-5029, "Order's notional must be no smaller than " + Fmt.plain(l.spec.minNotional()));
            }
            OrderRequest replacement = o.engineRequest.toBuilder().price(price).quantity(quantity).build();
            EngineResult r = engine.amend(account, null, o.engineId, replacement);
            if (r instanceof EngineResult.Refused refused) {
                if (refused.reason() == RejectReason.WOULD_TAKE_LIQUIDITY) {
                    engine.cancel(account, null, null, o.engineId);
                    return o;
                }
                throw refusal(refused);
            }
            o.engineRequest = replacement;
            return o;
        });
    }

    /** DELETE /fapi/v1/order. */
    FuturesOrder cancel(String account, String symbol, Long orderId, String origClientOrderId) {
        FuturesListing l = listing(symbol);
        return transact(() -> {
            FuturesOrder o = find(account, l, orderId, origClientOrderId);
            if (o == null || !o.isOpen()) {
                throw Errors.unknownOrderOnCancel();
            }
            if (engine.cancel(account, null, null, o.engineId) instanceof EngineResult.Refused) {
                throw Errors.unknownOrderOnCancel();
            }
            return o;
        });
    }

    /** DELETE /fapi/v1/allOpenOrders. */
    ObjectNode cancelAll(String account, String symbol) {
        FuturesListing l = listing(symbol);
        return transact(() -> {
            for (FuturesOrder o : openOrders(account, l)) {
                engine.cancel(account, null, null, o.engineId);
            }
            ObjectNode n = Json.object();
            n.put("code", 200);
            n.put("msg", "The operation of cancel all open order is done.");
            return n;
        });
    }

    /** GET /fapi/v1/order. */
    FuturesOrder query(String account, String symbol, Long orderId, String origClientOrderId) {
        FuturesOrder o = find(account, listing(symbol), orderId, origClientOrderId);
        if (o == null) {
            throw Errors.noSuchOrder();
        }
        return o;
    }

    /** GET /fapi/v1/openOrders; {@code symbol} null means every symbol. */
    ArrayNode openOrdersJson(String account, String symbol) {
        FuturesListing l = symbol == null ? null : listing(symbol);
        ArrayNode out = Json.array();
        openOrders(account, l).forEach(o -> out.add(FuturesJson.query(o)));
        return out;
    }

    List<FuturesOrder> openOrders(String account, FuturesListing l) {
        List<FuturesOrder> out = new ArrayList<>();
        for (FuturesOrder o : byAccount.getOrDefault(account, List.of())) {
            if (o.isOpen() && (l == null || o.listing == l)) {
                out.add(o);
            }
        }
        return out;
    }

    /** GET /fapi/v1/openOrder: the order while it is open; -2013 otherwise. */
    FuturesOrder openOrder(String account, String symbol, Long orderId, String origClientOrderId) {
        FuturesOrder o = find(account, listing(symbol), orderId, origClientOrderId);
        if (o == null || !o.isOpen()) {
            throw Errors.noSuchOrder();
        }
        return o;
    }

    /** GET /fapi/v1/allOrders: orders from {@code orderId} on, else the latest {@code limit}. */
    ArrayNode allOrders(String account, String symbol, Long orderId, Long startTime, Long endTime, int limit) {
        FuturesListing l = listing(symbol);
        List<FuturesOrder> chosen = new ArrayList<>();
        for (FuturesOrder o : byAccount.getOrDefault(account, List.of())) {
            if (o.listing == l && (orderId == null || o.orderId >= orderId)
                    && (startTime == null || o.time >= startTime) && (endTime == null || o.time <= endTime)) {
                chosen.add(o);
            }
        }
        int from = orderId != null ? 0 : Math.max(0, chosen.size() - limit);
        ArrayNode out = Json.array();
        for (int i = from; i < chosen.size() && out.size() < limit; i++) {
            out.add(FuturesJson.query(chosen.get(i)));
        }
        return out;
    }

    /** GET /fapi/v1/userTrades. */
    ArrayNode userTrades(String account, String symbol, Long orderId, Long fromId, Long startTime, Long endTime,
                         int limit) {
        FuturesListing l = listing(symbol);
        List<Object[]> rows = new ArrayList<>();
        for (FuturesOrder o : byAccount.getOrDefault(account, List.of())) {
            if (o.listing != l || (orderId != null && o.orderId != orderId)) {
                continue;
            }
            for (FuturesFill f : o.fills) {
                if ((fromId != null && f.tradeId() < fromId) || (startTime != null && f.time() < startTime)
                        || (endTime != null && f.time() > endTime)) {
                    continue;
                }
                rows.add(new Object[] {o, f});
            }
        }
        rows.sort(Comparator.comparingLong(r -> ((FuturesFill) r[1]).tradeId()));
        ArrayNode out = Json.array();
        int from = fromId != null ? 0 : Math.max(0, rows.size() - limit);
        for (int i = from; i < rows.size() && out.size() < limit; i++) {
            out.add(FuturesJson.trade((FuturesOrder) rows.get(i)[0], (FuturesFill) rows.get(i)[1]));
        }
        return out;
    }

    FuturesOrder find(String account, FuturesListing l, Long orderId, String clientOrderId) {
        if (orderId != null) {
            FuturesOrder o = orders.get(orderId);
            return o == null || !o.account.equals(account) || o.listing != l ? null : o;
        }
        FuturesOrder latest = null;
        for (FuturesOrder o : byAccount.getOrDefault(account, List.of())) {
            if (o.listing == l && o.clientOrderId.equals(clientOrderId)) {
                if (o.isOpen()) {
                    return o;
                }
                latest = o;
            }
        }
        return latest;
    }

    private FuturesOrder openByClientId(String account, String clientOrderId) {
        for (FuturesOrder o : byAccount.getOrDefault(account, List.of())) {
            if (o.isOpen() && o.clientOrderId.equals(clientOrderId)) {
                return o;
            }
        }
        return null;
    }

    // ------------------------------------------------------------------ account

    long updateTimeOf(String account, FuturesListing l) {
        long t = 0;
        for (FuturesOrder o : byAccount.getOrDefault(account, List.of())) {
            if (o.listing == l && !o.fills.isEmpty()) {
                t = Math.max(t, o.fills.get(o.fills.size() - 1).time());
            }
        }
        return t;
    }

    Position position(String account, FuturesListing l) {
        for (Position p : engine.positions(account)) {
            if (p.symbol().equals(l.unified())) {
                return p;
            }
        }
        return null;
    }

    static BigDecimal notional(List<FuturesOrder> open, Side side) {
        BigDecimal total = BigDecimal.ZERO;
        for (FuturesOrder o : open) {
            if (o.side == side && o.price != null) {
                total = total.add(o.price.multiply(o.leaves()));
            }
        }
        return total;
    }

    BigDecimal markPrice(FuturesListing l) {
        return synthetic.mid(l.unified());
    }

    BigDecimal latestPrice(FuturesListing l) {
        return engine.referencePrice(l.unified()).orElse(markPrice(l));
    }

    int leverageOf(String account, String symbol) {
        return leverage.getOrDefault(account, Map.of()).getOrDefault(symbol, engineLeverage);
    }

    /** POST /fapi/v1/leverage. */
    ObjectNode changeLeverage(String account, String symbol, long value) {
        FuturesListing l = listing(symbol);
        if (value < 1 || value > 125) {
            throw Errors.invalidLeverage(Long.toString(value));
        }
        return transact(() -> {
            leverage.computeIfAbsent(account, a -> new HashMap<>()).put(l.symbol(), (int) value);
            ObjectNode event = Json.object();
            event.put("e", "ACCOUNT_CONFIG_UPDATE");
            event.put("E", now());
            event.put("T", now());
            ObjectNode ac = event.putObject("ac");
            ac.put("s", l.symbol());
            ac.put("l", value);
            emit(account, event);
            ObjectNode n = Json.object();
            n.put("leverage", value);
            n.put("maxNotionalValue", "1000000000");
            n.put("symbol", l.symbol());
            return n;
        });
    }

    boolean dualSidePosition(String account) {
        return isHedge(account);
    }

    /** POST /fapi/v1/positionSide/dual. */
    void changeDualSidePosition(String account, boolean dual) {
        if (isHedge(account) == dual) {
            throw Errors.noNeedToChangePositionSide();
        }
        if (!openOrders(account, null).isEmpty() || algos.algosOf(account).stream().anyMatch(AlgoOrder::isOpen)) {
            throw Errors.positionSideChangeWithOrders();
        }
        for (Position p : engine.positions(account)) {
            if (p.quantity().signum() != 0) {
                throw Errors.positionSideChangeWithPosition();
            }
        }
        hedgeMode.put(account, dual);
    }

    // ------------------------------------------------------------------ market data

    /** GET /fapi/v1/premiumIndex for one symbol (mark price = the synthetic mid). */
    ObjectNode premiumIndex(String symbol) {
        FuturesListing l = listing(symbol);
        ObjectNode n = Json.object();
        n.put("symbol", l.symbol());
        n.put("markPrice", Fmt.spot(markPrice(l)));
        n.put("indexPrice", Fmt.spot(markPrice(l)));
        n.put("estimatedSettlePrice", Fmt.spot(markPrice(l)));
        n.put("lastFundingRate", "0.00010000");
        n.put("interestRate", "0.00010000");
        n.put("nextFundingTime", now() - Math.floorMod(now(), 28_800_000L) + 28_800_000L);
        n.put("time", now());
        return n;
    }

    /** GET /fapi/v1/ticker/24hr for one symbol (see {@link Ticker24h}: no statistics are kept). */
    ObjectNode ticker24h(String symbol) {
        FuturesListing l = listing(symbol);
        return Ticker24h.futures(l.symbol(), latestPrice(l), now());
    }

    /**
     * GET /fapi/v1/ticker/bookTicker for one symbol: the book's best bid and ask with their visible
     * quantities ({@code "0"} for an empty side) and {@code time}, the simulator's clock.
     */
    ObjectNode bookTicker(String symbol) {
        FuturesListing l = listing(symbol);
        BookLevel bid = engine.book(l.unified()).depth(Side.BUY, 1).stream().findFirst().orElse(null);
        BookLevel ask = engine.book(l.unified()).depth(Side.SELL, 1).stream().findFirst().orElse(null);
        ObjectNode n = Json.object();
        n.put("symbol", l.symbol());
        n.put("bidPrice", Fmt.plain(bid == null ? null : bid.price()));
        n.put("bidQty", Fmt.plain(bid == null ? null : bid.quantity()));
        n.put("askPrice", Fmt.plain(ask == null ? null : ask.price()));
        n.put("askQty", Fmt.plain(ask == null ? null : ask.quantity()));
        n.put("time", now());
        return n;
    }

    /** GET /fapi/v1/ticker/price for one symbol. */
    ObjectNode tickerPrice(String symbol) {
        FuturesListing l = listing(symbol);
        ObjectNode n = Json.object();
        n.put("symbol", l.symbol());
        n.put("price", Fmt.plain(latestPrice(l)));
        n.put("time", now());
        return n;
    }

    // ------------------------------------------------------------------ truth

    List<FuturesOrder> ordersOf(String account) {
        return List.copyOf(byAccount.getOrDefault(account, List.of()));
    }

    OrderView engineView(FuturesOrder o) {
        return o.engineId == null ? null : engine.orderByVenueId(o.engineId).orElse(null);
    }

    List<Balance> engineBalances(String account) {
        return engine.balances(account);
    }

    List<Position> enginePositions(String account) {
        return engine.positions(account);
    }

    // ------------------------------------------------------------------ engine events

    @Override
    public void onAccepted(OrderView v) {
        FuturesOrder o = byEngineClientId.get(v.clientOrderId());
        if (o == null) {
            return;
        }
        o.engineId = v.venueOrderId();
        o.status = v.status().name();
        o.updateTime = now();
        publishOrder(o, "NEW", null);
    }

    @Override
    public void onFill(OrderView v, Execution e) {
        FuturesOrder o = byEngineClientId.get(v.clientOrderId());
        if (o == null) {
            return;
        }
        NetPosition position = positions.computeIfAbsent(o.account, a -> new HashMap<>())
                .computeIfAbsent(o.symbol(), s -> new NetPosition());
        BigDecimal signed = o.side == Side.BUY ? e.quantity() : e.quantity().negate();
        BigDecimal realized = position.apply(signed, e.price());
        long time = e.timestamp().toEpochMilli();
        FuturesFill fill = new FuturesFill(SpotVenue.tradeId(e.tradeId()), o.orderId, e.price(), e.quantity(),
                e.price().multiply(e.quantity()), e.commission(), e.commissionAsset(), realized,
                e.liquidity() == Liquidity.MAKER, o.side == Side.BUY, time);
        o.fills.add(fill);
        o.executedQty = v.filledQuantity();
        o.cumQuote = o.cumQuote.add(fill.quoteQty());
        o.status = v.status().name();
        o.updateTime = time;
        publishOrder(o, "TRADE", fill);
        touch(o.account, o.symbol());
        if (!o.isOpen() && o.algoId != null) {
            followUp(() -> algos.finish(o));
        }
    }

    @Override
    public void onCanceled(OrderView v, String reason) {
        FuturesOrder o = byEngineClientId.get(v.clientOrderId());
        if (o == null) {
            return;
        }
        if (MatchingEngine.REDUCE_ONLY_EXHAUSTED.equals(reason)) {
            o.status = "EXPIRED";
            o.expiryReason = "4";
        } else {
            o.status = o.terminalOverride != null ? o.terminalOverride : "CANCELED";
        }
        o.updateTime = now();
        publishOrder(o, o.status, null);
        if (o.algoId != null) {
            followUp(() -> algos.finish(o));
        }
    }

    @Override
    public void onExpired(OrderView v) {
        FuturesOrder o = byEngineClientId.get(v.clientOrderId());
        if (o == null) {
            return;
        }
        o.status = "EXPIRED";
        o.expiryReason = "MARKET".equals(o.type) ? "9" : "2";
        o.updateTime = now();
        publishOrder(o, "EXPIRED", null);
        if (o.algoId != null) {
            followUp(() -> algos.finish(o));
        }
    }

    @Override
    public void onReplaced(OrderView v, String previousClientOrderId) {
        FuturesOrder o = byEngineClientId.get(v.clientOrderId());
        if (o == null) {
            return;
        }
        o.origQty = v.quantity();
        o.price = v.price();
        o.status = v.status().name();
        o.updateTime = now();
        publishOrder(o, "AMENDMENT", null);
    }

    @Override
    public void onRejected(OrderRequest request, RejectReason reason, String text) {
        // refusals are answered on the request itself
    }

    private void publishOrder(FuturesOrder o, String executionType, FuturesFill fill) {
        List<FuturesOrder> open = openOrders(o.account, o.listing);
        emit(o.account, FuturesJson.orderTradeUpdate(o, executionType, fill, notional(open, Side.BUY),
                notional(open, Side.SELL), now()));
    }

    @Override
    protected boolean afterEngineCalls() {
        return algos.triggerDue();
    }

    @Override
    protected void publishAccountUpdate(String account, Set<String> symbols) {
        ArrayNode rows = Json.array();
        boolean hedge = isHedge(account);
        for (String symbol : new LinkedHashSet<>(symbols)) {
            FuturesListing l = listings.get(symbol);
            Position p = position(account, l);
            BigDecimal amount = p == null ? BigDecimal.ZERO : p.quantity();
            BigDecimal entry = p == null ? BigDecimal.ZERO : p.entryPrice();
            NetPosition net = positions.getOrDefault(account, Map.of()).get(symbol);
            BigDecimal realized = net == null ? BigDecimal.ZERO : net.realized;
            String side = !hedge ? "BOTH" : lastPositionSide(account, l, amount);
            rows.add(FuturesJson.accountUpdatePosition(symbol, amount, entry, realized,
                    amount.multiply(markPrice(l).subtract(entry)), side));
        }
        BigDecimal wallet = BigDecimal.ZERO;
        for (Balance b : engine.balances(account)) {
            if ("USDT".equals(b.asset())) {
                wallet = b.total();
            }
        }
        hub.publish(Market.FUTURES, account, FuturesJson.accountUpdate("USDT", wallet, rows, now()));
    }

    private String lastPositionSide(String account, FuturesListing l, BigDecimal amount) {
        if (amount.signum() != 0) {
            return amount.signum() > 0 ? "LONG" : "SHORT";
        }
        List<FuturesOrder> mine = byAccount.getOrDefault(account, List.of());
        for (int i = mine.size() - 1; i >= 0; i--) {
            if (mine.get(i).listing == l && !mine.get(i).fills.isEmpty()) {
                return mine.get(i).positionSide;
            }
        }
        return "LONG";
    }
}

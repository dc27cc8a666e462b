package io.fixbridge.sims.binance;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fixbridge.venue.Balance;
import io.fixbridge.venue.Liquidity;
import io.fixbridge.venue.OrderRequest;
import io.fixbridge.venue.OrderType;
import io.fixbridge.venue.RejectReason;
import io.fixbridge.venue.Side;
import io.fixbridge.venue.TimeInForce;
import io.fixbridge.venue.TriggerDirection;
import io.fixbridge.venue.paper.engine.BookLevel;
import io.fixbridge.venue.paper.engine.EngineResult;
import io.fixbridge.venue.paper.engine.Execution;
import io.fixbridge.venue.paper.engine.FeeSchedule;
import io.fixbridge.venue.paper.engine.OrderView;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Binance spot on the paper engine: turns validated Binance requests into engine calls and engine
 * events into Binance records, answers and {@code executionReport}s.
 *
 * <p>Type mapping: LIMIT and MARKET as themselves; LIMIT_MAKER is a post-only GTC limit;
 * STOP_LOSS a stop (market) order; STOP_LOSS_LIMIT a stop-limit; TAKE_PROFIT a take-profit
 * (market-if-touched) order; TAKE_PROFIT_LIMIT a stop-limit with the take-profit trigger direction
 * stated explicitly (a buy fires on a fall, a sell on a rise), which is exactly Binance's
 * semantics. A quote-quantity market order is sized by walking the book for {@code quoteOrderQty}
 * and rounding down to the step size. OCO legs are two engine orders; when one triggers or fills
 * the other expires.
 *
 * <p><b>Threading:</b> confined to the engine thread; every public entry runs as one
 * {@linkplain #transact transaction}. Bad requests throw {@link BinanceException} with Binance's
 * code and text and change nothing (except where Binance itself reports partial success).
 */
final class SpotVenue extends EngineVenue {
    private final Map<String, SpotListing> listings = new LinkedHashMap<>();
    private final Map<String, SpotListing> byUnified = new HashMap<>();
    private final FeeSchedule fees;
    private final Map<String, Long> uids = new HashMap<>();
    private final Map<Long, SpotOrder> orders = new HashMap<>();
    private final Map<String, SpotOrder> byEngineClientId = new HashMap<>();
    private final Map<String, List<SpotOrder>> byAccount = new HashMap<>();
    /** account + clientOrderId to the orders that used it (usually one): lookups stay O(1) however many orders there are. */
    private final Map<String, List<SpotOrder>> byClientId = new HashMap<>();
    /** Per account, the orders that may still be open (those that closed are dropped when next read). */
    private final Map<String, Set<SpotOrder>> maybeOpen = new HashMap<>();
    final SpotOrderLists lists = new SpotOrderLists(this);
    private long nextOrderId = 1;

    SpotVenue(Clock clock, UserDataHub hub, Collection<SpotSymbol> symbols, FeeSchedule fees,
              Collection<SimAccount> accounts) {
        super(Market.SPOT, clock, hub);
        this.fees = fees;
        for (SpotSymbol s : symbols) {
            SpotListing l = new SpotListing(s);
            listings.put(s.symbol(), l);
            byUnified.put(l.unified(), l);
        }
        long uid = 354_937_868L;
        for (SimAccount a : accounts) {
            uids.put(a.name(), uid++);
        }
    }

    Map<String, SpotListing> listings() {
        return listings;
    }

    /** The listing of engine symbol {@code unifiedSymbol}, or null. */
    SpotListing byUnified(String unifiedSymbol) {
        return byUnified.get(unifiedSymbol);
    }

    SpotListing listing(String symbol) {
        SpotListing l = listings.get(symbol);
        if (l == null) {
            throw Errors.invalidSymbol();
        }
        return l;
    }

    // ------------------------------------------------------------------ new orders

    /** POST /api/v3/order: places the order; answers the record (its state after the engine call). */
    SpotOrder place(String account, SpotOrderSpec spec) {
        return transact(() -> placeInternal(account, spec, -1));
    }

    SpotOrder placeInternal(String account, SpotOrderSpec spec, long orderListId) {
        SpotListing l = spec.listing();
        if (!l.trading()) {
            throw Errors.marketClosed();
        }
        if (openByClientId(account, spec.clientOrderId()) != null) {
            throw Errors.newOrderRejected(Errors.DUPLICATE_ORDER);
        }
        BigDecimal reference = engine.referencePrice(l.unified()).orElse(null);
        if (spec.isConditional() && reference != null && wouldTrigger(spec, reference)) {
            throw Errors.newOrderRejected(Errors.WOULD_TRIGGER);
        }
        SpotOrderSpec s = spec;
        if (s.quoteOrderQty() != null) {
            s = s.withQuantity(quantityForQuote(l, s.side(), s.quoteOrderQty()));
        } else if (s.isMarket() && reference != null) {
            SpotOrderParser.checkNotional(l.spec, reference.multiply(s.quantity()), false);
        }
        SpotOrder o = new SpotOrder(nextOrderId++, account, l, s.side(), s.type(), s.timeInForce(), s.quantity(),
                s.price(), s.stopPrice(), s.icebergQty(), s.quoteOrderQty(), s.stpMode(), s.clientOrderId(), now());
        o.orderListId = orderListId;
        o.strategyId = s.strategyId();
        o.strategyType = s.strategyType();
        byEngineClientId.put(o.engineClientId, o);
        orders.put(o.orderId, o);
        byAccount.computeIfAbsent(account, a -> new ArrayList<>()).add(o);
        byClientId.computeIfAbsent(clientKey(account, o.clientOrderId), k -> new ArrayList<>(1)).add(o);
        maybeOpen.computeIfAbsent(account, a -> new LinkedHashSet<>()).add(o);
        EngineResult result = engine.submit(toEngine(o, s));
        if (result instanceof EngineResult.Refused refused) {
            byEngineClientId.remove(o.engineClientId);
            orders.remove(o.orderId);
            byAccount.get(account).remove(o);
            byClientId.get(clientKey(account, o.clientOrderId)).remove(o);
            maybeOpen.get(account).remove(o);
            throw refusal(refused);
        }
        return o;
    }

    private static boolean wouldTrigger(SpotOrderSpec s, BigDecimal reference) {
        int cmp = reference.compareTo(s.stopPrice());
        boolean stop = s.type().startsWith("STOP_LOSS");
        boolean buy = s.side() == Side.BUY;
        if (stop) {
            return buy ? cmp >= 0 : cmp <= 0;
        }
        return buy ? cmp <= 0 : cmp >= 0;
    }

    /** The base quantity {@code quote} buys (or sells for) against the book now, rounded down to the step. */
    private BigDecimal quantityForQuote(SpotListing l, Side side, BigDecimal quote) {
        List<BookLevel> levels = engine.book(l.unified()).depth(side.opposite(), 1000);
        if (levels.isEmpty()) {
            throw Errors.newOrderRejected("Order book liquidity is less than symbol minimum quantity.");
        }
        BigDecimal remaining = quote;
        BigDecimal quantity = BigDecimal.ZERO;
        for (BookLevel level : levels) {
            BigDecimal cost = level.price().multiply(level.quantity());
            if (cost.compareTo(remaining) <= 0) {
                quantity = quantity.add(level.quantity());
                remaining = remaining.subtract(cost);
            } else {
                quantity = quantity.add(remaining.divide(level.price(), 12, RoundingMode.DOWN));
                remaining = BigDecimal.ZERO;
            }
            if (remaining.signum() == 0) {
                break;
            }
        }
        BigDecimal rounded = Fmt.floorToStep(quantity, l.spec.stepSize());
        if (rounded.compareTo(l.spec.minQty()) < 0) {
            throw Errors.newOrderRejected("Order book liquidity is less than `LOT_SIZE` filter minimum quantity.");
        }
        if (rounded.compareTo(l.spec.marketMaxQty()) > 0) {
            throw Errors.filter("MARKET_LOT_SIZE");
        }
        return rounded;
    }

    private static OrderRequest toEngine(SpotOrder o, SpotOrderSpec s) {
        OrderType type;
        TimeInForce tif = TimeInForce.GTC;
        boolean postOnly = false;
        TriggerDirection direction = null;
        switch (s.type()) {
            case "MARKET" -> type = OrderType.MARKET;
            case "LIMIT" -> {
                type = OrderType.LIMIT;
                tif = TimeInForce.valueOf(s.timeInForce());
            }
            case "LIMIT_MAKER" -> {
                type = OrderType.LIMIT;
                postOnly = true;
            }
            case "STOP_LOSS" -> type = OrderType.STOP;
            case "STOP_LOSS_LIMIT" -> {
                type = OrderType.STOP_LIMIT;
                tif = TimeInForce.valueOf(s.timeInForce());
            }
            case "TAKE_PROFIT" -> type = OrderType.TAKE_PROFIT;
            case "TAKE_PROFIT_LIMIT" -> {
                type = OrderType.STOP_LIMIT;
                tif = TimeInForce.valueOf(s.timeInForce());
                direction = s.side() == Side.BUY ? TriggerDirection.FALLS_BELOW : TriggerDirection.RISES_ABOVE;
            }
            default -> throw Errors.invalidOrderType();
        }
        return OrderRequest.builder()
                .account(o.account)
                .clientOrderId(o.engineClientId)
                .symbol(o.listing.unified())
                .side(s.side())
                .type(type)
                .timeInForce(tif)
                .quantity(s.quantity())
                .price(s.price())
                .stopPrice(s.stopPrice())
                .triggerDirection(direction)
                .postOnly(postOnly)
                .displayQuantity(s.icebergQty())
                .build();
    }

    private static BinanceException refusal(EngineResult.Refused r) {
        RejectReason reason = r.reason();
        return switch (reason) {
            case INSUFFICIENT_FUNDS -> Errors.newOrderRejected(Errors.INSUFFICIENT_BALANCE);
            case WOULD_TAKE_LIQUIDITY -> Errors.newOrderRejected(Errors.WOULD_MATCH);
            case DUPLICATE_ORDER -> Errors.newOrderRejected(Errors.DUPLICATE_ORDER);
            case UNKNOWN_SYMBOL -> Errors.invalidSymbol();
            case VENUE_CLOSED -> Errors.marketClosed();
            case INCORRECT_QUANTITY -> Errors.filter("LOT_SIZE");
            case INVALID_PRICE_INCREMENT -> Errors.filter("PRICE_FILTER");
            case BELOW_MIN_NOTIONAL -> Errors.filter("NOTIONAL");
            default -> Errors.newOrderRejected(Errors.UNSUPPORTED_COMBINATION);
        };
    }

    // ------------------------------------------------------------------ cancels and queries

    /** DELETE /api/v3/order; canceling one leg of an OCO cancels the whole list, as on Binance. */
    ObjectNode cancel(String account, String symbol, Long orderId, String origClientOrderId, String newClientOrderId,
                      String cancelRestrictions) {
        return transact(() -> cancelInternal(account, listing(symbol), orderId, origClientOrderId, newClientOrderId,
                cancelRestrictions));
    }

    private ObjectNode cancelInternal(String account, SpotListing l, Long orderId, String origClientOrderId,
                                      String newClientOrderId, String cancelRestrictions) {
        SpotOrder o = find(account, l, orderId, origClientOrderId);
        if (o == null || !o.isOpen()) {
            throw Errors.unknownOrderOnCancel();
        }
        if (cancelRestrictions != null && !o.status.equals(
                "ONLY_NEW".equals(cancelRestrictions) ? "NEW" : "PARTIALLY_FILLED")) {
            throw Errors.cancelRejected("Order was not canceled due to cancel restrictions.");
        }
        String cancelId = newClientOrderId != null ? newClientOrderId : Ids.clientOrderId();
        if (o.orderListId >= 0) {
            lists.cancelList(lists.get(o.orderListId), cancelId);
        } else {
            cancelOne(o, cancelId);
        }
        return SpotJson.cancelReport(o, now());
    }

    void cancelOne(SpotOrder o, String cancelId) {
        o.cancelClientOrderId = cancelId;
        EngineResult r = engine.cancel(o.account, null, null, o.engineId);
        if (r instanceof EngineResult.Refused) {
            o.cancelClientOrderId = null;
            throw Errors.unknownOrderOnCancel();
        }
    }

    /** DELETE /api/v3/openOrders: cancels every open order (and order list) of the symbol. */
    ArrayNode cancelAll(String account, String symbol) {
        SpotListing l = listing(symbol);
        return transact(() -> {
            ArrayNode out = Json.array();
            Set<Long> listsDone = new LinkedHashSet<>();
            List<SpotOrder> open = openOrders(account, l);
            if (open.isEmpty()) {
                throw Errors.unknownOrderOnCancel();
            }
            for (SpotOrder o : open) {
                if (!o.isOpen()) {
                    continue;
                }
                String cancelId = Ids.clientOrderId();
                if (o.orderListId >= 0) {
                    if (listsDone.add(o.orderListId)) {
                        SpotOrderList list = lists.get(o.orderListId);
                        lists.cancelList(list, cancelId);
                        List<ObjectNode> reports = new ArrayList<>();
                        list.legs.forEach(leg -> reports.add(SpotJson.cancelReport(leg, now())));
                        out.add(SpotJson.orderList(list, now(), reports));
                    }
                } else {
                    cancelOne(o, cancelId);
                    out.add(SpotJson.cancelReport(o, now()));
                }
            }
            return out;
        });
    }

    /** GET /api/v3/order. */
    ObjectNode query(String account, String symbol, Long orderId, String origClientOrderId) {
        SpotListing l = listing(symbol);
        SpotOrder o = find(account, l, orderId, origClientOrderId);
        if (o == null) {
            throw Errors.noSuchOrder();
        }
        return SpotJson.query(o);
    }

    /** GET /api/v3/openOrders; {@code symbol} null means every symbol. */
    ArrayNode openOrdersJson(String account, String symbol) {
        SpotListing l = symbol == null ? null : listing(symbol);
        ArrayNode out = Json.array();
        openOrders(account, l).forEach(o -> out.add(SpotJson.query(o)));
        return out;
    }

    private static String clientKey(String account, String clientOrderId) {
        return account + "\u0000" + clientOrderId;
    }

    /** The account's orders that may be open, oldest first; those that closed (never to open again) are dropped. */
    private Set<SpotOrder> maybeOpenOf(String account) {
        Set<SpotOrder> open = maybeOpen.get(account);
        if (open == null) {
            return Set.of();
        }
        open.removeIf(o -> !o.isOpen());
        return open;
    }

    private List<SpotOrder> openOrders(String account, SpotListing l) {
        List<SpotOrder> out = new ArrayList<>();
        for (SpotOrder o : maybeOpenOf(account)) {
            if (o.isOpen() && (l == null || o.listing == l)) {
                out.add(o);
            }
        }
        return out;
    }

    /** GET /api/v3/allOrders: orders from {@code orderId} on, else the latest {@code limit}. */
    ArrayNode allOrders(String account, String symbol, Long orderId, Long startTime, Long endTime, int limit) {
        SpotListing l = listing(symbol);
        List<SpotOrder> chosen = new ArrayList<>();
        for (SpotOrder o : byAccount.getOrDefault(account, List.of())) {
            if (o.listing == l && (orderId == null || o.orderId >= orderId)
                    && (startTime == null || o.time >= startTime) && (endTime == null || o.time <= endTime)) {
                chosen.add(o);
            }
        }
        int from = orderId != null ? 0 : Math.max(0, chosen.size() - limit);
        ArrayNode out = Json.array();
        for (int i = from; i < chosen.size() && out.size() < limit; i++) {
            out.add(SpotJson.query(chosen.get(i)));
        }
        return out;
    }

    /** GET /api/v3/myTrades. */
    ArrayNode myTrades(String account, String symbol, Long orderId, Long fromId, Long startTime, Long endTime,
                       int limit) {
        SpotListing l = listing(symbol);
        List<Object[]> rows = new ArrayList<>();
        for (SpotOrder o : byAccount.getOrDefault(account, List.of())) {
            if (o.listing != l || (orderId != null && o.orderId != orderId)) {
                continue;
            }
            for (SpotFill f : o.fills) {
                if ((fromId != null && f.tradeId() < fromId) || (startTime != null && f.time() < startTime)
                        || (endTime != null && f.time() > endTime)) {
                    continue;
                }
                rows.add(new Object[] {o, f});
            }
        }
        rows.sort(Comparator.comparingLong(r -> ((SpotFill) r[1]).tradeId()));
        ArrayNode out = Json.array();
        int from = fromId != null ? 0 : Math.max(0, rows.size() - limit);
        for (int i = from; i < rows.size() && out.size() < limit; i++) {
            out.add(SpotJson.trade((SpotOrder) rows.get(i)[0], (SpotFill) rows.get(i)[1]));
        }
        return out;
    }

    /** GET /api/v3/account. */
    ObjectNode account(String account, boolean omitZero) {
        return SpotJson.account(engine.balances(account), fees.maker(), fees.taker(),
                uids.getOrDefault(account, 1L), now(), omitZero);
    }

    /** An order of {@code account} by id, or by client order id (the latest such order). */
    SpotOrder find(String account, SpotListing l, Long orderId, String clientOrderId) {
        if (orderId != null) {
            SpotOrder o = orders.get(orderId);
            if (o == null || !o.account.equals(account) || o.listing != l) {
                return null;
            }
            if (clientOrderId != null && !clientOrderId.equals(o.clientOrderId)) {
                throw Errors.clientIdMismatch();
            }
            return o;
        }
        List<SpotOrder> mine = byClientId.getOrDefault(clientKey(account, clientOrderId), List.of());
        SpotOrder latest = null;
        for (SpotOrder o : mine) {
            if (o.listing == l && o.clientOrderId.equals(clientOrderId)) {
                if (o.isOpen()) {
                    return o;
                }
                latest = o;
            }
        }
        return latest;
    }

    private SpotOrder openByClientId(String account, String clientOrderId) {
        for (SpotOrder o : byClientId.getOrDefault(clientKey(account, clientOrderId), List.of())) {
            if (o.isOpen() && o.clientOrderId.equals(clientOrderId)) {
                return o;
            }
        }
        return null;
    }

    // ------------------------------------------------------------------ cancelReplace

    /** The outcome of a cancelReplace: HTTP status, body (success) or the error with its data. */
    record CancelReplaceOutcome(ObjectNode body, BinanceException error) {
    }

    /** POST /api/v3/order/cancelReplace with an already validated new order. */
    CancelReplaceOutcome cancelReplace(String account, SpotOrderSpec spec, boolean allowFailure, Long cancelOrderId,
                                       String cancelOrigClientOrderId, String cancelNewClientOrderId,
                                       String cancelRestrictions) {
        return transact(() -> {
            ObjectNode cancelResponse = null;
            BinanceException cancelError = null;
            try {
                cancelResponse = cancelInternal(account, spec.listing(), cancelOrderId, cancelOrigClientOrderId,
                        cancelNewClientOrderId, cancelRestrictions);
            } catch (BinanceException e) {
                cancelError = e;
            }
            if (cancelError != null && !allowFailure) {
                ObjectNode data = Json.object();
                data.put("cancelResult", "FAILURE");
                data.put("newOrderResult", "NOT_ATTEMPTED");
                data.set("cancelResponse", Json.error(cancelError.code(), cancelError.msg()));
                data.putNull("newOrderResponse");
                return new CancelReplaceOutcome(null, new BinanceException(Errors.BAD_REQUEST, -2022,
                        "Order cancel-replace failed.", data, Map.of()));
            }
            ObjectNode newResponse = null;
            BinanceException newError = null;
            try {
                newResponse = SpotJson.response(placeInternal(account, spec, -1), spec.respType());
            } catch (BinanceException e) {
                newError = e;
                if (cancelError == null) {
                    emitRejected(account, spec, e);
                }
            }
            ObjectNode data = Json.object();
            data.put("cancelResult", cancelError == null ? "SUCCESS" : "FAILURE");
            data.put("newOrderResult", newError == null ? "SUCCESS" : "FAILURE");
            data.set("cancelResponse", cancelError == null ? cancelResponse
                    : Json.error(cancelError.code(), cancelError.msg()));
            data.set("newOrderResponse", newError == null ? newResponse : Json.error(newError.code(), newError.msg()));
            if (cancelError == null && newError == null) {
                return new CancelReplaceOutcome(data, null);
            }
            if (cancelError != null && newError != null) {
                return new CancelReplaceOutcome(null, new BinanceException(Errors.BAD_REQUEST, -2022,
                        "Order cancel-replace failed.", data, Map.of()));
            }
            return new CancelReplaceOutcome(null, new BinanceException(Errors.CONFLICT, -2021,
                    "Order cancel-replace partially failed.", data, Map.of()));
        });
    }

    /** The REJECTED executionReport Binance sends when cancelReplace canceled but could not place. */
    private void emitRejected(String account, SpotOrderSpec s, BinanceException e) {
        SpotOrder ghost = new SpotOrder(nextOrderId++, account, s.listing(), s.side(), s.type(), s.timeInForce(),
                s.quantity(), s.price(), s.stopPrice(), s.icebergQty(), s.quoteOrderQty(), s.stpMode(),
                s.clientOrderId(), now());
        ghost.status = "REJECTED";
        emit(account, SpotJson.executionReport(ghost, "REJECTED", null, rejectReason(e.msg()), now()));
    }

    private static String rejectReason(String msg) {
        return switch (msg) {
            case Errors.INSUFFICIENT_BALANCE -> "INSUFFICIENT_BALANCES";
            case Errors.WOULD_TRIGGER -> "STOP_PRICE_WOULD_TRIGGER_IMMEDIATELY";
            case Errors.WOULD_MATCH -> "WOULD_MATCH_IMMEDIATELY";
            case Errors.BAD_OCO_PRICES -> "OCO_BAD_PRICES";
            default -> "NONE";
        };
    }

    // ------------------------------------------------------------------ market data

    /** GET /api/v3/ticker/24hr for one symbol (see {@link Ticker24h}: no statistics are kept). */
    ObjectNode ticker24h(String symbol, boolean full) {
        SpotListing l = listing(symbol);
        BigDecimal last = engine.referencePrice(l.unified()).orElse(synthetic.mid(l.unified()));
        BookLevel bid = engine.book(l.unified()).depth(Side.BUY, 1).stream().findFirst().orElse(null);
        BookLevel ask = engine.book(l.unified()).depth(Side.SELL, 1).stream().findFirst().orElse(null);
        return Ticker24h.spot(l.symbol(), last, bid, ask, full, now());
    }

    /**
     * GET /api/v3/ticker/bookTicker for one symbol: the book's best bid and ask with their visible
     * quantities; an empty side prints price and quantity as zero, as Binance does.
     */
    ObjectNode bookTicker(String symbol) {
        SpotListing l = listing(symbol);
        BookLevel bid = engine.book(l.unified()).depth(Side.BUY, 1).stream().findFirst().orElse(null);
        BookLevel ask = engine.book(l.unified()).depth(Side.SELL, 1).stream().findFirst().orElse(null);
        ObjectNode n = Json.object();
        n.put("symbol", l.symbol());
        n.put("bidPrice", Fmt.spot(bid == null ? null : bid.price()));
        n.put("bidQty", Fmt.spot(bid == null ? null : bid.quantity()));
        n.put("askPrice", Fmt.spot(ask == null ? null : ask.price()));
        n.put("askQty", Fmt.spot(ask == null ? null : ask.quantity()));
        return n;
    }

    /** GET /api/v3/ticker/price for one symbol. */
    ObjectNode tickerPrice(String symbol) {
        SpotListing l = listing(symbol);
        ObjectNode n = Json.object();
        n.put("symbol", l.symbol());
        n.put("price", Fmt.spot(engine.referencePrice(l.unified()).orElse(synthetic.mid(l.unified()))));
        return n;
    }
    // ------------------------------------------------------------------ truth

    List<SpotOrder> ordersOf(String account) {
        return List.copyOf(byAccount.getOrDefault(account, List.of()));
    }

    OrderView engineView(SpotOrder o) {
        return o.engineId == null ? null : engine.orderByVenueId(o.engineId).orElse(null);
    }

    List<Balance> balances(String account) {
        return engine.balances(account);
    }

    // ------------------------------------------------------------------ engine events

    @Override
    public void onAccepted(OrderView v) {
        SpotOrder o = byEngineClientId.get(v.clientOrderId());
        if (o == null) {
            return;
        }
        o.engineId = v.venueOrderId();
        o.status = v.status().name();
        if (v.triggered()) {
            o.working = true;
            o.workingTime = o.time;
        }
        o.updateTime = now();
        emit(o.account, SpotJson.executionReport(o, "NEW", null, "NONE", now()));
        touch(o.account, o.symbol());
    }

    @Override
    public void onFill(OrderView v, Execution e) {
        SpotOrder o = byEngineClientId.get(v.clientOrderId());
        if (o == null) {
            return;
        }
        long time = e.timestamp().toEpochMilli();
        SpotFill fill = new SpotFill(tradeId(e.tradeId()), o.orderId, e.price(), e.quantity(),
                e.price().multiply(e.quantity()), e.commission(), e.commissionAsset(),
                e.liquidity() == Liquidity.MAKER, o.side == Side.BUY, time);
        o.fills.add(fill);
        o.executedQty = v.filledQuantity();
        o.cumQuote = o.cumQuote.add(fill.quoteQty());
        o.status = v.status().name();
        o.updateTime = time;
        emit(o.account, SpotJson.executionReport(o, "TRADE", fill, "NONE", now()));
        touch(o.account, o.symbol());
        if (o.orderListId >= 0) {
            followUp(() -> lists.resolve(lists.get(o.orderListId)));
        }
    }

    @Override
    public void onCanceled(OrderView v, String reason) {
        SpotOrder o = byEngineClientId.get(v.clientOrderId());
        if (o == null) {
            return;
        }
        o.status = o.terminalOverride != null ? o.terminalOverride : "CANCELED";
        o.updateTime = now();
        emit(o.account, SpotJson.executionReport(o, o.status, null, "NONE", now()));
        touch(o.account, o.symbol());
        if (o.orderListId >= 0) {
            followUp(() -> lists.resolve(lists.get(o.orderListId)));
        }
    }

    @Override
    public void onExpired(OrderView v) {
        SpotOrder o = byEngineClientId.get(v.clientOrderId());
        if (o == null) {
            return;
        }
        o.status = "EXPIRED";
        o.updateTime = now();
        emit(o.account, SpotJson.executionReport(o, "EXPIRED", null, "NONE", now()));
        touch(o.account, o.symbol());
        if (o.orderListId >= 0) {
            followUp(() -> lists.resolve(lists.get(o.orderListId)));
        }
    }

    @Override
    public void onTriggered(OrderView v) {
        SpotOrder o = byEngineClientId.get(v.clientOrderId());
        if (o == null) {
            return;
        }
        o.working = true;
        o.workingTime = now();
        o.updateTime = o.workingTime;
        emit(o.account, SpotJson.executionReport(o, "NEW", null, "NONE", now()));
        if (o.orderListId >= 0) {
            followUp(() -> lists.resolve(lists.get(o.orderListId)));
        }
    }

    @Override
    public void onReplaced(OrderView v, String previousClientOrderId) {
        // spot never amends in place: cancelReplace cancels and places
    }

    @Override
    public void onRejected(OrderRequest request, RejectReason reason, String text) {
        // refusals are answered on the request itself
    }

    @Override
    protected void publishAccountUpdate(String account, Set<String> symbols) {
        Set<String> assets = new LinkedHashSet<>();
        for (String s : symbols) {
            SpotListing l = listings.get(s);
            assets.add(l.spec.baseAsset());
            assets.add(l.spec.quoteAsset());
        }
        List<Balance> changed = new ArrayList<>();
        for (Balance b : engine.balances(account)) {
            if (assets.contains(b.asset())) {
                changed.add(b);
            }
        }
        for (String asset : assets) {
            if (changed.stream().noneMatch(b -> b.asset().equals(asset))) {
                changed.add(new Balance(asset, BigDecimal.ZERO, BigDecimal.ZERO));
            }
        }
        hub.publish(Market.SPOT, account, SpotJson.accountPosition(changed, now()));
    }

    static long tradeId(String engineTradeId) {
        return Long.parseLong(engineTradeId.substring(1));
    }
}

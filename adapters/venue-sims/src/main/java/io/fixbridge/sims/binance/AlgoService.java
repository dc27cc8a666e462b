package io.fixbridge.sims.binance;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fixbridge.venue.Position;
import io.fixbridge.venue.Side;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The USD-M futures algo service: holds conditional orders (STOP_MARKET, TAKE_PROFIT_MARKET, STOP,
 * TAKE_PROFIT) outside the matching engine, as Binance's Algo Service does, checks their triggers
 * against the latest price after every engine call, and on trigger places the regular order that
 * carries the fills (client order id = client algo id, origType = the algo type), reporting each
 * step as ALGO_UPDATE: NEW, TRIGGERING, TRIGGERED, FINISHED (or CANCELED, REJECTED, EXPIRED).
 *
 * <p><b>Threading:</b> confined to the engine thread, inside the {@link FuturesVenue}'s
 * transactions.
 */
final class AlgoService {
    private final FuturesVenue venue;
    private final Map<Long, AlgoOrder> algos = new LinkedHashMap<>();
    private long nextAlgoId = 1_000_000_000_001L;

    AlgoService(FuturesVenue venue) {
        this.venue = venue;
    }

    /** POST /fapi/v1/algoOrder. */
    AlgoOrder place(String account, AlgoSpec s) {
        return venue.transact(() -> {
            FuturesListing l = s.listing();
            if (!l.trading()) {
                throw Errors.of(-4140, "Invalid symbol status for opening position");
            }
            String positionSide = venue.resolvePositionSide(account, s.positionSide(), s.reduceOnly());
            for (AlgoOrder other : algosOf(account)) {
                if (other.isOpen() && other.clientAlgoId.equals(s.clientAlgoId())) {
                    throw Errors.futuresDuplicateClientId();
                }
            }
            AlgoOrder a = new AlgoOrder(nextAlgoId++, s.clientAlgoId(), account, l, s.type(), s.side(), positionSide,
                    s.timeInForce(), s.quantity(), s.triggerPrice(), s.price(), s.workingType(), s.closePosition(),
                    s.priceProtect(), s.reduceOnly(), s.stpMode(), s.goodTillDate(), venue.now());
            if (a.triggersAt(venue.latestPrice(l))) {
                throw Errors.wouldImmediatelyTrigger();
            }
            algos.put(a.algoId, a);
            venue.emit(account, FuturesJson.algoUpdate(a, venue.now()));
            return a;
        });
    }

    /** DELETE /fapi/v1/algoOrder. */
    AlgoOrder cancel(String account, String symbol, Long algoId, String clientAlgoId) {
        return venue.transact(() -> {
            AlgoOrder a = findAlgo(account, symbol, algoId, clientAlgoId);
            if (a == null || !a.isOpen()) {
                throw Errors.unknownOrderOnCancel();
            }
            a.status = "CANCELED";
            a.updateTime = venue.now();
            venue.emit(account, FuturesJson.algoUpdate(a, venue.now()));
            return a;
        });
    }

    /** DELETE /fapi/v1/algoOpenOrders. */
    ObjectNode cancelAll(String account, String symbol) {
        FuturesListing l = venue.listing(symbol);
        return venue.transact(() -> {
            for (AlgoOrder a : algosOf(account)) {
                if (a.isOpen() && a.listing == l) {
                    a.status = "CANCELED";
                    a.updateTime = venue.now();
                    venue.emit(account, FuturesJson.algoUpdate(a, venue.now()));
                }
            }
            ObjectNode n = Json.object();
            n.put("code", 200);
            n.put("msg", "The operation of cancel all open order is done.");
            return n;
        });
    }

    /** GET /fapi/v1/algoOrder. */
    AlgoOrder query(String account, String symbol, Long algoId, String clientAlgoId) {
        AlgoOrder a = findAlgo(account, symbol, algoId, clientAlgoId);
        if (a == null) {
            throw Errors.noSuchOrder();
        }
        return a;
    }

    /** GET /fapi/v1/openAlgoOrders ({@code openOnly}) or /fapi/v1/allAlgoOrders. */
    ArrayNode json(String account, String symbol, Long algoId, boolean openOnly) {
        FuturesListing l = symbol == null ? null : venue.listing(symbol);
        ArrayNode out = Json.array();
        for (AlgoOrder a : algosOf(account)) {
            if ((l == null || a.listing == l) && (!openOnly || a.isOpen()) && (algoId == null || a.algoId == algoId)) {
                out.add(FuturesJson.algoQuery(a));
            }
        }
        return out;
    }

    /**
     * The algo order of {@code account} by id (or the open, else latest, one with the client id);
     * null when there is none or when {@code symbol} (optional, as ccxt sends it) is not its symbol.
     */
    private AlgoOrder findAlgo(String account, String symbol, Long algoId, String clientAlgoId) {
        AlgoOrder a = findAlgo(account, algoId, clientAlgoId);
        return a == null || (symbol != null && !symbol.equals(a.listing.symbol())) ? null : a;
    }

    private AlgoOrder findAlgo(String account, Long algoId, String clientAlgoId) {
        if (algoId != null) {
            AlgoOrder a = algos.get(algoId);
            return a == null || !a.account.equals(account) ? null : a;
        }
        AlgoOrder latest = null;
        for (AlgoOrder a : algosOf(account)) {
            if (a.clientAlgoId.equals(clientAlgoId)) {
                if (a.isOpen()) {
                    return a;
                }
                latest = a;
            }
        }
        return latest;
    }

    List<AlgoOrder> algosOf(String account) {
        List<AlgoOrder> out = new ArrayList<>();
        for (AlgoOrder a : algos.values()) {
            if (a.account.equals(account)) {
                out.add(a);
            }
        }
        return out;
    }

    /** Triggers the first open algo order whose condition holds; true when one fired. */
    boolean triggerDue() {
        for (AlgoOrder a : algos.values()) {
            if (a.isOpen() && a.triggersAt(venue.latestPrice(a.listing))) {
                trigger(a);
                return true;
            }
        }
        return false;
    }

    private void trigger(AlgoOrder a) {
        a.status = "TRIGGERING";
        a.triggerTime = venue.now();
        a.updateTime = a.triggerTime;
        venue.emit(a.account, FuturesJson.algoUpdate(a, venue.now()));
        boolean market = a.orderType.endsWith("MARKET");
        boolean hedge = venue.isHedge(a.account);
        BigDecimal qty = a.quantity;
        if (a.closePosition) {
            Position p = venue.position(a.account, a.listing);
            BigDecimal amount = p == null ? BigDecimal.ZERO : p.quantity();
            BigDecimal closable = a.side == Side.SELL ? amount.max(BigDecimal.ZERO) : amount.negate().max(BigDecimal.ZERO);
            if (closable.signum() == 0) {
                end(a, "EXPIRED", "Reduce Only reject");
                return;
            }
            qty = closable.min(a.listing.spec.marketMaxQty());
        }
        boolean reduceOnly = !hedge && (a.reduceOnly || a.closePosition);
        FuturesOrderSpec child = new FuturesOrderSpec(a.listing, a.side, market ? "MARKET" : "LIMIT",
                market ? "GTC" : a.timeInForce, qty, market ? null : a.price, reduceOnly, a.positionSide,
                a.clientAlgoId, "ACK", a.goodTillDate, a.selfTradePreventionMode);
        try {
            FuturesOrder o = venue.placeInternal(a.account, child, a.orderType, a.triggerPrice, a.algoId, false);
            a.actualOrderId = o.orderId;
            a.actualType = o.type;
            a.status = "TRIGGERED";
            a.updateTime = venue.now();
            venue.emit(a.account, FuturesJson.algoUpdate(a, venue.now()));
            if (!o.isOpen()) {
                venue.followUp(() -> finish(o));
            }
        } catch (BinanceException e) {
            if (e.code() == -2022) {
                end(a, "EXPIRED", "Reduce Only reject");
            } else {
                end(a, "REJECTED", e.msg());
            }
        }
    }

    private void end(AlgoOrder a, String status, String reason) {
        a.status = status;
        a.rejectReason = reason;
        a.updateTime = venue.now();
        venue.emit(a.account, FuturesJson.algoUpdate(a, venue.now()));
    }

    void finish(FuturesOrder child) {
        AlgoOrder a = child.algoId == null ? null : algos.get(child.algoId);
        if (a == null || !"TRIGGERED".equals(a.status)) {
            return;
        }
        a.status = "FINISHED";
        a.actualPrice = child.avgPrice();
        a.executedQty = child.executedQty;
        a.updateTime = venue.now();
        venue.emit(a.account, FuturesJson.algoUpdate(a, venue.now()));
    }
}

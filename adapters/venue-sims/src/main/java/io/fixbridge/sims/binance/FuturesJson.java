package io.fixbridge.sims.binance;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.math.BigDecimal;

/**
 * Every USD-M futures JSON shape the simulator sends, with Binance's field names in Binance's
 * order: order answers (new, cancel, modify, query), user trades, balances, position risk (v2 and
 * v3), algo orders, and the user-data events ORDER_TRADE_UPDATE, ACCOUNT_UPDATE and ALGO_UPDATE.
 * Stateless; records passed in are read on the engine thread.
 */
final class FuturesJson {
    private FuturesJson() {
    }

    /** POST /fapi/v1/order, DELETE /fapi/v1/order. */
    static ObjectNode order(FuturesOrder o) {
        ObjectNode n = Json.object();
        n.put("clientOrderId", o.clientOrderId);
        n.put("cumQty", Fmt.plain(o.executedQty));
        n.put("cumQuote", Fmt.plain(o.cumQuote));
        n.put("executedQty", Fmt.plain(o.executedQty));
        n.put("orderId", o.orderId);
        n.put("avgPrice", Fmt.average(o.avgPrice()));
        n.put("origQty", Fmt.plain(o.origQty));
        n.put("price", Fmt.plain(o.price));
        n.put("reduceOnly", o.reduceOnly);
        n.put("side", SpotJson.side(o.side));
        n.put("positionSide", o.positionSide);
        n.put("status", o.status);
        n.put("stopPrice", Fmt.plain(o.stopPrice));
        n.put("closePosition", o.closePosition);
        n.put("symbol", o.symbol());
        n.put("timeInForce", o.timeInForce);
        n.put("type", o.type);
        n.put("origType", o.origType);
        n.put("updateTime", o.updateTime);
        n.put("workingType", "CONTRACT_PRICE");
        n.put("priceProtect", false);
        n.put("priceMatch", "NONE");
        n.put("selfTradePreventionMode", o.selfTradePreventionMode);
        n.put("goodTillDate", o.goodTillDate);
        return n;
    }

    /** The state right after acceptance, as newOrderRespType=ACK answers it. */
    static ObjectNode ack(FuturesOrder o) {
        ObjectNode n = order(o);
        n.put("cumQty", "0");
        n.put("cumQuote", "0");
        n.put("executedQty", "0");
        n.put("avgPrice", Fmt.average(BigDecimal.ZERO));
        n.put("status", "NEW");
        n.put("updateTime", o.time);
        return n;
    }

    /** GET /fapi/v1/order and GET /fapi/v1/openOrders elements. */
    static ObjectNode query(FuturesOrder o) {
        ObjectNode n = Json.object();
        n.put("avgPrice", Fmt.average(o.avgPrice()));
        n.put("clientOrderId", o.clientOrderId);
        n.put("cumQuote", Fmt.plain(o.cumQuote));
        n.put("executedQty", Fmt.plain(o.executedQty));
        n.put("orderId", o.orderId);
        n.put("origQty", Fmt.plain(o.origQty));
        n.put("origType", o.origType);
        n.put("price", Fmt.plain(o.price));
        n.put("reduceOnly", o.reduceOnly);
        n.put("side", SpotJson.side(o.side));
        n.put("positionSide", o.positionSide);
        n.put("status", o.status);
        n.put("stopPrice", Fmt.plain(o.stopPrice));
        n.put("closePosition", o.closePosition);
        n.put("symbol", o.symbol());
        n.put("time", o.time);
        n.put("timeInForce", o.timeInForce);
        n.put("type", o.type);
        n.put("updateTime", o.updateTime);
        n.put("workingType", "CONTRACT_PRICE");
        n.put("priceProtect", false);
        n.put("priceMatch", "NONE");
        n.put("selfTradePreventionMode", o.selfTradePreventionMode);
        n.put("goodTillDate", o.goodTillDate);
        return n;
    }

    /** PUT /fapi/v1/order. */
    static ObjectNode modified(FuturesOrder o) {
        ObjectNode n = Json.object();
        n.put("orderId", o.orderId);
        n.put("symbol", o.symbol());
        n.put("pair", o.symbol());
        n.put("status", o.status);
        n.put("clientOrderId", o.clientOrderId);
        n.put("price", Fmt.plain(o.price));
        n.put("avgPrice", Fmt.average(o.avgPrice()));
        n.put("origQty", Fmt.plain(o.origQty));
        n.put("executedQty", Fmt.plain(o.executedQty));
        n.put("cumQty", Fmt.plain(o.executedQty));
        n.put("cumBase", Fmt.plain(o.executedQty));
        n.put("timeInForce", o.timeInForce);
        n.put("type", o.type);
        n.put("reduceOnly", o.reduceOnly);
        n.put("closePosition", o.closePosition);
        n.put("side", SpotJson.side(o.side));
        n.put("positionSide", o.positionSide);
        n.put("stopPrice", Fmt.plain(o.stopPrice));
        n.put("workingType", "CONTRACT_PRICE");
        n.put("priceProtect", false);
        n.put("origType", o.origType);
        n.put("priceMatch", "NONE");
        n.put("selfTradePreventionMode", o.selfTradePreventionMode);
        n.put("goodTillDate", o.goodTillDate);
        n.put("updateTime", o.updateTime);
        return n;
    }

    /** One row of GET /fapi/v1/userTrades. */
    static ObjectNode trade(FuturesOrder o, FuturesFill f) {
        ObjectNode n = Json.object();
        n.put("buyer", f.buyer());
        n.put("commission", Fmt.plain(f.commission()));
        n.put("commissionAsset", f.commissionAsset());
        n.put("id", f.tradeId());
        n.put("maker", f.maker());
        n.put("orderId", o.orderId);
        n.put("price", Fmt.plain(f.price()));
        n.put("qty", Fmt.plain(f.qty()));
        n.put("quoteQty", Fmt.plain(f.quoteQty()));
        n.put("realizedPnl", Fmt.plain(f.realizedPnl()));
        n.put("side", SpotJson.side(o.side));
        n.put("positionSide", o.positionSide);
        n.put("symbol", o.symbol());
        n.put("time", f.time());
        return n;
    }

    /** One element of GET /fapi/v2/balance and /fapi/v3/balance. */
    static ObjectNode balance(String alias, String asset, BigDecimal wallet, BigDecimal unrealized,
                              BigDecimal available, long updateTime) {
        ObjectNode n = Json.object();
        n.put("accountAlias", alias);
        n.put("asset", asset);
        n.put("balance", Fmt.spot(wallet));
        n.put("crossWalletBalance", Fmt.spot(wallet));
        n.put("crossUnPnl", Fmt.spot(unrealized));
        n.put("availableBalance", Fmt.spot(available));
        n.put("maxWithdrawAmount", Fmt.spot(available.max(BigDecimal.ZERO).min(wallet.max(BigDecimal.ZERO))));
        n.put("marginAvailable", true);
        n.put("updateTime", updateTime);
        return n;
    }

    /** One position row of GET /fapi/v2/positionRisk. */
    static ObjectNode positionRiskV2(String symbol, String positionSide, BigDecimal amount, BigDecimal entry,
                                     BigDecimal mark, int leverage, long updateTime) {
        BigDecimal unrealized = amount.multiply(mark.subtract(entry));
        ObjectNode n = Json.object();
        n.put("symbol", symbol);
        n.put("positionAmt", Fmt.plain(amount));
        n.put("entryPrice", Fmt.plain(entry));
        n.put("breakEvenPrice", Fmt.plain(entry));
        n.put("markPrice", Fmt.spot(mark));
        n.put("unRealizedProfit", Fmt.spot(unrealized));
        n.put("liquidationPrice", "0");
        n.put("leverage", Integer.toString(leverage));
        n.put("maxNotionalValue", "1000000000");
        n.put("marginType", "cross");
        n.put("isolatedMargin", Fmt.spot(BigDecimal.ZERO));
        n.put("isAutoAddMargin", "false");
        n.put("positionSide", positionSide);
        n.put("notional", Fmt.plain(amount.multiply(mark)));
        n.put("isolatedWallet", "0");
        n.put("updateTime", updateTime);
        return n;
    }

    /** One position row of GET /fapi/v3/positionRisk. */
    static ObjectNode positionRiskV3(String symbol, String positionSide, BigDecimal amount, BigDecimal entry,
                                     BigDecimal mark, int leverage, BigDecimal bidNotional,
                                     BigDecimal askNotional, long updateTime) {
        BigDecimal unrealized = amount.multiply(mark.subtract(entry));
        BigDecimal notional = amount.multiply(mark);
        BigDecimal positionMargin = notional.abs().divide(BigDecimal.valueOf(leverage), 8, java.math.RoundingMode.HALF_UP);
        BigDecimal orderMargin = bidNotional.add(askNotional).divide(BigDecimal.valueOf(leverage), 8,
                java.math.RoundingMode.HALF_UP);
        ObjectNode n = Json.object();
        n.put("symbol", symbol);
        n.put("positionSide", positionSide);
        n.put("positionAmt", Fmt.plain(amount));
        n.put("entryPrice", Fmt.plain(entry));
        n.put("breakEvenPrice", Fmt.plain(entry));
        n.put("markPrice", Fmt.spot(mark));
        n.put("unRealizedProfit", Fmt.spot(unrealized));
        n.put("liquidationPrice", "0");
        n.put("isolatedMargin", "0");
        n.put("notional", Fmt.plain(notional));
        n.put("marginAsset", "USDT");
        n.put("isolatedWallet", "0");
        n.put("initialMargin", Fmt.plain(positionMargin.add(orderMargin)));
        n.put("maintMargin", Fmt.plain(notional.abs().multiply(new BigDecimal("0.004"))));
        n.put("positionInitialMargin", Fmt.plain(positionMargin));
        n.put("openOrderInitialMargin", Fmt.plain(orderMargin));
        n.put("adl", 0);
        n.put("bidNotional", Fmt.plain(bidNotional));
        n.put("askNotional", Fmt.plain(askNotional));
        n.put("updateTime", updateTime);
        return n;
    }

    /** The ORDER_TRADE_UPDATE event. */
    static ObjectNode orderTradeUpdate(FuturesOrder o, String executionType, FuturesFill fill, BigDecimal bids,
                                       BigDecimal asks, long eventTime) {
        ObjectNode e = Json.object();
        e.put("e", "ORDER_TRADE_UPDATE");
        e.put("E", eventTime);
        e.put("T", fill == null ? o.updateTime : fill.time());
        ObjectNode n = e.putObject("o");
        n.put("s", o.symbol());
        n.put("c", o.clientOrderId);
        n.put("S", SpotJson.side(o.side));
        n.put("o", o.type);
        n.put("f", o.timeInForce);
        n.put("q", Fmt.plain(o.origQty));
        n.put("p", Fmt.plain(o.price));
        n.put("ap", Fmt.plain(o.avgPrice()));
        n.put("sp", Fmt.plain(o.stopPrice));
        n.put("x", executionType);
        n.put("X", o.status);
        n.put("i", o.orderId);
        n.put("l", Fmt.plain(fill == null ? null : fill.qty()));
        n.put("z", Fmt.plain(o.executedQty));
        n.put("L", Fmt.plain(fill == null ? null : fill.price()));
        n.put("N", o.listing.spec.quoteAsset());
        n.put("n", Fmt.plain(fill == null ? null : fill.commission()));
        n.put("T", fill == null ? o.updateTime : fill.time());
        n.put("t", fill == null ? 0 : fill.tradeId());
        n.put("b", Fmt.plain(bids));
        n.put("a", Fmt.plain(asks));
        n.put("m", fill != null && fill.maker());
        n.put("R", o.reduceOnly);
        n.put("wt", "CONTRACT_PRICE");
        n.put("ot", o.origType);
        n.put("ps", o.positionSide);
        n.put("cp", o.closePosition);
        n.put("rp", Fmt.plain(fill == null ? null : fill.realizedPnl()));
        n.put("pP", false);
        n.put("si", 0);
        n.put("ss", 0);
        n.put("V", o.selfTradePreventionMode);
        n.put("pm", "NONE");
        n.put("gtd", o.goodTillDate);
        n.put("er", o.expiryReason);
        return e;
    }

    /** The ACCOUNT_UPDATE event with one balance and the changed positions. */
    static ObjectNode accountUpdate(String asset, BigDecimal wallet, ArrayNode positions, long eventTime) {
        ObjectNode e = Json.object();
        e.put("e", "ACCOUNT_UPDATE");
        e.put("E", eventTime);
        e.put("T", eventTime);
        ObjectNode a = e.putObject("a");
        a.put("m", "ORDER");
        ArrayNode balances = a.putArray("B");
        ObjectNode b = balances.addObject();
        b.put("a", asset);
        b.put("wb", Fmt.spot(wallet));
        b.put("cw", Fmt.spot(wallet));
        b.put("bc", "0");
        a.set("P", positions);
        return e;
    }

    /** One element of ACCOUNT_UPDATE's {@code P}. */
    static ObjectNode accountUpdatePosition(String symbol, BigDecimal amount, BigDecimal entry,
                                            BigDecimal accumulatedRealized, BigDecimal unrealized,
                                            String positionSide) {
        ObjectNode p = Json.object();
        p.put("s", symbol);
        p.put("pa", Fmt.plain(amount));
        p.put("ep", Fmt.plain(entry));
        p.put("bep", Fmt.plain(entry));
        p.put("cr", Fmt.plain(accumulatedRealized));
        p.put("up", Fmt.plain(unrealized));
        p.put("mt", "cross");
        p.put("iw", "0");
        p.put("ps", positionSide);
        return p;
    }

    /** POST /fapi/v1/algoOrder. */
    static ObjectNode algo(AlgoOrder a) {
        ObjectNode n = Json.object();
        n.put("algoId", a.algoId);
        n.put("clientAlgoId", a.clientAlgoId);
        n.put("algoType", "CONDITIONAL");
        n.put("orderType", a.orderType);
        n.put("symbol", a.listing.symbol());
        n.put("side", SpotJson.side(a.side));
        n.put("positionSide", a.positionSide);
        n.put("timeInForce", a.timeInForce);
        n.put("quantity", Fmt.plain(a.quantity));
        n.put("algoStatus", a.status);
        n.put("triggerPrice", Fmt.plain(a.triggerPrice));
        n.put("price", Fmt.plain(a.price));
        n.putNull("icebergQuantity");
        n.put("selfTradePreventionMode", a.selfTradePreventionMode);
        n.put("workingType", a.workingType);
        n.put("priceMatch", "NONE");
        n.put("closePosition", a.closePosition);
        n.put("priceProtect", a.priceProtect);
        n.put("reduceOnly", a.reduceOnly);
        n.put("activatePrice", "");
        n.put("callbackRate", "");
        n.put("createTime", a.createTime);
        n.put("updateTime", a.updateTime);
        n.put("triggerTime", a.triggerTime);
        n.put("goodTillDate", a.goodTillDate);
        return n;
    }

    /** GET /fapi/v1/algoOrder and the elements of GET /fapi/v1/openAlgoOrders. */
    static ObjectNode algoQuery(AlgoOrder a) {
        ObjectNode n = Json.object();
        n.put("algoId", a.algoId);
        n.put("clientAlgoId", a.clientAlgoId);
        n.put("algoType", "CONDITIONAL");
        n.put("orderType", a.orderType);
        n.put("symbol", a.listing.symbol());
        n.put("side", SpotJson.side(a.side));
        n.put("positionSide", a.positionSide);
        n.put("timeInForce", a.timeInForce);
        n.put("quantity", Fmt.plain(a.quantity));
        n.put("algoStatus", a.status);
        n.put("actualOrderId", a.actualOrderId == null ? "" : Long.toString(a.actualOrderId));
        n.put("actualPrice", Fmt.average(a.actualPrice));
        n.put("triggerPrice", Fmt.plain(a.triggerPrice));
        n.put("price", Fmt.plain(a.price));
        n.putNull("icebergQuantity");
        n.put("tpTriggerPrice", "0");
        n.put("tpPrice", "0");
        n.put("slTriggerPrice", "0");
        n.put("slPrice", "0");
        n.put("tpOrderType", "");
        n.put("selfTradePreventionMode", a.selfTradePreventionMode);
        n.put("workingType", a.workingType);
        n.put("priceMatch", "NONE");
        n.put("closePosition", a.closePosition);
        n.put("priceProtect", a.priceProtect);
        n.put("reduceOnly", a.reduceOnly);
        n.put("createTime", a.createTime);
        n.put("updateTime", a.updateTime);
        n.put("triggerTime", a.triggerTime);
        n.put("goodTillDate", a.goodTillDate);
        return n;
    }

    /** The ALGO_UPDATE event. */
    static ObjectNode algoUpdate(AlgoOrder a, long eventTime) {
        ObjectNode e = Json.object();
        e.put("e", "ALGO_UPDATE");
        e.put("T", a.updateTime);
        e.put("E", eventTime);
        ObjectNode o = e.putObject("o");
        o.put("caid", a.clientAlgoId);
        o.put("aid", a.algoId);
        o.put("at", "CONDITIONAL");
        o.put("o", a.orderType);
        o.put("s", a.listing.symbol());
        o.put("S", SpotJson.side(a.side));
        o.put("ps", a.positionSide);
        o.put("f", a.timeInForce);
        o.put("q", Fmt.plain(a.quantity));
        o.put("X", a.status);
        o.put("ai", a.actualOrderId == null ? "" : Long.toString(a.actualOrderId));
        o.put("ap", Fmt.plain(a.actualPrice));
        o.put("aq", Fmt.plain(a.executedQty));
        o.put("act", a.actualType == null ? "0" : a.actualType);
        o.put("tp", Fmt.plain(a.triggerPrice));
        o.put("p", Fmt.plain(a.price));
        o.put("V", a.selfTradePreventionMode);
        o.put("wt", a.workingType);
        o.put("pm", "NONE");
        o.put("cp", a.closePosition);
        o.put("pP", a.priceProtect);
        o.put("R", a.reduceOnly);
        o.put("tt", a.triggerTime);
        o.put("gtd", a.goodTillDate);
        if (a.rejectReason != null) {
            o.put("rm", a.rejectReason);
        }
        return e;
    }
}

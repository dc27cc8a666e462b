package io.fixbridge.sims.binance;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fixbridge.venue.Balance;
import io.fixbridge.venue.Side;

import java.math.BigDecimal;
import java.util.List;

/**
 * Every spot JSON shape the simulator sends, with Binance's field names in Binance's order: the
 * new-order responses (ACK, RESULT, FULL), query and cancel reports, order lists, trades, account
 * and the user-data events {@code executionReport}, {@code outboundAccountPosition} and
 * {@code listStatus}. Stateless; the orders passed in are read on the engine thread.
 */
final class SpotJson {
    private SpotJson() {
    }

    static String side(Side side) {
        return side == Side.BUY ? "BUY" : "SELL";
    }

    /** newOrderRespType=ACK. */
    static ObjectNode ack(SpotOrder o) {
        ObjectNode n = Json.object();
        n.put("symbol", o.symbol());
        n.put("orderId", o.orderId);
        n.put("orderListId", o.orderListId);
        n.put("clientOrderId", o.clientOrderId);
        n.put("transactTime", o.time);
        return n;
    }

    /** newOrderRespType=RESULT. */
    static ObjectNode result(SpotOrder o) {
        ObjectNode n = ack(o);
        n.put("price", Fmt.spot(o.price));
        n.put("origQty", Fmt.spot(o.origQty));
        n.put("executedQty", Fmt.spot(o.executedQty));
        n.put("origQuoteOrderQty", Fmt.spot(o.quoteOrderQty));
        n.put("cummulativeQuoteQty", Fmt.spot(o.cumQuote));
        n.put("status", o.status);
        n.put("timeInForce", o.timeInForce);
        n.put("type", o.type);
        n.put("side", side(o.side));
        if (o.stopPrice != null) {
            n.put("stopPrice", Fmt.spot(o.stopPrice));
        }
        if (o.icebergQty != null) {
            n.put("icebergQty", Fmt.spot(o.icebergQty));
        }
        if (o.strategyId != null) {
            n.put("strategyId", o.strategyId);
        }
        if (o.strategyType != null) {
            n.put("strategyType", o.strategyType);
        }
        n.put("workingTime", o.workingTime);
        n.put("selfTradePreventionMode", o.selfTradePreventionMode);
        return n;
    }

    /** newOrderRespType=FULL: RESULT plus the fills. */
    static ObjectNode full(SpotOrder o) {
        ObjectNode n = result(o);
        ArrayNode fills = n.putArray("fills");
        for (SpotFill f : o.fills) {
            ObjectNode fill = fills.addObject();
            fill.put("price", Fmt.spot(f.price()));
            fill.put("qty", Fmt.spot(f.qty()));
            fill.put("commission", Fmt.spot(f.commission()));
            fill.put("commissionAsset", f.commissionAsset());
            fill.put("tradeId", f.tradeId());
        }
        return n;
    }

    static ObjectNode response(SpotOrder o, String respType) {
        return switch (respType) {
            case "ACK" -> ack(o);
            case "RESULT" -> result(o);
            default -> full(o);
        };
    }

    /** GET /api/v3/order and each element of GET /api/v3/openOrders. */
    static ObjectNode query(SpotOrder o) {
        ObjectNode n = Json.object();
        n.put("symbol", o.symbol());
        n.put("orderId", o.orderId);
        n.put("orderListId", o.orderListId);
        n.put("clientOrderId", o.clientOrderId);
        n.put("price", Fmt.spot(o.price));
        n.put("origQty", Fmt.spot(o.origQty));
        n.put("executedQty", Fmt.spot(o.executedQty));
        n.put("cummulativeQuoteQty", Fmt.spot(o.cumQuote));
        n.put("status", o.status);
        n.put("timeInForce", o.timeInForce);
        n.put("type", o.type);
        n.put("side", side(o.side));
        n.put("stopPrice", Fmt.spot(o.stopPrice));
        n.put("icebergQty", Fmt.spot(o.icebergQty));
        n.put("time", o.time);
        n.put("updateTime", o.updateTime);
        n.put("isWorking", o.working);
        n.put("workingTime", o.workingTime);
        n.put("origQuoteOrderQty", Fmt.spot(o.quoteOrderQty));
        n.put("selfTradePreventionMode", o.selfTradePreventionMode);
        return n;
    }

    /** DELETE /api/v3/order, and the cancel half of cancelReplace. */
    static ObjectNode cancelReport(SpotOrder o, long transactTime) {
        ObjectNode n = Json.object();
        n.put("symbol", o.symbol());
        n.put("origClientOrderId", o.clientOrderId);
        n.put("orderId", o.orderId);
        n.put("orderListId", o.orderListId);
        n.put("clientOrderId", o.cancelClientOrderId != null ? o.cancelClientOrderId : o.clientOrderId);
        n.put("transactTime", transactTime);
        n.put("price", Fmt.spot(o.price));
        n.put("origQty", Fmt.spot(o.origQty));
        n.put("executedQty", Fmt.spot(o.executedQty));
        n.put("origQuoteOrderQty", Fmt.spot(o.quoteOrderQty));
        n.put("cummulativeQuoteQty", Fmt.spot(o.cumQuote));
        n.put("status", o.status);
        n.put("timeInForce", o.timeInForce);
        n.put("type", o.type);
        n.put("side", side(o.side));
        if (o.stopPrice != null) {
            n.put("stopPrice", Fmt.spot(o.stopPrice));
        }
        if (o.icebergQty != null) {
            n.put("icebergQty", Fmt.spot(o.icebergQty));
        }
        n.put("selfTradePreventionMode", o.selfTradePreventionMode);
        return n;
    }

    /** An order list (OCO) as POST /api/v3/orderList/oco and DELETE /api/v3/orderList answer it. */
    static ObjectNode orderList(SpotOrderList list, long transactionTime, List<ObjectNode> reports) {
        ObjectNode n = Json.object();
        n.put("orderListId", list.orderListId);
        n.put("contingencyType", "OCO");
        n.put("listStatusType", list.listStatusType());
        n.put("listOrderStatus", list.listOrderStatus());
        n.put("listClientOrderId", list.listClientOrderId);
        n.put("transactionTime", transactionTime);
        n.put("symbol", list.listing.symbol());
        ArrayNode orders = n.putArray("orders");
        for (SpotOrder leg : list.legs) {
            ObjectNode o = orders.addObject();
            o.put("symbol", leg.symbol());
            o.put("orderId", leg.orderId);
            o.put("clientOrderId", leg.clientOrderId);
        }
        ArrayNode orderReports = n.putArray("orderReports");
        reports.forEach(orderReports::add);
        return n;
    }

    /** One row of GET /api/v3/myTrades. */
    static ObjectNode trade(SpotOrder o, SpotFill f) {
        ObjectNode n = Json.object();
        n.put("symbol", o.symbol());
        n.put("id", f.tradeId());
        n.put("orderId", o.orderId);
        n.put("orderListId", o.orderListId);
        n.put("price", Fmt.spot(f.price()));
        n.put("qty", Fmt.spot(f.qty()));
        n.put("quoteQty", Fmt.spot(f.quoteQty()));
        n.put("commission", Fmt.spot(f.commission()));
        n.put("commissionAsset", f.commissionAsset());
        n.put("time", f.time());
        n.put("isBuyer", f.buyer());
        n.put("isMaker", f.maker());
        n.put("isBestMatch", true);
        return n;
    }

    /** GET /api/v3/account. */
    static ObjectNode account(List<Balance> balances, BigDecimal makerRate, BigDecimal takerRate, long uid,
                              long updateTime, boolean omitZero) {
        ObjectNode n = Json.object();
        n.put("makerCommission", makerRate.movePointRight(4).intValue());
        n.put("takerCommission", takerRate.movePointRight(4).intValue());
        n.put("buyerCommission", 0);
        n.put("sellerCommission", 0);
        ObjectNode rates = n.putObject("commissionRates");
        rates.put("maker", Fmt.spot(makerRate));
        rates.put("taker", Fmt.spot(takerRate));
        rates.put("buyer", Fmt.spot(BigDecimal.ZERO));
        rates.put("seller", Fmt.spot(BigDecimal.ZERO));
        n.put("canTrade", true);
        n.put("canWithdraw", true);
        n.put("canDeposit", true);
        n.put("brokered", false);
        n.put("requireSelfTradePrevention", false);
        n.put("preventSor", false);
        n.put("updateTime", updateTime);
        n.put("accountType", "SPOT");
        ArrayNode arr = n.putArray("balances");
        for (Balance b : balances) {
            if (omitZero && b.total().signum() == 0) {
                continue;
            }
            ObjectNode row = arr.addObject();
            row.put("asset", b.asset());
            row.put("free", Fmt.spot(b.available()));
            row.put("locked", Fmt.spot(b.total().subtract(b.available())));
        }
        n.putArray("permissions").add("SPOT");
        n.put("uid", uid);
        return n;
    }

    /** The {@code executionReport} event. */
    static ObjectNode executionReport(SpotOrder o, String executionType, SpotFill fill, String rejectReason,
                                      long eventTime) {
        boolean canceled = "CANCELED".equals(executionType) && o.cancelClientOrderId != null;
        ObjectNode e = Json.object();
        e.put("e", "executionReport");
        e.put("E", eventTime);
        e.put("s", o.symbol());
        e.put("c", canceled ? o.cancelClientOrderId : o.clientOrderId);
        e.put("S", side(o.side));
        e.put("o", o.type);
        e.put("f", o.timeInForce);
        e.put("q", Fmt.spot(o.origQty));
        e.put("p", Fmt.spot(o.price));
        e.put("P", Fmt.spot(o.stopPrice));
        e.put("F", Fmt.spot(o.icebergQty));
        e.put("g", o.orderListId);
        e.put("C", canceled ? o.clientOrderId : "");
        e.put("x", executionType);
        e.put("X", "REJECTED".equals(executionType) ? "REJECTED" : o.status);
        e.put("r", rejectReason);
        e.put("i", o.orderId);
        e.put("l", Fmt.spot(fill == null ? null : fill.qty()));
        e.put("z", Fmt.spot(o.executedQty));
        e.put("L", Fmt.spot(fill == null ? null : fill.price()));
        if (fill == null) {
            e.put("n", "0");
            e.putNull("N");
        } else {
            e.put("n", Fmt.spot(fill.commission()));
            e.put("N", fill.commissionAsset());
        }
        e.put("T", fill == null ? o.updateTime : fill.time());
        e.put("t", fill == null ? -1 : fill.tradeId());
        e.put("I", o.orderId * 2 + (fill == null ? 0 : fill.tradeId()));
        e.put("w", o.working && o.isOpen());
        e.put("m", fill != null && fill.maker());
        e.put("M", false);
        e.put("O", o.time);
        e.put("Z", Fmt.spot(o.cumQuote));
        e.put("Y", Fmt.spot(fill == null ? null : fill.quoteQty()));
        e.put("Q", Fmt.spot(o.quoteOrderQty));
        if (o.strategyId != null) {
            e.put("j", o.strategyId);
        }
        if (o.strategyType != null) {
            e.put("J", o.strategyType);
        }
        if (o.working) {
            e.put("W", o.workingTime);
        }
        e.put("V", o.selfTradePreventionMode);
        return e;
    }

    /** The {@code outboundAccountPosition} event. */
    static ObjectNode accountPosition(List<Balance> balances, long eventTime) {
        ObjectNode e = Json.object();
        e.put("e", "outboundAccountPosition");
        e.put("E", eventTime);
        e.put("u", eventTime);
        ArrayNode arr = e.putArray("B");
        for (Balance b : balances) {
            ObjectNode row = arr.addObject();
            row.put("a", b.asset());
            row.put("f", Fmt.spot(b.available()));
            row.put("l", Fmt.spot(b.total().subtract(b.available())));
        }
        return e;
    }

    /** The {@code listStatus} event of an OCO. */
    static ObjectNode listStatus(SpotOrderList list, long eventTime) {
        ObjectNode e = Json.object();
        e.put("e", "listStatus");
        e.put("E", eventTime);
        e.put("s", list.listing.symbol());
        e.put("g", list.orderListId);
        e.put("c", "OCO");
        e.put("l", list.listStatusType());
        e.put("L", list.listOrderStatus());
        e.put("r", "NONE");
        e.put("C", list.listClientOrderId);
        e.put("T", eventTime);
        ArrayNode legs = e.putArray("O");
        for (SpotOrder leg : list.legs) {
            ObjectNode o = legs.addObject();
            o.put("s", leg.symbol());
            o.put("i", leg.orderId);
            o.put("c", leg.clientOrderId);
        }
        return e;
    }
}

package io.fixbridge.sims.binance;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fixbridge.sims.common.SimJson;

import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;

/**
 * The simulator's truth as the control plane's JSON ({@code GET /_sim/orders}): every decimal a
 * plain string without trailing zeros ({@link SimJson#plain}), ids as numbers. Stateless.
 *
 * <p>An order: {@code market} ({@code spot}|{@code futures}), {@code symbol}, {@code orderId},
 * {@code clientOrderId}, {@code side}, {@code type}, {@code status}, {@code price} ({@code "0"}
 * when the order has none, as Binance prints market orders), {@code origQty}, {@code executedQty},
 * {@code stopPrice} (only when it has one), {@code fills}. A fill: {@code tradeId}, {@code qty},
 * {@code price}, {@code commission}, {@code commissionAsset}, {@code maker}, {@code time}, and on
 * futures {@code realizedPnl}. An algo order: {@code algoId}, {@code clientAlgoId},
 * {@code symbol}, {@code side}, {@code type}, {@code status}, {@code quantity} (null with
 * closePosition), {@code triggerPrice}, {@code price} (null when none), {@code actualOrderId}
 * (-1 until triggered).
 */
final class TruthJson {
    private TruthJson() {
    }

    /** {@code {"orders":[...],"algoOrders":[...]}}, each list in the order given. */
    static ObjectNode orders(List<TruthOrder> orders, List<TruthAlgoOrder> algos) {
        ObjectNode root = SimJson.object();
        ArrayNode list = root.putArray("orders");
        orders.forEach(o -> list.add(order(o)));
        ArrayNode algoList = root.putArray("algoOrders");
        algos.forEach(a -> algoList.add(algo(a)));
        return root;
    }

    static ObjectNode order(TruthOrder o) {
        ObjectNode n = SimJson.object();
        n.put("market", o.market().toLowerCase(Locale.ROOT));
        n.put("symbol", o.symbol());
        n.put("orderId", o.orderId());
        n.put("clientOrderId", o.clientOrderId());
        n.put("side", o.side());
        n.put("type", o.type());
        n.put("status", o.status());
        n.put("price", o.price() == null ? "0" : SimJson.plain(o.price()));
        n.put("origQty", SimJson.plain(o.quantity()));
        n.put("executedQty", SimJson.plain(o.executedQty()));
        if (o.stopPrice() != null) {
            n.put("stopPrice", SimJson.plain(o.stopPrice()));
        }
        ArrayNode fills = n.putArray("fills");
        for (TruthFill f : o.fills()) {
            ObjectNode fill = fills.addObject();
            fill.put("tradeId", f.tradeId());
            fill.put("qty", SimJson.plain(f.quantity()));
            fill.put("price", SimJson.plain(f.price()));
            fill.put("commission", SimJson.plain(f.commission()));
            fill.put("commissionAsset", f.commissionAsset());
            fill.put("maker", f.maker());
            fill.put("time", f.time());
            if (f.realizedPnl() != null) {
                fill.put("realizedPnl", SimJson.plain(f.realizedPnl()));
            }
        }
        return n;
    }

    static ObjectNode algo(TruthAlgoOrder a) {
        ObjectNode n = SimJson.object();
        n.put("algoId", a.algoId());
        n.put("clientAlgoId", a.clientAlgoId());
        n.put("symbol", a.symbol());
        n.put("side", a.side());
        n.put("type", a.type());
        n.put("status", a.status());
        n.put("quantity", decimalOrNull(a.quantity()));
        n.put("triggerPrice", decimalOrNull(a.triggerPrice()));
        n.put("price", decimalOrNull(a.price()));
        n.put("actualOrderId", a.actualOrderId());
        return n;
    }

    private static String decimalOrNull(BigDecimal value) {
        return value == null ? null : SimJson.plain(value);
    }
}

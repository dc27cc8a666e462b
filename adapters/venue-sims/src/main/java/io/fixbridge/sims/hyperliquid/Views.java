package io.fixbridge.sims.hyperliquid;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fixbridge.sims.common.SimJson;
import io.fixbridge.venue.Side;
import io.fixbridge.venue.paper.engine.BookLevel;
import io.fixbridge.venue.paper.engine.OrderBook;

/**
 * The venue's JSON shapes for orders, fills and books (field sets of the real API; numbers that
 * are prices or sizes are strings). Stateless; call on the engine thread (it reads order records).
 */
final class Views {
    private Views() {
    }

    /** openOrders item: coin, limitPx, oid, side, sz, timestamp, origSz[, cloid]. */
    static ObjectNode openOrder(HlOrder o) {
        ObjectNode n = SimJson.object();
        n.put("coin", o.market.coin);
        n.put("limitPx", Fmt.num(o.limitPx));
        n.put("oid", o.oid);
        n.put("side", o.side());
        n.put("sz", Fmt.num(o.shownSz()));
        n.put("timestamp", o.timestamp);
        n.put("origSz", Fmt.num(o.origSz));
        if (o.cloid != null) {
            n.put("cloid", o.cloid);
        }
        return n;
    }

    /** frontendOpenOrders item (also the inner order of orderStatus). */
    static ObjectNode frontendOrder(HlOrder o) {
        ObjectNode n = SimJson.object();
        n.put("coin", o.market.coin);
        n.put("side", o.side());
        n.put("limitPx", Fmt.num(o.limitPx));
        n.put("sz", Fmt.num(o.shownSz()));
        n.put("oid", o.oid);
        n.put("timestamp", o.timestamp);
        n.put("triggerCondition", o.triggerCondition());
        n.put("isTrigger", o.isTrigger());
        n.put("triggerPx", o.trigger == null ? "0.0" : Fmt.num(o.trigger.px()));
        n.putArray("children");
        n.put("isPositionTpsl", false);
        n.put("reduceOnly", o.reduceOnly);
        n.put("orderType", o.orderType());
        n.put("origSz", Fmt.num(o.origSz));
        if (o.tif == null) {
            n.putNull("tif");
        } else {
            n.put("tif", o.tif.name());
        }
        if (o.cloid == null) {
            n.putNull("cloid");
        } else {
            n.put("cloid", o.cloid);
        }
        return n;
    }

    /** orderStatus answer for a known order. */
    static ObjectNode orderStatus(HlOrder o) {
        ObjectNode n = SimJson.object();
        n.put("status", "order");
        ObjectNode outer = n.putObject("order");
        outer.set("order", frontendOrder(o));
        outer.put("status", o.status);
        outer.put("statusTimestamp", o.statusTimestamp);
        return n;
    }

    /** orderUpdates item: {"order":{coin,side,limitPx,sz,oid,timestamp,origSz[,cloid]},"status","statusTimestamp"}. */
    static ObjectNode orderUpdate(HlOrder o) {
        ObjectNode n = SimJson.object();
        ObjectNode order = n.putObject("order");
        order.put("coin", o.market.coin);
        order.put("side", o.side());
        order.put("limitPx", Fmt.num(o.limitPx));
        order.put("sz", Fmt.num(o.shownSz()));
        order.put("oid", o.oid);
        order.put("timestamp", o.timestamp);
        order.put("origSz", Fmt.num(o.origSz));
        if (o.cloid != null) {
            order.put("cloid", o.cloid);
        }
        n.put("status", o.status);
        n.put("statusTimestamp", o.statusTimestamp);
        return n;
    }

    /** userFills item. */
    static ObjectNode fill(HlFill f) {
        ObjectNode n = SimJson.object();
        n.put("coin", f.coin());
        n.put("px", Fmt.num(f.px()));
        n.put("sz", Fmt.num(f.sz()));
        n.put("side", f.isBuy() ? "B" : "A");
        n.put("time", f.time());
        n.put("startPosition", Fmt.num(f.startPosition()));
        n.put("dir", f.dir());
        n.put("closedPnl", Fmt.num(f.closedPnl(), 6));
        n.put("hash", f.hash());
        n.put("oid", f.oid());
        n.put("crossed", f.crossed());
        n.put("fee", Fmt.num(f.fee(), 8));
        n.put("tid", f.tid());
        n.put("feeToken", f.feeToken());
        if (f.cloid() != null) {
            n.put("cloid", f.cloid());
        }
        return n;
    }

    /** l2Book: {"coin","time","levels":[[bids],[asks]]}, up to {@link HlVenue#BOOK_LEVELS} levels a side. */
    static ObjectNode book(HlMarket m, OrderBook book, long time) {
        ObjectNode n = SimJson.object();
        n.put("coin", m.coin);
        n.put("time", time);
        ArrayNode levels = n.putArray("levels");
        levels.add(side(book, Side.BUY));
        levels.add(side(book, Side.SELL));
        return n;
    }

    private static ArrayNode side(OrderBook book, Side side) {
        ArrayNode arr = SimJson.array();
        for (BookLevel l : book.depth(side, HlVenue.BOOK_LEVELS)) {
            ObjectNode level = arr.addObject();
            level.put("px", Fmt.num(l.price()));
            level.put("sz", Fmt.num(l.quantity()));
            level.put("n", 1);
        }
        return arr;
    }
}

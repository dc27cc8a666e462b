package io.fixbridge.gateway.fix;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.function.Predicate;

import io.fixbridge.testkit.fix.FixTestClient;
import quickfix.Message;

/** FIX messages and matchers for the gateway's end-to-end tests. */
public final class Orders {
    private Orders() {
    }

    public static Message limit(String clOrdId, String symbol, char side, String qty, String price) {
        Message m = new quickfix.fix44.NewOrderSingle();
        m.setString(11, clOrdId);
        m.setString(55, symbol);
        m.setChar(54, side);
        m.setString(38, qty);
        m.setChar(40, '2');
        m.setString(44, price);
        m.setChar(59, '1');
        m.setUtcTimeStamp(60, LocalDateTime.now(ZoneOffset.UTC), true);
        return m;
    }

    public static Message market(String clOrdId, String symbol, char side, String qty) {
        Message m = limit(clOrdId, symbol, side, qty, "1");
        m.removeField(44);
        m.setChar(40, '1');
        return m;
    }

    /** A NewOrderList of two limit/stop legs; contingency 1 (OCO) unless null. */
    public static Message ocoList(String listId, Integer contingency, String symbol, char side, String qty,
                           String limitClOrdId, String limitPrice, String stopClOrdId, String stopPx) {
        Message m = new quickfix.fix44.NewOrderList();
        m.setString(66, listId);
        m.setInt(394, 3);
        m.setInt(68, 2);
        if (contingency != null) {
            m.setInt(1385, contingency);
        }
        quickfix.Group limit = new quickfix.fix44.NewOrderList.NoOrders();
        limit.setString(11, limitClOrdId);
        limit.setInt(67, 1);
        limit.setString(55, symbol);
        limit.setChar(54, side);
        limit.setString(38, qty);
        limit.setChar(40, '2');
        limit.setString(44, limitPrice);
        m.addGroup(limit);
        quickfix.Group stop = new quickfix.fix44.NewOrderList.NoOrders();
        stop.setString(11, stopClOrdId);
        stop.setInt(67, 2);
        stop.setString(55, symbol);
        stop.setChar(54, side);
        stop.setString(38, qty);
        stop.setChar(40, '3');
        stop.setString(99, stopPx);
        m.addGroup(stop);
        return m;
    }

    public static Message cancel(String clOrdId, String orig, String symbol, char side) {
        Message m = new quickfix.fix44.OrderCancelRequest();
        m.setString(11, clOrdId);
        m.setString(41, orig);
        m.setString(55, symbol);
        m.setChar(54, side);
        m.setUtcTimeStamp(60, LocalDateTime.now(ZoneOffset.UTC), true);
        return m;
    }

    public static Message replace(String clOrdId, String orig, String symbol, char side, String qty, String price) {
        Message m = new quickfix.fix44.OrderCancelReplaceRequest();
        m.setString(11, clOrdId);
        m.setString(41, orig);
        m.setString(55, symbol);
        m.setChar(54, side);
        m.setString(38, qty);
        m.setChar(40, '2');
        m.setString(44, price);
        m.setUtcTimeStamp(60, LocalDateTime.now(ZoneOffset.UTC), true);
        return m;
    }

    public static Message status(String clOrdId, String symbol, char side) {
        Message m = new quickfix.fix44.OrderStatusRequest();
        m.setString(11, clOrdId);
        m.setString(55, symbol);
        m.setChar(54, side);
        return m;
    }

    /** An ExecutionReport for {@code clOrdId} with ExecType(150) {@code execType}. */
    public static Predicate<Message> report(String clOrdId, char execType) {
        return m -> "8".equals(FixTestClient.field(m, 35)) && clOrdId.equals(FixTestClient.field(m, 11))
                && String.valueOf(execType).equals(FixTestClient.field(m, 150));
    }

    /** An OrderCancelReject answering the request {@code clOrdId}. */
    public static Predicate<Message> cancelReject(String clOrdId) {
        return m -> "9".equals(FixTestClient.field(m, 35)) && clOrdId.equals(FixTestClient.field(m, 11));
    }

    public static String f(Message m, int tag) {
        return FixTestClient.field(m, tag);
    }
}

package io.fixbridge.gateway.translate;

import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

import io.fixbridge.gateway.order.Execution;
import io.fixbridge.gateway.order.OrderView;
import io.fixbridge.gateway.translate.Inbound.Refusal;
import io.fixbridge.venue.OrderRequest;
import quickfix.FieldNotFound;
import quickfix.Message;
import quickfix.field.BusinessRejectReason;
import quickfix.field.MsgSeqNum;
import quickfix.field.MsgType;
import quickfix.field.RefMsgType;
import quickfix.field.RefSeqNum;

/**
 * Builds the FIX messages the gateway sends about orders: ExecutionReport (35=8),
 * OrderCancelReject (35=9) and BusinessMessageReject (35=j). Pure functions, no I/O.
 * Amounts are written from their decimal text, never through a double.
 */
public final class ExecutionReports {
    private static final int COMM_TYPE_ABSOLUTE = 3;

    private ExecutionReports() {
    }

    /**
     * The message for one execution.
     *
     * @param execution what happened
     * @param orderId   the gateway's OrderID(37)
     * @param venue     the venue's name, reported in ExDestination(100)
     */
    public static Message toFix(Execution execution, String orderId, String venue) {
        if (execution.cancelReject() != null) {
            return cancelReject(execution, orderId);
        }
        OrderView v = execution.view();
        OrderRequest t = v.terms();
        Message m = new quickfix.fix44.ExecutionReport();
        m.setString(37, orderId);
        if (v.venueOrderId() != null) {
            m.setString(198, v.venueOrderId());
        }
        m.setString(11, v.clOrdId());
        if (v.origClOrdId() != null) {
            m.setString(41, v.origClOrdId());
        }
        m.setString(17, execution.execId());
        m.setChar(150, execution.kind().fix());
        m.setChar(39, v.status().fix());
        if (execution.rejectReason() != null) {
            m.setInt(103, FixValues.ordRejReason(execution.rejectReason()));
        }
        m.setString(1, t.account());
        m.setString(100, venue);
        m.setString(55, t.symbol());
        m.setChar(54, FixValues.side(t.side()));
        m.setChar(40, FixValues.orderType(t.type()));
        m.setChar(59, FixValues.timeInForce(t.timeInForce()));
        if (t.quantity() != null) {
            decimal(m, 38, t.quantity());
        } else {
            decimal(m, 152, t.cashQuantity());
        }
        decimal(m, 44, t.price());
        decimal(m, 99, t.stopPrice());
        decimal(m, 111, t.displayQuantity());
        String execInst = execInst(t);
        if (execInst != null) {
            m.setString(18, execInst);
        }
        Execution.FillDetail fill = execution.fill();
        if (fill != null) {
            decimal(m, 32, fill.lastQty());
            decimal(m, 31, fill.lastPx());
            decimal(m, 12, fill.commission());
            m.setInt(13, COMM_TYPE_ABSOLUTE);
            if (fill.commissionAsset() != null) {
                m.setString(479, fill.commissionAsset());
            }
            if (fill.liquidity() != null) {
                m.setChar(851, FixValues.liquidity(fill.liquidity()));
            }
            m.setString(880, fill.tradeId());
        } else {
            decimal(m, 32, BigDecimal.ZERO);
            decimal(m, 31, BigDecimal.ZERO);
        }
        decimal(m, 151, v.leavesQty());
        decimal(m, 14, v.cumQty());
        decimal(m, 6, v.avgPx());
        m.setUtcTimeStamp(60, LocalDateTime.now(ZoneOffset.UTC), true);
        text(m, execution.text());
        if (execution.venueCode() != null) {
            m.setString(FixTags.VENUE_ERROR_CODE, execution.venueCode());
        }
        return m;
    }

    /**
     * A rejecting ExecutionReport for a NewOrderSingle refused for its content, before any
     * order existed; echoes what the message said.
     */
    public static Message refuseNewOrder(quickfix.FieldMap order, String orderId, Refusal refusal) {
        Message m = new quickfix.fix44.ExecutionReport();
        m.setString(37, orderId);
        m.setString(11, echo(order, 11, "NONE"));
        m.setString(17, orderId + "-1");
        m.setChar(150, '8');
        m.setChar(39, '8');
        m.setInt(103, FixValues.ordRejReason(refusal.reason()));
        copy(order, m, 1, 55, 38, 152, 40, 44, 99, 59, 100);
        m.setString(54, echo(order, 54, "1"));
        decimal(m, 151, BigDecimal.ZERO);
        decimal(m, 14, BigDecimal.ZERO);
        decimal(m, 6, BigDecimal.ZERO);
        m.setUtcTimeStamp(60, LocalDateTime.now(ZoneOffset.UTC), true);
        text(m, refusal.text());
        return m;
    }

    /**
     * The one answer to an OrderMassStatusRequest that matches no open order, or that is refused
     * (then {@code text} says why): OrderID and ClOrdID {@code NONE}, ExecType I, OrdStatus 8,
     * TotNumReports(911) 0, LastRptRequested(912) Y.
     */
    public static Message massStatusNone(String massStatusReqId, String text) {
        Message m = new quickfix.fix44.ExecutionReport();
        m.setString(37, "NONE");
        m.setString(11, "NONE");
        m.setString(17, "NONE-" + (massStatusReqId == null ? "AF" : massStatusReqId));
        m.setChar(150, 'I');
        m.setChar(39, '8');
        m.setString(55, "NONE");
        m.setChar(54, '1');
        decimal(m, 151, BigDecimal.ZERO);
        decimal(m, 14, BigDecimal.ZERO);
        decimal(m, 6, BigDecimal.ZERO);
        m.setUtcTimeStamp(60, LocalDateTime.now(ZoneOffset.UTC), true);
        markMassStatus(m, massStatusReqId, 0, true);
        text(m, text);
        return m;
    }

    /** Marks a status report as one of {@code total} answering MassStatusReqID {@code massStatusReqId}. */
    public static void markMassStatus(Message report, String massStatusReqId, int total, boolean last) {
        if (massStatusReqId != null) {
            report.setString(584, massStatusReqId);
        }
        report.setInt(911, total);
        report.setBoolean(912, last);
    }

    /**
     * An OrderCancelReject for a cancel or replace that cannot even be matched to an order
     * (unknown OrigClOrdID, malformed request).
     *
     * @param request    the refused OrderCancelRequest or OrderCancelReplaceRequest
     * @param orderId    the order's OrderID, or "NONE" when unknown
     * @param ordStatus  the order's OrdStatus, or '8' when unknown
     * @param cxlRejReason CxlRejReason(102)
     */
    public static Message refuseCancel(Message request, String orderId, char ordStatus, int cxlRejReason, String text) {
        Message m = new quickfix.fix44.OrderCancelReject();
        m.setString(37, orderId);
        m.setString(11, echo(request, 11, "NONE"));
        m.setString(41, echo(request, 41, "NONE"));
        m.setChar(39, ordStatus);
        m.setChar(434, isReplace(request) ? '2' : '1');
        m.setInt(102, cxlRejReason);
        text(m, text);
        return m;
    }

    /** A BusinessMessageReject (35=j) for an application message the gateway does not take. */
    public static Message businessReject(Message refused, int reason, String text) {
        Message m = new quickfix.fix44.BusinessMessageReject();
        try {
            m.setString(RefMsgType.FIELD, refused.getHeader().getString(MsgType.FIELD));
            m.setInt(RefSeqNum.FIELD, refused.getHeader().getInt(MsgSeqNum.FIELD));
        } catch (FieldNotFound e) {
            // a message that reached the application always has both; say what we can
            m.setString(RefMsgType.FIELD, "?");
        }
        m.setInt(BusinessRejectReason.FIELD, reason);
        text(m, text);
        return m;
    }

    private static Message cancelReject(Execution execution, String orderId) {
        OrderView v = execution.view();
        Message m = new quickfix.fix44.OrderCancelReject();
        m.setString(37, orderId);
        if (v.venueOrderId() != null) {
            m.setString(198, v.venueOrderId());
        }
        m.setString(11, execution.cancelReject().requestClOrdId());
        m.setString(41, v.origClOrdId() != null ? v.origClOrdId() : v.clOrdId());
        m.setChar(39, v.status().fix());
        m.setString(1, v.terms().account());
        m.setChar(434, execution.cancelReject().responseTo() == io.fixbridge.gateway.order.PendingChange.Kind.REPLACE ? '2' : '1');
        m.setInt(102, FixValues.cxlRejReason(execution.rejectReason()));
        text(m, execution.text());
        if (execution.venueCode() != null) {
            m.setString(FixTags.VENUE_ERROR_CODE, execution.venueCode());
        }
        return m;
    }

    private static boolean isReplace(Message request) {
        try {
            return "G".equals(request.getHeader().getString(MsgType.FIELD));
        } catch (FieldNotFound e) {
            return false;
        }
    }

    private static String execInst(OrderRequest t) {
        if (t.postOnly() && t.reduceOnly()) {
            return "6 E";
        }
        if (t.postOnly()) {
            return "6";
        }
        return t.reduceOnly() ? "E" : null;
    }

    private static void decimal(Message m, int tag, BigDecimal value) {
        FixFields.decimal(m, tag, value);
    }

    private static void text(Message m, String text) {
        FixFields.text(m, text);
    }

    private static String echo(quickfix.FieldMap source, int tag, String fallback) {
        try {
            return source.isSetField(tag) ? source.getString(tag) : fallback;
        } catch (FieldNotFound e) {
            return fallback;
        }
    }

    private static void copy(quickfix.FieldMap from, Message to, int... tags) {
        for (int tag : tags) {
            if (from.isSetField(tag)) {
                to.setString(tag, echo(from, tag, ""));
            }
        }
    }
}

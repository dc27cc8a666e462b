package io.fixbridge.gateway.translate;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

import io.fixbridge.gateway.translate.Inbound.Parsed;
import io.fixbridge.gateway.translate.Inbound.Refusal;
import io.fixbridge.venue.OrderType;
import io.fixbridge.venue.RejectReason;
import io.fixbridge.venue.Side;
import io.fixbridge.venue.TimeInForce;
import io.fixbridge.venue.TriggerDirection;
import quickfix.FieldMap;
import quickfix.FieldNotFound;
import quickfix.Message;
import quickfix.field.Account;
import quickfix.field.CashOrderQty;
import quickfix.field.ClOrdID;
import quickfix.field.ExDestination;
import quickfix.field.ExecInst;
import quickfix.field.ExpireTime;
import quickfix.field.MaxFloor;
import quickfix.field.OrdType;
import quickfix.field.OrderQty;
import quickfix.field.OrigClOrdID;
import quickfix.field.PossDupFlag;
import quickfix.field.PossResend;
import quickfix.field.Price;
import quickfix.field.StopPx;
import quickfix.field.Symbol;


/**
 * Reads FIX application messages into {@link Inbound} records: pure functions, no I/O, never
 * an exception for bad input. QuickFIX/J's dictionary validation has already refused messages
 * missing a tag the FIX 4.4 dictionary requires; what is checked here is what FIX leaves to
 * the counterparty: conditionally required tags, supported values, and consistency.
 */
public final class FixInbound {
    private static final DateTimeFormatter UTC_TIMESTAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HH:mm:ss[.SSS][.SSSSSS][.SSSSSSSSS]");

    private FixInbound() {
    }

    /** Reads a NewOrderSingle. */
    public static Parsed<Inbound.NewOrder> newOrder(Message m) {
        return newOrder(m, isPossibleDuplicate(m));
    }

    /**
     * Reads a NewOrderList: ListID(66), ContingencyType(1385) = 1 (one cancels the other) and
     * exactly two orders in NoOrders(73), each read as a NewOrderSingle's fields are.
     */
    public static Parsed<Inbound.NewOrderList> newOrderList(Message m) {
        try {
            String listId = m.getString(quickfix.field.ListID.FIELD);
            if (!m.isSetField(FixTags.CONTINGENCY_TYPE) || m.getInt(FixTags.CONTINGENCY_TYPE) != 1) {
                return refused(RejectReason.UNSUPPORTED_ORDER_CHARACTERISTIC,
                        "ContingencyType(1385)=1 (one cancels the other) is required on a NewOrderList; other lists are not supported");
            }
            java.util.List<quickfix.Group> groups = m.getGroups(quickfix.field.NoOrders.FIELD);
            if (groups.size() != 2) {
                return refused(RejectReason.UNSUPPORTED_ORDER_CHARACTERISTIC,
                        "an OCO NewOrderList has exactly 2 orders in NoOrders(73), not " + groups.size());
            }
            java.util.List<Inbound.NewOrder> legs = new java.util.ArrayList<>(2);
            for (quickfix.Group g : groups) {
                Parsed<Inbound.NewOrder> leg = newOrder(g, isPossibleDuplicate(m));
                if (leg instanceof Parsed.Refused<Inbound.NewOrder> r) {
                    return refused(r.refusal().reason(), "order " + optional(g, ClOrdID.FIELD) + " of list " + listId + ": "
                            + r.refusal().text());
                }
                legs.add(((Parsed.Ok<Inbound.NewOrder>) leg).value());
            }
            Inbound.NewOrder a = legs.get(0);
            Inbound.NewOrder b = legs.get(1);
            if (!a.symbol().equals(b.symbol()) || a.side() != b.side() || a.quantity() == null
                    || b.quantity() == null || a.quantity().compareTo(b.quantity()) != 0) {
                return refused(RejectReason.UNSUPPORTED_ORDER_CHARACTERISTIC,
                        "both orders of an OCO list must have the same Symbol(55), Side(54) and OrderQty(38)");
            }
            if (a.clOrdId().equals(b.clOrdId())) {
                return refused(RejectReason.DUPLICATE_ORDER, "the two orders of list " + listId + " have the same ClOrdID(11)");
            }
            return new Parsed.Ok<>(new Inbound.NewOrderList(listId, java.util.List.copyOf(legs)));
        } catch (FieldNotFound e) {
            return refused(RejectReason.OTHER, "required tag " + e.field + " is missing");
        } catch (quickfix.FieldException e) {
            return refused(RejectReason.OTHER, "tag " + e.getField() + " is malformed: " + e.getMessage());
        }
    }

    private static Parsed<Inbound.NewOrder> newOrder(FieldMap m, boolean possibleDuplicate) {
        try {
            String clOrdId = m.getString(ClOrdID.FIELD);
            String symbol = optional(m, Symbol.FIELD);
            if (symbol == null) {
                return refused(RejectReason.OTHER, "Symbol(55) is required");
            }
            Side side = FixValues.side(m.getChar(quickfix.field.Side.FIELD));
            if (side == null) {
                return refused(RejectReason.UNSUPPORTED_ORDER_CHARACTERISTIC, "Side(54)=" + m.getString(quickfix.field.Side.FIELD)
                        + " is not supported; use 1 (buy) or 2 (sell)");
            }
            OrderType type = FixValues.orderType(m.getChar(OrdType.FIELD));
            if (type == null) {
                return refused(RejectReason.UNSUPPORTED_ORDER_CHARACTERISTIC, "OrdType(40)=" + m.getString(OrdType.FIELD)
                        + " is not supported; use 1 (market), 2 (limit), 3 (stop), 4 (stop limit) or J (take profit)");
            }
            TimeInForce tif = TimeInForce.GTC;
            if (m.isSetField(quickfix.field.TimeInForce.FIELD)) {
                tif = FixValues.timeInForce(m.getChar(quickfix.field.TimeInForce.FIELD));
                if (tif == null) {
                    return refused(RejectReason.UNSUPPORTED_ORDER_CHARACTERISTIC, "TimeInForce(59)=" + m.getString(quickfix.field.TimeInForce.FIELD)
                            + " is not supported; use 1 (GTC), 3 (IOC), 4 (FOK) or 6 (GTD); crypto venues have no trading day");
                }
            }
            BigDecimal quantity = decimal(m, OrderQty.FIELD);
            BigDecimal cash = decimal(m, CashOrderQty.FIELD);
            if ((quantity == null) == (cash == null)) {
                return refused(RejectReason.INCORRECT_QUANTITY, "exactly one of OrderQty(38) and CashOrderQty(152) is required");
            }
            if (quantity != null && quantity.signum() <= 0) {
                return refused(RejectReason.INCORRECT_QUANTITY, "OrderQty(38) must be greater than zero, was " + quantity.toPlainString());
            }
            if (cash != null && (cash.signum() <= 0 || type != OrderType.MARKET)) {
                return refused(RejectReason.UNSUPPORTED_ORDER_CHARACTERISTIC,
                        "CashOrderQty(152) is accepted only on market orders (40=1), and must be greater than zero");
            }
            BigDecimal price = decimal(m, Price.FIELD);
            if (type.requiresPrice() && price == null) {
                return refused(RejectReason.OTHER, "Price(44) is required for OrdType(40)=" + m.getString(OrdType.FIELD));
            }
            if (!type.requiresPrice() && price != null) {
                return refused(RejectReason.UNSUPPORTED_ORDER_CHARACTERISTIC, "Price(44) must not be sent with OrdType(40)="
                        + m.getString(OrdType.FIELD) + ", which executes at market");
            }
            if (price != null && price.signum() <= 0) {
                return refused(RejectReason.INVALID_PRICE_INCREMENT, "Price(44) must be greater than zero, was " + price.toPlainString());
            }
            BigDecimal stop = decimal(m, StopPx.FIELD);
            if (type.requiresStopPrice() && (stop == null || stop.signum() <= 0)) {
                return refused(RejectReason.OTHER, "StopPx(99) greater than zero is required for OrdType(40)=" + m.getString(OrdType.FIELD));
            }
            if (!type.requiresStopPrice() && stop != null) {
                return refused(RejectReason.UNSUPPORTED_ORDER_CHARACTERISTIC, "StopPx(99) is only for stop, stop-limit and take-profit orders");
            }
            TriggerDirection direction = null;
            if (m.isSetField(FixTags.TRIGGER_PRICE_DIRECTION)) {
                direction = FixValues.triggerDirection(m.getString(FixTags.TRIGGER_PRICE_DIRECTION));
                if (direction == null || !type.requiresStopPrice()) {
                    return refused(RejectReason.UNSUPPORTED_ORDER_CHARACTERISTIC,
                            "TriggerPriceDirection(1109) must be U (up) or D (down), and only on stop, stop-limit and take-profit orders");
                }
            }
            boolean postOnly = false;
            boolean reduceOnly = false;
            if (m.isSetField(ExecInst.FIELD)) {
                for (String inst : m.getString(ExecInst.FIELD).trim().split("\\s+")) {
                    switch (inst) {
                        case "6" -> postOnly = true;
                        case "E" -> reduceOnly = true;
                        default -> {
                            return refused(RejectReason.UNSUPPORTED_ORDER_CHARACTERISTIC, "ExecInst(18) value '" + inst
                                    + "' is not supported; use 6 (post-only) and/or E (reduce-only)");
                        }
                    }
                }
            }
            if (postOnly && type != OrderType.LIMIT) {
                return refused(RejectReason.UNSUPPORTED_ORDER_CHARACTERISTIC, "post-only (ExecInst 6) applies to limit orders only");
            }
            if (postOnly && (tif == TimeInForce.IOC || tif == TimeInForce.FOK)) {
                return refused(RejectReason.UNSUPPORTED_ORDER_CHARACTERISTIC, "post-only (ExecInst 6) cannot be IOC or FOK: it must rest");
            }
            BigDecimal maxFloor = decimal(m, MaxFloor.FIELD);
            if (maxFloor != null && (maxFloor.signum() <= 0 || quantity == null || maxFloor.compareTo(quantity) >= 0)) {
                return refused(RejectReason.INCORRECT_QUANTITY, "MaxFloor(111) must be greater than zero and less than OrderQty(38)");
            }
            Instant expire = null;
            if (m.isSetField(ExpireTime.FIELD)) {
                expire = timestamp(m.getString(ExpireTime.FIELD));
                if (expire == null) {
                    return refused(RejectReason.OTHER, "ExpireTime(126) must be a UTC timestamp yyyyMMdd-HH:mm:ss[.sss]");
                }
            }
            if (tif == TimeInForce.GTD && expire == null) {
                return refused(RejectReason.OTHER, "ExpireTime(126) is required with TimeInForce(59)=6 (GTD)");
            }
            if (tif != TimeInForce.GTD && expire != null) {
                return refused(RejectReason.UNSUPPORTED_ORDER_CHARACTERISTIC, "ExpireTime(126) is only for TimeInForce(59)=6 (GTD)");
            }
            return new Parsed.Ok<>(new Inbound.NewOrder(clOrdId, optional(m, Account.FIELD), optional(m, ExDestination.FIELD),
                    symbol, side, type, tif, quantity, cash, price, stop, direction, postOnly, reduceOnly, maxFloor, expire,
                    possibleDuplicate));
        } catch (FieldNotFound e) {
            return refused(RejectReason.OTHER, "required tag " + e.field + " is missing");
        } catch (NumberFormatException e) {
            return refused(RejectReason.OTHER, e.getMessage());
        } catch (quickfix.FieldException e) {
            return refused(RejectReason.OTHER, "tag " + e.getField() + " is malformed: " + e.getMessage());
        }
    }

    /** Reads an OrderCancelRequest. */
    public static Parsed<Inbound.Cancel> cancel(Message m) {
        try {
            return new Parsed.Ok<>(new Inbound.Cancel(m.getString(ClOrdID.FIELD), m.getString(OrigClOrdID.FIELD),
                    optional(m, Symbol.FIELD), FixValues.side(m.getChar(quickfix.field.Side.FIELD))));
        } catch (FieldNotFound e) {
            return refused(RejectReason.OTHER, "required tag " + e.field + " is missing");
        }
    }

    /** Reads an OrderCancelReplaceRequest. */
    public static Parsed<Inbound.Replace> replace(Message m) {
        try {
            OrderType type = FixValues.orderType(m.getChar(OrdType.FIELD));
            BigDecimal quantity = decimal(m, OrderQty.FIELD);
            if (quantity == null || quantity.signum() <= 0) {
                return refused(RejectReason.INCORRECT_QUANTITY, "OrderQty(38) greater than zero is required on a replace: the new total quantity");
            }
            if (m.isSetField(CashOrderQty.FIELD)) {
                return refused(RejectReason.UNSUPPORTED_ORDER_CHARACTERISTIC, "CashOrderQty(152) cannot be replaced");
            }
            return new Parsed.Ok<>(new Inbound.Replace(m.getString(ClOrdID.FIELD), m.getString(OrigClOrdID.FIELD),
                    optional(m, Symbol.FIELD), FixValues.side(m.getChar(quickfix.field.Side.FIELD)), type, quantity,
                    decimal(m, Price.FIELD), decimal(m, StopPx.FIELD)));
        } catch (FieldNotFound e) {
            return refused(RejectReason.OTHER, "required tag " + e.field + " is missing");
        } catch (NumberFormatException e) {
            return refused(RejectReason.OTHER, e.getMessage());
        }
    }

    /** Reads an OrderStatusRequest. */
    public static Parsed<Inbound.StatusRequest> statusRequest(Message m) {
        try {
            return new Parsed.Ok<>(new Inbound.StatusRequest(m.getString(ClOrdID.FIELD), optional(m, Symbol.FIELD),
                    FixValues.side(m.getChar(quickfix.field.Side.FIELD))));
        } catch (FieldNotFound e) {
            return refused(RejectReason.OTHER, "required tag " + e.field + " is missing");
        }
    }

    /** The MassStatusReqID(584) of an OrderMassStatusRequest, or null when it is missing. */
    public static String massStatusReqId(Message m) {
        try {
            return optional(m, 584);
        } catch (FieldNotFound e) {
            return null;
        }
    }

    /**
     * An OrderMassStatusRequest (35=AF). MassStatusReqType(585) 7 (all orders) and 1 (the orders of
     * a Symbol) are taken; the other types name criteria the gateway does not keep (parties,
     * underlyings, CFI codes, trading sessions) and are refused with a Text saying which are taken.
     */
    public static Parsed<Inbound.MassStatusRequest> massStatusRequest(Message m) {
        try {
            String id = m.getString(584);
            int type = m.getInt(585);
            String symbol = optional(m, Symbol.FIELD);
            if (type != 7 && type != 1) {
                return refused(RejectReason.OTHER, "MassStatusReqType(585)=" + type + " is not supported; use 7 "
                        + "(all open orders of the session) or 1 (the open orders of one Symbol(55))");
            }
            if (type == 1 && symbol == null) {
                return refused(RejectReason.OTHER, "MassStatusReqType(585)=1 asks about one security: Symbol(55) is required");
            }
            Side side = null;
            if (m.isSetField(quickfix.field.Side.FIELD)) {
                side = FixValues.side(m.getChar(quickfix.field.Side.FIELD));
                if (side == null) {
                    return refused(RejectReason.OTHER, "Side(54) narrows the request to 1 (buy) or 2 (sell)");
                }
            }
            return new Parsed.Ok<>(new Inbound.MassStatusRequest(id, type == 1 ? symbol : null,
                    optional(m, Account.FIELD), side));
        } catch (FieldNotFound e) {
            return refused(RejectReason.OTHER, "required tag " + e.field + " is missing");
        }
    }

    /** Whether the header says the message may have been sent before (PossDupFlag 43 or PossResend 97). */
    public static boolean isPossibleDuplicate(Message m) {
        FieldMap h = m.getHeader();
        try {
            return (h.isSetField(PossDupFlag.FIELD) && h.getBoolean(PossDupFlag.FIELD))
                    || (h.isSetField(PossResend.FIELD) && h.getBoolean(PossResend.FIELD));
        } catch (FieldNotFound | quickfix.FieldException e) {
            return false;
        }
    }

    private static <T> Parsed<T> refused(RejectReason reason, String text) {
        return new Parsed.Refused<>(new Refusal(reason, text));
    }

    private static String optional(FieldMap m, int tag) throws FieldNotFound {
        if (!m.isSetField(tag)) {
            return null;
        }
        String v = m.getString(tag).trim();
        return v.isEmpty() ? null : v;
    }

    /** A decimal read from the tag's text, never through a double; null when absent. */
    private static BigDecimal decimal(FieldMap m, int tag) throws FieldNotFound {
        String v = optional(m, tag);
        if (v == null) {
            return null;
        }
        try {
            return new BigDecimal(v);
        } catch (NumberFormatException e) {
            throw new NumberFormatException("tag " + tag + " must be a decimal number, was '" + v + "'");
        }
    }

    private static Instant timestamp(String v) {
        try {
            return LocalDateTime.parse(v, UTC_TIMESTAMP).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}

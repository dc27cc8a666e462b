package io.fixbridge.gateway.translate;

import java.math.BigDecimal;
import java.time.Instant;

import io.fixbridge.venue.OrderType;
import io.fixbridge.venue.RejectReason;
import io.fixbridge.venue.Side;
import io.fixbridge.venue.TimeInForce;
import io.fixbridge.venue.TriggerDirection;

/** What the gateway reads out of the FIX application messages it accepts, checked for form. */
public final class Inbound {
    private Inbound() {
    }

    /**
     * A NewOrderSingle (35=D), its fields checked for presence and form but not yet against a venue.
     * {@code account} and {@code venue} are null when the message did not name them.
     */
    public record NewOrder(String clOrdId, String account, String venue, String symbol, Side side, OrderType type,
                           TimeInForce timeInForce, BigDecimal quantity, BigDecimal cashQuantity, BigDecimal price,
                           BigDecimal stopPrice, TriggerDirection triggerDirection, boolean postOnly,
                           boolean reduceOnly, BigDecimal maxFloor, Instant expireTime, boolean possibleDuplicate) {
    }

    /**
     * A NewOrderList (35=E) with ContingencyType(1385)=1: two orders, one cancels the other.
     *
     * @param listId ListID(66)
     * @param legs   the two orders, in message order
     */
    public record NewOrderList(String listId, java.util.List<NewOrder> legs) {
    }

    /** An OrderCancelRequest (35=F). */
    public record Cancel(String clOrdId, String origClOrdId, String symbol, Side side) {
    }

    /**
     * An OrderCancelReplaceRequest (35=G). Fields that may change: quantity, price, stop price;
     * the rest must match the order.
     */
    public record Replace(String clOrdId, String origClOrdId, String symbol, Side side, OrderType type,
                          BigDecimal quantity, BigDecimal price, BigDecimal stopPrice) {
    }

    /** An OrderStatusRequest (35=H). */
    public record StatusRequest(String clOrdId, String symbol, Side side) {
    }

    /**
     * An OrderMassStatusRequest (35=AF) for the session's open orders: all of them
     * (MassStatusReqType 585=7) or those of one Symbol (585=1), optionally narrowed by Account and
     * Side.
     *
     * @param massStatusReqId the request's MassStatusReqID(584), echoed on every report
     * @param symbol          the symbol asked about, or null for all
     * @param account         only this account, or null
     * @param side            only this side, or null
     */
    public record MassStatusRequest(String massStatusReqId, String symbol, String account, Side side) {
    }

    /**
     * A message the gateway refuses for its content, before any order exists.
     *
     * @param reason the reject reason (mapped to OrdRejReason / CxlRejReason)
     * @param text   what is wrong, for a person, naming the tag
     */
    public record Refusal(RejectReason reason, String text) {
    }

    /** Either a parsed message or the reason it was refused. */
    public sealed interface Parsed<T> {
        /** The message was well formed. */
        record Ok<T>(T value) implements Parsed<T> {
        }

        /** The message was refused. */
        record Refused<T>(Refusal refusal) implements Parsed<T> {
        }
    }
}

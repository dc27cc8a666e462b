package io.fixbridge.gateway.journal;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;

import io.fixbridge.gateway.order.Execution;
import io.fixbridge.gateway.order.GatewayOrder;
import io.fixbridge.gateway.order.OrdStatus;
import io.fixbridge.gateway.order.PendingChange;
import io.fixbridge.venue.OrderRequest;

/**
 * One fact appended to the order journal: together, in order, they rebuild the order book after
 * a crash. Each is written as one self-describing JSON line carrying its {@code type} and the
 * format version {@code v} ({@link #FORMAT_VERSION}); a reader refuses a version newer than its
 * own rather than misread it. Money is written as the exact decimal string.
 *
 * <p>Immutable values; safe to share between threads.
 */
public sealed interface JournalRecord
        permits JournalRecord.OrderAccepted, JournalRecord.ClOrdIdUsed, JournalRecord.StateChanged {

    /** The format version this code writes and the newest it reads. */
    int FORMAT_VERSION = 1;

    /** When the gateway made the change the record describes. */
    Instant at();

    /**
     * The gateway took an order from a FIX session: appended before PendingNew (or the gateway's
     * own reject) is sent.
     *
     * @param orderId the gateway's OrderID(37)
     * @param session the owning FIX session's key ({@code SessionID.toString()})
     * @param clOrdId the order's ClOrdID(11)
     * @param venue   the venue it was routed to
     * @param terms   the order as sent to the venue, including its derived venue client order id
     * @param at      when it was accepted
     */
    record OrderAccepted(String orderId, String session, String clOrdId, String venue, OrderRequest terms, Instant at)
            implements JournalRecord {
        public OrderAccepted {
            Objects.requireNonNull(orderId, "orderId");
            Objects.requireNonNull(session, "session");
            Objects.requireNonNull(clOrdId, "clOrdId");
            Objects.requireNonNull(venue, "venue");
            Objects.requireNonNull(terms, "terms");
            Objects.requireNonNull(at, "at");
        }

        /** The record of a just-registered order. */
        public static OrderAccepted of(GatewayOrder order, Instant at) {
            return new OrderAccepted(order.orderId(), order.session(), order.clOrdId(), order.venue(), order.terms(), at);
        }
    }

    /**
     * A ClOrdID(11) a session used for something other than a new order (a cancel or replace
     * request), or, after compaction, one used by an order that is done and was compacted away:
     * it stays unusable on that session after a restart.
     *
     * @param session the FIX session's key
     * @param clOrdId the ClOrdID used
     * @param orderId the gateway order it concerned, or null if none
     * @param at      when it was used
     */
    record ClOrdIdUsed(String session, String clOrdId, String orderId, Instant at) implements JournalRecord {
        public ClOrdIdUsed {
            Objects.requireNonNull(session, "session");
            Objects.requireNonNull(clOrdId, "clOrdId");
            Objects.requireNonNull(at, "at");
        }
    }

    /**
     * An order changed and the OMS is about to be told: the {@link Execution} to be reported, and
     * the order's whole state after the change, so the last such record of an order restores it
     * (its fills are the TRADE records' {@link Execution.FillDetail}s, keyed by trade id).
     *
     * @param orderId   the gateway's OrderID(37)
     * @param execution what is reported: an ExecutionReport, or an OrderCancelReject when its
     *                  {@code cancelReject} is set
     * @param state     the order's state after the change
     * @param at        when the change was made
     */
    record StateChanged(String orderId, Execution execution, OrderState state, Instant at) implements JournalRecord {
        public StateChanged {
            Objects.requireNonNull(orderId, "orderId");
            Objects.requireNonNull(execution, "execution");
            Objects.requireNonNull(state, "state");
            Objects.requireNonNull(at, "at");
        }

        /**
         * The record of {@code execution}, taken right after the state machine produced it.
         *
         * @param doubtful the order's refused-but-unconfirmed change ({@code GatewayOrder.doubtful()},
         *                 visible only inside the order package), or null
         */
        public static StateChanged of(GatewayOrder order, Execution execution, PendingChange doubtful, Instant at) {
            OrderState state = new OrderState(order.lifecycle(), order.clOrdId(), order.origClOrdId(), order.terms(),
                    order.venueOrderId(), order.cumQty(), order.pending(), doubtful, order.cancelReason());
            return new StateChanged(order.orderId(), execution, state, at);
        }
    }

    /**
     * An order's state, as {@link GatewayOrder} holds it, after a change.
     *
     * @param lifecycle    the status without a pending change laid over it
     * @param clOrdId      current ClOrdID (a replacement's once replaced)
     * @param origClOrdId  the ClOrdID it replaced, or null
     * @param terms        current terms (the replacement's once replaced)
     * @param venueOrderId the venue's order id, or null before the venue named it
     * @param cumQty       quantity filled so far
     * @param pending      a cancel or replace awaiting the venue's answer, or null
     * @param doubtful     a change refused because the venue never confirmed it, or null
     * @param cancelReason why the gateway itself cancels the order, or null
     */
    record OrderState(OrdStatus lifecycle, String clOrdId, String origClOrdId, OrderRequest terms, String venueOrderId,
                      BigDecimal cumQty, PendingChange pending, PendingChange doubtful, String cancelReason) {
        public OrderState {
            Objects.requireNonNull(lifecycle, "lifecycle");
            Objects.requireNonNull(clOrdId, "clOrdId");
            Objects.requireNonNull(terms, "terms");
            Objects.requireNonNull(cumQty, "cumQty");
        }
    }
}

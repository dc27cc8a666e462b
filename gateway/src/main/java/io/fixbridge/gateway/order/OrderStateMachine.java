package io.fixbridge.gateway.order;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.fixbridge.venue.OrderEvent;
import io.fixbridge.venue.OrderRequest;
import io.fixbridge.venue.VenueError;

/**
 * Applies venue events to an order and says what to report. Pure but for the order it changes
 * and a log line for anomalies; no I/O, no FIX.
 *
 * <p>It accepts every legal interleaving: a fill before the ack (the ack is reported first,
 * implied by the fill), an ack after a fill (nothing more to say), a cancel or replace crossing
 * a fill, the same event twice (a stream and a REST answer both report it). It never counts a
 * fill twice (fills are keyed by trade id) and never moves an order backwards: a done order
 * stays done, though a fill that arrives late is still reported, because money moved.
 */
public final class OrderStateMachine {
    private static final Logger LOG = LoggerFactory.getLogger(OrderStateMachine.class);

    private OrderStateMachine() {
    }

    /** Applies {@code event} to {@code order}; returns what to report, in order (often nothing). */
    public static List<Execution> apply(GatewayOrder order, OrderEvent event) {
        List<Execution> out = new ArrayList<>(2);
        if (event instanceof OrderEvent.Accepted e) {
            accepted(order, e, out);
        } else if (event instanceof OrderEvent.Fill e) {
            fill(order, e, out);
        } else if (event instanceof OrderEvent.Canceled e) {
            done(order, OrdStatus.CANCELED, ExecKind.CANCELED, e.venueOrderId(),
                    e.reason() != null ? e.reason() : order.cancelReason(), out);
        } else if (event instanceof OrderEvent.Expired e) {
            done(order, OrdStatus.EXPIRED, ExecKind.EXPIRED, e.venueOrderId(), null, out);
        } else if (event instanceof OrderEvent.Rejected e) {
            rejected(order, e.error(), out);
        } else if (event instanceof OrderEvent.Replaced e) {
            replaced(order, e, out);
        } else if (event instanceof OrderEvent.CancelRejected e) {
            cancelRejected(order, e.error(), out);
        } else {
            throw new IllegalArgumentException("unknown order event " + event.getClass().getName());
        }
        return out;
    }

    /** The order was taken: it is pending at the venue. */
    public static Execution pendingNew(GatewayOrder order) {
        return report(order, ExecKind.PENDING_NEW, null);
    }

    /** A cancel was asked for and is on its way to the venue. */
    public static Execution pendingCancel(GatewayOrder order, String cancelClOrdId) {
        order.pending(new PendingChange(PendingChange.Kind.CANCEL, cancelClOrdId, null));
        order.changeTaken(cancelClOrdId);
        return new Execution(ExecKind.PENDING_CANCEL, order.nextExecId(), order.view(cancelClOrdId, order.clOrdId()),
                null, null, null, null, null);
    }

    /** A replace was asked for and is on its way to the venue. */
    public static Execution pendingReplace(GatewayOrder order, String replaceClOrdId, OrderRequest replacement) {
        order.pending(new PendingChange(PendingChange.Kind.REPLACE, replaceClOrdId, replacement));
        order.changeTaken(replaceClOrdId);
        return new Execution(ExecKind.PENDING_REPLACE, order.nextExecId(), order.view(replaceClOrdId, order.clOrdId()),
                null, null, null, null, null);
    }

    /** The gateway refused the order before it reached the venue. */
    public static Execution refuse(GatewayOrder order, io.fixbridge.venue.RejectReason reason, String text) {
        order.lifecycle(OrdStatus.REJECTED);
        return new Execution(ExecKind.REJECTED, order.nextExecId(), order.view(), null, reason, null, text, null);
    }

    /** The answer to a status request: the order as it stands. */
    public static Execution status(GatewayOrder order) {
        return report(order, ExecKind.ORDER_STATUS, null);
    }

    private static void accepted(GatewayOrder order, OrderEvent.Accepted e, List<Execution> out) {
        order.venueOrderId(e.venueOrderId());
        if (order.lifecycle() == OrdStatus.PENDING_NEW) {
            order.lifecycle(OrdStatus.NEW);
            out.add(report(order, ExecKind.NEW, null));
        } else if (order.lifecycle() == OrdStatus.REJECTED) {
            LOG.error("order {} was rejected but the venue now reports it accepted as {}; it must be reconciled",
                    order.orderId(), e.venueOrderId());
        }
    }

    private static void fill(GatewayOrder order, OrderEvent.Fill e, List<Execution> out) {
        order.venueOrderId(e.venueOrderId());
        if (order.lifecycle() == OrdStatus.PENDING_NEW) {
            // the fill proves the venue has the order: say New first, as FIX expects
            order.lifecycle(OrdStatus.NEW);
            out.add(report(order, ExecKind.NEW, null));
        }
        if (!order.addFill(e.tradeId(), e.quantity(), e.price())) {
            return;
        }
        BigDecimal qty = order.terms().quantity();
        if (qty != null && order.cumQty().compareTo(qty) > 0) {
            LOG.error("order {} overfilled: cumulative {} exceeds order quantity {} after trade {}",
                    order.orderId(), order.cumQty().toPlainString(), qty.toPlainString(), e.tradeId());
        }
        if (order.lifecycle() == OrdStatus.REJECTED) {
            LOG.error("order {} was rejected but the venue reports trade {}; reporting the fill", order.orderId(), e.tradeId());
        }
        if (order.isFullyFilled() || (qty == null && e.orderFilled())) {
            order.lifecycle(OrdStatus.FILLED);
        } else if (!order.isDone() || order.lifecycle() == OrdStatus.REJECTED) {
            order.lifecycle(OrdStatus.PARTIALLY_FILLED);
        }
        Execution.FillDetail fill = new Execution.FillDetail(e.tradeId(), e.quantity(), e.price(), e.commission(),
                e.commissionAsset(), e.liquidity());
        out.add(new Execution(ExecKind.TRADE, order.fillExecId(e.tradeId()), order.view(), fill, null, null, null, null));
        if (order.isDone() && order.pending() != null) {
            // a cancel or replace crossed the last fill: the venue will refuse it
            answerPendingTooLate(order, out);
        }
    }

    private static void done(GatewayOrder order, OrdStatus status, ExecKind kind, String venueOrderId, String reason,
                             List<Execution> out) {
        if (order.isDone()) {
            return;
        }
        if (order.origClOrdId() != null && venueOrderId != null && order.venueOrderId() != null
                && !venueOrderId.equals(order.venueOrderId())) {
            // the end of the order this one replaced (cancel-then-new), not of the order now working
            LOG.warn("order {}: ignoring {} of venue order {}, which was replaced by venue order {}",
                    order.orderId(), kind, venueOrderId, order.venueOrderId());
            return;
        }
        order.venueOrderId(venueOrderId);
        PendingChange pending = order.pending();
        order.lifecycle(status);
        order.pending(null);
        if (pending != null && pending.kind() == PendingChange.Kind.CANCEL && status == OrdStatus.CANCELED) {
            out.add(new Execution(kind, order.nextExecId(), order.view(pending.clOrdId(), order.clOrdId()),
                    null, null, null, reason, null));
            return;
        }
        if (pending != null) {
            // the order ended while a change was pending: tell the OMS the change did not happen
            out.add(cancelReject(order, pending, io.fixbridge.venue.RejectReason.TOO_LATE, null,
                    "the order was " + status.name().toLowerCase(java.util.Locale.ROOT) + " before the request reached it"));
        }
        out.add(report(order, kind, reason));
    }

    private static void rejected(GatewayOrder order, VenueError error, List<Execution> out) {
        if (order.lifecycle() != OrdStatus.PENDING_NEW) {
            LOG.warn("ignoring a reject of order {} in state {}: {}", order.orderId(), order.lifecycle(), error.message());
            return;
        }
        order.lifecycle(OrdStatus.REJECTED);
        order.pending(null);
        out.add(new Execution(ExecKind.REJECTED, order.nextExecId(), order.view(), null, error.reason(), error.code(),
                error.message(), null));
    }

    private static void replaced(GatewayOrder order, OrderEvent.Replaced e, List<Execution> out) {
        PendingChange pending = order.pending();
        if ((pending == null || pending.kind() != PendingChange.Kind.REPLACE) && order.doubtful() != null
                && order.doubtful().kind() == PendingChange.Kind.REPLACE
                && !e.newClientOrderId().equals(order.terms().clientOrderId())) {
            // a replace the venue never confirmed, and the gateway refused, happened after all:
            // the venue's order is what counts, so the OMS is told it was replaced
            LOG.error("order {}: the venue carried out replace {} after it was reported refused; reporting it replaced",
                    order.orderId(), order.doubtful().clOrdId());
            pending = order.doubtful();
        }
        if (pending == null || pending.kind() != PendingChange.Kind.REPLACE) {
            // the same replace reported a second time (stream and REST answer), or a stray
            return;
        }
        order.doubtful(null);
        order.venueOrderId(e.venueOrderId());
        String previous = order.clOrdId();
        OrderRequest replacement = pending.replacement().toBuilder()
                .clientOrderId(e.newClientOrderId())
                .quantity(e.quantity())
                .price(e.price() != null ? e.price() : pending.replacement().price())
                .stopPrice(e.stopPrice() != null ? e.stopPrice() : pending.replacement().stopPrice())
                .build();
        order.replaced(pending.clOrdId(), replacement);
        order.pending(null);
        if (order.isDone()) {
            return;
        }
        if (order.cumQty().compareTo(replacement.quantity()) >= 0) {
            order.lifecycle(OrdStatus.FILLED);
        } else if (order.cumQty().signum() > 0) {
            order.lifecycle(OrdStatus.PARTIALLY_FILLED);
        } else {
            order.lifecycle(OrdStatus.NEW);
        }
        out.add(new Execution(ExecKind.REPLACED, order.nextExecId(), order.view(order.clOrdId(), previous),
                null, null, null, null, null));
    }

    private static void cancelRejected(GatewayOrder order, VenueError error, List<Execution> out) {
        PendingChange pending = order.pending();
        if (pending == null) {
            return;
        }
        order.pending(null);
        out.add(cancelReject(order, pending, error.outcome() == VenueError.Outcome.REJECTED ? error.reason() : null,
                error.code(), error.message()));
    }

    /** Answers the pending change, if any, with an OrderCancelReject that names the reason. */
    public static Execution refusePending(GatewayOrder order, VenueError error) {
        PendingChange pending = order.pending();
        if (pending == null) {
            return null;
        }
        order.pending(null);
        return cancelReject(order, pending, error.outcome() == VenueError.Outcome.REJECTED ? error.reason() : null,
                error.code(), error.message());
    }

    private static void answerPendingTooLate(GatewayOrder order, List<Execution> out) {
        PendingChange pending = order.pending();
        order.pending(null);
        out.add(cancelReject(order, pending, io.fixbridge.venue.RejectReason.TOO_LATE, null, "the order is already filled"));
    }

    private static Execution cancelReject(GatewayOrder order, PendingChange pending,
                                          io.fixbridge.venue.RejectReason reason, String code, String text) {
        return new Execution(null, null, order.view(pending.clOrdId(), order.clOrdId()), null, reason, code, text,
                new Execution.CancelReject(pending.clOrdId(), pending.kind()));
    }

    private static Execution report(GatewayOrder order, ExecKind kind, String text) {
        return new Execution(kind, order.nextExecId(), order.view(), null, null, null, text, null);
    }
}

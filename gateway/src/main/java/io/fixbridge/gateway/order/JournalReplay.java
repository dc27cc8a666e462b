package io.fixbridge.gateway.order;

import java.util.LinkedHashMap;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.fixbridge.gateway.journal.JournalRecord;

/**
 * Rebuilds the order registry from the journal's records, oldest first, after a restart: each
 * {@code OrderAccepted} re-creates its order, each {@code ClOrdIdUsed} marks a ClOrdID used on its
 * session, each {@code StateChanged} sets its order's state and re-adds a fill it reports. The
 * last {@code StateChanged} of the journal is remembered: it is the one report that may have been
 * journaled and not yet sent when the process died.
 *
 * <p>Used once, on the order engine's thread, before any other input is taken. Not thread-safe.
 */
final class JournalReplay {
    private static final Logger LOG = LoggerFactory.getLogger(JournalReplay.class);

    private final OrderRegistry registry;
    private final Map<String, GatewayOrder> byOrderId = new LinkedHashMap<>();
    private JournalRecord.StateChanged last;
    private long records;
    private long skipped;

    JournalReplay(OrderRegistry registry) {
        this.registry = registry;
    }

    void accept(JournalRecord record) {
        records++;
        if (record instanceof JournalRecord.OrderAccepted a) {
            accepted(a);
        } else if (record instanceof JournalRecord.ClOrdIdUsed u) {
            used(u);
        } else if (record instanceof JournalRecord.StateChanged c) {
            changed(c);
        } else {
            throw new IllegalStateException("unknown journal record " + record.getClass().getName());
        }
    }

    private void accepted(JournalRecord.OrderAccepted a) {
        GatewayOrder order = new GatewayOrder(a.orderId(), a.session(), a.venue(), a.clOrdId(), a.terms());
        byOrderId.put(a.orderId(), order);
        registry.add(order);
    }

    private void used(JournalRecord.ClOrdIdUsed u) {
        registry.markUsed(u.session(), u.clOrdId());
    }

    private void changed(JournalRecord.StateChanged c) {
        GatewayOrder order = byOrderId.get(c.orderId());
        if (order == null) {
            // its OrderAccepted was compacted away once it was done; a later record changes nothing that matters
            skipped++;
            LOG.warn("journal: a state change of order {} whose acceptance is no longer in the journal; skipped", c.orderId());
            return;
        }
        JournalRecord.OrderState state = c.state();
        order.restore(state);
        order.continueAfter(c.execution().execId());
        registry.alias(order, state.clOrdId());
        registry.aliasVenueClientId(order, state.terms().clientOrderId());
        PendingChange pending = state.pending();
        if (pending != null) {
            registry.markUsed(order.session(), pending.clOrdId());
            if (pending.replacement() != null) {
                registry.alias(order, pending.clOrdId());
                registry.aliasVenueClientId(order, pending.replacement().clientOrderId());
            }
        }
        ExecKind kind = c.execution().kind();
        if (kind == ExecKind.PENDING_CANCEL || kind == ExecKind.PENDING_REPLACE) {
            order.changeTaken(c.execution().view().clOrdId());
        }
        Execution.FillDetail fill = c.execution().fill();
        if (c.execution().kind() == ExecKind.TRADE && fill != null) {
            order.addFill(fill.tradeId(), fill.lastQty(), fill.lastPx());
        }
        if (order.cumQty().compareTo(state.cumQty()) != 0) {
            LOG.warn("journal: order {} has fills for {} but its state says {}; the fills count", order.orderId(),
                    order.cumQty().toPlainString(), state.cumQty().toPlainString());
        }
        last = c;
    }

    /** The orders rebuilt, in the order they were accepted. */
    Map<String, GatewayOrder> orders() {
        return byOrderId;
    }

    /** The last state change of the journal, or null if it has none. */
    JournalRecord.StateChanged last() {
        return last;
    }

    long records() {
        return records;
    }

    long skipped() {
        return skipped;
    }
}

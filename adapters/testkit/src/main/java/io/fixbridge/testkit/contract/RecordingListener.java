package io.fixbridge.testkit.contract;

import io.fixbridge.venue.OrderEvent;
import io.fixbridge.venue.OrderEventListener;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An {@link OrderEventListener} that records every event for tests to inspect. Thread-safe:
 * adapters call it on their threads, tests read on theirs.
 */
public final class RecordingListener implements OrderEventListener {
    private final List<OrderEvent> events = new CopyOnWriteArrayList<>();

    @Override
    public void onEvent(OrderEvent event) {
        events.add(event);
    }

    /** Every event so far, oldest first. */
    public List<OrderEvent> all() {
        return List.copyOf(events);
    }

    /** The events naming {@code clientOrderId}, as the order's id or (for a replace) its new id. */
    public List<OrderEvent> about(String clientOrderId) {
        return events.stream().filter(e -> clientOrderId.equals(e.clientOrderId())
                || e instanceof OrderEvent.Replaced r && clientOrderId.equals(r.newClientOrderId())).toList();
    }

    /** The events of {@code type} about {@code clientOrderId}. */
    public <E extends OrderEvent> List<E> of(Class<E> type, String clientOrderId) {
        return about(clientOrderId).stream().filter(type::isInstance).map(type::cast).toList();
    }

    /** The fills reported for {@code clientOrderId}. */
    public List<OrderEvent.Fill> fills(String clientOrderId) {
        return of(OrderEvent.Fill.class, clientOrderId);
    }
}

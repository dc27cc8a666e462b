package io.fixbridge.venue;

/**
 * Receives the order events an adapter's streams report.
 *
 * <p>Called on an adapter thread; implementations must return quickly and must not throw. The
 * gateway's implementation only enqueues the event for its order engine.
 */
@FunctionalInterface
public interface OrderEventListener {

    /** One event about one order. */
    void onEvent(OrderEvent event);
}

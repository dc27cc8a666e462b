package io.fixbridge.gateway.order;

import java.util.Map;

import io.fixbridge.venue.OrderType;

/**
 * What the order engine tells operations about the orders it handles (metrics). The engine never
 * depends on how it is recorded.
 *
 * <p><b>Threading:</b> {@link #submitAnswered} is called on adapter threads, the rest on the engine
 * thread. Implementations must be thread-safe, cheap, non-blocking and must not throw.
 */
public interface EngineObserver {

    /** Records nothing. */
    EngineObserver NONE = new EngineObserver() {
    };

    /** A new order was accepted for venue {@code venue} (before any check of the venue's rules). */
    default void orderReceived(String venue, OrderType type) {
    }

    /**
     * A new order is about to be handed to its venue; {@code fixInNanos} ({@link System#nanoTime()})
     * is when its NewOrderSingle reached the engine. The venue's telemetry tells when the request is
     * written; {@link #submitAnswered} when the venue answered.
     */
    default void submitting(String venue, String clientOrderId, long fixInNanos) {
    }

    /** The venue answered the submit of {@code clientOrderId}: acknowledged, or failed. */
    default void submitAnswered(String venue, String clientOrderId, boolean acknowledged) {
    }

    /** An ExecutionReport of {@code execution} went to the order's session. */
    default void reported(String venue, Execution execution) {
    }

    /**
     * A report caused by a venue stream event was sent; {@code eventNanos}
     * ({@link System#nanoTime()}) is when the event reached the engine.
     */
    default void eventReported(String venue, long eventNanos) {
    }

    /** A new order or replace was refused because a kill switch of scope {@code scope} is engaged. */
    default void blocked(String scope) {
    }

    /** Open (live or pending) orders per venue now; every venue with an order is named, others are zero. */
    default void openOrders(Map<String, Integer> byVenue) {
    }
}

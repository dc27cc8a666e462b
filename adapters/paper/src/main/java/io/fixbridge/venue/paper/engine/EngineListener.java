package io.fixbridge.venue.paper.engine;

import io.fixbridge.venue.OrderRequest;
import io.fixbridge.venue.RejectReason;

/**
 * Receives everything the engine does to participants' orders, in the order it happens.
 *
 * <p><b>Threading:</b> called synchronously on the thread that called the engine, from inside
 * that call. Implementations must return quickly, must not throw and must not call back into the
 * engine. The internal market maker's orders are never reported (only {@link #onTrade} sees its
 * trades).
 *
 * <p>For an order that trades on arrival the sequence is {@code onAccepted}, then one
 * {@code onFill} per trade, then {@code onExpired} for an IOC, FOK or market remainder.
 */
public interface EngineListener {

    /** The order was accepted and is live (a conditional order waits for its trigger). */
    void onAccepted(OrderView order);

    /** The order traded; {@code order} is the state after this fill. */
    void onFill(OrderView order, Execution execution);

    /**
     * The order was canceled: on request ({@code reason} null) or by the engine ({@code reason}
     * says why, e.g. a reduce-only order with nothing left to reduce).
     */
    void onCanceled(OrderView order, String reason);

    /** The order was amended in place; it was known as {@code previousClientOrderId} before. */
    void onReplaced(OrderView order, String previousClientOrderId);

    /** The order's time ran out: an IOC, FOK or market order's unfilled remainder. */
    void onExpired(OrderView order);

    /** A new order was refused at submit; nothing was placed. */
    void onRejected(OrderRequest request, RejectReason reason, String text);

    /** A conditional order's trigger fired; it now works as a market or limit order. No-op by default. */
    default void onTriggered(OrderView order) {
    }

    /** Any trade, for a public trade feed. No-op by default. */
    default void onTrade(PublicTrade trade) {
    }
}

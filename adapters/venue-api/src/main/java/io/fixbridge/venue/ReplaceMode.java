package io.fixbridge.venue;

/** How a venue changes a live order's price or quantity. */
public enum ReplaceMode {
    /**
     * The venue amends the order in one request and it keeps its queue of fills; its venue order
     * id may change (Hyperliquid's modify gives the order a new oid), which the adapter reports
     * in {@link OrderEvent.Replaced#venueOrderId()}.
     */
    NATIVE_AMEND,
    /**
     * The venue cannot amend: the adapter cancels the order and submits a new one, reporting
     * the outcome as a replace; the new order has a new venue order id.
     */
    CANCEL_THEN_NEW
}

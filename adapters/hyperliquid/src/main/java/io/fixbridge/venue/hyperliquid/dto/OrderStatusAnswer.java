package io.fixbridge.venue.hyperliquid.dto;

/**
 * {@code POST /info {"type":"orderStatus"}}: {@code {"status":"order","order":{...}}} or
 * {@code {"status":"unknownOid"}}.
 *
 * @param status {@code order} or {@code unknownOid}
 * @param order  the order and its status when found
 */
public record OrderStatusAnswer(String status, OrderUpdate order) {

    /** Whether Hyperliquid knows the order. */
    public boolean found() {
        return "order".equals(status) && order != null && order.order() != null;
    }
}

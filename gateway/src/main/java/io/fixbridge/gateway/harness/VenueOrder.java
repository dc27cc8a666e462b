package io.fixbridge.gateway.harness;

import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * One order as the venue simulator knows it (its truth). Immutable.
 *
 * @param orderId       the venue's order id
 * @param clientOrderId the venue client order id the gateway chose
 * @param side          BUY or SELL
 * @param status        the venue's status: NEW, PARTIALLY_FILLED, FILLED, CANCELED, EXPIRED, REJECTED...
 * @param origQty       order quantity
 * @param executedQty   filled quantity
 * @param price         limit price, or null
 * @param fills         the order's trades, oldest first
 */
public record VenueOrder(String orderId, String clientOrderId, String side, String status, BigDecimal origQty,
                         BigDecimal executedQty, BigDecimal price, List<VenueTrade> fills) {
    private static final Set<String> OPEN = Set.of("NEW", "PARTIALLY_FILLED", "PENDING_NEW");

    public VenueOrder {
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(clientOrderId, "clientOrderId");
        Objects.requireNonNull(status, "status");
        fills = List.copyOf(fills);
    }

    /** Whether the order can still trade on the venue. */
    public boolean isOpen() {
        return OPEN.contains(status);
    }

    /** One line for a person. */
    public String describe() {
        return "order " + orderId + " " + status + " " + side + " " + OmsReport.plain(origQty) + " @ "
                + OmsReport.plain(price) + " executed " + OmsReport.plain(executedQty) + " in " + fills.size() + " trade(s)";
    }
}

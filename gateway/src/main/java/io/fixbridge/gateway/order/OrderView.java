package io.fixbridge.gateway.order;

import java.math.BigDecimal;

import io.fixbridge.venue.OrderRequest;

/**
 * An order as it stood at one execution: what the execution report about it must say.
 * Taken at the moment of the change, so reports of several changes in a row each show their own.
 *
 * @param status       OrdStatus to report
 * @param clOrdId      ClOrdID(11) to report
 * @param origClOrdId  OrigClOrdID(41) to report, or null
 * @param terms        the order's terms (quantity, prices) at that moment
 * @param venueOrderId venue order id, or null before the venue has named it
 * @param cumQty       quantity filled
 * @param leavesQty    quantity still working (zero once done)
 * @param avgPx        average fill price (zero before any fill)
 */
public record OrderView(OrdStatus status, String clOrdId, String origClOrdId, OrderRequest terms,
                        String venueOrderId, BigDecimal cumQty, BigDecimal leavesQty, BigDecimal avgPx) {
}

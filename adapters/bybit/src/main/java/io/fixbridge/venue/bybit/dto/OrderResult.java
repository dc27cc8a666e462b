package io.fixbridge.venue.bybit.dto;

/**
 * The {@code result} of {@code POST /v5/order/create}, {@code /amend} and {@code /cancel}: Bybit's
 * acknowledgement of the request, with the order's ids.
 *
 * @param orderId     Bybit's order id
 * @param orderLinkId the client order id
 */
public record OrderResult(String orderId, String orderLinkId) {
}

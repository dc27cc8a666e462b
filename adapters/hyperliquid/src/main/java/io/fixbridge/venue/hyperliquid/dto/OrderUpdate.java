package io.fixbridge.venue.hyperliquid.dto;

/**
 * An order with its status: an entry of the {@code orderUpdates} channel, and the {@code order} of an
 * {@code orderStatus} answer.
 *
 * @param order           the order
 * @param status          its status (see {@code HyperliquidOrderStatus})
 * @param statusTimestamp when the status was reached, ms
 */
public record OrderUpdate(VenueOrder order, String status, Long statusTimestamp) {
}

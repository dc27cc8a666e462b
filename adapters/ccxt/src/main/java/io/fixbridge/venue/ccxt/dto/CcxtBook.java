package io.fixbridge.venue.ccxt.dto;

import java.math.BigDecimal;
import java.util.List;

/**
 * The sidecar's {@code book} event: the best levels of the order book ccxt's watchOrderBook keeps, after one
 * venue message (only when they changed, or when the book was rebuilt).
 *
 * @param symbol    unified symbol
 * @param resynced  true for the first book of a watch, after a failure of it, or when ccxt rebuilt the book
 * @param nonce     ccxt's {@code nonce} of the book (the venue's update id), or null
 * @param timestamp ccxt's {@code timestamp} of the book (the venue's event time, ms), or null
 * @param bids      {@code [price, size]} decimal strings, best first
 * @param asks      {@code [price, size]} decimal strings, best first
 */
public record CcxtBook(String symbol, Boolean resynced, Long nonce, Long timestamp, List<List<BigDecimal>> bids,
                       List<List<BigDecimal>> asks) {
    public CcxtBook {
        bids = bids == null ? List.of() : List.copyOf(bids);
        asks = asks == null ? List.of() : List.copyOf(asks);
    }
}

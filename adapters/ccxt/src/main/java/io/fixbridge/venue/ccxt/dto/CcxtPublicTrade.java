package io.fixbridge.venue.ccxt.dto;

import java.math.BigDecimal;

/**
 * One public trade of the sidecar's {@code publicTrades} event (ccxt's watchTrades).
 *
 * @param id        the venue's trade id, or null
 * @param price     decimal string, or null
 * @param amount    decimal string, or null
 * @param side      ccxt's {@code side}: the taker's, {@code buy} or {@code sell}; null where the venue does not say
 * @param timestamp the trade's time, ms, or null
 */
public record CcxtPublicTrade(String id, BigDecimal price, BigDecimal amount, String side, Long timestamp) {
}

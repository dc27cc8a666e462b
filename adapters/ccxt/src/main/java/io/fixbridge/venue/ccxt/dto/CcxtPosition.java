package io.fixbridge.venue.ccxt.dto;

import java.math.BigDecimal;

/**
 * A ccxt unified position ({@code fetchPositions}).
 *
 * @param side      {@code long}, {@code short} or null
 * @param contracts size in contracts, unsigned
 */
public record CcxtPosition(String symbol, String side, BigDecimal contracts, BigDecimal contractSize,
                           BigDecimal entryPrice, BigDecimal unrealizedPnl, BigDecimal realizedPnl,
                           BigDecimal leverage, String marginMode) {
}

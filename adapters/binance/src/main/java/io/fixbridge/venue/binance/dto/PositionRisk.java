package io.fixbridge.venue.binance.dto;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.math.BigDecimal;

/**
 * One entry of {@code GET /fapi/v2/positionRisk} (or v3).
 *
 * @param symbol           BTCUSDT
 * @param positionSide     BOTH (one-way mode), LONG or SHORT (hedge mode)
 * @param positionAmt      signed size: negative is short
 * @param entryPrice       average entry price
 * @param unRealizedProfit unrealised profit
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record PositionRisk(String symbol, String positionSide, BigDecimal positionAmt, BigDecimal entryPrice,
                           BigDecimal unRealizedProfit) {
}

package io.fixbridge.venue.binance.dto;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.math.BigDecimal;

/**
 * One entry of {@code GET /api/v3/ticker/price}: a symbol's last trade price.
 *
 * @param symbol BTCUSDT
 * @param price  the last trade price
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record TickerPrice(String symbol, BigDecimal price) {
}

package io.fixbridge.venue.binance.dto;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.math.BigDecimal;

/**
 * One entry of {@code GET /fapi/v1/premiumIndex}: a USD-M contract's mark price (the funding fields
 * are not read).
 *
 * @param symbol    BTCUSDT
 * @param markPrice the mark price
 * @param time      when Binance computed it (ms since the epoch)
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record PremiumIndex(String symbol, BigDecimal markPrice, long time) {
}

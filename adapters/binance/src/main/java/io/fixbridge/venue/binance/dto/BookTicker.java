package io.fixbridge.venue.binance.dto;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.math.BigDecimal;

/**
 * One entry of {@code GET /api/v3/ticker/bookTicker} or {@code GET /fapi/v1/ticker/bookTicker}: the
 * best bid and ask of a symbol. An empty side is {@code "0"} (spot {@code "0.00000000"}).
 *
 * @param symbol   BTCUSDT
 * @param bidPrice best bid price
 * @param bidQty   quantity at the best bid
 * @param askPrice best ask price
 * @param askQty   quantity at the best ask
 * @param time     futures only: the transaction time of the book (ms since the epoch); null on spot
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record BookTicker(String symbol, BigDecimal bidPrice, BigDecimal bidQty, BigDecimal askPrice,
                         BigDecimal askQty, Long time) {
}

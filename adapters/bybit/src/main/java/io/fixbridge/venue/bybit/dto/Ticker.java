package io.fixbridge.venue.bybit.dto;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * One entry of {@code GET /v5/market/tickers} (the fields the adapter reads; Bybit's numbers are
 * strings, and a side of the book with no order is {@code ""}).
 *
 * @param symbol    Bybit's symbol, BTCUSDT
 * @param bid1Price best bid price
 * @param ask1Price best ask price
 * @param markPrice mark price (linear and inverse only; absent on spot)
 * @param lastPrice last trade price
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Ticker(String symbol, String bid1Price, String ask1Price, String markPrice, String lastPrice) {
}

package io.fixbridge.venue.binance.dto;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.math.BigDecimal;

/**
 * One entry of an exchangeInfo symbol's {@code filters}. Binance's filters share one list with
 * different fields per {@code filterType}; fields a filter does not have are null.
 *
 * @param filterType  PRICE_FILTER, LOT_SIZE, MARKET_LOT_SIZE, MIN_NOTIONAL, NOTIONAL, ICEBERG_PARTS, ...
 * @param minPrice    PRICE_FILTER
 * @param maxPrice    PRICE_FILTER
 * @param tickSize    PRICE_FILTER
 * @param minQty      LOT_SIZE, MARKET_LOT_SIZE
 * @param maxQty      LOT_SIZE, MARKET_LOT_SIZE
 * @param stepSize    LOT_SIZE, MARKET_LOT_SIZE
 * @param minNotional spot MIN_NOTIONAL and NOTIONAL
 * @param maxNotional spot NOTIONAL
 * @param notional    futures MIN_NOTIONAL
 * @param limit       ICEBERG_PARTS
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record SymbolFilter(String filterType, BigDecimal minPrice, BigDecimal maxPrice, BigDecimal tickSize,
                           BigDecimal minQty, BigDecimal maxQty, BigDecimal stepSize, BigDecimal minNotional,
                           BigDecimal maxNotional, BigDecimal notional, Integer limit) {
}

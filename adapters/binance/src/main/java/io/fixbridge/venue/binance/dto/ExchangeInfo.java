package io.fixbridge.venue.binance.dto;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.util.List;

/**
 * {@code GET /api/v3/exchangeInfo} and {@code GET /fapi/v1/exchangeInfo}.
 *
 * @param serverTime Binance's clock when it answered, epoch ms
 * @param rateLimits the published limits
 * @param symbols    every symbol
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ExchangeInfo(Long serverTime, List<RateLimitInfo> rateLimits, List<SymbolInfo> symbols) {
    public ExchangeInfo {
        rateLimits = rateLimits == null ? List.of() : List.copyOf(rateLimits);
        symbols = symbols == null ? List.of() : List.copyOf(symbols);
    }
}

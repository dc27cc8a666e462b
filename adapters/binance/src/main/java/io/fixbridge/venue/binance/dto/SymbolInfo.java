package io.fixbridge.venue.binance.dto;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.util.List;

/**
 * One symbol of exchangeInfo (spot or USD-M futures).
 *
 * @param symbol              BTCUSDT
 * @param status              TRADING, HALT, BREAK, ... (futures: TRADING, PENDING_TRADING, SETTLING, CLOSE, ...)
 * @param baseAsset           BTC
 * @param quoteAsset          USDT
 * @param marginAsset         futures only: the settle asset
 * @param contractType        futures only: PERPETUAL, CURRENT_QUARTER, ...
 * @param orderTypes          order types the symbol takes
 * @param icebergAllowed      spot: whether icebergQty is allowed
 * @param ocoAllowed          spot: whether OCO lists are allowed
 * @param quoteOrderQtyMarketAllowed spot: whether MARKET orders may be sized in the quote asset
 * @param cancelReplaceAllowed spot: whether cancelReplace is allowed
 * @param filters             the symbol's filters
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record SymbolInfo(String symbol, String status, String baseAsset, String quoteAsset, String marginAsset,
                         String contractType, List<String> orderTypes, Boolean icebergAllowed, Boolean ocoAllowed,
                         Boolean quoteOrderQtyMarketAllowed, Boolean cancelReplaceAllowed,
                         List<SymbolFilter> filters) {
    public SymbolInfo {
        orderTypes = orderTypes == null ? List.of() : List.copyOf(orderTypes);
        filters = filters == null ? List.of() : List.copyOf(filters);
    }
}

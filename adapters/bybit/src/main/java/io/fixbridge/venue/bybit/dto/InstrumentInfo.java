package io.fixbridge.venue.bybit.dto;

/**
 * One entry of {@code GET /v5/market/instruments-info}. The lot size filter's fields differ by
 * category: spot has {@code basePrecision}, {@code quotePrecision}, {@code minOrderQty},
 * {@code maxOrderQty}, {@code minOrderAmt}, {@code maxOrderAmt}; linear and inverse have
 * {@code qtyStep}, {@code minOrderQty}, {@code maxOrderQty}, {@code maxMktOrderQty},
 * {@code minNotionalValue}.
 *
 * @param symbol        Bybit's symbol, e.g. {@code BTCUSDT}
 * @param contractType  derivatives: LinearPerpetual, LinearFutures, InversePerpetual, InverseFutures
 * @param status        PreLaunch, Trading, Delivering, Closed
 * @param baseCoin      base coin
 * @param quoteCoin     quote coin
 * @param settleCoin    derivatives: settle coin
 * @param priceFilter   price rules
 * @param lotSizeFilter quantity rules
 */
public record InstrumentInfo(String symbol, String contractType, String status, String baseCoin, String quoteCoin,
                             String settleCoin, PriceFilter priceFilter, LotSizeFilter lotSizeFilter) {

    /** {@code priceFilter}. */
    public record PriceFilter(String minPrice, String maxPrice, String tickSize) {
    }

    /** {@code lotSizeFilter}, the union of the spot and derivatives fields. */
    public record LotSizeFilter(String basePrecision, String quotePrecision, String minOrderQty, String maxOrderQty,
                                String minOrderAmt, String maxOrderAmt, String qtyStep, String maxMktOrderQty,
                                String minNotionalValue, String postOnlyMaxOrderQty) {
    }
}

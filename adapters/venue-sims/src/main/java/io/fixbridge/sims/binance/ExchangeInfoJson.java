package io.fixbridge.sims.binance;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.math.BigDecimal;
import java.util.Collection;

/**
 * The {@code exchangeInfo} answers of spot ({@code /api/v3/exchangeInfo}) and USD-M futures
 * ({@code /fapi/v1/exchangeInfo}), with Binance's field names, filter objects and rate-limit
 * arrays. Stateless.
 */
final class ExchangeInfoJson {
    private ExchangeInfoJson() {
    }

    /** Spot exchangeInfo for {@code listings}; in maintenance every symbol shows status BREAK. */
    static ObjectNode spot(Collection<SpotListing> listings, RateLimits limits, long serverTime, boolean maintenance) {
        ObjectNode n = Json.object();
        n.put("timezone", "UTC");
        n.put("serverTime", serverTime);
        ArrayNode rl = n.putArray("rateLimits");
        rateLimit(rl, "REQUEST_WEIGHT", "MINUTE", 1, limits.requestWeightPerMinute());
        rateLimit(rl, "ORDERS", "SECOND", 10, limits.ordersPer10Seconds());
        rateLimit(rl, "ORDERS", "DAY", 1, limits.ordersPerLongWindow());
        rateLimit(rl, "RAW_REQUESTS", "MINUTE", 5, 61_000);
        n.putArray("exchangeFilters");
        ArrayNode symbols = n.putArray("symbols");
        for (SpotListing l : listings) {
            SpotSymbol s = l.spec;
            ObjectNode o = symbols.addObject();
            o.put("symbol", s.symbol());
            o.put("status", maintenance ? "BREAK" : l.status);
            o.put("baseAsset", s.baseAsset());
            o.put("baseAssetPrecision", 8);
            o.put("quoteAsset", s.quoteAsset());
            o.put("quotePrecision", 8);
            o.put("quoteAssetPrecision", 8);
            o.put("baseCommissionPrecision", 8);
            o.put("quoteCommissionPrecision", 8);
            ArrayNode types = o.putArray("orderTypes");
            for (String t : new String[] {"LIMIT", "LIMIT_MAKER", "MARKET", "STOP_LOSS", "STOP_LOSS_LIMIT",
                    "TAKE_PROFIT", "TAKE_PROFIT_LIMIT"}) {
                types.add(t);
            }
            o.put("icebergAllowed", true);
            o.put("ocoAllowed", true);
            o.put("otoAllowed", false);
            o.put("quoteOrderQtyMarketAllowed", true);
            o.put("allowTrailingStop", false);
            o.put("cancelReplaceAllowed", true);
            o.put("amendAllowed", false);
            o.put("pegInstructionsAllowed", false);
            o.put("isSpotTradingAllowed", true);
            o.put("isMarginTradingAllowed", false);
            ArrayNode filters = o.putArray("filters");
            ObjectNode price = filters.addObject();
            price.put("filterType", "PRICE_FILTER");
            price.put("minPrice", Fmt.spot(s.minPrice()));
            price.put("maxPrice", Fmt.spot(s.maxPrice()));
            price.put("tickSize", Fmt.spot(s.tickSize()));
            ObjectNode lot = filters.addObject();
            lot.put("filterType", "LOT_SIZE");
            lot.put("minQty", Fmt.spot(s.minQty()));
            lot.put("maxQty", Fmt.spot(s.maxQty()));
            lot.put("stepSize", Fmt.spot(s.stepSize()));
            ObjectNode iceberg = filters.addObject();
            iceberg.put("filterType", "ICEBERG_PARTS");
            iceberg.put("limit", s.icebergParts());
            ObjectNode marketLot = filters.addObject();
            marketLot.put("filterType", "MARKET_LOT_SIZE");
            marketLot.put("minQty", Fmt.spot(BigDecimal.ZERO));
            marketLot.put("maxQty", Fmt.spot(s.marketMaxQty()));
            marketLot.put("stepSize", Fmt.spot(BigDecimal.ZERO));
            ObjectNode notional = filters.addObject();
            if (s.legacyMinNotional()) {
                notional.put("filterType", "MIN_NOTIONAL");
                notional.put("minNotional", Fmt.spot(s.minNotional()));
                notional.put("applyToMarket", true);
                notional.put("avgPriceMins", 5);
            } else {
                notional.put("filterType", "NOTIONAL");
                notional.put("minNotional", Fmt.spot(s.minNotional()));
                notional.put("applyMinToMarket", true);
                notional.put("maxNotional", Fmt.spot(s.maxNotional()));
                notional.put("applyMaxToMarket", false);
                notional.put("avgPriceMins", 5);
            }
            o.putArray("permissions");
            o.putArray("permissionSets").addArray().add("SPOT");
            o.put("defaultSelfTradePreventionMode", "NONE");
            ArrayNode stp = o.putArray("allowedSelfTradePreventionModes");
            for (String m : new String[] {"NONE", "EXPIRE_TAKER", "EXPIRE_MAKER", "EXPIRE_BOTH", "DECREMENT"}) {
                stp.add(m);
            }
        }
        return n;
    }

    /** USD-M futures exchangeInfo. */
    static ObjectNode futures(Collection<FuturesListing> listings, RateLimits limits, long serverTime) {
        ObjectNode n = Json.object();
        n.put("timezone", "UTC");
        n.put("serverTime", serverTime);
        n.put("futuresType", "U_MARGINED");
        ArrayNode rl = n.putArray("rateLimits");
        rateLimit(rl, "REQUEST_WEIGHT", "MINUTE", 1, limits.requestWeightPerMinute());
        rateLimit(rl, "ORDERS", "MINUTE", 1, limits.ordersPerLongWindow());
        rateLimit(rl, "ORDERS", "SECOND", 10, limits.ordersPer10Seconds());
        n.putArray("exchangeFilters");
        ArrayNode assets = n.putArray("assets");
        ObjectNode usdt = assets.addObject();
        usdt.put("asset", "USDT");
        usdt.put("marginAvailable", true);
        usdt.put("autoAssetExchange", "-10000");
        ArrayNode symbols = n.putArray("symbols");
        for (FuturesListing l : listings) {
            FuturesSymbol s = l.spec;
            ObjectNode o = symbols.addObject();
            o.put("symbol", s.symbol());
            o.put("pair", s.symbol());
            o.put("contractType", "PERPETUAL");
            o.put("deliveryDate", 4_133_404_800_000L);
            o.put("onboardDate", 1_569_398_400_000L);
            o.put("status", l.status);
            o.put("maintMarginPercent", "2.5000");
            o.put("requiredMarginPercent", "5.0000");
            o.put("baseAsset", s.baseAsset());
            o.put("quoteAsset", s.quoteAsset());
            o.put("marginAsset", s.quoteAsset());
            o.put("pricePrecision", s.pricePrecision());
            o.put("quantityPrecision", s.quantityPrecision());
            o.put("baseAssetPrecision", 8);
            o.put("quotePrecision", 8);
            o.put("underlyingType", "COIN");
            o.putArray("underlyingSubType").add("PoW");
            o.put("triggerProtect", "0.0500");
            o.put("liquidationFee", "0.012500");
            o.put("marketTakeBound", "0.05");
            o.put("maxMoveOrderLimit", 10000);
            ArrayNode filters = o.putArray("filters");
            ObjectNode price = filters.addObject();
            price.put("filterType", "PRICE_FILTER");
            price.put("minPrice", s.minPrice().toPlainString());
            price.put("maxPrice", s.maxPrice().toPlainString());
            price.put("tickSize", s.tickSize().toPlainString());
            ObjectNode lot = filters.addObject();
            lot.put("filterType", "LOT_SIZE");
            lot.put("maxQty", s.maxQty().toPlainString());
            lot.put("minQty", s.minQty().toPlainString());
            lot.put("stepSize", s.stepSize().toPlainString());
            ObjectNode marketLot = filters.addObject();
            marketLot.put("filterType", "MARKET_LOT_SIZE");
            marketLot.put("maxQty", s.marketMaxQty().toPlainString());
            marketLot.put("minQty", s.minQty().toPlainString());
            marketLot.put("stepSize", s.stepSize().toPlainString());
            ObjectNode maxOrders = filters.addObject();
            maxOrders.put("filterType", "MAX_NUM_ORDERS");
            maxOrders.put("limit", 200);
            ObjectNode maxAlgo = filters.addObject();
            maxAlgo.put("filterType", "MAX_NUM_ALGO_ORDERS");
            maxAlgo.put("limit", 10);
            ObjectNode minNotional = filters.addObject();
            minNotional.put("filterType", "MIN_NOTIONAL");
            minNotional.put("notional", s.minNotional().toPlainString());
            ArrayNode types = o.putArray("orderTypes");
            for (String t : new String[] {"LIMIT", "MARKET", "STOP", "STOP_MARKET", "TAKE_PROFIT",
                    "TAKE_PROFIT_MARKET", "TRAILING_STOP_MARKET"}) {
                types.add(t);
            }
            ArrayNode tif = o.putArray("timeInForce");
            for (String t : new String[] {"GTC", "IOC", "FOK", "GTX", "GTD"}) {
                tif.add(t);
            }
            o.putArray("permissionSets").add("GRID").add("COPY");
        }
        return n;
    }

    private static void rateLimit(ArrayNode arr, String type, String interval, int num, int limit) {
        ObjectNode o = arr.addObject();
        o.put("rateLimitType", type);
        o.put("interval", interval);
        o.put("intervalNum", num);
        o.put("limit", limit);
    }
}

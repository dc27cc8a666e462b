package io.fixbridge.sims.binance;

import io.fixbridge.venue.Side;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads a new spot order from request parameters with Binance's rules and answers: mandatory
 * parameters per type (-1102), parameters a type does not take (-1106), enum values (-1115,
 * -1116, -1117), precision (-1111), and the symbol filters PRICE_FILTER, LOT_SIZE,
 * MARKET_LOT_SIZE, ICEBERG_PARTS and NOTIONAL (-1013 {@code "Filter failure: ..."}). A NOTIONAL
 * check that needs the book (market orders) is the venue's. Stateless.
 */
final class SpotOrderParser {
    static final Set<String> TYPES = Set.of("LIMIT", "MARKET", "STOP_LOSS", "STOP_LOSS_LIMIT", "TAKE_PROFIT",
            "TAKE_PROFIT_LIMIT", "LIMIT_MAKER");
    static final Set<String> TIME_IN_FORCE = Set.of("GTC", "IOC", "FOK");
    static final Set<String> RESP_TYPES = Set.of("ACK", "RESULT", "FULL");
    static final Set<String> STP_MODES = Set.of("NONE", "EXPIRE_TAKER", "EXPIRE_MAKER", "EXPIRE_BOTH", "DECREMENT");
    /** Parameter names of POST /api/v3/order (besides the signed-request ones). */
    static final Set<String> ORDER_PARAMS = Set.of("symbol", "side", "type", "timeInForce", "quantity",
            "quoteOrderQty", "price", "newClientOrderId", "strategyId", "strategyType", "stopPrice", "trailingDelta",
            "icebergQty", "newOrderRespType", "selfTradePreventionMode");
    private static final int PRECISION = 8;

    private SpotOrderParser() {
    }

    /** The spot symbol named by the mandatory {@code symbol} parameter; unknown is -1121. */
    static SpotListing listing(Params p, Map<String, SpotListing> listings) {
        SpotListing listing = listings.get(p.require("symbol"));
        if (listing == null) {
            throw Errors.invalidSymbol();
        }
        return listing;
    }

    static Side side(String value) {
        return switch (value) {
            case "BUY" -> Side.BUY;
            case "SELL" -> Side.SELL;
            default -> throw Errors.invalidSide();
        };
    }

    /** Reads POST /api/v3/order (and the new-order half of cancelReplace). */
    static SpotOrderSpec parse(Params p, Map<String, SpotListing> listings) {
        SpotListing listing = listing(p, listings);
        Side side = side(p.require("side"));
        String type = p.require("type");
        if (!TYPES.contains(type)) {
            throw Errors.invalidOrderType();
        }
        if (p.has("trailingDelta")) {
            // the simulator has no trailing stops; Binance would accept them on symbols that allow them
            throw Errors.newOrderRejected("Trailing stop orders are not supported for this symbol.");
        }
        Optional<String> tif = p.opt("timeInForce");
        if (tif.isPresent() && !TIME_IN_FORCE.contains(tif.get())) {
            throw Errors.invalidTimeInForce();
        }
        Optional<BigDecimal> quantity = p.optDecimal("quantity");
        Optional<BigDecimal> quoteQty = p.optDecimal("quoteOrderQty");
        Optional<BigDecimal> price = p.optDecimal("price");
        Optional<BigDecimal> stopPrice = p.optDecimal("stopPrice");
        Optional<BigDecimal> iceberg = p.optDecimal("icebergQty");
        String respType = p.opt("newOrderRespType").orElse(null);
        if (respType != null && !RESP_TYPES.contains(respType)) {
            throw Errors.illegalChars("newOrderRespType", "ACK, RESULT, FULL");
        }
        String stp = p.opt("selfTradePreventionMode").orElse("NONE");
        if (!STP_MODES.contains(stp)) {
            throw Errors.invalidParameter("selfTradePreventionMode");
        }
        String clientId = p.optClientId("newClientOrderId", Params.SPOT_CLIENT_ID).orElseGet(Ids::clientOrderId);
        Long strategyId = p.optLong("strategyId").orElse(null);
        Long strategyType = p.optLong("strategyType").orElse(null);
        if (strategyType != null && strategyType < 1_000_000) {
            throw Errors.of(-1134, "`strategyType` was less than 1000000.");
        }
        boolean limitPriced = type.equals("LIMIT") || type.equals("LIMIT_MAKER") || type.endsWith("_LIMIT");
        boolean conditional = type.startsWith("STOP_LOSS") || type.startsWith("TAKE_PROFIT");
        boolean takesTif = type.equals("LIMIT") || type.equals("STOP_LOSS_LIMIT") || type.equals("TAKE_PROFIT_LIMIT");

        if (type.equals("MARKET")) {
            if (quantity.isEmpty() && quoteQty.isEmpty()) {
                throw Errors.eitherParam("quantity", "quoteOrderQty");
            }
            if (quantity.isPresent() && quoteQty.isPresent()) {
                throw Errors.notRequired("quoteOrderQty");
            }
        } else {
            if (quoteQty.isPresent()) {
                throw Errors.notRequired("quoteOrderQty");
            }
            if (quantity.isEmpty()) {
                throw Errors.mandatory("quantity");
            }
        }
        if (takesTif && tif.isEmpty()) {
            throw Errors.mandatory("timeInForce");
        }
        if (!takesTif && tif.isPresent()) {
            throw Errors.notRequired("timeInForce");
        }
        if (limitPriced && price.isEmpty()) {
            throw Errors.mandatory("price");
        }
        if (!limitPriced && price.isPresent()) {
            throw Errors.notRequired("price");
        }
        if (conditional && stopPrice.isEmpty()) {
            throw Errors.mandatory("stopPrice");
        }
        if (!conditional && stopPrice.isPresent()) {
            throw Errors.notRequired("stopPrice");
        }
        if (iceberg.isPresent()) {
            boolean allowed = limitPriced && (type.equals("LIMIT_MAKER") || tif.map("GTC"::equals).orElse(false));
            if (!allowed) {
                throw Errors.unsupportedCombination();
            }
        }
        String reportedTif = tif.orElse("GTC");
        String resp = respType != null ? respType : (type.equals("MARKET") || type.equals("LIMIT") ? "FULL" : "ACK");
        SpotOrderSpec spec = new SpotOrderSpec(listing, side, type, reportedTif, quantity.orElse(null),
                quoteQty.orElse(null), price.orElse(null), stopPrice.orElse(null), iceberg.orElse(null), clientId,
                resp, stp, strategyId, strategyType);
        checkFilters(spec);
        return spec;
    }

    /** The filters that need no book: precision, PRICE_FILTER, LOT_SIZE, MARKET_LOT_SIZE, ICEBERG_PARTS, NOTIONAL. */
    static void checkFilters(SpotOrderSpec s) {
        SpotSymbol f = s.listing().spec;
        precision("quantity", s.quantity());
        precision("quoteOrderQty", s.quoteOrderQty());
        precision("price", s.price());
        precision("stopPrice", s.stopPrice());
        precision("icebergQty", s.icebergQty());
        checkPrice(f, s.price());
        checkPrice(f, s.stopPrice());
        if (s.quantity() != null) {
            checkLot(f, s.quantity());
            if (s.isMarket() && s.quantity().compareTo(f.marketMaxQty()) > 0) {
                throw Errors.filter("MARKET_LOT_SIZE");
            }
        }
        if (s.icebergQty() != null) {
            checkLot(f, s.icebergQty());
            if (s.icebergQty().compareTo(s.quantity()) >= 0) {
                throw Errors.newOrderRejected(Errors.ICEBERG_EXCEEDS);
            }
            BigDecimal parts = s.quantity().divide(s.icebergQty(), 0, RoundingMode.CEILING);
            if (parts.compareTo(BigDecimal.valueOf(f.icebergParts())) > 0) {
                throw Errors.filter("ICEBERG_PARTS");
            }
        }
        if (s.quoteOrderQty() != null && s.quoteOrderQty().compareTo(f.minNotional()) < 0) {
            throw Errors.filter(notionalFilter(f));
        }
        BigDecimal basis = s.price() != null ? s.price() : s.stopPrice();
        if (basis != null && s.quantity() != null) {
            checkNotional(f, basis.multiply(s.quantity()), true);
        }
    }

    /** NOTIONAL: at least minNotional always; at most maxNotional unless a market order (MIN_NOTIONAL: no maximum). */
    static void checkNotional(SpotSymbol f, BigDecimal notional, boolean applyMax) {
        boolean tooBig = applyMax && !f.legacyMinNotional() && notional.compareTo(f.maxNotional()) > 0;
        if (notional.compareTo(f.minNotional()) < 0 || tooBig) {
            throw Errors.filter(notionalFilter(f));
        }
    }

    private static String notionalFilter(SpotSymbol f) {
        return f.legacyMinNotional() ? "MIN_NOTIONAL" : "NOTIONAL";
    }

    private static void precision(String name, BigDecimal value) {
        if (value != null && Fmt.decimals(value) > PRECISION) {
            throw Errors.tooMuchPrecision(name);
        }
    }

    private static void checkPrice(SpotSymbol f, BigDecimal price) {
        if (price == null) {
            return;
        }
        if (price.compareTo(f.minPrice()) < 0 || price.compareTo(f.maxPrice()) > 0
                || !Fmt.isMultiple(price, f.tickSize())) {
            throw Errors.filter("PRICE_FILTER");
        }
    }

    private static void checkLot(SpotSymbol f, BigDecimal qty) {
        if (qty.compareTo(f.minQty()) < 0 || qty.compareTo(f.maxQty()) > 0 || !Fmt.isMultiple(qty, f.stepSize())) {
            throw Errors.filter("LOT_SIZE");
        }
    }
}

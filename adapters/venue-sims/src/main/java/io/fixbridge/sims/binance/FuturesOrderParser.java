package io.fixbridge.sims.binance;

import io.fixbridge.venue.Side;

import java.math.BigDecimal;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads USD-M futures orders from request parameters with Binance's rules and answers: the
 * conditional types answer -4120 on {@code /fapi/v1/order}; mandatory parameters (-1102),
 * parameters not taken (-1106), precision (-1111), PRICE_FILTER (-4013, -4002, -4014), LOT_SIZE
 * and MARKET_LOT_SIZE (-4004, -4005, -4023), GTD expiry (-5040). Checks that need account or book
 * state (position side, notional, margin) are the venue's. Stateless.
 */
final class FuturesOrderParser {
    static final Set<String> CONDITIONAL = Set.of("STOP", "STOP_MARKET", "TAKE_PROFIT", "TAKE_PROFIT_MARKET",
            "TRAILING_STOP_MARKET");
    static final Set<String> TIME_IN_FORCE = Set.of("GTC", "IOC", "FOK", "GTX", "GTD");
    static final Set<String> STP_MODES = Set.of("NONE", "EXPIRE_TAKER", "EXPIRE_MAKER", "EXPIRE_BOTH");
    static final Set<String> POSITION_SIDES = Set.of("BOTH", "LONG", "SHORT");
    /** Parameter names of POST /fapi/v1/order (besides the signed-request ones). */
    static final Set<String> ORDER_PARAMS = Set.of("symbol", "side", "positionSide", "type", "timeInForce",
            "quantity", "reduceOnly", "price", "newClientOrderId", "newOrderRespType", "priceMatch",
            "selfTradePreventionMode", "goodTillDate", "stopPrice", "closePosition", "activationPrice",
            "callbackRate", "workingType", "priceProtect");
    /** Parameter names of POST /fapi/v1/algoOrder (besides the signed-request ones). */
    static final Set<String> ALGO_PARAMS = Set.of("algoType", "symbol", "side", "positionSide", "type",
            "timeInForce", "quantity", "price", "triggerPrice", "workingType", "priceMatch", "closePosition",
            "priceProtect", "reduceOnly", "activatePrice", "callbackRate", "clientAlgoId", "newOrderRespType",
            "selfTradePreventionMode", "goodTillDate");
    private static final long GTD_MIN_AHEAD = 600_000;
    private static final long GTD_MAX = 253_402_300_799_000L;

    private FuturesOrderParser() {
    }

    static FuturesListing listing(Params p, Map<String, FuturesListing> listings) {
        FuturesListing l = listings.get(p.require("symbol"));
        if (l == null) {
            throw Errors.invalidSymbol();
        }
        return l;
    }

    /** Reads POST /fapi/v1/order. */
    static FuturesOrderSpec parse(Params p, Map<String, FuturesListing> listings, long now) {
        FuturesListing l = listing(p, listings);
        Side side = SpotOrderParser.side(p.require("side"));
        String type = p.require("type");
        if (CONDITIONAL.contains(type)) {
            throw Errors.useAlgoEndpoint();
        }
        if (!"LIMIT".equals(type) && !"MARKET".equals(type)) {
            throw Errors.invalidOrderType();
        }
        for (String conditionalOnly : new String[] {"stopPrice", "closePosition", "activationPrice", "callbackRate",
                "workingType", "priceProtect"}) {
            if (p.has(conditionalOnly)) {
                throw Errors.notRequired(conditionalOnly);
            }
        }
        if (p.opt("priceMatch").filter(v -> !"NONE".equals(v)).isPresent()) {
            throw Errors.of(-5037, "Invalid price match");
        }
        String positionSide = positionSide(p);
        boolean reduceOnly = p.optBoolean("reduceOnly").orElse(false);
        String stp = p.opt("selfTradePreventionMode").orElse("NONE");
        if (!STP_MODES.contains(stp)) {
            throw Errors.of(-5039, "Invalid self trade prevention mode");
        }
        String respType = p.opt("newOrderRespType").orElse("ACK");
        if (!"ACK".equals(respType) && !"RESULT".equals(respType)) {
            throw Errors.of(-1136, "Invalid newOrderRespType.");
        }
        String clientId = p.optClientId("newClientOrderId", Params.FUTURES_CLIENT_ID).orElseGet(Ids::clientOrderId);
        BigDecimal quantity = p.requireDecimal("quantity");
        Optional<BigDecimal> price = p.optDecimal("price");
        Optional<String> tif = p.opt("timeInForce");
        long gtd = 0;
        if ("LIMIT".equals(type)) {
            if (tif.isEmpty()) {
                throw Errors.mandatory("timeInForce");
            }
            if (!TIME_IN_FORCE.contains(tif.get())) {
                throw Errors.invalidTimeInForce();
            }
            if (price.isEmpty()) {
                throw Errors.mandatory("price");
            }
            if ("GTD".equals(tif.get())) {
                gtd = goodTillDate(p, now);
            } else if (p.has("goodTillDate")) {
                throw Errors.notRequired("goodTillDate");
            }
            checkPrice(l.spec, price.get());
        } else {
            if (price.isPresent()) {
                throw Errors.notRequired("price");
            }
            if (tif.isPresent()) {
                throw Errors.notRequired("timeInForce");
            }
            if (p.has("goodTillDate")) {
                throw Errors.notRequired("goodTillDate");
            }
        }
        checkQuantity(l.spec, quantity, "MARKET".equals(type));
        return new FuturesOrderSpec(l, side, type, tif.orElse("GTC"), quantity, price.orElse(null), reduceOnly,
                positionSide, clientId, respType, gtd, stp);
    }

    /** The positionSide parameter: absent (null), BOTH, LONG or SHORT; anything else is -4060. */
    static String positionSide(Params p) {
        Optional<String> ps = p.opt("positionSide");
        if (ps.isPresent() && !POSITION_SIDES.contains(ps.get())) {
            throw Errors.invalidPositionSide();
        }
        return ps.orElse(null);
    }

    static long goodTillDate(Params p, long now) {
        long gtd = p.requireLong("goodTillDate");
        if (gtd <= now + GTD_MIN_AHEAD || gtd >= GTD_MAX) {
            throw Errors.goodTillDate();
        }
        return gtd - Math.floorMod(gtd, 1000);
    }

    /** PRICE_FILTER with futures' answers. */
    static void checkPrice(FuturesSymbol f, BigDecimal price) {
        if (Fmt.decimals(price) > f.pricePrecision()) {
            throw Errors.futuresPrecision();
        }
        if (price.compareTo(f.minPrice()) < 0) {
            throw Errors.priceBelowMin();
        }
        if (price.compareTo(f.maxPrice()) > 0) {
            throw Errors.priceAboveMax();
        }
        if (!Fmt.isMultiple(price, f.tickSize())) {
            throw Errors.priceTick();
        }
    }

    /** LOT_SIZE (and MARKET_LOT_SIZE for market orders) with futures' answers. */
    static void checkQuantity(FuturesSymbol f, BigDecimal qty, boolean market) {
        if (Fmt.decimals(qty) > f.quantityPrecision()) {
            throw Errors.futuresPrecision();
        }
        if (qty.compareTo(f.minQty()) < 0) {
            throw Errors.quantityBelowMin();
        }
        if (qty.compareTo(market ? f.marketMaxQty() : f.maxQty()) > 0) {
            throw Errors.quantityAboveMax();
        }
        if (!Fmt.isMultiple(qty, f.stepSize())) {
            throw Errors.quantityStep();
        }
    }
}

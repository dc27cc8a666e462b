package io.fixbridge.sims.binance;

import io.fixbridge.venue.Side;

import java.math.BigDecimal;

/**
 * A validated new USD-M conditional (algo) order. Immutable.
 *
 * @param listing       the symbol
 * @param side          side
 * @param type          STOP_MARKET, TAKE_PROFIT_MARKET, STOP or TAKE_PROFIT
 * @param timeInForce   time in force of the order placed on trigger
 * @param quantity      quantity, or null with closePosition
 * @param triggerPrice  trigger price
 * @param price         limit price (STOP, TAKE_PROFIT), else null
 * @param positionSide  BOTH, LONG, SHORT or null when not sent
 * @param workingType   CONTRACT_PRICE or MARK_PRICE
 * @param closePosition close-all flag
 * @param priceProtect  price protection flag (reported, not enforced)
 * @param reduceOnly    reduce-only flag
 * @param clientAlgoId  client algo id (sent or generated)
 * @param stpMode       self-trade prevention mode as sent
 * @param goodTillDate  GTD expiry or 0
 */
record AlgoSpec(FuturesListing listing, Side side, String type, String timeInForce, BigDecimal quantity,
                BigDecimal triggerPrice, BigDecimal price, String positionSide, String workingType,
                boolean closePosition, boolean priceProtect, boolean reduceOnly, String clientAlgoId, String stpMode,
                long goodTillDate) {

    /** Reads POST /fapi/v1/algoOrder. */
    static AlgoSpec parse(Params p, java.util.Map<String, FuturesListing> listings, long now) {
        String algoType = p.require("algoType");
        if (!"CONDITIONAL".equals(algoType)) {
            throw Errors.invalidParameter("algoType");
        }
        FuturesListing l = FuturesOrderParser.listing(p, listings);
        Side side = SpotOrderParser.side(p.require("side"));
        String type = p.require("type");
        boolean market = "STOP_MARKET".equals(type) || "TAKE_PROFIT_MARKET".equals(type);
        boolean limit = "STOP".equals(type) || "TAKE_PROFIT".equals(type);
        if (!market && !limit) {
            throw Errors.invalidOrderType();
        }
        if (p.has("activatePrice") || p.has("callbackRate")) {
            throw Errors.notRequired(p.has("activatePrice") ? "activatePrice" : "callbackRate");
        }
        if (p.opt("priceMatch").filter(v -> !"NONE".equals(v)).isPresent()) {
            throw Errors.of(-5037, "Invalid price match");
        }
        String positionSide = FuturesOrderParser.positionSide(p);
        String tif = p.opt("timeInForce").orElse("GTC");
        if (!FuturesOrderParser.TIME_IN_FORCE.contains(tif)) {
            throw Errors.invalidTimeInForce();
        }
        long gtd = "GTD".equals(tif) ? FuturesOrderParser.goodTillDate(p, now) : 0;
        if (!"GTD".equals(tif) && p.has("goodTillDate")) {
            throw Errors.notRequired("goodTillDate");
        }
        String workingType = p.opt("workingType").orElse("CONTRACT_PRICE");
        if (!"CONTRACT_PRICE".equals(workingType) && !"MARK_PRICE".equals(workingType)) {
            throw Errors.of(-4031, "Invalid parameter working type: " + workingType);
        }
        boolean closePosition = p.optBoolean("closePosition").orElse(false);
        boolean reduceOnly = p.optBoolean("reduceOnly").orElse(false);
        boolean priceProtect = p.optBoolean("priceProtect").orElse(false);
        BigDecimal quantity = p.optDecimal("quantity").orElse(null);
        if (closePosition) {
            if (!market) {
                throw Errors.notRequired("closePosition");
            }
            if (quantity != null) {
                throw Errors.quantityWithClosePosition();
            }
            if (p.has("reduceOnly")) {
                throw Errors.notRequired("reduceOnly");
            }
        } else {
            if (quantity == null) {
                throw Errors.mandatory("quantity");
            }
            FuturesOrderParser.checkQuantity(l.spec, quantity, market);
        }
        BigDecimal triggerPrice = p.requireDecimal("triggerPrice");
        FuturesOrderParser.checkPrice(l.spec, triggerPrice);
        BigDecimal price = p.optDecimal("price").orElse(null);
        if (limit && price == null) {
            throw Errors.mandatory("price");
        }
        if (market && price != null) {
            throw Errors.notRequired("price");
        }
        if (price != null) {
            FuturesOrderParser.checkPrice(l.spec, price);
        }
        String stp = p.opt("selfTradePreventionMode").orElse("NONE");
        if (!FuturesOrderParser.STP_MODES.contains(stp)) {
            throw Errors.of(-5039, "Invalid self trade prevention mode");
        }
        String respType = p.opt("newOrderRespType").orElse("ACK");
        if (!"ACK".equals(respType) && !"RESULT".equals(respType)) {
            throw Errors.of(-1136, "Invalid newOrderRespType.");
        }
        String clientAlgoId = p.optClientId("clientAlgoId", Params.FUTURES_CLIENT_ID).orElseGet(Ids::clientOrderId);
        return new AlgoSpec(l, side, type, tif, quantity, triggerPrice, price, positionSide, workingType,
                closePosition, priceProtect, reduceOnly, clientAlgoId, stp, gtd);
    }
}

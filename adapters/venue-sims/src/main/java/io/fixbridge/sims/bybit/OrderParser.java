package io.fixbridge.sims.bybit;

import io.fixbridge.venue.Side;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads and checks a {@code /v5/order/create} body against its instrument, with Bybit's answers:
 * generic parameter problems are retCode 10001; spot quantity, price and value rules are the
 * 170xxx codes (170130 malformed number, 170134 price decimals, 170137 quantity decimals, 170148
 * market amount decimals, 170136 below the minimum quantity, 170381 above the maximum, 170140
 * below the minimum value, 170124 above the maximum value); derivative quantity rules are 10001
 * ("The number of contracts exceeds minimum/maximum limit allowed"), prices off the tick 10001,
 * prices outside the filter 110003, a notional below {@code minNotionalValue} 110094. Features the
 * simulator does not have (TP/SL on create, margin trading, option fields, slippage tolerance)
 * are refused with 10001 rather than ignored. Stateless.
 */
final class OrderParser {
    static final Pattern ORDER_LINK_ID = Pattern.compile("^[A-Za-z0-9_-]{1,36}$");
    private static final Set<String> TIME_IN_FORCE = Set.of("GTC", "IOC", "FOK", "PostOnly");
    static final Set<String> TRIGGER_BY = Set.of("LastPrice", "IndexPrice", "MarkPrice");
    /** Fields that carry a feature the simulator does not have; their companions (tpslMode, tpTriggerBy, ...) are ignored. */
    static final List<String> UNSUPPORTED = List.of("takeProfit", "stopLoss", "tpLimitPrice", "slLimitPrice",
            "orderIv", "slippageToleranceType", "slippageTolerance", "bboSideType", "bboLevel");

    private OrderParser() {
    }

    static Listing listing(Map<String, Listing> listings, Category category, String symbol) {
        Listing l = listings.get(Listing.key(category, symbol));
        if (l == null) {
            throw category == Category.SPOT ? Errors.spotInvalidSymbol() : Errors.invalid("symbol");
        }
        return l;
    }

    static OrderSpec parse(Params p, Category category, Map<String, Listing> listings, BigDecimal reference) {
        Listing l = listing(listings, category, p.requireText("symbol"));
        for (String name : UNSUPPORTED) {
            if (p.has(name)) {
                throw Errors.params(name + " is not supported by the simulator");
            }
        }
        if (p.bool("mmp").orElse(false)) {
            throw Errors.params("mmp is not supported by the simulator");
        }
        Optional<Integer> isLeverage = p.integer("isLeverage");
        if (isLeverage.isPresent() && isLeverage.get() != 0) {
            throw Errors.params("isLeverage=1 (margin trading) is not supported by the simulator");
        }
        Optional<String> smp = p.text("smpType");
        if (smp.isPresent() && !"None".equals(smp.get())) {
            throw Errors.params("smpType " + smp.get() + " is not supported by the simulator");
        }
        Side side = switch (p.requireText("side")) {
            case "Buy" -> Side.BUY;
            case "Sell" -> Side.SELL;
            default -> throw Errors.invalid("side");
        };
        String orderType = p.requireText("orderType");
        if (!"Market".equals(orderType) && !"Limit".equals(orderType)) {
            throw Errors.invalid("orderType");
        }
        boolean market = "Market".equals(orderType);
        boolean spot = category == Category.SPOT;
        BigDecimal qty = p.decimal("qty", () -> spot ? Errors.spotInvalidParam("qty") : Errors.invalid("qty"))
                .orElseThrow(() -> Errors.missing("qty"));
        if (qty.signum() <= 0) {
            throw spot ? Errors.spotInvalidParam("qty") : Errors.qtyBelowMin();
        }
        BigDecimal price = null;
        if (!market) {
            price = p.decimal("price", () -> spot ? Errors.spotInvalidParam("price") : Errors.invalid("price"))
                    .orElseThrow(() -> Errors.missing("price"));
            if (price.signum() <= 0) {
                throw spot ? Errors.spotInvalidParam("price") : Errors.priceOutOfRange();
            }
        }
        String tif = p.text("timeInForce").orElse("GTC");
        if (!TIME_IN_FORCE.contains(tif)) {
            throw Errors.invalid("timeInForce");
        }
        if (market) {
            tif = "IOC";
        }
        String orderLinkId = p.text("orderLinkId").orElse("");
        if (!orderLinkId.isEmpty() && !ORDER_LINK_ID.matcher(orderLinkId).matches()) {
            throw Errors.invalid("orderLinkId");
        }
        Optional<String> triggerByText = p.text("triggerBy");
        if (triggerByText.isPresent() && !TRIGGER_BY.contains(triggerByText.get())) {
            throw Errors.invalid("triggerBy");
        }
        String triggerBy = triggerByText.orElse("LastPrice");
        BigDecimal trigger = p.decimal("triggerPrice",
                () -> spot ? Errors.spotInvalidParam("triggerPrice") : Errors.invalid("triggerPrice")).orElse(null);
        if (trigger != null && trigger.signum() <= 0) {
            throw Errors.invalid("triggerPrice");
        }
        return spot ? spotSpec(p, l, side, orderType, qty, price, tif, orderLinkId, trigger, triggerBy, reference)
                : derivativeSpec(p, l, side, orderType, qty, price, tif, orderLinkId, trigger, triggerBy, reference);
    }

    private static OrderSpec spotSpec(Params p, Listing l, Side side, String orderType, BigDecimal qty,
                                      BigDecimal price, String tif, String orderLinkId, BigDecimal trigger,
                                      String triggerBy, BigDecimal reference) {
        BybitSymbol s = l.spec;
        String filter = p.text("orderFilter").orElse("Order");
        if (!Set.of("Order", "StopOrder", "tpslOrder").contains(filter)) {
            throw new BybitException(170201, "Invalid orderFilter parameter");
        }
        if ("Order".equals(filter) && trigger != null) {
            throw Errors.params("triggerPrice needs orderFilter StopOrder or tpslOrder on spot");
        }
        if (!"Order".equals(filter) && trigger == null) {
            throw Errors.missing("triggerPrice");
        }
        boolean market = "Market".equals(orderType);
        String unit = "";
        if (market) {
            unit = p.text("marketUnit").orElse(side == Side.BUY ? "quoteCoin" : "baseCoin");
            if (!"baseCoin".equals(unit) && !"quoteCoin".equals(unit)) {
                throw Errors.invalid("marketUnit");
            }
        }
        if (price != null && !Fmt.isMultiple(price, s.tickSize())) {
            throw Errors.spotPriceDecimals();
        }
        if (trigger != null && !Fmt.isMultiple(trigger, s.tickSize())) {
            throw Errors.spotPriceDecimals();
        }
        if ("quoteCoin".equals(unit)) {
            if (!Fmt.isMultiple(qty, s.quotePrecision())) {
                throw Errors.spotMarketAmountDecimals();
            }
            checkSpotValue(s, qty);
        } else {
            if (!Fmt.isMultiple(qty, s.qtyStep())) {
                throw Errors.spotQtyDecimals();
            }
            if (qty.compareTo(s.minOrderQty()) < 0) {
                throw Errors.spotQtyBelowMin();
            }
            if (qty.compareTo(market ? s.maxMarketOrderQty() : s.maxOrderQty()) > 0) {
                throw Errors.spotQtyTooLarge();
            }
            BigDecimal basis = price != null ? price : trigger != null ? trigger : reference;
            if (basis != null) {
                checkSpotValue(s, qty.multiply(basis));
            }
        }
        return new OrderSpec(l, side, orderType, qty, unit, price, tif, orderLinkId, false, false, 0, trigger, 0,
                triggerBy, filter);
    }

    private static void checkSpotValue(BybitSymbol s, BigDecimal value) {
        if (s.minOrderValue().signum() > 0 && value.compareTo(s.minOrderValue()) < 0) {
            throw Errors.spotValueBelowMin();
        }
        if (s.maxOrderValue().signum() > 0 && value.compareTo(s.maxOrderValue()) > 0) {
            throw Errors.spotAmountTooLarge();
        }
    }

    private static OrderSpec derivativeSpec(Params p, Listing l, Side side, String orderType, BigDecimal qty,
                                            BigDecimal price, String tif, String orderLinkId, BigDecimal trigger,
                                            String triggerBy, BigDecimal reference) {
        BybitSymbol s = l.spec;
        boolean reduceOnly = p.bool("reduceOnly").orElse(false);
        boolean closeOnTrigger = p.bool("closeOnTrigger").orElse(false);
        int positionIdx = p.integer("positionIdx").orElse(0);
        if (positionIdx < 0 || positionIdx > 2) {
            throw Errors.invalid("positionIdx");
        }
        int direction = 0;
        if (trigger != null) {
            direction = p.integer("triggerDirection").orElseThrow(() -> Errors.missing("triggerDirection"));
            if (direction != 1 && direction != 2) {
                throw Errors.invalid("triggerDirection");
            }
            checkPrice(s, trigger, "triggerPrice");
        }
        if (!Fmt.isMultiple(qty, s.qtyStep())) {
            throw Errors.params("qty " + Fmt.plain(qty) + " is not a multiple of qtyStep " + s.qtyStep().toPlainString());
        }
        boolean market = "Market".equals(orderType);
        if (qty.compareTo(s.minOrderQty()) < 0) {
            throw Errors.qtyBelowMin();
        }
        BigDecimal max = market ? s.maxMarketOrderQty() : s.maxOrderQty();
        if (qty.compareTo(max) > 0) {
            throw Errors.qtyAboveMax(qty, max);
        }
        if (price != null) {
            checkPrice(s, price, "price");
        }
        if (!reduceOnly && !closeOnTrigger && s.minOrderValue().signum() > 0) {
            BigDecimal basis = price != null ? price : trigger != null ? trigger : reference;
            BigDecimal notional = l.inverse() ? qty.multiply(s.contractSize())
                    : basis == null ? null : qty.multiply(basis).multiply(s.contractSize());
            if (notional != null && notional.compareTo(s.minOrderValue()) < 0) {
                throw Errors.belowMinNotional();
            }
        }
        return new OrderSpec(l, side, orderType, qty, "", price, tif, orderLinkId, reduceOnly || closeOnTrigger,
                closeOnTrigger, positionIdx, trigger, direction, triggerBy, "");
    }

    /** A derivative price: on the tick (else 10001) and inside the price filter (else 110003). */
    static void checkPrice(BybitSymbol s, BigDecimal price, String name) {
        if (!Fmt.isMultiple(price, s.tickSize())) {
            throw Errors.params(name + " " + Fmt.plain(price) + " is not a multiple of tickSize "
                    + s.tickSize().toPlainString());
        }
        if (price.compareTo(s.minPrice()) < 0 || price.compareTo(s.maxPrice()) > 0) {
            throw Errors.priceOutOfRange();
        }
    }
}

package io.fixbridge.gateway.config;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One set of pre-trade limits, as written under {@code risk.sessions.<SenderCompID>},
 * {@code risk.accounts.<venue>/<account>} or an {@code instruments.<Symbol>} override below them.
 * A null component is no limit. Quantities are in the instrument's base unit (what OrderQty(38)
 * counts), notionals in its quote currency (what CashOrderQty(152) counts). Immutable.
 *
 * @param maxOrderQty          largest OrderQty(38) of one order
 * @param maxOrderNotional     largest notional of one order: quantity x limit price, or x the
 *                             reference price for an order without one; CashOrderQty(152) as is
 * @param priceCollarPercent   how far, in percent, a limit price (or a stop's StopPx) may be through
 *                             the venue's reference price: a buy above it by more, a sell below it
 *                             by more, is refused
 * @param maxOpenOrders        most orders open (or pending new) at once
 * @param maxPosition          largest absolute position per instrument, counting the open orders on
 *                             the side of the order as if they filled
 * @param maxGrossNotional     largest gross notional per instrument: the position at the reference
 *                             price plus every open order's remaining notional plus the new order's
 * @param maxOrdersPerSecond   most new orders and replaces in any one-second window
 * @param maxDailyNotional     largest notional filled since 00:00 UTC plus the open orders'
 *                             remaining notional plus the new order's
 */
public record RiskLimits(BigDecimal maxOrderQty, BigDecimal maxOrderNotional, BigDecimal priceCollarPercent,
                         Integer maxOpenOrders, BigDecimal maxPosition, BigDecimal maxGrossNotional,
                         Integer maxOrdersPerSecond, BigDecimal maxDailyNotional) {

    /** No limit at all. */
    public static final RiskLimits NONE = new RiskLimits(null, null, null, null, null, null, null, null);

    /** The settings' names in gateway.yaml, in the order the checks run. */
    public static final List<String> NAMES = List.of("maxOrderQty", "maxOrderNotional", "priceCollarPercent",
            "maxOpenOrders", "maxPosition", "maxGrossNotional", "maxOrdersPerSecond", "maxDailyNotional");

    /** These limits with every limit {@code override} sets replacing this one's. */
    public RiskLimits overriddenBy(RiskLimits override) {
        return new RiskLimits(
                pick(override.maxOrderQty, maxOrderQty), pick(override.maxOrderNotional, maxOrderNotional),
                pick(override.priceCollarPercent, priceCollarPercent), pick(override.maxOpenOrders, maxOpenOrders),
                pick(override.maxPosition, maxPosition), pick(override.maxGrossNotional, maxGrossNotional),
                pick(override.maxOrdersPerSecond, maxOrdersPerSecond), pick(override.maxDailyNotional, maxDailyNotional));
    }

    /** Whether no limit is set. */
    public boolean isEmpty() {
        return equals(NONE);
    }

    /** The limits that are set, by their gateway.yaml names, in check order; for logs and the admin endpoint. */
    public Map<String, String> asMap() {
        Map<String, String> out = new LinkedHashMap<>();
        List<Object> values = new ArrayList<>();
        values.add(maxOrderQty);
        values.add(maxOrderNotional);
        values.add(priceCollarPercent);
        values.add(maxOpenOrders);
        values.add(maxPosition);
        values.add(maxGrossNotional);
        values.add(maxOrdersPerSecond);
        values.add(maxDailyNotional);
        for (int i = 0; i < NAMES.size(); i++) {
            Object v = values.get(i);
            if (v != null) {
                out.put(NAMES.get(i), v instanceof BigDecimal d ? d.toPlainString() : v.toString());
            }
        }
        return out;
    }

    private static <T> T pick(T override, T base) {
        return override != null ? override : base;
    }
}

package io.fixbridge.venue;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What a venue can do, as data. The gateway checks every order against these before routing
 * and refuses what the venue cannot do; nothing is quietly defaulted.
 *
 * @param markets             market types the venue trades
 * @param orderTypes          order types it accepts
 * @param timesInForce        times in force it accepts
 * @param postOnly            whether it has post-only (maker-only) orders
 * @param reduceOnlyMarkets   market types on which reduce-only orders exist (empty: none)
 * @param iceberg             whether it takes a display quantity
 * @param cashOrderQuantity   whether market orders may be sized in the quote currency
 * @param triggerDirection    whether a conditional order may state its trigger direction
 *                            explicitly (otherwise it is implied by type and side)
 * @param replaceMode         how a replace is carried out
 * @param oco                 whether one-cancels-the-other order lists can be placed
 */
public record VenueCapabilities(
        Set<MarketType> markets,
        Set<OrderType> orderTypes,
        Set<TimeInForce> timesInForce,
        boolean postOnly,
        Set<MarketType> reduceOnlyMarkets,
        boolean iceberg,
        boolean cashOrderQuantity,
        boolean triggerDirection,
        ReplaceMode replaceMode,
        boolean oco) {

    public VenueCapabilities {
        markets = Set.copyOf(markets);
        orderTypes = Set.copyOf(orderTypes);
        timesInForce = Set.copyOf(timesInForce);
        reduceOnlyMarkets = Set.copyOf(reduceOnlyMarkets);
        Objects.requireNonNull(replaceMode, "replaceMode");
    }

    /**
     * Everything about {@code order} that this venue cannot do on {@code marketType}, each as a
     * sentence for a person; empty when the venue can take the order as it is.
     */
    public List<String> unsupported(OrderRequest order, MarketType marketType) {
        List<String> problems = new ArrayList<>(2);
        if (!markets.contains(marketType)) {
            problems.add("the venue does not trade " + marketType + " markets");
        }
        if (!orderTypes.contains(order.type())) {
            problems.add("the venue does not accept " + order.type() + " orders (it accepts " + sorted(orderTypes) + ")");
        }
        if (!timesInForce.contains(order.timeInForce())) {
            problems.add("the venue does not accept time in force " + order.timeInForce()
                    + " (it accepts " + sorted(timesInForce) + ")");
        }
        if (order.postOnly() && !postOnly) {
            problems.add("the venue has no post-only orders");
        }
        if (order.reduceOnly() && !reduceOnlyMarkets.contains(marketType)) {
            problems.add(reduceOnlyMarkets.isEmpty()
                    ? "the venue has no reduce-only orders"
                    : "reduce-only applies only to " + sorted(reduceOnlyMarkets) + " markets on this venue");
        }
        if (order.displayQuantity() != null && !iceberg) {
            problems.add("the venue has no iceberg orders (MaxFloor)");
        }
        if (order.cashQuantity() != null && !cashOrderQuantity) {
            problems.add("the venue cannot size orders in the quote currency (CashOrderQty)");
        }
        if (order.triggerDirection() != null && !triggerDirection) {
            problems.add("the venue does not take an explicit trigger direction");
        }
        return problems;
    }

    private static <E extends Enum<E>> String sorted(Set<E> values) {
        if (values.isEmpty()) {
            return "none";
        }
        return EnumSet.copyOf(values).toString();
    }
}

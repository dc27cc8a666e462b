package io.fixbridge.venue.ccxt;

import io.fixbridge.venue.TimeInForce;

import java.util.Objects;
import java.util.Set;

/**
 * What ccxt says one kind of market of the exchange ({@code features.spot}, {@code features.swap.linear}, ...)
 * accepts in {@code createOrder}, reduced to what the adapter can send through ccxt's unified parameters.
 * Immutable.
 *
 * @param triggerPrice     unified {@code triggerPrice} (stop and stop-limit orders)
 * @param triggerDirection unified {@code triggerDirection} alongside {@code triggerPrice}
 * @param stopLossPrice    unified {@code stopLossPrice}
 * @param takeProfitPrice  unified {@code takeProfitPrice}
 * @param timesInForce     GTC always; IOC and FOK where features.createOrder.timeInForce says so
 * @param postOnly         timeInForce PO (unified {@code postOnly})
 * @param marketBuyByCost  market buys sized in the quote currency (unified {@code cost})
 * @param reduceOnly       unified {@code reduceOnly} (derivatives where has.createReduceOnlyOrder)
 */
public record OrderFeatures(boolean triggerPrice, boolean triggerDirection, boolean stopLossPrice,
                            boolean takeProfitPrice, Set<TimeInForce> timesInForce, boolean postOnly,
                            boolean marketBuyByCost, boolean reduceOnly) {
    public OrderFeatures {
        timesInForce = Set.copyOf(Objects.requireNonNull(timesInForce, "timesInForce"));
    }

    /** A market kind ccxt describes no features for: limit and market orders, GTC only. */
    public static final OrderFeatures BASIC = new OrderFeatures(false, false, false, false, Set.of(TimeInForce.GTC),
            false, false, false);

    /** Whether take-profit (market-if-touched) orders can be expressed. */
    public boolean takeProfit() {
        return takeProfitPrice || (triggerPrice && triggerDirection);
    }
}

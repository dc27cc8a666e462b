package io.fixbridge.gateway.risk;

import java.math.BigDecimal;

/**
 * What one scope (a session or an account) has open and has done, either over every instrument or
 * on one. Plain counters; {@link RiskBook} keeps them. Not thread-safe: the order engine thread's.
 */
final class Exposure {
    /** Orders not done (pending new included). */
    int openOrders;
    /** Remaining quantity of open buys (meaningful per instrument). */
    BigDecimal openBuyQty = BigDecimal.ZERO;
    /** Remaining quantity of open sells (meaningful per instrument). */
    BigDecimal openSellQty = BigDecimal.ZERO;
    /** Remaining notional of the open orders. */
    BigDecimal openNotional = BigDecimal.ZERO;
    /** Net filled quantity, buys positive (meaningful per instrument). */
    BigDecimal position = BigDecimal.ZERO;
    /** Notional filled since 00:00 UTC. */
    BigDecimal filledToday = BigDecimal.ZERO;
    /** New orders and replaces admitted in the last second. */
    final OrderRate rate = new OrderRate();
}

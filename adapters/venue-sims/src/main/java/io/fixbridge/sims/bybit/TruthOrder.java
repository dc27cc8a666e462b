package io.fixbridge.sims.bybit;

import io.fixbridge.venue.paper.engine.OrderView;

import java.math.BigDecimal;
import java.util.List;

/**
 * One order as the simulator knows it, for tests that check what really happened: Bybit's view
 * and the matching engine's own {@link OrderView} (null while a conditional order waits for its
 * trigger, or for an order that never reached the engine, e.g. a PostOnly that would take).
 * Immutable.
 *
 * @param category     spot, linear or inverse
 * @param symbol       Bybit's symbol
 * @param orderId      Bybit's order id
 * @param orderLinkId  the client's id ("" when none)
 * @param side         Buy or Sell
 * @param orderType    Market or Limit
 * @param orderStatus  Bybit's status (New, PartiallyFilled, Filled, Cancelled, PartiallyFilledCanceled,
 *                     Untriggered, Triggered, Deactivated)
 * @param qty          the quantity (a quote amount for a spot market order by value)
 * @param price        the price (null for spot market orders)
 * @param triggerPrice the trigger of a conditional order, else null
 * @param cumExecQty   filled quantity
 * @param cumExecValue filled value
 * @param cumExecFee   fees paid
 * @param rejectReason Bybit's rejectReason (EC_NoError, EC_PostOnlyWillTakeLiquidity, ...)
 * @param reduceOnly   reduceOnly as sent
 * @param executions   its fills, oldest first
 * @param engineView   the engine's view, or null
 */
public record TruthOrder(Category category, String symbol, String orderId, String orderLinkId, String side,
                         String orderType, String orderStatus, BigDecimal qty, BigDecimal price,
                         BigDecimal triggerPrice, BigDecimal cumExecQty, BigDecimal cumExecValue,
                         BigDecimal cumExecFee, String rejectReason, boolean reduceOnly,
                         List<TruthExecution> executions, OrderView engineView) {
    public TruthOrder {
        executions = List.copyOf(executions);
    }
}

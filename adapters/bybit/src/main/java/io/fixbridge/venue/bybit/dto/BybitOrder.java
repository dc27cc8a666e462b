package io.fixbridge.venue.bybit.dto;

/**
 * An order as {@code GET /v5/order/realtime}, {@code /v5/order/history} and the private
 * {@code order} topic report it (the topic adds {@code category}).
 *
 * @param category         spot, linear, inverse (stream only)
 * @param symbol           Bybit's symbol
 * @param orderId          Bybit's order id
 * @param orderLinkId      the client order id, {@code ""} for orders placed without one
 * @param side             Buy, Sell
 * @param orderType        Market, Limit
 * @param price            limit price ({@code "0"} or {@code ""} for market orders)
 * @param qty              order quantity (quote amount for a spot market order by quote)
 * @param timeInForce      GTC, IOC, FOK, PostOnly
 * @param orderStatus      New, PartiallyFilled, Untriggered, Rejected, PartiallyFilledCanceled, Filled,
 *                         Cancelled, Triggered, Deactivated
 * @param cancelType       who or what canceled it (CancelByUser, ...), UNKNOWN otherwise
 * @param rejectReason     EC_NoError, EC_PostOnlyWillTakeLiquidity, ...
 * @param avgPrice         average fill price
 * @param leavesQty        quantity left
 * @param cumExecQty       quantity filled
 * @param cumExecValue     value filled
 * @param cumExecFee       fees paid
 * @param triggerPrice     conditional orders: trigger price
 * @param triggerDirection 1 rise, 2 fall, 0 none
 * @param stopOrderType    Stop, tpslOrder, ... or UNKNOWN / "" for plain orders
 * @param orderFilter      spot: Order, StopOrder, tpslOrder (not always present)
 * @param reduceOnly       reduce-only
 * @param positionIdx      0 one-way, 1 hedge long, 2 hedge short
 * @param marketUnit       spot market orders: baseCoin, quoteCoin
 * @param createdTime      epoch ms
 * @param updatedTime      epoch ms
 */
public record BybitOrder(String category, String symbol, String orderId, String orderLinkId, String side,
                         String orderType, String price, String qty, String timeInForce, String orderStatus,
                         String cancelType, String rejectReason, String avgPrice, String leavesQty,
                         String cumExecQty, String cumExecValue, String cumExecFee, String triggerPrice,
                         Integer triggerDirection, String stopOrderType, String orderFilter, Boolean reduceOnly,
                         Integer positionIdx, String marketUnit, String createdTime, String updatedTime) {
}

package io.fixbridge.venue.bybit.dto;

/**
 * One execution as {@code GET /v5/execution/list} and the private {@code execution} topic report
 * it (the topic adds {@code category}).
 *
 * @param category    spot, linear, inverse (stream only)
 * @param symbol      Bybit's symbol
 * @param orderId     Bybit's order id
 * @param orderLinkId the client order id
 * @param side        Buy, Sell
 * @param orderType   Market, Limit
 * @param orderQty    the order's quantity
 * @param orderPrice  the order's price
 * @param execId      the trade id, unique per execution
 * @param execPrice   price
 * @param execQty     quantity
 * @param execValue   value
 * @param execFee     fee (negative for a rebate)
 * @param feeCurrency the fee's coin (spot; may be empty on derivatives, which settle fees in the settle coin)
 * @param feeRate     fee rate
 * @param execType    Trade, Funding, AdlTrade, BustTrade, Delivery, Settle, BlockTrade, MovePosition, ...
 * @param isMaker     whether the order was resting
 * @param execTime    epoch ms
 * @param leavesQty   the order's quantity left after this execution
 * @param seq         a sequence number
 */
public record Execution(String category, String symbol, String orderId, String orderLinkId, String side,
                        String orderType, String orderQty, String orderPrice, String execId, String execPrice,
                        String execQty, String execValue, String execFee, String feeCurrency, String feeRate,
                        String execType, Boolean isMaker, String execTime, String leavesQty, Long seq) {
}

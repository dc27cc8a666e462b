package io.fixbridge.sims.binance;

import io.fixbridge.venue.paper.engine.OrderView;

import java.math.BigDecimal;
import java.util.List;

/**
 * One order as the simulator knows it, for tests that check what really happened: Binance's view
 * (ids, type, status, quantities, fills) and the matching engine's own {@link OrderView} (null for
 * an order the engine never accepted). Immutable.
 *
 * @param market        {@code SPOT} or {@code FUTURES}
 * @param account       account name
 * @param symbol        Binance symbol
 * @param orderId       Binance order id
 * @param clientOrderId client order id
 * @param side          {@code BUY} or {@code SELL}
 * @param type          Binance order type
 * @param status        Binance order status
 * @param quantity      order quantity
 * @param executedQty   filled quantity
 * @param price         limit price, or null
 * @param stopPrice     stop price, or null
 * @param listOrAlgoId  spot: the order list id (-1 when none); futures: the algo id that placed it (-1 when none)
 * @param fills         fills, oldest first
 * @param engineView    the engine's view of the order, or null
 */
public record TruthOrder(String market, String account, String symbol, long orderId, String clientOrderId,
                         String side, String type, String status, BigDecimal quantity, BigDecimal executedQty,
                         BigDecimal price, BigDecimal stopPrice, long listOrAlgoId, List<TruthFill> fills,
                         OrderView engineView) {

    public TruthOrder {
        fills = List.copyOf(fills);
    }
}

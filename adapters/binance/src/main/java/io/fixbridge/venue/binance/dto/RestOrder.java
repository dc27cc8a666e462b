package io.fixbridge.venue.binance.dto;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.math.BigDecimal;
import java.util.List;

/**
 * An order as Binance's REST API returns it: the answer to a new order (ACK, RESULT, FULL), a
 * cancel, a query, an open-orders listing or a futures modify, spot or futures. Fields that
 * the particular answer does not carry are null.
 *
 * @param symbol              BTCUSDT
 * @param orderId             Binance's order id
 * @param orderListId         spot: the order list id, -1 when not in a list
 * @param clientOrderId       the order's client id (for a cancel: the cancel request's own id)
 * @param origClientOrderId   cancel answers: the canceled order's client id
 * @param transactTime        spot: when it happened, epoch ms
 * @param updateTime          when the order last changed, epoch ms
 * @param time                when the order was created, epoch ms
 * @param price               limit price ("0" for market orders)
 * @param origQty             order quantity
 * @param executedQty         quantity filled so far
 * @param cummulativeQuoteQty spot: quote quantity filled so far (Binance's spelling)
 * @param cumQuote            futures: quote quantity filled so far
 * @param avgPrice            futures: average fill price
 * @param status              NEW, PARTIALLY_FILLED, FILLED, CANCELED, EXPIRED, ...
 * @param timeInForce         GTC, IOC, FOK, GTX, GTD
 * @param type                LIMIT, MARKET, LIMIT_MAKER, STOP_LOSS, ...
 * @param side                BUY or SELL
 * @param stopPrice           trigger price, or null/zero
 * @param icebergQty          spot iceberg display quantity
 * @param reduceOnly          futures: reduce-only
 * @param positionSide        futures: BOTH, LONG, SHORT
 * @param goodTillDate        futures GTD: expiry, epoch ms
 * @param fills               spot FULL answers: the trades made on arrival
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record RestOrder(String symbol, Long orderId, Long orderListId, String clientOrderId, String origClientOrderId,
                        Long transactTime, Long updateTime, Long time, BigDecimal price, BigDecimal origQty,
                        BigDecimal executedQty, BigDecimal cummulativeQuoteQty, BigDecimal cumQuote,
                        BigDecimal avgPrice, String status, String timeInForce, String type, String side,
                        BigDecimal stopPrice, BigDecimal icebergQty, Boolean reduceOnly, String positionSide,
                        Long goodTillDate, List<OrderFill> fills) {
    public RestOrder {
        fills = fills == null ? List.of() : List.copyOf(fills);
    }

    /** The canceled order's own client id on a cancel answer, else the order's client id. */
    public String ownClientOrderId() {
        return origClientOrderId != null && !origClientOrderId.isBlank() ? origClientOrderId : clientOrderId;
    }
}

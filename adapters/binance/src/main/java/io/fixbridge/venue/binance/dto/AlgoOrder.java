package io.fixbridge.venue.binance.dto;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.math.BigDecimal;

/**
 * A USD-M futures conditional (algo) order: the answer to {@code POST}, {@code GET} and
 * {@code DELETE /fapi/v1/algoOrder}. Fields the particular answer does not carry are null.
 *
 * @param algoId        Binance's algo order id
 * @param clientAlgoId  the client id the adapter gave it
 * @param algoType      CONDITIONAL
 * @param orderType     STOP_MARKET, STOP, TAKE_PROFIT_MARKET, TAKE_PROFIT, TRAILING_STOP_MARKET
 * @param symbol        BTCUSDT
 * @param side          BUY or SELL
 * @param positionSide  BOTH, LONG, SHORT
 * @param timeInForce   GTC, IOC, FOK, GTX, GTD
 * @param quantity      order quantity
 * @param algoStatus    NEW, TRIGGERING, TRIGGERED, FINISHED, CANCELED, REJECTED, EXPIRED
 * @param triggerPrice  trigger price
 * @param price         limit price of the order placed on trigger ("0" for market)
 * @param reduceOnly    reduce-only
 * @param createTime    epoch ms
 * @param updateTime    epoch ms
 * @param triggerTime   epoch ms, 0 before the trigger
 * @param actualOrderId the id of the order placed on trigger, empty before
 * @param actualPrice   average price of that order
 * @param actualQty     quantity of that order filled
 * @param code          DELETE answers: "200" on success
 * @param msg           DELETE answers: "success"
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record AlgoOrder(Long algoId, String clientAlgoId, String algoType, String orderType, String symbol,
                        String side, String positionSide, String timeInForce, BigDecimal quantity, String algoStatus,
                        BigDecimal triggerPrice, BigDecimal price, Boolean reduceOnly, Long createTime,
                        Long updateTime, Long triggerTime, String actualOrderId, BigDecimal actualPrice,
                        BigDecimal actualQty, String code, String msg) {
}

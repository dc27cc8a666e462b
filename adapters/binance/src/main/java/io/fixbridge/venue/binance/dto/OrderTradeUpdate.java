package io.fixbridge.venue.binance.dto;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.math.BigDecimal;

/**
 * The USD-M futures user-data stream's {@code ORDER_TRADE_UPDATE} event.
 *
 * @param eventType       e: ORDER_TRADE_UPDATE
 * @param eventTime       E: epoch ms
 * @param transactionTime T: epoch ms
 * @param order           o: the order
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record OrderTradeUpdate(
        @JsonProperty("e") String eventType,
        @JsonProperty("E") Long eventTime,
        @JsonProperty("T") Long transactionTime,
        @JsonProperty("o") Order order) {

    /**
     * The {@code o} object.
     *
     * @param symbol          s
     * @param clientOrderId   c
     * @param side            S
     * @param orderType       o
     * @param timeInForce     f
     * @param quantity        q
     * @param price           p
     * @param averagePrice    ap
     * @param stopPrice       sp
     * @param executionType   x: NEW, CANCELED, CALCULATED, EXPIRED, TRADE, AMENDMENT
     * @param orderStatus     X: NEW, PARTIALLY_FILLED, FILLED, CANCELED, EXPIRED, EXPIRED_IN_MATCH
     * @param orderId         i
     * @param lastQty         l
     * @param cumulativeQty   z
     * @param lastPrice       L
     * @param commissionAsset N
     * @param commission      n
     * @param tradeTime       T
     * @param tradeId         t
     * @param maker           m
     * @param reduceOnly      R
     * @param originalType    ot
     * @param positionSide    ps
     * @param realizedProfit  rp
     * @param strategyId      si: for an order an algo order placed on trigger, the algo id
     * @param expiryReason    er
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Order(
            @JsonProperty("s") String symbol,
            @JsonProperty("c") String clientOrderId,
            @JsonProperty("S") String side,
            @JsonProperty("o") String orderType,
            @JsonProperty("f") String timeInForce,
            @JsonProperty("q") BigDecimal quantity,
            @JsonProperty("p") BigDecimal price,
            @JsonProperty("ap") BigDecimal averagePrice,
            @JsonProperty("sp") BigDecimal stopPrice,
            @JsonProperty("x") String executionType,
            @JsonProperty("X") String orderStatus,
            @JsonProperty("i") Long orderId,
            @JsonProperty("l") BigDecimal lastQty,
            @JsonProperty("z") BigDecimal cumulativeQty,
            @JsonProperty("L") BigDecimal lastPrice,
            @JsonProperty("N") String commissionAsset,
            @JsonProperty("n") BigDecimal commission,
            @JsonProperty("T") Long tradeTime,
            @JsonProperty("t") Long tradeId,
            @JsonProperty("m") Boolean maker,
            @JsonProperty("R") Boolean reduceOnly,
            @JsonProperty("ot") String originalType,
            @JsonProperty("ps") String positionSide,
            @JsonProperty("rp") BigDecimal realizedProfit,
            @JsonProperty("si") Long strategyId,
            @JsonProperty("er") String expiryReason) {
    }
}

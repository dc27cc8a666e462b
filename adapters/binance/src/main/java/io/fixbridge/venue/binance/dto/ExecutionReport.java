package io.fixbridge.venue.binance.dto;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.math.BigDecimal;

/**
 * The spot user-data stream's {@code executionReport} event (the {@code event} of
 * {@code {"subscriptionId":N,"event":{...}}}). Binance's one-letter keys are case-sensitive:
 * {@code c} is the client id of the request that caused the report (for a cancel, the cancel's
 * own id) and {@code C} the canceled order's original client id.
 *
 * @param eventType          e: executionReport
 * @param eventTime          E: epoch ms
 * @param symbol             s
 * @param clientOrderId      c
 * @param side               S
 * @param orderType          o
 * @param timeInForce        f
 * @param quantity           q
 * @param price              p
 * @param stopPrice          P
 * @param icebergQty         F
 * @param orderListId        g: -1 unless in an order list
 * @param origClientOrderId  C: the canceled order's client id; empty otherwise
 * @param executionType      x: NEW, CANCELED, REPLACED, REJECTED, TRADE, EXPIRED, TRADE_PREVENTION
 * @param orderStatus        X: NEW, PARTIALLY_FILLED, FILLED, CANCELED, REJECTED, EXPIRED, EXPIRED_IN_MATCH, ...
 * @param rejectReason       r: NONE, or why
 * @param orderId            i
 * @param lastQty            l: quantity of this trade
 * @param cumulativeQty      z
 * @param lastPrice          L: price of this trade
 * @param commission         n
 * @param commissionAsset    N: null without a trade
 * @param transactionTime    T: epoch ms
 * @param tradeId            t: -1 without a trade
 * @param maker              m: whether this trade was on the maker side
 * @param orderCreationTime  O: epoch ms
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ExecutionReport(
        @JsonProperty("e") String eventType,
        @JsonProperty("E") Long eventTime,
        @JsonProperty("s") String symbol,
        @JsonProperty("c") String clientOrderId,
        @JsonProperty("S") String side,
        @JsonProperty("o") String orderType,
        @JsonProperty("f") String timeInForce,
        @JsonProperty("q") BigDecimal quantity,
        @JsonProperty("p") BigDecimal price,
        @JsonProperty("P") BigDecimal stopPrice,
        @JsonProperty("F") BigDecimal icebergQty,
        @JsonProperty("g") Long orderListId,
        @JsonProperty("C") String origClientOrderId,
        @JsonProperty("x") String executionType,
        @JsonProperty("X") String orderStatus,
        @JsonProperty("r") String rejectReason,
        @JsonProperty("i") Long orderId,
        @JsonProperty("l") BigDecimal lastQty,
        @JsonProperty("z") BigDecimal cumulativeQty,
        @JsonProperty("L") BigDecimal lastPrice,
        @JsonProperty("n") BigDecimal commission,
        @JsonProperty("N") String commissionAsset,
        @JsonProperty("T") Long transactionTime,
        @JsonProperty("t") Long tradeId,
        @JsonProperty("m") Boolean maker,
        @JsonProperty("O") Long orderCreationTime) {

    /** The order's own client id: {@code C} on cancels, {@code c} otherwise. */
    public String ownClientOrderId() {
        return origClientOrderId != null && !origClientOrderId.isBlank() ? origClientOrderId : clientOrderId;
    }
}

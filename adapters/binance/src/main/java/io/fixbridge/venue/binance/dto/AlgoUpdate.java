package io.fixbridge.venue.binance.dto;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.math.BigDecimal;

/**
 * The USD-M futures user-data stream's {@code ALGO_UPDATE} event: a conditional order's life
 * in the algo service, up to the moment it places a regular order ({@code ai}).
 *
 * @param eventType       e: ALGO_UPDATE
 * @param eventTime       E: epoch ms
 * @param transactionTime T: epoch ms
 * @param order           o: the algo order
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record AlgoUpdate(
        @JsonProperty("e") String eventType,
        @JsonProperty("E") Long eventTime,
        @JsonProperty("T") Long transactionTime,
        @JsonProperty("o") Order order) {

    /**
     * The {@code o} object.
     *
     * @param clientAlgoId  caid
     * @param algoId        aid
     * @param algoType      at: CONDITIONAL
     * @param orderType     o: STOP_MARKET, STOP, TAKE_PROFIT_MARKET, TAKE_PROFIT, ...
     * @param symbol        s
     * @param side          S
     * @param positionSide  ps
     * @param timeInForce   f
     * @param quantity      q
     * @param algoStatus    X: NEW, TRIGGERING, TRIGGERED, FINISHED, CANCELED, REJECTED, EXPIRED
     * @param actualOrderId ai: the regular order placed on trigger, empty before
     * @param averagePrice  ap
     * @param executedQty   aq
     * @param actualType    act
     * @param triggerPrice  tp
     * @param price         p
     * @param reduceOnly    R
     * @param triggerTime   tt
     * @param rejectReason  rm
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Order(
            @JsonProperty("caid") String clientAlgoId,
            @JsonProperty("aid") Long algoId,
            @JsonProperty("at") String algoType,
            @JsonProperty("o") String orderType,
            @JsonProperty("s") String symbol,
            @JsonProperty("S") String side,
            @JsonProperty("ps") String positionSide,
            @JsonProperty("f") String timeInForce,
            @JsonProperty("q") BigDecimal quantity,
            @JsonProperty("X") String algoStatus,
            @JsonProperty("ai") String actualOrderId,
            @JsonProperty("ap") BigDecimal averagePrice,
            @JsonProperty("aq") BigDecimal executedQty,
            @JsonProperty("act") String actualType,
            @JsonProperty("tp") BigDecimal triggerPrice,
            @JsonProperty("p") BigDecimal price,
            @JsonProperty("R") Boolean reduceOnly,
            @JsonProperty("tt") Long triggerTime,
            @JsonProperty("rm") String rejectReason) {
    }
}

package io.fixbridge.venue.binance.dto;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.math.BigDecimal;

/**
 * A spot trade event ({@code <symbol>@trade}): one trade between a buyer and a seller.
 *
 * @param eventType  e: trade
 * @param eventTime  E: epoch ms
 * @param symbol     s: BTCUSDT
 * @param tradeId    t
 * @param price      p
 * @param quantity   q
 * @param tradeTime  T: epoch ms
 * @param buyerMaker m: whether the buyer rested (so the seller took)
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record TradeEvent(
        @JsonProperty("e") String eventType,
        @JsonProperty("E") Long eventTime,
        @JsonProperty("s") String symbol,
        @JsonProperty("t") long tradeId,
        @JsonProperty("p") BigDecimal price,
        @JsonProperty("q") BigDecimal quantity,
        @JsonProperty("T") long tradeTime,
        @JsonProperty("m") boolean buyerMaker) {
}

package io.fixbridge.venue.binance.dto;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.math.BigDecimal;

/**
 * An aggregate trade event ({@code <symbol>@aggTrade}): trades of one taker at one price, as one.
 *
 * @param eventType        e: aggTrade
 * @param eventTime        E: epoch ms
 * @param symbol           s: BTCUSDT
 * @param aggregateTradeId a
 * @param price            p
 * @param quantity         q: the trades' total
 * @param firstTradeId     f
 * @param lastTradeId      l
 * @param tradeTime        T: epoch ms
 * @param buyerMaker       m: whether the buyer rested (so the seller took)
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record AggTradeEvent(
        @JsonProperty("e") String eventType,
        @JsonProperty("E") Long eventTime,
        @JsonProperty("s") String symbol,
        @JsonProperty("a") long aggregateTradeId,
        @JsonProperty("p") BigDecimal price,
        @JsonProperty("q") BigDecimal quantity,
        @JsonProperty("f") long firstTradeId,
        @JsonProperty("l") long lastTradeId,
        @JsonProperty("T") long tradeTime,
        @JsonProperty("m") boolean buyerMaker) {
}

package io.fixbridge.venue.binance.dto;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.math.BigDecimal;
import java.util.List;

/**
 * A diff-depth event ({@code <symbol>@depth@100ms}): the absolute size of every price level that
 * changed in update ids {@code U..u}; a size of zero removes the level. Spot events carry no
 * {@code T} and no {@code pu}.
 *
 * @param eventType       e: depthUpdate
 * @param eventTime       E: epoch ms
 * @param transactionTime T: futures only, epoch ms of the last update in the event
 * @param symbol          s: BTCUSDT
 * @param firstUpdateId   U: first update id in the event
 * @param finalUpdateId   u: last update id in the event
 * @param previousFinalId pu: futures only, the {@code u} of the stream's previous event
 * @param bids            b: [price, quantity] pairs
 * @param asks            a: [price, quantity] pairs
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record DepthUpdate(
        @JsonProperty("e") String eventType,
        @JsonProperty("E") Long eventTime,
        @JsonProperty("T") Long transactionTime,
        @JsonProperty("s") String symbol,
        @JsonProperty("U") long firstUpdateId,
        @JsonProperty("u") long finalUpdateId,
        @JsonProperty("pu") Long previousFinalId,
        @JsonProperty("b") List<List<BigDecimal>> bids,
        @JsonProperty("a") List<List<BigDecimal>> asks) {
}

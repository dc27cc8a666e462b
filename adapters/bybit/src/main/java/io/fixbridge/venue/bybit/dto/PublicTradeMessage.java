package io.fixbridge.venue.bybit.dto;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;

/**
 * One message of the public {@code publicTrade.{symbol}} topic:
 * {@code {"topic":"publicTrade.BTCUSDT","type":"snapshot","ts":..,"data":[{...},..]}}, trades in
 * matching order.
 *
 * @param topic the topic, {@code publicTrade.BTCUSDT}
 * @param type  always {@code snapshot}
 * @param ts    when Bybit made the message, epoch ms
 * @param data  the trades
 */
public record PublicTradeMessage(String topic, String type, Long ts, List<Trade> data) {

    /**
     * One trade (Bybit's one-letter names).
     *
     * @param T   when it traded, epoch ms
     * @param s   Bybit's symbol
     * @param S   the taker's side, {@code Buy} or {@code Sell}
     * @param v   the quantity
     * @param p   the price
     * @param L   the direction of the price against the previous trade (derivatives and spot)
     * @param i   the trade id
     * @param BT  whether it was a block trade
     * @param seq the cross sequence
     */
    public record Trade(@JsonProperty("T") Long T, @JsonProperty("s") String s, @JsonProperty("S") String S,
                        @JsonProperty("v") String v, @JsonProperty("p") String p, @JsonProperty("L") String L,
                        @JsonProperty("i") String i, @JsonProperty("BT") Boolean BT, @JsonProperty("seq") Long seq) {
    }
}

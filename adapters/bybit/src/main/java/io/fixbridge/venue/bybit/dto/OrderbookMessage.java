package io.fixbridge.venue.bybit.dto;

import java.util.List;

/**
 * One message of the public {@code orderbook.{depth}.{symbol}} topic:
 * {@code {"topic":"orderbook.50.BTCUSDT","type":"snapshot"|"delta","ts":..,"data":{...},"cts":..}}.
 *
 * @param topic the topic, {@code orderbook.50.BTCUSDT}
 * @param type  {@code snapshot} (replaces the book) or {@code delta} (changes it)
 * @param ts    when Bybit's market data service made the message, epoch ms
 * @param data  the levels and update id
 * @param cts   when the matching engine produced this book, epoch ms (may be absent)
 */
public record OrderbookMessage(String topic, String type, Long ts, Data data, Long cts) {

    /**
     * The book part.
     *
     * @param s   Bybit's symbol
     * @param b   bids {@code [price, size]}, best first in a snapshot; a size {@code "0"} in a delta removes the level
     * @param a   asks, likewise
     * @param u   the update id: one more than the previous message's, or 1 after Bybit restarted the service
     * @param seq the cross sequence
     */
    public record Data(String s, List<List<String>> b, List<List<String>> a, Long u, Long seq) {
    }
}

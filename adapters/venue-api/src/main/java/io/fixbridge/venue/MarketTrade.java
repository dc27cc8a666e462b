package io.fixbridge.venue;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;

/**
 * One trade from a venue's public trade stream, whoever traded.
 *
 * @param symbol        unified symbol
 * @param tradeId       the venue's trade id (for an aggregated trade stream, the aggregate's id)
 * @param price         the trade price
 * @param quantity      the quantity traded
 * @param aggressor     the taker's side, or null where the venue does not say
 * @param time          the venue's time of the trade
 * @param receivedNanos {@link System#nanoTime()} when the message carrying it arrived
 */
public record MarketTrade(String symbol, String tradeId, BigDecimal price, BigDecimal quantity, Side aggressor,
                          Instant time, long receivedNanos) implements MarketDataEvent {
    public MarketTrade {
        Objects.requireNonNull(symbol, "symbol");
        Objects.requireNonNull(tradeId, "tradeId");
        Objects.requireNonNull(price, "price");
        Objects.requireNonNull(quantity, "quantity");
        Objects.requireNonNull(time, "time");
    }
}

package io.fixbridge.venue.paper.engine;

import io.fixbridge.venue.Side;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * A trade as the public tape shows it, whoever the participants were (market-maker trades
 * included). For market-data feeds of simulators built on the engine.
 *
 * @param symbol    unified symbol
 * @param tradeId   venue-wide trade id
 * @param price     trade price
 * @param quantity  traded quantity
 * @param takerSide the side of the order that crossed
 * @param timestamp when it happened
 */
public record PublicTrade(String symbol, String tradeId, BigDecimal price, BigDecimal quantity, Side takerSide,
                          Instant timestamp) {
}

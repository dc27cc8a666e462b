package io.fixbridge.venue.bybit.dto;

/**
 * A position as {@code GET /v5/position/list} (and the private {@code position} topic) report it.
 *
 * @param category       linear, inverse (stream only; the REST page names it once)
 * @param symbol         Bybit's symbol
 * @param side           Buy (long), Sell (short), {@code ""} when flat
 * @param size           size, always positive (contracts on inverse)
 * @param avgPrice       average entry price (REST)
 * @param entryPrice     average entry price (stream)
 * @param positionIdx    0 one-way, 1 hedge long, 2 hedge short
 * @param cumRealisedPnl realised profit and loss since the position was first opened
 * @param curRealisedPnl realised profit and loss of the current position
 */
public record PositionInfo(String category, String symbol, String side, String size, String avgPrice,
                           String entryPrice, Integer positionIdx, String cumRealisedPnl, String curRealisedPnl) {
}

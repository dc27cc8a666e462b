package io.fixbridge.venue.bybit.dto;

/**
 * The {@code result} of {@code GET /v5/market/time}.
 *
 * @param timeSecond Bybit's time, epoch seconds
 * @param timeNano   Bybit's time, epoch nanoseconds
 */
public record ServerTime(String timeSecond, String timeNano) {
}

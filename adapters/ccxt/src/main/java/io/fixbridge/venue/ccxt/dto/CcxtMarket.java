package io.fixbridge.venue.ccxt.dto;

import java.math.BigDecimal;

/**
 * A ccxt unified market ({@code loadMarkets}).
 *
 * @param id           the exchange's own symbol ({@code BTCUSDT})
 * @param symbol       ccxt's unified symbol ({@code BTC/USDT:USDT})
 * @param type         {@code spot}, {@code swap}, {@code future}, {@code option}, ...
 * @param contractSize base units per contract (derivatives), else null
 * @param active       whether it trades; null when ccxt does not know
 * @param precision    price and amount precision, read as {@code precisionMode} says
 * @param limits       amount, price and cost limits
 * @param expiry       expiry in epoch ms (dated futures), else null
 */
public record CcxtMarket(String id, String symbol, String base, String quote, String settle, String type,
                         Boolean spot, Boolean swap, Boolean future, Boolean linear, Boolean inverse,
                         BigDecimal contractSize, Boolean active, Precision precision, Limits limits, Long expiry) {

    /** Price and amount precision: a tick, a number of decimals or of significant digits. */
    public record Precision(BigDecimal amount, BigDecimal price) {
    }

    /** Minimum and maximum; each may be null. */
    public record MinMax(BigDecimal min, BigDecimal max) {
    }

    /** The market's limits; each may be null. */
    public record Limits(MinMax amount, MinMax price, MinMax cost) {
    }
}

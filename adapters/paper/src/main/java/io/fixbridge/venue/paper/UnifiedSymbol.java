package io.fixbridge.venue.paper;

import io.fixbridge.venue.MarketType;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A unified (CCXT-style) symbol taken apart: {@code BTC/USDT} is spot, {@code BTC/USDT:USDT} a
 * linear perpetual. The paper venue trades nothing else. Immutable.
 *
 * @param base   base asset
 * @param quote  quote asset
 * @param settle settle asset: the quote asset for spot
 * @param type   spot or linear perpetual
 */
record UnifiedSymbol(String base, String quote, String settle, MarketType type) {
    private static final Pattern FORM = Pattern.compile("([A-Z0-9]+)/([A-Z0-9]+)(?::([A-Z0-9]+))?(-[0-9]+)?");

    /**
     * Parses {@code text}.
     *
     * @throws IllegalArgumentException saying what is wrong with it, for a person
     */
    static UnifiedSymbol parse(String text) {
        Matcher m = FORM.matcher(text);
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a unified symbol; write BASE/QUOTE for spot "
                    + "(BTC/USDT) or BASE/QUOTE:SETTLE for a linear perpetual (BTC/USDT:USDT), in capitals");
        }
        if (m.group(4) != null) {
            throw new IllegalArgumentException("'" + text + "' is a dated future; the paper venue trades spot and "
                    + "linear perpetuals only");
        }
        String base = m.group(1);
        String quote = m.group(2);
        String settle = m.group(3);
        if (settle == null) {
            return new UnifiedSymbol(base, quote, quote, MarketType.SPOT);
        }
        if (!settle.equals(quote)) {
            throw new IllegalArgumentException("'" + text + "' is an inverse perpetual (it settles in " + settle
                    + "); the paper venue trades spot and linear perpetuals only");
        }
        return new UnifiedSymbol(base, quote, settle, MarketType.LINEAR_PERPETUAL);
    }

    /** The venue's own name: {@code BTCUSDT} for spot, {@code BTCUSDT-PERP} for a perpetual. */
    String venueSymbol() {
        return base + quote + (type == MarketType.SPOT ? "" : "-PERP");
    }

    /** The name of the market type in the configuration file: {@code spot} or {@code linear-perpetual}. */
    static String typeName(MarketType type) {
        return type.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}

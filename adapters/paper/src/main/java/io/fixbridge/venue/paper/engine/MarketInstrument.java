package io.fixbridge.venue.paper.engine;

import io.fixbridge.venue.Instrument;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * How the synthetic market quotes one instrument.
 *
 * @param instrument    the instrument (must be listed in the engine)
 * @param startMid      the mid at start; a multiple of the tick size
 * @param levelQuantity the market maker's quantity at each price level
 */
public record MarketInstrument(Instrument instrument, BigDecimal startMid, BigDecimal levelQuantity) {
    public MarketInstrument {
        Objects.requireNonNull(instrument, "instrument");
        Objects.requireNonNull(startMid, "startMid");
        Objects.requireNonNull(levelQuantity, "levelQuantity");
        if (startMid.signum() <= 0 || !instrument.isOnTick(startMid)) {
            throw new IllegalArgumentException(instrument.symbol() + ": the start mid " + startMid.toPlainString()
                    + " must be positive and a multiple of the tick size " + instrument.tickSize().toPlainString());
        }
        if (levelQuantity.signum() <= 0) {
            throw new IllegalArgumentException(instrument.symbol() + ": the level quantity must be positive");
        }
    }
}

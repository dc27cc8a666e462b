package io.fixbridge.venue.binance;

import io.fixbridge.venue.Instrument;

import java.math.BigDecimal;
import java.util.Objects;
import java.util.Set;

/**
 * An instrument as this adapter knows it: the venue-neutral {@link Instrument} plus the Binance
 * facts the model has no place for. Immutable.
 *
 * @param instrument           the venue-neutral instrument
 * @param market               which Binance API trades it
 * @param venueStatus          Binance's own status text (TRADING, HALT, BREAK, ...), for messages
 * @param marketLotSize        MARKET_LOT_SIZE step, or null when the symbol has none
 * @param marketMinQuantity    MARKET_LOT_SIZE minQty, or null
 * @param marketMaxQuantity    MARKET_LOT_SIZE maxQty, or null
 * @param icebergParts         ICEBERG_PARTS limit, or null
 * @param orderTypes           Binance order types the symbol accepts
 * @param icebergAllowed       spot: icebergQty allowed
 * @param ocoAllowed           spot: OCO lists allowed
 * @param quoteOrderQtyAllowed spot: MARKET orders sized in the quote asset allowed
 */
public record BinanceInstrument(Instrument instrument, BinanceMarket market, String venueStatus,
                                BigDecimal marketLotSize, BigDecimal marketMinQuantity, BigDecimal marketMaxQuantity,
                                Integer icebergParts, Set<String> orderTypes, boolean icebergAllowed,
                                boolean ocoAllowed, boolean quoteOrderQtyAllowed) {

    public BinanceInstrument {
        Objects.requireNonNull(instrument, "instrument");
        Objects.requireNonNull(market, "market");
        Objects.requireNonNull(venueStatus, "venueStatus");
        orderTypes = orderTypes == null ? Set.of() : Set.copyOf(orderTypes);
    }

    /** Unified symbol, e.g. {@code BTC/USDT:USDT}. */
    public String symbol() {
        return instrument.symbol();
    }

    /** Binance's symbol, e.g. {@code BTCUSDT}. */
    public String venueSymbol() {
        return instrument.venueSymbol();
    }
}

package io.fixbridge.venue.ccxt;

import io.fixbridge.venue.Instrument;
import io.fixbridge.venue.MarketType;

import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The markets loaded at connect, by unified symbol, each with its instrument and what its market type
 * accepts in createOrder. Immutable and thread-safe.
 */
final class Markets {
    static final Markets EMPTY = new Markets(List.of());

    /** One market. */
    record Market(Instrument instrument, OrderFeatures features) {
        Market {
            Objects.requireNonNull(instrument, "instrument");
            Objects.requireNonNull(features, "features");
        }

        String symbol() {
            return instrument.symbol();
        }

        MarketType type() {
            return instrument.marketType();
        }
    }

    private final Map<String, Market> bySymbol = new LinkedHashMap<>();
    private final List<Instrument> instruments;

    Markets(List<Market> markets) {
        markets.forEach(m -> bySymbol.put(m.symbol(), m));
        this.instruments = bySymbol.values().stream().map(Market::instrument).toList();
    }

    Optional<Market> symbol(String symbol) {
        return Optional.ofNullable(bySymbol.get(symbol));
    }

    List<Instrument> instruments() {
        return instruments;
    }

    Set<MarketType> types() {
        Set<MarketType> out = EnumSet.noneOf(MarketType.class);
        bySymbol.values().forEach(m -> out.add(m.type()));
        return out;
    }

    boolean isEmpty() {
        return bySymbol.isEmpty();
    }
}

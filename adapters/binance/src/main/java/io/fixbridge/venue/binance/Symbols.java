package io.fixbridge.venue.binance;

import io.fixbridge.venue.Instrument;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The instruments loaded at connect, looked up by unified symbol and by market and Binance
 * symbol. Immutable; the adapter swaps the whole set at once.
 */
final class Symbols {
    static final Symbols EMPTY = new Symbols(List.of());

    private final Map<String, BinanceInstrument> byUnified = new LinkedHashMap<>();
    private final Map<String, BinanceInstrument> byVenue = new LinkedHashMap<>();
    private final List<Instrument> instruments;
    private final List<BinanceInstrument> all;

    Symbols(List<BinanceInstrument> all) {
        for (BinanceInstrument i : all) {
            byUnified.put(i.symbol(), i);
            byVenue.put(key(i.market(), i.venueSymbol()), i);
        }
        this.instruments = all.stream().map(BinanceInstrument::instrument).toList();
        this.all = List.copyOf(all);
    }

    List<BinanceInstrument> all() {
        return all;
    }

    /** These instruments with those of {@code markets} replaced by {@code loaded} (which are of those markets). */
    Symbols replacing(Set<BinanceMarket> markets, List<BinanceInstrument> loaded) {
        List<BinanceInstrument> next = new ArrayList<>(all.size() + loaded.size());
        for (BinanceInstrument i : all) {
            if (!markets.contains(i.market())) {
                next.add(i);
            }
        }
        next.addAll(loaded);
        return new Symbols(next);
    }

    boolean isEmpty() {
        return byUnified.isEmpty();
    }

    Optional<BinanceInstrument> unified(String symbol) {
        return Optional.ofNullable(byUnified.get(symbol));
    }

    /** The unified symbol of a Binance symbol on {@code market}, or null when it is not loaded. */
    String unifiedOf(BinanceMarket market, String venueSymbol) {
        BinanceInstrument i = byVenue.get(key(market, venueSymbol));
        return i == null ? null : i.symbol();
    }

    List<Instrument> instruments() {
        return instruments;
    }

    private static String key(BinanceMarket market, String venueSymbol) {
        return market.name() + ":" + venueSymbol;
    }
}

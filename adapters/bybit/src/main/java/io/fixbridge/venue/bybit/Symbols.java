package io.fixbridge.venue.bybit;

import io.fixbridge.venue.Instrument;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The instruments loaded at connect, looked up by unified symbol and by category and Bybit symbol
 * ({@code BTCUSDT} is both a spot pair and a linear perpetual). Immutable; the adapter swaps the
 * whole set at once.
 */
final class Symbols {
    static final Symbols EMPTY = new Symbols(List.of());

    private final Map<String, BybitInstrument> byUnified = new LinkedHashMap<>();
    private final Map<String, BybitInstrument> byVenue = new LinkedHashMap<>();
    private final List<Instrument> instruments;
    private final List<BybitInstrument> all;

    Symbols(List<BybitInstrument> all) {
        for (BybitInstrument i : all) {
            byUnified.put(i.symbol(), i);
            byVenue.put(key(i.category(), i.venueSymbol()), i);
        }
        this.instruments = all.stream().map(BybitInstrument::instrument).toList();
        this.all = List.copyOf(all);
    }

    List<BybitInstrument> all() {
        return all;
    }

    boolean isEmpty() {
        return byUnified.isEmpty();
    }

    Optional<BybitInstrument> unified(String symbol) {
        return Optional.ofNullable(byUnified.get(symbol));
    }

    /** The instrument of a Bybit symbol in {@code category}, if loaded. */
    Optional<BybitInstrument> venue(BybitCategory category, String venueSymbol) {
        return Optional.ofNullable(byVenue.get(key(category, venueSymbol)));
    }

    /** The unified symbol of a Bybit symbol in {@code category}, or null when it is not loaded. */
    String unifiedOf(BybitCategory category, String venueSymbol) {
        BybitInstrument i = byVenue.get(key(category, venueSymbol));
        return i == null ? null : i.symbol();
    }

    /** The settle coins of the loaded instruments of {@code category}, sorted. */
    Set<String> settleCoins(BybitCategory category) {
        Set<String> out = new TreeSet<>();
        for (BybitInstrument i : all) {
            if (i.category() == category) {
                out.add(i.instrument().settleAsset());
            }
        }
        return out;
    }

    List<Instrument> instruments() {
        return instruments;
    }

    /** These instruments with {@code instrument} added, or replacing the one of the same category and Bybit symbol. */
    Symbols with(BybitInstrument instrument) {
        List<BybitInstrument> next = new ArrayList<>(all.size() + 1);
        for (BybitInstrument i : all) {
            if (i.category() != instrument.category() || !i.venueSymbol().equals(instrument.venueSymbol())) {
                next.add(i);
            }
        }
        next.add(instrument);
        return new Symbols(next);
    }

    /** These instruments with {@code loaded} replacing the instruments of their categories. */
    Symbols replacing(Set<BybitCategory> categories, List<BybitInstrument> loaded) {
        List<BybitInstrument> next = new ArrayList<>(all.size() + loaded.size());
        for (BybitInstrument i : all) {
            if (!categories.contains(i.category())) {
                next.add(i);
            }
        }
        next.addAll(loaded);
        return new Symbols(next);
    }

    private static String key(BybitCategory category, String venueSymbol) {
        return category.name() + ":" + venueSymbol;
    }
}

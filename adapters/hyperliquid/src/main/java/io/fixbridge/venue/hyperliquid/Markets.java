package io.fixbridge.venue.hyperliquid;

import io.fixbridge.venue.Instrument;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The markets loaded at connect, by unified symbol and by coin name. Immutable; replaced whole.
 */
final class Markets {
    static final Markets EMPTY = new Markets(List.of());

    private final Map<String, HyperliquidMarket> bySymbol = new LinkedHashMap<>();
    private final Map<String, HyperliquidMarket> byCoin = new LinkedHashMap<>();
    private final List<Instrument> instruments;

    Markets(List<HyperliquidMarket> markets) {
        for (HyperliquidMarket m : markets) {
            bySymbol.putIfAbsent(m.symbol(), m);
            byCoin.putIfAbsent(m.coin(), m);
        }
        instruments = bySymbol.values().stream().map(HyperliquidMarket::instrument).toList();
    }

    boolean isEmpty() {
        return bySymbol.isEmpty();
    }

    Optional<HyperliquidMarket> symbol(String unified) {
        return Optional.ofNullable(bySymbol.get(unified));
    }

    Optional<HyperliquidMarket> coin(String coin) {
        return Optional.ofNullable(coin == null ? null : byCoin.get(coin));
    }

    List<Instrument> instruments() {
        return instruments;
    }
}

package io.fixbridge.sims.hyperliquid;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The simulator's universe: perpetuals and spot pairs, found by asset id, coin name or engine
 * symbol. Immutable after construction (markets' delisted flags aside, see {@link HlMarket}).
 */
final class HlMarkets {
    private final List<HlMarket> perps = new ArrayList<>();
    private final List<HlMarket> spots = new ArrayList<>();
    private final List<SpotListing> spotListings;
    private final Map<Integer, HlMarket> byAsset = new HashMap<>();
    private final Map<String, HlMarket> byCoin = new HashMap<>();
    private final Map<String, HlMarket> bySymbol = new HashMap<>();

    HlMarkets(List<PerpListing> perpListings, List<SpotListing> spotListings) {
        this.spotListings = List.copyOf(spotListings);
        for (int i = 0; i < perpListings.size(); i++) {
            add(perps, HlMarket.perp(i, perpListings.get(i)));
        }
        for (int i = 0; i < spotListings.size(); i++) {
            add(spots, HlMarket.spot(i, spotListings.get(i)));
        }
    }

    private void add(List<HlMarket> list, HlMarket m) {
        if (byCoin.putIfAbsent(m.coin, m) != null || bySymbol.putIfAbsent(m.symbol(), m) != null) {
            throw new IllegalArgumentException("market " + m.coin + " (" + m.symbol() + ") is listed twice");
        }
        byAsset.put(m.asset, m);
        list.add(m);
    }

    List<HlMarket> perps() {
        return Collections.unmodifiableList(perps);
    }

    List<HlMarket> spots() {
        return Collections.unmodifiableList(spots);
    }

    List<HlMarket> all() {
        List<HlMarket> all = new ArrayList<>(perps);
        all.addAll(spots);
        return all;
    }

    List<SpotListing> spotListings() {
        return spotListings;
    }

    HlMarket byAsset(int asset) {
        return byAsset.get(asset);
    }

    HlMarket byCoin(String coin) {
        return byCoin.get(coin);
    }

    HlMarket bySymbol(String symbol) {
        return bySymbol.get(symbol);
    }

    /** The spot token names by token index: USDC, then the base tokens. */
    List<String> tokens() {
        List<String> tokens = new ArrayList<>();
        tokens.add("USDC");
        for (SpotListing l : spotListings) {
            tokens.add(l.token());
        }
        return tokens;
    }
}

package io.fixbridge.venue.hyperliquid.dto;

import java.util.List;

/**
 * {@code POST /info {"type":"spotClearinghouseState"}}: spot token balances.
 *
 * @param balances balances
 */
public record SpotClearinghouseState(List<SpotBalance> balances) {
    public SpotClearinghouseState {
        balances = balances == null ? List.of() : List.copyOf(balances);
    }

    /**
     * @param coin     token name
     * @param token    token index
     * @param hold     held by open orders
     * @param total    total
     * @param entryNtl entry notional
     */
    public record SpotBalance(String coin, Integer token, String hold, String total, String entryNtl) {
    }
}

package io.fixbridge.venue.binance.dto;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.math.BigDecimal;
import java.util.List;

/**
 * {@code GET /api/v3/account}, reduced to what the adapter reads.
 *
 * @param canTrade whether the key may trade
 * @param balances one entry per asset
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record SpotAccount(Boolean canTrade, List<AssetBalance> balances) {
    public SpotAccount {
        balances = balances == null ? List.of() : List.copyOf(balances);
    }

    /**
     * One asset.
     *
     * @param asset  BTC
     * @param free   available for new orders
     * @param locked held by open orders
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record AssetBalance(String asset, BigDecimal free, BigDecimal locked) {
    }
}

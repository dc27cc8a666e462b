package io.fixbridge.venue.binance.dto;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.math.BigDecimal;

/**
 * One trade of {@code GET /api/v3/myTrades} (spot: {@code isMaker}) or
 * {@code GET /fapi/v1/userTrades} (futures: {@code maker}).
 *
 * @param symbol          BTCUSDT
 * @param id              Binance's trade id
 * @param orderId         the order's id
 * @param price           trade price
 * @param qty             trade quantity
 * @param commission      commission charged
 * @param commissionAsset its asset
 * @param time            epoch ms
 * @param isMaker         spot: whether the order was the maker
 * @param maker           futures: whether the order was the maker
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record AccountTrade(String symbol, Long id, Long orderId, BigDecimal price, BigDecimal qty,
                           BigDecimal commission, String commissionAsset, Long time, Boolean isMaker, Boolean maker) {

    /** Whether the order was the maker, whichever market's spelling carried it. */
    public boolean wasMaker() {
        return Boolean.TRUE.equals(isMaker) || Boolean.TRUE.equals(maker);
    }
}

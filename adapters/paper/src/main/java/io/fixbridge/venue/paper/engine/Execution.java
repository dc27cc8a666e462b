package io.fixbridge.venue.paper.engine;

import io.fixbridge.venue.Liquidity;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;

/**
 * One fill of one order.
 *
 * @param tradeId         the venue-wide trade id; both sides of a trade carry the same one
 * @param clientOrderId   the order's client order id at the time of the fill
 * @param quantity        filled quantity, greater than zero
 * @param price           trade price (the resting order's price)
 * @param commission      fee charged, {@code notional * rate}
 * @param commissionAsset the asset the fee was charged in (the quote asset on spot, the settle
 *                        asset on perpetuals)
 * @param liquidity       maker for the resting order, taker for the incoming one
 * @param timestamp       when the trade happened, from the engine's clock
 */
public record Execution(String tradeId, String clientOrderId, BigDecimal quantity, BigDecimal price,
                        BigDecimal commission, String commissionAsset, Liquidity liquidity, Instant timestamp) {
    public Execution {
        Objects.requireNonNull(tradeId, "tradeId");
        Objects.requireNonNull(quantity, "quantity");
        Objects.requireNonNull(price, "price");
        Objects.requireNonNull(commission, "commission");
        Objects.requireNonNull(commissionAsset, "commissionAsset");
        Objects.requireNonNull(liquidity, "liquidity");
        Objects.requireNonNull(timestamp, "timestamp");
    }
}

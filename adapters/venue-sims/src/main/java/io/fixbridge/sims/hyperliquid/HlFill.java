package io.fixbridge.sims.hyperliquid;

import java.math.BigDecimal;

/**
 * One fill of one user's order, as {@code userFills} and the {@code userFills} stream report it.
 * Immutable; also what {@link Truth#fills} answers.
 *
 * @param coin          the market's coin name
 * @param px            price
 * @param sz            size
 * @param isBuy         side B (true) or A
 * @param time          ms
 * @param startPosition the position (perps) or base-token balance (spot) before the fill
 * @param dir           Open Long, Close Short, Long &gt; Short, ... (perps) or Buy / Sell (spot)
 * @param closedPnl     realised PnL of the fill, before fees
 * @param hash          the trade's transaction hash
 * @param oid           the order's id
 * @param crossed       whether the order took liquidity
 * @param fee           the fee charged
 * @param tid           the trade id, unique per fill of a user
 * @param feeToken      USDC, or for a spot buy the base token received
 * @param cloid         the order's cloid, or null
 */
public record HlFill(String coin, BigDecimal px, BigDecimal sz, boolean isBuy, long time, BigDecimal startPosition,
              String dir, BigDecimal closedPnl, String hash, long oid, boolean crossed, BigDecimal fee, long tid,
              String feeToken, String cloid) {
}

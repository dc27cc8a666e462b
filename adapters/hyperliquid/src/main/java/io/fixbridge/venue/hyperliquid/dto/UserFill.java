package io.fixbridge.venue.hyperliquid.dto;

/**
 * One fill ({@code userFills}, {@code userFillsByTime}, the {@code userFills} channel).
 *
 * @param coin          coin name
 * @param px            price
 * @param sz            size
 * @param side          {@code B} or {@code A}
 * @param time          ms
 * @param startPosition position before the fill
 * @param dir           e.g. {@code Open Long}, {@code Buy}
 * @param closedPnl     realised PnL
 * @param hash          transaction hash
 * @param oid           order id
 * @param crossed       whether the order took liquidity
 * @param fee           fee paid (negative: rebate)
 * @param tid           trade id, unique per fill per user
 * @param feeToken      the fee's token
 * @param cloid         the order's client id, or null
 */
public record UserFill(String coin, String px, String sz, String side, Long time, String startPosition, String dir,
                       String closedPnl, String hash, Long oid, Boolean crossed, String fee, String tid,
                       String feeToken, String cloid) {
}

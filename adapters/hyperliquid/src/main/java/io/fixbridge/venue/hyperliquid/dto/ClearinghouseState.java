package io.fixbridge.venue.hyperliquid.dto;

import java.util.List;

/**
 * {@code POST /info {"type":"clearinghouseState"}}: perpetual positions and margin.
 *
 * @param assetPositions     open positions
 * @param marginSummary      margin summary
 * @param crossMarginSummary cross margin summary
 * @param withdrawable       USDC that may be withdrawn (free margin)
 * @param time               ms
 */
public record ClearinghouseState(List<AssetPosition> assetPositions, MarginSummary marginSummary,
                                 MarginSummary crossMarginSummary, String withdrawable, Long time) {
    public ClearinghouseState {
        assetPositions = assetPositions == null ? List.of() : List.copyOf(assetPositions);
    }

    /**
     * @param position the position
     * @param type     {@code oneWay}
     */
    public record AssetPosition(PerpPosition position, String type) {
    }

    /**
     * @param coin           coin name
     * @param szi            signed size: positive long, negative short
     * @param entryPx        entry price, or null
     * @param positionValue  value
     * @param unrealizedPnl  unrealised PnL
     * @param marginUsed     margin used
     * @param liquidationPx  liquidation price, or null
     */
    public record PerpPosition(String coin, String szi, String entryPx, String positionValue, String unrealizedPnl,
                               String marginUsed, String liquidationPx) {
    }

    /**
     * @param accountValue    account value, USDC
     * @param totalNtlPos     total notional
     * @param totalRawUsd     raw USD
     * @param totalMarginUsed margin used
     */
    public record MarginSummary(String accountValue, String totalNtlPos, String totalRawUsd, String totalMarginUsed) {
    }
}

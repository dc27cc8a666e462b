package io.fixbridge.sims.hyperliquid;

import io.fixbridge.venue.Instrument;
import io.fixbridge.venue.MarketType;
import io.fixbridge.venue.TradingStatus;

import java.math.BigDecimal;

/**
 * One tradable asset of the simulator: a perpetual (asset id = universe index) or a spot pair
 * (asset id = 10000 + pair index), with its Hyperliquid coin name, size decimals, the engine
 * instrument it trades as and its market-maker settings. Immutable apart from the delisted flag,
 * which is only changed and read on the engine thread.
 */
final class HlMarket {
    static final int SPOT_OFFSET = 10000;
    static final int SIGNIFICANT_FIGURES = 5;

    final int asset;
    final String coin;
    final boolean perp;
    final int szDecimals;
    final int maxLeverage;
    final String baseToken;
    final int baseTokenIndex;
    final int pairIndex;
    final Instrument instrument;
    final BigDecimal startMid;
    final BigDecimal levelSize;
    boolean delisted;

    private HlMarket(int asset, String coin, boolean perp, int szDecimals, int maxLeverage, String baseToken,
                     int baseTokenIndex, int pairIndex, BigDecimal startMid, BigDecimal levelSize) {
        this.asset = asset;
        this.coin = coin;
        this.perp = perp;
        this.szDecimals = szDecimals;
        this.maxLeverage = maxLeverage;
        this.baseToken = baseToken;
        this.baseTokenIndex = baseTokenIndex;
        this.pairIndex = pairIndex;
        this.startMid = startMid;
        this.levelSize = levelSize;
        BigDecimal tick = BigDecimal.ONE.scaleByPowerOfTen(-maxPriceDecimals());
        BigDecimal lot = BigDecimal.ONE.scaleByPowerOfTen(-szDecimals);
        String symbol = perp ? coin + "/USDC:USDC" : baseToken + "/USDC";
        this.instrument = new Instrument(symbol, coin, perp ? MarketType.LINEAR_PERPETUAL : MarketType.SPOT,
                baseToken, "USDC", "USDC", tick, SIGNIFICANT_FIGURES, lot, lot, new BigDecimal("1000000000"),
                BigDecimal.ZERO, BigDecimal.ONE, TradingStatus.TRADING);
    }

    static HlMarket perp(int index, PerpListing l) {
        return new HlMarket(index, l.name(), true, l.szDecimals(), l.maxLeverage(), l.name(), -1, -1, l.mid(),
                l.levelSize());
    }

    static HlMarket spot(int pairIndex, SpotListing l) {
        String name = pairIndex == 0 ? l.token() + "/USDC" : "@" + pairIndex;
        return new HlMarket(SPOT_OFFSET + pairIndex, name, false, l.szDecimals(), 1, l.token(), pairIndex + 1,
                pairIndex, l.mid(), l.levelSize());
    }

    /** The most decimals a price may have: 6 (perps) or 8 (spot) minus szDecimals. */
    int maxPriceDecimals() {
        return (perp ? 6 : 8) - szDecimals;
    }

    String symbol() {
        return instrument.symbol();
    }
}

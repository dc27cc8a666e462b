package io.fixbridge.sims.hyperliquid;

import io.fixbridge.venue.paper.engine.BookLevel;
import io.fixbridge.venue.paper.engine.MatchingEngine;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;

/**
 * The synthetic market maker: per market a mid and {@link #LEVELS} levels a side, one price step
 * apart, where the step is the unit of the fifth significant figure of the mid (never finer than
 * the market's smallest price increment): BTC at 60000 quotes 59999 / 60001, ETH at 3000
 * 2999.9 / 3000.1. Every quote is a valid Hyperliquid price. Requoting withdraws the old quotes, so
 * eaten liquidity comes back, and new quotes that cross participants' resting orders trade with
 * them at the participants' prices; then the mid becomes the reference price for triggers.
 *
 * <p><b>Threading:</b> engine thread only.
 */
final class Quoter {
    static final int LEVELS = 10;

    private final Function<HlMarket, MatchingEngine> engines;
    private final Map<Integer, BigDecimal> mids = new HashMap<>();
    private final Random random = new Random(42);

    Quoter(Function<HlMarket, MatchingEngine> engines) {
        this.engines = engines;
    }

    BigDecimal mid(HlMarket m) {
        return mids.getOrDefault(m.asset, m.startMid);
    }

    /** Sets the mid of {@code m} (rounded to a valid price) and requotes it. */
    void moveTo(HlMarket m, BigDecimal mid) {
        if (mid.signum() <= 0) {
            throw new IllegalArgumentException(m.coin + ": a mid must be positive, got " + mid.toPlainString());
        }
        BigDecimal valid = m.instrument.tickBelow(mid);
        BigDecimal lowest = step(m, valid).multiply(BigDecimal.valueOf(LEVELS + 1));
        if (valid.compareTo(lowest) < 0) {
            throw new IllegalArgumentException(m.coin + ": a mid of " + mid.toPlainString()
                    + " is too low for " + LEVELS + " quote levels");
        }
        mids.put(m.asset, valid);
        requote(m);
    }

    /** One random-walk step of every market: up to two price steps either way. */
    void walk(Iterable<HlMarket> markets) {
        for (HlMarket m : markets) {
            BigDecimal mid = mid(m);
            int steps = random.nextInt(5) - 2;
            BigDecimal next = mid.add(step(m, mid).multiply(BigDecimal.valueOf(steps)));
            if (next.compareTo(step(m, mid).multiply(BigDecimal.valueOf(LEVELS + 1))) >= 0) {
                mids.put(m.asset, m.instrument.tickBelow(next));
            }
            requote(m);
        }
    }

    void requote(HlMarket m) {
        BigDecimal mid = mid(m);
        BigDecimal step = step(m, mid);
        List<BookLevel> bids = new ArrayList<>(LEVELS);
        List<BookLevel> asks = new ArrayList<>(LEVELS);
        for (int i = 1; i <= LEVELS; i++) {
            BigDecimal offset = step.multiply(BigDecimal.valueOf(i));
            bids.add(new BookLevel(mid.subtract(offset), m.levelSize));
            asks.add(new BookLevel(mid.add(offset), m.levelSize));
        }
        engines.apply(m).replaceMakerQuotes(m.symbol(), mid, bids, asks);
    }

    private static BigDecimal step(HlMarket m, BigDecimal price) {
        return m.instrument.priceStep(price.stripTrailingZeros());
    }
}

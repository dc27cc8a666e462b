package io.fixbridge.venue.paper.engine;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.Set;

/**
 * A synthetic market: per instrument a mid that moves by a seeded random walk in whole ticks, and
 * market-maker liquidity resting around it on both sides.
 *
 * <p>Quotes: the best bid is {@code mid - (spreadTicks / 2) ticks} (integer division), the best
 * ask {@code spreadTicks} ticks above the best bid, and {@code levels} levels per side spaced
 * {@code levelSpacingTicks} ticks apart, each of the instrument's level quantity. They are placed
 * at construction and re-placed at every {@link #step} or {@link #moveMid}: the old quotes are
 * withdrawn (so liquidity consumed by takers is replenished), the new ones placed, and any
 * participant order they cross trades with them at the participant's price. Then the mid becomes
 * the reference price for triggers.
 *
 * <p>A walk step moves each instrument, in the order given, by a whole number of ticks drawn
 * uniformly from {@code [-stepTicks, +stepTicks]}; a step that would put the lowest bid at or
 * below zero is reflected. For a given seed and the same calls the market is deterministic.
 *
 * <p><b>Threading:</b> not thread-safe; it calls the {@link MatchingEngine} and shares its
 * single-thread contract: call it only from the engine's thread.
 */
public final class SyntheticMarket {

    /**
     * Market-maker behaviour.
     *
     * @param seed              seed of the random walk
     * @param levels            price levels per side, at least one
     * @param spreadTicks       distance between best bid and best ask in ticks, at least one
     * @param levelSpacingTicks distance between neighbouring levels in ticks, at least one
     * @param stepTicks         largest move of one walk step in ticks; zero keeps the mid still
     */
    public record Settings(long seed, int levels, int spreadTicks, int levelSpacingTicks, int stepTicks) {
        public Settings {
            requireAtLeast(levels, 1, "levels");
            requireAtLeast(spreadTicks, 1, "spreadTicks");
            requireAtLeast(levelSpacingTicks, 1, "levelSpacingTicks");
            requireAtLeast(stepTicks, 0, "stepTicks");
        }

        private static void requireAtLeast(int value, int min, String name) {
            if (value < min) {
                throw new IllegalArgumentException(name + " must be at least " + min + ", got " + value);
            }
        }
    }

    private final MatchingEngine engine;
    private final Settings settings;
    private final Random random;
    private final Map<String, Quoted> quoted = new LinkedHashMap<>();

    /** Creates the market and places the first quotes of every instrument. */
    public SyntheticMarket(MatchingEngine engine, Settings settings, List<MarketInstrument> instruments) {
        this.engine = Objects.requireNonNull(engine, "engine");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.random = new Random(settings.seed());
        for (MarketInstrument mi : instruments) {
            String symbol = mi.instrument().symbol();
            if (engine.instrument(symbol).isEmpty()) {
                throw new IllegalArgumentException("the engine does not list " + symbol);
            }
            Quoted q = new Quoted(mi);
            if (q.mid.compareTo(q.lowestMid()) < 0) {
                throw new IllegalArgumentException(symbol + ": the start mid " + q.mid.toPlainString()
                        + " is too low for " + settings.levels() + " levels; it must be at least "
                        + q.lowestMid().toPlainString());
            }
            if (quoted.putIfAbsent(symbol, q) != null) {
                throw new IllegalArgumentException(symbol + " is quoted twice");
            }
        }
        quoted.values().forEach(this::requote);
    }

    /** One random-walk step of every instrument, then fresh quotes around the new mids. */
    public void step() {
        int width = settings.stepTicks();
        for (Quoted q : quoted.values()) {
            long ticks = width == 0 ? 0 : random.nextInt(2 * width + 1) - width;
            BigDecimal next = q.mid.add(q.tick().multiply(BigDecimal.valueOf(ticks)));
            if (next.compareTo(q.lowestMid()) < 0) {
                next = q.mid.subtract(q.tick().multiply(BigDecimal.valueOf(ticks)));
            }
            q.mid = next;
            requote(q);
        }
    }

    /**
     * Moves one instrument's mid by {@code ticks} (positive: up) and requotes it. For tests and
     * scenario drivers that need a known path.
     *
     * @throws IllegalArgumentException for an unknown symbol or a mid too low for the quotes
     */
    public void moveMid(String symbol, long ticks) {
        Quoted q = quoted(symbol);
        BigDecimal next = q.mid.add(q.tick().multiply(BigDecimal.valueOf(ticks)));
        if (next.compareTo(q.lowestMid()) < 0) {
            throw new IllegalArgumentException(symbol + ": a mid of " + next.toPlainString() + " is too low; the lowest is "
                    + q.lowestMid().toPlainString());
        }
        q.mid = next;
        requote(q);
    }

    /** The current mid of {@code symbol}. */
    public BigDecimal mid(String symbol) {
        return quoted(symbol).mid;
    }

    /** The quoted symbols, in quoting order. */
    public Set<String> symbols() {
        return quoted.keySet();
    }

    public Settings settings() {
        return settings;
    }

    private Quoted quoted(String symbol) {
        Quoted q = quoted.get(symbol);
        if (q == null) {
            throw new IllegalArgumentException("the synthetic market does not quote " + symbol);
        }
        return q;
    }

    private void requote(Quoted q) {
        BigDecimal tick = q.tick();
        BigDecimal bestBid = q.mid.subtract(tick.multiply(BigDecimal.valueOf(settings.spreadTicks() / 2)));
        BigDecimal bestAsk = bestBid.add(tick.multiply(BigDecimal.valueOf(settings.spreadTicks())));
        BigDecimal spacing = tick.multiply(BigDecimal.valueOf(settings.levelSpacingTicks()));
        List<BookLevel> bids = new ArrayList<>(settings.levels());
        List<BookLevel> asks = new ArrayList<>(settings.levels());
        for (int i = 0; i < settings.levels(); i++) {
            BigDecimal offset = spacing.multiply(BigDecimal.valueOf(i));
            bids.add(new BookLevel(bestBid.subtract(offset), q.levelQuantity));
            asks.add(new BookLevel(bestAsk.add(offset), q.levelQuantity));
        }
        engine.replaceMakerQuotes(q.symbol(), q.mid, bids, asks);
    }

    /** One instrument's quoting state. */
    private final class Quoted {
        final MarketInstrument spec;
        final BigDecimal levelQuantity;
        BigDecimal mid;

        Quoted(MarketInstrument spec) {
            this.spec = spec;
            this.levelQuantity = spec.levelQuantity();
            this.mid = spec.startMid();
        }

        String symbol() {
            return spec.instrument().symbol();
        }

        BigDecimal tick() {
            return spec.instrument().tickSize();
        }

        /** The lowest mid at which the lowest bid is still at least one tick. */
        BigDecimal lowestMid() {
            long ticks = settings.spreadTicks() / 2 + (long) (settings.levels() - 1) * settings.levelSpacingTicks() + 1;
            return tick().multiply(BigDecimal.valueOf(ticks));
        }
    }
}

package io.fixbridge.sims.binance;

import io.fixbridge.sims.common.BookFeed;
import io.fixbridge.sims.common.EngineThread;
import io.fixbridge.venue.paper.engine.OrderBook;
import io.fixbridge.venue.paper.engine.SyntheticMarket;

import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * Drives one market (spot or futures) from a test: move a symbol's mid by whole ticks or to a
 * price (the market maker requotes, resting orders it crosses trade, stops and algo orders whose
 * trigger is crossed fire), take one random-walk step, read the mid or the top of the book, or
 * change a symbol's trading status; read the book as the public depth streams publish it, withhold
 * the next depth update (a gap subscribers must detect) and see which public streams are
 * subscribed.
 *
 * <p><b>Threading:</b> thread-safe; every method waits for the engine thread to apply it, so after
 * it returns every consequence (fills, user-data events queued) has happened. Never call it from a
 * Netty event loop. An unknown symbol throws IllegalArgumentException.
 */
public final class MarketControl {
    private final EngineThread engine;
    private final EngineVenue venue;
    private final Function<String, String> unified;
    private final BiConsumer<String, String> statusSetter;
    private final Set<String> symbols;
    private final PublicStreams streams;

    MarketControl(EngineThread engine, EngineVenue venue, Function<String, String> unified,
                  BiConsumer<String, String> statusSetter, Set<String> symbols, PublicStreams streams) {
        this.engine = engine;
        this.venue = venue;
        this.unified = unified;
        this.statusSetter = statusSetter;
        this.symbols = Set.copyOf(symbols);
        this.streams = streams;
    }

    /** {@code spot} or {@code futures}. */
    public String market() {
        return venue.market.name().toLowerCase(Locale.ROOT);
    }

    /** The Binance symbols this market lists. */
    public Set<String> symbols() {
        return symbols;
    }

    /** Whether this market lists {@code symbol}. */
    public boolean lists(String symbol) {
        return symbols.contains(symbol);
    }

    /**
     * Moves {@code symbol}'s mid to {@code price} and requotes it, exactly like
     * {@link #moveMid(String, long)} with the ticks between the current mid and {@code price}.
     *
     * @return the top of the book once everything the move caused has happened
     * @throws IllegalArgumentException for an unknown symbol, or a price {@link #checkMidTarget} refuses
     */
    public TopOfBook moveMidTo(String symbol, BigDecimal price) {
        return engine.await(() -> {
            String u = unified.apply(symbol);
            long ticks = ticksTo(symbol, u, price);
            venue.moveMid(u, ticks);
            return top(symbol, u);
        });
    }

    /**
     * Checks that {@code price} can be {@code symbol}'s mid: a positive whole multiple of the tick
     * size, high enough for the market maker's lowest bid to stay above zero. Changes nothing.
     *
     * @throws IllegalArgumentException naming the symbol, the tick or the lowest mid when it cannot
     */
    public void checkMidTarget(String symbol, BigDecimal price) {
        engine.await(() -> ticksTo(symbol, unified.apply(symbol), price));
    }

    /** The top of {@code symbol}'s book now. */
    public TopOfBook top(String symbol) {
        return engine.await(() -> top(symbol, unified.apply(symbol)));
    }

    private long ticksTo(String symbol, String u, BigDecimal price) {
        BigDecimal tick = venue.engine.instrument(u).orElseThrow(() -> unknown(symbol)).tickSize();
        if (price.signum() <= 0 || price.remainder(tick).signum() != 0) {
            throw new IllegalArgumentException(market() + " " + symbol + ": the price must be a positive multiple of "
                    + "the tick size " + tick.stripTrailingZeros().toPlainString() + ", got " + price.toPlainString());
        }
        SyntheticMarket.Settings s = venue.synthetic.settings();
        long lowestTicks = s.spreadTicks() / 2 + (long) (s.levels() - 1) * s.levelSpacingTicks() + 1;
        BigDecimal lowest = tick.multiply(BigDecimal.valueOf(lowestTicks));
        if (price.compareTo(lowest) < 0) {
            throw new IllegalArgumentException(market() + " " + symbol + ": a mid of " + price.toPlainString()
                    + " is too low for the market maker's " + s.levels() + " levels; the lowest is "
                    + lowest.stripTrailingZeros().toPlainString());
        }
        return price.subtract(venue.synthetic.mid(u)).divide(tick).longValueExact();
    }

    private TopOfBook top(String symbol, String u) {
        OrderBook book = venue.engine.book(u);
        BigDecimal mid = venue.synthetic.mid(u);
        return new TopOfBook(market(), symbol, book.bestBid().orElse(null), book.bestAsk().orElse(null), mid,
                venue.engine.referencePrice(u).orElse(mid));
    }

    /** Moves {@code symbol}'s mid by {@code ticks} (positive: up) and requotes it. */
    public void moveMid(String symbol, long ticks) {
        engine.await(() -> {
            venue.moveMid(unified.apply(symbol), ticks);
            return null;
        });
    }

    /** One random-walk step of every symbol of this market. */
    public void step() {
        engine.await(() -> {
            venue.step();
            return null;
        });
    }

    /** The synthetic market's current mid of {@code symbol}. */
    public BigDecimal mid(String symbol) {
        return engine.await(() -> venue.synthetic.mid(unified.apply(symbol)));
    }

    /** Sets {@code symbol}'s status as exchangeInfo shows it; anything but TRADING refuses new orders. */
    public void setStatus(String symbol, String status) {
        engine.await(() -> {
            statusSetter.accept(symbol, status);
            return null;
        });
    }

    /**
     * {@code symbol}'s book now, as the diff-depth streams publish it: at most {@code depth} levels
     * per side, best first, with the last update id sequenced, like the REST depth snapshot (what a
     * client that applies every depth event up to that id ends up with; a change made since the
     * streams' last turn is sequenced now and goes out with their next event).
     */
    public BookFeed.Snapshot book(String symbol, int depth) {
        if (depth < 1) {
            throw new IllegalArgumentException("depth must be at least one, got " + depth);
        }
        return engine.await(() -> streams.book(symbol, depth));
    }

    /**
     * The id of the last diff-depth update sequenced for {@code symbol} (published, withheld, or
     * sequenced for a snapshot and due with the next event); zero before the first. Unlike
     * {@link #book} it sequences nothing, so a test can wait for the streams to take up a change.
     */
    public long lastBookUpdateId(String symbol) {
        return engine.await(() -> streams.lastUpdateId(symbol));
    }

    /**
     * The switchable gap: the next diff-depth update of {@code symbol} is sequenced (its update ids
     * are used up) but not sent on any of its depth streams, so a subscriber sees {@code U} jump
     * (spot) or {@code pu} differ from the previous {@code u} (futures).
     */
    public void dropNextBookUpdate(String symbol) {
        engine.await(() -> {
            streams.dropNext(symbol);
            return null;
        });
    }

    /**
     * The public market streams subscribed now on this market, one entry per connection and
     * stream name, sorted (e.g. {@code ["btcusdt@aggTrade", "btcusdt@depth@100ms"]}).
     */
    public List<String> streamSubscriptions() {
        return streams.subscriptions();
    }

    /** How many public market stream connections of this market are open. */
    public int streamConnections() {
        return streams.connections();
    }

    static IllegalArgumentException unknown(String symbol) {
        return new IllegalArgumentException("the simulator does not list " + symbol);
    }
}

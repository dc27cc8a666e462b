package io.fixbridge.sims.binance;

import io.fixbridge.sims.common.EngineThread;
import java.math.BigDecimal;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * Drives one market (spot or futures) from a test: move a symbol's mid by whole ticks (the market
 * maker requotes, resting orders it crosses trade, stops and algo orders whose trigger is crossed
 * fire), take one random-walk step, read the mid, or change a symbol's trading status.
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

    MarketControl(EngineThread engine, EngineVenue venue, Function<String, String> unified,
                  BiConsumer<String, String> statusSetter) {
        this.engine = engine;
        this.venue = venue;
        this.unified = unified;
        this.statusSetter = statusSetter;
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

    static IllegalArgumentException unknown(String symbol) {
        return new IllegalArgumentException("the simulator does not list " + symbol);
    }
}

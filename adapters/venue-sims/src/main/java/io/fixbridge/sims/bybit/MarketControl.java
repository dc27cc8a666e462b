package io.fixbridge.sims.bybit;

import io.fixbridge.sims.common.BookFeed;
import io.fixbridge.sims.common.EngineThread;

import java.math.BigDecimal;
import java.util.List;

/**
 * Drives one category's market from a test: move a symbol's mid by whole ticks (the market maker
 * requotes, resting orders it crosses trade, conditional orders whose trigger is crossed fire),
 * take one random-walk step of every symbol, read the mid or the last price, or change a
 * symbol's status (anything but {@code Trading} refuses new orders with 110074 / 170157 and hides
 * the symbol from instruments-info's default listing), read the book the public orderbook stream
 * publishes, or drop its next update (a gap subscribers must detect).
 *
 * <p><b>Threading:</b> thread-safe; every method waits for the engine thread to apply it, so after
 * it returns every consequence (fills, stream messages sent) has happened. Never call it from a
 * Netty event loop. An unknown symbol throws IllegalArgumentException.
 */
public final class MarketControl {
    private final EngineThread engine;
    private final BybitVenue venue;
    private final PublicHub publicHub;
    private final Category category;

    MarketControl(EngineThread engine, BybitVenue venue, PublicHub publicHub, Category category) {
        this.engine = engine;
        this.venue = venue;
        this.publicHub = publicHub;
        this.category = category;
    }

    /**
     * {@code symbol}'s book now, at most {@code depth} levels per side, as the public
     * {@code orderbook} stream publishes it (its {@code lastId} is the {@code seq} of the stream of the
     * smallest depth covering {@code depth}).
     */
    public BookFeed.Snapshot book(String symbol, int depth) {
        if (depth < 1) {
            throw new IllegalArgumentException("depth must be at least 1, got " + depth);
        }
        return engine.await(() -> publicHub.book(venue.control(category, symbol), depth));
    }

    /**
     * The switchable gap: the next update of every subscribed {@code orderbook} stream of
     * {@code symbol} is sequenced (it takes its {@code u}) but not sent, so a subscriber sees
     * {@code u} jump by two. With no subscriber, the next update of every depth is dropped.
     */
    public void dropNextBookUpdate(String symbol) {
        engine.await(() -> publicHub.dropNext(venue.control(category, symbol)));
    }

    /**
     * Bybit's orderbook service restart: every subscribed {@code orderbook} stream of {@code symbol} sends
     * a snapshot with {@code u=1} at once and counts on from there.
     *
     * @return the depths of the streams restarted (empty when nobody subscribes)
     */
    public List<Integer> restartBookStreams(String symbol) {
        return engine.await(() -> publicHub.restart(venue.control(category, symbol)));
    }

    /** The public topics of this category that have a subscriber now ({@code orderbook.50.BTCUSDT}, ...). */
    public List<String> publicTopics() {
        return engine.await(() -> publicHub.topics(category));
    }

    /** Moves {@code symbol}'s mid by {@code ticks} (positive: up) and requotes it. */
    public void moveMid(String symbol, long ticks) {
        engine.await(() -> {
            venue.moveMid(venue.control(category, symbol), ticks);
            return null;
        });
    }

    /** One random-walk step of every symbol of every category (the engine is shared). */
    public void step() {
        engine.await(() -> {
            venue.step();
            return null;
        });
    }

    /** The synthetic market's current mid (the mark price) of {@code symbol}. */
    public BigDecimal mid(String symbol) {
        return engine.await(() -> venue.mid(venue.control(category, symbol)));
    }

    /** The last price (last trade, or the mid after the latest requote) that triggers compare with. */
    public BigDecimal lastPrice(String symbol) {
        return engine.await(() -> venue.lastPrice(venue.control(category, symbol)));
    }

    /** Sets {@code symbol}'s status: {@code PreLaunch}, {@code Trading}, {@code Delivering} or {@code Closed}. */
    public void setStatus(String symbol, String status) {
        if (!BybitSymbol.STATUSES.contains(status)) {
            throw new IllegalArgumentException("status must be one of " + BybitSymbol.STATUSES + ", got " + status);
        }
        engine.await(() -> {
            venue.control(category, symbol).status = status;
            return null;
        });
    }
}

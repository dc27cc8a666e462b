package io.fixbridge.sims.hyperliquid;

import io.fixbridge.sims.common.BookFeed;
import io.fixbridge.sims.common.EngineThread;

import java.math.BigDecimal;

/**
 * Drives the synthetic market. Each call waits for the engine thread and returns once everything
 * it caused (fills of resting orders, triggers, WebSocket messages) has happened.
 *
 * <p><b>Threading:</b> thread-safe; never call it from a Netty event loop. <b>Errors:</b> an
 * unknown coin or a non-positive price throws IllegalArgumentException.
 */
public final class MarketControl {
    private final EngineThread engineThread;
    private final HlVenue venue;
    private final WsHub hub;

    MarketControl(EngineThread engineThread, HlVenue venue, WsHub hub) {
        this.engineThread = engineThread;
        this.venue = venue;
        this.hub = hub;
    }

    /**
     * Moves the mid of {@code coin} (BTC, PURR/USDC, @1) to {@code price} (rounded down to a valid
     * price) and requotes: the new quotes trade with resting orders they cross, at those orders'
     * prices, and trigger orders whose condition the new mid meets fire.
     */
    public void moveMid(String coin, String price) {
        moveMid(coin, new BigDecimal(price));
    }

    public void moveMid(String coin, BigDecimal price) {
        engineThread.await(() -> {
            venue.moveMid(market(coin), price);
            venue.flush();
            return null;
        });
    }

    /**
     * {@code coin}'s book now as the {@code l2Book} channel publishes it: at most {@code depth} levels a
     * side, and never more than Hyperliquid's 20.
     */
    public BookFeed.Snapshot book(String coin, int depth) {
        if (depth < 1) {
            throw new IllegalArgumentException("depth must be at least 1, got " + depth);
        }
        return engineThread.await(() -> venue.book(market(coin), depth));
    }

    /**
     * The next {@code l2Book} message of {@code coin} is made and not sent. Every l2Book is a whole book,
     * so this is no gap: the one after it is complete again (tests show a subscriber's book stays right).
     */
    public void dropNextBookUpdate(String coin) {
        engineThread.await(() -> {
            venue.dropNextBook(market(coin));
            return null;
        });
    }

    /**
     * How many open WebSocket connections subscribe {@code type} ({@code l2Book} or {@code trades}) of
     * {@code coin} now.
     */
    public int subscribers(String type, String coin) {
        market(coin);
        return hub.subscribers(type, coin);
    }

    /** The mid of {@code coin} now. */
    public BigDecimal mid(String coin) {
        return engineThread.await(() -> venue.mid(market(coin)));
    }

    /** One random-walk step of every market. */
    public void step() {
        engineThread.await(() -> {
            venue.walk();
            venue.flush();
            return null;
        });
    }

    /**
     * Delists (true) or relists a market: meta shows {@code "isDelisted":true} for a perpetual and
     * new orders are refused with "Trading is halted for this asset. asset=N"; resting orders stay.
     */
    public void setDelisted(String coin, boolean delisted) {
        engineThread.await(() -> {
            market(coin).delisted = delisted;
            return null;
        });
    }

    private HlMarket market(String coin) {
        HlMarket m = venue.markets().byCoin(coin);
        if (m == null) {
            throw new IllegalArgumentException("no market " + coin);
        }
        return m;
    }
}

package io.fixbridge.venue.kit.book;

import io.fixbridge.venue.MarketDataEvent;
import io.fixbridge.venue.MarketDataListener;
import io.fixbridge.venue.MarketDataSubscription;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Objects;

/**
 * The listener end of one market data subscription: {@link #deliver} calls the listener under the
 * subscription's own lock unless it is closed, so {@link #close} waits for a call in progress and
 * nothing is delivered after it returns, as {@link MarketDataSubscription} promises. A listener
 * that throws is logged and the event dropped for it alone. Subclasses add what their adapter
 * keeps per subscription and say in {@link #closed()} how to leave the upstream.
 *
 * <p><b>Threading:</b> thread-safe; {@link #deliver} from the adapter's stream thread,
 * {@link #close} from any thread.
 */
public abstract class GatedSubscription implements MarketDataSubscription {
    private static final Logger LOG = LoggerFactory.getLogger(GatedSubscription.class);

    private final String symbol;
    private final MarketDataListener listener;
    private final String owner;
    private boolean closed;

    /**
     * @param symbol   the unified symbol subscribed
     * @param listener whom events go to
     * @param owner    the venue, for the log line of a listener that throws
     */
    protected GatedSubscription(String symbol, MarketDataListener listener, String owner) {
        this.symbol = Objects.requireNonNull(symbol, "symbol");
        this.listener = Objects.requireNonNull(listener, "listener");
        this.owner = Objects.requireNonNull(owner, "owner");
    }

    /** Calls the listener with {@code event} unless the subscription is closed. */
    public final synchronized void deliver(MarketDataEvent event) {
        if (closed) {
            return;
        }
        try {
            listener.onMarketData(event);
        } catch (RuntimeException e) {
            LOG.error("{}: a market data listener of {} failed; the event is dropped for it", owner, symbol, e);
        }
    }

    /** Whether {@link #close} was called. */
    public final synchronized boolean isClosed() {
        return closed;
    }

    @Override
    public final String symbol() {
        return symbol;
    }

    @Override
    public final void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        closed();
    }

    /** Called once, on the first {@link #close}, outside the lock: leave the upstream (without blocking). */
    protected abstract void closed();
}

package io.fixbridge.venue.paper;

import io.fixbridge.venue.BookSnapshot;
import io.fixbridge.venue.MarketDataEvent;
import io.fixbridge.venue.MarketDataListener;
import io.fixbridge.venue.MarketDataSubscription;
import io.fixbridge.venue.MarketTrade;
import io.fixbridge.venue.PriceLevel;
import io.fixbridge.venue.Side;
import io.fixbridge.venue.paper.engine.BookLevel;
import io.fixbridge.venue.paper.engine.MatchingEngine;
import io.fixbridge.venue.paper.engine.OrderBook;
import io.fixbridge.venue.paper.engine.PublicTrade;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The paper venue's public market data: after every engine action the books of subscribed
 * symbols are compared with what their subscribers last saw and sent where they changed; every
 * trade of the engine (the market maker's included) goes out as it happens. There is no wire, so
 * there are no gaps: a subscription's first book is its only resync.
 *
 * <p><b>Threading:</b> {@link #subscribe} and {@link MarketDataSubscription#close} from any thread;
 * {@link #publishBooks} and {@link #onTrade} on the engine thread only, which is also where every
 * listener is called, one event at a time.
 */
final class PaperMarketData {
    /** Levels per side the paper venue publishes. */
    static final int BOOK_DEPTH = 100;

    private static final Logger LOG = LoggerFactory.getLogger(PaperMarketData.class);

    private final String venue;
    private final Clock clock;
    private final Map<String, List<Subscription>> bySymbol = new ConcurrentHashMap<>();

    PaperMarketData(String venue, Clock clock) {
        this.venue = venue;
        this.clock = clock;
    }

    /**
     * Adds a subscriber; {@code onEngineThread} runs the task that sends it its first book.
     */
    MarketDataSubscription subscribe(String symbol, MarketDataListener listener, Consumer<Runnable> onEngineThread,
                                     Supplier<MatchingEngine> engine) {
        Subscription s = new Subscription(symbol, listener);
        bySymbol.computeIfAbsent(symbol, k -> new CopyOnWriteArrayList<>()).add(s);
        onEngineThread.accept(() -> s.publish(engine.get().book(symbol), true));
        return s;
    }

    /** Sends each subscriber of a symbol whose top levels changed its new book. Engine thread. */
    void publishBooks(MatchingEngine engine) {
        if (bySymbol.isEmpty()) {
            return;
        }
        bySymbol.forEach((symbol, subs) -> {
            if (!subs.isEmpty()) {
                OrderBook book = engine.book(symbol);
                for (Subscription s : subs) {
                    s.publish(book, false);
                }
            }
        });
    }

    /** Sends a trade to the symbol's subscribers. Engine thread. */
    void onTrade(PublicTrade trade) {
        List<Subscription> subs = bySymbol.get(trade.symbol());
        if (subs == null || subs.isEmpty()) {
            return;
        }
        MarketTrade event = new MarketTrade(trade.symbol(), trade.tradeId(), trade.price(), trade.quantity(),
                trade.takerSide(), trade.timestamp(), System.nanoTime());
        for (Subscription s : subs) {
            s.deliver(event);
        }
    }

    private static List<PriceLevel> levels(List<BookLevel> levels) {
        List<PriceLevel> out = new ArrayList<>(levels.size());
        for (BookLevel l : levels) {
            out.add(new PriceLevel(l.price(), l.quantity()));
        }
        return out;
    }

    private final class Subscription implements MarketDataSubscription {
        private final String symbol;
        private final MarketDataListener listener;
        private final AtomicBoolean closed = new AtomicBoolean();
        /** Engine thread only: what the subscriber last saw; null before its first book. */
        private List<PriceLevel> lastBids;
        private List<PriceLevel> lastAsks;

        Subscription(String symbol, MarketDataListener listener) {
            this.symbol = symbol;
            this.listener = listener;
        }

        void publish(OrderBook book, boolean first) {
            if (!first && lastBids == null) {
                return; // its first book has not gone out yet
            }
            List<PriceLevel> bids = levels(book.depth(Side.BUY, BOOK_DEPTH));
            List<PriceLevel> asks = levels(book.depth(Side.SELL, BOOK_DEPTH));
            if (!first && bids.equals(lastBids) && asks.equals(lastAsks)) {
                return;
            }
            lastBids = bids;
            lastAsks = asks;
            deliver(new BookSnapshot(symbol, bids, asks, first, clock.instant(), System.nanoTime()));
        }

        void deliver(MarketDataEvent event) {
            if (closed.get()) {
                return;
            }
            try {
                listener.onMarketData(event);
            } catch (RuntimeException e) {
                LOG.error("paper venue {}: a market data listener of {} failed", venue, symbol, e);
            }
        }

        @Override
        public String symbol() {
            return symbol;
        }

        @Override
        public void close() {
            if (closed.compareAndSet(false, true)) {
                List<Subscription> subs = bySymbol.get(symbol);
                if (subs != null) {
                    subs.remove(this);
                }
            }
        }
    }
}

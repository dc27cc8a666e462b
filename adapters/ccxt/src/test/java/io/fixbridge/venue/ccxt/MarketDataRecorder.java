package io.fixbridge.venue.ccxt;

import io.fixbridge.sims.common.BookFeed;
import io.fixbridge.venue.BookInterrupted;
import io.fixbridge.venue.BookSnapshot;
import io.fixbridge.venue.MarketDataEvent;
import io.fixbridge.venue.MarketDataListener;
import io.fixbridge.venue.PriceLevel;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A market data listener for tests: every event in order, the latest book, and books written as
 * {@code price x size} lines (numbers compared by value) so a book the adapter emitted can be compared with
 * the book a simulator publishes ({@link BookFeed.Snapshot}).
 */
final class MarketDataRecorder implements MarketDataListener {
    private final List<MarketDataEvent> events = new CopyOnWriteArrayList<>();

    @Override
    public void onMarketData(MarketDataEvent event) {
        events.add(event);
    }

    List<MarketDataEvent> events() {
        return List.copyOf(events);
    }

    int size() {
        return events.size();
    }

    /** The latest book, or null before the first. */
    BookSnapshot lastBook() {
        for (int i = events.size() - 1; i >= 0; i--) {
            if (events.get(i) instanceof BookSnapshot b) {
                return b;
            }
        }
        return null;
    }

    /** Events from index {@code from} on. */
    List<MarketDataEvent> since(int from) {
        List<MarketDataEvent> all = events();
        return all.subList(Math.min(from, all.size()), all.size());
    }

    /** The index of the first interruption at or after {@code from}, or -1. */
    int interruptionSince(int from) {
        List<MarketDataEvent> all = events();
        for (int i = from; i < all.size(); i++) {
            if (all.get(i) instanceof BookInterrupted) {
                return i;
            }
        }
        return -1;
    }

    /** Both sides as "price x size" lines, bids first, with a separator. */
    static List<String> lines(BookSnapshot b) {
        List<String> out = new ArrayList<>();
        b.bids().forEach(l -> out.add("bid " + line(l.price(), l.size())));
        b.asks().forEach(l -> out.add("ask " + line(l.price(), l.size())));
        return out;
    }

    static List<String> lines(BookFeed.Snapshot s) {
        List<String> out = new ArrayList<>();
        s.bids().forEach(l -> out.add("bid " + line(l.price(), l.size())));
        s.asks().forEach(l -> out.add("ask " + line(l.price(), l.size())));
        return out;
    }

    static List<String> lines(List<PriceLevel> levels) {
        return levels.stream().map(l -> line(l.price(), l.size())).toList();
    }

    private static String line(BigDecimal price, BigDecimal size) {
        return price.stripTrailingZeros().toPlainString() + " x " + size.stripTrailingZeros().toPlainString();
    }
}

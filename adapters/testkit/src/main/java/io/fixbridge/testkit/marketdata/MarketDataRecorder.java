package io.fixbridge.testkit.marketdata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.function.Supplier;

import io.fixbridge.venue.BookInterrupted;
import io.fixbridge.venue.BookSnapshot;
import io.fixbridge.venue.MarketDataEvent;
import io.fixbridge.venue.MarketDataListener;
import io.fixbridge.venue.MarketTrade;
import io.fixbridge.venue.PriceLevel;

/**
 * A market data listener for adapter tests: every event of one subscription in order, and books
 * written as {@code bid|ask price x size} lines (numbers compared by value) so that the book an
 * adapter built can be compared with the book a simulator publishes.
 *
 * <p>Thread-safe: the adapter delivers on its own thread while the test reads.
 */
public final class MarketDataRecorder implements MarketDataListener {
    private final List<MarketDataEvent> events = new CopyOnWriteArrayList<>();

    @Override
    public void onMarketData(MarketDataEvent event) {
        events.add(event);
    }

    /** Every event so far, in order (a copy). */
    public List<MarketDataEvent> events() {
        return List.copyOf(events);
    }

    public int size() {
        return events.size();
    }

    /** Events from index {@code from} on. */
    public List<MarketDataEvent> since(int from) {
        List<MarketDataEvent> all = events();
        return all.subList(Math.min(from, all.size()), all.size());
    }

    public List<BookSnapshot> books() {
        return of(BookSnapshot.class);
    }

    /** The latest book, or null before the first. */
    public BookSnapshot lastBook() {
        List<BookSnapshot> books = books();
        return books.isEmpty() ? null : books.get(books.size() - 1);
    }

    public List<BookInterrupted> interruptions() {
        return of(BookInterrupted.class);
    }

    public List<MarketTrade> trades() {
        return of(MarketTrade.class);
    }

    /** The index of the first interruption at or after {@code from}, or -1. */
    public int interruptionSince(int from) {
        List<MarketDataEvent> all = events();
        for (int i = from; i < all.size(); i++) {
            if (all.get(i) instanceof BookInterrupted) {
                return i;
            }
        }
        return -1;
    }

    /**
     * Waits until the latest book has bids and asks and its {@link #lines(BookSnapshot) lines} equal
     * {@code expected} (asked again on every try: the simulator's book now).
     */
    public void awaitLastBook(Duration wait, Supplier<List<String>> expected) {
        await().atMost(wait).untilAsserted(() -> {
            BookSnapshot last = lastBook();
            assertThat(last).as("a book came").isNotNull();
            assertThat(last.bids()).as("bids").isNotEmpty();
            assertThat(last.asks()).as("asks").isNotEmpty();
            assertThat(lines(last)).as("the adapter's book is the simulator's").isEqualTo(expected.get());
        });
    }

    /**
     * Waits for an interruption at or after index {@code from}, then for a resynced book after it
     * and a latest book equal to {@code expected}; returns the interruption.
     */
    public BookInterrupted awaitInterruptionThenResyncedBook(int from, Duration wait, Supplier<List<String>> expected) {
        await().atMost(wait).until(() -> interruptionSince(from) >= 0);
        int at = interruptionSince(from);
        await().atMost(wait).untilAsserted(() -> assertThat(since(at + 1)).filteredOn(e -> e instanceof BookSnapshot)
                .as("a book after the interruption").isNotEmpty().first()
                .satisfies(e -> assertThat(((BookSnapshot) e).resynced()).isTrue()));
        awaitLastBook(wait, expected);
        return (BookInterrupted) events().get(at);
    }

    /** Both sides of {@code book} as lines, bids first. */
    public static List<String> lines(BookSnapshot book) {
        return bookLines(book.bids(), book.asks(), PriceLevel::price, PriceLevel::size);
    }

    /** One side as {@code price x size} lines. */
    public static List<String> lines(List<PriceLevel> levels) {
        return levels.stream().map(l -> line(l.price(), l.size())).toList();
    }

    /** Both sides of any book (a simulator's levels, say) as {@link #lines(BookSnapshot)} writes an adapter's. */
    public static <L> List<String> bookLines(List<L> bids, List<L> asks, Function<L, BigDecimal> price,
                                             Function<L, BigDecimal> size) {
        List<String> out = new ArrayList<>();
        bids.forEach(l -> out.add("bid " + line(price.apply(l), size.apply(l))));
        asks.forEach(l -> out.add("ask " + line(price.apply(l), size.apply(l))));
        return out;
    }

    private static String line(BigDecimal price, BigDecimal size) {
        return price.stripTrailingZeros().toPlainString() + " x " + size.stripTrailingZeros().toPlainString();
    }

    private <E extends MarketDataEvent> List<E> of(Class<E> type) {
        return events.stream().filter(type::isInstance).map(type::cast).toList();
    }
}

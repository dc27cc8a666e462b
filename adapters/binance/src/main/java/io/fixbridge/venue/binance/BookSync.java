package io.fixbridge.venue.binance;

import io.fixbridge.venue.BookSnapshot;
import io.fixbridge.venue.kit.book.LocalBook;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.Objects;

/**
 * One symbol's order book kept the way Binance's "How to manage a local order book correctly"
 * says, for spot and for USD-M futures. No I/O: the caller feeds it the diff-depth events of the
 * subscribed stream and the REST snapshots it fetches, and does what each {@link Step} says.
 *
 * <ol>
 *   <li>{@link #start}: the stream is subscribed; events are buffered from now on and a snapshot
 *       is wanted.</li>
 *   <li>{@link #onSnapshot}: the book becomes the snapshot ({@code lastUpdateId} L); buffered
 *       events that end before it are dropped (spot {@code u <= L}, futures {@code u < L}); the
 *       first one applied must straddle it (spot {@code U <= L+1 <= u}; futures
 *       {@code U <= L <= u}, or {@code pu == L}: the event right after the snapshot's); a first
 *       event that starts beyond that means the snapshot is older than the stream, and a newer one
 *       is wanted (the buffer is kept).</li>
 *   <li>{@link #onUpdate}: every next event must continue the previous one (spot
 *       {@code U == previous u + 1}, futures {@code pu == previous u}); an event that ends at or
 *       before the book's id is a repeat and ignored; anything else is a gap: the book is dropped
 *       and rebuilt from a new snapshot, the gap event kept in the buffer.</li>
 *   <li>{@link #streamLost}: the stream dropped; the book waits for the next {@link #start}.</li>
 * </ol>
 * Levels carry absolute sizes; zero removes a level (one the book does not hold is normal).
 *
 * <p><b>Threading:</b> not thread-safe; the adapter keeps each one on its market data serial
 * executor.
 */
final class BookSync {
    /** Events kept while a snapshot is awaited; older ones are dropped beyond it (a newer snapshot covers them). */
    static final int MAX_BUFFERED = 10_000;

    /** Where the book stands. */
    enum Phase {
        /** Not subscribed (yet, or any more): nothing is kept. */
        WAITING,
        /** Subscribed, buffering events until a snapshot arrives. */
        SYNCING,
        /** Current: each event applies on top. */
        LIVE
    }

    /**
     * What the caller does next, in this order: tell subscribers the book stopped being current
     * ({@code gap} non-null, a reason for a person), send {@code book} (non-null), fetch a snapshot
     * for {@link #generation()} ({@code fetchSnapshot}; {@code retry} when the last one was of no
     * use, so the fetch should back off).
     */
    record Step(String gap, BookSnapshot book, boolean fetchSnapshot, boolean retry) {
        static final Step NONE = new Step(null, null, false, false);

        static Step emit(BookSnapshot book) {
            return book == null ? NONE : new Step(null, book, false, false);
        }
    }

    private final boolean futures;
    private final LocalBook book;
    private final Deque<BookMessage> buffer = new ArrayDeque<>();
    private Phase phase = Phase.WAITING;
    private long lastUpdateId;
    private long generation;
    private Instant venueTime;
    private long receivedNanos;

    /**
     * @param market which rules apply
     * @param symbol the unified symbol the books are of
     * @param depth  levels per side the emitted books hold
     */
    BookSync(BinanceMarket market, String symbol, int depth) {
        this.futures = Objects.requireNonNull(market, "market") == BinanceMarket.FUTURES;
        this.book = new LocalBook(symbol, depth);
    }

    Phase phase() {
        return phase;
    }

    /** Counts the syncs begun; a snapshot fetched for an older one is of no use. */
    long generation() {
        return generation;
    }

    /** The update id the book is at (meaningful when LIVE). */
    long lastUpdateId() {
        return lastUpdateId;
    }

    /** Whether a snapshot fetched for {@code generation} is still wanted. */
    boolean wants(long generation) {
        return phase == Phase.SYNCING && generation == this.generation;
    }

    /** The stream is (re)subscribed: buffer from now on and fetch a snapshot. */
    Step start() {
        String gap = phase == Phase.LIVE ? "the depth stream was subscribed again" : null;
        restart();
        return new Step(gap, null, true, false);
    }

    /** The stream dropped: the book waits for the next {@link #start}. */
    Step streamLost(String reason) {
        boolean wasLive = phase == Phase.LIVE;
        phase = Phase.WAITING;
        generation++;
        buffer.clear();
        book.clear();
        return wasLive ? new Step(reason, null, false, false) : Step.NONE;
    }

    /** One diff-depth event of the stream. */
    Step onUpdate(BookMessage m, long receivedAt) {
        switch (phase) {
            case WAITING -> {
                return Step.NONE;
            }
            case SYNCING -> {
                buffer.addLast(m);
                if (buffer.size() > MAX_BUFFERED) {
                    buffer.removeFirst();
                }
                return Step.NONE;
            }
            default -> {
                if (m.lastId() <= lastUpdateId) {
                    return Step.NONE;
                }
                if (!continues(m)) {
                    String gap = "update " + describe(m) + " does not follow update id " + lastUpdateId;
                    restart();
                    buffer.addLast(m);
                    return new Step(gap, null, true, false);
                }
                apply(m, receivedAt);
                return Step.emit(book.top(false, venueTime, receivedNanos));
            }
        }
    }

    /**
     * A REST snapshot fetched for {@code forGeneration}: the book is rebuilt from it and the buffered
     * events; a snapshot no longer wanted is ignored.
     */
    Step onSnapshot(long forGeneration, BookMessage snapshot, long receivedAt) {
        if (!wants(forGeneration)) {
            return Step.NONE;
        }
        book.clear();
        snapshot.bids().forEach(l -> book.bid(l.price(), l.size()));
        snapshot.asks().forEach(l -> book.ask(l.price(), l.size()));
        lastUpdateId = snapshot.lastId();
        venueTime = snapshot.venueTime();
        receivedNanos = receivedAt;
        boolean first = true;
        Iterator<BookMessage> it = buffer.iterator();
        while (it.hasNext()) {
            BookMessage m = it.next();
            if (first) {
                if (futures ? m.lastId() < lastUpdateId : m.lastId() <= lastUpdateId) {
                    it.remove();
                    continue;
                }
                if (!straddles(m, lastUpdateId)) {
                    book.clear();
                    generation++;
                    return new Step(null, null, true, true);
                }
                first = false;
            } else if (!continues(m)) {
                dropBefore(m);
                book.clear();
                generation++;
                return new Step(null, null, true, true);
            }
            apply(m, receivedAt);
        }
        buffer.clear();
        phase = Phase.LIVE;
        return Step.emit(book.top(true, venueTime, receivedNanos));
    }

    /** The book as it is, for a subscriber that joins a live book; null unless LIVE. */
    BookSnapshot current() {
        return phase == Phase.LIVE ? book.top(true, venueTime, receivedNanos) : null;
    }

    private void restart() {
        phase = Phase.SYNCING;
        generation++;
        buffer.clear();
        book.clear();
    }

    private boolean straddles(BookMessage m, long id) {
        return futures ? (m.firstId() <= id && m.lastId() >= id) || Objects.equals(m.previousId(), id)
                : m.firstId() <= id + 1 && m.lastId() >= id + 1;
    }

    private boolean continues(BookMessage m) {
        return futures ? m.previousId() != null && m.previousId() == lastUpdateId : m.firstId() == lastUpdateId + 1;
    }

    private void apply(BookMessage m, long receivedAt) {
        m.bids().forEach(l -> book.bid(l.price(), l.size()));
        m.asks().forEach(l -> book.ask(l.price(), l.size()));
        lastUpdateId = m.lastId();
        venueTime = m.venueTime();
        receivedNanos = receivedAt;
    }

    private void dropBefore(BookMessage keep) {
        while (!buffer.isEmpty() && buffer.peekFirst() != keep) {
            buffer.removeFirst();
        }
    }

    private String describe(BookMessage m) {
        return m.firstId() + ".." + m.lastId() + (futures ? " (pu " + m.previousId() + ")" : "");
    }
}

package io.fixbridge.venue;

import java.util.Objects;

/**
 * The adapter stopped keeping {@code symbol}'s book current: it saw a sequence gap, its stream
 * dropped, or the venue restarted the book. The adapter is already rebuilding it; the next
 * {@link BookSnapshot} it sends has {@code resynced} true. Until then the last book is stale.
 *
 * @param symbol        unified symbol
 * @param reason        what happened, for a person (no secrets)
 * @param receivedNanos {@link System#nanoTime()} when the adapter noticed
 */
public record BookInterrupted(String symbol, String reason, long receivedNanos) implements MarketDataEvent {
    public BookInterrupted {
        Objects.requireNonNull(symbol, "symbol");
        Objects.requireNonNull(reason, "reason");
    }
}

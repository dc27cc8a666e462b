package io.fixbridge.venue.bybit;

import java.time.Clock;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The difference between Bybit's clock and this machine's, for the {@code X-BAPI-TIMESTAMP} of
 * signed requests and the {@code expires} of the WebSocket auth. Set from {@code GET /v5/market/time}
 * at connect and again after a 10002 (request time outside the window): offset = Bybit's time - the
 * midpoint of the request's round trip. Thread-safe.
 */
final class ClockOffset {
    private final Clock clock;
    private final AtomicLong offsetMs = new AtomicLong();

    ClockOffset(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Bybit's time now, epoch ms, as far as this machine can tell. */
    long venueNow() {
        return clock.millis() + offsetMs.get();
    }

    /** Local time, epoch ms. */
    long localNow() {
        return clock.millis();
    }

    /** The current offset, ms. */
    long offset() {
        return offsetMs.get();
    }

    /** Records Bybit's {@code serverTime} answered to a request sent at {@code sentAt} and answered at {@code receivedAt}. */
    long update(long serverTime, long sentAt, long receivedAt) {
        long offset = serverTime - (sentAt + receivedAt) / 2;
        offsetMs.set(offset);
        return offset;
    }
}

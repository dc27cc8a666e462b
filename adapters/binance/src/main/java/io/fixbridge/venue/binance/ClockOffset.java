package io.fixbridge.venue.binance;

import java.time.Clock;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The difference between Binance's clock and this machine's, for the {@code timestamp} of signed
 * requests. Set from {@code GET /time} at connect and again after a -1021 (timestamp outside
 * recvWindow): offset = serverTime - the midpoint of the request's round trip. Thread-safe.
 */
final class ClockOffset {
    private final Clock clock;
    private final AtomicLong offsetMs = new AtomicLong();

    ClockOffset(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Binance's time now, epoch ms, as far as this machine can tell. */
    long venueNow() {
        return clock.millis() + offsetMs.get();
    }

    /** Local time, epoch ms. */
    long localNow() {
        return clock.millis();
    }

    /** Records a {@code serverTime} answered to a request sent at {@code sentAt} and answered at {@code receivedAt}. */
    long update(long serverTime, long sentAt, long receivedAt) {
        long offset = serverTime - (sentAt + receivedAt) / 2;
        offsetMs.set(offset);
        return offset;
    }
}

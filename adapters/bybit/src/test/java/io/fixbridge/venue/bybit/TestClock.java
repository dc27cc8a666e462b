package io.fixbridge.venue.bybit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A clock for socket tests: the system time shifted by an offset the test may change, or frozen. */
final class TestClock extends Clock {
    private volatile Duration shift = Duration.ZERO;
    private volatile Instant frozen;

    /** A clock that stands still at the current time (rate-limit buckets then never refill). */
    static TestClock frozenNow() {
        TestClock c = new TestClock();
        c.frozen = Instant.now();
        return c;
    }

    /** Shifts this clock by {@code delta} from now on. */
    void shift(Duration delta) {
        shift = shift.plus(delta);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }

    @Override
    public Instant instant() {
        Instant base = frozen != null ? frozen : Instant.now();
        return base.plus(shift);
    }
}

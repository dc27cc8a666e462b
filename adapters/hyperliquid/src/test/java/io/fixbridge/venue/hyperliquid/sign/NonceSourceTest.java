package io.fixbridge.venue.hyperliquid.sign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Nonces strictly increasing across threads, clock jumps and restarts. */
class NonceSourceTest {
    private static final long T0 = 1_700_000_000_000L;

    @TempDir
    Path dir;

    /** A clock the test moves by hand. */
    static final class ManualClock extends Clock {
        final AtomicLong millis;

        ManualClock(long millis) {
            this.millis = new AtomicLong(millis);
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
            return Instant.ofEpochMilli(millis.get());
        }

        @Override
        public long millis() {
            return millis.get();
        }
    }

    @Test
    void eightThreadsGetDistinctIncreasingNonces() throws Exception {
        NonceSource nonces = NonceSource.persistent(dir.resolve("signer.nonce"), Clock.systemUTC());
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<long[]>> tasks = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                tasks.add(() -> {
                    long[] out = new long[10_000];
                    for (int i = 0; i < out.length; i++) {
                        out[i] = nonces.next();
                    }
                    return out;
                });
            }
            Set<Long> all = new HashSet<>();
            for (Future<long[]> f : pool.invokeAll(tasks)) {
                long[] seq = f.get();
                for (int i = 0; i < seq.length; i++) {
                    if (i > 0) {
                        assertThat(seq[i]).isGreaterThan(seq[i - 1]);
                    }
                    all.add(seq[i]);
                }
            }
            assertThat(all).hasSize(80_000);
            assertThat(Long.parseLong(Files.readString(dir.resolve("signer.nonce")).strip()))
                    .isGreaterThanOrEqualTo(nonces.lastIssued());
        } finally {
            pool.shutdownNow();
            assertThat(pool.awaitTermination(5, TimeUnit.SECONDS)).isTrue();
        }
    }

    @Test
    void aRestartStartsAboveEverythingUsed() {
        Path file = dir.resolve("signer.nonce");
        ManualClock clock = new ManualClock(T0);
        NonceSource first = NonceSource.persistent(file, clock, 100);
        long lastUsed = 0;
        for (int i = 0; i < 250; i++) {
            lastUsed = first.next();
        }
        assertThat(lastUsed).isEqualTo(T0 + 249);

        NonceSource restarted = NonceSource.persistent(file, clock, 100);
        assertThat(restarted.next()).isGreaterThan(lastUsed);
        assertThat(NonceSource.inMemory(clock).next()).isEqualTo(T0);
    }

    @Test
    void aClockGoingBackwardsStillIncreases() {
        ManualClock clock = new ManualClock(T0);
        NonceSource nonces = NonceSource.inMemory(clock);
        long a = nonces.next();
        clock.millis.set(T0 - 60_000);
        long b = nonces.next();
        long c = nonces.next();
        clock.millis.set(T0 + 5_000);
        long d = nonces.next();
        assertThat(a).isEqualTo(T0);
        assertThat(b).isEqualTo(T0 + 1);
        assertThat(c).isEqualTo(T0 + 2);
        assertThat(d).isEqualTo(T0 + 5_000);
    }

    @Test
    void neverMoreThanADayAheadOfTheClock() throws Exception {
        ManualClock clock = new ManualClock(T0);
        Path file = dir.resolve("ahead.nonce");
        long edge = T0 + NonceSource.MAX_AHEAD.toMillis() - 1;
        Files.writeString(file, edge + "\n");
        NonceSource nonces = NonceSource.persistent(file, clock, 10);
        assertThat(nonces.next()).isEqualTo(edge + 1);
        assertThatThrownBy(nonces::next).isInstanceOf(IllegalStateException.class).hasMessageContaining("too high");

        Files.writeString(file, Long.toString(T0 + Duration.ofDays(2).toMillis()));
        assertThatThrownBy(() -> NonceSource.persistent(file, clock)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(file.toString()).hasMessageContaining("check the system clock");
        Files.writeString(file, "garbage");
        assertThatThrownBy(() -> NonceSource.persistent(file, clock)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(file.toString());
    }
}

package io.fixbridge.venue.bybit;

import io.fixbridge.venue.RejectReason;
import io.fixbridge.venue.VenueError;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Refused credentials and HTTP 403 pauses: refusals while they last, recovery when they end. */
class VenueHealthTest {
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private final AtomicInteger probes = new AtomicInteger();

    @AfterEach
    void close() {
        scheduler.shutdownNow();
    }

    @Test
    void aRefusedAccountIsRefusedUntilASignedProbePasses() {
        VenueHealth health = new VenueHealth("bybit", scheduler, Duration.ofMillis(20), account ->
                probes.incrementAndGet() < 3 ? CompletableFuture.failedFuture(new IllegalStateException("10003"))
                        : CompletableFuture.completedFuture(null), Clock.systemUTC());

        health.authFailure("alice", VenueError.rejected(RejectReason.OTHER, "10003", "API key is invalid."));

        assertThat(health.refusal("alice")).hasValueSatisfying(e -> {
            assertThat(e.reason()).isEqualTo(RejectReason.OTHER);
            assertThat(e.message()).contains("alice").contains("10003");
        });
        assertThat(health.refusal("bob")).isEmpty();
        assertThat(health.status().healthy()).isFalse();
        await().atMost(Duration.ofSeconds(5)).until(() -> health.status().healthy());
        assertThat(probes.get()).isEqualTo(3);
        assertThat(health.refusal("alice")).isEmpty();
    }

    @Test
    void anIpBanPausesEveryAccountUntilItEnds() {
        TestClock clock = new TestClock();
        VenueHealth health = new VenueHealth("bybit", scheduler, Duration.ofMillis(20),
                account -> CompletableFuture.completedFuture(null), clock);
        Instant until = clock.instant().plusSeconds(600);

        health.ipBanned(until, VenueError.retryable("HTTP 403", "access too frequent", Duration.ofMinutes(10)));

        assertThat(health.refusal("alice")).hasValueSatisfying(e -> {
            assertThat(e.outcome()).isEqualTo(VenueError.Outcome.RETRYABLE);
            assertThat(e.message()).contains("paused until " + until);
            assertThat(e.retryAfter()).isPositive();
        });
        assertThat(health.status().pausedUntil()).isEqualTo(until);
        clock.shift(Duration.ofSeconds(601));
        assertThat(health.refusal("alice")).isEmpty();
        assertThat(health.status().healthy()).isTrue();
    }
}

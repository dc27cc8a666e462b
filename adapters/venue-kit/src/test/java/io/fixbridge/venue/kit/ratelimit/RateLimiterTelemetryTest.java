package io.fixbridge.venue.kit.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import io.fixbridge.venue.kit.RecordingTelemetry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the rate limiter tells telemetry, on a fake clock. */
class RateLimiterTelemetryTest {
    private static final Instant T0 = Instant.parse("2030-01-01T00:00:00Z");
    private static final RateLimit WEIGHT = new RateLimit("REQUEST_WEIGHT", 6000, Duration.ofMinutes(1));
    private static final RateLimit ORDERS = new RateLimit("ORDERS", 50, Duration.ofSeconds(10));

    private final FakeTime time = new FakeTime(T0);
    private final RecordingTelemetry telemetry = new RecordingTelemetry();

    private RateLimiter limiter(LimitTelemetry t) {
        return new RateLimiter("binance", List.of(WEIGHT, ORDERS), RateLimitPolicy.failFast(), time, time, t);
    }

    @Test
    void acquiringReportsTheUseOfEveryLimitItTouchesByNameAndWindow() {
        RateLimiter l = limiter(LimitTelemetry.of(telemetry));
        l.acquire(Cost.of("REQUEST_WEIGHT", 4).and("ORDERS", 1));
        l.acquire(Cost.of("REQUEST_WEIGHT", 2));

        assertThat(telemetry.limits).containsExactly(
                new RecordingTelemetry.Limit("REQUEST_WEIGHT:1m", 4, 6000),
                new RecordingTelemetry.Limit("ORDERS:10s", 1, 50),
                new RecordingTelemetry.Limit("REQUEST_WEIGHT:1m", 6, 6000));
    }

    @Test
    void aRefusedRequestReportsTheLimitFull() {
        RateLimiter l = limiter(LimitTelemetry.of(telemetry));
        for (int i = 0; i < 50; i++) {
            l.acquire(Cost.of("ORDERS", 1));
        }
        assertThat(l.acquire(Cost.of("ORDERS", 1))).isCompletedExceptionally();

        assertThat(telemetry.lastLimit("ORDERS:10s")).isEqualTo(new RecordingTelemetry.Limit("ORDERS:10s", 50, 50));
        assertThat(telemetry.limits).hasSize(51);
    }

    @Test
    void theVenuesCountsAndReleasesAreReported() {
        RateLimiter l = limiter(LimitTelemetry.scoped(telemetry, "spot"));
        l.observeUsed("REQUEST_WEIGHT", 1200, null);
        assertThat(telemetry.lastLimit("spot:REQUEST_WEIGHT:1m")).isEqualTo(
                new RecordingTelemetry.Limit("spot:REQUEST_WEIGHT:1m", 1200, 6000));

        l.acquire(Cost.of("ORDERS", 3));
        l.release(Cost.of("ORDERS", 3));
        assertThat(telemetry.lastLimit("spot:ORDERS:10s")).isEqualTo(
                new RecordingTelemetry.Limit("spot:ORDERS:10s", 0, 50));
    }

    @Test
    void whileALimitIsInUseItsUseIsReportedAgainUntilItHasRefilled() {
        RateLimiter l = limiter(LimitTelemetry.of(telemetry));
        for (int i = 0; i < 40; i++) {
            l.acquire(Cost.of("ORDERS", 1));
        }
        assertThat(telemetry.lastLimit("ORDERS:10s").used()).isEqualTo(40);
        assertThat(time.pending()).as("one refresh waits").isEqualTo(1);

        time.advance(Duration.ofSeconds(5));
        assertThat(telemetry.lastLimit("ORDERS:10s").used()).isEqualTo(15);
        assertThat(telemetry.lastLimit("REQUEST_WEIGHT:1m").used()).isZero();

        time.advance(Duration.ofSeconds(5));
        assertThat(telemetry.lastLimit("ORDERS:10s").used()).isZero();
        assertThat(time.pending()).as("nothing in use: no more reports").isZero();
    }

    @Test
    void withoutTelemetryNothingIsScheduled() {
        RateLimiter l = limiter(LimitTelemetry.NONE);
        l.acquire(Cost.of("ORDERS", 10));
        assertThat(time.pending()).isZero();
    }
}

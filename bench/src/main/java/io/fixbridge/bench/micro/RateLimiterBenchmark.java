package io.fixbridge.bench.micro;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import io.fixbridge.gateway.ops.Metrics;
import io.fixbridge.gateway.ops.VenueMetrics;
import io.fixbridge.venue.kit.Scheduler;
import io.fixbridge.venue.kit.ratelimit.Cost;
import io.fixbridge.venue.kit.ratelimit.LimitTelemetry;
import io.fixbridge.venue.kit.ratelimit.RateLimit;
import io.fixbridge.venue.kit.ratelimit.RateLimitPolicy;
import io.fixbridge.venue.kit.ratelimit.RateLimitSnapshot;
import io.fixbridge.venue.kit.ratelimit.RateLimiter;

/**
 * The venue-kit {@link RateLimiter} taking the permits of one order request: Binance spot's cost of a
 * new order, one unit of {@code REQUEST_WEIGHT} and one of {@code ORDERS}.
 * <ul>
 *   <li>{@code uncontended*}: ample capacity (the common case), on the system clock, without and with
 *       the gateway's Micrometer telemetry ({@link VenueMetrics}, as the adapters wire it);
 *       {@code uncontendedTryAcquire} is the non-future variant;</li>
 *   <li>{@code nearLimit}: Binance spot's real limits (6000/1m weight, 100/10s orders) held at 95 % use,
 *       each request arriving exactly when one order permit has refilled (a clock advanced by
 *       10 s / 100 per request): granted at once, with the high-use warning built once per window, as
 *       at a sustained rate at the limit;</li>
 *   <li>{@code atLimitRefused}: the orders limit used up with a fail-fast policy: the refusal, a failed
 *       future carrying a {@code RateLimitExceededException} with its message.</li>
 * </ul>
 *
 * <p>Single-threaded (uncontended by design); the limiters are built once per trial. The near-limit
 * state is checked after each iteration: it must still be granting at once.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgs = MicroBenchmarks.FORK_HEAP)
public class RateLimiterBenchmark {
    private static final String WEIGHT = "REQUEST_WEIGHT";
    private static final String ORDERS = "ORDERS";
    private static final long AMPLE = 1_000_000_000_000L;

    private final Cost newOrder = Cost.of(WEIGHT, 1).and(ORDERS, 1);
    private ScheduledExecutorService timer;
    private Metrics metrics;
    private RateLimiter ample;
    private RateLimiter ampleWithTelemetry;
    private RateLimiter near;
    private ManualClock nearClock;
    private long refillNanos;
    private RateLimiter refusing;

    @Setup(Level.Trial)
    public void setUp() {
        // the near-limit limiter warns at 80 % use, once per window: built, then filtered out here
        BenchLogging.errorOnly(RateLimiter.class);
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "bench-rate-limit-timer");
            t.setDaemon(true);
            return t;
        });
        Scheduler scheduler = Scheduler.of(timer);
        RateLimitPolicy wait = RateLimitPolicy.waitUpTo(Duration.ofMillis(500));
        List<RateLimit> ampleLimits = List.of(new RateLimit(WEIGHT, AMPLE, Duration.ofMinutes(1)),
                new RateLimit(ORDERS, AMPLE, Duration.ofSeconds(10)));
        ample = new RateLimiter("binance spot", ampleLimits, wait, Clock.systemUTC(), scheduler);
        metrics = new Metrics();
        ampleWithTelemetry = new RateLimiter("binance spot", ampleLimits, wait, Clock.systemUTC(), scheduler,
                LimitTelemetry.scoped(new VenueMetrics("binance", metrics), "spot"));

        RateLimit orders = new RateLimit(ORDERS, 100, Duration.ofSeconds(10));
        List<RateLimit> binanceSpot = List.of(new RateLimit(WEIGHT, 6000, Duration.ofMinutes(1)), orders);
        nearClock = new ManualClock(Instant.parse("2026-03-21T09:30:00Z"));
        near = new RateLimiter("binance spot", binanceSpot, wait, nearClock, scheduler);
        if (!near.tryAcquire(Cost.of(ORDERS, 95))) {
            throw new IllegalStateException("could not bring the orders limit to 95 % use");
        }
        refillNanos = orders.window().toNanos() / orders.capacity();

        refusing = new RateLimiter("binance spot", binanceSpot, RateLimitPolicy.failFast(),
                new ManualClock(Instant.parse("2026-03-21T09:30:00Z")), scheduler);
        if (!refusing.tryAcquire(Cost.of(ORDERS, 100))) {
            throw new IllegalStateException("could not use up the orders limit");
        }
    }

    @TearDown(Level.Iteration)
    public void checkNearLimit() {
        RateLimitSnapshot s = near.snapshot().stream().filter(x -> x.name().equals(ORDERS)).findFirst().orElseThrow();
        if (s.reserved() != 0 || s.available() < 1 || s.available() > 10) {
            throw new IllegalStateException("the near-limit limiter drifted: " + s);
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        ample.close();
        ampleWithTelemetry.close();
        near.close();
        refusing.close();
        metrics.close();
        timer.shutdownNow();
    }

    /** acquire with ample capacity, no telemetry. */
    @Benchmark
    public CompletableFuture<Void> uncontendedAcquire() {
        return ample.acquire(newOrder);
    }

    /** acquire with ample capacity, reporting use to the gateway's metrics as the adapters do. */
    @Benchmark
    public CompletableFuture<Void> uncontendedAcquireWithTelemetry() {
        return ampleWithTelemetry.acquire(newOrder);
    }

    /** tryAcquire with ample capacity. */
    @Benchmark
    public boolean uncontendedTryAcquire() {
        return ample.tryAcquire(newOrder);
    }

    /** acquire at 95 % use of the orders limit, one refilled permit per request. */
    @Benchmark
    public CompletableFuture<Void> nearLimit() {
        nearClock.advance(refillNanos);
        return near.acquire(newOrder);
    }

    /** acquire refused: the orders limit is used up and the policy fails fast. */
    @Benchmark
    public CompletableFuture<Void> atLimitRefused() {
        return refusing.acquire(newOrder);
    }

    /** A clock that moves only when the benchmark thread advances it. */
    static final class ManualClock extends Clock {
        private volatile long epochNanos;

        ManualClock(Instant start) {
            epochNanos = start.getEpochSecond() * 1_000_000_000L + start.getNano();
        }

        void advance(long nanos) {
            epochNanos += nanos;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException("a benchmark clock is UTC only");
        }

        @Override
        public Instant instant() {
            long n = epochNanos;
            return Instant.ofEpochSecond(Math.floorDiv(n, 1_000_000_000L), Math.floorMod(n, 1_000_000_000L));
        }
    }
}

package io.fixbridge.venue.kit.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fixbridge.venue.ConfigView;
import io.fixbridge.venue.VenueConfigException;
import io.fixbridge.venue.VenueError;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class RateLimiterTest {
    private static final Instant T0 = Instant.parse("2030-01-01T00:00:00Z");
    private static final RateLimit WEIGHT = new RateLimit("REQUEST_WEIGHT", 6000, Duration.ofMinutes(1));
    private static final RateLimit ORDERS = new RateLimit("ORDERS", 50, Duration.ofSeconds(10));
    private static final RateLimit ORDERS_DAY = new RateLimit("ORDERS_1D", 160_000, Duration.ofDays(1));
    private static final Cost ORDER = Cost.of("REQUEST_WEIGHT", 1).and("ORDERS", 1).and("ORDERS_1D", 1);

    private final FakeTime time = new FakeTime(T0);

    private RateLimiter limiter(RateLimitPolicy policy) {
        return new RateLimiter("binance", List.of(WEIGHT, ORDERS, ORDERS_DAY), policy, time, time);
    }

    private static Throwable failure(CompletableFuture<?> f) {
        assertThat(f).isCompletedExceptionally();
        try {
            f.get();
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
        throw new AssertionError("not failed");
    }

    private static long available(RateLimiter l, String name) {
        return l.snapshot().stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow().available();
    }

    @Test
    void grantsUpToCapacityThenRefusesWithAClearMessage() {
        RateLimiter l = limiter(RateLimitPolicy.failFast());
        for (int i = 0; i < 50; i++) {
            assertThat(l.acquire(ORDER)).isCompletedWithValue(null);
        }
        Throwable e = failure(l.acquire(ORDER));
        assertThat(e).isInstanceOf(RateLimitExceededException.class)
                .hasMessage("rate limit ORDERS 50/10s would be exceeded; waited 0 ms (max 0 ms); retry after 200 ms");
        RateLimitExceededException r = (RateLimitExceededException) e;
        assertThat(r.limit()).contains("ORDERS");
        assertThat(r.retryAfter()).contains(Duration.ofMillis(200));
        VenueError err = r.toRetryableError();
        assertThat(err.outcome()).isEqualTo(VenueError.Outcome.RETRYABLE);
        assertThat(err.retryAfter()).isEqualTo(Duration.ofMillis(200));
        assertThat(available(l, "REQUEST_WEIGHT")).isEqualTo(5950);
        assertThat(available(l, "ORDERS_1D")).isEqualTo(159_950);
    }

    @Test
    void refusalTakesNothingFromAnyBucket() {
        RateLimiter l = limiter(RateLimitPolicy.failFast());
        assertThat(l.acquire(Cost.of("REQUEST_WEIGHT", 5990))).isCompletedWithValue(null);
        assertThat(l.acquire(Cost.of("REQUEST_WEIGHT", 20).and("ORDERS", 1))).isCompletedExceptionally();
        assertThat(available(l, "ORDERS")).isEqualTo(50);
        assertThat(available(l, "REQUEST_WEIGHT")).isEqualTo(10);
    }

    @Test
    void refillsContinuously() {
        RateLimiter l = limiter(RateLimitPolicy.failFast());
        assertThat(l.acquire(Cost.of("REQUEST_WEIGHT", 6000))).isCompletedWithValue(null);
        assertThat(l.tryAcquire(Cost.of("REQUEST_WEIGHT", 1))).isFalse();
        time.advance(Duration.ofSeconds(1));
        assertThat(available(l, "REQUEST_WEIGHT")).isEqualTo(100);
        assertThat(l.tryAcquire(Cost.of("REQUEST_WEIGHT", 100))).isTrue();
        assertThat(l.tryAcquire(Cost.of("REQUEST_WEIGHT", 1))).isFalse();
        time.advance(Duration.ofMinutes(5));
        assertThat(available(l, "REQUEST_WEIGHT")).isEqualTo(6000);
    }

    @Test
    void waitsWithinMaxWaitWithoutBlockingAndServesInOrder() {
        RateLimiter l = limiter(RateLimitPolicy.waitUpTo(Duration.ofMillis(500)));
        for (int i = 0; i < 50; i++) {
            l.acquire(ORDER);
        }
        CompletableFuture<Void> first = l.acquire(ORDER);
        CompletableFuture<Void> second = l.acquire(ORDER);
        assertThat(first).isNotDone();
        assertThat(second).isNotDone();
        assertThat(time.pending()).isEqualTo(2);
        time.advance(Duration.ofMillis(199));
        assertThat(first).isNotDone();
        time.advance(Duration.ofMillis(1));
        assertThat(first).isCompletedWithValue(null);
        assertThat(second).isNotDone();
        time.advance(Duration.ofMillis(200));
        assertThat(second).isCompletedWithValue(null);
        assertThat(l.snapshot().get(1).reserved()).isZero();
    }

    @Test
    void refusesAtOnceWhenTheWaitWouldExceedMaxWait() {
        RateLimiter l = limiter(RateLimitPolicy.waitUpTo(Duration.ofMillis(500)));
        for (int i = 0; i < 50; i++) {
            l.acquire(ORDER);
        }
        List<CompletableFuture<Void>> waiting = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            waiting.add(l.acquire(ORDER));
        }
        // the two reservations are granted at 200 and 400 ms; a third would be at 600 ms > 500 ms
        assertThat(failure(l.acquire(ORDER))).hasMessage(
                "rate limit ORDERS 50/10s would be exceeded; waited 0 ms (max 500 ms); retry after 600 ms");
        time.advance(Duration.ofMillis(200));
        assertThat(waiting.get(0)).isCompletedWithValue(null);
        // now 400 ms from the next grant: fits again
        CompletableFuture<Void> third = l.acquire(ORDER);
        assertThat(third).isNotDone();
        time.advance(Duration.ofMillis(400));
        assertThat(waiting.get(1)).isCompletedWithValue(null);
        assertThat(third).isCompletedWithValue(null);
    }

    @Test
    void costAboveCapacityCanNeverBeGranted() {
        RateLimiter l = limiter(RateLimitPolicy.waitUpTo(Duration.ofHours(1)));
        RateLimitExceededException e = (RateLimitExceededException) failure(l.acquire(Cost.of("ORDERS", 51)));
        assertThat(e.retryAfter()).isEmpty();
        assertThat(e.getMessage()).contains("exceeds rate limit ORDERS 50/10s");
    }

    @Test
    void unknownLimitInACostIsAProgrammingError() {
        RateLimiter l = limiter(RateLimitPolicy.failFast());
        assertThatThrownBy(() -> l.acquire(Cost.of("NOPE", 1))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("REQUEST_WEIGHT");
    }

    @Test
    void observedUsageCorrectsTheBucket() {
        RateLimiter l = limiter(RateLimitPolicy.failFast());
        l.acquire(Cost.of("REQUEST_WEIGHT", 10));
        // another process on the same IP used more than we did
        l.observeUsed("REQUEST_WEIGHT", 5990, null);
        assertThat(available(l, "REQUEST_WEIGHT")).isEqualTo(10);
        assertThat(l.tryAcquire(Cost.of("REQUEST_WEIGHT", 11))).isFalse();
        // a report lower than our own count lags requests still in flight: it hands nothing back
        l.observeUsed("REQUEST_WEIGHT", 3, null);
        assertThat(available(l, "REQUEST_WEIGHT")).isEqualTo(10);
        // the bucket refills with time as before
        time.advance(Duration.ofMinutes(1));
        assertThat(available(l, "REQUEST_WEIGHT")).isEqualTo(6000);
        l.observeUsed("UNKNOWN_LIMIT", 1, null);
    }

    @Test
    void observedRemainingCountIsBybitStyle() {
        RateLimiter l = new RateLimiter("bybit", List.of(new RateLimit("ORDER_CREATE", 10, Duration.ofSeconds(1))),
                RateLimitPolicy.waitUpTo(Duration.ofSeconds(1)), time, time);
        // X-Bapi-Limit: 10, X-Bapi-Limit-Status: 0 left, X-Bapi-Limit-Reset-Timestamp: +700 ms
        l.observeRemaining("ORDER_CREATE", 0, T0.plusMillis(700));
        CompletableFuture<Void> next = l.acquire(Cost.of("ORDER_CREATE", 1));
        time.advance(Duration.ofMillis(699));
        assertThat(next).isNotDone();
        time.advance(Duration.ofMillis(1));
        assertThat(next).isCompletedWithValue(null);
        l.observeRemaining("ORDER_CREATE", 7, null);
        assertThat(available(l, "ORDER_CREATE")).isEqualTo(7);
    }

    @Test
    void observedUsageWithResetTimeHoldsUntilTheReset() {
        RateLimiter l = limiter(RateLimitPolicy.waitUpTo(Duration.ofSeconds(55)));
        Instant reset = WEIGHT.nextWindowStart(T0.plusSeconds(30));
        assertThat(reset).isEqualTo(T0.plusSeconds(60));
        l.observeUsed("REQUEST_WEIGHT", 6000, reset);
        time.advance(Duration.ofSeconds(10));
        // no continuous refill while the venue's window is full
        assertThat(available(l, "REQUEST_WEIGHT")).isZero();
        assertThat(l.snapshot().get(0).resetsAt()).isEqualTo(reset);
        CompletableFuture<Void> waiting = l.acquire(Cost.of("REQUEST_WEIGHT", 5));
        assertThat(waiting).isNotDone();
        time.advance(Duration.ofSeconds(49));
        assertThat(waiting).isNotDone();
        time.advance(Duration.ofSeconds(1));
        assertThat(waiting).isCompletedWithValue(null);
        assertThat(available(l, "REQUEST_WEIGHT")).isEqualTo(5995);
    }

    @Test
    void pauseHoldsEverythingBackAndExtendsWaiters() {
        RateLimiter l = limiter(RateLimitPolicy.waitUpTo(Duration.ofSeconds(2)));
        for (int i = 0; i < 50; i++) {
            l.acquire(ORDER);
        }
        CompletableFuture<Void> waiting = l.acquire(ORDER);
        l.pauseUntil(T0.plusSeconds(1), "HTTP 429");
        assertThat(l.pausedUntil()).contains(T0.plusSeconds(1));
        CompletableFuture<Void> weightOnly = l.acquire(Cost.of("REQUEST_WEIGHT", 1));
        assertThat(weightOnly).isNotDone();
        time.advance(Duration.ofMillis(200));
        assertThat(waiting).as("rescheduled to the end of the pause").isNotDone();
        time.advance(Duration.ofMillis(800));
        assertThat(waiting).isCompletedWithValue(null);
        assertThat(weightOnly).isCompletedWithValue(null);
        assertThat(l.pausedUntil()).isEmpty();
    }

    @Test
    void pauseLongerThanMaxWaitRefusesWithThePauseInTheMessage() {
        RateLimiter l = limiter(RateLimitPolicy.waitUpTo(Duration.ofMillis(200)));
        l.pauseUntil(T0.plusSeconds(12), "HTTP 418");
        l.pauseUntil(T0.plusSeconds(5), "ignored: earlier");
        RateLimitExceededException e = (RateLimitExceededException) failure(l.acquire(Cost.of("REQUEST_WEIGHT", 1)));
        assertThat(e.paused()).isTrue();
        assertThat(e.getMessage()).isEqualTo("requests to binance are paused until 2030-01-01T00:00:12Z (HTTP 418); "
                + "waited 0 ms (max 200 ms); retry after 12 s");
        assertThat(l.tryAcquire(Cost.of("REQUEST_WEIGHT", 1))).isFalse();
    }

    @Test
    void waiterOutlivedByANewPauseFailsAndGivesItsPermitsBack() {
        RateLimiter l = limiter(RateLimitPolicy.waitUpTo(Duration.ofMillis(500)));
        for (int i = 0; i < 50; i++) {
            l.acquire(ORDER);
        }
        CompletableFuture<Void> waiting = l.acquire(ORDER);
        l.pauseUntil(T0.plusSeconds(30), "HTTP 429");
        time.advance(Duration.ofMillis(200));
        RateLimitExceededException e = (RateLimitExceededException) failure(waiting);
        assertThat(e.waited()).isEqualTo(Duration.ofMillis(200));
        assertThat(e.getMessage()).contains("waited 200 ms", "retry after 30 s");
        assertThat(l.snapshot().get(1).reserved()).isZero();
    }

    @Test
    void releaseGivesPermitsBack() {
        RateLimiter l = limiter(RateLimitPolicy.failFast());
        for (int i = 0; i < 50; i++) {
            l.acquire(ORDER);
        }
        l.release(ORDER);
        assertThat(l.tryAcquire(ORDER)).isTrue();
        assertThat(l.tryAcquire(ORDER)).isFalse();
    }

    @Test
    void closeFailsWaitersAndRefusesNewRequests() {
        RateLimiter l = limiter(RateLimitPolicy.waitUpTo(Duration.ofSeconds(1)));
        for (int i = 0; i < 50; i++) {
            l.acquire(ORDER);
        }
        CompletableFuture<Void> waiting = l.acquire(ORDER);
        l.close();
        assertThat(failure(waiting)).isInstanceOf(java.util.concurrent.RejectedExecutionException.class);
        assertThat(failure(l.acquire(ORDER))).isInstanceOf(java.util.concurrent.RejectedExecutionException.class);
        time.advance(Duration.ofSeconds(1));
    }

    @Test
    void manyThreadsNeverOverGrant() throws Exception {
        RateLimiter l = limiter(RateLimitPolicy.failFast());
        ExecutorService pool = Executors.newFixedThreadPool(8);
        AtomicInteger granted = new AtomicInteger();
        AtomicInteger refused = new AtomicInteger();
        CountDownLatch go = new CountDownLatch(1);
        try {
            List<Future<?>> jobs = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                jobs.add(pool.submit(() -> {
                    go.await();
                    for (int i = 0; i < 100; i++) {
                        if (l.acquire(ORDER).isCompletedExceptionally()) {
                            refused.incrementAndGet();
                        } else {
                            granted.incrementAndGet();
                        }
                    }
                    return null;
                }));
            }
            go.countDown();
            for (Future<?> j : jobs) {
                j.get(10, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(granted.get()).isEqualTo(50);
        assertThat(refused.get()).isEqualTo(750);
    }

    @Test
    void warnsAtEightyPercentOncePerWindow() {
        ch.qos.logback.classic.Logger logger = (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(RateLimiter.class);
        ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> appender = new ch.qos.logback.core.read.ListAppender<>();
        appender.start();
        logger.addAppender(appender);
        try {
            RateLimiter l = limiter(RateLimitPolicy.failFast());
            l.acquire(Cost.of("ORDERS", 39));
            assertThat(appender.list).isEmpty();
            l.acquire(Cost.of("ORDERS", 1));
            l.acquire(Cost.of("ORDERS", 5));
            assertThat(appender.list).hasSize(1);
            assertThat(appender.list.get(0).getFormattedMessage()).isEqualTo("binance: rate limit ORDERS 50/10s at 80 % (40 used)");
            time.advance(Duration.ofSeconds(10));
            l.acquire(Cost.of("ORDERS", 45));
            assertThat(appender.list).hasSize(2);
        } finally {
            logger.detachAppender(appender);
        }
    }

    @Test
    void limitsAreOverriddenFromConfig() {
        ConfigView section = new ConfigView("venues[binance].rateLimits", Map.of(
                "REQUEST_WEIGHT", Map.of("capacity", 12000),
                "ORDERS_1S", Map.of("capacity", 10, "window", "1s")));
        List<RateLimit> limits = RateLimit.fromConfig(section, List.of(WEIGHT, ORDERS));
        assertThat(limits).containsExactly(new RateLimit("REQUEST_WEIGHT", 12000, Duration.ofMinutes(1)), ORDERS,
                new RateLimit("ORDERS_1S", 10, Duration.ofSeconds(1)));
        ConfigView bad = new ConfigView("venues[binance].rateLimits", Map.of("NEW", Map.of("capacity", 10)));
        assertThatThrownBy(() -> RateLimit.fromConfig(bad, List.of(WEIGHT)))
                .isInstanceOf(VenueConfigException.class).hasMessageStartingWith("venues[binance].rateLimits.NEW: ");
        ConfigView badWindow = new ConfigView("r", Map.of("ORDERS", Map.of("window", "soon")));
        assertThatThrownBy(() -> RateLimit.fromConfig(badWindow, List.of(ORDERS)))
                .isInstanceOf(VenueConfigException.class).hasMessageContaining("r.ORDERS.window");
        assertThat(RateLimitPolicy.fromConfig(new ConfigView("v", Map.of("maxWait", "250ms")), RateLimitPolicy.failFast()))
                .isEqualTo(RateLimitPolicy.waitUpTo(Duration.ofMillis(250)));
        assertThat(WEIGHT.describe()).isEqualTo("REQUEST_WEIGHT 6000/1m");
        assertThat(ORDERS_DAY.describe()).isEqualTo("ORDERS_1D 160000/1d");
    }
}

package io.fixbridge.venue.kit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fixbridge.venue.ConfigView;
import io.fixbridge.venue.VenueConfigException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class DurationsTest {
    @Test
    void parsesAndPrints() {
        assertThat(Durations.parse("250ms")).isEqualTo(Duration.ofMillis(250));
        assertThat(Durations.parse(" 10s ")).isEqualTo(Duration.ofSeconds(10));
        assertThat(Durations.parse("1m")).isEqualTo(Duration.ofMinutes(1));
        assertThat(Durations.parse("2h")).isEqualTo(Duration.ofHours(2));
        assertThat(Durations.parse("1d")).isEqualTo(Duration.ofDays(1));
        assertThat(Durations.parse("PT1M")).isEqualTo(Duration.ofMinutes(1));
        assertThatThrownBy(() -> Durations.parse("soon")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Durations.parse("-PT1S")).isInstanceOf(IllegalArgumentException.class);
        assertThat(Durations.compact(Duration.ofSeconds(10))).isEqualTo("10s");
        assertThat(Durations.compact(Duration.ofMinutes(1))).isEqualTo("1m");
        assertThat(Durations.compact(Duration.ofDays(1))).isEqualTo("1d");
        assertThat(Durations.compact(Duration.ofMillis(1500))).isEqualTo("1500ms");
        assertThat(Durations.human(Duration.ofMillis(200))).isEqualTo("200 ms");
        assertThat(Durations.human(Duration.ofMillis(11_001))).isEqualTo("12 s");
        assertThat(Durations.human(Duration.ofNanos(1))).isEqualTo("1 ms");
    }

    @Test
    void readsFromConfigNamingTheSetting() {
        ConfigView c = new ConfigView("venues[binance].rest", Map.of("readTimeout", "3s", "bad", "later"));
        assertThat(Durations.get(c, "readTimeout", Duration.ZERO)).isEqualTo(Duration.ofSeconds(3));
        assertThat(Durations.get(c, "absent", Duration.ofSeconds(9))).isEqualTo(Duration.ofSeconds(9));
        assertThatThrownBy(() -> Durations.get(c, "bad", Duration.ZERO)).isInstanceOf(VenueConfigException.class)
                .hasMessageStartingWith("venues[binance].rest.bad: expected a duration");
    }

    @Test
    void serialExecutorRunsInOrderOneAtATimeAndSurvivesFailures() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            SerialExecutor serial = new SerialExecutor(pool);
            List<Integer> seen = new CopyOnWriteArrayList<>();
            CountDownLatch done = new CountDownLatch(1);
            java.util.concurrent.atomic.AtomicInteger concurrent = new java.util.concurrent.atomic.AtomicInteger();
            java.util.concurrent.atomic.AtomicInteger maxConcurrent = new java.util.concurrent.atomic.AtomicInteger();
            for (int i = 0; i < 500; i++) {
                int n = i;
                serial.execute(() -> {
                    maxConcurrent.accumulateAndGet(concurrent.incrementAndGet(), Math::max);
                    seen.add(n);
                    concurrent.decrementAndGet();
                    if (n == 10) {
                        throw new IllegalStateException("a failing task must not stop the others");
                    }
                    if (n == 499) {
                        done.countDown();
                    }
                });
            }
            assertThat(done.await(5, TimeUnit.SECONDS)).isTrue();
            assertThat(seen).hasSize(500).isSorted();
            assertThat(maxConcurrent.get()).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void executorsNameTheirThreadsAndCloseIdempotently() throws Exception {
        VenueExecutors ex = VenueExecutors.create("named", 1, 1);
        java.util.concurrent.CompletableFuture<String> name = new java.util.concurrent.CompletableFuture<>();
        ex.callbacks().execute(() -> name.complete(Thread.currentThread().getName() + "/" + Thread.currentThread().isDaemon()));
        assertThat(name.get(5, TimeUnit.SECONDS)).isEqualTo("named-callback-1/true");
        java.util.concurrent.CompletableFuture<String> io = new java.util.concurrent.CompletableFuture<>();
        ex.ioGroup().next().execute(() -> io.complete(Thread.currentThread().getName()));
        assertThat(io.get(5, TimeUnit.SECONDS)).isEqualTo("named-io-1");
        ex.close();
        ex.close();
        assertThat(ex.isClosed()).isTrue();
        java.util.concurrent.atomic.AtomicBoolean ran = new java.util.concurrent.atomic.AtomicBoolean();
        ex.runCallback(() -> ran.set(true));
        assertThat(ran).isTrue();
    }
}

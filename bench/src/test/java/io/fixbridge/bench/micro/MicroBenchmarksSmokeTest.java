package io.fixbridge.bench.micro;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

/**
 * Runs every micro-benchmark once in smoke mode (in this JVM, 50 ms warm-up, 100 ms measured) to prove
 * each still sets up, runs and yields a result. No timing is asserted: smoke numbers mean nothing.
 */
class MicroBenchmarksSmokeTest {

    @Test
    void everyBenchmarkRunsAndYieldsAFinitePositiveScore() {
        List<String> expected = MicroBenchmarks.benchmarks(null);
        assertThat(expected).as("the benchmark list").hasSizeGreaterThan(30);
        assertThat(MicroBenchmarks.classes()).allSatisfy(c ->
                assertThat(expected).as("benchmarks of " + c.getSimpleName()).anyMatch(n -> n.startsWith(c.getName() + ".")));

        List<MicroResult> results = MicroBenchmarks.run(MicroOptions.smoke());

        Set<String> ran = results.stream().map(MicroResult::benchmark).collect(Collectors.toSet());
        assertThat(ran).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(results).allSatisfy(r -> {
            assertThat(Double.isFinite(r.score())).as(r.benchmark() + " " + r.params() + " " + r.mode() + " score is finite")
                    .isTrue();
            assertThat(r.score()).as(r.benchmark() + " " + r.params() + " " + r.mode()).isPositive();
            assertThat(r.unit()).endsWith("/op");
            if (r.mode().equals("sample")) {
                assertThat(r.percentiles()).containsOnlyKeys("p50", "p99", "p99.9");
                assertThat(r.percentiles().values()).allSatisfy(p -> assertThat(p).isFinite().isNotNegative());
            } else {
                assertThat(r.percentiles()).isEmpty();
            }
        });
        // every fsync policy of the journal ran
        assertThat(results.stream().filter(r -> r.benchmark().endsWith("JournalAppendBenchmark.appendStateChanged"))
                .map(MicroResult::params).collect(Collectors.toSet()))
                .containsExactlyInAnyOrder("fsync=NONE", "fsync=BATCH", "fsync=ALWAYS");
    }

    @Test
    void aFilterSelectsBenchmarksByName() {
        assertThat(MicroBenchmarks.benchmarks("SigningBenchmark\\.hmac"))
                .containsExactly(SigningBenchmark.class.getName() + ".hmacSha256Hex");
        assertThat(MicroBenchmarks.benchmarks("OrderPath")).hasSizeGreaterThanOrEqualTo(9)
                .allMatch(n -> n.startsWith("io.fixbridge.venue."));
    }
}

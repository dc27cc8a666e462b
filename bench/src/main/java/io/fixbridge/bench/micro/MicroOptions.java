package io.fixbridge.bench.micro;

import java.time.Duration;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * How {@link MicroBenchmarks#run} runs JMH.
 *
 * <p>Immutable. The compact constructor refuses negative counts, non-positive times and a filter
 * that is not a regular expression, with {@link IllegalArgumentException}.
 *
 * @param forks                 JMH forks per benchmark; 0 runs in this JVM (smoke only: numbers are
 *                              not comparable), 1 or more in fresh JVMs from the benchmark jar
 * @param warmupIterations      warm-up iterations per fork
 * @param warmupTime            length of one warm-up iteration
 * @param measurementIterations measured iterations per fork
 * @param measurementTime       length of one measured iteration
 * @param filter                a regular expression a benchmark's full name
 *                              ({@code package.Class.method}) must contain to run, or null for all
 * @param verbose               whether JMH prints its progress and tables to standard output
 */
public record MicroOptions(int forks, int warmupIterations, Duration warmupTime, int measurementIterations,
                           Duration measurementTime, String filter, boolean verbose) {

    public MicroOptions {
        if (forks < 0 || warmupIterations < 0 || measurementIterations < 1) {
            throw new IllegalArgumentException("forks and warm-up iterations must not be negative and at least one "
                    + "measured iteration is needed; got forks " + forks + ", warm-up " + warmupIterations
                    + ", measured " + measurementIterations);
        }
        Objects.requireNonNull(warmupTime, "warmupTime");
        Objects.requireNonNull(measurementTime, "measurementTime");
        if (warmupTime.isNegative() || warmupTime.isZero() || measurementTime.isNegative() || measurementTime.isZero()) {
            throw new IllegalArgumentException("iteration times must be positive; got warm-up " + warmupTime
                    + ", measured " + measurementTime);
        }
        if (filter != null) {
            try {
                Pattern.compile(filter);
            } catch (PatternSyntaxException e) {
                throw new IllegalArgumentException("the benchmark filter is not a regular expression: " + e.getMessage(), e);
            }
        }
    }

    /** The real run: 1 fork, 3 warm-up x 1 s, 5 measured x 1 s, every benchmark, JMH's output shown. */
    public static MicroOptions full() {
        return new MicroOptions(1, 3, Duration.ofSeconds(1), 5, Duration.ofSeconds(1), null, true);
    }

    /**
     * Proof that every benchmark still runs (the test suite's): in this JVM, 1 warm-up x 50 ms and
     * 1 measured x 100 ms, silent. Its numbers mean nothing.
     */
    public static MicroOptions smoke() {
        return new MicroOptions(0, 1, Duration.ofMillis(50), 1, Duration.ofMillis(100), null, false);
    }

    /** These options with {@code regex} as the filter (null for all benchmarks). */
    public MicroOptions withFilter(String regex) {
        return new MicroOptions(forks, warmupIterations, warmupTime, measurementIterations, measurementTime, regex,
                verbose);
    }

    /** These options with JMH's output shown or not. */
    public MicroOptions withVerbose(boolean on) {
        return new MicroOptions(forks, warmupIterations, warmupTime, measurementIterations, measurementTime, filter, on);
    }

    /** These options with {@code n} forks. */
    public MicroOptions withForks(int n) {
        return new MicroOptions(n, warmupIterations, warmupTime, measurementIterations, measurementTime, filter, verbose);
    }
}

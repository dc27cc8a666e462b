package io.fixbridge.bench.micro;

import java.util.Map;
import java.util.Objects;

/**
 * One row of a micro-benchmark run: one benchmark method, with one set of parameters, in one mode.
 *
 * <p>Immutable.
 *
 * @param benchmark   the benchmark's full name, {@code package.Class.method}
 * @param params      its JMH parameters as {@code name=value} joined by commas, or empty
 * @param mode        JMH's short label of the mode: {@code avgt} (average time) or {@code sample}
 *                    (sampled time, with percentiles)
 * @param score       the mean time per operation, in {@code unit}
 * @param error       the 99.9 % confidence half-interval of {@code score}; NaN when the run had too
 *                    few iterations to say
 * @param unit        {@code ns/op}, {@code us/op}, ...
 * @param percentiles for {@code sample}: {@code p50}, {@code p99} and {@code p99.9} in {@code unit}, in
 *                    that order; empty for other modes
 */
public record MicroResult(String benchmark, String params, String mode, double score, double error, String unit,
                          Map<String, Double> percentiles) {

    public MicroResult {
        Objects.requireNonNull(benchmark, "benchmark");
        Objects.requireNonNull(params, "params");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(unit, "unit");
        percentiles = percentiles == null ? Map.of() : java.util.Collections.unmodifiableMap(
                new java.util.LinkedHashMap<>(percentiles));
    }

    /** The class's simple name and the method, e.g. {@code SigningBenchmark.hmacSha256Hex}. */
    public String shortName() {
        int method = benchmark.lastIndexOf('.');
        int type = method <= 0 ? -1 : benchmark.lastIndexOf('.', method - 1);
        return benchmark.substring(type + 1);
    }
}

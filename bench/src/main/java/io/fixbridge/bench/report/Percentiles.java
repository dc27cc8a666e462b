package io.fixbridge.bench.report;

import org.HdrHistogram.Histogram;

/**
 * A latency distribution summarised in microseconds. Immutable.
 *
 * @param count observations
 */
public record Percentiles(long count, double p50, double p90, double p99, double p999, double max) {

    /** From an HdrHistogram of nanoseconds; null when it is empty. */
    public static Percentiles ofNanos(Histogram h) {
        if (h.getTotalCount() == 0) {
            return null;
        }
        return new Percentiles(h.getTotalCount(), h.getValueAtPercentile(50) / 1e3, h.getValueAtPercentile(90) / 1e3,
                h.getValueAtPercentile(99) / 1e3, h.getValueAtPercentile(99.9) / 1e3, h.getMaxValue() / 1e3);
    }

    /** The value at one of the named percentiles ("p50", "p90", "p99", "p99.9", "max"). */
    public double at(String percentile) {
        return switch (percentile) {
            case "p50" -> p50;
            case "p90" -> p90;
            case "p99" -> p99;
            case "p99.9" -> p999;
            case "max" -> max;
            default -> throw new IllegalArgumentException("no percentile " + percentile);
        };
    }

    /** The percentiles {@link #at} knows, in order. */
    public static final java.util.List<String> NAMES = java.util.List.of("p50", "p90", "p99", "p99.9", "max");
}

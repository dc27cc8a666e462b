package io.fixbridge.bench.load;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * What one {@code fixbridge bench} run does. Immutable; {@link #full} and {@link #smoke} are the
 * two shapes it comes in, the command line's options adjust them.
 *
 * @param rate              orders per second of the latency runs (issue 9: 5,000)
 * @param throughputRate    the throughput target in orders per second (issue 9: 10,000), which the flat-out runs are held to
 * @param hyperliquidRate   orders per second of the Hyperliquid run (each order is EIP-712 signed)
 * @param comparisonRate    orders per second at which the gateway to Binance and ccxt's createOrder are compared
 * @param orders            measured orders per run
 * @param warmup            unmeasured orders before each run, at its rate
 * @param processWarmup     unmeasured orders flat out into each new process (per venue for the gateway) before its runs
 * @param sessions          FIX sessions the load is spread over
 * @param work              directory for logs, stores and the gateway's data
 * @param gatewayJvmOptions the gateway's JVM options (ops/jvm.options)
 * @param ccxtScript        bench/ccxt/create-order.mjs, or null to leave the ccxt baseline out
 * @param fsyncPolicies     journal fsync policies to measure (one gateway each); null entry: the shipped default
 * @param only              runs whose name contains this are made, the others left out; empty: all
 */
public record BenchOptions(int rate, int throughputRate, int hyperliquidRate, int comparisonRate, int orders, int warmup,
                           int processWarmup, int sessions, Path work, List<String> gatewayJvmOptions, Path ccxtScript,
                           List<String> fsyncPolicies, String only) {

    public BenchOptions {
        Objects.requireNonNull(work, "work");
        Objects.requireNonNull(only, "only");
        gatewayJvmOptions = List.copyOf(gatewayJvmOptions);
        fsyncPolicies = fsyncPolicies.stream().toList();
        if (rate < 1 || throughputRate < 1 || hyperliquidRate < 1 || comparisonRate < 1 || orders < 1 || warmup < 0
                || processWarmup < 0 || sessions < 1) {
            throw new IllegalArgumentException("rates, orders and sessions must be positive, warmup not negative");
        }
    }

    /** Issue 9's runs: 5,000/s and 1,000/s latency, flat-out throughput, 10,000 measured orders each after 5,000 warm-up. */
    public static BenchOptions full(Path work, List<String> jvmOptions, Path ccxtScript) {
        return new BenchOptions(5_000, 10_000, 1_000, 1_000, 10_000, 5_000, 30_000, 4, work, jvmOptions, ccxtScript,
                java.util.Arrays.asList(null, "none"), "");
    }

    /** Whether the run named {@code name} is to be made. */
    public boolean includes(String name) {
        return only.isEmpty() || name.contains(only);
    }

    /** A few hundred orders per run, to prove the bench works (the test suite runs this). */
    public static BenchOptions smoke(Path work, List<String> jvmOptions, Path ccxtScript) {
        return new BenchOptions(500, 1_000, 200, 200, 200, 50, 100, 2, work, jvmOptions, ccxtScript,
                java.util.Arrays.asList((String) null), "");
    }
}

package io.fixbridge.bench.micro;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;
import org.openjdk.jmh.util.Statistics;

import io.fixbridge.venue.binance.BinanceOrderPathBenchmark;
import io.fixbridge.venue.bybit.BybitOrderPathBenchmark;
import io.fixbridge.venue.hyperliquid.HyperliquidOrderPathBenchmark;

/**
 * The JMH micro-benchmarks of the order path, and the one place their list and JMH options live.
 * {@link #run} runs them in-process through JMH's {@link Runner}: with {@code forks > 0} each benchmark
 * runs in a fresh JVM started from this JVM's class path (the benchmark jar, {@code java -jar
 * bench/target/fixbridge-bench.jar}; the shaded jar carries JMH's {@code META-INF/BenchmarkList}), with
 * {@code -Xmx512m}.
 *
 * <p>What each benchmark measures: bench/README.md (the micro-benchmarks section).
 *
 * <p>Threading: {@link #run} blocks the calling thread for the whole run (minutes with
 * {@link MicroOptions#full()}); call it from one thread at a time. Errors: a benchmark that throws fails
 * the whole run with {@link IllegalStateException} naming it (JMH's message); a filter that matches no
 * benchmark fails with {@link IllegalArgumentException}.
 */
public final class MicroBenchmarks {
    /** Every benchmark class, in report order. */
    private static final List<Class<?>> BENCHMARKS = List.of(
            FixNewOrderBenchmark.class,
            ExecutionReportBenchmark.class,
            OrderStateMachineBenchmark.class,
            PreTradeRiskBenchmark.class,
            JournalAppendBenchmark.class,
            RateLimiterBenchmark.class,
            BinanceOrderPathBenchmark.class,
            BybitOrderPathBenchmark.class,
            HyperliquidOrderPathBenchmark.class,
            SigningBenchmark.class,
            Eip712SigningBenchmark.class,
            VenueJsonBenchmark.class);

    /** Heap of a forked benchmark JVM. */
    public static final String FORK_HEAP = "-Xmx512m";

    private MicroBenchmarks() {
    }

    /** The benchmark classes. */
    public static List<Class<?>> classes() {
        return BENCHMARKS;
    }

    /**
     * The full names ({@code package.Class.method}) of every benchmark method that {@code filter}
     * selects (all for null), in report order.
     */
    public static List<String> benchmarks(String filter) {
        Pattern p = filter == null ? null : Pattern.compile(filter);
        List<String> out = new ArrayList<>();
        for (Class<?> c : BENCHMARKS) {
            Arrays.stream(c.getMethods())
                    .filter(m -> m.isAnnotationPresent(Benchmark.class))
                    .map(Method::getName)
                    .sorted()
                    .map(m -> c.getName() + "." + m)
                    .filter(name -> p == null || p.matcher(name).find())
                    .forEach(out::add);
        }
        return out;
    }

    /** Runs the benchmarks {@code options} select and returns one row per benchmark, parameter set and mode. */
    public static List<MicroResult> run(MicroOptions options) {
        List<String> selected = benchmarks(options.filter());
        if (selected.isEmpty()) {
            throw new IllegalArgumentException("no micro-benchmark matches '" + options.filter() + "'; they are "
                    + benchmarks(null));
        }
        ChainedOptionsBuilder b = new OptionsBuilder()
                .forks(options.forks())
                .warmupIterations(options.warmupIterations())
                .warmupTime(TimeValue.milliseconds(options.warmupTime().toMillis()))
                .measurementIterations(options.measurementIterations())
                .measurementTime(TimeValue.milliseconds(options.measurementTime().toMillis()))
                .jvmArgs(FORK_HEAP)
                .shouldFailOnError(true)
                .verbosity(options.verbose() ? VerboseMode.NORMAL : VerboseMode.SILENT);
        for (String name : selected) {
            b.include("^" + Pattern.quote(name) + "$");
        }
        Collection<RunResult> results;
        try {
            results = new Runner(b.build()).run();
        } catch (RunnerException e) {
            throw new IllegalStateException("the micro-benchmarks failed: " + e.getMessage(), e);
        }
        List<String> order = benchmarks(null);
        return results.stream()
                .map(MicroBenchmarks::row)
                .sorted(Comparator.comparingInt((MicroResult r) -> order.indexOf(r.benchmark()))
                        .thenComparing(MicroResult::params)
                        .thenComparing(MicroResult::mode))
                .toList();
    }

    private static MicroResult row(RunResult r) {
        BenchmarkParams p = r.getParams();
        String params = p.getParamsKeys().stream().map(k -> k + "=" + p.getParam(k)).collect(Collectors.joining(","));
        Result<?> primary = r.getPrimaryResult();
        Map<String, Double> percentiles = new LinkedHashMap<>();
        if (p.getMode() == Mode.SampleTime) {
            Statistics s = primary.getStatistics();
            percentiles.put("p50", s.getPercentile(50.0));
            percentiles.put("p99", s.getPercentile(99.0));
            percentiles.put("p99.9", s.getPercentile(99.9));
        }
        return new MicroResult(p.getBenchmark(), params, p.getMode().shortLabel(), primary.getScore(),
                primary.getScoreError(), primary.getScoreUnit(), percentiles);
    }

    /** The rows as a fixed-width text table. */
    public static String table(List<MicroResult> rows) {
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%-58s %-14s %-6s %12s %10s %-6s %10s %10s %10s%n",
                "benchmark", "params", "mode", "score", "error", "unit", "p50", "p99", "p99.9"));
        for (MicroResult r : rows) {
            Map<String, Double> pc = r.percentiles();
            sb.append(String.format(Locale.ROOT, "%-58s %-14s %-6s %12.3f %10s %-6s %10s %10s %10s%n", r.shortName(),
                    r.params(), r.mode(), r.score(), Double.isNaN(r.error()) ? "-" : String.format(Locale.ROOT, "%.3f", r.error()),
                    r.unit(), number(pc.get("p50")), number(pc.get("p99")), number(pc.get("p99.9"))));
        }
        return sb.toString();
    }

    private static String number(Double v) {
        return v == null ? "" : String.format(Locale.ROOT, "%.3f", v);
    }

    /**
     * Runs {@link MicroOptions#full()} (the first argument, if any, is the filter regex) and prints
     * the table: {@code java -cp bench/target/fixbridge-bench.jar io.fixbridge.bench.micro.MicroBenchmarks [regex]}.
     */
    public static void main(String[] args) {
        MicroOptions options = MicroOptions.full().withFilter(args.length > 0 ? args[0] : null);
        System.out.print(table(run(options)));
    }
}

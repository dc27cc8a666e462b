package io.fixbridge.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;

import io.fixbridge.bench.load.BenchOptions;
import io.fixbridge.bench.load.BenchRunner;
import io.fixbridge.bench.micro.MicroBenchmarks;
import io.fixbridge.bench.micro.MicroOptions;
import io.fixbridge.bench.micro.MicroResult;
import io.fixbridge.bench.report.BenchReport;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code fixbridge bench}: the end-to-end load runs against the gateway and both baselines, then
 * the JMH micro-benchmarks; prints one report (Markdown) and writes it into the work directory.
 * Exit code 0 when every run finished (targets that do not hold are reported, not failed), 1 when
 * a run could not be made, 2 for bad options. Runs on the calling thread.
 */
@Command(name = "fixbridge bench", mixinStandardHelpOptions = true,
        description = {"Measures the order path: a load generator of FIX sessions against the gateway (paper venue and",
                "the Binance, Bybit and Hyperliquid simulators) and against two baselines, a bare QuickFIX/J acceptor",
                "and ccxt's createOrder against the same Binance simulator; then the JMH micro-benchmarks.",
                "Prints one report; see bench/README.md."})
public final class BenchCli implements Callable<Integer> {

    @Option(names = "--smoke", description = "a few hundred orders per run and the micro-benchmarks in-process, briefly: proves it works")
    boolean smoke;
    @Option(names = "--no-micro", description = "leave out the JMH micro-benchmarks")
    boolean noMicro;
    @Option(names = "--no-load", description = "leave out the load runs (micro-benchmarks only)")
    boolean noLoad;
    @Option(names = "--no-ccxt", description = "leave out the ccxt baseline")
    boolean noCcxt;
    @Option(names = "--rate", description = "orders/s of the latency runs (default 5000)")
    Integer rate;
    @Option(names = "--throughput-rate", description = "orders/s of the throughput runs (default 10000)")
    Integer throughputRate;
    @Option(names = "--orders", description = "measured orders per run (default 10000)")
    Integer orders;
    @Option(names = "--warmup", description = "warm-up orders before each run (default 5000)")
    Integer warmup;
    @Option(names = "--fsync", split = ",", description = "journal fsync policies to measure, one gateway each: default "
            + "(the shipped gateway.yaml's), always, batch, none (default: default,none)")
    List<String> fsync;
    @Option(names = "--only", description = "make only the runs whose name contains this text (e.g. 'bare', '-> binance')")
    String only;
    @Option(names = "--gateway-jvm-option", description = "a JVM option added to ops/jvm.options for the gateway (and the bare "
            + "acceptor), e.g. -XX:StartFlightRecording=filename=gw.jfr,settings=profile; repeatable")
    List<String> gatewayJvmOptions;
    @Option(names = "--work", description = "directory for logs, stores and the report (default: a new temporary directory)")
    Path work;

    public static void main(String[] args) {
        System.exit(new CommandLine(new BenchCli()).execute(args));
    }

    @Override
    public Integer call() throws IOException {
        Path home = BenchHome.find();
        Path dir = work != null ? work : Files.createTempDirectory("fixbridge-bench-");
        List<String> jvm = new java.util.ArrayList<>(BenchHome.gatewayJvmOptions(home));
        if (gatewayJvmOptions != null) {
            jvm.addAll(gatewayJvmOptions);
        }
        Path ccxt = noCcxt ? null : home.resolve("bench/ccxt/create-order.mjs");
        BenchOptions options = smoke ? BenchOptions.smoke(dir, jvm, ccxt) : BenchOptions.full(dir, jvm, ccxt);
        options = override(options);
        StringBuilder report = new StringBuilder();
        try {
            if (!noLoad) {
                BenchReport load = BenchRunner.run(options, System.err);
                report.append(load.markdown());
            }
            if (!noMicro) {
                System.err.println("bench: JMH micro-benchmarks (" + (smoke ? "smoke: in-process, briefly" : "1 fork, 3 x 1 s warm-up, 5 x 1 s") + ")");
                List<MicroResult> micro = MicroBenchmarks.run(smoke ? MicroOptions.smoke() : MicroOptions.full());
                report.append("\n### JMH micro-benchmarks of the order path\n\n```\n").append(MicroBenchmarks.table(micro)).append("```\n");
            }
        } catch (IllegalStateException e) {
            System.err.println("fixbridge bench: " + e.getMessage());
            return 1;
        }
        Path out = dir.resolve("bench-report.md");
        Files.writeString(out, report);
        System.out.println(report);
        System.err.println("fixbridge bench: report written to " + out);
        return 0;
    }

    private BenchOptions override(BenchOptions o) {
        List<String> policies = fsync == null ? o.fsyncPolicies()
                : fsync.stream().map(p -> p.equals("default") ? null : p).toList();
        return new BenchOptions(rate != null ? rate : o.rate(), throughputRate != null ? throughputRate : o.throughputRate(),
                o.hyperliquidRate(), o.comparisonRate(), orders != null ? orders : o.orders(),
                warmup != null ? warmup : o.warmup(), o.processWarmup(), o.sessions(), o.work(), o.gatewayJvmOptions(), o.ccxtScript(),
                Arrays.asList(policies.toArray(new String[0])), only != null ? only : o.only());
    }
}

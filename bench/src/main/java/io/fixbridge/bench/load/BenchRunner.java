package io.fixbridge.bench.load;

import java.io.IOException;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

import io.fixbridge.bench.report.BenchReport;
import io.fixbridge.bench.report.Percentiles;
import io.fixbridge.bench.report.Row;

/**
 * Runs the end-to-end bench: the simulators, baseline (a) the bare QuickFIX/J acceptor, the
 * gateway (once per journal fsync policy asked for) against the paper venue and each simulator at
 * the latency rate, Hyperliquid at its own rate, the throughput runs, and baseline (b) ccxt's
 * createOrder against the same Binance simulator. Every process is its own JVM (or Node), so the
 * CPU and memory measured are the measured process's alone; they still share the machine's cores.
 *
 * <p>Each run first sends its warm-up orders (not measured, also not in the gateway's metrics
 * read for the run), then the measured orders; every order is a resting limit buy, canceled as
 * soon as the venue acknowledged it.
 *
 * <p><b>Threading:</b> the caller's thread. <b>Errors:</b> {@link IllegalStateException} when a
 * process does not start or a run cannot be made; a run that loses orders is reported, not thrown.
 */
public final class BenchRunner {
    private static final Pattern SIM_PORTS = Pattern.compile("simulators binance=(\\d+) bybit=(\\d+) hyperliquid=(\\d+)");
    private static final List<String> VENUES = List.of("paper", "binance", "bybit", "hyperliquid");
    /** Rate 0: as fast as answers come, with at most {@link #IN_FLIGHT} orders unanswered. */
    private static final int FLAT_OUT = 0;
    private static final int IN_FLIGHT = 1_000;
    /** The bare acceptor's rows' name. */
    public static final String BARE = "bare QuickFIX/J acceptor";
    private static final String INTERNAL = "fixbridge_order_fix_to_venue_sent_seconds";
    private static final Duration DRAIN = Duration.ofSeconds(30);
    private static final BigDecimal QTY = new BigDecimal("0.001");
    private static final BigDecimal PRICE = new BigDecimal("50000");
    /** The JVM's own class-data archive messages go to standard output: silenced, as ops/cds-options.sh does. */
    private static final List<String> CDS_QUIET = List.of("-Xlog:cds=off", "-Xlog:cds+dynamic=off");
    private static final List<String> SIMULATOR_JVM = List.of("-Xms512m", "-Xmx2g", "-XX:+UseParallelGC");

    private final BenchOptions options;
    private final PrintStream progress;
    private final List<String> senders;
    private long simulatorsPid;

    private BenchRunner(BenchOptions options, PrintStream progress) {
        this.options = options;
        this.progress = progress;
        this.senders = IntStream.rangeClosed(1, options.sessions()).mapToObj(i -> "OMS" + i).toList();
    }

    /** Runs everything {@code options} asks for; progress lines go to {@code progress}. */
    public static BenchReport run(BenchOptions options, PrintStream progress) {
        return new BenchRunner(options, progress).run();
    }

    private BenchReport run() {
        try {
            Files.createDirectories(options.work());
        } catch (IOException e) {
            throw new IllegalStateException("cannot create " + options.work() + ": " + e.getMessage(), e);
        }
        List<Row> rows = new ArrayList<>();
        List<BenchReport.Startup> startups = new ArrayList<>();
        progress.println("bench: work directory " + options.work());
        try (BenchProcess sims = BenchProcess.java("simulators", SIMULATOR_JVM, BenchSimulators.class.getName(), List.of(),
                options.work().resolve("simulators.log"))) {
            sims.awaitLine(SIM_PORTS, Duration.ofSeconds(60));
            simulatorsPid = sims.pid();
            Matcher m = SIM_PORTS.matcher(String.join("\n", sims.lines()));
            if (!m.find()) {
                throw new IllegalStateException("cannot read the simulators' ports from " + sims.log());
            }
            GatewayUnderTest.SimulatorPorts ports = new GatewayUnderTest.SimulatorPorts(Integer.parseInt(m.group(1)),
                    Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)));
            if (options.includes(BARE)) {
                rows.addAll(bare());
            }
            boolean first = true;
            List<String> gatewayJvm = options.gatewayJvmOptions();
            for (String fsync : options.fsyncPolicies()) {
                if (VENUES.stream().anyMatch(v -> options.includes("gateway -> " + v))) {
                    if (first) {
                        gatewayJvm = classDataArchive(ports, startups);
                    }
                    rows.addAll(gateway(ports, fsync, first, gatewayJvm, startups));
                }
                first = false;
            }
            if (options.ccxtScript() != null && options.includes("ccxt createOrder -> binance simulator")) {
                LoadPhase ccxt = phase("ccxt createOrder -> binance simulator", null, "BTC/USDT", options.comparisonRate());
                progress.println("bench: " + ccxt.name() + " at " + ccxt.rate() + "/s");
                rows.add(CcxtBaseline.run(options.ccxtScript(), ports.binance(), simulatorsPid,
                        new LoadPhase(ccxt.name(), null, ccxt.symbol(), QTY, PRICE, ccxt.rate(), ccxt.orders(),
                                Math.min(options.warmup(), 2_000), true, 1), options.work()));
            }
        }
        return new BenchReport(options, rows, startups);
    }

    private LoadPhase phase(String name, String venue, String symbol, int rate) {
        return new LoadPhase(name, venue, symbol, QTY, PRICE, rate, options.orders(), 0, true, IN_FLIGHT);
    }

    private List<Row> bare() {
        Path work = options.work().resolve("bare");
        int port = Ports.free();
        List<String> args = new ArrayList<>(List.of(Integer.toString(port), work.toString(), GatewayUnderTest.COMP_ID));
        args.addAll(senders);
        List<Row> rows = new ArrayList<>();
        try (BenchProcess bare = BenchProcess.java("bare-acceptor", options.gatewayJvmOptions(), BareAcceptor.class.getName(), args,
                work.resolve("bare.log"))) {
            bare.awaitLine(Pattern.compile(Pattern.quote(BareAcceptor.READY_LINE)), Duration.ofSeconds(30));
            try (LoadClient client = LoadClient.connect("127.0.0.1", port, GatewayUnderTest.COMP_ID, senders)) {
                warmUp(client, null, "BTC/USDT", options.processWarmup());
                for (int rate : List.of(options.rate(), options.comparisonRate(), FLAT_OUT)) {
                    measure(rows, client, bare.pid(), null, phase(BARE, null, "BTC/USDT", rate), null);
                }
            }
        }
        return rows;
    }

    /**
     * The gateway's runs: each network venue and paper at the rate (5,000/s), at a rate it
     * sustains (the comparison rate, where latency is not queueing), and flat out for throughput.
     */
    /**
     * The gateway's first start after a build, as the launcher and the systemd unit make it
     * (ops/cds-options.sh): without a class-data archive, writing one as it stops. Its start is
     * measured and reported; the gateways measured after it start from the archive, as every later
     * start of a deployed gateway does. Returns their JVM options (without an archive when none was
     * written: the JVM archives classes from jars only).
     */
    private List<String> classDataArchive(GatewayUnderTest.SimulatorPorts ports, List<BenchReport.Startup> startups) {
        Path archive = options.work().resolve("gateway.jsa");
        Path written = options.work().resolve("gateway.jsa.new");
        List<String> training = new ArrayList<>(options.gatewayJvmOptions());
        training.add("-XX:ArchiveClassesAtExit=" + written);
        training.addAll(CDS_QUIET);
        progress.println("bench: first start of the gateway (writes its class-data archive as it stops)");
        try (GatewayUnderTest gw = GatewayUnderTest.start(options.work().resolve("gateway-first-start"), ports, senders, null,
                training)) {
            BenchProcess.sleep(2_000);
            startups.add(new BenchReport.Startup("first start after a build, no class-data archive", gw.startToLogon(),
                    ProcStats.rssBytes(gw.pid()) / (1024.0 * 1024.0)));
        }
        try {
            if (!Files.isRegularFile(written) || Files.size(written) == 0) {
                // the JVM archives classes from jars only: a class path of directories (the test suite's) gives none
                progress.println("bench: the gateway wrote no class-data archive (its class path is not all jars: "
                        + System.getProperty("java.class.path").split(java.io.File.pathSeparator).length
                        + " entries); the gateways measured start without one");
                Files.deleteIfExists(written);
                return options.gatewayJvmOptions();
            }
            Files.move(written, archive, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new IllegalStateException("cannot keep the gateway's class-data archive " + written + ": " + e.getMessage(), e);
        }
        List<String> jvm = new ArrayList<>(options.gatewayJvmOptions());
        jvm.add("-XX:SharedArchiveFile=" + archive);
        jvm.addAll(CDS_QUIET);
        return jvm;
    }

    private List<Row> gateway(GatewayUnderTest.SimulatorPorts ports, String fsync, boolean everyRun, List<String> jvmOptions,
                              List<BenchReport.Startup> startups) {
        String policy = fsync == null ? "shipped default" : "fsync " + fsync;
        String label = fsync == null ? "" : " [fsync " + fsync + "]";
        progress.println("bench: starting the gateway (" + policy + ")");
        List<Row> rows = new ArrayList<>();
        try (GatewayUnderTest gw = GatewayUnderTest.start(options.work().resolve("gateway" + (fsync == null ? "" : "-" + fsync)),
                ports, senders, fsync, jvmOptions)) {
            BenchProcess.sleep(2_000);
            String archive = jvmOptions.stream().anyMatch(o -> o.startsWith("-XX:SharedArchiveFile=")) ? ", from the class-data archive" : "";
            startups.add(new BenchReport.Startup(policy + archive, gw.startToLogon(), ProcStats.rssBytes(gw.pid()) / (1024.0 * 1024.0)));
            List<String> venues = everyRun ? VENUES : List.of("paper", "binance");
            try (LoadClient client = LoadClient.connect("127.0.0.1", gw.fixPort(), GatewayUnderTest.COMP_ID, senders)) {
                for (String venue : venues) {
                    warmUp(client, venue, symbol(venue), venue.equals("hyperliquid") ? options.processWarmup() / 5 : options.processWarmup());
                }
                for (String venue : venues) {
                    if (!venue.equals("hyperliquid")) {
                        measure(rows, client, gw.pid(), gw, phase("gateway -> " + venue + label, venue, symbol(venue), options.rate()),
                                venue);
                    }
                }
                for (String venue : venues) {
                    int rate = venue.equals("hyperliquid") ? options.hyperliquidRate() : options.comparisonRate();
                    measure(rows, client, gw.pid(), gw, phase("gateway -> " + venue + label, venue, symbol(venue), rate), venue);
                }
                for (String venue : List.of("paper", "binance")) {
                    measure(rows, client, gw.pid(), gw, phase("gateway -> " + venue + label, venue, symbol(venue), FLAT_OUT), venue);
                }
            }
        }
        return rows;
    }

    /**
     * Warms a new process up before anything is measured: {@code orders} orders flat out, so the
     * JIT has compiled the order path (the first runs of a cold JVM otherwise measure the compiler).
     */
    private void warmUp(LoadClient client, String venue, String symbol, int orders) {
        if (orders <= 0) {
            return;
        }
        progress.println("bench: warming up" + (venue == null ? "" : " " + venue) + ": " + orders + " orders flat out");
        LoadResult warm = client.run(new LoadPhase("process warm-up", venue, symbol, QTY, PRICE, FLAT_OUT, orders, 0, true,
                IN_FLIGHT), DRAIN);
        if (!warm.clean()) {
            progress.println("bench:   warm-up not clean: " + warm.unanswered() + " unanswered, " + warm.problems());
        }
    }

    private static String symbol(String venue) {
        return venue.equals("hyperliquid") ? "BTC/USDC:USDC" : "BTC/USDT";
    }

    /** Warms up, then measures one run into {@code rows} (unless --only leaves it out); {@code gw} null for the bare acceptor. */
    private void measure(List<Row> rows, LoadClient client, long pid, GatewayUnderTest gw, LoadPhase phase, String venue) {
        if (!options.includes(phase.name())) {
            return;
        }
        progress.println("bench: " + phase.name() + (phase.rate() == FLAT_OUT ? " flat out (" + IN_FLIGHT + " in flight)"
                : " at " + phase.rate() + "/s") + ": " + options.warmup() + " warm-up, "
                + phase.orders() + " measured orders");
        if (options.warmup() > 0) {
            LoadResult warm = client.run(new LoadPhase(phase.name() + " warm-up", phase.venue(), phase.symbol(), phase.quantity(),
                    phase.price(), phase.rate(), options.warmup(), 0, phase.cancel(), phase.maxInFlight()), DRAIN);
            if (!warm.clean()) {
                progress.println("bench:   warm-up not clean: " + warm.unanswered() + " unanswered, " + warm.problems());
            }
        }
        MetricsScrape before = gw != null ? gw.scrape() : null;
        LoadResult r;
        double cores;
        double rss;
        double venueCores;
        try (ProcessSampler sampler = new ProcessSampler(pid); ProcessSampler simulators = new ProcessSampler(simulatorsPid)) {
            r = client.run(phase, DRAIN);
            cores = sampler.cores();
            rss = sampler.peakMb();
            venueCores = simulators.cores();
        }
        Percentiles internal = null;
        long gcPauses = 0;
        double gcMs = 0;
        if (gw != null) {
            BenchProcess.sleep(200); // the last reports' metrics
            MetricsScrape after = gw.scrape();
            String labels = "venue=" + venue + ",";
            double count = MetricsScrape.count(before, after, INTERNAL, labels);
            if (count > 0) {
                internal = new Percentiles((long) count, micros(before, after, labels, 0.5), micros(before, after, labels, 0.9),
                        micros(before, after, labels, 0.99), micros(before, after, labels, 0.999), Double.NaN);
            }
            gcPauses = Math.round(after.sumAll("jvm_gc_pause_seconds_count") - before.sumAll("jvm_gc_pause_seconds_count"));
            gcMs = (after.sumAll("jvm_gc_pause_seconds_sum") - before.sumAll("jvm_gc_pause_seconds_sum")) * 1e3;
        }
        List<String> problems = new ArrayList<>(r.problems());
        if (r.duplicates() > 0) {
            problems.add(0, r.duplicates() + " answers came twice");
        }
        if (r.cancelsOpen() > 0) {
            problems.add(0, r.cancelsOpen() + " cancels unanswered");
        }
        Row row = new Row(phase.name(), phase.rate(), r.sent(), r.unanswered(), r.rejected(), r.throughput(),
                Percentiles.ofNanos(r.pendingNewNanos()), Percentiles.ofNanos(r.newNanos()), internal, cores, venueCores, rss, gcPauses,
                gcMs,
                problems);
        progress.println("bench:   " + BenchReport.summary(row));
        rows.add(row);
    }

    private static double micros(MetricsScrape before, MetricsScrape after, String labels, double q) {
        return MetricsScrape.quantile(before, after, INTERNAL, labels, q) * 1e6;
    }
}

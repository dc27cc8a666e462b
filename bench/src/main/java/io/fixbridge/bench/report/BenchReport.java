package io.fixbridge.bench.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Predicate;

import io.fixbridge.bench.load.BenchOptions;

/**
 * The bench's results as one Markdown table, the ratios to both baselines and issue 9's targets,
 * each marked as holding or not. Immutable.
 *
 * <p><b>Threading:</b> any. <b>Errors:</b> none; a run that is missing shows as "not measured".
 */
public final class BenchReport {
    private static final double TARGET_INTERNAL_P50 = 50;
    private static final double TARGET_INTERNAL_P99 = 250;
    private static final double TARGET_HYPERLIQUID_P99 = 1_000;
    private static final double TARGET_PENDING_NEW_RATIO = 1.5;
    private static final int TARGET_THROUGHPUT = 10_000;
    private static final double TARGET_RSS_MB = 300;
    private static final Duration TARGET_START = Duration.ofSeconds(2);

    private final BenchOptions options;
    private final List<Row> rows;
    private final List<Startup> startups;
    private final Instant when = Instant.now();

    /** How one gateway started: from process start to the first logon accepted, and its resident set when idle. */
    public record Startup(String gateway, Duration startToLogon, double idleRssMb) {
    }

    public BenchReport(BenchOptions options, List<Row> rows, List<Startup> startups) {
        this.options = options;
        this.rows = List.copyOf(rows);
        this.startups = List.copyOf(startups);
    }

    public List<Row> rows() {
        return rows;
    }

    public List<Startup> startups() {
        return startups;
    }

    /** One line for progress output. */
    public static String summary(Row r) {
        return String.format(Locale.ROOT, "%d sent, %d lost, %d rejected, %.0f/s; PendingNew p50/p99 %s/%s µs, New p50/p99 %s/%s µs, "
                        + "internal p50/p99 %s/%s µs; %.2f cores (simulators %.2f), RSS %.0f MB%s",
                r.sent(), r.lost(), r.rejected(), r.throughput(), us(r.pendingNew(), "p50"), us(r.pendingNew(), "p99"),
                us(r.acknowledged(), "p50"), us(r.acknowledged(), "p99"), us(r.internal(), "p50"), us(r.internal(), "p99"),
                r.cpuCores(), r.venueCores(), r.rssPeakMb(), r.problems().isEmpty() ? "" : "; problems: " + r.problems());
    }

    /** The whole report, Markdown. */
    public String markdown() {
        StringBuilder b = new StringBuilder();
        b.append("## fixbridge bench, ").append(when).append("\n\n");
        b.append("Machine: ").append(Machine.describe()).append("\n\n");
        b.append(String.format(Locale.ROOT, "Runs: %d FIX sessions, %d warm-up + %d measured orders per run; each order a resting "
                + "limit buy canceled once acknowledged; flat out = as fast as answers come with at most 1,000 orders unanswered. Latencies in µs. PendingNew and New: FIX send -> ExecutionReport at the "
                + "load client; internal: the gateway's FIX in -> venue request written (its own histogram, interpolated in "
                + "buckets); CPU and RSS of the process under test (the gateway, the bare acceptor or node), and the CPU of the simulators' process meanwhile.%n%n", options.sessions(), options.warmup(), options.orders()));
        b.append("| run | rate/s | sent | lost | rej | achieved/s | PendingNew p50 / p99 / p99.9 | New p50 / p99 / p99.9 / max "
                + "| internal p50 / p99 / p99.9 | CPU cores | sims CPU | RSS MB | GC pauses (ms) |\n");
        b.append("|---|---:|---:|---:|---:|---:|---|---|---|---:|---:|---:|---|\n");
        for (Row r : rows) {
            b.append(String.format(Locale.ROOT, "| %s | %s | %d | %d | %d | %.0f | %s | %s | %s | %.2f | %.2f | %.0f | %d (%.1f) |%n",
                    r.name(), r.rate() == 0 ? "flat out" : Integer.toString(r.rate()), r.sent(), r.lost(), r.rejected(), r.throughput(),
                    three(r.pendingNew()), four(r.acknowledged()), three(r.internal()), r.cpuCores(), r.venueCores(), r.rssPeakMb(), r.gcPauses(),
                    r.gcPauseMs()));
        }
        b.append('\n');
        for (Startup s : startups) {
            b.append(String.format(Locale.ROOT, "Gateway (%s): start to accepting logons %d ms; idle RSS with four venues connected "
                    + "%.0f MB.%n", s.gateway(), s.startToLogon().toMillis(), s.idleRssMb()));
        }
        b.append('\n').append("### Ratios\n\n");
        ratios(b);
        b.append('\n').append("### Targets (issue 9)\n\n");
        for (String t : targets()) {
            b.append("- ").append(t).append('\n');
        }
        List<String> problems = new ArrayList<>();
        for (Row r : rows) {
            r.problems().forEach(p -> problems.add(r.name() + " @" + r.rate() + ": " + p));
        }
        if (!problems.isEmpty()) {
            b.append('\n').append("### Problems seen\n\n");
            problems.forEach(p -> b.append("- ").append(p).append('\n'));
        }
        return b.toString();
    }

    /** Writes {@link #markdown} to {@code file}. */
    public void write(Path file) {
        try {
            Files.writeString(file, markdown());
        } catch (IOException e) {
            throw new IllegalStateException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    private void ratios(StringBuilder b) {
        for (Row r : rows) {
            Optional<Row> bare = find(x -> x.name().startsWith("bare") && x.rate() == r.rate());
            if (r.name().startsWith("gateway") && bare.isPresent() && r.pendingNew() != null && bare.get().pendingNew() != null) {
                b.append(String.format(Locale.ROOT, "- %s at %s: PendingNew p50 %.2fx, p99 %.2fx, p99.9 %.2fx the bare acceptor's; "
                                + "throughput %.2fx%n", r.name(), rate(r), r.pendingNew().p50() / bare.get().pendingNew().p50(),
                        r.pendingNew().p99() / bare.get().pendingNew().p99(), r.pendingNew().p999() / bare.get().pendingNew().p999(),
                        r.throughput() / bare.get().throughput()));
            }
        }
        Optional<Row> ccxt = find(r -> r.name().startsWith("ccxt"));
        Optional<Row> gw = find(r -> r.name().equals("gateway -> binance") && r.rate() == options.comparisonRate());
        if (ccxt.isPresent() && gw.isPresent() && gw.get().acknowledged() != null) {
            StringBuilder line = new StringBuilder("- gateway FIX send -> New / ccxt createOrder, both to the Binance simulator at "
                    + options.comparisonRate() + "/s (below 1 the gateway is faster):");
            for (String p : Percentiles.NAMES) {
                line.append(String.format(Locale.ROOT, " %s %.2fx", p, gw.get().acknowledged().at(p) / ccxt.get().acknowledged().at(p)));
            }
            b.append(line).append('\n');
        }
    }

    private static String rate(Row r) {
        return r.rate() == 0 ? "flat out" : r.rate() + "/s";
    }

    /** Each target of issue 9 with "holds" or "does not hold" and the numbers. */
    public List<String> targets() {
        List<String> t = new ArrayList<>();
        for (String venue : List.of("binance", "bybit")) {
            find(x -> x.name().equals("gateway -> " + venue) && x.rate() == options.comparisonRate() && x.internal() != null)
                    .ifPresent(x -> t.add(verdict(x.internal().p50() <= TARGET_INTERNAL_P50 && x.internal().p99() <= TARGET_INTERNAL_P99,
                            String.format(Locale.ROOT, "(for reference, below the target rate) internal latency, %s at %d/s: p50 %.1f µs, "
                                    + "p99 %.1f µs", venue, x.rate(), x.internal().p50(), x.internal().p99()))));
            Optional<Row> r = find(x -> x.name().equals("gateway -> " + venue) && x.rate() == options.rate());
            t.add(r.filter(x -> x.internal() != null).map(x -> verdict(x.internal().p50() <= TARGET_INTERNAL_P50
                            && x.internal().p99() <= TARGET_INTERNAL_P99,
                    String.format(Locale.ROOT, "internal latency, %s (HMAC) at %d/s: p50 %.1f µs (<= 50), p99 %.1f µs (<= 250)",
                            venue, x.rate(), x.internal().p50(), x.internal().p99())))
                    .orElse("internal latency, " + venue + ": not measured"));
        }
        find(x -> x.name().equals("gateway -> hyperliquid")).filter(x -> x.internal() != null).ifPresentOrElse(
                x -> t.add(verdict(x.internal().p99() <= TARGET_HYPERLIQUID_P99, String.format(Locale.ROOT,
                        "internal latency, hyperliquid (EIP-712) at %d/s: p99 %.1f µs (<= 1000)", x.rate(), x.internal().p99()))),
                () -> t.add("internal latency, hyperliquid: not measured"));
        for (int rate : List.of(options.rate(), options.comparisonRate())) {
            Optional<Row> bare = find(r -> r.name().startsWith("bare") && r.rate() == rate);
            for (String venue : List.of("paper", "binance")) {
                find(x -> x.name().equals("gateway -> " + venue) && x.rate() == rate).filter(x -> x.pendingNew() != null)
                        .ifPresent(x -> bare.filter(y -> y.pendingNew() != null).ifPresent(y -> t.add(verdict(
                                x.pendingNew().p99() <= TARGET_PENDING_NEW_RATIO * y.pendingNew().p99(), String.format(Locale.ROOT,
                                        "FIX send -> PendingNew p99, gateway -> %s at %d/s: %.1f µs = %.2fx the bare acceptor's %.1f µs "
                                                + "(<= 1.5x)", venue, rate, x.pendingNew().p99(), x.pendingNew().p99() / y.pendingNew().p99(),
                                        y.pendingNew().p99())))));
            }
        }
        Optional<Row> ccxt = find(r -> r.name().startsWith("ccxt"));
        Optional<Row> gw = find(r -> r.name().equals("gateway -> binance") && r.rate() == options.comparisonRate());
        if (ccxt.isPresent() && gw.isPresent() && gw.get().acknowledged() != null) {
            boolean all = Percentiles.NAMES.stream().allMatch(p -> gw.get().acknowledged().at(p) < ccxt.get().acknowledged().at(p));
            t.add(verdict(all, String.format(Locale.ROOT, "FIX send -> New below ccxt createOrder at every percentile (%d/s): gateway "
                            + "p50/p99/p99.9/max %.0f/%.0f/%.0f/%.0f µs, ccxt %.0f/%.0f/%.0f/%.0f µs", options.comparisonRate(),
                    gw.get().acknowledged().p50(), gw.get().acknowledged().p99(), gw.get().acknowledged().p999(),
                    gw.get().acknowledged().max(), ccxt.get().acknowledged().p50(), ccxt.get().acknowledged().p99(),
                    ccxt.get().acknowledged().p999(), ccxt.get().acknowledged().max())));
        } else {
            t.add("FIX send -> New below ccxt createOrder: not measured");
        }
        for (Row r : rows) {
            if (r.name().startsWith("gateway") && r.rate() == 0) {
                t.add(verdict(r.throughput() >= options.throughputRate() && r.lost() == 0 && r.rejected() == 0,
                        String.format(Locale.ROOT, "throughput, %s flat out: %.0f orders/s (each with its cancel), %d lost, %d rejected "
                                + "(>= %d/s, zero lost)", r.name(), r.throughput(), r.lost(), r.rejected(), options.throughputRate())));
            }
        }
        double rss = rows.stream().filter(r -> r.name().startsWith("gateway")).mapToDouble(Row::rssPeakMb).max().orElse(Double.NaN);
        t.add(verdict(rss <= TARGET_RSS_MB, String.format(Locale.ROOT, "RSS with four venues connected: peak %.0f MB under load, "
                + "idle %s (<= 300 MB)", rss, startups.stream().map(s -> String.format(Locale.ROOT, "%.0f MB", s.idleRssMb())).toList())));
        for (Startup s : startups) {
            t.add(verdict(s.startToLogon().compareTo(TARGET_START) <= 0, String.format(Locale.ROOT,
                    "start to accepting logons (%s): %d ms (<= 2000 ms)", s.gateway(), s.startToLogon().toMillis())));
        }
        return t;
    }

    private Optional<Row> find(Predicate<Row> p) {
        return rows.stream().filter(p).findFirst();
    }

    private static String verdict(boolean holds, String what) {
        return (holds ? "HOLDS: " : "DOES NOT HOLD: ") + what;
    }

    private static String us(Percentiles p, String which) {
        return p == null ? "-" : String.format(Locale.ROOT, "%.1f", p.at(which));
    }

    private static String three(Percentiles p) {
        return p == null ? "-" : String.format(Locale.ROOT, "%.1f / %.1f / %.1f", p.p50(), p.p99(), p.p999());
    }

    private static String four(Percentiles p) {
        return p == null ? "-" : String.format(Locale.ROOT, "%.1f / %.1f / %.1f / %.1f", p.p50(), p.p99(), p.p999(), p.max());
    }
}

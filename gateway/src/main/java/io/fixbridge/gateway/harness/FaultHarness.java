package io.fixbridge.gateway.harness;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The fault harness of issue 7: drives {@link HarnessOptions#orders()} orders from an OMS through
 * a gateway process to a Binance simulator process while it kills and restarts the gateway, drops
 * the venue's WebSockets and injects 5xx bursts and lost responses at seeded points
 * ({@link Plan}); then cancels what is still open, reads the simulator's truth and judges it with
 * {@link Verdict}, printing one summary line and one line per problem.
 *
 * <p><b>Threading:</b> {@link #run} runs on the caller's thread and returns when every process it
 * started is gone. <b>Errors:</b> never throws for a gateway problem (those are the verdict); a
 * harness problem (a process that does not start, a control plane that does not answer) ends the
 * run with {@link HarnessResult#HARNESS_FAILED} and a message. The work directory is kept unless
 * it was a temporary one and the run was clean.
 */
public final class FaultHarness {
    private static final Pattern SIM_LISTENING = Pattern.compile("simulator listening on 127\\.0\\.0\\.1:(\\d+)");
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(120);
    private static final Duration WINDOW_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration SETTLE_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration TERMINAL_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration CANCEL_RETRY = Duration.ofSeconds(5);
    /** Cancels sent for one order at the end before the harness stops waiting for it. */
    private static final int FINAL_CANCELS = 4;
    private static final int MAX_UNANSWERED = 20;
    private static final long NOT_FOUND_GRACE_MS = 3000;
    private static final BigDecimal TICK = new BigDecimal("0.01");
    private static final BigDecimal TEN_THOUSAND = BigDecimal.valueOf(10_000);
    /** A quantity unit is worth about this much quote currency (6 USDT: 0.0001 BTC at 60000). */
    private static final BigDecimal UNIT_NOTIONAL = new BigDecimal("6");

    private final HarnessOptions options;
    private final PrintStream out;
    private final Plan plan;
    private final Path work;
    private final boolean temporary;
    private final OmsLedger ledger = new OmsLedger();
    private final List<String> notes = new ArrayList<>();
    private final Map<Plan.FaultKind, Integer> done = new HashMap<>();
    private SimControl sim;
    private GatewayProcess gateway;
    private OmsClient oms;
    private BigDecimal startMid;
    private BigDecimal unitQty;
    private int ordersSent;
    private int changes;
    private int requiredLogons = 1;
    private boolean venueSlowed;

    private FaultHarness(HarnessOptions options, PrintStream out, Path work, boolean temporary) {
        this.options = options;
        this.out = out;
        this.plan = Plan.of(options.seed(), options.orders(), options.kills(), options.wsDrops(), options.bursts(),
                options.lostResponses());
        this.work = work;
        this.temporary = temporary;
    }

    /** Runs the harness once, printing to {@code out}; the result's exit code is the command's. */
    public static HarnessResult run(HarnessOptions options, PrintStream out) {
        Path work;
        boolean temporary = options.workDir() == null;
        try {
            work = temporary ? Files.createTempDirectory("fixbridge-harness-") : prepare(options.workDir());
        } catch (IOException | HarnessFailure e) {
            String why = e instanceof HarnessFailure ? e.getMessage() : "cannot create a work directory: " + e.getMessage();
            out.println("harness failed: " + why);
            return new HarnessResult(options.seed(), 0, 0, 0, 0, 0, null, List.of(), why, options.workDir());
        }
        return new FaultHarness(options, out, work, temporary).run();
    }

    private static Path prepare(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (Stream<Path> entries = Files.list(dir)) {
                if (entries.findAny().isPresent()) {
                    throw new HarnessFailure("work directory " + dir + " is not empty; the gateway's journal and FIX stores "
                            + "must start empty, so name a new or empty directory");
                }
            }
        }
        return Files.createDirectories(dir).toAbsolutePath();
    }

    private HarnessResult run() {
        progress("harness: seed " + options.seed() + ", " + options.orders() + " orders, work dir " + work
                + " (rerun: fixbridge harness --orders " + options.orders() + " --seed " + options.seed() + " --kills "
                + options.kills() + " --ws-drops " + options.wsDrops() + " --5xx-bursts " + options.bursts()
                + " --lost-responses " + options.lostResponses() + ")");
        Judgement judgement = null;
        String failure = null;
        try (ChildProcesses processes = new ChildProcesses()) {
            try {
                judgement = drive(processes);
            } catch (HarnessFailure e) {
                failure = e.getMessage();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                failure = "interrupted";
            } finally {
                if (oms != null) {
                    oms.close();
                }
            }
        }
        HarnessResult result = new HarnessResult(options.seed(), ordersSent, count(Plan.FaultKind.KILL),
                count(Plan.FaultKind.WS_DROP), count(Plan.FaultKind.BURST_5XX), count(Plan.FaultKind.LOST_RESPONSES),
                judgement, notes, failure, work);
        print(result);
        if (result.exitCode() == HarnessResult.CLEAN && temporary) {
            delete(work);
        }
        return result;
    }

    private Judgement drive(ChildProcesses processes) throws InterruptedException {
        Path simLog = work.resolve("simulator.log");
        Process simulator = processes.start(List.of("simulate", "binance", "--port", "0"), simLog);
        int simPort = Integer.parseInt(ChildProcesses.awaitLine(simulator, simLog, SIM_LISTENING, START_TIMEOUT));
        sim = new SimControl(simPort, options.simAccount());
        sim.faults(Map.of("reset", true));
        SimControl.Quote quote = sim.market(options.venueSymbol());
        startMid = quote.mid();
        unitQty = UNIT_NOTIONAL.divide(startMid, 4, RoundingMode.HALF_UP).max(new BigDecimal("0.0001"));
        int fixPort = freePort();
        Path config = GatewayFiles.write(work, simPort, fixPort, NOT_FOUND_GRACE_MS);
        gateway = new GatewayProcess(processes, config, work);
        gateway.start();
        oms = new OmsClient(fixPort, work, ledger);
        oms.start();
        awaitReady("the gateway's first start");
        progress("harness: simulator on 127.0.0.1:" + simPort + ", gateway FIX on 127.0.0.1:" + fixPort + ", "
                + options.symbol() + " mid " + startMid.toPlainString());

        for (Plan.Step step : plan.steps()) {
            execute(step);
        }
        progress("harness: " + ordersSent + " orders and " + changes + " cancels/replaces sent; settling");
        finish();
        List<VenueOrder> truth = sim.orders();
        oms.note("truth: " + truth.size() + " venue orders");
        for (OmsReport stray : ledger.strays()) {
            notes.add("a report about a ClOrdID the OMS never sent: " + stray.describe());
        }
        notes.addAll(gateway.unexpectedExits());
        return Verdict.judge(GatewayFiles.SESSION_KEY, ledger.chains(), truth, true);
    }

    private void execute(Plan.Step step) throws InterruptedException {
        if (step instanceof Plan.NewOrder o) {
            newOrder(o);
        } else if (step instanceof Plan.Cancel c) {
            cancel(c);
        } else if (step instanceof Plan.Replace r) {
            replace(r);
        } else if (step instanceof Plan.MarketMove m) {
            moveMarket(m);
        } else if (step instanceof Plan.Fault f) {
            fault(f);
        }
    }

    private void newOrder(Plan.NewOrder o) throws InterruptedException {
        awaitSendable();
        SimControl.Quote q = sim.market(options.venueSymbol());
        if (o.venueLatencyMs() > 0) {
            sim.faults(Map.of("latencyMs", o.venueLatencyMs()));
            venueSlowed = true;
            oms.note("venue latency " + o.venueLatencyMs() + " ms until the next kill");
        }
        BigDecimal price = switch (o.kind()) {
            case RESTING -> behindTouch(q, o.buy(), o.bps());
            case MARKETABLE -> o.buy() ? ticks(q.ask().multiply(new BigDecimal("1.0005")), RoundingMode.CEILING)
                    : ticks(q.bid().multiply(new BigDecimal("0.9995")), RoundingMode.FLOOR);
            case LARGE_AT_TOUCH -> o.buy() ? q.ask() : q.bid();
        };
        oms.newOrder(String.format("N%05d", o.index() + 1), options.symbol(), o.buy() ? '1' : '2', quantity(o.qtyUnits()), price);
        ordersSent++;
        Thread.sleep(o.pauseMs());
    }

    private void cancel(Plan.Cancel c) throws InterruptedException {
        List<OmsLedger.Snapshot> open = ledger.snapshots().stream()
                .filter(s -> (s.status() == '0' || s.status() == '1') && s.pendingChange() == null).toList();
        if (open.isEmpty()) {
            return;
        }
        awaitSendable();
        OmsLedger.Snapshot s = open.get((int) (c.pick() * open.size()));
        oms.cancel(s.root(), s.working(), String.format("X%05d", ++changes), options.symbol(), s.side());
        Thread.sleep(c.pauseMs());
    }

    private void replace(Plan.Replace r) throws InterruptedException {
        List<OmsLedger.Snapshot> resting = ledger.snapshots().stream()
                .filter(s -> s.status() == '0' && s.cumQty().signum() == 0 && s.pendingChange() == null).toList();
        if (resting.isEmpty()) {
            return;
        }
        awaitSendable();
        OmsLedger.Snapshot s = resting.get((int) (r.pick() * resting.size()));
        int units = Math.max(2, (int) Math.round(10 * r.qtyFactor()));
        BigDecimal price = behindTouch(sim.market(options.venueSymbol()), s.side() == '1', r.bps());
        oms.replace(s.root(), s.working(), String.format("R%05d", ++changes), options.symbol(), s.side(), quantity(units), price);
        Thread.sleep(r.pauseMs());
    }

    private void moveMarket(Plan.MarketMove m) throws InterruptedException {
        BigDecimal target = ticks(startMid.multiply(BigDecimal.ONE.add(BigDecimal.valueOf(m.bps()).divide(TEN_THOUSAND))),
                RoundingMode.HALF_UP);
        SimControl.Quote q = sim.moveMarket(options.venueSymbol(), target);
        oms.note("market moved to " + target.toPlainString() + ": bid " + q.bid() + " ask " + q.ask());
        Thread.sleep(m.pauseMs());
    }

    private void fault(Plan.Fault f) throws InterruptedException {
        Thread.sleep(f.delayMs());
        switch (f.kind()) {
            case KILL -> {
                int logons = oms.logons();
                int inFlight = ledger.unansweredCount();
                int unsettled = ledger.unsettledCount();
                long started = System.nanoTime();
                gateway.kill();
                if (venueSlowed) {
                    sim.faults(Map.of("latencyMs", 0));
                    venueSlowed = false;
                }
                oms.note("FAULT kill " + f.number() + " of gateway incarnation " + gateway.incarnation()
                        + " with " + inFlight + " request(s) unanswered, " + unsettled + " order(s) unsettled");
                gateway.start();
                requiredLogons = logons + 1;
                awaitReady("the gateway after kill " + f.number());
                progress("harness: kill " + f.number() + " of " + plan.kills() + " after order " + ordersSent + " with "
                        + inFlight + " request(s) unanswered and " + unsettled + " order(s) unsettled; the gateway took OMS "
                        + "logons again after " + (System.nanoTime() - started) / 1_000_000 + " ms");
            }
            case WS_DROP -> {
                sim.faults(Map.of("dropUserDataStreams", true));
                oms.note("FAULT ws-drop " + f.number());
                progress("harness: ws-drop " + f.number() + " of " + plan.wsDrops() + " after order " + ordersSent);
            }
            case BURST_5XX -> {
                sim.faults(Map.of("failNextRequests", f.count(), "failureStatus", f.status()));
                oms.note("FAULT 5xx-burst " + f.number() + ": next " + f.count() + " requests answer " + f.status());
                progress("harness: 5xx-burst " + f.number() + " of " + plan.bursts() + " (" + f.count() + " x HTTP "
                        + f.status() + ") after order " + ordersSent);
            }
            case LOST_RESPONSES -> {
                sim.faults(Map.of("loseNextOrderResponses", f.count()));
                oms.note("FAULT lost-responses " + f.number() + ": next " + f.count() + " order responses lost");
                progress("harness: lost-responses " + f.number() + " of " + plan.lostResponses() + " (" + f.count()
                        + ") after order " + ordersSent);
            }
        }
        done.merge(f.kind(), 1, Integer::sum);
    }

    /**
     * After the last order: faults off, gateway ready, every request answered, every order the OMS
     * believes open cancelled and seen to end, then a quiet moment for late reports.
     */
    private void finish() throws InterruptedException {
        sim.faults(Map.of("reset", true));
        awaitReady("the gateway after the last order");
        long deadline = System.nanoTime() + SETTLE_TIMEOUT.toNanos();
        while (ledger.unansweredCount() > 0 && System.nanoTime() < deadline) {
            awaitReady("the gateway while settling");
            Thread.sleep(100);
        }
        if (ledger.unansweredCount() > 0) {
            notes.add(ledger.unansweredCount() + " request(s) still unanswered " + SETTLE_TIMEOUT.toSeconds()
                    + " s after the last order (see oms-events.log)");
        }
        Map<String, Long> cancelSent = new LinkedHashMap<>();
        Map<String, Integer> cancelsSent = new LinkedHashMap<>();
        deadline = System.nanoTime() + TERMINAL_TIMEOUT.toNanos();
        while (true) {
            List<OmsLedger.Snapshot> open = ledger.snapshots().stream().filter(s -> !s.terminal()).toList();
            // an order whose cancels were all refused (the gateway does not know it) is not waited for
            List<OmsLedger.Snapshot> waiting = open.stream()
                    .filter(s -> cancelsSent.getOrDefault(s.root(), 0) < FINAL_CANCELS || s.pendingChange() != null).toList();
            if (waiting.isEmpty() || System.nanoTime() > deadline) {
                for (OmsLedger.Snapshot s : open) {
                    notes.add("order " + s.root() + " (working ClOrdID " + s.working() + ") did not end after "
                            + cancelsSent.getOrDefault(s.root(), 0) + " cancel(s) at the end; the OMS has OrdStatus "
                            + (s.status() == 0 ? "none" : String.valueOf(s.status())) + " (see oms-events.log)");
                }
                break;
            }
            for (OmsLedger.Snapshot s : waiting) {
                if (cancelsSent.getOrDefault(s.root(), 0) >= FINAL_CANCELS) {
                    continue;
                }
                Long sent = cancelSent.get(s.root());
                boolean due = sent == null || System.nanoTime() - sent > CANCEL_RETRY.toNanos();
                if (s.pendingChange() == null && due) {
                    awaitSendable();
                    oms.cancel(s.root(), s.working(), String.format("X%05d", ++changes), options.symbol(), s.side());
                    cancelSent.put(s.root(), System.nanoTime());
                    cancelsSent.merge(s.root(), 1, Integer::sum);
                }
            }
            awaitReady("the gateway while cancelling");
            Thread.sleep(200);
        }
        // late reports: wait for two quiet seconds (at most ten)
        long quietDeadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() - ledger.lastReportNanos() < Duration.ofSeconds(2).toNanos()
                && System.nanoTime() < quietDeadline) {
            Thread.sleep(100);
        }
    }

    /** Waits until the OMS is logged on (after the latest kill) and fewer than 20 requests are unanswered. */
    private void awaitSendable() throws InterruptedException {
        awaitReady("the gateway");
        long deadline = System.nanoTime() + WINDOW_TIMEOUT.toNanos();
        while (ledger.unansweredCount() >= MAX_UNANSWERED) {
            if (System.nanoTime() > deadline) {
                notes.add("the gateway left " + ledger.unansweredCount() + " requests unanswered for "
                        + WINDOW_TIMEOUT.toSeconds() + " s after order " + ordersSent + "; the harness went on");
                return;
            }
            awaitReady("the gateway");
            Thread.sleep(20);
        }
    }

    /** Waits until the OMS is logged on, with at least {@link #requiredLogons} logons so far. */
    private void awaitReady(String what) throws InterruptedException {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        while (!(oms.loggedOn() && oms.logons() >= requiredLogons)) {
            if (gateway.restartIfDead()) {
                progress("harness: the gateway ended by itself; restarted it (see " + gateway.log() + ")");
                requiredLogons = oms.logons() + 1;
            }
            if (System.nanoTime() > deadline) {
                throw new HarnessFailure(what + " took no OMS logon within " + READY_TIMEOUT.toSeconds() + " s; last lines of "
                        + gateway.log() + ":\n" + ChildProcesses.tail(gateway.log(), 15));
            }
            Thread.sleep(20);
        }
        gateway.tookLogon();
    }

    private BigDecimal behindTouch(SimControl.Quote q, boolean buy, int bps) {
        BigDecimal distance = BigDecimal.valueOf(bps).divide(TEN_THOUSAND);
        return buy ? ticks(q.bid().multiply(BigDecimal.ONE.subtract(distance)), RoundingMode.FLOOR)
                : ticks(q.ask().multiply(BigDecimal.ONE.add(distance)), RoundingMode.CEILING);
    }

    private static BigDecimal ticks(BigDecimal price, RoundingMode mode) {
        return price.divide(TICK, 0, mode).multiply(TICK);
    }

    private BigDecimal quantity(int units) {
        return unitQty.multiply(BigDecimal.valueOf(units)).stripTrailingZeros();
    }

    private int count(Plan.FaultKind kind) {
        return done.getOrDefault(kind, 0);
    }

    private void print(HarnessResult r) {
        if (r.failure() != null) {
            out.println("harness failed: " + r.failure());
            out.println("harness logs: " + work);
            return;
        }
        out.println(r.summary());
        for (Problem p : r.judgement().problems()) {
            out.println("  " + p.line());
        }
        for (String note : r.notes()) {
            out.println("  note: " + note);
        }
        if (r.exitCode() != HarnessResult.CLEAN || !temporary) {
            out.println("harness logs: " + work + " (simulator.log, gateway-<n>.log, oms-events.log, oms-log/, gateway-data/)");
        }
    }

    private void progress(String line) {
        if (!options.quiet()) {
            out.println(line);
        }
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new HarnessFailure("no free port on 127.0.0.1 for the gateway's FIX acceptor: " + e.getMessage(), e);
        }
    }

    private static void delete(Path dir) {
        try (Stream<Path> all = Files.walk(dir)) {
            all.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException | UncheckedIOException e) {
            // a clean run's temporary directory that cannot be removed is only clutter; say so
            System.err.println("harness: could not delete " + dir + ": " + e.getMessage());
        }
    }
}

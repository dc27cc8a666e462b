package io.fixbridge.bench.micro;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import io.fixbridge.gateway.journal.FileJournal;
import io.fixbridge.gateway.journal.FsyncPolicy;
import io.fixbridge.gateway.journal.JournalConfig;
import io.fixbridge.gateway.journal.JournalRecord;
import io.fixbridge.gateway.journal.JournalUnavailableException;
import io.fixbridge.gateway.order.ExecKind;
import io.fixbridge.gateway.order.Execution;
import io.fixbridge.gateway.order.GatewayOrder;
import io.fixbridge.gateway.order.OrderStateMachine;
import io.fixbridge.venue.Liquidity;
import io.fixbridge.venue.OrderEvent;

/**
 * {@link FileJournal} appending the two records every order writes: {@code OrderAccepted} (before
 * PendingNew) and {@code StateChanged} (before each report; here a partial fill's, the largest), each
 * encoded to its CRC-prefixed JSON line and written, under each fsync policy:
 * <ul>
 *   <li>{@code NONE}: written to the page cache (encoding plus a write system call);</li>
 *   <li>{@code ALWAYS}: forced to the disk before returning, so the number is this machine's disk
 *       flush latency;</li>
 *   <li>{@code BATCH}: {@link FileJournal#appendAsync}, which writes and returns a future the flusher
 *       completes with the next group force (at most one per 2 ms): the cost to the engine thread,
 *       not the time until durable.</li>
 * </ul>
 * {@code groupCommitOrder} is the order engine's way since group commit: both records
 * {@link FileJournal#write written}, then one {@link FileJournal#sync} (under ALWAYS one force for both;
 * under BATCH a wait for the flusher's next force, up to its 2 ms interval; under NONE nothing).
 * Each iteration writes into a new journal in a temporary directory, deleted after the iteration
 * (so a long run does not fill the disk); segments roll at the default 64 MB.
 *
 * <p>Single-threaded, as the journal's one writer is.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgs = MicroBenchmarks.FORK_HEAP)
public class JournalAppendBenchmark {
    @Param({"NONE", "BATCH", "ALWAYS"})
    public FsyncPolicy fsync;

    private JournalRecord.OrderAccepted accepted;
    private JournalRecord.StateChanged stateChanged;
    private Path directory;
    private FileJournal journal;

    @Setup(Level.Trial)
    public void records() {
        BenchLogging.warnOnly(FileJournal.class);
        GatewayOrder order = new GatewayOrder("MB3K2-42", BenchFixtures.SESSION, "binance", BenchFixtures.CL_ORD_ID,
                BenchFixtures.limitBuy("BTC/USDT"));
        accepted = JournalRecord.OrderAccepted.of(order, BenchFixtures.AT);
        String id = order.terms().clientOrderId();
        OrderStateMachine.pendingNew(order);
        OrderStateMachine.apply(order, new OrderEvent.Accepted(BenchFixtures.ACCOUNT, id, "28457120", BenchFixtures.AT));
        List<Execution> out = OrderStateMachine.apply(order, new OrderEvent.Fill(BenchFixtures.ACCOUNT, id, "28457120",
                "3912284", new BigDecimal("0.00400000"), new BigDecimal("64250.10000000"), new BigDecimal("0.00000400"),
                "BTC", Liquidity.MAKER, BenchFixtures.AT.plusMillis(80), false));
        Execution fill = out.stream().filter(e -> e.kind() == ExecKind.TRADE).findFirst()
                .orElseThrow(() -> new IllegalStateException("the fill produced no TRADE report: " + out));
        stateChanged = JournalRecord.StateChanged.of(order, fill, null, BenchFixtures.AT.plusMillis(80));
    }

    @Setup(Level.Iteration)
    public void open() throws IOException, JournalUnavailableException {
        directory = Files.createTempDirectory("fixbridge-bench-journal");
        journal = FileJournal.open(JournalConfig.defaults(directory).withFsync(fsync));
    }

    @TearDown(Level.Iteration)
    public void close() throws IOException {
        try {
            journal.close();
        } finally {
            deleteTree(directory);
        }
    }

    /** Appends the OrderAccepted of a limit order. */
    @Benchmark
    public Object appendOrderAccepted() throws JournalUnavailableException {
        return append(accepted);
    }

    /** Appends the StateChanged of a partial fill. */
    @Benchmark
    @BenchmarkMode({Mode.AverageTime, Mode.SampleTime})
    public Object appendStateChanged() throws JournalUnavailableException {
        return append(stateChanged);
    }

    /** Writes the OrderAccepted and the StateChanged, then syncs once (group commit). */
    @Benchmark
    public Object groupCommitOrder() throws JournalUnavailableException {
        journal.write(accepted);
        journal.write(stateChanged);
        journal.sync();
        return journal;
    }

    private Object append(JournalRecord record) throws JournalUnavailableException {
        if (fsync == FsyncPolicy.BATCH) {
            return journal.appendAsync(record);
        }
        journal.append(record);
        return record;
    }

    private static void deleteTree(Path root) throws IOException {
        if (root == null || !Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.delete(p);
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot delete " + p, e);
                }
            });
        }
    }
}

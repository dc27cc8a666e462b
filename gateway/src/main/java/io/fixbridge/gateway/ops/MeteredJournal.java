package io.fixbridge.gateway.ops;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;

import io.fixbridge.gateway.journal.CompactionResult;
import io.fixbridge.gateway.journal.Journal;
import io.fixbridge.gateway.journal.JournalRecord;
import io.fixbridge.gateway.journal.JournalUnavailableException;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;

/**
 * A {@link Journal} that measures its appends and writes ({@code fixbridge_journal_write_seconds}),
 * its group-commit syncs ({@code fixbridge_journal_sync_seconds}) and
 * publishes its health and size on disk; otherwise the journal it wraps, with the same threading
 * and error contract.
 */
public final class MeteredJournal implements Journal {
    private final Journal journal;
    private final Timer writes;
    private final Timer syncs;

    /** @param directory where the journal's files are, for its size */
    public MeteredJournal(Journal journal, Path directory, Metrics metrics) {
        this.journal = journal;
        this.writes = metrics.latency("fixbridge.journal.write", "Order journal appends, as durable as journal.fsync says")
                .register(metrics.registry());
        this.syncs = metrics.latency("fixbridge.journal.sync", "Order journal group commits: one force for every record "
                + "the engine wrote since the last").register(metrics.registry());
        Gauge.builder("fixbridge.journal.up", journal, j -> j.healthy() ? 1 : 0)
                .description("1 while the order journal can be written").register(metrics.registry());
        Gauge.builder("fixbridge.journal.size.bytes", directory, MeteredJournal::sizeOf)
                .description("Bytes of the order journal's files on disk").register(metrics.registry());
    }

    private static double sizeOf(Path directory) {
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(Files::isRegularFile).mapToLong(f -> {
                try {
                    return Files.size(f);
                } catch (IOException e) {
                    return 0; // a file compaction removed meanwhile
                }
            }).sum();
        } catch (IOException | UncheckedIOException e) {
            return Double.NaN; // the directory is gone: fixbridge_journal_up says why it matters
        }
    }

    @Override
    public void append(JournalRecord record) throws JournalUnavailableException {
        timed(writes, () -> journal.append(record));
    }

    @Override
    public void write(JournalRecord record) throws JournalUnavailableException {
        timed(writes, () -> journal.write(record));
    }

    @Override
    public void sync() throws JournalUnavailableException {
        timed(syncs, journal::sync);
    }

    /** A journal call that may fail as the journal does. */
    private interface JournalCall {
        void run() throws JournalUnavailableException;
    }

    private static void timed(Timer timer, JournalCall call) throws JournalUnavailableException {
        long start = System.nanoTime();
        try {
            call.run();
        } finally {
            timer.record(System.nanoTime() - start, java.util.concurrent.TimeUnit.NANOSECONDS);
        }
    }

    @Override
    public boolean syncWaits() {
        return journal.syncWaits();
    }

    @Override
    public void replay(Consumer<? super JournalRecord> consumer) throws JournalUnavailableException {
        journal.replay(consumer);
    }

    @Override
    public boolean healthy() {
        return journal.healthy();
    }

    @Override
    public Optional<String> unavailableReason() {
        return journal.unavailableReason();
    }

    @Override
    public CompactionResult compact(Set<String> liveOrderIds) throws JournalUnavailableException {
        return journal.compact(liveOrderIds);
    }

    @Override
    public void close() {
        journal.close();
    }
}

package io.fixbridge.gateway.journal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.fixbridge.gateway.journal.JournalRecord.ClOrdIdUsed;
import io.fixbridge.gateway.journal.JournalRecord.OrderAccepted;
import io.fixbridge.gateway.journal.JournalRecord.StateChanged;

/**
 * The order journal in segment files {@code journal-000001.log}, {@code journal-000002.log}, ...
 * under one directory: one record per line, {@code <crc32> <json>}, a new segment once the
 * current one would pass the configured size. The highest-numbered segment is the active one;
 * the others never change again except by {@link #compact}.
 *
 * <h2>Durability</h2>
 * {@link FsyncPolicy#ALWAYS} forces the file after each append, and once per {@link #sync} for the
 * records {@link #write written} since the last (group commit); {@link FsyncPolicy#BATCH} lets a
 * flusher thread force at most once per batch interval, each append waiting for the force that
 * covers it; {@link FsyncPolicy#NONE} never forces (unsafe; tests and benchmarks). A new segment's
 * directory entry is forced too. A crash mid-append leaves a torn last line; {@link #open} drops it
 * with a WARN, so later appends continue on a clean line.
 *
 * <h2>Threading</h2>
 * One writer thread calls {@link #append}, {@link #appendAsync} and {@link #compact}; a second
 * thread calling them while the first is inside fails with {@link IllegalStateException}.
 * {@link #replay} runs before the first append. {@link #healthy()} and {@link #unavailableReason()}
 * may be read from any thread; {@link #close()} may be called from any thread after the writer stopped.
 *
 * <h2>Errors</h2>
 * A failed write or force throws {@link JournalUnavailableException} (message: the directory, what
 * failed, the cause); the failed record's bytes are cut off again so nothing appended earlier is
 * damaged, and {@link #healthy()} is false until an append succeeds.
 */
public final class FileJournal implements Journal {
    private static final Logger LOG = LoggerFactory.getLogger(FileJournal.class);
    private static final Pattern SEGMENT = Pattern.compile("journal-(\\d{6,})\\.log");
    private static final String TEMP_SUFFIX = ".compacting.tmp";

    private final JournalConfig config;
    private final Path directory;
    private final ChannelOpener opener;
    private final Clock clock;
    private final AtomicBoolean inside = new AtomicBoolean();

    /** Guards the active segment's channel and positions, shared by the writer and the flusher. */
    private final ReentrantLock io = new ReentrantLock();
    private final Condition flushWork = io.newCondition();
    private final ArrayDeque<Waiter> waiting = new ArrayDeque<>();
    private long activeNumber;
    /** Null after a failure that left its state unknown: reopened (and cut back) on the next append. */
    private FileChannel channel;
    /** Bytes of the active segment that hold whole, accepted records. */
    private long written;
    /** Bytes of the active segment known to be on the disk. */
    private long forced;
    /** The BATCH future of the last {@link #write} not yet waited for by {@link #sync}. */
    private final java.util.concurrent.atomic.AtomicReference<CompletableFuture<Void>> unsyncedBatch =
            new java.util.concurrent.atomic.AtomicReference<>();
    /** Records written but not forced were cut off after a failed force: the next {@link #sync} fails. Holds {@link #io}. */
    private boolean lostUnsynced;
    private long lastForceNanos;
    private boolean closed;
    private boolean appended;
    /** The flusher ended (it is only ever interrupted by mistake): BATCH appends force inline. */
    private boolean flusherStopped;
    private final Thread flusher;

    private volatile boolean healthy = true;
    private volatile String unavailableReason;

    private record Waiter(long end, CompletableFuture<Void> done) {
    }

    private FileJournal(JournalConfig config, ChannelOpener opener, Clock clock) {
        this.config = config;
        this.directory = config.directory();
        this.opener = opener;
        this.clock = clock;
        this.flusher = config.fsync() == FsyncPolicy.BATCH ? new Thread(this::flushLoop, "fixbridge-journal-flusher") : null;
    }

    /** Opens (creating if needed) the journal that {@code config} describes. */
    public static FileJournal open(JournalConfig config) throws JournalUnavailableException {
        return open(config, ChannelOpener.DEFAULT, Clock.systemUTC());
    }

    /**
     * Opens the journal, writing through {@code opener} (tests inject failing or counting channels)
     * and stamping compaction headers with {@code clock}.
     *
     * @throws JournalUnavailableException the directory cannot be created or the active segment opened
     * @throws JournalCorruptedException   the segments left by an earlier run are not a consistent set
     */
    public static FileJournal open(JournalConfig config, ChannelOpener opener, Clock clock)
            throws JournalUnavailableException {
        FileJournal journal = new FileJournal(config, opener, clock);
        journal.recover();
        if (journal.flusher != null) {
            journal.flusher.setDaemon(true);
            journal.flusher.start();
        }
        return journal;
    }

    private void recover() throws JournalUnavailableException {
        try {
            Files.createDirectories(directory);
            try (DirectoryStream<Path> temps = Files.newDirectoryStream(directory, "*" + TEMP_SUFFIX)) {
                for (Path temp : temps) {
                    LOG.warn("deleting {}, left by a compaction that did not finish; the segments it was made from are intact",
                            temp);
                    Files.delete(temp);
                }
            }
            List<Long> segments = segments();
            activeNumber = segments.isEmpty() ? 1 : segments.get(segments.size() - 1);
            channel = opener.open(segmentPath(activeNumber));
            long goodEnd = validTail(segmentPath(activeNumber));
            long size = channel.size();
            if (goodEnd < size) {
                LOG.warn("{}: dropping a torn last line ({} bytes after offset {}), left by a crash during an append",
                        segmentPath(activeNumber), size - goodEnd, goodEnd);
                channel.truncate(goodEnd);
                channel.force(false);
            }
            written = goodEnd;
            forced = goodEnd;
            if (segments.isEmpty()) {
                forceDirectory();
            }
        } catch (IOException | UncheckedIOException e) {
            closeQuietly();
            throw JournalUnavailableException.of(directory, "opening the journal", e);
        }
    }

    /** Where the last whole, intact line of a segment ends. */
    private static long validTail(Path file) throws IOException {
        long goodEnd = 0;
        try (SegmentReader r = new SegmentReader(file)) {
            while (r.next()) {
                boolean intact = r.terminated() && JournalCodec.crcMatches(r.bytes(), r.length());
                if (intact || !r.atEnd()) {
                    // a damaged line in the middle is replay's to report; only the last line may be torn
                    goodEnd = r.end();
                }
            }
        }
        return goodEnd;
    }

    // ---------------------------------------------------------------- appending

    @Override
    public void append(JournalRecord record) throws JournalUnavailableException {
        await(appendAsync(record));
    }

    /** Waits for a write's durability future; its failure is rethrown as it was raised. */
    private static void await(CompletableFuture<Void> durable) throws JournalUnavailableException {
        try {
            durable.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof JournalUnavailableException u) {
                throw u;
            }
            throw e;
        }
    }

    /**
     * Writes {@code record} now, in order, and returns a future completed once it is as durable as
     * the policy says: at once for {@link FsyncPolicy#ALWAYS} (forced before returning) and
     * {@link FsyncPolicy#NONE}; after the covering group force for {@link FsyncPolicy#BATCH}, on
     * the flusher thread, so keep its continuations short or hand them back to the writer's thread.
     * A record that cannot be written or forced completes the future with
     * {@link JournalUnavailableException}.
     *
     * @throws IllegalStateException another thread is appending, or the journal is closed
     */
    public CompletableFuture<Void> appendAsync(JournalRecord record) {
        byte[] line = JournalCodec.encode(record);
        enter();
        try {
            return write(line, false);
        } finally {
            inside.set(false);
        }
    }

    /**
     * {@inheritDoc} Under {@link FsyncPolicy#ALWAYS} the force waits for {@link #sync}; under
     * {@link FsyncPolicy#BATCH} the flusher's next force covers it and {@link #sync} waits for that.
     *
     * @throws IllegalStateException another thread is appending, or the journal is closed
     */
    @Override
    public void write(JournalRecord record) throws JournalUnavailableException {
        byte[] line = JournalCodec.encode(record);
        enter();
        try {
            CompletableFuture<Void> written = write(line, true);
            if (!written.isDone()) {
                unsyncedBatch.set(written);
            } else {
                await(written); // at once: throws if the write failed
            }
        } finally {
            inside.set(false);
        }
    }

    /**
     * {@inheritDoc} One {@code fsync} covers every record written since the last; a failed one takes
     * them out of the file again (after a failed fsync the page cache cannot be trusted), and the
     * next sync fails too, since records written meanwhile were taken out with them. May be called
     * from a thread other than the writer's (the engine's committer), while the writer goes on writing.
     */
    @Override
    public void sync() throws JournalUnavailableException {
        CompletableFuture<Void> batch = unsyncedBatch.getAndSet(null);
        if (batch != null) {
            await(batch);
        }
        if (config.fsync() != FsyncPolicy.ALWAYS) {
            return;
        }
        io.lock();
        try {
            boolean lost = lostUnsynced;
            lostUnsynced = false;
            if (!closed && channel != null && forced < written) {
                try {
                    channel.force(false);
                } catch (IOException e) {
                    cutBack(forced);
                    lostUnsynced = true;
                    throw unavailable("forcing " + segmentPath(activeNumber).getFileName() + " to the disk", e);
                }
                forced = written;
                markHealthy();
            }
            if (lost) {
                throw unavailable("records written since the last sync were taken out of the journal after a failed force",
                        new IOException("an earlier force failed"));
            }
        } finally {
            io.unlock();
        }
    }

    /** {@inheritDoc} True unless the fsync policy is {@link FsyncPolicy#NONE}. */
    @Override
    public boolean syncWaits() {
        return config.fsync() != FsyncPolicy.NONE;
    }

    private CompletableFuture<Void> write(byte[] line, boolean deferForce) {
        io.lock();
        try {
            if (closed) {
                throw new IllegalStateException("the order journal in " + directory + " is closed");
            }
            appended = true;
            reopenIfNeeded();
            if (written > 0 && written + line.length > config.segmentSize()) {
                roll();
            }
            long start = written;
            try {
                ByteBuffer buffer = ByteBuffer.wrap(line);
                long position = start;
                while (buffer.hasRemaining()) {
                    position += channel.write(buffer, position);
                }
            } catch (IOException e) {
                cutBack(start);
                throw unavailable("writing to " + segmentPath(activeNumber).getFileName(), e);
            }
            written = start + line.length;
            switch (config.fsync()) {
                case ALWAYS -> {
                    if (deferForce) {
                        return CompletableFuture.completedFuture(null);
                    }
                    try {
                        channel.force(false);
                    } catch (IOException e) {
                        // after a failed fsync the page cache cannot be trusted: the record is taken out again
                        cutBack(start);
                        throw unavailable("forcing " + segmentPath(activeNumber).getFileName() + " to the disk", e);
                    }
                    forced = written;
                    markHealthy();
                    return CompletableFuture.completedFuture(null);
                }
                case NONE -> {
                    markHealthy();
                    return CompletableFuture.completedFuture(null);
                }
                case BATCH -> {
                    CompletableFuture<Void> done = new CompletableFuture<>();
                    waiting.add(new Waiter(written, done));
                    if (flusherStopped) {
                        forceBatch();
                    } else if (waiting.size() == 1) {
                        flushWork.signal();
                    }
                    return done;
                }
                default -> throw new IllegalStateException("unknown fsync policy " + config.fsync());
            }
        } catch (JournalUnavailableException e) {
            return CompletableFuture.failedFuture(e);
        } finally {
            io.unlock();
        }
    }

    /** Starts the next segment, after making the current one durable. Holds {@link #io}. */
    private void roll() throws JournalUnavailableException {
        Path next = segmentPath(activeNumber + 1);
        FileChannel nextChannel;
        try {
            nextChannel = opener.open(next);
            if (nextChannel.size() != 0) {
                nextChannel.close();
                throw new IOException(next + " already exists and is not empty");
            }
        } catch (IOException e) {
            throw unavailable("creating segment " + next.getFileName(), e);
        }
        try {
            if (config.fsync() != FsyncPolicy.NONE) {
                channel.force(false);
                forceDirectory();
            }
        } catch (IOException e) {
            closeQuietly(nextChannel);
            deleteQuietly(next);
            JournalUnavailableException failure = unavailable("forcing " + segmentPath(activeNumber).getFileName()
                    + " before starting " + next.getFileName(), e);
            failWaiters(failure);
            cutBack(forced);
            lostUnsynced = true;
            throw failure;
        }
        forced = written;
        if (!waiting.isEmpty()) {
            markHealthy();
            completeWaiters();
        }
        closeQuietly(channel);
        channel = nextChannel;
        activeNumber++;
        written = 0;
        forced = 0;
        LOG.info("order journal: started segment {}", next);
    }

    /** After a failure, a channel in an unknown state is reopened and cut back to what was accepted. */
    private void reopenIfNeeded() throws JournalUnavailableException {
        if (channel != null) {
            return;
        }
        Path path = segmentPath(activeNumber);
        try {
            FileChannel reopened = opener.open(path);
            long size = reopened.size();
            if (size < written) {
                reopened.close();
                throw new IOException(path + " is shorter (" + size + " bytes) than what was written to it ("
                        + written + " bytes)");
            }
            if (size > written) {
                LOG.warn("{}: removing {} bytes of an append that failed", path, size - written);
                reopened.truncate(written);
                reopened.force(false);
            }
            channel = reopened;
        } catch (IOException e) {
            throw unavailable("reopening " + path.getFileName(), e);
        }
    }

    /** Removes the bytes past {@code end} (a failed append's); on failure, reopens before the next append. */
    private void cutBack(long end) {
        written = end;
        forced = Math.min(forced, end);
        try {
            channel.truncate(end);
        } catch (IOException e) {
            LOG.warn("{}: could not cut back a failed append ({}); the file is reopened and cut back before the next append",
                    segmentPath(activeNumber), e.toString());
            closeQuietly(channel);
            channel = null;
        }
    }

    private JournalUnavailableException unavailable(String what, Throwable cause) {
        JournalUnavailableException e = JournalUnavailableException.of(directory, what, cause);
        if (healthy) {
            LOG.error(e.getMessage());
        }
        unavailableReason = e.getMessage();
        healthy = false;
        return e;
    }

    private void markHealthy() {
        if (!healthy) {
            LOG.info("order journal in {} is writable again", directory);
        }
        unavailableReason = null;
        healthy = true;
    }

    private void enter() {
        if (!inside.compareAndSet(false, true)) {
            throw new IllegalStateException("the order journal has one writer; another thread is appending or compacting");
        }
    }

    // ---------------------------------------------------------------- group commit

    private void flushLoop() {
        long interval = config.batchInterval().toNanos();
        io.lock();
        try {
            while (true) {
                if (waiting.isEmpty()) {
                    if (closed) {
                        return;
                    }
                    flushWork.await();
                    continue;
                }
                long wait = lastForceNanos + interval - System.nanoTime();
                if (wait > 0 && !closed) {
                    flushWork.awaitNanos(wait);
                    continue;
                }
                forceBatch();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            LOG.error("order journal flusher for {} was interrupted; appends now force inline", directory);
            forceBatch();
        } finally {
            flusherStopped = true;
            io.unlock();
        }
    }

    /** Forces everything written and completes the appends it covers. Holds {@link #io}. */
    private void forceBatch() {
        try {
            if (channel == null) {
                throw new IOException("the segment was closed by an earlier failure");
            }
            channel.force(false);
        } catch (IOException e) {
            JournalUnavailableException failure = unavailable("forcing " + segmentPath(activeNumber).getFileName()
                    + " to the disk", e);
            failWaiters(failure);
            if (channel != null) {
                cutBack(forced);
            } else {
                written = forced;
            }
            lastForceNanos = System.nanoTime();
            return;
        }
        lastForceNanos = System.nanoTime();
        forced = written;
        // healthy before the waiters hear of it: an append that returned finds the journal healthy
        markHealthy();
        completeWaiters();
    }

    private void completeWaiters() {
        Waiter w;
        while ((w = waiting.poll()) != null) {
            w.done().complete(null);
        }
    }

    private void failWaiters(JournalUnavailableException failure) {
        Waiter w;
        while ((w = waiting.poll()) != null) {
            w.done().completeExceptionally(failure);
        }
    }

    // ---------------------------------------------------------------- replay

    /**
     * {@inheritDoc}
     *
     * @throws IllegalStateException called after an append
     */
    @Override
    public void replay(Consumer<? super JournalRecord> consumer) throws JournalUnavailableException {
        io.lock();
        try {
            if (appended) {
                throw new IllegalStateException("replay runs before the first append");
            }
        } finally {
            io.unlock();
        }
        try {
            for (long number : segments()) {
                readSegment(number, number == activeNumber, record -> {
                    if (record instanceof JournalRecord r) {
                        consumer.accept(r);
                    }
                });
            }
        } catch (IOException | UncheckedIOException e) {
            throw JournalUnavailableException.of(directory, "reading the journal", e);
        }
    }

    /** Feeds the segment's records and header to {@code sink}; a torn last line only the last segment may have. */
    private void readSegment(long number, boolean last, Consumer<Object> sink) throws IOException {
        Path path = segmentPath(number);
        try (SegmentReader r = new SegmentReader(path)) {
            while (r.next()) {
                boolean intact = r.terminated() && JournalCodec.crcMatches(r.bytes(), r.length());
                if (!intact) {
                    String why = r.terminated() ? "its CRC does not match its content" : "it has no end of line";
                    if (last && r.atEnd()) {
                        LOG.warn("{}: dropping the torn last line {} at offset {} ({}), left by a crash during an append",
                                path, r.lineNumber(), r.offset(), why);
                        return;
                    }
                    throw new JournalCorruptedException(path + ": line " + r.lineNumber() + " at offset " + r.offset()
                            + " is damaged (" + why + ") and is not the last line; the order book cannot be rebuilt "
                            + "safely. Restore the file from a backup or have an operator inspect it.");
                }
                Object decoded;
                try {
                    decoded = JournalCodec.decode(r.bytes(), r.length());
                } catch (RuntimeException e) {
                    throw new JournalCorruptedException(path + ": line " + r.lineNumber() + " at offset " + r.offset()
                            + " is not a record this gateway can read: " + e.getMessage(), e);
                }
                sink.accept(decoded);
            }
        }
    }

    // ---------------------------------------------------------------- compaction

    /** {@link #compact(Set, Instant)} keeping every ClOrdID ever used. */
    @Override
    public CompactionResult compact(Set<String> liveOrderIds) throws JournalUnavailableException {
        return compact(liveOrderIds, null);
    }

    /**
     * Rewrites the closed segments (never the active one) into one, keeping every record of the
     * orders in {@code liveOrderIds} and, of every other order, only its ClOrdIDs (as
     * {@link ClOrdIdUsed} records) so ClOrdID uniqueness per session survives. The compacted
     * segment is written to a temporary file, forced, and renamed over the newest closed segment;
     * the older ones are deleted after. A crash at any point leaves either the old segments or the
     * compacted one in force, never both.
     *
     * <p>Called on the writer's thread, so that {@code liveOrderIds} covers every order appended
     * so far. It reads and writes the closed segments, which takes time in proportion to them.
     *
     * @param liveOrderIds             OrderIDs of the orders not done (and of any order whose
     *                                 records must stay)
     * @param forgetClOrdIdsUsedBefore ClOrdIDs of done orders used before this instant are
     *                                 forgotten (say, the start of the trading day); null keeps all
     * @throws JournalUnavailableException a segment could not be read or written; the journal is unchanged
     * @throws JournalCorruptedException   a closed segment is damaged; the journal is unchanged
     */
    public CompactionResult compact(Set<String> liveOrderIds, Instant forgetClOrdIdsUsedBefore)
            throws JournalUnavailableException {
        enter();
        try {
            List<Long> closedSegments;
            io.lock();
            try {
                if (closed) {
                    throw new IllegalStateException("the order journal in " + directory + " is closed");
                }
                long active = activeNumber;
                closedSegments = segments().stream().filter(n -> n < active).toList();
            } finally {
                io.unlock();
            }
            if (closedSegments.isEmpty()) {
                return new CompactionResult(0, 0, 0, 0, 0);
            }
            return rewrite(closedSegments, liveOrderIds, forgetClOrdIdsUsedBefore);
        } catch (IOException | UncheckedIOException e) {
            throw JournalUnavailableException.of(directory, "compacting the journal", e);
        } finally {
            inside.set(false);
        }
    }

    private CompactionResult rewrite(List<Long> closedSegments, Set<String> live, Instant forgetBefore)
            throws IOException {
        long through = closedSegments.get(closedSegments.size() - 1);
        Path target = segmentPath(through);
        Path temp = directory.resolve(target.getFileName() + TEMP_SUFFIX);
        long[] counts = new long[2];
        long bytesBefore = 0;
        for (long n : closedSegments) {
            bytesBefore += Files.size(segmentPath(n));
        }
        long bytesAfter;
        try (FileChannel out = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            List<byte[]> pending = new ArrayList<>();
            pending.add(JournalCodec.encode(new JournalCodec.Compacted(through, clock.instant())));
            for (long n : closedSegments) {
                readSegment(n, false, decoded -> {
                    if (!(decoded instanceof JournalRecord record)) {
                        return; // an earlier compaction's header
                    }
                    JournalRecord kept = keep(record, live, forgetBefore);
                    if (kept == null) {
                        counts[1]++;
                    } else {
                        counts[0]++;
                        pending.add(JournalCodec.encode(kept));
                    }
                    if (pending.size() >= 256) {
                        writeAll(out, pending);
                    }
                });
            }
            writeAll(out, pending);
            out.force(false);
            bytesAfter = out.size();
        } catch (IOException | RuntimeException e) {
            deleteQuietly(temp);
            throw e;
        }
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        forceDirectory();
        for (long n : closedSegments) {
            if (n != through) {
                Files.delete(segmentPath(n));
            }
        }
        forceDirectory();
        LOG.info("order journal: compacted {} segments into {}: {} records kept, {} dropped, {} -> {} bytes",
                closedSegments.size(), target.getFileName(), counts[0], counts[1], bytesBefore, bytesAfter);
        return new CompactionResult(closedSegments.size(), counts[0], counts[1], bytesBefore, bytesAfter);
    }

    /** What of {@code record} stays: itself, its ClOrdID, or nothing (null). */
    private static JournalRecord keep(JournalRecord record, Set<String> live, Instant forgetBefore) {
        if (record instanceof OrderAccepted a) {
            if (live.contains(a.orderId())) {
                return a;
            }
            return forgotten(a.at(), forgetBefore) ? null : new ClOrdIdUsed(a.session(), a.clOrdId(), a.orderId(), a.at());
        }
        if (record instanceof ClOrdIdUsed u) {
            boolean ofLiveOrder = u.orderId() != null && live.contains(u.orderId());
            return ofLiveOrder || !forgotten(u.at(), forgetBefore) ? u : null;
        }
        StateChanged s = (StateChanged) record;
        return live.contains(s.orderId()) ? s : null;
    }

    private static boolean forgotten(Instant at, Instant forgetBefore) {
        return forgetBefore != null && at.isBefore(forgetBefore);
    }

    private static void writeAll(FileChannel out, List<byte[]> lines) {
        try {
            for (byte[] line : lines) {
                ByteBuffer buffer = ByteBuffer.wrap(line);
                while (buffer.hasRemaining()) {
                    out.write(buffer);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        lines.clear();
    }

    // ---------------------------------------------------------------- files

    /**
     * The segment numbers in force, ascending. Segments below a compacted segment are leftovers of
     * a compaction cut short after its rename: they are deleted here, never replayed.
     */
    private List<Long> segments() throws IOException {
        List<Long> numbers = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, "journal-*.log")) {
            for (Path file : files) {
                Matcher m = SEGMENT.matcher(file.getFileName().toString());
                if (m.matches()) {
                    numbers.add(Long.parseLong(m.group(1)));
                }
            }
        }
        numbers.sort(null);
        long compactedThrough = 0;
        for (long n : numbers) {
            Optional<JournalCodec.Compacted> header = header(segmentPath(n));
            if (header.isPresent()) {
                compactedThrough = n;
            }
        }
        List<Long> inForce = new ArrayList<>();
        for (long n : numbers) {
            if (n < compactedThrough) {
                LOG.warn("deleting {}: its records are in compacted segment {} (a compaction was cut short)",
                        segmentPath(n), segmentPath(compactedThrough).getFileName());
                Files.delete(segmentPath(n));
            } else {
                inForce.add(n);
            }
        }
        return inForce;
    }

    private static Optional<JournalCodec.Compacted> header(Path file) throws IOException {
        try (SegmentReader r = new SegmentReader(file)) {
            if (r.next() && r.terminated() && JournalCodec.crcMatches(r.bytes(), r.length())) {
                try {
                    return JournalCodec.decode(r.bytes(), r.length()) instanceof JournalCodec.Compacted c
                            ? Optional.of(c) : Optional.empty();
                } catch (RuntimeException e) {
                    return Optional.empty(); // replay reports it, with where it is
                }
            }
        }
        return Optional.empty();
    }

    /** The path of segment {@code number}. */
    public Path segmentPath(long number) {
        return directory.resolve(String.format("journal-%06d.log", number));
    }

    private void forceDirectory() throws IOException {
        try (FileChannel dir = FileChannel.open(directory, StandardOpenOption.READ)) {
            dir.force(true);
        }
    }

    // ---------------------------------------------------------------- state

    @Override
    public boolean healthy() {
        return healthy;
    }

    /** Why the last append failed, while the journal is not {@link #healthy()}. */
    @Override
    public Optional<String> unavailableReason() {
        return Optional.ofNullable(unavailableReason);
    }

    /** The configuration it was opened with. */
    public JournalConfig config() {
        return config;
    }

    /**
     * Forces what was written (completing waiting appends), stops the flusher and closes the file.
     * Appends still waiting when the force fails complete with {@link JournalUnavailableException}.
     */
    @Override
    public void close() {
        io.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            if (channel != null && config.fsync() != FsyncPolicy.NONE && !waiting.isEmpty()) {
                forceBatch();
            }
            failWaiters(new JournalUnavailableException("order journal in " + directory.toAbsolutePath()
                    + " was closed before the record was forced", new IOException("closed")));
            flushWork.signalAll();
        } finally {
            io.unlock();
        }
        if (flusher != null) {
            try {
                flusher.join(TimeUnit.SECONDS.toMillis(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        io.lock();
        try {
            closeQuietly();
        } finally {
            io.unlock();
        }
    }

    private void closeQuietly() {
        if (channel != null) {
            closeQuietly(channel);
            channel = null;
        }
    }

    private static void closeQuietly(FileChannel c) {
        try {
            c.close();
        } catch (IOException e) {
            LOG.warn("closing a journal segment failed: {}", e.toString());
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.warn("could not delete {}: {}", file, e.toString());
        }
    }
}

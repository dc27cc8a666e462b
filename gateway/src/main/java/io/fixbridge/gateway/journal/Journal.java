package io.fixbridge.gateway.journal;

import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The order journal: an append-only log of {@link JournalRecord}s from which the order book is
 * rebuilt after a crash.
 *
 * <h2>Threading</h2>
 * One writer: {@link #append} is called from one thread at a time (the order engine's). A second
 * thread appending concurrently is a bug and fails with {@link IllegalStateException}.
 * {@link #replay} runs before the first append. {@link #healthy()} may be read from any thread
 * (the health endpoint); {@link #close()} may be called from any thread once appends have stopped.
 *
 * <h2>Errors</h2>
 * An append that cannot be made durable throws {@link JournalUnavailableException}; the record
 * counts as not written and nothing appended before is lost. From then on {@link #healthy()} is
 * false until an append succeeds again.
 */
public interface Journal extends AutoCloseable {

    /**
     * Appends {@code record}; returns once it is as durable as the fsync policy says.
     *
     * @throws JournalUnavailableException the record could not be written or forced
     */
    void append(JournalRecord record) throws JournalUnavailableException;

    /**
     * Writes {@code record} in order without waiting for it to be durable: it is durable once the
     * next {@link #sync} returns. The order engine writes everything one batch of its work produces
     * and syncs once before anything of that batch is sent (group commit). By default the same as
     * {@link #append}.
     *
     * @throws JournalUnavailableException the record could not be written
     */
    default void write(JournalRecord record) throws JournalUnavailableException {
        append(record);
    }

    /**
     * Makes every record {@link #write written} since the last sync as durable as the fsync policy
     * says, with one force for all of them. By default nothing (each append already was).
     *
     * @throws JournalUnavailableException the records could not be forced; they are taken out of the
     *                                     journal again, and it is unhealthy until a write succeeds
     */
    default void sync() throws JournalUnavailableException {
    }

    /**
     * Whether {@link #sync} may wait on the disk. When it never does (fsync {@code none}), the engine
     * releases what a batch sends on its own thread instead of handing it to its committer.
     */
    default boolean syncWaits() {
        return false;
    }

    /**
     * Feeds every record, oldest first, across all segments, to {@code consumer}. A torn last
     * line (a crash mid-append) is dropped with a WARN.
     *
     * @throws JournalCorruptedException a damaged line anywhere else, or a record this version cannot read
     * @throws JournalUnavailableException a segment could not be read
     */
    void replay(Consumer<? super JournalRecord> consumer) throws JournalUnavailableException;

    /** False after an append failed, until one succeeds again. */
    boolean healthy();

    /** Why the journal is unhealthy (the last failure's message), or empty while it is healthy. */
    Optional<String> unavailableReason();

    /**
     * Rewrites the closed segments keeping every record of the orders in {@code liveOrderIds} and
     * only the ClOrdIDs of the others, so a restart replays less. Called on the writer's thread.
     *
     * @throws JournalUnavailableException a segment could not be read or written; the journal is unchanged
     */
    CompactionResult compact(Set<String> liveOrderIds) throws JournalUnavailableException;

    /** Forces what was written and releases the files. Idempotent. */
    @Override
    void close();
}

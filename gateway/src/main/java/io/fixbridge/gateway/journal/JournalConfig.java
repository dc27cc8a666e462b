package io.fixbridge.gateway.journal;

import java.nio.file.Path;
import java.time.Duration;

import io.fixbridge.gateway.config.GatewayConfigException;

/**
 * How the order journal is kept. Immutable; validated on construction, each error naming its
 * setting ({@code journal.directory}, {@code journal.fsync}, {@code journal.segmentSize},
 * {@code journal.batchInterval}) and thrown as {@link GatewayConfigException}.
 *
 * @param directory     where the segment files live
 * @param fsync         when appends are forced to the disk
 * @param segmentSize   bytes after which a new segment file is started
 * @param batchInterval for {@link FsyncPolicy#BATCH}, the shortest time between two forces
 */
public record JournalConfig(Path directory, FsyncPolicy fsync, long segmentSize, Duration batchInterval) {

    /** Name of the journal's directory under the gateway's data directory. */
    public static final String DEFAULT_DIRECTORY = "journal";
    public static final FsyncPolicy DEFAULT_FSYNC = FsyncPolicy.ALWAYS;
    public static final long DEFAULT_SEGMENT_SIZE = 64L * 1024 * 1024;
    public static final Duration DEFAULT_BATCH_INTERVAL = Duration.ofMillis(2);

    /** The smallest segment size accepted (tests roll often with it). */
    public static final long MIN_SEGMENT_SIZE = 1024;
    public static final long MAX_SEGMENT_SIZE = 1024L * 1024 * 1024;
    public static final Duration MAX_BATCH_INTERVAL = Duration.ofSeconds(1);

    public JournalConfig {
        if (directory == null) {
            throw new GatewayConfigException("journal.directory: must be set");
        }
        if (fsync == null) {
            throw new GatewayConfigException("journal.fsync: must be one of always, batch, none");
        }
        if (segmentSize < MIN_SEGMENT_SIZE || segmentSize > MAX_SEGMENT_SIZE) {
            throw new GatewayConfigException("journal.segmentSize: " + segmentSize + " bytes is outside "
                    + MIN_SEGMENT_SIZE + ".." + MAX_SEGMENT_SIZE + " (default " + DEFAULT_SEGMENT_SIZE + ")");
        }
        if (batchInterval == null || batchInterval.isNegative() || batchInterval.isZero()
                || batchInterval.compareTo(MAX_BATCH_INTERVAL) > 0) {
            throw new GatewayConfigException("journal.batchIntervalMs: " + batchInterval
                    + " must be more than 0 and at most " + MAX_BATCH_INTERVAL.toMillis() + " ms (default "
                    + DEFAULT_BATCH_INTERVAL.toMillis() + " ms)");
        }
    }

    /** The defaults: {@code <dataDirectory>/journal}, fsync always, 64 MB segments, 2 ms batch interval. */
    public static JournalConfig defaults(Path dataDirectory) {
        if (dataDirectory == null) {
            throw new GatewayConfigException("journal.directory: no data directory to put it under");
        }
        return new JournalConfig(dataDirectory.resolve(DEFAULT_DIRECTORY), DEFAULT_FSYNC, DEFAULT_SEGMENT_SIZE,
                DEFAULT_BATCH_INTERVAL);
    }

    public JournalConfig withDirectory(Path v) { return new JournalConfig(v, fsync, segmentSize, batchInterval); }
    public JournalConfig withFsync(FsyncPolicy v) { return new JournalConfig(directory, v, segmentSize, batchInterval); }
    public JournalConfig withSegmentSize(long v) { return new JournalConfig(directory, fsync, v, batchInterval); }
    public JournalConfig withBatchInterval(Duration v) { return new JournalConfig(directory, fsync, segmentSize, v); }
}

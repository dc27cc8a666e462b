package io.fixbridge.gateway.config;

import java.time.Duration;
import java.util.Objects;

import io.fixbridge.gateway.journal.JournalConfig;

/**
 * The {@code journal:} section of gateway.yaml: where and how durably the order journal is
 * written, and how often it is compacted.
 *
 * @param files           directory, fsync policy, segment size, batch interval
 * @param compactInterval time between compactions (the records of done orders shrink to their ClOrdIDs)
 */
public record JournalSettings(JournalConfig files, Duration compactInterval) {
    /** The default time between compactions. */
    public static final Duration DEFAULT_COMPACT_INTERVAL = Duration.ofHours(1);

    public JournalSettings {
        Objects.requireNonNull(files, "files");
        Objects.requireNonNull(compactInterval, "compactInterval");
    }
}

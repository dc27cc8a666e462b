package io.fixbridge.gateway.journal;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

import io.fixbridge.gateway.config.GatewayConfigException;

/** When an appended record is forced to the disk before {@link Journal#append} returns. */
public enum FsyncPolicy {
    /** Forced after every append, before it returns: the safe default. */
    ALWAYS,
    /**
     * Group commit: a flusher forces at most once per batch interval, covering every record
     * written before it; each append returns (or its future completes) only after the force that
     * covers it. As safe as {@link #ALWAYS}; cheaper only when appends overlap
     * ({@link FileJournal#appendAsync}): a single writer that blocks on each {@link Journal#append}
     * waits up to one interval per record, which is slower than {@link #ALWAYS}.
     */
    BATCH,
    /**
     * Never forced: a record returns once it is in the operating system's page cache. A power
     * loss or kernel crash can lose acknowledged records. UNSAFE: for tests and benchmarks only.
     */
    NONE;

    /** Reads the {@code journal.fsync} setting (case-insensitive); an unknown value names the allowed ones. */
    public static FsyncPolicy parse(String value) {
        if (value != null) {
            for (FsyncPolicy p : values()) {
                if (p.name().equalsIgnoreCase(value.trim())) {
                    return p;
                }
            }
        }
        throw new GatewayConfigException("journal.fsync: '" + value + "' is not one of "
                + Arrays.stream(values()).map(p -> p.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(", "))
                + " (always is the safe default; none is for tests and benchmarks only)");
    }
}

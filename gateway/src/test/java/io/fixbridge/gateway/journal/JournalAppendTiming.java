package io.fixbridge.gateway.journal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * A one-off measurement, not a test: how long 10,000 appends take with each fsync policy on this
 * machine. Run by hand: {@code java -cp <test classpath> io.fixbridge.gateway.journal.JournalAppendTiming}.
 */
public final class JournalAppendTiming {
    private JournalAppendTiming() {
    }

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        JournalRecord record = Fixtures.fill("O-1", "t-1");
        System.out.println("record line: " + JournalCodec.encode(record).length + " bytes; " + n + " appends");
        for (FsyncPolicy policy : FsyncPolicy.values()) {
            Path dir = Files.createTempDirectory("journal-timing");
            JournalConfig config = JournalConfig.defaults(dir).withFsync(policy);
            try (FileJournal journal = FileJournal.open(config)) {
                long start = System.nanoTime();
                for (int i = 0; i < n; i++) {
                    journal.append(record);
                }
                long blocking = System.nanoTime() - start;
                System.out.printf("%-6s append (blocking):     %8.1f ms  (%.1f us each)%n", policy, blocking / 1e6,
                        blocking / 1e3 / n);
                if (policy == FsyncPolicy.BATCH) {
                    List<CompletableFuture<Void>> all = new ArrayList<>(n);
                    start = System.nanoTime();
                    for (int i = 0; i < n; i++) {
                        all.add(journal.appendAsync(record));
                    }
                    CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).join();
                    long async = System.nanoTime() - start;
                    System.out.printf("%-6s appendAsync, all durable: %8.1f ms  (%.1f us each)%n", policy, async / 1e6,
                            async / 1e3 / n);
                }
            }
            long start = System.nanoTime();
            long[] count = new long[1];
            try (FileJournal journal = FileJournal.open(config)) {
                journal.replay(r -> count[0]++);
            }
            System.out.printf("%-6s replay of %d records:   %8.1f ms%n", policy, count[0], (System.nanoTime() - start) / 1e6);
        }
    }
}

package io.fixbridge.gateway.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What fails and how: a full disk, a failed force, an unwritable directory; nothing appended
 * before is lost, health follows, and the journal recovers. Also the single-writer contract.
 */
class FileJournalFailureTest {
    @TempDir
    Path dir;

    private final FaultyChannel.Switches switches = new FaultyChannel.Switches();

    private JournalConfig config() {
        return JournalConfig.defaults(dir);
    }

    private FileJournal open(JournalConfig config) throws JournalUnavailableException {
        return FileJournal.open(config, switches, Clock.systemUTC());
    }

    @Test
    void aFullDiskRejectsTheAppendNamingDirectoryAndCauseKeepsEverythingBeforeAndRecovers() throws Exception {
        Path segment;
        long sizeBefore;
        try (FileJournal journal = open(config())) {
            journal.append(Fixtures.accepted("O-1", "C1"));
            journal.append(Fixtures.fill("O-1", "t1"));
            segment = journal.segmentPath(1);
            sizeBefore = Files.size(segment);

            switches.diskFull.set(true);
            assertThatThrownBy(() -> journal.append(Fixtures.fill("O-1", "t2")))
                    .isInstanceOf(JournalUnavailableException.class)
                    .hasMessageContaining(config().directory().toAbsolutePath().toString())
                    .hasMessageContaining("No space left on device")
                    .hasMessageContaining("writing to journal-000001.log");
            assertThat(journal.healthy()).isFalse();
            assertThat(journal.unavailableReason()).hasValueSatisfying(r -> assertThat(r).contains("No space left"));
            assertThat(switches.writes.get()).isEqualTo(3); // the half line was written, then cut off again
            assertThat(Files.size(segment)).isEqualTo(sizeBefore);

            switches.diskFull.set(false);
            journal.append(Fixtures.fill("O-1", "t3"));
            assertThat(journal.healthy()).isTrue();
            assertThat(journal.unavailableReason()).isEmpty();
        }
        assertThat(JournalFiles.replayAll(config())).containsExactly(Fixtures.accepted("O-1", "C1"),
                Fixtures.fill("O-1", "t1"), Fixtures.fill("O-1", "t3"));
    }

    @Test
    void aFailedForceTakesTheRecordOutAgainSoAReplayNeverShowsWhatTheCallerWasToldFailed() throws Exception {
        try (FileJournal journal = open(config())) {
            journal.append(Fixtures.accepted("O-1", "C1"));
            switches.forceFails.set(true);
            assertThatThrownBy(() -> journal.append(Fixtures.accepted("O-2", "C2")))
                    .isInstanceOf(JournalUnavailableException.class)
                    .hasMessageContaining("forcing journal-000001.log to the disk")
                    .hasMessageContaining("Input/output error");
            assertThat(journal.healthy()).isFalse();
            switches.forceFails.set(false);
            journal.append(Fixtures.accepted("O-3", "C3"));
            assertThat(journal.healthy()).isTrue();
        }
        assertThat(JournalFiles.replayAll(config())).containsExactly(Fixtures.accepted("O-1", "C1"),
                Fixtures.accepted("O-3", "C3"));
    }

    @Test
    void inBatchModeAFailedGroupForceFailsEveryAppendItCoveredAndCutsThemOff() throws Exception {
        JournalConfig batch = config().withFsync(FsyncPolicy.BATCH);
        try (FileJournal journal = open(batch)) {
            journal.append(Fixtures.accepted("O-1", "C1"));
            switches.forceFails.set(true);
            CompletableFuture<Void> failed = journal.appendAsync(Fixtures.accepted("O-2", "C2"));
            assertThatThrownBy(() -> failed.get(5, TimeUnit.SECONDS))
                    .hasCauseInstanceOf(JournalUnavailableException.class);
            assertThat(journal.healthy()).isFalse();
            switches.forceFails.set(false);
            journal.append(Fixtures.accepted("O-3", "C3"));
            assertThat(journal.healthy()).isTrue();
        }
        assertThat(JournalFiles.replayAll(batch)).containsExactly(Fixtures.accepted("O-1", "C1"),
                Fixtures.accepted("O-3", "C3"));
    }

    @Test
    void anUnwritableDirectoryFailsTheAppendThatNeedsANewSegmentAndRecoversWhenItIsBack() throws Exception {
        // as root, permissions do not stop writes: the directory is taken away and a file put in its place
        JournalConfig small = config().withSegmentSize(JournalConfig.MIN_SEGMENT_SIZE);
        Path journalDir = small.directory();
        Path away = dir.resolve("journal.away");
        List<JournalRecord> accepted = new ArrayList<>();
        try (FileJournal journal = FileJournal.open(small)) {
            journal.append(Fixtures.accepted("O-0", "C0"));
            accepted.add(Fixtures.accepted("O-0", "C0"));
            Files.move(journalDir, away);
            Files.writeString(journalDir, "not a directory");

            JournalUnavailableException failure = null;
            for (int i = 1; i < 20 && failure == null; i++) {
                try {
                    journal.append(Fixtures.used("O-0", "X" + i));
                    accepted.add(Fixtures.used("O-0", "X" + i)); // still fits the open segment
                } catch (JournalUnavailableException e) {
                    failure = e;
                }
            }
            assertThat(failure).isNotNull();
            assertThat(failure.getMessage()).contains(journalDir.toAbsolutePath().toString(),
                    "creating segment journal-000002.log");
            assertThat(journal.healthy()).isFalse();

            Files.delete(journalDir);
            Files.move(away, journalDir);
            journal.append(Fixtures.used("O-0", "back"));
            accepted.add(Fixtures.used("O-0", "back"));
            assertThat(journal.healthy()).isTrue();
        }
        assertThat(JournalFiles.replayAll(small)).containsExactlyElementsOf(accepted);
    }

    @Test
    void aReadOnlyDirectoryFailsTheAppendThatNeedsANewSegment() throws Exception {
        assumeThat(System.getProperty("user.name")).as("root ignores directory permissions").isNotEqualTo("root");
        JournalConfig small = config().withSegmentSize(JournalConfig.MIN_SEGMENT_SIZE);
        try (FileJournal journal = FileJournal.open(small)) {
            journal.append(Fixtures.accepted("O-0", "C0"));
            Files.setPosixFilePermissions(small.directory(), PosixFilePermissions.fromString("r-xr-xr-x"));
            try {
                assertThatThrownBy(() -> {
                    for (int i = 0; i < 20; i++) {
                        journal.append(Fixtures.used("O-0", "X" + i));
                    }
                }).isInstanceOf(JournalUnavailableException.class).hasMessageContaining("creating segment");
                assertThat(journal.healthy()).isFalse();
            } finally {
                Files.setPosixFilePermissions(small.directory(), PosixFilePermissions.fromString("rwxr-xr-x"));
            }
            journal.append(Fixtures.used("O-0", "back"));
            assertThat(journal.healthy()).isTrue();
        }
    }

    @Test
    void aDirectoryThatCannotBeCreatedFailsTheOpenNamingIt() throws Exception {
        Path notADir = dir.resolve("data");
        Files.writeString(notADir, "a file");
        JournalConfig config = JournalConfig.defaults(notADir);

        assertThatThrownBy(() -> FileJournal.open(config))
                .isInstanceOf(JournalUnavailableException.class)
                .hasMessageContaining(config.directory().toAbsolutePath().toString())
                .hasMessageContaining("opening the journal");
    }

    @Test
    void alwaysForcesOncePerAppendAndNoneNever() throws Exception {
        try (FileJournal journal = open(config())) {
            int before = switches.forces.get();
            for (int i = 0; i < 10; i++) {
                journal.append(Fixtures.used(null, "A" + i));
            }
            assertThat(switches.forces.get() - before).isEqualTo(10);
        }
        FaultyChannel.Switches none = new FaultyChannel.Switches();
        try (FileJournal journal = FileJournal.open(JournalConfig.defaults(dir.resolve("none")).withFsync(FsyncPolicy.NONE),
                none, Clock.systemUTC())) {
            for (int i = 0; i < 10; i++) {
                journal.append(Fixtures.used(null, "N" + i));
            }
        }
        assertThat(none.forces.get()).isZero();
        assertThat(switches.writes.get()).isEqualTo(10);
    }

    @Test
    void batchGroupsForcesAndEveryAppendWaitsForTheForceThatCoversIt() throws Exception {
        JournalConfig batch = config().withFsync(FsyncPolicy.BATCH).withBatchInterval(java.time.Duration.ofMillis(200));
        int appends = 100;
        List<CompletableFuture<Integer>> forcesSeenAtCompletion = new ArrayList<>();
        try (FileJournal journal = open(batch)) {
            int before = switches.forces.get();
            journal.append(Fixtures.used(null, "first"));
            assertThat(switches.forces.get() - before).isEqualTo(1); // returned only after its force
            for (int i = 0; i < appends; i++) {
                forcesSeenAtCompletion.add(journal.appendAsync(Fixtures.used(null, "B" + i))
                        .thenApply(v -> switches.forces.get()));
            }
            CompletableFuture.allOf(forcesSeenAtCompletion.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);
            assertThat(forcesSeenAtCompletion).allSatisfy(f -> assertThat(f.join()).isGreaterThan(before + 1));
            assertThat(switches.forces.get() - before).isLessThan(appends);
        }
        assertThat(JournalFiles.replayAll(batch)).hasSize(appends + 1);
    }

    @Test
    void aSecondThreadAppendingWhileTheWriterIsInsideFailsLoudly() throws Exception {
        try (FileJournal journal = open(config())) {
            CountDownLatch release = new CountDownLatch(1);
            switches.holdWrites = release;
            CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> journal.appendAsync(Fixtures.used(null, "W")));
            assertThat(switches.writeHeld.await(5, TimeUnit.SECONDS)).isTrue();

            assertThatThrownBy(() -> journal.append(Fixtures.used(null, "intruder")))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("one writer");

            switches.holdWrites = null;
            release.countDown();
            writer.get(5, TimeUnit.SECONDS);
            journal.append(Fixtures.used(null, "after"));
        }
        assertThat(JournalFiles.replayAll(config())).containsExactly(Fixtures.used(null, "W"), Fixtures.used(null, "after"));
    }

    @Test
    void replayComesBeforeTheFirstAppendAndNothingAppendsAfterClose() throws Exception {
        FileJournal journal = open(config());
        journal.append(Fixtures.used(null, "A"));
        assertThatThrownBy(() -> journal.replay(r -> { }))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("before the first append");
        journal.close();
        journal.close();
        assertThatThrownBy(() -> journal.append(Fixtures.used(null, "B")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("closed");
    }
}

package io.fixbridge.gateway.journal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ch.qos.logback.classic.Level;
import io.fixbridge.gateway.journal.JournalRecord.ClOrdIdUsed;
import io.fixbridge.gateway.journal.JournalRecord.OrderAccepted;
import io.fixbridge.gateway.journal.JournalRecord.StateChanged;

/** Compaction keeps live orders and every ClOrdID, never touches the active segment, survives being cut short. */
class FileJournalCompactionTest {
    @TempDir
    Path dir;

    private JournalConfig config() {
        return JournalConfig.defaults(dir).withSegmentSize(JournalConfig.MIN_SEGMENT_SIZE);
    }

    /** Order O-live and order O-done, interleaved over several segments; O-done's cancel ClOrdID too. */
    private List<JournalRecord> history() {
        List<JournalRecord> h = new ArrayList<>();
        h.add(Fixtures.accepted("O-live", "L1"));
        h.add(Fixtures.accepted("O-done", "D1"));
        h.add(Fixtures.used("O-done", "D2-cancel"));
        for (int i = 0; i < 4; i++) {
            h.add(Fixtures.fill("O-live", "live" + i));
            h.add(Fixtures.fill("O-done", "done" + i));
        }
        h.add(Fixtures.used("O-live", "L2-replace"));
        return h;
    }

    @Test
    void keepsLiveOrdersAndTheClOrdIdsOfDoneOnesAndLeavesTheActiveSegmentAlone() throws Exception {
        List<JournalRecord> tail = List.of(Fixtures.used(null, "after-1"), Fixtures.used(null, "after-2"));
        CompactionResult result;
        Path active;
        byte[] activeBefore;
        try (FileJournal journal = FileJournal.open(config())) {
            for (JournalRecord r : history()) {
                journal.append(r);
            }
            for (JournalRecord r : tail) {
                journal.append(r);
            }
            List<Path> before = JournalFiles.segmentFiles(config().directory());
            assertThat(before.size()).isGreaterThan(3);
            active = before.get(before.size() - 1);
            activeBefore = Files.readAllBytes(active);

            result = journal.compact(Set.of("O-live"));

            assertThat(Files.readAllBytes(active)).isEqualTo(activeBefore);
            List<Path> after = JournalFiles.segmentFiles(config().directory());
            assertThat(after).containsExactly(before.get(before.size() - 2), active);
            assertThat(result.segmentsRewritten()).isEqualTo(before.size() - 1);
            assertThat(result.bytesAfter()).isLessThan(result.bytesBefore());
            journal.append(Fixtures.used(null, "after-3"));
        }

        List<JournalRecord> replayed = JournalFiles.replayAll(config());
        List<JournalRecord> expected = new ArrayList<>();
        for (JournalRecord r : history()) {
            if (r instanceof OrderAccepted a && a.orderId().equals("O-done")) {
                expected.add(new ClOrdIdUsed(a.session(), "D1", "O-done", a.at()));
            } else if (!(r instanceof StateChanged s && s.orderId().equals("O-done"))) {
                expected.add(r);
            }
        }
        // whatever of the tail was in closed segments was compacted in place; the order is unchanged
        expected.addAll(tail);
        expected.add(Fixtures.used(null, "after-3"));
        assertThat(replayed).containsExactlyElementsOf(expected);
        assertThat(result.recordsDropped()).isEqualTo(4);
    }

    @Test
    void forgetsClOrdIdsOfDoneOrdersUsedBeforeTheCutOffButNeverThoseOfLiveOnes() throws Exception {
        try (FileJournal journal = FileJournal.open(config())) {
            for (JournalRecord r : history()) {
                journal.append(r);
            }
            for (int i = 0; i < 8; i++) {
                journal.append(Fixtures.used(null, "pad" + i)); // pushes the history into closed segments
            }
            journal.compact(Set.of("O-live"), Fixtures.T0.plusSeconds(3600));
        }

        List<JournalRecord> replayed = JournalFiles.replayAll(config());
        assertThat(replayed).noneMatch(r -> r instanceof ClOrdIdUsed u && u.clOrdId().startsWith("D"));
        assertThat(replayed).noneMatch(r -> r instanceof StateChanged s && s.orderId().equals("O-done"));
        assertThat(replayed).contains(Fixtures.accepted("O-live", "L1"), Fixtures.used("O-live", "L2-replace"));
    }

    @Test
    void aCompactionCutShortAfterItsRenameNeverReplaysARecordTwice() throws Exception {
        Map<Path, byte[]> originals = new HashMap<>();
        try (FileJournal journal = FileJournal.open(config())) {
            for (JournalRecord r : history()) {
                journal.append(r);
            }
            for (Path p : JournalFiles.segmentFiles(config().directory())) {
                originals.put(p, Files.readAllBytes(p));
            }
            journal.compact(Set.of("O-live", "O-done"));
        }
        List<JournalRecord> compacted = JournalFiles.replayAll(config());
        assertThat(compacted).containsExactlyElementsOf(history());
        // as if the process died after the rename, before deleting the older segments
        List<Path> remaining = JournalFiles.segmentFiles(config().directory());
        for (Map.Entry<Path, byte[]> e : originals.entrySet()) {
            if (!remaining.contains(e.getKey())) {
                Files.write(e.getKey(), e.getValue());
            }
        }
        // and a temp file of a later compaction that did not finish
        Files.writeString(config().directory().resolve("journal-000002.log.compacting.tmp"), "partial");

        try (JournalFiles.Log log = new JournalFiles.Log()) {
            assertThat(JournalFiles.replayAll(config())).containsExactlyElementsOf(history());
            assertThat(log.lines(Level.WARN)).anySatisfy(l -> assertThat(l).contains("a compaction was cut short"));
        }
        assertThat(JournalFiles.segmentFiles(config().directory())).isEqualTo(remaining);
        assertThat(config().directory().resolve("journal-000002.log.compacting.tmp")).doesNotExist();
    }

    @Test
    void withOnlyTheActiveSegmentThereIsNothingToCompact() throws Exception {
        try (FileJournal journal = FileJournal.open(JournalConfig.defaults(dir))) {
            journal.append(Fixtures.accepted("O-1", "C1"));
            assertThat(journal.compact(Set.of())).isEqualTo(new CompactionResult(0, 0, 0, 0, 0));
        }
        assertThat(JournalFiles.replayAll(JournalConfig.defaults(dir))).containsExactly(Fixtures.accepted("O-1", "C1"));
    }
}

package io.fixbridge.gateway.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ch.qos.logback.classic.Level;

/** Segments: rolling and replay order, a torn last line, damage in the middle. */
class FileJournalSegmentsTest {
    @TempDir
    Path dir;

    private JournalConfig small() {
        return JournalConfig.defaults(dir).withSegmentSize(JournalConfig.MIN_SEGMENT_SIZE);
    }

    @Test
    void rollsAtTheSegmentSizeAndReplaysEverySegmentInOrder() throws Exception {
        List<JournalRecord> records = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            records.add(i % 7 == 0 ? Fixtures.fill("O-" + i, "t" + i) : Fixtures.used("O-" + i, "C" + i));
        }
        try (FileJournal journal = FileJournal.open(small())) {
            for (JournalRecord r : records) {
                journal.append(r);
            }
        }

        List<Path> segments = JournalFiles.segmentFiles(small().directory());
        assertThat(segments.size()).isGreaterThan(5);
        for (int i = 0; i < segments.size(); i++) {
            assertThat(segments.get(i).getFileName()).hasToString(String.format("journal-%06d.log", i + 1));
            assertThat(Files.size(segments.get(i))).isLessThanOrEqualTo(JournalConfig.MIN_SEGMENT_SIZE);
        }
        assertThat(JournalFiles.replayAll(small())).containsExactlyElementsOf(records);
    }

    @Test
    void aTornLastLineIsDroppedWithAWarnAndLaterAppendsContinueCleanly() throws Exception {
        JournalConfig config = JournalConfig.defaults(dir);
        List<JournalRecord> good = List.of(Fixtures.accepted("O-1", "C1"), Fixtures.used("O-1", "C2"),
                Fixtures.fill("O-1", "t1"));
        try (FileJournal journal = FileJournal.open(config)) {
            for (JournalRecord r : good) {
                journal.append(r);
            }
        }
        Path segment = JournalFiles.segmentFiles(config.directory()).get(0);
        long intactSize = Files.size(segment);
        byte[] fourth = JournalCodec.encode(Fixtures.fill("O-1", "t2"));
        // the crash came halfway through writing the fourth line
        Files.write(segment, java.util.Arrays.copyOf(fourth, fourth.length / 2), StandardOpenOption.APPEND);

        List<JournalRecord> replayed = new ArrayList<>();
        JournalRecord later = Fixtures.fill("O-1", "t3");
        try (JournalFiles.Log log = new JournalFiles.Log(); FileJournal journal = FileJournal.open(config)) {
            journal.replay(replayed::add);
            assertThat(log.lines(Level.WARN)).anySatisfy(l -> assertThat(l).contains("torn last line", segment.toString()));
            journal.append(later);
        }

        assertThat(replayed).containsExactlyElementsOf(good);
        assertThat(Files.size(segment)).isEqualTo(intactSize + JournalCodec.encode(later).length);
        List<JournalRecord> after = new ArrayList<>(good);
        after.add(later);
        assertThat(JournalFiles.replayAll(config)).containsExactlyElementsOf(after);
    }

    @Test
    void aWholeLastLineWithABadCrcIsTornTooButNeverMisread() throws Exception {
        JournalConfig config = JournalConfig.defaults(dir);
        try (FileJournal journal = FileJournal.open(config)) {
            journal.append(Fixtures.accepted("O-1", "C1"));
            journal.append(Fixtures.used("O-1", "C2"));
        }
        Path segment = JournalFiles.segmentFiles(config.directory()).get(0);
        flipLastDigitOfLine(segment, 2);

        try (JournalFiles.Log log = new JournalFiles.Log()) {
            assertThat(JournalFiles.replayAll(config)).containsExactly(Fixtures.accepted("O-1", "C1"));
            assertThat(log.lines(Level.WARN)).anySatisfy(l -> assertThat(l).contains("torn last line"));
        }
    }

    @Test
    void aCrcMismatchInTheMiddleOfASegmentFailsLoudly() throws Exception {
        JournalConfig config = JournalConfig.defaults(dir);
        try (FileJournal journal = FileJournal.open(config)) {
            journal.append(Fixtures.accepted("O-1", "C1"));
            journal.append(Fixtures.fill("O-1", "t1"));
            journal.append(Fixtures.used("O-1", "C2"));
        }
        Path segment = JournalFiles.segmentFiles(config.directory()).get(0);
        flipLastDigitOfLine(segment, 2);

        try (FileJournal journal = FileJournal.open(config)) {
            List<JournalRecord> seen = new ArrayList<>();
            assertThatThrownBy(() -> journal.replay(seen::add))
                    .isInstanceOf(JournalCorruptedException.class)
                    .hasMessageContaining(segment.toString())
                    .hasMessageContaining("line 2")
                    .hasMessageContaining("CRC does not match");
            assertThat(seen).containsExactly(Fixtures.accepted("O-1", "C1"));
        }
        // and opening did not "repair" it by cutting the file
        assertThat(Files.readAllLines(segment)).hasSize(3);
    }

    @Test
    void aDamagedLastLineOfAClosedSegmentFailsLoudly() throws Exception {
        try (FileJournal journal = FileJournal.open(small())) {
            for (int i = 0; i < 12; i++) {
                journal.append(Fixtures.used("O-" + i, "C" + i));
            }
        }
        List<Path> segments = JournalFiles.segmentFiles(small().directory());
        assertThat(segments.size()).isGreaterThan(1);
        Path first = segments.get(0);
        flipLastDigitOfLine(first, Files.readAllLines(first).size());

        assertThatThrownBy(() -> JournalFiles.replayAll(small()))
                .isInstanceOf(JournalCorruptedException.class)
                .hasMessageContaining(first.toString());
    }

    /** Changes one digit inside line {@code lineNumber}'s JSON, leaving its CRC as it was. */
    static void flipLastDigitOfLine(Path file, int lineNumber) throws Exception {
        List<String> lines = new ArrayList<>(Files.readAllLines(file, StandardCharsets.UTF_8));
        String line = lines.get(lineNumber - 1);
        int i = line.length() - 1;
        while (!Character.isDigit(line.charAt(i)) || i < JournalCodec.PREFIX) {
            i--;
        }
        char flipped = line.charAt(i) == '9' ? '8' : (char) (line.charAt(i) + 1);
        lines.set(lineNumber - 1, line.substring(0, i) + flipped + line.substring(i + 1));
        Files.write(file, (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8));
    }
}

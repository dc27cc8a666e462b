package io.fixbridge.gateway.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.fixbridge.gateway.journal.JournalRecord.OrderAccepted;
import io.fixbridge.gateway.journal.JournalRecord.StateChanged;

/** Every record kind written and read back exactly; the line format; versions and values it refuses. */
class JournalRoundTripTest {
    @TempDir
    Path dir;

    private JournalConfig config() {
        return JournalConfig.defaults(dir);
    }

    @Test
    void everyRecordKindSurvivesWriteAndReplayExactly() throws Exception {
        List<JournalRecord> records = Fixtures.everyKind();
        try (FileJournal journal = FileJournal.open(config())) {
            for (JournalRecord r : records) {
                journal.append(r);
            }
        }

        List<JournalRecord> replayed = JournalFiles.replayAll(config());

        assertThat(replayed).containsExactlyElementsOf(records);
        OrderAccepted first = (OrderAccepted) replayed.get(0);
        // equals on BigDecimal includes the scale: 1E+3 is not 1000, 3100.500 is not 3100.5
        assertThat(first.terms().quantity().toString()).isEqualTo("1E+3");
        assertThat(first.terms().price().toString()).isEqualTo("3100.500");
        assertThat(first.terms().stopPrice()).isEqualTo(new BigDecimal("0.00000001"));
        StateChanged fill = (StateChanged) replayed.get(replayed.size() - 1);
        assertThat(fill.execution().fill().commission().toPlainString()).isEqualTo("-0.0000000120");
        assertThat(fill.at()).isEqualTo(Fixtures.T0.plusMillis(5));
    }

    @Test
    void eachLineIsACrcThenSelfDescribingVersionedJsonWithDecimalsAsStrings() throws Exception {
        try (FileJournal journal = FileJournal.open(config())) {
            journal.append(Fixtures.everyKind().get(0));
            journal.append(Fixtures.fill("O-9", "t-1"));
        }
        List<String> lines = Files.readAllLines(JournalFiles.segmentFiles(config().directory()).get(0));

        assertThat(lines).hasSize(2);
        assertThat(lines).allSatisfy(l -> assertThat(l).matches("[0-9a-f]{8} \\{\"v\":1,\"type\":\"\\w+\",.*\\}"));
        assertThat(lines.get(0)).contains("\"type\":\"OrderAccepted\"", "\"quantity\":\"1E+3\"", "\"price\":\"3100.500\"",
                "\"clientOrderId\":\"0123456789abcdef0123456789abcdef\"");
        assertThat(lines.get(1)).contains("\"type\":\"StateChanged\"", "\"kind\":\"TRADE\"", "\"tradeId\":\"t-1\"",
                "\"lastPx\":\"64250.10\"", "\"liquidity\":\"MAKER\"");
        // the view's terms equal the order's: written once
        assertThat(lines.get(1).split("\"symbol\"", -1)).hasSize(2);
    }

    @Test
    void aRecordFromANewerVersionIsRefusedNotMisread() throws Exception {
        writeLines(JournalFiles.line("{\"v\":2,\"type\":\"ClOrdIdUsed\",\"at\":\"2026-11-21T12:00:00Z\","
                + "\"session\":\"S\",\"clOrdId\":\"C\",\"newField\":1}"), JournalFiles.line(validUsed("C2")));

        assertThatThrownBy(() -> JournalFiles.replayAll(config()))
                .isInstanceOf(JournalCorruptedException.class)
                .hasMessageContaining("journal-000001.log: line 1")
                .hasMessageContaining("format version 2");
    }

    @Test
    void anUnknownEnumValueOrTypeFailsLoudly() throws Exception {
        String terms = "{\"account\":\"a\",\"clientOrderId\":\"x\",\"symbol\":\"BTC/USDT\",\"side\":\"BUYISH\","
                + "\"type\":\"LIMIT\",\"timeInForce\":\"GTC\",\"quantity\":\"1\",\"price\":\"2\",\"postOnly\":false,"
                + "\"reduceOnly\":false}";
        writeLines(JournalFiles.line("{\"v\":1,\"type\":\"OrderAccepted\",\"at\":\"2026-11-21T12:00:00Z\",\"orderId\":\"O\","
                + "\"session\":\"S\",\"clOrdId\":\"C\",\"venue\":\"bybit\",\"terms\":" + terms + "}"),
                JournalFiles.line(validUsed("C2")));

        assertThatThrownBy(() -> JournalFiles.replayAll(config()))
                .isInstanceOf(JournalCorruptedException.class)
                .hasMessageContaining("line 1")
                .hasMessageContaining("BUYISH");

        Files.delete(JournalFiles.segmentFiles(config().directory()).get(0));
        writeLines(JournalFiles.line("{\"v\":1,\"type\":\"Mystery\",\"at\":\"2026-11-21T12:00:00Z\"}"));
        assertThatThrownBy(() -> JournalFiles.replayAll(config()))
                .isInstanceOf(JournalCorruptedException.class)
                .hasMessageContaining("unknown record type 'Mystery'");
    }

    private static String validUsed(String clOrdId) {
        return "{\"v\":1,\"type\":\"ClOrdIdUsed\",\"at\":\"2026-11-21T12:00:00Z\",\"session\":\"S\",\"clOrdId\":\""
                + clOrdId + "\"}";
    }

    private void writeLines(String... lines) throws Exception {
        Path journalDir = config().directory();
        Files.createDirectories(journalDir);
        Files.writeString(journalDir.resolve("journal-000001.log"), String.join("", lines), StandardCharsets.UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }
}

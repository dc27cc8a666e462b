package io.fixbridge.gateway.fix;

import static io.fixbridge.testkit.fix.RawFixClient.get;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.fixbridge.testkit.fix.RawFixClient;

/**
 * A FIX client with no FIX engine under it (framing, checksums and sequence numbers written from
 * the specification in {@link RawFixClient}) logs on, trades, is refused for malformed messages
 * at the session level, and logs out: the gateway speaks plain FIX 4.4, not just QuickFIX/J.
 */
class IndependentEngineTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final DateTimeFormatter TS = DateTimeFormatter.ofPattern("yyyyMMdd-HH:mm:ss.SSS");

    @TempDir
    Path dir;

    @Test
    void logsOnTradesIsRefusedForMalformedMessagesAndLogsOut() throws Exception {
        try (TestGateway gateway = new TestGateway(dir).start();
             RawFixClient fix = new RawFixClient("127.0.0.1", gateway.port, "OMS1", "FIXBRIDGE")) {
            fix.send("A", List.of(Map.entry(98, "0"), Map.entry(108, "30"), Map.entry(141, "Y")));
            List<Map.Entry<Integer, String>> logon = fix.receive("A", WAIT);
            assertThat(get(logon, 49)).isEqualTo("FIXBRIDGE");
            assertThat(get(logon, 56)).isEqualTo("OMS1");
            assertThat(get(logon, 108)).isEqualTo("30");

            fix.send("D", List.of(Map.entry(11, "RAW-1"), Map.entry(55, "BTC/USDT"), Map.entry(54, "2"),
                    Map.entry(60, now()), Map.entry(38, "0.3"), Map.entry(40, "2"), Map.entry(44, "59000"),
                    Map.entry(59, "1")));
            List<Map.Entry<Integer, String>> pendingNew = fix.receive("8", WAIT);
            assertThat(get(pendingNew, 150)).isEqualTo("A");
            assertThat(get(pendingNew, 11)).isEqualTo("RAW-1");
            // a sell at 59000 crosses the bids below 60000: acknowledged and filled
            List<Map.Entry<Integer, String>> acked = fix.receive("8", WAIT);
            assertThat(get(acked, 150)).isEqualTo("0");
            List<Map.Entry<Integer, String>> trade = fix.receive("8", WAIT);
            assertThat(get(trade, 150)).isEqualTo("F");
            assertThat(get(trade, 54)).isEqualTo("2");

            // Side(54) missing: refused by the session layer, naming the tag, without closing the session
            fix.send("D", List.of(Map.entry(11, "RAW-2"), Map.entry(55, "BTC/USDT"), Map.entry(60, now()),
                    Map.entry(38, "0.3"), Map.entry(40, "2"), Map.entry(44, "59000")));
            List<Map.Entry<Integer, String>> reject = fix.receive("3", WAIT);
            assertThat(get(reject, 371)).isEqualTo("54");
            assertThat(get(reject, 373)).isEqualTo("1");
            assertThat(get(reject, 58)).isNotBlank();

            // OrderQty(38) not a number: refused by the session layer as an incorrect data format
            fix.send("D", List.of(Map.entry(11, "RAW-3"), Map.entry(55, "BTC/USDT"), Map.entry(54, "1"),
                    Map.entry(60, now()), Map.entry(38, "lots"), Map.entry(40, "2"), Map.entry(44, "59000")));
            List<Map.Entry<Integer, String>> badFormat = fix.receive("3", WAIT);
            assertThat(get(badFormat, 371)).isEqualTo("38");
            assertThat(get(badFormat, 373)).isEqualTo("6");

            // the session still trades
            fix.send("H", List.of(Map.entry(11, "RAW-1"), Map.entry(55, "BTC/USDT"), Map.entry(54, "2")));
            List<Map.Entry<Integer, String>> status = fix.receive("8", WAIT);
            assertThat(get(status, 150)).isEqualTo("I");

            fix.send("5", List.of());
            List<Map.Entry<Integer, String>> logout = fix.receive("5", WAIT);
            assertThat(get(logout, 35)).isEqualTo("5");
        }
    }

    private static String now() {
        return TS.format(LocalDateTime.now(ZoneOffset.UTC));
    }
}

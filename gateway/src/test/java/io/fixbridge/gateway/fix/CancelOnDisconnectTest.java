package io.fixbridge.gateway.fix;

import static io.fixbridge.gateway.fix.Orders.f;
import static io.fixbridge.gateway.fix.Orders.limit;
import static io.fixbridge.gateway.fix.Orders.report;
import static io.fixbridge.testkit.fix.RawFixClient.get;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.fixbridge.testkit.fix.FixTestClient;
import io.fixbridge.testkit.fix.RawFixClient;
import io.fixbridge.testkit.wait.Ports;
import quickfix.Message;

/**
 * Cancel on disconnect, per session in gateway.yaml: when a session that asked for it logs out,
 * or its connection drops without a logout, its open orders are canceled at the venue; the
 * cancels reach the OMS by resend when it logs on again. A session without it keeps its orders.
 */
class CancelOnDisconnectTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final DateTimeFormatter TS = DateTimeFormatter.ofPattern("yyyyMMdd-HH:mm:ss.SSS");

    @TempDir
    Path dir;

    private static String yaml(boolean cancelOnDisconnect) {
        return TestGateway.PAPER.replace("{ senderCompId: OMS1, role: order-entry, venue: paper, account: main }",
                "{ senderCompId: OMS1, role: order-entry, venue: paper, account: main, cancelOnDisconnect: "
                        + cancelOnDisconnect + " }");
    }

    @Test
    void aLogoutCancelsTheSessionsOpenOrdersAndTheReportsArriveAtTheNextLogon() throws Exception {
        Path store = dir.resolve("client-store");
        try (TestGateway gateway = new TestGateway(dir, Ports.freePort(), yaml(true)).start()) {
            try (FixTestClient first = gateway.client(store)) {
                first.send(limit("COD-1", "BTC/USDT", '1', "0.01", "50000"));
                first.send(limit("COD-2", "ETH/USDT", '2', "1", "9000"));
                first.awaitAll(WAIT, report("COD-1", '0'), report("COD-2", '0'));
                first.logout(WAIT);
            }
            try (FixTestClient second = gateway.client(store)) {
                List<Message> canceled = second.awaitAll(WAIT, report("COD-1", '4'), report("COD-2", '4'));
                assertThat(canceled).allSatisfy(m -> {
                    assertThat(f(m, 39)).isEqualTo("4");
                    assertThat(f(m, 58)).startsWith("canceled on disconnect");
                    assertThat(f(m, 151)).isEqualTo("0");
                });
                second.send(Orders.status("COD-1", "BTC/USDT", '1'));
                Message status = second.awaitMessage(statusOf("COD-1"), WAIT);
                assertThat(f(status, 39)).isEqualTo("4");
            }
        }
    }

    @Test
    void aDroppedConnectionCancelsToo() throws Exception {
        try (TestGateway gateway = new TestGateway(dir, Ports.freePort(), yaml(true)).start()) {
            try (RawFixClient fix = new RawFixClient("127.0.0.1", gateway.port, "OMS1", "FIXBRIDGE")) {
                fix.send("A", List.of(Map.entry(98, "0"), Map.entry(108, "30"), Map.entry(141, "Y")));
                fix.receive("A", WAIT);
                fix.send("D", List.of(Map.entry(11, "DROP-1"), Map.entry(55, "BTC/USDT"), Map.entry(54, "1"),
                        Map.entry(60, LocalDateTime.now(ZoneOffset.UTC).format(TS)), Map.entry(38, "0.01"),
                        Map.entry(40, "2"), Map.entry(44, "50000"), Map.entry(59, "1")));
                List<Map.Entry<Integer, String>> acked;
                do {
                    acked = fix.receive("8", WAIT);
                } while (!"0".equals(get(acked, 150)));
            } // the socket closes with no Logout
            try (FixTestClient client = FixTestClient.builder().port(gateway.port).storeDirectory(dir.resolve("s2"))
                    .resetOnLogon(true).build().logon(WAIT)) {
                org.awaitility.Awaitility.await().atMost(WAIT).untilAsserted(() -> {
                    client.send(Orders.status("DROP-1", "BTC/USDT", '1'));
                    Message status = client.awaitMessage(statusOf("DROP-1"), Duration.ofSeconds(2));
                    assertThat(f(status, 39)).isEqualTo("4");
                });
            }
        }
    }

    @Test
    void withoutItTheOrdersStayOpen() throws Exception {
        Path store = dir.resolve("client-store");
        try (TestGateway gateway = new TestGateway(dir, Ports.freePort(), yaml(false)).start()) {
            try (FixTestClient first = gateway.client(store)) {
                first.send(limit("KEEP-1", "BTC/USDT", '1', "0.01", "50000"));
                first.awaitMessage(report("KEEP-1", '0'), WAIT);
                first.logout(WAIT);
            }
            try (FixTestClient second = gateway.client(store)) {
                second.send(Orders.status("KEEP-1", "BTC/USDT", '1'));
                Message status = second.awaitMessage(statusOf("KEEP-1"), WAIT);
                assertThat(f(status, 39)).isEqualTo("0");
            }
        }
    }

    private static Predicate<Message> statusOf(String clOrdId) {
        return m -> "8".equals(f(m, 35)) && "I".equals(f(m, 150)) && clOrdId.equals(f(m, 11));
    }
}

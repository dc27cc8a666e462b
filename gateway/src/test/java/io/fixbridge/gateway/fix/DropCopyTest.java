package io.fixbridge.gateway.fix;

import static io.fixbridge.gateway.fix.Orders.cancel;
import static io.fixbridge.gateway.fix.Orders.f;
import static io.fixbridge.gateway.fix.Orders.limit;
import static io.fixbridge.gateway.fix.Orders.report;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.fixbridge.testkit.fix.FixTestClient;
import io.fixbridge.testkit.wait.Ports;
import quickfix.Message;

/**
 * Drop copy over real FIX sessions: two order-entry sessions trade, a drop copy of both and a drop
 * copy of one receive exactly the ExecutionReports and OrderCancelRejects of their scope, each
 * naming its originating session, also what they missed while logged out; they cannot send orders.
 */
class DropCopyTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String SESSIONS = """
            sessions:
              - { senderCompId: OMS1, role: order-entry, venue: paper, account: main }
              - { senderCompId: OMS2, role: order-entry, venue: paper, account: main }
              - { senderCompId: DC1, role: dropcopy }
              - { senderCompId: DC2, role: dropcopy, scope: [OMS2] }
            """;

    @TempDir
    Path dir;

    @Test
    void dropCopiesReceiveTheReportsOfTheirScopeAlsoAfterAReconnect() throws Exception {
        try (TestGateway gateway = new TestGateway(dir, Ports.freePort(), TestGateway.PAPER_VENUE + SESSIONS,
                List.of("OMS1", "OMS2", "DC1", "DC2"), "").start();
             FixTestClient oms1 = gateway.client("OMS1", dir.resolve("oms1"));
             FixTestClient oms2 = gateway.client("OMS2", dir.resolve("oms2"));
             FixTestClient dc2 = gateway.client("DC2", dir.resolve("dc2"))) {
            FixTestClient dc1 = gateway.client("DC1", dir.resolve("dc1"));

            // OMS1: a resting order, then its cancel; OMS2: a fill, and a cancel of an unknown order
            oms1.send(limit("A1", "BTC/USDT", '1', "0.01", "59000"));
            oms1.awaitMessage(report("A1", '0'), WAIT);
            oms2.send(limit("B1", "BTC/USDT", '1', "0.01", "61000"));
            oms2.awaitMessage(report("B1", 'F'), WAIT);
            oms1.send(cancel("A2", "A1", "BTC/USDT", '1'));
            oms1.awaitMessage(report("A2", '4'), WAIT);
            oms2.send(cancel("B2", "NO-SUCH", "BTC/USDT", '1'));
            oms2.awaitMessage(FixTestClient.isType("9"), WAIT);

            awaitCopies(dc1, union(oms1, oms2));
            awaitCopies(dc2, reports(oms2));
            assertThat(copies(dc1)).as("DC1 gets OMS1's reports too").anyMatch(k -> k.startsWith("OMS1|"));
            assertThat(copies(dc2)).as("DC2's scope is OMS2 only").allMatch(k -> k.startsWith("OMS2|"));
            Message fill = dc1.received().stream().filter(m -> "8".equals(FixTestClient.field(m, 35))
                    && "B1".equals(f(m, 11)) && "2".equals(f(m, 39))).findFirst().orElseThrow();
            assertThat(f(fill, 797)).as("CopyMsgIndicator").isEqualTo("Y");
            assertThat(FixTestClient.field(fill, 128)).as("DeliverToCompID names the originating session").isEqualTo("OMS2");

            // DC1 goes away; both sessions trade on; DC1 comes back and is resent what it missed
            List<Message> beforeLogout = dc1.received();
            dc1.logout(WAIT);
            dc1.close();
            oms1.send(limit("A3", "BTC/USDT", '2', "0.02", "61000"));
            oms1.awaitMessage(report("A3", '0'), WAIT);
            oms2.send(limit("B3", "ETH/USDT", '1', "0.5", "3100"));
            oms2.awaitMessage(report("B3", 'F'), WAIT);
            try (FixTestClient back = gateway.client("DC1", dir.resolve("dc1"))) {
                await().atMost(WAIT).untilAsserted(() -> {
                    List<Message> both = new ArrayList<>(beforeLogout);
                    both.addAll(back.received());
                    assertThat(keys(both, m -> FixTestClient.field(m, 128))).isEqualTo(union(oms1, oms2));
                });
                assertThat(back.received()).as("what it missed came by resend").anyMatch(m -> "Y".equals(FixTestClient.field(m, 43)));
            }
        }
    }

    @Test
    void anOrderFromADropCopySessionGetsABusinessMessageRejectAndReachesNoVenue() throws Exception {
        try (TestGateway gateway = new TestGateway(dir, Ports.freePort(), TestGateway.PAPER_VENUE + SESSIONS,
                List.of("OMS1", "OMS2", "DC1", "DC2"), "").start();
             FixTestClient dc1 = gateway.client("DC1", dir.resolve("dc1"));
             FixTestClient oms1 = gateway.client("OMS1", dir.resolve("oms1"))) {
            dc1.send(limit("X1", "BTC/USDT", '1', "0.01", "59000"));
            Message reject = dc1.awaitMessage(FixTestClient.isType("j"), WAIT);
            assertThat(f(reject, 380)).as("BusinessRejectReason: not authorized").isEqualTo("6");
            assertThat(f(reject, 58)).contains("drop-copy session").contains("MsgType(35)=D");
            assertThat(f(reject, 372)).isEqualTo("D");
            // the order went nowhere: OMS1's next order is the only one its drop copy sees
            oms1.send(limit("A1", "BTC/USDT", '1', "0.01", "59000"));
            oms1.awaitMessage(report("A1", '0'), WAIT);
            await().atMost(WAIT).untilAsserted(() -> assertThat(copies(dc1)).hasSize(2));
            assertThat(copies(dc1)).noneMatch(k -> k.contains("|X1|"));
        }
    }

    private static void awaitCopies(FixTestClient dropCopy, Set<String> expected) {
        await().atMost(WAIT).untilAsserted(() -> assertThat(copies(dropCopy)).isEqualTo(expected));
    }

    private static Set<String> union(FixTestClient a, FixTestClient b) {
        Set<String> all = new TreeSet<>(reports(a));
        all.addAll(reports(b));
        return all;
    }

    /** The ExecutionReports and OrderCancelRejects an order-entry session received, keyed with its CompID. */
    private static Set<String> reports(FixTestClient oms) {
        String compId = oms.sessionId().getSenderCompID();
        return keys(oms.received(), m -> compId);
    }

    /** The copies a drop copy received, keyed with the session each names in DeliverToCompID(128). */
    private static Set<String> copies(FixTestClient dropCopy) {
        return keys(dropCopy.received(), m -> FixTestClient.field(m, 128));
    }

    private static Set<String> keys(List<Message> messages, java.util.function.Function<Message, String> origin) {
        List<String> keys = new ArrayList<>();
        for (Message m : messages) {
            String type = FixTestClient.field(m, 35);
            if ("8".equals(type) || "9".equals(type)) {
                keys.add(origin.apply(m) + "|" + f(m, 11) + "|" + type + "|" + f(m, 17) + "|" + f(m, 39) + "|" + f(m, 14)
                        + "|" + f(m, 58));
            }
        }
        Set<String> unique = keys.stream().collect(Collectors.toCollection(TreeSet::new));
        assertThat(unique).as("no report received twice").hasSize(keys.size());
        return unique;
    }
}

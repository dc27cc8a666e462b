package io.fixbridge.gateway.fix;

import static io.fixbridge.gateway.fix.Orders.f;
import static io.fixbridge.gateway.fix.Orders.limit;
import static io.fixbridge.gateway.fix.Orders.report;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.fixbridge.testkit.fix.FixTestClient;
import quickfix.Message;

/**
 * Logout and reconnect keep sequence numbers on both sides (persistent stores, no reset), and
 * the order book of the session survives the reconnect; a gateway restart keeps them too.
 */
class SessionContinuityTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    @Test
    void sequenceNumbersAndOrdersSurviveLogoutAndReconnect() throws Exception {
        Path store = dir.resolve("client-store");
        try (TestGateway gateway = new TestGateway(dir).start()) {
            int sentBefore;
            int receivedBefore;
            try (FixTestClient first = gateway.client(store)) {
                first.send(limit("K1", "BTC/USDT", '1', "0.01", "50000"));
                first.awaitMessage(report("K1", 'A'), WAIT);
                first.awaitMessage(report("K1", '0'), WAIT);
                first.logout(WAIT);
                sentBefore = first.nextSenderSeqNum();
                receivedBefore = first.nextTargetSeqNum();
            }
            assertThat(sentBefore).isGreaterThan(2);
            assertThat(receivedBefore).isGreaterThan(3);

            try (FixTestClient second = gateway.client(store)) {
                // logon consumed exactly one number each way: nothing was reset, nothing resent
                assertThat(second.nextSenderSeqNum()).isEqualTo(sentBefore + 1);
                assertThat(second.nextTargetSeqNum()).isEqualTo(receivedBefore + 1);
                assertThat(second.received()).noneMatch(m -> "4".equals(f(m, 35)));
                second.send(Orders.status("K1", "BTC/USDT", '1'));
                Message status = second.awaitMessage(report("K1", 'I'), WAIT);
                assertThat(f(status, 39)).isEqualTo("0");
                // the ClOrdID is still taken
                second.send(limit("K1", "BTC/USDT", '1', "0.01", "50000"));
                assertThat(f(second.awaitMessage(report("K1", '8'), WAIT), 103)).isEqualTo("6");
                second.logout(WAIT);
            }
        }
    }

    @Test
    void sequenceNumbersSurviveAGatewayRestart() throws Exception {
        Path store = dir.resolve("client-store");
        int sentBefore;
        try (TestGateway gateway = new TestGateway(dir).start(); FixTestClient client = gateway.client(store)) {
            client.send(limit("R1", "BTC/USDT", '1', "0.01", "50000"));
            client.awaitMessage(report("R1", '0'), WAIT);
            client.logout(WAIT);
            sentBefore = client.nextSenderSeqNum();
        }
        try (TestGateway restarted = new TestGateway(dir, portOf(dir)).start(); FixTestClient client = restarted.client(store)) {
            assertThat(client.nextSenderSeqNum()).isEqualTo(sentBefore + 1);
            assertThat(client.received()).noneMatch(m -> "5".equals(f(m, 35)) && f(m, 58) != null
                    && f(m, 58).contains("MsgSeqNum too low"));
        }
    }

    private static int portOf(Path dir) throws java.io.IOException {
        String cfg = java.nio.file.Files.readString(dir.resolve("sessions.cfg"));
        return Integer.parseInt(cfg.replaceAll("(?s).*SocketAcceptPort=(\\d+).*", "$1"));
    }
}

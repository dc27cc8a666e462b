package io.fixbridge.gateway.fix;

import static io.fixbridge.gateway.fix.Orders.f;
import static io.fixbridge.gateway.fix.Orders.limit;
import static io.fixbridge.gateway.fix.Orders.report;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import io.fixbridge.testkit.fix.FixTestClient;
import quickfix.Message;

/**
 * OrderMassStatusRequest (35=AF) over a real FIX session on the paper venue: the session's open
 * orders, each as a status report carrying MassStatusReqID, TotNumReports and LastRptRequested;
 * filled and canceled orders are left out; a filter that matches nothing and an unsupported
 * request type each get one report that says so.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MassStatusEndToEndTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    private TestGateway gateway;
    private FixTestClient client;

    @BeforeAll
    void start(@TempDir Path dir) throws Exception {
        gateway = new TestGateway(dir).start();
        client = gateway.client(dir.resolve("client-store"));
        client.send(limit("M-BTC", "BTC/USDT", '1', "0.01", "50000"));
        await(report("M-BTC", '0'));
        client.send(limit("M-ETH", "ETH/USDT", '2', "1", "9000"));
        await(report("M-ETH", '0'));
        client.send(limit("M-FILLED", "BTC/USDT", '1', "0.1", "60500"));
        await(m -> report("M-FILLED", 'F').test(m) && "2".equals(f(m, 39)));
        client.send(limit("M-CANCELED", "BTC/USDT", '1', "0.01", "49000"));
        await(report("M-CANCELED", '0'));
        client.send(Orders.cancel("M-CXL", "M-CANCELED", "BTC/USDT", '1'));
        await(report("M-CXL", '4'));
    }

    @AfterAll
    void stop() {
        if (client != null) {
            client.close();
        }
        if (gateway != null) {
            gateway.close();
        }
    }

    @Test
    void allOpenOrdersOfTheSessionComeBackAsStatusReports() throws Exception {
        client.send(massStatus("ALL-1", 7, null));
        List<Message> reports = client.awaitAll(WAIT, forRequest("ALL-1", "M-BTC"), forRequest("ALL-1", "M-ETH"));
        assertThat(reports).allSatisfy(m -> {
            assertThat(f(m, 150)).isEqualTo("I");
            assertThat(f(m, 39)).isEqualTo("0");
            assertThat(f(m, 911)).isEqualTo("2");
        });
        assertThat(reports).extracting(m -> f(m, 912)).containsExactlyInAnyOrder("N", "Y");
        client.assertNoMessage(m -> "ALL-1".equals(f(m, 584)), Duration.ofMillis(300));
    }

    @Test
    void aSymbolNarrowsTheAnswer() throws Exception {
        Message request = massStatus("SYM-1", 1, "ETH/USDT");
        client.send(request);
        Message only = await(forRequest("SYM-1", "M-ETH"));
        assertThat(f(only, 911)).isEqualTo("1");
        assertThat(f(only, 912)).isEqualTo("Y");
        assertThat(f(only, 54)).isEqualTo("2");
    }

    @Test
    void noMatchingOrderIsOneReportThatSaysSo() throws Exception {
        Message request = massStatus("NONE-1", 7, null);
        request.setString(1, "no-such-account");
        client.send(request);
        Message none = await(forRequest("NONE-1", "NONE"));
        assertThat(f(none, 911)).isEqualTo("0");
        assertThat(f(none, 912)).isEqualTo("Y");
        assertThat(f(none, 58)).isEqualTo("no open order matches");
    }

    @Test
    void anUnsupportedRequestTypeIsAnsweredWithTheTypesThatAreTaken() throws Exception {
        client.send(massStatus("PTY-1", 8, null));
        Message refused = await(forRequest("PTY-1", "NONE"));
        assertThat(f(refused, 911)).isEqualTo("0");
        assertThat(f(refused, 58)).contains("MassStatusReqType(585)=8 is not supported", "use 7");
    }

    private static Message massStatus(String id, int type, String symbol) {
        Message m = new quickfix.fix44.OrderMassStatusRequest();
        m.setString(584, id);
        m.setInt(585, type);
        if (symbol != null) {
            m.setString(55, symbol);
        }
        return m;
    }

    private static Predicate<Message> forRequest(String massStatusReqId, String clOrdId) {
        return m -> "8".equals(f(m, 35)) && massStatusReqId.equals(f(m, 584)) && clOrdId.equals(f(m, 11));
    }

    private Message await(Predicate<Message> matcher) throws InterruptedException {
        return client.awaitMessage(matcher, WAIT);
    }
}

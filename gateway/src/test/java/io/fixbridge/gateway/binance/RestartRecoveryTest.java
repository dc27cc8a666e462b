package io.fixbridge.gateway.binance;

import static io.fixbridge.gateway.fix.Orders.cancel;
import static io.fixbridge.gateway.fix.Orders.cancelReject;
import static io.fixbridge.gateway.fix.Orders.f;
import static io.fixbridge.gateway.fix.Orders.limit;
import static io.fixbridge.gateway.fix.Orders.report;
import static io.fixbridge.gateway.fix.Orders.status;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.fixbridge.gateway.fix.TestGatewayAccess;
import io.fixbridge.gateway.journal.FileJournal;
import io.fixbridge.gateway.journal.JournalConfig;
import io.fixbridge.gateway.journal.JournalRecord;
import io.fixbridge.gateway.order.ClientOrderIds;
import io.fixbridge.gateway.order.GatewayOrder;
import io.fixbridge.gateway.order.OrderStateMachine;
import io.fixbridge.sims.binance.BinanceSimulator;
import io.fixbridge.testkit.fix.FixTestClient;
import io.fixbridge.venue.OrderRequest;
import io.fixbridge.venue.OrderType;
import io.fixbridge.venue.Side;
import quickfix.Message;

/**
 * A gateway restarted over the same data directory: its orders come back from the journal, what
 * the venue did while it was down reaches the OMS, a pending order the venue never received is
 * rejected saying so, and ClOrdIDs stay used. The simulator keeps running across the restart,
 * like the real venue.
 */
class RestartRecoveryTest {
    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final String SESSION = "FIX.4.4:FIXBRIDGE->OMS1";

    @TempDir
    Path dir;
    private BinanceSimulator sim;

    @BeforeEach
    void startVenue() throws InterruptedException {
        sim = BinanceGateway.simulator().build();
        sim.start();
    }

    @AfterEach
    void stopVenue() {
        sim.close();
    }

    @Test
    void aFillMadeWhileTheGatewayWasDownIsReportedOnceAndTheOrdersCarryOn() throws Exception {
        Path store = dir.resolve("client-store");
        // small journal files, so the journal rolls and its compaction has closed files to work on
        String yaml = "journal: { segmentSize: 1024 }\n" + BinanceGateway.venueYaml(sim, "");
        try (TestGatewayAccess gateway = TestGatewayAccess.start(dir, yaml); FixTestClient client = gateway.client(store)) {
            client.send(limit("D1", "BTC/USDT", '1', "0.1", "55000"));
            client.awaitMessage(report("D1", '0'), WAIT);
            client.send(cancel("DX", "D1", "BTC/USDT", '1'));
            client.awaitMessage(report("DX", '4'), WAIT);
            client.send(limit("R1", "BTC/USDT", '1', "0.2", "59990"));
            client.send(limit("R2", "BTC/USDT", '1', "0.1", "59000"));
            client.send(limit("R3", "BTC/USDT", '2', "0.1", "61000"));
            client.awaitAll(WAIT, report("R1", '0'), report("R2", '0'), report("R3", '0'));
            client.logout(WAIT);
            // D1 is done: compaction keeps only its ClOrdIDs
            gateway.gateway().compactJournal().get(WAIT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS);
        }
        // the venue trades R1 while no gateway is running
        sim.spotMarket().moveMid("BTCUSDT", -2_000);
        try (TestGatewayAccess gateway = TestGatewayAccess.start(dir, yaml); FixTestClient client = gateway.client(store)) {
            Message fill = client.awaitMessage(report("R1", 'F'), WAIT);
            assertThat(f(fill, 39)).isEqualTo("2");
            assertThat(new BigDecimal(f(fill, 14))).isEqualByComparingTo("0.2");
            assertThat(f(fill, 880)).isEqualTo(String.valueOf(sim.truth().spotOrders("alice").stream()
                    .filter(o -> o.clientOrderId().equals(ClientOrderIds.derive(SESSION, "R1")))
                    .findFirst().orElseThrow().fills().get(0).tradeId()));
            client.assertNoMessage(report("R1", 'F'), Duration.ofMillis(700));

            client.send(status("R2", "BTC/USDT", '1'));
            assertThat(f(client.awaitMessage(report("R2", 'I'), WAIT), 39)).isEqualTo("0");
            client.send(cancel("C3", "R3", "BTC/USDT", '2'));
            client.awaitMessage(report("C3", '4'), WAIT);

            // an order from before the restart is followed like any other: a fill made while the
            // venue's stream is down is found when it reconnects
            sim.faults().dropUserDataStreams();
            sim.spotMarket().moveMid("BTCUSDT", -100_000);
            Message r2 = client.awaitMessage(m -> report("R2", 'F').test(m) && "2".equals(f(m, 39)), WAIT);
            assertThat(new BigDecimal(f(r2, 14))).isEqualByComparingTo("0.1");
            sim.spotMarket().moveMid("BTCUSDT", 100_000);

            client.send(limit("R1", "BTC/USDT", '1', "0.01", "50000"));
            Message duplicate = client.awaitMessage(report("R1", '8'), WAIT);
            assertThat(f(duplicate, 103)).isEqualTo("6");
            assertThat(f(duplicate, 58)).contains("already used");
            // the ClOrdIDs of the order compacted away, and of its cancel, are still taken
            client.send(limit("D1", "BTC/USDT", '1', "0.01", "50000"));
            assertThat(f(client.awaitMessage(report("D1", '8'), WAIT), 103)).isEqualTo("6");
            client.send(limit("DX", "BTC/USDT", '1', "0.01", "50000"));
            assertThat(f(client.awaitMessage(report("DX", '8'), WAIT), 103)).isEqualTo("6");
        } finally {
            sim.spotMarket().moveMid("BTCUSDT", 2_000);
        }
    }

    @Test
    void aPendingOrderTheVenueNeverReceivedIsRejectedSayingSoAndLogonsWaitForIt() throws Exception {
        Path store = dir.resolve("client-store");
        String a1OrderId;
        String a2OrderId;
        String a2VenueId;
        try (TestGatewayAccess gateway = BinanceGateway.start(dir, sim, ""); FixTestClient client = gateway.client(store)) {
            client.send(limit("A1", "BTC/USDT", '1', "0.1", "59000"));
            a1OrderId = f(client.awaitMessage(report("A1", '0'), WAIT), 37);
            client.send(limit("A2", "BTC/USDT", '1', "0.1", "58500"));
            Message a2New = client.awaitMessage(report("A2", '0'), WAIT);
            a2OrderId = f(a2New, 37);
            a2VenueId = f(a2New, 198);
            client.logout(WAIT);
        }
        // what a crash leaves when it strikes after journaling an order and before its request left:
        // the order accepted and its PendingNew journaled, nothing sent to the venue, nothing to the OMS
        OrderRequest terms = OrderRequest.builder().account("main").clientOrderId(ClientOrderIds.derive(SESSION, "N1"))
                .symbol("BTC/USDT").side(Side.BUY).type(OrderType.LIMIT)
                .quantity(new BigDecimal("0.1")).price(new BigDecimal("58000")).build();
        GatewayOrder crashed = new GatewayOrder("CRASH-1", SESSION, "binance", "N1", terms);
        try (FileJournal journal = FileJournal.open(JournalConfig.defaults(dir.resolve("data")))) {
            // and a cancel of A1 whose ClOrdID was journaled just before the crash, never acted on nor answered
            journal.append(new JournalRecord.ClOrdIdUsed(SESSION, "C9", a1OrderId, Instant.now()));
            // and a cancel of A2 reported pending to the OMS whose request never left for the venue
            OrderRequest a2 = OrderRequest.builder().account("main").clientOrderId(ClientOrderIds.derive(SESSION, "A2"))
                    .symbol("BTC/USDT").side(Side.BUY).type(OrderType.LIMIT)
                    .quantity(new BigDecimal("0.1")).price(new BigDecimal("58500")).build();
            GatewayOrder a2Order = new GatewayOrder(a2OrderId, SESSION, "binance", "A2", a2);
            for (int i = 0; i < 10; i++) {
                a2Order.nextExecId(); // past the ExecIDs the real order already used
            }
            OrderStateMachine.apply(a2Order, new io.fixbridge.venue.OrderEvent.Accepted("main", a2.clientOrderId(), a2VenueId,
                    Instant.now()));
            journal.append(new JournalRecord.ClOrdIdUsed(SESSION, "C8", a2OrderId, Instant.now()));
            journal.append(JournalRecord.StateChanged.of(a2Order, OrderStateMachine.pendingCancel(a2Order, "C8"), null,
                    Instant.now()));
            // last: the crashed order, so its PendingNew is the journal's last report
            journal.append(JournalRecord.OrderAccepted.of(crashed, Instant.now()));
            journal.append(JournalRecord.StateChanged.of(crashed, OrderStateMachine.pendingNew(crashed), null, Instant.now()));
        }

        try (TestGatewayAccess gateway = TestGatewayAccess.startReconciling(dir, BinanceGateway.venueYaml(sim, ""))) {
            HttpResponse<String> reconciling = ready(gateway);
            assertThat(reconciling.statusCode()).isEqualTo(503);
            assertThat(reconciling.body()).contains("reconciling");
            gateway.gateway().ready().get(WAIT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS);
            assertThat(ready(gateway).statusCode()).isEqualTo(200);

            try (FixTestClient client = gateway.client(store)) {
                // the PendingNew the OMS never got, flagged as possibly sent before, then the reject
                Message pending = client.awaitMessage(report("N1", 'A'), WAIT);
                assertThat(pending.getHeader().getBoolean(97)).isTrue();
                // the cancel the OMS was told was pending is carried out after the restart
                client.awaitMessage(report("C8", '4'), WAIT);
                assertThat(sim.truth().spotOrders("alice").stream()
                        .filter(o -> o.clientOrderId().equals(ClientOrderIds.derive(SESSION, "A2"))).findFirst().orElseThrow()
                        .status()).isEqualTo("CANCELED");
                Message rejected = client.awaitMessage(report("N1", '8'), WAIT);
                assertThat(f(rejected, 58)).contains("never received");
                assertThat(sim.truth().spotOrders("alice"))
                        .noneMatch(o -> o.clientOrderId().equals(terms.clientOrderId()));

                client.send(status("A1", "BTC/USDT", '1'));
                assertThat(f(client.awaitMessage(report("A1", 'I'), WAIT), 39)).isEqualTo("0");

                // the OMS resends that cancel (its sequence number was never taken): it is carried out now...
                client.send(possDup(cancel("C9", "A1", "BTC/USDT", '1')));
                client.awaitMessage(report("C9", '4'), WAIT);
                // ...and resent once more, it is answered with the order's status, not refused as a used ClOrdID
                client.send(possDup(cancel("C9", "A1", "BTC/USDT", '1')));
                Message answer = client.awaitMessage(m -> report("A1", 'I').test(m) && "4".equals(f(m, 39)), WAIT);
                assertThat(f(answer, 37)).isEqualTo(a1OrderId);
                client.assertNoMessage(cancelReject("C9"), Duration.ofMillis(500));
            }
        }
    }

    @Test
    void aGatewayStartingWhileTheVenueAnswersServerErrorsAsksAgainAndStarts() throws Exception {
        // a restart right into a 5xx burst: the first requests of the connect fail, then the venue answers
        sim.faults().failNextRequests(3);
        try (TestGatewayAccess gateway = BinanceGateway.start(dir, sim, "");
             FixTestClient client = gateway.client(dir.resolve("client-store"))) {
            client.send(limit("S1", "BTC/USDT", '1', "0.1", "59000"));
            client.awaitMessage(report("S1", '0'), WAIT);
        }
    }

    /** Flags a request as possibly sent before: PossResend(97), which QuickFIX/J keeps (it strips an application's 43). */
    private static Message possDup(Message m) {
        m.getHeader().setBoolean(97, true);
        return m;
    }

    private static HttpResponse<String> ready(TestGatewayAccess gateway) throws Exception {
        var address = gateway.gateway().opsAddress();
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + address.getPort() + "/health/ready")).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}

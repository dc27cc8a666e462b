package io.fixbridge.gateway.fix;

import static io.fixbridge.gateway.fix.Orders.cancel;
import static io.fixbridge.gateway.fix.Orders.f;
import static io.fixbridge.gateway.fix.Orders.limit;
import static io.fixbridge.gateway.fix.Orders.market;
import static io.fixbridge.gateway.fix.Orders.replace;
import static io.fixbridge.gateway.fix.Orders.report;
import static io.fixbridge.gateway.fix.AdminHttp.OPS;
import static io.fixbridge.gateway.fix.AdminHttp.TOKEN;
import static io.fixbridge.gateway.fix.AdminHttp.call;
import static io.fixbridge.gateway.fix.AdminHttp.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

import io.fixbridge.testkit.fix.FixTestClient;
import io.fixbridge.testkit.wait.Ports;
import quickfix.Message;

/**
 * Every pre-trade limit over a real FIX session against the paper venue (BTC/USDT reference price
 * 60000, the paper engine's mid): a breach is an ExecutionReport 39=8 103=3 whose Text names the
 * limit, its value and the order's, nothing reaches the venue, and the breach is counted; the order
 * just inside the limit goes through. Also instrument overrides, account scope across sessions,
 * replaces, and reloading the limits while running.
 */
class PreTradeRiskTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String SESSIONS = """
            sessions:
              - { senderCompId: OMS1, role: order-entry, venue: paper, account: main }
              - { senderCompId: OMS2, role: order-entry, venue: paper, account: main }
            """;

    @TempDir
    Path dir;

    private TestGateway gateway(String riskYaml) throws Exception {
        return new TestGateway(dir, Ports.freePort(), TestGateway.PAPER_VENUE + SESSIONS + riskYaml, List.of("OMS1", "OMS2"), OPS)
                .start();
    }

    private static Message refused(FixTestClient oms, String clOrdId) throws InterruptedException {
        Message m = oms.awaitMessage(report(clOrdId, '8'), WAIT);
        assertThat(f(m, 39)).isEqualTo("8");
        return m;
    }

    private static void accepted(FixTestClient oms, String clOrdId) throws InterruptedException {
        oms.awaitMessage(m -> report(clOrdId, '0').test(m) || report(clOrdId, 'F').test(m), WAIT);
    }

    private static double breaches(TestGateway gateway, String limit, String scope) {
        var counter = gateway.gateway().metrics().registry().find("fixbridge.risk.breaches").tag("limit", limit)
                .tag("scope", scope).counter();
        return counter == null ? 0 : counter.count();
    }

    @Test
    void orderQuantityNotionalAndInstrumentOverride() throws Exception {
        try (TestGateway gateway = gateway("""
                risk:
                  sessions:
                    OMS1:
                      maxOrderQty: "1"
                      maxOrderNotional: "50000"
                      instruments:
                        "ETH/USDT": { maxOrderQty: "50", maxOrderNotional: "1000000" }
                """);
             FixTestClient oms = gateway.client("OMS1", dir.resolve("oms1"))) {
            oms.send(limit("Q1", "BTC/USDT", '1', "1.5", "50000"));
            Message q1 = refused(oms, "Q1");
            assertThat(f(q1, 103)).isEqualTo("3");
            assertThat(f(q1, 58)).contains("maxOrderQty").contains("session OMS1").contains("is 1;").contains("1.5");

            oms.send(limit("N1", "BTC/USDT", '1', "0.9", "120000"));
            Message n1 = refused(oms, "N1");
            assertThat(f(n1, 103)).isEqualTo("3");
            assertThat(f(n1, 58)).contains("maxOrderNotional").contains("is 50000;").contains("108000 (0.9 at 120000)");

            oms.send(market("N2", "BTC/USDT", '1', "1"));
            assertThat(f(refused(oms, "N2"), 58)).as("a market order counts at the reference price 60000")
                    .contains("maxOrderNotional").contains("60000 (1 at the reference price 60000)");

            oms.send(limit("E1", "ETH/USDT", '1', "30", "2900"));
            accepted(oms, "E1");
            oms.send(limit("E2", "ETH/USDT", '1', "60", "1000"));
            assertThat(f(refused(oms, "E2"), 58)).contains("maxOrderQty").contains("ETH/USDT").contains("is 50;");

            oms.send(limit("OK1", "BTC/USDT", '1', "0.8", "59000"));
            accepted(oms, "OK1");
            assertThat(breaches(gateway, "maxOrderQty", "session:OMS1")).isEqualTo(2.0);
            assertThat(breaches(gateway, "maxOrderNotional", "session:OMS1")).isEqualTo(2.0);
        }
    }

    @Test
    void fatFingerPriceCollarAgainstTheVenueMid() throws Exception {
        try (TestGateway gateway = gateway("""
                risk:
                  accounts:
                    paper/main: { priceCollarPercent: "5" }
                """);
             FixTestClient oms = gateway.client("OMS1", dir.resolve("oms1"))) {
            oms.send(limit("C1", "BTC/USDT", '1', "0.01", "63000.01"));
            Message c1 = refused(oms, "C1");
            assertThat(f(c1, 103)).isEqualTo("3");
            assertThat(f(c1, 58)).contains("priceCollarPercent").contains("account paper/main").contains("is 5;")
                    .contains("63000.01").contains("5.00% above").contains("reference price 60000").contains("MID");
            oms.send(limit("C2", "BTC/USDT", '2', "0.01", "56999"));
            assertThat(f(refused(oms, "C2"), 58)).contains("below");

            oms.send(limit("C3", "BTC/USDT", '1', "0.01", "30000"));
            accepted(oms, "C3"); // far below for a buy is not through the market
            oms.send(limit("C4", "BTC/USDT", '2', "0.01", "62900"));
            accepted(oms, "C4");
            assertThat(breaches(gateway, "priceCollarPercent", "account:paper/main")).isEqualTo(2.0);
        }
    }

    @Test
    void openOrdersPositionAndGrossNotionalCountWhatIsOpenAndFilled() throws Exception {
        try (TestGateway gateway = gateway("""
                risk:
                  sessions:
                    OMS1:
                      maxOpenOrders: 2
                      maxPosition: "1"
                      maxGrossNotional: "90000"
                """);
             FixTestClient oms = gateway.client("OMS1", dir.resolve("oms1"))) {
            oms.send(market("P1", "BTC/USDT", '1', "0.5"));
            oms.awaitMessage(m -> report("P1", 'F').test(m) && "2".equals(f(m, 39)), WAIT);
            oms.send(limit("P2", "BTC/USDT", '1', "0.4", "50000"));
            accepted(oms, "P2");
            // position 0.5 + open buys 0.4 + 0.2 = 1.1
            oms.send(limit("P3", "BTC/USDT", '1', "0.2", "50000"));
            Message p3 = refused(oms, "P3");
            assertThat(f(p3, 58)).contains("maxPosition").contains("is 1;").contains("would be 1.1");
            // a sell reduces: position 0.5 - 0.2; gross = 0.5 x 60000 + 0.4 x 50000 + 0.2 x 70000 = 64000
            oms.send(limit("S1", "BTC/USDT", '2', "0.2", "62000"));
            accepted(oms, "S1");
            oms.send(limit("S2", "BTC/USDT", '2', "0.01", "70000"));
            Message s2 = refused(oms, "S2");
            assertThat(f(s2, 58)).as("two orders are open").contains("maxOpenOrders").contains("is 2;");

            oms.send(cancel("X1", "S1", "BTC/USDT", '2'));
            oms.awaitMessage(report("X1", '4'), WAIT);
            // gross: 0.5 x 60000 + 0.4 x 50000 + 0.7 x 62000 = 93400 > 90000
            oms.send(limit("S3", "BTC/USDT", '2', "0.7", "62000"));
            assertThat(f(refused(oms, "S3"), 58)).contains("maxGrossNotional").contains("90000").contains("93400");
            oms.send(limit("S4", "BTC/USDT", '2', "0.6", "62000"));
            accepted(oms, "S4");
        }
    }

    @Test
    void orderRateAndDailyNotionalAndAccountLimitsCoverEverySession() throws Exception {
        try (TestGateway gateway = gateway("""
                risk:
                  sessions:
                    OMS1: { maxOrdersPerSecond: 3 }
                  accounts:
                    paper/main: { maxDailyNotional: "4000" }
                """);
             FixTestClient oms1 = gateway.client("OMS1", dir.resolve("oms1"));
             FixTestClient oms2 = gateway.client("OMS2", dir.resolve("oms2"))) {
            for (int i = 1; i <= 5; i++) {
                oms1.send(limit("R" + i, "BTC/USDT", '1', "0.01", "50000"));
            }
            // R4's refusal is immediate while R3's New waits for the venue: the five answers come in either order
            List<Message> answers = oms1.awaitAll(WAIT, report("R1", '0'), report("R2", '0'), report("R3", '0'),
                    report("R4", '8'), report("R5", '8'));
            for (Message refusal : answers.subList(3, 5)) {
                assertThat(f(refusal, 39)).isEqualTo("8");
                assertThat(f(refusal, 58)).contains("maxOrdersPerSecond").contains("is 3;")
                        .contains("3 orders and replaces were sent in the last second");
            }
            // open: 3 x 0.01 x 50000 = 1500 on paper/main; OMS2's 0.05 x 50000 = 2500 makes 4000: allowed, one more is not
            oms2.send(limit("D1", "BTC/USDT", '1', "0.05", "50000"));
            accepted(oms2, "D1");
            oms2.send(limit("D2", "BTC/USDT", '1', "0.0001", "50000"));
            assertThat(f(refused(oms2, "D2"), 58)).contains("maxDailyNotional").contains("account paper/main")
                    .contains("open orders 4000").contains("would be 4005");
            assertThat(breaches(gateway, "maxOrdersPerSecond", "session:OMS1")).isEqualTo(2.0);
            assertThat(breaches(gateway, "maxDailyNotional", "account:paper/main")).isEqualTo(1.0);
        }
    }

    @Test
    void aReplaceBeyondALimitIsRefusedWithACancelReject() throws Exception {
        try (TestGateway gateway = gateway("""
                risk:
                  sessions:
                    OMS1: { maxOrderQty: "1", priceCollarPercent: "10" }
                """);
             FixTestClient oms = gateway.client("OMS1", dir.resolve("oms1"))) {
            oms.send(limit("A1", "BTC/USDT", '1', "0.5", "50000"));
            accepted(oms, "A1");
            oms.send(replace("A2", "A1", "BTC/USDT", '1', "2", "50000"));
            Message r = oms.awaitMessage(Orders.cancelReject("A2"), WAIT);
            assertThat(f(r, 434)).isEqualTo("2");
            assertThat(f(r, 102)).isEqualTo("2");
            assertThat(f(r, 58)).contains("maxOrderQty").contains("is 1;").contains("OrderQty(38) is 2");
            oms.send(replace("A3", "A1", "BTC/USDT", '1', "0.5", "70000"));
            assertThat(f(oms.awaitMessage(Orders.cancelReject("A3"), WAIT), 58)).contains("priceCollarPercent");
            oms.send(replace("A4", "A1", "BTC/USDT", '1', "0.8", "51000"));
            oms.awaitMessage(report("A4", '5'), WAIT);
        }
    }

    @Test
    void limitsAreReloadedWhileRunningAndABadFileChangesNothing() throws Exception {
        try (TestGateway gateway = gateway("""
                risk:
                  sessions:
                    OMS1: { maxOrderQty: "1" }
                """);
             FixTestClient oms = gateway.client("OMS1", dir.resolve("oms1"))) {
            oms.send(limit("L1", "BTC/USDT", '1', "0.5", "50000"));
            accepted(oms, "L1");
            JsonNode view = json(call(gateway, "GET", "/admin/risk", TOKEN, null));
            assertThat(view.at("/sessions/OMS1/maxOrderQty").asText()).isEqualTo("1");
            assertThat(view.at("/usage/session:OMS1/openOrders").asInt()).isEqualTo(1);
            assertThat(view.at("/usage/session:OMS1/openNotional").asText()).isEqualTo("25000");

            Path yaml = dir.resolve("gateway.yaml");
            String original = Files.readString(yaml);
            Files.writeString(yaml, original.replace("maxOrderQty: \"1\"", "maxOrderQty: \"-3\""));
            HttpResponse<String> bad = call(gateway, "POST", "/admin/risk/reload", TOKEN, null);
            assertThat(bad.statusCode()).isEqualTo(400);
            assertThat(bad.body()).contains("risk.sessions.OMS1.maxOrderQty").contains("greater than zero");
            oms.send(limit("L2", "BTC/USDT", '1', "2", "50000"));
            assertThat(f(refused(oms, "L2"), 58)).contains("is 1;");

            Files.writeString(yaml, original.replace("maxOrderQty: \"1\"", "maxOrderQty: \"3\""));
            JsonNode reloaded = json(call(gateway, "POST", "/admin/risk/reload", TOKEN, null));
            assertThat(reloaded.get("changed").asBoolean()).isTrue();
            assertThat(reloaded.at("/sessions/OMS1/maxOrderQty").asText()).isEqualTo("3");
            oms.send(limit("L3", "BTC/USDT", '1', "2", "50000"));
            accepted(oms, "L3");
            oms.send(limit("L4", "BTC/USDT", '1', "4", "50000"));
            assertThat(f(refused(oms, "L4"), 58)).contains("is 3;");
        }
    }

    @Test
    void whatIsOpenStillCountsAfterARestart() throws Exception {
        String risk = """
                risk:
                  sessions:
                    OMS1: { maxPosition: "0.6" }
                  accounts:
                    paper/main: { maxOpenOrders: 1 }
                """;
        int port = Ports.freePort();
        try (TestGateway gateway = new TestGateway(dir, port, TestGateway.PAPER_VENUE + SESSIONS + risk, List.of("OMS1", "OMS2"),
                OPS).start();
             FixTestClient oms = gateway.client("OMS1", dir.resolve("oms1"))) {
            oms.send(market("B1", "BTC/USDT", '1', "0.5"));
            oms.awaitMessage(m -> report("B1", 'F').test(m) && "2".equals(f(m, 39)), WAIT);
            oms.send(limit("R1", "BTC/USDT", '2', "0.01", "70000"));
            accepted(oms, "R1");
        }
        try (TestGateway gateway = new TestGateway(dir, port, TestGateway.PAPER_VENUE + SESSIONS + risk, List.of("OMS1", "OMS2"),
                OPS).start();
             FixTestClient oms = gateway.client("OMS1", dir.resolve("oms1"))) {
            oms.send(limit("R2", "BTC/USDT", '2', "0.01", "70000"));
            assertThat(f(refused(oms, "R2"), 58)).contains("maxOpenOrders of account paper/main")
                    .contains("1 orders are open already");
            oms.send(limit("B2", "BTC/USDT", '1', "0.2", "50000"));
            assertThat(f(refused(oms, "B2"), 58)).as("the position filled before the restart").contains("maxPosition")
                    .contains("position 0.5");
        }
    }
}

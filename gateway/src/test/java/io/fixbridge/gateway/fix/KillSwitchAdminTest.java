package io.fixbridge.gateway.fix;

import static io.fixbridge.gateway.fix.Orders.f;
import static io.fixbridge.gateway.fix.Orders.limit;
import static io.fixbridge.gateway.fix.Orders.replace;
import static io.fixbridge.gateway.fix.Orders.report;
import static io.fixbridge.gateway.fix.AdminHttp.OPS;
import static io.fixbridge.gateway.fix.AdminHttp.TOKEN;
import static io.fixbridge.gateway.fix.AdminHttp.call;
import static io.fixbridge.gateway.fix.AdminHttp.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

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
 * The admin endpoints over real HTTP against a gateway with real FIX sessions: the token guard,
 * sessions and venues, kill switches of every scope (open orders canceled, new orders and replaces
 * refused with a Text naming the switch, accepted again once released, still engaged after a
 * restart), and logging a session out.
 */
class KillSwitchAdminTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String SESSIONS = """
            sessions:
              - { senderCompId: OMS1, role: order-entry, venue: paper, account: main }
              - { senderCompId: OMS2, role: order-entry, venue: paper, account: second }
            """;
    private static final String SECOND_ACCOUNT = """
                  - name: second
                    balances: { USDT: "1000000", BTC: "10" }
            """;

    @TempDir
    Path dir;

    private TestGateway gateway(int port) throws Exception {
        return new TestGateway(dir, port, TestGateway.PAPER_VENUE + SECOND_ACCOUNT + SESSIONS, List.of("OMS1", "OMS2"), OPS);
    }

    @Test
    void theTokenGuardsEveryAdminEndpoint() throws Exception {
        try (TestGateway gateway = gateway(Ports.freePort()).start()) {
            assertThat(call(gateway, "GET", "/admin/sessions", null, null).statusCode()).isEqualTo(401);
            assertThat(call(gateway, "GET", "/admin/sessions", "wrong-token-0123456789", null).statusCode()).isEqualTo(401);
            HttpResponse<String> post = call(gateway, "POST", "/admin/kill-switches", "wrong", "{\"scope\":\"global\"}");
            assertThat(post.statusCode()).isEqualTo(401);
            assertThat(post.body()).doesNotContain(TOKEN);
            assertThat(call(gateway, "GET", "/admin/kill-switches", TOKEN, null).statusCode()).isEqualTo(200);
            assertThat(Files.exists(gateway.dir.resolve("data/kill-switches.json"))).as("nothing was engaged").isFalse();
        }
    }

    @Test
    void withoutATokenTheAdminEndpointsAreDisabled() throws Exception {
        try (TestGateway gateway = new TestGateway(dir, Ports.freePort()).start()) {
            HttpResponse<String> r = call(gateway, "GET", "/admin/sessions", TOKEN, null);
            assertThat(r.statusCode()).isEqualTo(404);
            assertThat(r.body()).contains("ops.adminToken");
        }
    }

    @Test
    void sessionsAndVenuesShowTheirState() throws Exception {
        try (TestGateway gateway = gateway(Ports.freePort()).start();
             FixTestClient oms1 = gateway.client("OMS1", dir.resolve("oms1"))) {
            JsonNode sessions = json(call(gateway, "GET", "/admin/sessions", TOKEN, null)).get("sessions");
            assertThat(sessions).hasSize(2);
            JsonNode s1 = find(sessions, "session", "OMS1");
            assertThat(s1.get("loggedOn").asBoolean()).isTrue();
            assertThat(s1.get("role").asText()).isEqualTo("order-entry");
            assertThat(s1.get("remoteAddress").asText()).contains("127.0.0.1");
            assertThat(find(sessions, "session", "OMS2").get("loggedOn").asBoolean()).isFalse();
            JsonNode venue = json(call(gateway, "GET", "/admin/venues", TOKEN, null)).get("venues").get(0);
            assertThat(venue.get("venue").asText()).isEqualTo("paper");
            assertThat(venue.get("up").asBoolean()).isTrue();
        }
    }

    @Test
    void aVenueKillSwitchCancelsOpenOrdersAndRefusesNewOnesUntilReleasedAlsoAcrossARestart() throws Exception {
        int port = Ports.freePort();
        String id;
        try (TestGateway gateway = gateway(port).start();
             FixTestClient oms1 = gateway.client("OMS1", dir.resolve("oms1"));
             FixTestClient oms2 = gateway.client("OMS2", dir.resolve("oms2"))) {
            oms1.send(limit("A1", "BTC/USDT", '1', "0.01", "59000"));
            oms1.awaitMessage(report("A1", '0'), WAIT);
            oms2.send(limit("B1", "BTC/USDT", '1', "0.01", "59000"));
            oms2.awaitMessage(report("B1", '0'), WAIT);

            HttpResponse<String> engaged = call(gateway, "POST", "/admin/kill-switches", TOKEN,
                    "{\"scope\":\"venue\",\"venue\":\"paper\",\"reason\":\"venue incident 42\"}");
            assertThat(engaged.statusCode()).isEqualTo(201);
            JsonNode body = json(engaged);
            id = body.get("killSwitch").get("id").asText();
            assertThat(body.get("ordersCanceling").asInt()).isEqualTo(2);

            for (FixTestClient oms : List.of(oms1, oms2)) {
                Message canceled = oms.awaitMessage(m -> "8".equals(f(m, 35)) && "4".equals(f(m, 150)), WAIT);
                assertThat(f(canceled, 58)).contains("kill switch " + id).contains("venue paper").contains("venue incident 42");
            }
            oms1.send(limit("A2", "BTC/USDT", '1', "0.01", "59000"));
            Message refused = oms1.awaitMessage(report("A2", '8'), WAIT);
            assertThat(f(refused, 58)).contains("kill switch " + id).contains("releases it");
            assertThat(gateway.gateway().metrics().registry().get("fixbridge.orders.blocked").tag("scope", "venue")
                    .counter().count()).isEqualTo(1.0);
        }
        // still engaged after a restart
        try (TestGateway gateway = new TestGateway(dir, port, TestGateway.PAPER_VENUE + SECOND_ACCOUNT + SESSIONS,
                List.of("OMS1", "OMS2"), OPS).start();
             FixTestClient oms1 = gateway.client("OMS1", dir.resolve("oms1"))) {
            assertThat(json(call(gateway, "GET", "/admin/kill-switches", TOKEN, null)).get("killSwitches").get(0)
                    .get("id").asText()).isEqualTo(id);
            oms1.send(limit("A3", "BTC/USDT", '1', "0.01", "59000"));
            assertThat(f(oms1.awaitMessage(report("A3", '8'), WAIT), 58)).contains("kill switch " + id);

            assertThat(call(gateway, "DELETE", "/admin/kill-switches/" + id, TOKEN, null).statusCode()).isEqualTo(200);
            assertThat(call(gateway, "DELETE", "/admin/kill-switches/" + id, TOKEN, null).statusCode()).isEqualTo(404);
            oms1.send(limit("A4", "BTC/USDT", '1', "0.01", "59000"));
            oms1.awaitMessage(report("A4", '0'), WAIT);
        }
    }

    @Test
    void sessionAndAccountSwitchesCoverOnlyTheirOrdersAndBlockReplaces() throws Exception {
        try (TestGateway gateway = gateway(Ports.freePort()).start();
             FixTestClient oms1 = gateway.client("OMS1", dir.resolve("oms1"));
             FixTestClient oms2 = gateway.client("OMS2", dir.resolve("oms2"))) {
            oms1.send(limit("A1", "BTC/USDT", '1', "0.01", "59000"));
            oms1.awaitMessage(report("A1", '0'), WAIT);
            oms2.send(limit("B1", "BTC/USDT", '1', "0.01", "59000"));
            oms2.awaitMessage(report("B1", '0'), WAIT);

            // account paper/second is OMS2's: OMS1's order lives on, and may still be replaced
            String account = json(call(gateway, "POST", "/admin/kill-switches", TOKEN,
                    "{\"scope\":\"account\",\"venue\":\"paper\",\"account\":\"second\"}")).get("killSwitch").get("id").asText();
            assertThat(f(oms2.awaitMessage(report("B1", '4'), WAIT), 58)).contains("account paper/second");
            oms1.assertNoMessage(report("A1", '4'), Duration.ofMillis(300));
            oms1.send(replace("A2", "A1", "BTC/USDT", '1', "0.02", "59000"));
            oms1.awaitMessage(report("A2", '5'), WAIT);

            // a session switch on OMS1 cancels its order; a replace of it is then too late
            String session = json(call(gateway, "POST", "/admin/kill-switches", TOKEN,
                    "{\"scope\":\"session\",\"session\":\"OMS1\"}")).get("killSwitch").get("id").asText();
            assertThat(f(oms1.awaitMessage(report("A2", '4'), WAIT), 58)).contains("session OMS1");
            oms1.send(replace("A3", "A2", "BTC/USDT", '1', "0.03", "59000"));
            Message cxlReject = oms1.awaitMessage(FixTestClient.isType("9"), WAIT);
            assertThat(f(cxlReject, 102)).as("CxlRejReason: too late").isEqualTo("0");

            assertThat(call(gateway, "GET", "/admin/kill-switches", TOKEN, null).body()).contains(account).contains(session);
            assertThat(call(gateway, "DELETE", "/admin/kill-switches/" + account, TOKEN, null).statusCode()).isEqualTo(200);
            oms2.send(limit("B2", "BTC/USDT", '1', "0.01", "59000"));
            oms2.awaitMessage(report("B2", '0'), WAIT);
        }
    }

    @Test
    void badKillSwitchRequestsAreRefusedWithTheReason() throws Exception {
        try (TestGateway gateway = gateway(Ports.freePort()).start()) {
            assertBadRequest(gateway, "{\"scope\":\"planet\"}", "not one of global, venue, account, session");
            assertBadRequest(gateway, "{\"scope\":\"venue\",\"venue\":\"nowhere\"}", "venue 'nowhere' is not configured");
            assertBadRequest(gateway, "{\"scope\":\"account\",\"venue\":\"paper\",\"account\":\"x\"}", "its accounts: [main, second]");
            assertBadRequest(gateway, "{\"scope\":\"session\",\"session\":\"NOPE\"}", "not an order-entry session");
            assertBadRequest(gateway, "{\"scope\":\"global\",\"venue\":\"paper\"}", "takes no venue");
            assertBadRequest(gateway, "not json", "not JSON");
            assertThat(json(call(gateway, "GET", "/admin/kill-switches", TOKEN, null)).get("killSwitches")).isEmpty();
        }
    }

    @Test
    void aGlobalSwitchRefusesEveryOrderAndAnOperatorCanLogASessionOut() throws Exception {
        try (TestGateway gateway = gateway(Ports.freePort()).start();
             FixTestClient oms2 = gateway.client("OMS2", dir.resolve("oms2"))) {
            assertThat(call(gateway, "POST", "/admin/kill-switches", TOKEN, "{\"scope\":\"global\",\"reason\":\"drill\"}")
                    .statusCode()).isEqualTo(201);
            oms2.send(limit("B1", "ETH/USDT", '2', "1", "3100"));
            assertThat(f(oms2.awaitMessage(report("B1", '8'), WAIT), 58)).contains("(global)").contains("drill");

            assertThat(call(gateway, "POST", "/admin/sessions/OMS2/logout", TOKEN, null).statusCode()).isEqualTo(202);
            Message logout = oms2.awaitMessage(FixTestClient.isType("5"), WAIT);
            assertThat(f(logout, 58)).contains("operator");
            await().atMost(WAIT).until(() -> !oms2.isLoggedOn());
            assertThat(call(gateway, "POST", "/admin/sessions/NOPE/logout", TOKEN, null).statusCode()).isEqualTo(400);
        }
    }

    private void assertBadRequest(TestGateway gateway, String body, String reason) throws Exception {
        HttpResponse<String> r = call(gateway, "POST", "/admin/kill-switches", TOKEN, body);
        assertThat(r.statusCode()).as(body).isEqualTo(400);
        assertThat(r.body()).contains(reason);
    }

    private static JsonNode find(JsonNode array, String field, String value) {
        for (JsonNode n : array) {
            if (value.equals(n.get(field).asText())) {
                return n;
            }
        }
        throw new AssertionError("no " + field + "=" + value + " in " + array);
    }
}

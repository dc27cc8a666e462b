package io.fixbridge.sims.binance;

import io.fixbridge.sims.binance.ControlClient.Answer;
import io.fixbridge.sims.binance.TestClient.Resp;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.UncheckedIOException;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code /_sim/health}, {@code /_sim/faults} and unknown control paths, over real HTTP. */
class ControlFaultsTest {
    BinanceSimulator sim;
    TestClient alice;
    ControlClient control;

    @BeforeEach
    void start() throws Exception {
        sim = Sims.builder().build();
        sim.start();
        alice = TestClient.hmac(sim, Sims.ALICE_KEY, Sims.ALICE_SECRET);
        control = new ControlClient(sim);
    }

    @AfterEach
    void stop() {
        sim.close();
    }

    private Resp account() {
        return alice.signed("GET", "/api/v3/account", "");
    }

    @Test
    void healthAnswersTheVenueAsJson() {
        Answer health = control.get("/_sim/health");
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.contentType()).startsWith("application/json");
        assertThat(health.json()).hasToString("{\"venue\":\"binance\"}");
        assertThat(sim.controlUrl()).isEqualTo(sim.baseUrl() + "/_sim/");
    }

    @Test
    void unknownControlPathsAnswer404ListingTheKnownOnes() {
        Answer unknown = control.get("/_sim/nothing-here");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.error()).contains("/_sim/nothing-here", "GET /_sim/health", "POST /_sim/faults",
                "GET /_sim/orders", "GET /_sim/market", "POST /_sim/market", "POST /_sim/book-gap");
        assertThat(unknown.json().get("known")).hasSize(6);
        assertThat(control.get("/_sim").status()).isEqualTo(404);
        Answer wrongMethod = control.get("/_sim/faults");
        assertThat(wrongMethod.status()).isEqualTo(405);
        assertThat(wrongMethod.error()).contains("/_sim/faults", "POST");
    }

    @Test
    void failNextRequestsFailsVenueRequestsButNotControlRequests() {
        Answer applied = control.post("/_sim/faults", "{\"failNextRequests\":2}");
        assertThat(applied.status()).isEqualTo(200);
        assertThat(applied.json()).hasToString("{\"applied\":[\"failNextRequests\"]}");

        Resp first = account();
        assertThat(first.status()).isEqualTo(503);
        assertThat(first.code()).isEqualTo(-1001);
        assertThat(control.get("/_sim/health").status()).isEqualTo(200);
        assertThat(control.get("/_sim/orders?account=alice").status()).isEqualTo(200);
        assertThat(control.get("/_sim/market?symbol=BTCUSDT").status()).isEqualTo(200);
        assertThat(account().status()).as("the control requests did not use the burst up").isEqualTo(503);
        Resp third = account();
        assertThat(third.status()).isEqualTo(200);
        assertThat(third.json().has("balances")).isTrue();

        assertThat(control.post("/_sim/faults", "{\"failNextRequests\":1,\"failureStatus\":502}").json())
                .hasToString("{\"applied\":[\"failNextRequests\",\"failureStatus\"]}");
        assertThat(alice.get("/api/v3/ping", "").status()).isEqualTo(502);
        assertThat(alice.get("/api/v3/ping", "").status()).isEqualTo(200);
    }

    @Test
    void lostOrderResponseStillPlacesTheOrder() {
        assertThat(control.post("/_sim/faults", "{\"loseNextOrderResponses\":1}").status()).isEqualTo(200);
        assertThatThrownBy(() -> alice.signed("POST", "/api/v3/order",
                "symbol=BTCUSDT&side=BUY&type=LIMIT&timeInForce=GTC&quantity=0.01&price=50000&newClientOrderId=lost-1"))
                .isInstanceOf(UncheckedIOException.class);

        Answer orders = control.get("/_sim/orders?account=alice");
        assertThat(orders.status()).isEqualTo(200);
        assertThat(orders.json().get("orders")).hasSize(1);
        assertThat(orders.json().get("orders").get(0).get("clientOrderId").asText()).isEqualTo("lost-1");
        assertThat(orders.json().get("orders").get(0).get("status").asText()).isEqualTo("NEW");
        assertThat(alice.signed("POST", "/api/v3/order",
                "symbol=BTCUSDT&side=BUY&type=LIMIT&timeInForce=GTC&quantity=0.01&price=50000").status())
                .as("only one response was to be lost").isEqualTo(200);
    }

    @Test
    void dropUserDataStreamsClosesOpenWebSockets() {
        String listenKey = alice.keyed("POST", "/fapi/v1/listenKey", "").json().get("listenKey").asText();
        try (WsClient futuresStream = new WsClient(sim.streamBaseUrl() + listenKey);
             WsClient wsApi = new WsClient(sim.wsApiUrl())) {
            SpotUserDataTest.subscribe(wsApi, Sims.ALICE_KEY, Sims.ALICE_SECRET);
            Awaitility.await().until(() -> sim.truth().openUserDataConnections() == 2);

            Answer applied = control.post("/_sim/faults", "{\"dropUserDataStreams\":true}");
            assertThat(applied.json()).hasToString("{\"applied\":[\"dropUserDataStreams\"]}");
            Awaitility.await().until(() -> futuresStream.isClosed() && wsApi.isClosed());
            Awaitility.await().until(() -> sim.truth().openUserDataConnections() == 0);
        }
    }

    @Test
    void latencyAndMaintenanceAreSetAndResetClearsEverything() {
        Answer applied = control.post("/_sim/faults", "{\"failNextRequests\":5,\"loseNextOrderResponses\":3,"
                + "\"latencyMs\":30000,\"maintenance\":true}");
        assertThat(applied.json()).hasToString("{\"applied\":[\"failNextRequests\",\"loseNextOrderResponses\","
                + "\"latencyMs\",\"maintenance\"]}");
        assertThat(sim.faults().latency()).isEqualTo(Duration.ofSeconds(30));
        assertThat(sim.faults().maintenance()).isTrue();
        assertThat(control.get("/_sim/health").status()).as("control requests are not delayed").isEqualTo(200);

        assertThat(control.post("/_sim/faults", "{\"reset\":true}").json())
                .hasToString("{\"applied\":[\"reset\"]}");
        assertThat(sim.faults().latency()).isEqualTo(Duration.ZERO);
        assertThat(sim.faults().maintenance()).isFalse();
        Resp placed = alice.signed("POST", "/api/v3/order",
                "symbol=BTCUSDT&side=BUY&type=LIMIT&timeInForce=GTC&quantity=0.01&price=50000");
        assertThat(placed.status()).as("no failure and no lost response left").isEqualTo(200);

        assertThat(control.post("/_sim/faults", "{\"failNextRequests\":1,\"reset\":true}").json())
                .as("reset is applied first").hasToString("{\"applied\":[\"reset\",\"failNextRequests\"]}");
        assertThat(alice.get("/api/v3/ping", "").status()).isEqualTo(503);
        assertThat(alice.get("/api/v3/ping", "").status()).isEqualTo(200);
    }

    @Test
    void badFaultRequestsAnswer400NamingTheKeyAndApplyNothing() {
        assertBad("{\"failNextRequests\":\"2\"}", "failNextRequests", "whole number");
        assertBad("{\"failNextRequests\":2,\"bogus\":true}", "bogus", "allowed keys", "failNextRequests",
                "dropUserDataStreams");
        assertBad("{\"failNextRequests\":1,\"failureStatus\":404}", "failureStatus", "500", "599");
        assertBad("{\"failureStatus\":500}", "failureStatus", "failNextRequests");
        assertBad("{\"latencyMs\":-5}", "latencyMs", "0");
        assertBad("{\"latencyMs\":30000,\"loseNextOrderResponses\":1.5}", "loseNextOrderResponses");
        assertBad("{\"maintenance\":\"yes\"}", "maintenance", "true or false");
        assertBad("{\"dropUserDataStreams\":false}", "dropUserDataStreams", "only takes true");
        assertBad("{\"reset\":1}", "reset", "only takes true");
        assertBad("not json", "not valid JSON");
        assertBad("[1]", "JSON object");
        assertBad("", "JSON object");

        assertThat(sim.faults().latency()).isEqualTo(Duration.ZERO);
        assertThat(alice.get("/api/v3/ping", "").status()).isEqualTo(200);
        assertThat(alice.signed("POST", "/api/v3/order",
                "symbol=BTCUSDT&side=BUY&type=LIMIT&timeInForce=GTC&quantity=0.01&price=50000").status())
                .isEqualTo(200);
    }

    private void assertBad(String body, String... mentions) {
        Answer answer = control.post("/_sim/faults", body);
        assertThat(answer.status()).as(body).isEqualTo(400);
        assertThat(answer.error()).as(body).contains(mentions);
    }
}

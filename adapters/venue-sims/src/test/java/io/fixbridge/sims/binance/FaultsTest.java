package io.fixbridge.sims.binance;

import io.fixbridge.sims.binance.TestClient.Resp;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.UncheckedIOException;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FaultsTest {
    BinanceSimulator sim;
    TestClient alice;

    @BeforeEach
    void start() throws Exception {
        sim = Sims.builder().build();
        sim.start();
        alice = TestClient.hmac(sim, Sims.ALICE_KEY, Sims.ALICE_SECRET);
    }

    @AfterEach
    void stop() {
        sim.close();
    }

    @Test
    void latencyDelaysEveryRequest() {
        sim.faults().latency(Duration.ofMillis(400));
        long started = System.nanoTime();
        assertThat(alice.get("/api/v3/ping", "").status()).isEqualTo(200);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(400));
        sim.faults().latency(Duration.ZERO);
        started = System.nanoTime();
        alice.get("/api/v3/ping", "");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(400));
    }

    @Test
    void nextRequestsFailWithServerErrorsAndAreNotProcessed() {
        sim.faults().failNextRequests(2);
        Resp first = alice.signed("POST", "/api/v3/order",
                "symbol=BTCUSDT&side=BUY&type=LIMIT&timeInForce=GTC&quantity=0.01&price=50000&newClientOrderId=x-1");
        assertThat(first.status()).isEqualTo(503);
        assertThat(first.json()).hasToString(
                "{\"code\":-1001,\"msg\":\"Internal error; unable to process your request. Please try again.\"}");
        sim.faults().failNextRequests(1, 500);
        assertThat(alice.get("/fapi/v1/ping", "").status()).isEqualTo(500);
        assertThat(alice.get("/fapi/v1/ping", "").status()).isEqualTo(200);
        assertThat(alice.signed("GET", "/api/v3/order", "symbol=BTCUSDT&origClientOrderId=x-1").code())
                .isEqualTo(-2013);
        assertThat(sim.truth().spotOrders("alice")).isEmpty();
    }

    @Test
    void maintenanceRefusesOrderEntryButPingAnswers() {
        alice.signed("POST", "/api/v3/order",
                "symbol=BTCUSDT&side=BUY&type=LIMIT&timeInForce=GTC&quantity=0.01&price=50000&newClientOrderId=m-1");
        sim.faults().maintenance(true);
        assertThat(alice.get("/api/v3/ping", "").status()).isEqualTo(200);
        assertThat(alice.get("/api/v3/exchangeInfo", "symbol=BTCUSDT").json().get("symbols").get(0).get("status")
                .asText()).isEqualTo("BREAK");
        assertThat(alice.signed("POST", "/api/v3/order",
                "symbol=BTCUSDT&side=BUY&type=LIMIT&timeInForce=GTC&quantity=0.01&price=50000").json())
                .hasToString("{\"code\":-2010,\"msg\":\"Rest API trading is not enabled.\"}");
        assertThat(alice.signed("DELETE", "/api/v3/order", "symbol=BTCUSDT&origClientOrderId=m-1").code())
                .isEqualTo(-2011);
        Resp futures = alice.signed("POST", "/fapi/v1/order", "symbol=BTCUSDT&side=BUY&type=MARKET&quantity=0.01");
        assertThat(futures.status()).isEqualTo(503);
        assertThat(futures.code()).isEqualTo(-1016);
        assertThat(alice.signed("GET", "/api/v3/order", "symbol=BTCUSDT&origClientOrderId=m-1").json().get("status")
                .asText()).isEqualTo("NEW");
        sim.faults().maintenance(false);
        assertThat(alice.signed("DELETE", "/api/v3/order", "symbol=BTCUSDT&origClientOrderId=m-1").status())
                .isEqualTo(200);
    }

    @Test
    void lostResponseStillPlacesTheOrder() {
        try (WsClient ws = new WsClient(sim.wsApiUrl())) {
            SpotUserDataTest.subscribe(ws, Sims.ALICE_KEY, Sims.ALICE_SECRET);
            sim.faults().loseNextOrderResponse();
            assertThatThrownBy(() -> alice.signed("POST", "/api/v3/order",
                    "symbol=BTCUSDT&side=BUY&type=LIMIT&timeInForce=GTC&quantity=0.01&price=50000"
                            + "&newClientOrderId=lost-1"))
                    .isInstanceOf(UncheckedIOException.class);
            ws.awaitMessage(m -> "lost-1".equals(m.path("event").path("c").asText()));
            Resp found = alice.signed("GET", "/api/v3/order", "symbol=BTCUSDT&origClientOrderId=lost-1");
            assertThat(found.status()).isEqualTo(200);
            assertThat(found.json().get("status").asText()).isEqualTo("NEW");
            assertThat(alice.signed("POST", "/api/v3/order",
                    "symbol=BTCUSDT&side=BUY&type=LIMIT&timeInForce=GTC&quantity=0.01&price=50000").status())
                    .as("only the next order loses its response").isEqualTo(200);
        }
        sim.faults().loseNextOrderResponse();
        assertThat(alice.signed("POST", "/fapi/v1/order", "symbol=BTCUSDT&side=BUY&type=STOP_MARKET&quantity=0.01")
                .code()).as("a refused order is answered and keeps the fault armed").isEqualTo(-4120);
        assertThatThrownBy(() -> alice.signed("POST", "/fapi/v1/order",
                "symbol=BTCUSDT&side=BUY&type=MARKET&quantity=0.01&newClientOrderId=lost-f"))
                .isInstanceOf(UncheckedIOException.class);
        assertThat(alice.signed("GET", "/fapi/v1/order", "symbol=BTCUSDT&origClientOrderId=lost-f").json()
                .get("status").asText()).isEqualTo("FILLED");
    }

    @Test
    void droppedStreamsCanReconnect() {
        Resp key = alice.keyed("POST", "/fapi/v1/listenKey", "");
        String listenKey = key.json().get("listenKey").asText();
        WsClient futuresStream = new WsClient(sim.streamBaseUrl() + listenKey);
        WsClient wsApi = new WsClient(sim.wsApiUrl());
        SpotUserDataTest.subscribe(wsApi, Sims.ALICE_KEY, Sims.ALICE_SECRET);
        Awaitility.await().until(() -> sim.truth().openUserDataConnections() == 2);

        sim.faults().dropUserDataStreams();
        Awaitility.await().until(() -> futuresStream.isClosed() && wsApi.isClosed());
        Awaitility.await().until(() -> sim.truth().openUserDataConnections() == 0);

        try (WsClient again = new WsClient(sim.streamBaseUrl() + listenKey);
             WsClient wsAgain = new WsClient(sim.wsApiUrl())) {
            SpotUserDataTest.subscribe(wsAgain, Sims.ALICE_KEY, Sims.ALICE_SECRET);
            Awaitility.await().until(() -> sim.truth().openUserDataConnections() == 2);
            alice.signed("POST", "/fapi/v1/order", "symbol=BTCUSDT&side=BUY&type=MARKET&quantity=0.01"
                    + "&newClientOrderId=after-drop");
            again.awaitMessage(m -> "after-drop".equals(m.path("o").path("c").asText()));
            alice.signed("POST", "/api/v3/order", "symbol=BTCUSDT&side=BUY&type=MARKET&quantity=0.01"
                    + "&newClientOrderId=spot-after-drop");
            wsAgain.awaitMessage(m -> "spot-after-drop".equals(m.path("event").path("c").asText()));
        }
    }
}

package io.fixbridge.sims.binance;

import io.fixbridge.sims.binance.TestClient.Resp;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Behaviour that depends on time passing: GTD expiry and listen-key expiry, driven by a test clock. */
class ControlledClockTest {
    final TestClock clock = new TestClock();
    BinanceSimulator sim;
    TestClient alice;

    @BeforeEach
    void start() throws Exception {
        sim = Sims.builder().clock(clock).build();
        sim.start();
        alice = TestClient.hmac(sim, Sims.ALICE_KEY, Sims.ALICE_SECRET);
    }

    @AfterEach
    void stop() {
        sim.close();
    }

    private Resp signed(String method, String path, String params) {
        String payload = params + "&timestamp=" + clock.millis();
        String full = payload + "&signature=" + alice.sign(payload);
        boolean query = "GET".equals(method) || "DELETE".equals(method);
        return query ? alice.raw(method, path, full, "") : alice.raw(method, path, "", full);
    }

    @Test
    void goodTillDateOrdersExpire() {
        Resp tooSoon = signed("POST", "/fapi/v1/order", "symbol=BTCUSDT&side=BUY&type=LIMIT&timeInForce=GTD"
                + "&quantity=0.01&price=59000&goodTillDate=" + (clock.millis() + 60_000));
        assertThat(tooSoon.code()).isEqualTo(-5040);
        long gtd = clock.millis() + 700_000;
        Resp placed = signed("POST", "/fapi/v1/order", "symbol=BTCUSDT&side=BUY&type=LIMIT&timeInForce=GTD"
                + "&quantity=0.01&price=59000&newClientOrderId=gtd-1&goodTillDate=" + gtd);
        assertThat(placed.status()).as(placed.toString()).isEqualTo(200);
        assertThat(placed.json().get("timeInForce").asText()).isEqualTo("GTD");
        assertThat(placed.json().get("goodTillDate").asLong()).isEqualTo(gtd - gtd % 1000);
        clock.advance(800_000);
        Awaitility.await().until(() -> "EXPIRED".equals(signed("GET", "/fapi/v1/order",
                "symbol=BTCUSDT&origClientOrderId=gtd-1").json().path("status").asText()));
    }

    @Test
    void listenKeysExpireAfterAnHourWithoutKeepalive() {
        String key = alice.keyed("POST", "/fapi/v1/listenKey", "").json().get("listenKey").asText();
        try (WsClient stream = new WsClient(sim.streamBaseUrl() + key)) {
            clock.advance(59 * 60_000);
            assertThat(alice.keyed("PUT", "/fapi/v1/listenKey", "").status()).isEqualTo(200);
            clock.advance(59 * 60_000);
            assertThat(stream.isClosed()).isFalse();
            clock.advance(2 * 60_000);
            stream.awaitMessage(m -> "listenKeyExpired".equals(m.path("e").asText()));
            Awaitility.await().until(stream::isClosed);
        }
        assertThat(alice.keyed("PUT", "/fapi/v1/listenKey", "").code()).isEqualTo(-1125);
    }
}

package io.fixbridge.sims.binance;

import io.fixbridge.sims.binance.TestClient.Resp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class RateLimitTest {
    final TestClock clock = new TestClock();
    BinanceSimulator sim;
    TestClient alice;

    @BeforeEach
    void start() throws Exception {
        clock.set(System.currentTimeMillis() - Math.floorMod(System.currentTimeMillis(), 60_000) + 1_000);
        sim = Sims.builder().clock(clock)
                .spotLimits(new RateLimits(10, 3, 1000))
                .futuresLimits(new RateLimits(8, 2, 100))
                .banAfter(3, Duration.ofMinutes(2))
                .build();
        sim.start();
        alice = TestClient.hmac(sim, Sims.ALICE_KEY, Sims.ALICE_SECRET);
    }

    @AfterEach
    void stop() {
        sim.close();
    }

    private Resp signedAtSimTime(String method, String path, String params) {
        String payload = params + "&timestamp=" + clock.millis();
        String full = payload + "&signature=" + alice.sign(payload);
        boolean query = "GET".equals(method) || "DELETE".equals(method);
        return query ? alice.raw(method, path, full, "") : alice.raw(method, path, "", full);
    }

    @Test
    void weightHeadersCountUpAnd429ComesWithRetryAfterThen418() {
        for (int i = 1; i <= 10; i++) {
            Resp r = alice.get("/api/v3/ping", "");
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.header("X-MBX-USED-WEIGHT-1M")).hasValue(Integer.toString(i));
        }
        Resp limited = alice.get("/api/v3/ping", "");
        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.json()).hasToString("{\"code\":-1003,\"msg\":\"Too much request weight used; current limit "
                + "is 10 request weight per 1 MINUTE. Please use WebSocket Streams for live updates to avoid polling "
                + "the API.\"}");
        assertThat(limited.header("Retry-After")).hasValue("59");
        assertThat(alice.get("/fapi/v1/ping", "").status()).as("futures has its own limit").isEqualTo(200);
        alice.get("/api/v3/ping", "");
        Resp banned = alice.get("/api/v3/ping", "");
        assertThat(banned.status()).isEqualTo(418);
        assertThat(banned.code()).isEqualTo(-1003);
        assertThat(banned.msg()).startsWith("Way too much request weight used; IP banned until ");
        clock.advance(180_000);
        assertThat(alice.get("/api/v3/ping", "").status()).isEqualTo(200);
    }

    @Test
    void orderCountHeadersAndTheOrderLimit() {
        for (int i = 1; i <= 2; i++) {
            Resp r = signedAtSimTime("POST", "/fapi/v1/order", "symbol=BTCUSDT&side=BUY&type=LIMIT&timeInForce=GTC"
                    + "&quantity=0.01&price=50000");
            assertThat(r.status()).as(r.toString()).isEqualTo(200);
            assertThat(r.header("X-MBX-ORDER-COUNT-10S")).hasValue(Integer.toString(i));
        }
        Resp limited = signedAtSimTime("POST", "/fapi/v1/order", "symbol=BTCUSDT&side=BUY&type=LIMIT&timeInForce=GTC"
                + "&quantity=0.01&price=50000");
        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.json()).hasToString(
                "{\"code\":-1015,\"msg\":\"Too many new orders; current limit is 2 orders per 10 SECOND.\"}");
        assertThat(limited.header("Retry-After")).isEmpty();
        clock.advance(10_000);
        assertThat(signedAtSimTime("POST", "/fapi/v1/order", "symbol=BTCUSDT&side=BUY&type=LIMIT&timeInForce=GTC"
                + "&quantity=0.01&price=50000").status()).isEqualTo(200);
    }

    @Test
    void heavyEndpointsWeighWhatBinanceSays() {
        Resp all = signedAtSimTime("GET", "/api/v3/openOrders", "recvWindow=5000");
        assertThat(all.status()).as("80 > 10").isEqualTo(429);
        clock.advance(60_000);
        Resp one = signedAtSimTime("GET", "/api/v3/openOrders", "symbol=BTCUSDT");
        assertThat(one.header("X-MBX-USED-WEIGHT-1M")).hasValue("6");
        assertThat(one.header("X-MBX-ORDER-COUNT-1D")).hasValue("0");
    }
}

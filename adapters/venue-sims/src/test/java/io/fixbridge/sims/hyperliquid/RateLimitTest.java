package io.fixbridge.sims.hyperliquid;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;

import static io.fixbridge.sims.hyperliquid.HlClient.cancel;
import static io.fixbridge.sims.hyperliquid.HlClient.limit;
import static io.fixbridge.sims.hyperliquid.HlClient.order;
import static org.assertj.core.api.Assertions.assertThat;

/** The per-IP weight limit (HTTP 429) and the per-address cumulative request budget. */
class RateLimitTest {

    @Test
    void ipWeightOverTheMinuteBudgetIs429() throws Exception {
        try (HyperliquidSimulator sim = Keys.standard().rateLimits(new RateLimits(45, 10_000, 1)).build()) {
            sim.start();
            HlClient client = new HlClient(sim);
            // meta weighs 20, l2Book 2: 20 + 20 + 2 + 2 = 44 fits in 45, the next l2Book does not
            assertThat(client.post("/info", "{\"type\":\"meta\"}").statusCode()).isEqualTo(200);
            assertThat(client.post("/info", "{\"type\":\"meta\"}").statusCode()).isEqualTo(200);
            assertThat(client.post("/info", "{\"type\":\"l2Book\",\"coin\":\"BTC\"}").statusCode()).isEqualTo(200);
            assertThat(client.post("/info", "{\"type\":\"allMids\"}").statusCode()).isEqualTo(200);
            HttpResponse<String> limited = client.post("/info", "{\"type\":\"l2Book\",\"coin\":\"BTC\"}");
            assertThat(limited.statusCode()).isEqualTo(429);
            // an exchange action weighs 1: still fits
            assertThat(client.exchangeRaw(cancel(0, 1), Keys.ALICE, HlClient.nonce(), null, null).statusCode())
                    .isEqualTo(200);
            assertThat(client.exchangeRaw(cancel(0, 1), Keys.ALICE, HlClient.nonce(), null, null).statusCode())
                    .isEqualTo(429);
            sim.resetRateLimits();
            assertThat(client.post("/info", "{\"type\":\"meta\"}").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void theCumulativeBudgetGrowsWithVolume() throws Exception {
        try (HyperliquidSimulator sim = Keys.standard().rateLimits(new RateLimits(1200, 3, 1)).build()) {
            sim.start();
            HlClient client = new HlClient(sim);
            for (int i = 0; i < 3; i++) {
                assertThat(client.exchange(cancel(0, 1), Keys.BOB).path("status").asText()).isEqualTo("ok");
            }
            JsonNode refused = client.exchange(cancel(0, 1), Keys.BOB);
            assertThat(refused.path("status").asText()).isEqualTo("err");
            assertThat(refused.path("response").asText())
                    .startsWith("Too many cumulative requests sent (4 > 3) for cumulative volume traded $0.00.");
            JsonNode limits = client.info("{\"type\":\"userRateLimit\",\"user\":\"" + Keys.BOB.address() + "\"}");
            assertThat(limits.path("nRequestsUsed").asLong()).isEqualTo(3);
            assertThat(limits.path("nRequestsCap").asLong()).isEqualTo(3);
            // alice trades ~60 USDC: her cap grows by 60
            assertThat(client.exchange(order(limit(0, true, "60100", "0.001", "Ioc", null)), Keys.ALICE)
                    .path("status").asText()).isEqualTo("ok");
            JsonNode alice = client.info("{\"type\":\"userRateLimit\",\"user\":\"" + Keys.ALICE.address() + "\"}");
            assertThat(alice.path("nRequestsCap").asLong()).isEqualTo(63);
            assertThat(alice.path("cumVlm").asText()).isEqualTo("60.001");
        }
    }
}

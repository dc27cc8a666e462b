package io.fixbridge.sims.hyperliquid;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Duration;

import static io.fixbridge.sims.hyperliquid.HlClient.cancel;
import static io.fixbridge.sims.hyperliquid.HlClient.limit;
import static io.fixbridge.sims.hyperliquid.HlClient.order;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Injected failures, maintenance, lost responses and latency. */
class FaultsTest {
    HyperliquidSimulator sim;
    HlClient client;

    @BeforeEach
    void start() throws Exception {
        sim = Keys.standard().build();
        sim.start();
        client = new HlClient(sim);
    }

    @AfterEach
    void stop() {
        sim.close();
    }

    @Test
    void failNextRequestsAnswers5xxUnprocessed() {
        sim.faults().failNextRequests(2, 502);
        HttpResponse<String> first = client.exchangeRaw(order(limit(1, true, "2900", "0.01", "Gtc", null)),
                Keys.ALICE, HlClient.nonce(), null, null);
        assertThat(first.statusCode()).isEqualTo(502);
        assertThat(client.post("/info", "{\"type\":\"meta\"}").statusCode()).isEqualTo(502);
        assertThat(client.post("/info", "{\"type\":\"meta\"}").statusCode()).isEqualTo(200);
        assertThat(sim.truth().orders(Keys.ALICE.address())).isEmpty();
    }

    @Test
    void maintenanceStopsExchangeButNotInfo() {
        sim.faults().maintenance(true);
        assertThat(client.exchangeRaw(cancel(0, 1), Keys.ALICE, HlClient.nonce(), null, null).statusCode())
                .isEqualTo(503);
        assertThat(client.post("/info", "{\"type\":\"allMids\"}").statusCode()).isEqualTo(200);
        sim.faults().reset();
        assertThat(client.exchange(cancel(0, 1), Keys.ALICE).path("status").asText()).isEqualTo("ok");
    }

    @Test
    void aLostOrderResponseIsExecutedButNeverAnswered() {
        sim.faults().loseNextOrderResponse();
        // an err answer keeps the fault armed
        assertThat(client.exchange(order(limit(1, true, "2900", "0.01", "Gtc", null)), Keys.STRANGER)
                .path("status").asText()).isEqualTo("err");
        assertThatThrownBy(() -> client.exchangeRaw(order(limit(1, true, "2900", "0.01", "Gtc", null)), Keys.ALICE,
                HlClient.nonce(), null, null)).isInstanceOf(IllegalStateException.class);
        assertThat(sim.truth().orders(Keys.ALICE.address())).singleElement()
                .satisfies(o -> assertThat(o.status()).isEqualTo("open"));
        JsonNode next = client.exchange(order(limit(1, true, "2900", "0.01", "Gtc", null)), Keys.ALICE);
        assertThat(HlClient.status(next).has("resting")).isTrue();
    }

    @Test
    void latencyDelaysTheAnswer() {
        sim.faults().latency(Duration.ofMillis(300));
        long start = System.nanoTime();
        assertThat(client.post("/info", "{\"type\":\"meta\"}").statusCode()).isEqualTo(200);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
        sim.faults().reset();
        assertThat(sim.faults().latency()).isZero();
    }
}

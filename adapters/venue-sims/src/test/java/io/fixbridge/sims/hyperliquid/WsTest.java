package io.fixbridge.sims.hyperliquid;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static io.fixbridge.sims.hyperliquid.HlClient.cancel;
import static io.fixbridge.sims.hyperliquid.HlClient.limit;
import static io.fixbridge.sims.hyperliquid.HlClient.order;
import static io.fixbridge.sims.hyperliquid.HlClient.status;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The WebSocket: acks, snapshot then incremental fills, orderUpdates with cloid, books, mids, ping. */
class WsTest {
    HyperliquidSimulator sim;
    HlClient client;
    String alice;

    @BeforeEach
    void start() throws Exception {
        sim = Keys.standard().build();
        sim.start();
        client = new HlClient(sim);
        alice = Keys.ALICE.address().hex();
    }

    @AfterEach
    void stop() {
        sim.close();
    }

    @Test
    void userFillsStartsWithASnapshotThenSendsOnlyNewFills() {
        client.exchange(order(limit(0, true, "60100", "0.001", "Ioc", null)), Keys.ALICE);
        try (HlWs ws = new HlWs(sim.wsUrl())) {
            ws.subscribe("{\"type\":\"userFills\",\"user\":\"" + alice + "\"}");
            JsonNode snapshot = ws.awaitMessage(m -> "userFills".equals(m.path("channel").asText()));
            assertThat(snapshot.path("data").path("isSnapshot").asBoolean()).isTrue();
            assertThat(snapshot.path("data").path("user").asText()).isEqualTo(alice);
            assertThat(snapshot.path("data").path("fills")).hasSize(1);
            Shapes.assertHasShape("ws userFills", Shapes.fixture("ws_userFills.json"), snapshot);

            client.exchange(order(limit(0, true, "60100", "0.002", "Ioc", "0x000000000000000000000000000000c1")),
                    Keys.ALICE);
            await().atMost(Duration.ofSeconds(5)).until(() -> ws.channel("userFills").size() == 2);
            JsonNode update = ws.channel("userFills").get(1);
            assertThat(update.path("data").has("isSnapshot")).isFalse();
            JsonNode fill = update.path("data").path("fills").get(0);
            assertThat(fill.path("sz").asText()).isEqualTo("0.002");
            assertThat(fill.path("cloid").asText()).isEqualTo("0x000000000000000000000000000000c1");
            long firstTid = snapshot.path("data").path("fills").get(0).path("tid").asLong();
            assertThat(fill.path("tid").asLong()).isNotEqualTo(firstTid);
        }
    }

    @Test
    void orderUpdatesCarryTheCloidAndEachStatus() {
        try (HlWs ws = new HlWs(sim.wsUrl())) {
            ws.subscribe("{\"type\":\"orderUpdates\",\"user\":\"" + alice + "\"}");
            String cloid = "0x0000000000000000000000000000beef";
            long oid = status(client.exchange(order(limit(1, true, "2900", "0.01", "Gtc", cloid)), Keys.ALICE))
                    .path("resting").path("oid").asLong();
            JsonNode open = ws.awaitMessage(m -> "orderUpdates".equals(m.path("channel").asText()));
            Shapes.assertHasShape("ws orderUpdates", Shapes.fixture("ws_orderUpdates.json"), open);
            JsonNode item = open.path("data").get(0);
            assertThat(item.path("status").asText()).isEqualTo("open");
            assertThat(item.path("order").path("oid").asLong()).isEqualTo(oid);
            assertThat(item.path("order").path("cloid").asText()).isEqualTo(cloid);

            client.exchange(cancel(1, oid), Keys.ALICE);
            await().atMost(Duration.ofSeconds(5)).until(() -> ws.channel("orderUpdates").size() == 2);
            assertThat(ws.channel("orderUpdates").get(1).path("data").get(0).path("status").asText())
                    .isEqualTo("canceled");
        }
    }

    @Test
    void booksMidsPingAndErrors() {
        try (HlWs ws = new HlWs(sim.wsUrl())) {
            ws.subscribe("{\"type\":\"l2Book\",\"coin\":\"ETH\"}");
            JsonNode book = ws.awaitMessage(m -> "l2Book".equals(m.path("channel").asText()));
            assertThat(book.path("data").path("coin").asText()).isEqualTo("ETH");
            assertThat(book.path("data").path("levels").get(1).get(0).path("px").asText()).isEqualTo("3000.1");
            ws.subscribe("{\"type\":\"allMids\"}");
            JsonNode mids = ws.awaitMessage(m -> "allMids".equals(m.path("channel").asText()));
            assertThat(mids.path("data").path("mids").path("ETH").asText()).isEqualTo("3000.0");

            sim.market().moveMid("ETH", "3100");
            await().atMost(Duration.ofSeconds(5)).until(() -> ws.channel("allMids").stream()
                    .anyMatch(m -> "3100.0".equals(m.path("data").path("mids").path("ETH").asText())));
            await().atMost(Duration.ofSeconds(5)).until(() -> ws.channel("l2Book").stream().anyMatch(m ->
                    "3100.1".equals(m.path("data").path("levels").get(1).get(0).path("px").asText())));

            ws.send("{\"method\":\"ping\"}");
            ws.awaitMessage(m -> "pong".equals(m.path("channel").asText()));
            ws.send("{\"method\":\"subscribe\",\"subscription\":{\"type\":\"l2Book\",\"coin\":\"NOPE\"}}");
            JsonNode error = ws.awaitMessage(m -> "error".equals(m.path("channel").asText()));
            assertThat(error.path("data").asText()).startsWith("Invalid subscription");

            ws.send("{\"method\":\"unsubscribe\",\"subscription\":{\"type\":\"allMids\"}}");
            ws.awaitMessage(m -> "subscriptionResponse".equals(m.path("channel").asText())
                    && "unsubscribe".equals(m.path("data").path("method").asText()));
        }
    }

    @Test
    void dropStreamsClosesEveryConnectionAndAReconnectGetsAFreshSnapshot() {
        client.exchange(order(limit(0, true, "60100", "0.001", "Ioc", null)), Keys.ALICE);
        HlWs first = new HlWs(sim.wsUrl());
        first.subscribe("{\"type\":\"userFills\",\"user\":\"" + alice + "\"}");
        await().atMost(Duration.ofSeconds(5)).until(() -> sim.truth().openConnections() == 1);
        sim.faults().dropStreams();
        await().atMost(Duration.ofSeconds(5)).until(first::isClosed);
        // a fill while disconnected is in the next snapshot
        client.exchange(order(limit(0, true, "60100", "0.001", "Ioc", null)), Keys.ALICE);
        try (HlWs second = new HlWs(sim.wsUrl())) {
            second.subscribe("{\"type\":\"userFills\",\"user\":\"" + alice + "\"}");
            JsonNode snapshot = second.awaitMessage(m -> "userFills".equals(m.path("channel").asText()));
            assertThat(snapshot.path("data").path("fills")).hasSize(2);
        }
    }

    @Test
    void aSilentConnectionIsClosedAfterTheIdleTimeoutAPingingOneIsNot() throws Exception {
        try (HyperliquidSimulator quick = Keys.standard().wsIdleTimeout(Duration.ofMillis(400)).build()) {
            quick.start();
            HlWs silent = new HlWs(quick.wsUrl());
            await().atMost(Duration.ofSeconds(5)).until(silent::isClosed);
        }
    }
}

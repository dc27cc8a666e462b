package io.fixbridge.sims.hyperliquid;

import com.fasterxml.jackson.databind.JsonNode;
import io.fixbridge.sims.common.BookFeed;
import io.fixbridge.sims.common.SimJson;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static io.fixbridge.sims.hyperliquid.HlClient.cancel;
import static io.fixbridge.sims.hyperliquid.HlClient.limit;
import static io.fixbridge.sims.hyperliquid.HlClient.order;
import static io.fixbridge.sims.hyperliquid.HlClient.status;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The public market data channels: trades from every engine trade, l2Book whenever the book changes, the book-gap control. */
class MarketDataStreamTest {
    static final Duration WAIT = Duration.ofSeconds(5);
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

    static List<String> levels(JsonNode side) {
        List<String> out = new ArrayList<>();
        side.forEach(l -> out.add(new BigDecimal(l.path("px").asText()).stripTrailingZeros().toPlainString() + " x "
                + new BigDecimal(l.path("sz").asText()).stripTrailingZeros().toPlainString()));
        return out;
    }

    static List<String> levels(List<BookFeed.Level> side) {
        return side.stream().map(l -> l.price().stripTrailingZeros().toPlainString() + " x "
                + l.size().stripTrailingZeros().toPlainString()).toList();
    }

    void assertLastBookIsTheSimulators(HlWs ws, String coin) {
        await().atMost(WAIT).untilAsserted(() -> {
            List<JsonNode> books = ws.channel("l2Book");
            JsonNode last = books.get(books.size() - 1).path("data");
            BookFeed.Snapshot sim20 = sim.market().book(coin, 20);
            assertThat(levels(last.path("levels").get(0))).isEqualTo(levels(sim20.bids()));
            assertThat(levels(last.path("levels").get(1))).isEqualTo(levels(sim20.asks()));
        });
    }

    @Test
    void tradesCarryTheTakersSideAndBothUsers() {
        try (HlWs ws = new HlWs(sim.wsUrl())) {
            assertThat(sim.market().subscribers("trades", "BTC")).isZero();
            ws.subscribe("{\"type\":\"trades\",\"coin\":\"BTC\"}");
            assertThat(ws.channel("trades")).as("no snapshot of past trades").isEmpty();
            assertThat(sim.market().subscribers("trades", "BTC")).isEqualTo(1);
            assertThat(sim.market().subscribers("l2Book", "BTC")).isZero();

            client.exchange(order(limit(0, true, "60100", "0.002", "Ioc", null)), Keys.ALICE);
            JsonNode msg = ws.awaitMessage(m -> "trades".equals(m.path("channel").asText()));
            JsonNode t = msg.path("data").get(0);
            assertThat(PublicNames.of(t)).containsExactly("coin", "side", "px", "sz", "hash", "time", "tid", "users");
            assertThat(t.path("coin").asText()).isEqualTo("BTC");
            assertThat(t.path("side").asText()).as("the taker bought").isEqualTo("B");
            assertThat(t.path("sz").asText()).isEqualTo("0.002");
            assertThat(t.path("hash").asText()).matches("0x[0-9a-f]{64}");
            assertThat(t.path("tid").asLong()).isPositive().isLessThan(1L << 50);
            assertThat(t.path("time").asLong()).isPositive();
            assertThat(t.path("users").get(0).asText()).as("the buyer").isEqualTo(alice);
            assertThat(t.path("users").get(1).asText()).as("the seller, the market maker")
                    .isEqualTo(HlVenue.MARKET_MAKER);
            JsonNode fills = client.info("{\"type\":\"userFills\",\"user\":\"" + alice + "\"}");
            assertThat(t.path("px").asText()).isEqualTo(fills.get(0).path("px").asText());
            assertThat(t.path("hash").asText()).as("the fill's transaction").isEqualTo(fills.get(0).path("hash").asText());

            client.exchange(order(limit(0, false, "59900", "0.001", "Ioc", null)), Keys.ALICE);
            await().atMost(WAIT).until(() -> ws.channel("trades").size() == 2);
            JsonNode sell = ws.channel("trades").get(1).path("data").get(0);
            assertThat(sell.path("side").asText()).isEqualTo("A");
            assertThat(sell.path("users").get(1).asText()).isEqualTo(alice);
            assertThat(sell.path("tid").asLong()).isNotEqualTo(t.path("tid").asLong());

            ws.send("{\"method\":\"subscribe\",\"subscription\":{\"type\":\"trades\",\"coin\":\"NOPE\"}}");
            assertThat(ws.awaitMessage(m -> "error".equals(m.path("channel").asText())).path("data").asText())
                    .startsWith("Invalid subscription");
        }
    }

    @Test
    void anL2BookGoesOutWheneverTheBookChangesAndOnlyThen() {
        try (HlWs ws = new HlWs(sim.wsUrl())) {
            ws.subscribe("{\"type\":\"l2Book\",\"coin\":\"BTC\"}");
            await().atMost(WAIT).until(() -> ws.channel("l2Book").size() == 1);
            JsonNode first = ws.channel("l2Book").get(0).path("data");
            assertThat(first.path("levels").get(0)).hasSize(sim.market().book("BTC", 20).bids().size());
            assertThat(first.path("levels").get(0).get(0).path("n").asInt()).isPositive();

            JsonNode placed = client.exchange(order(limit(0, true, "59000", "0.5", "Gtc", null)), Keys.ALICE);
            long oid = status(placed).path("resting").path("oid").asLong();
            await().atMost(WAIT).until(() -> ws.channel("l2Book").size() == 2);
            assertLastBookIsTheSimulators(ws, "BTC");
            assertThat(levels(ws.channel("l2Book").get(1).path("data").path("levels").get(0)))
                    .as("a resting order changes the book without a trade").contains("59000 x 0.5");

            client.exchange(order(limit(0, true, "1", "0.5", "Gtc", null)), Keys.BOB);
            client.exchange(cancel(0, oid), Keys.ALICE);
            await().atMost(WAIT).until(() -> ws.channel("l2Book").size() >= 3);
            assertLastBookIsTheSimulators(ws, "BTC");
            assertThat(levels(ws.channel("l2Book").get(ws.channel("l2Book").size() - 1).path("data").path("levels")
                    .get(0))).doesNotContain("59000 x 0.5");

            sim.market().moveMid("BTC", "61000");
            assertLastBookIsTheSimulators(ws, "BTC");
            ws.subscribe("{\"type\":\"l2Book\",\"coin\":\"ETH\"}");
            long before = btcBooks(ws);
            sim.market().moveMid("BTC", "61000");
            client.info("{\"type\":\"l2Book\",\"coin\":\"BTC\"}");
            sim.market().moveMid("ETH", "3100");
            await().atMost(WAIT).until(() -> ws.channel("l2Book").stream().anyMatch(m -> "3100.1".equals(
                    m.path("data").path("levels").get(1).get(0).path("px").asText())));
            assertThat(btcBooks(ws)).as("nothing changed in BTC's book, so no l2Book of it").isEqualTo(before);
        }
    }

    @Test
    void aDroppedBookIsNoGapTheNextOneIsWhole() {
        try (HlWs ws = new HlWs(sim.wsUrl())) {
            ws.subscribe("{\"type\":\"l2Book\",\"coin\":\"ETH\"}");
            await().atMost(WAIT).until(() -> ws.channel("l2Book").size() == 1);
            sim.market().dropNextBookUpdate("ETH");
            sim.market().moveMid("ETH", "3050");
            sim.market().moveMid("ETH", "2990");
            await().atMost(WAIT).until(() -> ws.channel("l2Book").size() >= 2);
            assertLastBookIsTheSimulators(ws, "ETH");
            ws.subscribe("{\"type\":\"allMids\"}"); // its answer comes after anything sent before
            assertThat(ws.channel("l2Book")).as("the book of the first move was not sent").hasSize(2);
            assertThat(sim.market().book("ETH", 50).bids()).as("never more than 20 levels").hasSizeLessThanOrEqualTo(20);
            assertThat(sim.market().book("ETH", 3).asks()).hasSize(3);
        }
    }

    @Test
    void theBookGapControlDropsTheNextBook() {
        try (HlWs ws = new HlWs(sim.wsUrl())) {
            ws.subscribe("{\"type\":\"l2Book\",\"coin\":\"PURR/USDC\"}");
            await().atMost(WAIT).until(() -> ws.channel("l2Book").size() == 1);
            HttpResponse<String> r = client.post("/_sim/book-gap", "{\"symbol\":\"PURR/USDC\"}");
            assertThat(r.statusCode()).isEqualTo(200);
            JsonNode answer = SimJson.parse(r.body());
            assertThat(answer.path("dropped").asText()).isEqualTo("next");
            assertThat(answer.path("symbol").asText()).isEqualTo("PURR/USDC");
            sim.market().moveMid("PURR/USDC", "0.21");
            sim.market().moveMid("PURR/USDC", "0.19");
            await().atMost(WAIT).until(() -> ws.channel("l2Book").size() == 2);
            assertLastBookIsTheSimulators(ws, "PURR/USDC");
            assertThat(client.post("/_sim/book-gap", "{\"symbol\":\"DOGE\"}").statusCode()).isEqualTo(404);
            assertThat(client.post("/_sim/book-gap", "{\"coin\":\"BTC\"}").statusCode()).isEqualTo(400);
            assertThat(client.post("/_sim/health", "").statusCode()).as("health is GET only").isEqualTo(405);
        }
    }

    static long btcBooks(HlWs ws) {
        return ws.channel("l2Book").stream().filter(m -> "BTC".equals(m.path("data").path("coin").asText())).count();
    }

    /** Field names in order. */
    static final class PublicNames {
        static List<String> of(JsonNode n) {
            List<String> out = new ArrayList<>();
            n.fieldNames().forEachRemaining(out::add);
            return out;
        }
    }
}

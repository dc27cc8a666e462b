package io.fixbridge.sims.binance;

import com.fasterxml.jackson.databind.JsonNode;
import io.fixbridge.sims.common.BookFeed;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * USD-M futures public market streams over real sockets: diff depth with {@code T} and
 * {@code pu} on the {@code /public} route that a client following Binance's futures procedure
 * turns into the simulator's book, the gap as a {@code pu} mismatch, the 250 ms and 500 ms
 * streams, aggregate trades on the {@code /market} route only, and the futures message limit.
 */
class FuturesMarketStreamsTest {
    static BinanceSimulator sim;
    static TestClient alice;

    @BeforeAll
    static void start() throws Exception {
        sim = Sims.builder().build();
        sim.start();
        alice = TestClient.hmac(sim, Sims.ALICE_KEY, Sims.ALICE_SECRET);
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    private static WsClient connect(String path) {
        return new WsClient(sim.futuresStreamUrl() + path);
    }

    private static JsonNode data(JsonNode m) {
        return m.has("data") ? m.get("data") : m;
    }

    private static Predicate<JsonNode> depthEvent() {
        return m -> "depthUpdate".equals(data(m).path("e").asText());
    }

    private static void moveAndSequence(long ticks) {
        long before = sim.futuresMarket().lastBookUpdateId("BTCUSDT");
        sim.futuresMarket().moveMid("BTCUSDT", ticks);
        await().atMost(Duration.ofSeconds(5)).until(() -> sim.futuresMarket().lastBookUpdateId("BTCUSDT") > before);
    }

    private static JsonNode awaitLatest(WsClient ws) {
        long lastId = sim.futuresMarket().lastBookUpdateId("BTCUSDT");
        return ws.awaitMessage(m -> depthEvent().test(m) && data(m).get("u").asLong() == lastId);
    }

    @Test
    void aClientFollowingTheDocumentedFuturesProcedureEndsWithTheSimulatorsBook() {
        try (WsClient ws = connect("/public/ws")) {
            ws.send("{\"method\":\"SUBSCRIBE\",\"params\":[\"btcusdt@depth@100ms\"],\"id\":1}");
            assertThat(ws.awaitMessage(m -> m.path("id").asInt() == 1)).hasToString("{\"result\":null,\"id\":1}");
            assertThat(sim.futuresMarket().streamSubscriptions()).contains("btcusdt@depth@100ms");
            assertThat(sim.spotMarket().streamSubscriptions()).isEmpty();
            moveAndSequence(3);
            ws.awaitMessage(depthEvent());
            sim.futuresMarket().moveMid("BTCUSDT", -2);
            JsonNode snapshot = alice.get("/fapi/v1/depth", "symbol=BTCUSDT&limit=1000").json();
            assertThat(snapshot.fieldNames()).toIterable().containsExactly("lastUpdateId", "E", "T", "bids", "asks");
            DocumentedBook book = new DocumentedBook(true);
            book.snapshot(snapshot, 0);
            for (long move : List.of(4L, -1L, 2L)) {
                sim.futuresMarket().moveMid("BTCUSDT", move);
                await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
                    BookFeed.Snapshot truth = sim.futuresMarket().book("BTCUSDT", 1000);
                    assertThat(book.catchUp(ws.messages)).as("%s", book.gap()).isTrue();
                    assertThat(book.matches(truth)).as("%s vs %s", book, truth).isTrue();
                    assertThat(book.lastUpdateId()).isEqualTo(truth.lastId());
                });
            }
            List<JsonNode> events = ws.messages.stream().filter(depthEvent()).toList();
            assertThat(events.get(0).fieldNames()).toIterable()
                    .containsExactly("e", "E", "T", "s", "U", "u", "pu", "b", "a");
            for (int i = 1; i < events.size(); i++) {
                assertThat(events.get(i).get("pu").asLong()).isEqualTo(events.get(i - 1).get("u").asLong());
            }
            assertThat(events.get(0).get("b").get(0).get(0).asText()).doesNotEndWith("0");
        }
    }

    @Test
    void aWithheldUpdateShowsAsAPuMismatch() {
        try (WsClient ws = connect("/public/ws/btcusdt@depth@100ms")) {
            await().until(() -> sim.futuresMarket().streamSubscriptions().contains("btcusdt@depth@100ms"));
            moveAndSequence(1);
            JsonNode before = awaitLatest(ws);
            sim.futuresMarket().dropNextBookUpdate("BTCUSDT");
            moveAndSequence(2);
            moveAndSequence(-3);
            JsonNode after = awaitLatest(ws);
            assertThat(after.get("pu").asLong()).as("pu names the withheld event's u, not the last one sent")
                    .isNotEqualTo(before.get("u").asLong()).isGreaterThan(before.get("u").asLong());
            assertThat(ws.messages.stream().filter(depthEvent())
                    .filter(m -> m.get("U").asLong() > before.get("u").asLong()).findFirst().orElseThrow())
                    .isEqualTo(after);
        }
    }

    @Test
    void slowerStreamsCarryTheSameIdsInFewerEvents() {
        try (WsClient ws = connect("/public/stream?streams=btcusdt@depth/btcusdt@depth@500ms/btcusdt@depth@100ms")) {
            await().until(() -> sim.futuresMarket().streamSubscriptions().contains("btcusdt@depth@500ms"));
            for (long move : List.of(1L, -2L, 3L, -1L)) {
                moveAndSequence(move);
            }
            long lastId = sim.futuresMarket().lastBookUpdateId("BTCUSDT");
            for (String stream : List.of("btcusdt@depth", "btcusdt@depth@500ms", "btcusdt@depth@100ms")) {
                await().atMost(Duration.ofSeconds(5)).until(() -> ws.messages.stream()
                        .anyMatch(m -> stream.equals(m.path("stream").asText()) && data(m).get("u").asLong() == lastId));
            }
            List<JsonNode> fast = events(ws, "btcusdt@depth@100ms");
            for (String slow : List.of("btcusdt@depth", "btcusdt@depth@500ms")) {
                List<JsonNode> events = events(ws, slow);
                assertThat(events.size()).as(slow).isLessThanOrEqualTo(fast.size());
                for (int i = 1; i < events.size(); i++) {
                    assertThat(events.get(i).get("pu").asLong()).isEqualTo(events.get(i - 1).get("u").asLong());
                }
                assertThat(events.get(events.size() - 1).get("u").asLong()).isEqualTo(lastId);
            }
        }
    }

    private static List<JsonNode> events(WsClient ws, String stream) {
        return ws.messages.stream().filter(m -> stream.equals(m.path("stream").asText())).map(m -> m.get("data"))
                .toList();
    }

    @Test
    void aggregateTradesComeOnTheMarketRouteOnly() {
        try (WsClient market = connect("/market/ws/btcusdt@aggTrade");
             WsClient publicRoute = connect("/public/ws/btcusdt@aggTrade");
             WsClient depthOnMarket = connect("/market/ws/btcusdt@depth@100ms")) {
            await().until(() -> sim.futuresMarket().streamSubscriptions().stream()
                    .filter("btcusdt@aggTrade"::equals).count() == 2);
            BigDecimal ask = sim.futuresMarket().top("BTCUSDT").ask();
            assertThat(alice.signed("POST", "/fapi/v1/order", "symbol=BTCUSDT&side=BUY&type=MARKET&quantity=0.01")
                    .status()).isEqualTo(200);
            JsonNode agg = market.awaitMessage(m -> "aggTrade".equals(m.path("e").asText()));
            assertThat(agg.fieldNames()).toIterable().containsExactly("e", "E", "s", "a", "p", "q", "f", "l", "T", "m");
            assertThat(new BigDecimal(agg.get("p").asText())).isEqualByComparingTo(ask);
            assertThat(agg.get("q").asText()).isEqualTo("0.01");
            assertThat(agg.get("m").asBoolean()).isFalse();
            assertThat(agg.get("f").asLong()).isEqualTo(agg.get("l").asLong());
            try (WsClient depth = connect("/public/ws/btcusdt@depth@100ms")) {
                await().until(() -> sim.futuresMarket().streamSubscriptions().stream()
                        .filter("btcusdt@depth@100ms"::equals).count() == 2);
                moveAndSequence(-1);
                awaitLatest(depth);
            }
            assertThat(publicRoute.messages).as("aggTrade belongs to /market").isEmpty();
            assertThat(depthOnMarket.messages).as("depth belongs to /public").isEmpty();
        }
    }

    @Test
    void aFuturesConnectionMaySendTenMessagesASecond() {
        try (WsClient ws = connect("/public/ws")) {
            for (int i = 1; i <= 10; i++) {
                ws.send("{\"method\":\"LIST_SUBSCRIPTIONS\",\"id\":" + i + "}");
            }
            await().until(() -> ws.messages.size() == 10);
            ws.send("{\"method\":\"LIST_SUBSCRIPTIONS\",\"id\":11}");
            await().atMost(Duration.ofSeconds(5)).until(ws::isClosed);
            assertThat(ws.messages).noneMatch(m -> m.path("id").asInt() == 11);
        }
    }

    @Test
    void restDepthAnswersAlignedIdsAndTimes() {
        JsonNode depth = alice.get("/fapi/v1/depth", "symbol=BTCUSDT&limit=5").json();
        assertThat(depth.get("bids")).hasSize(5);
        assertThat(depth.get("lastUpdateId").asLong()).isEqualTo(sim.futuresMarket().book("BTCUSDT", 5).lastId());
        assertThat(depth.get("T").asLong()).isLessThanOrEqualTo(depth.get("E").asLong());
        assertThat(alice.get("/fapi/v1/depth", "symbol=NOPE").code()).isEqualTo(-1121);
    }
}

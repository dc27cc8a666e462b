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
 * Spot public market streams over real sockets: diff depth that a client following Binance's
 * documented procedure turns into the simulator's book, the switchable gap, the live
 * SUBSCRIBE/UNSUBSCRIBE/LIST_SUBSCRIPTIONS/property requests and their errors, the 1000 ms stream
 * merging what the 100 ms stream sends, trades and aggregate trades, the incoming message limit,
 * and the control-plane gap and drop.
 */
class SpotMarketStreamsTest {
    static BinanceSimulator sim;
    static TestClient alice;
    static ControlClient control;

    @BeforeAll
    static void start() throws Exception {
        sim = Sims.builder().build();
        sim.start();
        alice = TestClient.hmac(sim, Sims.ALICE_KEY, Sims.ALICE_SECRET);
        control = new ControlClient(sim);
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    private static WsClient connect(String path) {
        return new WsClient(sim.spotMarketStreamUrl() + path);
    }

    private static Predicate<JsonNode> depthEvent() {
        return m -> "depthUpdate".equals(m.path("e").asText()) || "depthUpdate".equals(m.path("data").path("e").asText());
    }

    /** Moves the mid and waits until the depth feed has sequenced the change. */
    private static void moveAndSequence(String symbol, long ticks) {
        long before = sim.spotMarket().lastBookUpdateId(symbol);
        sim.spotMarket().moveMid(symbol, ticks);
        await().atMost(Duration.ofSeconds(5)).until(() -> sim.spotMarket().lastBookUpdateId(symbol) > before);
    }

    /** Waits for the depth event that brings the stream up to everything sequenced so far. */
    private static JsonNode awaitLatest(WsClient ws, String symbol) {
        long lastId = sim.spotMarket().lastBookUpdateId(symbol);
        return ws.awaitMessage(m -> depthEvent().test(m) && (m.has("data") ? m.get("data") : m).get("u").asLong() == lastId);
    }

    @Test
    void aClientFollowingTheDocumentedProcedureEndsWithTheSimulatorsBook() {
        try (WsClient ws = connect("/ws/btcusdt@depth@100ms")) {
            await().until(() -> sim.spotMarket().streamSubscriptions().contains("btcusdt@depth@100ms"));
            moveAndSequence("BTCUSDT", 2);
            ws.awaitMessage(depthEvent());
            sim.spotMarket().moveMid("BTCUSDT", -1); // possibly still unsent when the snapshot is taken
            JsonNode snapshot = alice.get("/api/v3/depth", "symbol=BTCUSDT&limit=1000").json();
            assertThat(snapshot.fieldNames()).toIterable().containsExactly("lastUpdateId", "bids", "asks");
            assertThat(snapshot.get("lastUpdateId").asLong()).isPositive();
            DocumentedBook book = new DocumentedBook(false);
            book.snapshot(snapshot, 0);
            for (long move : List.of(3L, -2L, 5L)) {
                sim.spotMarket().moveMid("BTCUSDT", move);
                await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
                    BookFeed.Snapshot truth = sim.spotMarket().book("BTCUSDT", 1000);
                    assertThat(book.catchUp(ws.messages)).as("%s", book.gap()).isTrue();
                    assertThat(book.matches(truth)).as("%s vs %s", book, truth).isTrue();
                    assertThat(book.lastUpdateId()).isEqualTo(truth.lastId());
                });
            }
            JsonNode event = ws.messages.stream().filter(depthEvent()).findFirst().orElseThrow();
            assertThat(event.fieldNames()).toIterable().containsExactly("e", "E", "s", "U", "u", "b", "a");
            assertThat(event.get("s").asText()).isEqualTo("BTCUSDT");
            assertThat(event.get("E").asLong()).isCloseTo(System.currentTimeMillis(),
                    org.assertj.core.data.Offset.offset(60_000L));
            assertThat(event.get("b").get(0).get(0).asText()).matches("\\d+\\.\\d{8}");
        }
    }

    @Test
    void aWithheldUpdateShowsAsAJumpInU() {
        try (WsClient ws = connect("/ws/ethusdt@depth@100ms")) {
            await().until(() -> sim.spotMarket().streamSubscriptions().contains("ethusdt@depth@100ms"));
            moveAndSequence("ETHUSDT", 1);
            JsonNode before = awaitLatest(ws, "ETHUSDT");
            sim.spotMarket().dropNextBookUpdate("ETHUSDT");
            moveAndSequence("ETHUSDT", 2);
            moveAndSequence("ETHUSDT", -4);
            JsonNode after = ws.awaitMessage(m -> depthEvent().test(m) && m.get("U").asLong() > before.get("u").asLong());
            assertThat(after.get("U").asLong()).as("U jumps past the withheld update")
                    .isGreaterThan(before.get("u").asLong() + 1);
            com.fasterxml.jackson.databind.node.ObjectNode fromBefore = TestClient.JSON.createObjectNode();
            fromBefore.put("lastUpdateId", before.get("u").asLong());
            fromBefore.putArray("bids");
            fromBefore.putArray("asks");
            DocumentedBook book = new DocumentedBook(false);
            book.snapshot(fromBefore, ws.messages.indexOf(before) + 1);
            assertThat(book.catchUp(ws.messages)).isFalse();
            assertThat(book.gap()).contains("does not continue");
        }
    }

    @Test
    void subscribeUnsubscribeAndListAnswerLikeBinance() {
        try (WsClient ws = connect("/ws")) {
            ws.send("{\"method\":\"SUBSCRIBE\",\"params\":[\"btcusdt@depth@100ms\",\"btcusdt@trade\"],\"id\":1}");
            assertThat(ws.awaitMessage(m -> m.path("id").asInt() == 1)).hasToString("{\"result\":null,\"id\":1}");
            ws.send("{\"method\":\"LIST_SUBSCRIPTIONS\",\"id\":2}");
            assertThat(ws.awaitMessage(m -> m.path("id").asInt() == 2))
                    .hasToString("{\"result\":[\"btcusdt@depth@100ms\",\"btcusdt@trade\"],\"id\":2}");
            assertThat(sim.spotMarket().streamSubscriptions()).contains("btcusdt@depth@100ms", "btcusdt@trade");
            ws.send("{\"method\":\"UNSUBSCRIBE\",\"params\":[\"btcusdt@trade\"],\"id\":\"abc\"}");
            assertThat(ws.awaitMessage(m -> "abc".equals(m.path("id").asText())))
                    .hasToString("{\"result\":null,\"id\":\"abc\"}");
            ws.send("{\"method\":\"LIST_SUBSCRIPTIONS\",\"id\":4}");
            assertThat(ws.awaitMessage(m -> m.path("id").asInt() == 4))
                    .hasToString("{\"result\":[\"btcusdt@depth@100ms\"],\"id\":4}");
            assertThat(sim.spotMarket().streamSubscriptions()).doesNotContain("btcusdt@trade");
            moveAndSequence("BTCUSDT", 1);
            JsonNode event = ws.awaitMessage(depthEvent());
            assertThat(event.has("stream")).as("a /ws connection gets raw events").isFalse();
        }
        await().until(() -> !sim.spotMarket().streamSubscriptions().contains("btcusdt@depth@100ms"));
    }

    @Test
    void malformedRequestsGetBinancesErrors() {
        try (WsClient ws = connect("/ws")) {
            ws.send("{\"method\":\"SUBSCRIBED\",\"params\":[\"btcusdt@trade\"],\"id\":1}");
            JsonNode unknown = ws.awaitMessage(m -> m.has("code"));
            assertThat(unknown.get("code").asInt()).isEqualTo(2);
            assertThat(unknown.get("msg").asText()).startsWith("Invalid request: unknown variant `SUBSCRIBED`, "
                    + "expected one of `SUBSCRIBE`, `UNSUBSCRIBE`, `LIST_SUBSCRIPTIONS`, `SET_PROPERTY`, `GET_PROPERTY`");
            ws.send("{\"method\":");
            assertThat(ws.awaitMessage(m -> m.path("code").asInt() == 3).get("msg").asText())
                    .startsWith("Invalid JSON");
            ws.send("{\"params\":[],\"id\":5}");
            assertThat(ws.awaitMessage(m -> m.path("msg").asText().contains("missing field `method`")).get("code")
                    .asInt()).isEqualTo(2);
            ws.send("{\"method\":\"LIST_SUBSCRIPTIONS\",\"id\":[1]}");
            assertThat(ws.awaitMessage(m -> m.path("msg").asText().contains("request ID")).get("code").asInt())
                    .isEqualTo(2);
            ws.send("{\"method\":\"SET_PROPERTY\",\"params\":[\"nested\",true],\"id\":9}");
            assertThat(ws.awaitMessage(m -> m.path("id").asInt() == 9))
                    .hasToString("{\"code\":0,\"msg\":\"Unknown property\",\"id\":9}");
        }
    }

    @Test
    void combinedStreamsWrapAndTheSlowStreamMergesWhatTheFastOneSends() {
        try (WsClient ws = connect("/stream?streams=btcusdt@depth/btcusdt@depth@100ms")) {
            await().until(() -> sim.spotMarket().streamSubscriptions().contains("btcusdt@depth"));
            for (long move : List.of(1L, 2L, -1L, 3L, -2L)) {
                moveAndSequence("BTCUSDT", move);
            }
            await().atMost(Duration.ofSeconds(5)).until(() -> ws.messages.stream()
                    .anyMatch(m -> "btcusdt@depth".equals(m.path("stream").asText())));
            moveAndSequence("BTCUSDT", 1);
            long lastId = sim.spotMarket().lastBookUpdateId("BTCUSDT");
            await().atMost(Duration.ofSeconds(5)).until(() -> ws.messages.stream()
                    .anyMatch(m -> "btcusdt@depth".equals(m.path("stream").asText())
                            && m.path("data").path("u").asLong() == lastId));
            List<JsonNode> fast = ws.messages.stream().filter(m -> "btcusdt@depth@100ms".equals(m.path("stream").asText()))
                    .map(m -> m.get("data")).toList();
            List<JsonNode> slow = ws.messages.stream().filter(m -> "btcusdt@depth".equals(m.path("stream").asText()))
                    .map(m -> m.get("data")).toList();
            assertThat(slow.size()).isLessThan(fast.size());
            for (JsonNode s : slow) {
                assertThat(fast).as("the 1000 ms event %s starts where a 100 ms event starts", s)
                        .anyMatch(f -> f.get("U").asLong() == s.get("U").asLong());
                assertThat(fast).as("the 1000 ms event %s ends where a 100 ms event ends", s)
                        .anyMatch(f -> f.get("u").asLong() == s.get("u").asLong());
            }
            for (int i = 1; i < slow.size(); i++) {
                assertThat(slow.get(i).get("U").asLong()).isEqualTo(slow.get(i - 1).get("u").asLong() + 1);
            }
        }
    }

    @Test
    void setPropertyCombinedWrapsEventsOnARawConnection() {
        try (WsClient ws = connect("/ws/btcusdt@depth@100ms")) {
            ws.send("{\"method\":\"SET_PROPERTY\",\"params\":[\"combined\",true],\"id\":1}");
            assertThat(ws.awaitMessage(m -> m.path("id").asInt() == 1)).hasToString("{\"result\":null,\"id\":1}");
            ws.send("{\"method\":\"GET_PROPERTY\",\"params\":[\"combined\"],\"id\":2}");
            assertThat(ws.awaitMessage(m -> m.path("id").asInt() == 2)).hasToString("{\"result\":true,\"id\":2}");
            moveAndSequence("BTCUSDT", -1);
            JsonNode wrapped = ws.awaitMessage(m -> m.has("stream"));
            assertThat(wrapped.get("stream").asText()).isEqualTo("btcusdt@depth@100ms");
            assertThat(wrapped.get("data").get("e").asText()).isEqualTo("depthUpdate");
        }
    }

    @Test
    void tradesAndAggregateTradesAppearWhenAnOrderCrosses() {
        try (WsClient ws = connect("/ws/btcusdt@trade/btcusdt@aggTrade")) {
            await().until(() -> sim.spotMarket().streamSubscriptions().contains("btcusdt@aggTrade"));
            BigDecimal ask = sim.spotMarket().top("BTCUSDT").ask();
            assertThat(alice.signed("POST", "/api/v3/order", "symbol=BTCUSDT&side=BUY&type=MARKET&quantity=0.01")
                    .status()).isEqualTo(200);
            JsonNode trade = ws.awaitMessage(m -> "trade".equals(m.path("e").asText()));
            assertThat(trade.fieldNames()).toIterable().containsExactly("e", "E", "s", "t", "p", "q", "T", "m", "M");
            assertThat(trade.get("s").asText()).isEqualTo("BTCUSDT");
            assertThat(new BigDecimal(trade.get("p").asText())).isEqualByComparingTo(ask);
            assertThat(trade.get("q").asText()).isEqualTo("0.01000000");
            assertThat(trade.get("m").asBoolean()).as("a buyer that takes is not the maker").isFalse();
            JsonNode agg = ws.awaitMessage(m -> "aggTrade".equals(m.path("e").asText()));
            assertThat(agg.fieldNames()).toIterable()
                    .containsExactly("e", "E", "s", "a", "p", "q", "f", "l", "T", "m", "M");
            assertThat(agg.get("f").asLong()).isEqualTo(trade.get("t").asLong()).isEqualTo(agg.get("l").asLong());
            assertThat(agg.get("m").asBoolean()).isFalse();

            assertThat(alice.signed("POST", "/api/v3/order", "symbol=BTCUSDT&side=SELL&type=MARKET&quantity=0.01")
                    .status()).isEqualTo(200);
            JsonNode sold = ws.awaitMessage(m -> "trade".equals(m.path("e").asText())
                    && m.get("t").asLong() > trade.get("t").asLong());
            assertThat(sold.get("m").asBoolean()).as("the buyer rested: it made the trade").isTrue();
            JsonNode soldAgg = ws.awaitMessage(m -> "aggTrade".equals(m.path("e").asText())
                    && m.get("a").asLong() > agg.get("a").asLong());
            assertThat(soldAgg.get("a").asLong()).isEqualTo(agg.get("a").asLong() + 1);
        }
    }

    @Test
    void aConnectionSendingMoreThanFiveMessagesASecondIsDisconnected() {
        try (WsClient ws = connect("/ws")) {
            for (int i = 1; i <= 6; i++) {
                ws.send("{\"method\":\"LIST_SUBSCRIPTIONS\",\"id\":" + i + "}");
            }
            await().atMost(Duration.ofSeconds(5)).until(ws::isClosed);
            assertThat(ws.messages).hasSizeLessThanOrEqualTo(5);
        }
    }

    @Test
    void theControlPlaneWithholdsAnUpdateAndDropsMarketStreams() {
        try (WsClient ws = connect("/ws/btcusdt@depth@100ms")) {
            await().until(() -> sim.spotMarket().streamSubscriptions().contains("btcusdt@depth@100ms"));
            moveAndSequence("BTCUSDT", 1);
            JsonNode before = awaitLatest(ws, "BTCUSDT");
            ControlClient.Answer gap = control.post("/_sim/book-gap", "{\"symbol\":\"BTCUSDT\",\"market\":\"spot\"}");
            assertThat(gap.status()).isEqualTo(200);
            assertThat(gap.json()).hasToString("{\"dropped\":\"next\",\"symbol\":\"BTCUSDT\",\"markets\":[\"spot\"]}");
            moveAndSequence("BTCUSDT", 2);
            moveAndSequence("BTCUSDT", -3);
            JsonNode after = ws.awaitMessage(m -> depthEvent().test(m) && m.get("U").asLong() > before.get("u").asLong());
            assertThat(after.get("U").asLong()).isGreaterThan(before.get("u").asLong() + 1);

            assertThat(control.post("/_sim/book-gap", "{\"symbol\":\"NOPE\"}").status()).isEqualTo(400);
            assertThat(control.post("/_sim/book-gap", "{\"symbol\":\"BTCUSDT\",\"depth\":1}").status()).isEqualTo(400);
            assertThat(control.post("/_sim/faults", "{\"dropMarketStreams\":true}").status()).isEqualTo(200);
            await().atMost(Duration.ofSeconds(5)).until(ws::isClosed);
            await().until(() -> sim.spotMarket().streamConnections() == 0);
        }
    }

    @Test
    void aListenKeyPathIsStillAUserDataStream() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> connect("/ws/notalistenkey"))
                .isInstanceOf(IllegalStateException.class);
        try (WsClient ws = connect("/stream/0")) {
            ws.send("{\"method\":\"SUBSCRIBE\",\"params\":[\"ethusdt@depth@100ms\"],\"id\":7}");
            assertThat(ws.awaitMessage(m -> m.path("id").asInt() == 7)).hasToString("{\"result\":null,\"id\":7}");
            moveAndSequence("ETHUSDT", 1);
            assertThat(ws.awaitMessage(m -> m.has("stream")).get("stream").asText()).isEqualTo("ethusdt@depth@100ms");
        }
    }
}

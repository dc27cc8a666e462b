package io.fixbridge.sims.bybit;

import com.fasterxml.jackson.databind.JsonNode;
import io.fixbridge.sims.bybit.BybitClient.Resp;
import io.fixbridge.sims.common.BookFeed;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The public WebSockets ({@code /v5/public/...}), the REST orderbook and the book-gap control, over real sockets. */
class PublicStreamTest {
    static final Duration WAIT = Duration.ofSeconds(10);
    static final String BOOK50 = "orderbook.50.BTCUSDT";

    BybitSimulator sim;
    BybitClient alice;
    final List<PrivateWs> sockets = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        sim = Fixtures.builder().build();
        sim.start();
        alice = Fixtures.alice(sim);
    }

    @AfterEach
    void stop() {
        sockets.forEach(PrivateWs::close);
        sim.close();
    }

    PrivateWs connect(Category category) {
        PrivateWs ws = new PrivateWs(sim.publicWsUrl(category));
        sockets.add(ws);
        return ws;
    }

    static JsonNode op(PrivateWs ws, String op, int nth) {
        await().atMost(WAIT).until(() -> ops(ws, op).size() > nth);
        return ops(ws, op).get(nth);
    }

    static List<JsonNode> ops(PrivateWs ws, String op) {
        return ws.messages.stream().filter(m -> op.equals(m.path("op").asText()) && !m.has("topic")).toList();
    }

    static List<JsonNode> topic(PrivateWs ws, String topic) {
        return ws.messages.stream().filter(m -> topic.equals(m.path("topic").asText())).toList();
    }

    /** A book rebuilt from one topic's messages, checking that u goes up by one per delta. */
    static final class Mirror {
        final NavigableMap<BigDecimal, BigDecimal> bids = new TreeMap<>(Collections.reverseOrder());
        final NavigableMap<BigDecimal, BigDecimal> asks = new TreeMap<>();
        long u;
        final List<Long> gapsAt = new ArrayList<>();

        static Mirror of(List<JsonNode> messages) {
            Mirror m = new Mirror();
            for (JsonNode msg : messages) {
                JsonNode data = msg.get("data");
                long next = data.get("u").asLong();
                if ("snapshot".equals(msg.get("type").asText())) {
                    m.bids.clear();
                    m.asks.clear();
                } else if (next != m.u + 1) {
                    m.gapsAt.add(next);
                }
                m.u = next;
                apply(m.bids, data.get("b"));
                apply(m.asks, data.get("a"));
            }
            return m;
        }

        private static void apply(NavigableMap<BigDecimal, BigDecimal> side, JsonNode levels) {
            for (JsonNode l : levels) {
                BigDecimal price = new BigDecimal(l.get(0).asText());
                BigDecimal size = new BigDecimal(l.get(1).asText());
                if (size.signum() == 0) {
                    side.remove(price);
                } else {
                    side.put(price, size);
                }
            }
        }

        List<String> top(NavigableMap<BigDecimal, BigDecimal> side, int n) {
            return side.entrySet().stream().limit(n).map(e -> e.getKey().stripTrailingZeros().toPlainString() + "x"
                    + e.getValue().stripTrailingZeros().toPlainString()).toList();
        }
    }

    static List<String> levels(List<BookFeed.Level> levels) {
        return levels.stream().map(l -> l.price().stripTrailingZeros().toPlainString() + "x"
                + l.size().stripTrailingZeros().toPlainString()).collect(Collectors.toList());
    }

    void assertMirrors(PrivateWs ws, String topic, int depth, MarketControl market, String symbol) {
        await().atMost(WAIT).untilAsserted(() -> {
            Mirror m = Mirror.of(topic(ws, topic));
            BookFeed.Snapshot book = market.book(symbol, depth);
            assertThat(m.top(m.bids, depth)).isEqualTo(levels(book.bids()));
            assertThat(m.top(m.asks, depth)).isEqualTo(levels(book.asks()));
        });
    }

    @Test
    void subscribeAnswersThenSendsASnapshotOfTheBook() {
        PrivateWs ws = connect(Category.LINEAR);
        ws.send("{\"op\":\"subscribe\",\"args\":[\"" + BOOK50 + "\",\"publicTrade.BTCUSDT\"],\"req_id\":\"r1\"}");

        JsonNode ack = op(ws, "subscribe", 0);
        assertThat(PrivateStreamTest.names(ack)).containsExactly("success", "ret_msg", "conn_id", "req_id", "op");
        assertThat(ack.get("success").asBoolean()).isTrue();
        assertThat(ack.get("ret_msg").asText()).isEmpty();
        assertThat(ack.get("req_id").asText()).isEqualTo("r1");
        assertThat(ack.get("conn_id").asText()).isNotBlank();

        await().atMost(WAIT).until(() -> !topic(ws, BOOK50).isEmpty());
        JsonNode snapshot = topic(ws, BOOK50).get(0);
        assertThat(ws.messages.indexOf(snapshot)).as("the snapshot follows the answer").isGreaterThan(
                ws.messages.indexOf(ack));
        assertThat(PrivateStreamTest.names(snapshot)).containsExactly("topic", "type", "ts", "data", "cts");
        assertThat(snapshot.get("type").asText()).isEqualTo("snapshot");
        assertThat(PrivateStreamTest.names(snapshot.get("data"))).containsExactly("s", "b", "a", "u", "seq");
        assertThat(snapshot.get("data").get("s").asText()).isEqualTo("BTCUSDT");
        JsonNode bestBid = snapshot.get("data").get("b").get(0);
        assertThat(bestBid.get(0).asText()).as("price with the tick's scale").matches("\\d+\\.\\d{2}");
        assertThat(bestBid.get(1).asText()).as("size with the qty step's scale").matches("\\d+\\.\\d{3}");
        assertThat(snapshot.get("data").get("b").size()).isEqualTo(sim.linearMarket().book("BTCUSDT", 50).bids().size());
        assertMirrors(ws, BOOK50, 50, sim.linearMarket(), "BTCUSDT");
    }

    @Test
    void deltasFollowTheMarketWithUpdateIdsOneApart() {
        PrivateWs ws = connect(Category.LINEAR);
        ws.send("{\"op\":\"subscribe\",\"args\":[\"" + BOOK50 + "\"]}");
        await().atMost(WAIT).until(() -> !topic(ws, BOOK50).isEmpty());

        for (int i = 1; i <= 4; i++) {
            sim.linearMarket().moveMid("BTCUSDT", i % 2 == 0 ? -7 : 11);
            int moves = i;
            await().atMost(WAIT).until(() -> topic(ws, BOOK50).size() > moves);
            assertMirrors(ws, BOOK50, 50, sim.linearMarket(), "BTCUSDT");
        }
        List<JsonNode> messages = topic(ws, BOOK50);
        assertThat(messages.subList(1, messages.size())).allSatisfy(m -> assertThat(m.get("type").asText())
                .isEqualTo("delta"));
        Mirror m = Mirror.of(messages);
        assertThat(m.gapsAt).isEmpty();
        assertThat(m.u).isEqualTo(messages.get(0).get("data").get("u").asLong() + messages.size() - 1);
        List<Long> seqs = messages.stream().map(x -> x.get("data").get("seq").asLong()).toList();
        assertThat(seqs).isSorted().doesNotHaveDuplicates();
        JsonNode delta = messages.get(1);
        assertThat(delta.get("ts").asLong()).isPositive();
        assertThat(delta.get("cts").asLong()).isPositive();
    }

    @Test
    void readingTheBookBetweenPushesNeverBreaksTheSequence() {
        PrivateWs ws = connect(Category.LINEAR);
        ws.send("{\"op\":\"subscribe\",\"args\":[\"" + BOOK50 + "\"]}");
        await().atMost(WAIT).until(() -> !topic(ws, BOOK50).isEmpty());
        for (int i = 0; i < 12; i++) {
            sim.linearMarket().moveMid("BTCUSDT", i % 3 == 0 ? -5 : 4);
            if (i % 2 == 0) {
                sim.linearMarket().book("BTCUSDT", 50);
            } else {
                alice.publicGet("/v5/market/orderbook", "category=linear&symbol=BTCUSDT&limit=50");
            }
        }
        assertMirrors(ws, BOOK50, 50, sim.linearMarket(), "BTCUSDT");
        assertThat(Mirror.of(topic(ws, BOOK50)).gapsAt).isEmpty();
        assertThat(topic(ws, BOOK50).size()).as("every read published what was pending").isGreaterThanOrEqualTo(13);
    }

    @Test
    void aDroppedUpdateShowsAsAJumpOfTheUpdateId() {
        PrivateWs ws = connect(Category.LINEAR);
        ws.send("{\"op\":\"subscribe\",\"args\":[\"" + BOOK50 + "\"]}");
        await().atMost(WAIT).until(() -> !topic(ws, BOOK50).isEmpty());
        long first = topic(ws, BOOK50).get(0).get("data").get("u").asLong();

        sim.linearMarket().dropNextBookUpdate("BTCUSDT");
        sim.linearMarket().moveMid("BTCUSDT", 20);
        awaitSequenced("linear", first + 1);
        sim.linearMarket().moveMid("BTCUSDT", 20);
        await().atMost(WAIT).until(() -> topic(ws, BOOK50).size() >= 2);

        JsonNode after = topic(ws, BOOK50).get(1);
        assertThat(after.get("type").asText()).isEqualTo("delta");
        assertThat(after.get("data").get("u").asLong()).as("one update was sequenced and not sent").isEqualTo(first + 2);
    }

    @Test
    void theBookGapControlDropsTheNextUpdate() {
        PrivateWs ws = connect(Category.SPOT);
        ws.send("{\"op\":\"subscribe\",\"args\":[\"" + BOOK50 + "\"]}");
        await().atMost(WAIT).until(() -> !topic(ws, BOOK50).isEmpty());
        long first = topic(ws, BOOK50).get(0).get("data").get("u").asLong();

        Resp gap = control("{\"symbol\":\"BTCUSDT\",\"category\":\"spot\"}");
        assertThat(gap.status()).isEqualTo(200);
        assertThat(gap.json().get("dropped").asText()).isEqualTo("next");
        assertThat(gap.json().get("symbol").asText()).isEqualTo("BTCUSDT");
        assertThat(gap.json().get("category").asText()).isEqualTo("spot");
        sim.spotMarket().moveMid("BTCUSDT", -30);
        awaitSequenced("spot", first + 1);
        sim.spotMarket().moveMid("BTCUSDT", -30);
        await().atMost(WAIT).until(() -> topic(ws, BOOK50).size() >= 2);
        assertThat(topic(ws, BOOK50).get(1).get("data").get("u").asLong()).isEqualTo(first + 2);

        Resp ambiguous = control("{\"symbol\":\"BTCUSDT\"}");
        assertThat(ambiguous.status()).isEqualTo(400);
        assertThat(ambiguous.json().get("error").asText()).contains("spot and linear").contains("category");
        assertThat(control("{\"symbol\":\"BTCUSD\"}").json().get("category").asText()).isEqualTo("inverse");
        Resp unknown = control("{\"symbol\":\"DOGEUSDT\",\"category\":\"linear\"}");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.json().get("error").asText()).contains("linear BTCUSDT");
        assertThat(control("{\"coin\":\"BTC\"}").status()).isEqualTo(400);
    }

    /** Waits until BTCUSDT's level-50 stream of {@code category} has sequenced update {@code u} (the REST book says). */
    void awaitSequenced(String category, long u) {
        await().atMost(WAIT).until(() -> alice.publicGet("/v5/market/orderbook", "category=" + category
                + "&symbol=BTCUSDT&limit=50").result().get("u").asLong() == u);
    }

    Resp control(String body) {
        return alice.send("POST", "/_sim/book-gap", "", body, Map.of());
    }

    @Test
    void publicTradesCarryTheTakerSide() {
        PrivateWs ws = connect(Category.LINEAR);
        ws.send("{\"op\":\"subscribe\",\"args\":[\"publicTrade.BTCUSDT\"]}");
        op(ws, "subscribe", 0);

        Resp r = alice.post("/v5/order/create", Fixtures.market("linear", "BTCUSDT", "Buy", "0.010", "pt-1"));
        assertThat(r.retCode()).isZero();
        JsonNode trade = ws.awaitItem("publicTrade.BTCUSDT", t -> true);
        JsonNode message = topic(ws, "publicTrade.BTCUSDT").get(0);
        assertThat(PrivateStreamTest.names(message)).containsExactly("topic", "type", "ts", "data");
        assertThat(message.get("type").asText()).isEqualTo("snapshot");
        assertThat(PrivateStreamTest.names(trade)).containsExactly("T", "s", "S", "v", "p", "L", "i", "BT", "RPI",
                "seq");
        assertThat(trade.get("s").asText()).isEqualTo("BTCUSDT");
        assertThat(trade.get("S").asText()).isEqualTo("Buy");
        assertThat(trade.get("BT").asBoolean()).isFalse();
        assertThat(trade.get("i").asText()).matches("[0-9a-f-]{36}");
        TruthExecution fill = sim.truth().orderByLinkId("alice", "pt-1").executions().get(0);
        assertThat(new BigDecimal(trade.get("p").asText())).isEqualByComparingTo(fill.price());
        assertThat(new BigDecimal(trade.get("v").asText())).isEqualByComparingTo(fill.qty());

        alice.post("/v5/order/create", Fixtures.market("linear", "BTCUSDT", "Sell", "0.010", "pt-2"));
        await().atMost(WAIT).until(() -> ws.items("publicTrade.BTCUSDT", t -> "Sell".equals(t.get("S").asText()))
                .size() == 1);
        JsonNode sell = ws.items("publicTrade.BTCUSDT", t -> "Sell".equals(t.get("S").asText())).get(0);
        assertThat(sell.get("L").asText()).as("a sell takes the bid, below the ask the buy took").isEqualTo("MinusTick");
        assertThat(sell.get("seq").asLong()).isGreaterThan(trade.get("seq").asLong());
    }

    @Test
    void spotTradeIdsAreNumbers() {
        PrivateWs ws = connect(Category.SPOT);
        ws.send("{\"op\":\"subscribe\",\"args\":[\"publicTrade.BTCUSDT\"]}");
        op(ws, "subscribe", 0);
        assertThat(alice.post("/v5/order/create", Fixtures.market("spot", "BTCUSDT", "Sell", "0.01", "spt-1"))
                .retCode()).isZero();
        JsonNode trade = ws.awaitItem("publicTrade.BTCUSDT", t -> true);
        assertThat(trade.get("i").asText()).matches("\\d{19}");
        assertThat(trade.get("S").asText()).isEqualTo("Sell");
    }

    @Test
    void unknownTopicsDepthsAndSymbolsFailTheWholeRequest() {
        PrivateWs ws = connect(Category.LINEAR);
        ws.send("{\"op\":\"subscribe\",\"args\":[\"publicTrade.BTCUSDT\",\"orderbook.7.BTCUSDT\"],\"req_id\":\"x\"}");
        JsonNode bad = op(ws, "subscribe", 0);
        assertThat(bad.get("success").asBoolean()).isFalse();
        assertThat(bad.get("ret_msg").asText()).isEqualTo("error:handler not found,topic:orderbook.7.BTCUSDT");
        assertThat(bad.get("req_id").asText()).isEqualTo("x");

        ws.send("{\"op\":\"subscribe\",\"args\":[\"orderbook.50.BTCUSD\"]}");
        assertThat(op(ws, "subscribe", 1).get("ret_msg").asText())
                .as("BTCUSD is an inverse symbol, not linear").isEqualTo("error:handler not found,topic:orderbook.50.BTCUSD");
        ws.send("{\"op\":\"subscribe\",\"args\":[\"orderbook.50.btcusdt\"]}");
        assertThat(op(ws, "subscribe", 2).get("success").asBoolean()).isFalse();
        ws.send("{\"op\":\"subscribe\",\"args\":[\"publicTrade.BTCUSDT\"]}");
        assertThat(op(ws, "subscribe", 3).get("success").asBoolean()).as("nothing of the failed request was subscribed")
                .isTrue();
        ws.send("{\"op\":\"subscribe\",\"args\":[\"publicTrade.BTCUSDT\"]}");
        assertThat(op(ws, "subscribe", 4).get("ret_msg").asText())
                .isEqualTo("error:already subscribed,topic:publicTrade.BTCUSDT");
        ws.send("{\"op\":\"nope\"}");
        assertThat(op(ws, "nope", 0).get("ret_msg").asText()).isEqualTo("error:invalid op");

        PrivateWs spot = connect(Category.SPOT);
        String eleven = String.join(",", Collections.nCopies(11, "\"publicTrade.BTCUSDT\""));
        spot.send("{\"op\":\"subscribe\",\"args\":[" + eleven + "]}");
        assertThat(op(spot, "subscribe", 0).get("ret_msg").asText()).isEqualTo("args size >10");
        for (int depth : List.of(1, 50, 200, 1000)) {
            spot.send("{\"op\":\"subscribe\",\"args\":[\"orderbook." + depth + ".ETHUSDT\"]}");
        }
        await().atMost(WAIT).until(() -> ops(spot, "subscribe").size() == 5);
        assertThat(ops(spot, "subscribe").subList(1, 5)).allSatisfy(a -> {
            assertThat(a.get("success").asBoolean()).isTrue();
            assertThat(a.get("ret_msg").asText()).as("Bybit's spot stream names the op").isEqualTo("subscribe");
            assertThat(a.has("req_id")).isFalse();
        });
    }

    @Test
    void pingIsAnsweredWithPong() {
        PrivateWs ws = connect(Category.INVERSE);
        ws.send("{\"op\":\"ping\",\"req_id\":\"p1\"}");
        JsonNode pong = op(ws, "ping", 0);
        assertThat(pong.get("success").asBoolean()).isTrue();
        assertThat(pong.get("ret_msg").asText()).isEqualTo("pong");
        assertThat(pong.get("req_id").asText()).isEqualTo("p1");
        assertThat(pong.get("conn_id").asText()).isNotBlank();
        ws.send("{\"op\":\"ping\"}");
        assertThat(op(ws, "ping", 1).get("req_id").asText()).isEmpty();
    }

    @Test
    void unsubscribeStopsTheStream() {
        PrivateWs ws = connect(Category.INVERSE);
        ws.send("{\"op\":\"subscribe\",\"args\":[\"orderbook.200.BTCUSD\"]}");
        await().atMost(WAIT).until(() -> !topic(ws, "orderbook.200.BTCUSD").isEmpty());
        sim.inverseMarket().moveMid("BTCUSD", 3);
        await().atMost(WAIT).until(() -> topic(ws, "orderbook.200.BTCUSD").size() == 2);
        assertMirrors(ws, "orderbook.200.BTCUSD", 200, sim.inverseMarket(), "BTCUSD");

        ws.send("{\"op\":\"unsubscribe\",\"args\":[\"orderbook.200.BTCUSD\"],\"req_id\":\"u1\"}");
        JsonNode ack = op(ws, "unsubscribe", 0);
        assertThat(ack.get("success").asBoolean()).isTrue();
        assertThat(ack.get("req_id").asText()).isEqualTo("u1");
        sim.inverseMarket().moveMid("BTCUSD", 3);
        // a subscriber on another connection sees the move, so it was published if anyone listened
        PrivateWs other = connect(Category.INVERSE);
        other.send("{\"op\":\"subscribe\",\"args\":[\"orderbook.200.BTCUSD\"]}");
        await().atMost(WAIT).until(() -> !topic(other, "orderbook.200.BTCUSD").isEmpty());
        sim.inverseMarket().moveMid("BTCUSD", 3);
        await().atMost(WAIT).until(() -> topic(other, "orderbook.200.BTCUSD").size() >= 2);
        assertThat(topic(ws, "orderbook.200.BTCUSD")).hasSize(2);
    }

    @Test
    void levelOneSendsSnapshotsOnly() {
        PrivateWs ws = connect(Category.LINEAR);
        ws.send("{\"op\":\"subscribe\",\"args\":[\"orderbook.1.BTCUSDT\"]}");
        await().atMost(WAIT).until(() -> !topic(ws, "orderbook.1.BTCUSDT").isEmpty());
        sim.linearMarket().moveMid("BTCUSDT", 5);
        await().atMost(WAIT).until(() -> topic(ws, "orderbook.1.BTCUSDT").size() >= 2);
        List<JsonNode> messages = topic(ws, "orderbook.1.BTCUSDT");
        assertThat(messages).allSatisfy(m -> {
            assertThat(m.get("type").asText()).isEqualTo("snapshot");
            assertThat(m.get("data").get("b")).hasSize(1);
            assertThat(m.get("data").get("a")).hasSize(1);
        });
        assertThat(messages.get(1).get("data").get("u").asLong())
                .isEqualTo(messages.get(0).get("data").get("u").asLong() + 1);
        assertMirrors(ws, "orderbook.1.BTCUSDT", 1, sim.linearMarket(), "BTCUSDT");
    }

    @Test
    void restOrderbookIsSequencedLikeTheStream() {
        PrivateWs ws = connect(Category.LINEAR);
        ws.send("{\"op\":\"subscribe\",\"args\":[\"" + BOOK50 + "\"]}");
        await().atMost(WAIT).until(() -> !topic(ws, BOOK50).isEmpty());
        sim.linearMarket().moveMid("BTCUSDT", 4);
        await().atMost(WAIT).until(() -> topic(ws, BOOK50).size() == 2);

        Resp r = alice.publicGet("/v5/market/orderbook", "category=linear&symbol=BTCUSDT&limit=50");
        assertThat(r.retCode()).isZero();
        assertThat(PrivateStreamTest.names(r.result())).containsExactly("s", "a", "b", "ts", "u", "seq", "cts");
        assertThat(r.result().get("u").asLong()).isEqualTo(topic(ws, BOOK50).get(1).get("data").get("u").asLong());
        Mirror m = Mirror.of(topic(ws, BOOK50));
        assertThat(r.result().get("b").get(0).get(0).asText())
                .isEqualTo(m.bids.firstKey().setScale(2).toPlainString());

        assertThat(alice.publicGet("/v5/market/orderbook", "category=linear&symbol=BTCUSDT").result().get("b").size())
                .as("linear default limit 25: every level of the book").isEqualTo(
                        sim.linearMarket().book("BTCUSDT", 25).bids().size()).isGreaterThan(1);
        assertThat(alice.publicGet("/v5/market/orderbook", "category=spot&symbol=BTCUSDT").result().get("a"))
                .as("spot default limit 1").hasSize(1);
        assertThat(alice.publicGet("/v5/market/orderbook", "category=spot&symbol=BTCUSDT&limit=201").retCode())
                .isEqualTo(10001);
        assertThat(alice.publicGet("/v5/market/orderbook", "category=linear&symbol=NOPE").retCode()).isEqualTo(10001);
    }

    @Test
    void aServiceRestartSendsASnapshotWithUpdateIdOne() {
        PrivateWs ws = connect(Category.LINEAR);
        ws.send("{\"op\":\"subscribe\",\"args\":[\"" + BOOK50 + "\"]}");
        await().atMost(WAIT).until(() -> !topic(ws, BOOK50).isEmpty());
        sim.linearMarket().moveMid("BTCUSDT", 9);
        await().atMost(WAIT).until(() -> topic(ws, BOOK50).size() == 2);
        assertThat(topic(ws, BOOK50).get(1).get("data").get("u").asLong()).isGreaterThan(1);

        assertThat(sim.linearMarket().restartBookStreams("BTCUSDT")).containsExactly(50);
        await().atMost(WAIT).until(() -> topic(ws, BOOK50).size() == 3);
        JsonNode restart = topic(ws, BOOK50).get(2);
        assertThat(restart.get("type").asText()).isEqualTo("snapshot");
        assertThat(restart.get("data").get("u").asLong()).isEqualTo(1);
        sim.linearMarket().moveMid("BTCUSDT", -9);
        await().atMost(WAIT).until(() -> topic(ws, BOOK50).size() == 4);
        assertThat(topic(ws, BOOK50).get(3).get("data").get("u").asLong()).isEqualTo(2);
        assertThat(Mirror.of(topic(ws, BOOK50).subList(2, 4)).gapsAt).isEmpty();
        assertMirrors(ws, BOOK50, 50, sim.linearMarket(), "BTCUSDT");
    }

    @Test
    void publicTopicsListWhatIsSubscribed() {
        assertThat(sim.linearMarket().publicTopics()).isEmpty();
        PrivateWs ws = connect(Category.LINEAR);
        ws.send("{\"op\":\"subscribe\",\"args\":[\"" + BOOK50 + "\",\"publicTrade.BTCUSDT\"]}");
        op(ws, "subscribe", 0);
        assertThat(sim.linearMarket().publicTopics()).containsExactly(BOOK50, "publicTrade.BTCUSDT");
        assertThat(sim.spotMarket().publicTopics()).isEmpty();
        ws.send("{\"op\":\"unsubscribe\",\"args\":[\"publicTrade.BTCUSDT\"]}");
        op(ws, "unsubscribe", 0);
        assertThat(sim.linearMarket().publicTopics()).containsExactly(BOOK50);
        ws.close();
        await().atMost(WAIT).until(() -> sim.linearMarket().publicTopics().isEmpty());
    }

    @Test
    void theDropFaultClosesPublicConnections() {
        PrivateWs ws = connect(Category.SPOT);
        ws.send("{\"op\":\"ping\"}");
        op(ws, "ping", 0);
        sim.faults().dropPublicStreams();
        await().atMost(WAIT).until(ws::isClosed);
    }
}

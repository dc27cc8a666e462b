package io.fixbridge.sims.binance;

import com.fasterxml.jackson.databind.JsonNode;
import io.fixbridge.sims.binance.TestClient.Resp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

class FuturesUserDataTest {
    BinanceSimulator sim;
    TestClient alice;
    WsClient stream;

    @BeforeEach
    void start() throws Exception {
        sim = Sims.builder().build();
        sim.start();
        alice = TestClient.hmac(sim, Sims.ALICE_KEY, Sims.ALICE_SECRET);
        Resp key = alice.keyed("POST", "/fapi/v1/listenKey", "");
        assertThat(key.json().get("listenKey").asText()).hasSize(64);
        stream = new WsClient(sim.streamBaseUrl() + key.json().get("listenKey").asText());
    }

    @AfterEach
    void stop() {
        stream.close();
        sim.close();
    }

    private List<JsonNode> events(String type) {
        return stream.messages.stream().filter(m -> type.equals(m.path("e").asText())).collect(Collectors.toList());
    }

    @Test
    void orderTradeUpdatesAndAccountUpdate() {
        alice.signed("POST", "/fapi/v1/order", "symbol=BTCUSDT&side=BUY&type=LIMIT&timeInForce=GTC"
                + "&quantity=0.01&price=59990&newClientOrderId=ou-1");
        JsonNode fresh = stream.awaitMessage(m -> "ORDER_TRADE_UPDATE".equals(m.path("e").asText())
                && "NEW".equals(m.path("o").path("x").asText())).get("o");
        assertThat(fresh.get("c").asText()).isEqualTo("ou-1");
        assertThat(fresh.get("o").asText()).isEqualTo("LIMIT");
        assertThat(fresh.get("ot").asText()).isEqualTo("LIMIT");
        assertThat(fresh.get("ps").asText()).isEqualTo("BOTH");
        assertThat(fresh.get("q").asText()).isEqualTo("0.01");
        assertThat(fresh.get("b").asText()).isEqualTo("599.9");
        sim.futuresMarket().moveMid("BTCUSDT", -200);
        JsonNode trade = stream.awaitMessage(m -> "TRADE".equals(m.path("o").path("x").asText())).get("o");
        assertThat(trade.get("X").asText()).isEqualTo("FILLED");
        assertThat(trade.get("l").asText()).isEqualTo("0.01");
        assertThat(trade.get("L").asText()).isEqualTo("59990");
        assertThat(trade.get("N").asText()).isEqualTo("USDT");
        assertThat(trade.get("n").asText()).isEqualTo("0.11998");
        assertThat(trade.get("m").asBoolean()).isTrue();
        assertThat(trade.get("t").asLong()).isPositive();
        assertThat(trade.get("rp").asText()).isEqualTo("0");
        JsonNode account = stream.awaitMessage(m -> "ACCOUNT_UPDATE".equals(m.path("e").asText())).get("a");
        assertThat(account.get("m").asText()).isEqualTo("ORDER");
        assertThat(account.get("P").get(0).get("pa").asText()).isEqualTo("0.01");
        assertThat(account.get("P").get(0).get("ep").asText()).isEqualTo("59990");
        assertThat(account.get("B").get(0).get("a").asText()).isEqualTo("USDT");
    }

    @Test
    void algoOrderTriggersWhenTheMarketMoves() {
        Resp rejected = alice.signed("POST", "/fapi/v1/algoOrder", "algoType=CONDITIONAL&symbol=BTCUSDT&side=SELL"
                + "&type=STOP_MARKET&quantity=0.01&triggerPrice=61000");
        assertThat(rejected.json()).hasToString("{\"code\":-2021,\"msg\":\"Order would immediately trigger.\"}");
        Resp placed = alice.signed("POST", "/fapi/v1/algoOrder", "algoType=CONDITIONAL&symbol=BTCUSDT&side=BUY"
                + "&type=STOP_MARKET&quantity=0.01&triggerPrice=60500&clientAlgoId=algo-1");
        assertThat(placed.status()).as(placed.toString()).isEqualTo(200);
        assertThat(placed.json().get("algoStatus").asText()).isEqualTo("NEW");
        assertThat(placed.json().get("algoType").asText()).isEqualTo("CONDITIONAL");
        assertThat(placed.json().get("orderType").asText()).isEqualTo("STOP_MARKET");
        assertThat(placed.json().get("triggerPrice").asText()).isEqualTo("60500");
        long algoId = placed.json().get("algoId").asLong();
        stream.awaitMessage(m -> "ALGO_UPDATE".equals(m.path("e").asText())
                && "NEW".equals(m.path("o").path("X").asText()));
        assertThat(alice.signed("GET", "/fapi/v1/openAlgoOrders", "symbol=BTCUSDT").json()).hasSize(1);

        sim.futuresMarket().moveMid("BTCUSDT", 10_000);
        JsonNode triggered = stream.awaitMessage(m -> "ALGO_UPDATE".equals(m.path("e").asText())
                && "TRIGGERED".equals(m.path("o").path("X").asText())).get("o");
        assertThat(triggered.get("aid").asLong()).isEqualTo(algoId);
        assertThat(triggered.get("caid").asText()).isEqualTo("algo-1");
        assertThat(triggered.get("act").asText()).isEqualTo("MARKET");
        JsonNode fill = stream.awaitMessage(m -> "TRADE".equals(m.path("o").path("x").asText())).get("o");
        assertThat(fill.get("c").asText()).isEqualTo("algo-1");
        assertThat(fill.get("o").asText()).isEqualTo("MARKET");
        assertThat(fill.get("ot").asText()).isEqualTo("STOP_MARKET");
        assertThat(fill.get("sp").asText()).isEqualTo("60500");
        assertThat(fill.get("i").asText()).isEqualTo(triggered.get("ai").asText());
        stream.awaitMessage(m -> "ALGO_UPDATE".equals(m.path("e").asText())
                && "FINISHED".equals(m.path("o").path("X").asText()));
        List<String> statuses = events("ALGO_UPDATE").stream().map(e -> e.get("o").get("X").asText())
                .collect(Collectors.toList());
        assertThat(statuses).containsExactly("NEW", "TRIGGERING", "TRIGGERED", "FINISHED");
        Resp query = alice.signed("GET", "/fapi/v1/algoOrder", "algoId=" + algoId);
        assertThat(query.json().get("algoStatus").asText()).isEqualTo("FINISHED");
        assertThat(query.json().get("actualOrderId").asText()).isEqualTo(triggered.get("ai").asText());
        assertThat(sim.truth().futuresPositions("alice")).singleElement()
                .satisfies(p -> assertThat(p.quantity()).isEqualByComparingTo("0.01"));
    }

    @Test
    void algoOrderCanBeCanceled() {
        Resp placed = alice.signed("POST", "/fapi/v1/algoOrder", "algoType=CONDITIONAL&symbol=BTCUSDT&side=SELL"
                + "&type=TAKE_PROFIT&quantity=0.01&triggerPrice=62000&price=62000&timeInForce=GTC&clientAlgoId=tp-1");
        assertThat(placed.status()).as(placed.toString()).isEqualTo(200);
        Resp canceled = alice.signed("DELETE", "/fapi/v1/algoOrder", "clientAlgoId=tp-1");
        assertThat(canceled.json().get("code").asText()).isEqualTo("200");
        assertThat(canceled.json().get("msg").asText()).isEqualTo("success");
        stream.awaitMessage(m -> "ALGO_UPDATE".equals(m.path("e").asText())
                && "CANCELED".equals(m.path("o").path("X").asText()));
        assertThat(alice.signed("DELETE", "/fapi/v1/algoOrder", "clientAlgoId=tp-1").code()).isEqualTo(-2011);
    }

    @Test
    void listenKeyKeepaliveAndClose() {
        Resp again = alice.keyed("POST", "/fapi/v1/listenKey", "");
        Resp keepalive = alice.keyed("PUT", "/fapi/v1/listenKey", "");
        assertThat(keepalive.json().get("listenKey").asText()).isEqualTo(again.json().get("listenKey").asText());
        assertThat(alice.keyed("DELETE", "/fapi/v1/listenKey", "").status()).isEqualTo(200);
        org.awaitility.Awaitility.await().until(stream::isClosed);
        Resp gone = alice.keyed("PUT", "/fapi/v1/listenKey", "");
        assertThat(gone.json()).hasToString("{\"code\":-1125,\"msg\":\"This listenKey does not exist.\"}");
    }

    @Test
    void combinedStreamWrapsEventsAndUnknownKeysAreRefused() {
        String key = alice.keyed("POST", "/fapi/v1/listenKey", "").json().get("listenKey").asText();
        try (WsClient combined = new WsClient(sim.baseUrl().replace("http", "ws") + "/stream?streams=" + key)) {
            org.awaitility.Awaitility.await().until(() -> sim.truth().openUserDataConnections() == 2);
            alice.signed("POST", "/fapi/v1/order", "symbol=BTCUSDT&side=BUY&type=MARKET&quantity=0.01"
                    + "&newClientOrderId=combo-1");
            JsonNode wrapped = combined.awaitMessage(m -> "combo-1".equals(m.path("data").path("o").path("c").asText()));
            assertThat(wrapped.get("stream").asText()).isEqualTo(key);
        }
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new WsClient(sim.streamBaseUrl() + "nope"))
                .isInstanceOf(IllegalStateException.class);
    }
}

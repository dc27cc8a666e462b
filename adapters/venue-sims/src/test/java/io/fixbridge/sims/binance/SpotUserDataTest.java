package io.fixbridge.sims.binance;

import com.fasterxml.jackson.databind.JsonNode;
import io.fixbridge.sims.binance.TestClient.Resp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

class SpotUserDataTest {
    BinanceSimulator sim;
    TestClient alice;
    WsClient ws;

    @BeforeEach
    void start() throws Exception {
        sim = Sims.builder().build();
        sim.start();
        alice = TestClient.hmac(sim, Sims.ALICE_KEY, Sims.ALICE_SECRET);
        ws = new WsClient(sim.wsApiUrl());
    }

    @AfterEach
    void stop() {
        ws.close();
        sim.close();
    }

    /** Subscribes alice with userDataStream.subscribe.signature and answers the subscription id. */
    static int subscribe(WsClient ws, String apiKey, String secret) {
        long ts = System.currentTimeMillis();
        String signature = TestClient.hmacHex(secret, "apiKey=" + apiKey + "&timestamp=" + ts);
        ws.send("{\"id\":\"sub-1\",\"method\":\"userDataStream.subscribe.signature\",\"params\":{\"apiKey\":\""
                + apiKey + "\",\"timestamp\":" + ts + ",\"signature\":\"" + signature + "\"}}");
        JsonNode answer = ws.awaitMessage(m -> "sub-1".equals(m.path("id").asText()));
        assertThat(answer.get("status").asInt()).isEqualTo(200);
        assertThat(answer.get("rateLimits").get(0).get("rateLimitType").asText()).isEqualTo("REQUEST_WEIGHT");
        return answer.get("result").get("subscriptionId").asInt();
    }

    static List<JsonNode> reports(WsClient ws, String clientOrderId) {
        return ws.messages.stream().map(m -> m.path("event"))
                .filter(e -> "executionReport".equals(e.path("e").asText()))
                .filter(e -> clientOrderId.equals(e.path("c").asText()) || clientOrderId.equals(e.path("C").asText()))
                .collect(Collectors.toList());
    }

    @Test
    void executionReportsForNewAndFillWithCommissionAndTradeId() {
        int subscriptionId = subscribe(ws, Sims.ALICE_KEY, Sims.ALICE_SECRET);
        alice.signed("POST", "/api/v3/order",
                "symbol=BTCUSDT&side=BUY&type=LIMIT&timeInForce=GTC&quantity=0.5&price=59990&newClientOrderId=ud-1");
        JsonNode fresh = ws.awaitMessage(m -> "ud-1".equals(m.path("event").path("c").asText()));
        assertThat(fresh.get("subscriptionId").asInt()).isEqualTo(subscriptionId);
        JsonNode e = fresh.get("event");
        assertThat(e.get("x").asText()).isEqualTo("NEW");
        assertThat(e.get("X").asText()).isEqualTo("NEW");
        assertThat(e.get("s").asText()).isEqualTo("BTCUSDT");
        assertThat(e.get("q").asText()).isEqualTo("0.50000000");
        assertThat(e.get("p").asText()).isEqualTo("59990.00000000");
        assertThat(e.get("t").asLong()).isEqualTo(-1);
        assertThat(e.get("N").isNull()).isTrue();
        assertThat(e.get("w").asBoolean()).isTrue();

        sim.spotMarket().moveMid("BTCUSDT", -2000);
        JsonNode trade = ws.awaitMessage(m -> "TRADE".equals(m.path("event").path("x").asText())).get("event");
        assertThat(trade.get("c").asText()).isEqualTo("ud-1");
        assertThat(trade.get("X").asText()).isEqualTo("FILLED");
        assertThat(trade.get("l").asText()).isEqualTo("0.50000000");
        assertThat(trade.get("L").asText()).isEqualTo("59990.00000000");
        assertThat(trade.get("n").asText()).isEqualTo("29.99500000");
        assertThat(trade.get("N").asText()).isEqualTo("USDT");
        assertThat(trade.get("t").asLong()).isPositive();
        assertThat(trade.get("m").asBoolean()).isTrue();
        assertThat(trade.get("Z").asText()).isEqualTo("29995.00000000");
        JsonNode position = ws.awaitMessage(m -> "outboundAccountPosition".equals(m.path("event").path("e").asText())
                && m.path("event").path("B").toString().contains("\"BTC\"")
                && m.path("event").path("B").toString().contains("2.50000000"));
        assertThat(position.get("event").get("B")).hasSize(2);
    }

    @Test
    void cancelReportsCarryTheCancelIdAndTheOriginalId() {
        subscribe(ws, Sims.ALICE_KEY, Sims.ALICE_SECRET);
        alice.signed("POST", "/api/v3/order",
                "symbol=BTCUSDT&side=SELL&type=LIMIT&timeInForce=GTC&quantity=0.1&price=65000&newClientOrderId=c-1");
        alice.signed("DELETE", "/api/v3/order", "symbol=BTCUSDT&origClientOrderId=c-1&newClientOrderId=c-1-cxl");
        JsonNode canceled = ws.awaitMessage(m -> "CANCELED".equals(m.path("event").path("x").asText())).get("event");
        assertThat(canceled.get("c").asText()).isEqualTo("c-1-cxl");
        assertThat(canceled.get("C").asText()).isEqualTo("c-1");
        assertThat(canceled.get("X").asText()).isEqualTo("CANCELED");
    }

    @Test
    void cancelReplaceCancelsTheOldAndPlacesTheNew() {
        subscribe(ws, Sims.ALICE_KEY, Sims.ALICE_SECRET);
        alice.signed("POST", "/api/v3/order",
                "symbol=BTCUSDT&side=BUY&type=LIMIT&timeInForce=GTC&quantity=0.1&price=55000&newClientOrderId=r-1");
        Resp replaced = alice.signed("POST", "/api/v3/order/cancelReplace", "symbol=BTCUSDT&side=BUY&type=LIMIT"
                + "&timeInForce=GTC&quantity=0.2&price=55500&cancelReplaceMode=STOP_ON_FAILURE"
                + "&cancelOrigClientOrderId=r-1&newClientOrderId=r-2");
        assertThat(replaced.status()).isEqualTo(200);
        JsonNode body = replaced.json();
        assertThat(body.get("cancelResult").asText()).isEqualTo("SUCCESS");
        assertThat(body.get("newOrderResult").asText()).isEqualTo("SUCCESS");
        assertThat(body.get("cancelResponse").get("status").asText()).isEqualTo("CANCELED");
        assertThat(body.get("cancelResponse").get("origClientOrderId").asText()).isEqualTo("r-1");
        assertThat(body.get("newOrderResponse").get("clientOrderId").asText()).isEqualTo("r-2");
        assertThat(body.get("newOrderResponse").get("price").asText()).isEqualTo("55500.00000000");
        ws.awaitMessage(m -> "r-2".equals(m.path("event").path("c").asText())
                && "NEW".equals(m.path("event").path("x").asText()));
        assertThat(reports(ws, "r-1")).anySatisfy(e -> assertThat(e.get("x").asText()).isEqualTo("CANCELED"));

        Resp failed = alice.signed("POST", "/api/v3/order/cancelReplace", "symbol=BTCUSDT&side=BUY&type=LIMIT"
                + "&timeInForce=GTC&quantity=0.2&price=55500&cancelReplaceMode=STOP_ON_FAILURE"
                + "&cancelOrigClientOrderId=no-such&newClientOrderId=r-3");
        assertThat(failed.status()).isEqualTo(400);
        assertThat(failed.code()).isEqualTo(-2022);
        assertThat(failed.msg()).isEqualTo("Order cancel-replace failed.");
        assertThat(failed.json().get("data").get("cancelResult").asText()).isEqualTo("FAILURE");
        assertThat(failed.json().get("data").get("newOrderResult").asText()).isEqualTo("NOT_ATTEMPTED");
        assertThat(failed.json().get("data").get("cancelResponse").get("code").asInt()).isEqualTo(-2011);

        Resp partial = alice.signed("POST", "/api/v3/order/cancelReplace", "symbol=BTCUSDT&side=BUY&type=LIMIT_MAKER"
                + "&quantity=0.2&price=61000&cancelReplaceMode=STOP_ON_FAILURE"
                + "&cancelOrigClientOrderId=r-2&newClientOrderId=r-4");
        assertThat(partial.status()).isEqualTo(409);
        assertThat(partial.code()).isEqualTo(-2021);
        assertThat(partial.json().get("data").get("cancelResult").asText()).isEqualTo("SUCCESS");
        assertThat(partial.json().get("data").get("newOrderResponse").toString())
                .isEqualTo("{\"code\":-2010,\"msg\":\"Order would immediately match and take.\"}");
        ws.awaitMessage(m -> "REJECTED".equals(m.path("event").path("x").asText())
                && "r-4".equals(m.path("event").path("c").asText()));

        Resp allowed = alice.signed("POST", "/api/v3/order/cancelReplace", "symbol=BTCUSDT&side=BUY&type=LIMIT"
                + "&timeInForce=GTC&quantity=0.01&price=50000&cancelReplaceMode=ALLOW_FAILURE"
                + "&cancelOrigClientOrderId=gone&newClientOrderId=r-5&newOrderRespType=ACK");
        assertThat(allowed.status()).isEqualTo(409);
        assertThat(allowed.json().get("data").get("newOrderResult").asText()).isEqualTo("SUCCESS");
        assertThat(allowed.json().get("data").get("newOrderResponse").get("clientOrderId").asText()).isEqualTo("r-5");
    }

    @Test
    void ocoLegsReportSeparatelyAndTheSiblingExpires() {
        subscribe(ws, Sims.ALICE_KEY, Sims.ALICE_SECRET);
        Resp oco = alice.signed("POST", "/api/v3/orderList/oco", "symbol=BTCUSDT&side=SELL&quantity=0.1"
                + "&aboveType=LIMIT_MAKER&abovePrice=61000&aboveClientOrderId=oco-tp"
                + "&belowType=STOP_LOSS_LIMIT&belowStopPrice=59000&belowPrice=58900&belowTimeInForce=GTC"
                + "&belowClientOrderId=oco-sl&listClientOrderId=oco-list");
        assertThat(oco.status()).as(oco.toString()).isEqualTo(200);
        JsonNode list = oco.json();
        assertThat(list.get("contingencyType").asText()).isEqualTo("OCO");
        assertThat(list.get("listStatusType").asText()).isEqualTo("EXEC_STARTED");
        assertThat(list.get("listOrderStatus").asText()).isEqualTo("EXECUTING");
        assertThat(list.get("listClientOrderId").asText()).isEqualTo("oco-list");
        assertThat(list.get("orders")).hasSize(2);
        assertThat(list.get("orderReports").get(0).get("type").asText()).isEqualTo("STOP_LOSS_LIMIT");
        assertThat(list.get("orderReports").get(0).get("workingTime").asLong()).isEqualTo(-1);
        assertThat(list.get("orderReports").get(1).get("type").asText()).isEqualTo("LIMIT_MAKER");
        long listId = list.get("orderListId").asLong();
        ws.awaitMessage(m -> "listStatus".equals(m.path("event").path("e").asText())
                && "EXEC_STARTED".equals(m.path("event").path("l").asText()));
        assertThat(reports(ws, "oco-tp")).first().satisfies(e -> assertThat(e.get("g").asLong()).isEqualTo(listId));

        sim.spotMarket().moveMid("BTCUSDT", 150_000);
        ws.awaitMessage(m -> "oco-tp".equals(m.path("event").path("c").asText())
                && "FILLED".equals(m.path("event").path("X").asText()));
        JsonNode expired = ws.awaitMessage(m -> "oco-sl".equals(m.path("event").path("c").asText())
                && "EXPIRED".equals(m.path("event").path("X").asText())).get("event");
        assertThat(expired.get("x").asText()).isEqualTo("EXPIRED");
        ws.awaitMessage(m -> "listStatus".equals(m.path("event").path("e").asText())
                && "ALL_DONE".equals(m.path("event").path("L").asText()));
    }

    @Test
    void ocoCancelOfTheListCancelsBothLegs() {
        Resp oco = alice.signed("POST", "/api/v3/orderList/oco", "symbol=BTCUSDT&side=BUY&quantity=0.1"
                + "&aboveType=STOP_LOSS&aboveStopPrice=61000&belowType=LIMIT_MAKER&belowPrice=59000");
        assertThat(oco.status()).as(oco.toString()).isEqualTo(200);
        long listId = oco.json().get("orderListId").asLong();
        Resp canceled = alice.signed("DELETE", "/api/v3/orderList", "symbol=BTCUSDT&orderListId=" + listId);
        assertThat(canceled.json().get("listOrderStatus").asText()).isEqualTo("ALL_DONE");
        assertThat(canceled.json().get("orderReports").findValuesAsText("status")).containsOnly("CANCELED");
        Resp wrongSide = alice.signed("POST", "/api/v3/orderList/oco", "symbol=BTCUSDT&side=BUY&quantity=0.1"
                + "&aboveType=LIMIT_MAKER&abovePrice=61000&belowType=STOP_LOSS&belowStopPrice=59000");
        assertThat(wrongSide.json()).hasToString("{\"code\":-1165,\"msg\":\"A limit order in a buy OCO must be below.\"}");
    }

    @Test
    void webSocketApiRefusesABadSignatureAndSupportsLogonAndUnsubscribe() {
        long ts = System.currentTimeMillis();
        ws.send("{\"id\":7,\"method\":\"userDataStream.subscribe.signature\",\"params\":{\"apiKey\":\""
                + Sims.ALICE_KEY + "\",\"timestamp\":" + ts + ",\"signature\":\"" + "ab".repeat(32) + "\"}}");
        JsonNode refused = ws.awaitMessage(m -> m.path("id").asInt() == 7);
        assertThat(refused.get("status").asInt()).isEqualTo(400);
        assertThat(refused.get("error").toString())
                .isEqualTo("{\"code\":-1022,\"msg\":\"Signature for this request is not valid.\"}");

        String sig = TestClient.hmacHex(Sims.ALICE_SECRET, "apiKey=" + Sims.ALICE_KEY + "&timestamp=" + ts);
        ws.send("{\"id\":8,\"method\":\"session.logon\",\"params\":{\"apiKey\":\"" + Sims.ALICE_KEY
                + "\",\"timestamp\":" + ts + ",\"signature\":\"" + sig + "\"}}");
        assertThat(ws.awaitMessage(m -> m.path("id").asInt() == 8).get("result").get("apiKey").asText())
                .isEqualTo(Sims.ALICE_KEY);
        ws.send("{\"id\":9,\"method\":\"userDataStream.subscribe\"}");
        assertThat(ws.awaitMessage(m -> m.path("id").asInt() == 9).get("result").has("subscriptionId")).isTrue();
        ws.send("{\"id\":10,\"method\":\"userDataStream.unsubscribe\"}");
        assertThat(ws.awaitMessage(m -> m.path("id").asInt() == 10).get("status").asInt()).isEqualTo(200);
        ws.send("{\"id\":11,\"method\":\"userDataStream.unsubscribe\"}");
        assertThat(ws.awaitMessage(m -> m.path("id").asInt() == 11).get("error").get("code").asInt())
                .isEqualTo(-2036);
    }

    @Test
    void legacySpotListenKeyStreamCarriesRawEvents() {
        Resp created = alice.keyed("POST", "/api/v3/userDataStream", "");
        String key = created.json().get("listenKey").asText();
        try (WsClient stream = new WsClient(sim.streamBaseUrl() + key)) {
            org.awaitility.Awaitility.await().until(() -> sim.truth().openUserDataConnections() == 2);
            alice.signed("POST", "/api/v3/order", "symbol=BTCUSDT&side=BUY&type=MARKET&quantity=0.01"
                    + "&newClientOrderId=legacy-1");
            JsonNode raw = stream.awaitMessage(m -> "executionReport".equals(m.path("e").asText())
                    && "TRADE".equals(m.path("x").asText()));
            assertThat(raw.get("c").asText()).isEqualTo("legacy-1");
            assertThat(alice.keyed("PUT", "/api/v3/userDataStream", "listenKey=" + key).json().isEmpty()).isTrue();
            assertThat(alice.keyed("DELETE", "/api/v3/userDataStream", "listenKey=" + key).status()).isEqualTo(200);
            org.awaitility.Awaitility.await().until(stream::isClosed);
        }
    }
}

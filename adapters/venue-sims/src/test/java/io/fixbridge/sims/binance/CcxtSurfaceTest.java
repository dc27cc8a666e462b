package io.fixbridge.sims.binance;

import com.fasterxml.jackson.databind.JsonNode;
import io.fixbridge.sims.binance.TestClient.Resp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The endpoints ccxt's {@code binance} class calls beyond what the project's own adapter uses
 * (leverage brackets for fetchPositions, the futures private stream route /private/ws?listenKey=,
 * the symbol ccxt adds to algo order queries and cancels), in Binance's shapes.
 */
class CcxtSurfaceTest {
    BinanceSimulator sim;
    TestClient alice;

    @BeforeEach
    void start() throws Exception {
        sim = Sims.builder().build();
        sim.start();
        alice = TestClient.hmac(sim, Sims.ALICE_KEY, Sims.ALICE_SECRET);
    }

    @AfterEach
    void stop() {
        sim.close();
    }

    @Test
    void leverageBracketListsEverySymbolOrAnswersTheOneAsked() {
        Resp all = alice.signed("GET", "/fapi/v1/leverageBracket", "");
        assertThat(all.status()).as(all.toString()).isEqualTo(200);
        assertThat(all.json().isArray()).isTrue();
        JsonNode btc = all.json().get(0);
        assertThat(btc.get("symbol").asText()).isEqualTo("BTCUSDT");
        JsonNode bracket = btc.get("brackets").get(0);
        assertThat(bracket.get("bracket").asInt()).isEqualTo(1);
        assertThat(bracket.get("initialLeverage").asInt()).isEqualTo(125);
        assertThat(bracket.get("notionalFloor").asLong()).isZero();
        assertThat(bracket.get("notionalCap").asLong()).isEqualTo(1_000_000_000L);
        assertThat(bracket.get("maintMarginRatio").decimalValue()).isEqualByComparingTo("0.004");
        assertThat(bracket.has("cum")).isTrue();

        Resp one = alice.signed("GET", "/fapi/v1/leverageBracket", "symbol=BTCUSDT");
        assertThat(one.json().isObject()).as(one.toString()).isTrue();
        assertThat(one.json().get("symbol").asText()).isEqualTo("BTCUSDT");
        assertThat(one.header("X-MBX-USED-WEIGHT-1M")).hasValue("2");

        assertThat(alice.signed("GET", "/fapi/v1/leverageBracket", "symbol=NOPE").json())
                .hasToString("{\"code\":-1121,\"msg\":\"Invalid symbol.\"}");
        assertThat(alice.get("/fapi/v1/leverageBracket", "").status()).isEqualTo(401);
    }

    @Test
    void futuresPrivateRouteCarriesTheListenKeysEvents() {
        String key = alice.keyed("POST", "/fapi/v1/listenKey", "").json().get("listenKey").asText();
        String wsBase = sim.baseUrl().replace("http://", "ws://");
        try (WsClient stream = new WsClient(wsBase + "/private/ws?listenKey=" + key)) {
            Resp placed = alice.signed("POST", "/fapi/v1/order", "symbol=BTCUSDT&side=BUY&type=LIMIT"
                    + "&timeInForce=GTC&quantity=0.01&price=59000&newClientOrderId=pw-1");
            assertThat(placed.status()).as(placed.toString()).isEqualTo(200);
            JsonNode update = stream.awaitMessage(m -> "ORDER_TRADE_UPDATE".equals(m.path("e").asText()));
            assertThat(update.get("o").get("c").asText()).isEqualTo("pw-1");
            assertThat(update.get("o").get("x").asText()).isEqualTo("NEW");
        }
        assertThatThrownBy(() -> new WsClient(wsBase + "/private/ws?listenKey=nope"))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> new WsClient(wsBase + "/private/ws"))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void algoOrderQueryAndCancelAcceptTheSymbolCcxtSendsAndCheckIt() {
        Resp placed = alice.signed("POST", "/fapi/v1/algoOrder", "algoType=CONDITIONAL&symbol=BTCUSDT&side=SELL"
                + "&type=STOP_MARKET&quantity=0.01&triggerPrice=41000&clientAlgoId=sym-1");
        assertThat(placed.status()).as(placed.toString()).isEqualTo(200);
        long algoId = placed.json().get("algoId").asLong();

        Resp query = alice.signed("GET", "/fapi/v1/algoOrder", "symbol=BTCUSDT&algoId=" + algoId);
        assertThat(query.status()).as(query.toString()).isEqualTo(200);
        assertThat(query.json().get("clientAlgoId").asText()).isEqualTo("sym-1");
        assertThat(alice.signed("GET", "/fapi/v1/algoOrder", "symbol=ETHUSDT&algoId=" + algoId).json())
                .hasToString("{\"code\":-2013,\"msg\":\"Order does not exist.\"}");
        assertThat(alice.signed("DELETE", "/fapi/v1/algoOrder", "symbol=ETHUSDT&algoId=" + algoId).json())
                .hasToString("{\"code\":-2011,\"msg\":\"Unknown order sent.\"}");

        Resp canceled = alice.signed("DELETE", "/fapi/v1/algoOrder", "symbol=BTCUSDT&clientAlgoId=sym-1");
        assertThat(canceled.status()).as(canceled.toString()).isEqualTo(200);
        assertThat(canceled.json().get("algoId").asLong()).isEqualTo(algoId);
        assertThat(sim.truth().algoOrders("alice")).singleElement()
                .satisfies(a -> assertThat(a.status()).isEqualTo("CANCELED"));
    }

    @Test
    void spotTicker24hHasBinancesFieldsWithAnEmptyWindowAndTheBook() {
        Resp one = alice.get("/api/v3/ticker/24hr", "symbol=BTCUSDT");
        assertThat(one.status()).as(one.toString()).isEqualTo(200);
        JsonNode t = one.json();
        assertThat(names(t)).containsExactly("symbol", "priceChange", "priceChangePercent", "weightedAvgPrice",
                "prevClosePrice", "lastPrice", "lastQty", "bidPrice", "bidQty", "askPrice", "askQty", "openPrice",
                "highPrice", "lowPrice", "volume", "quoteVolume", "openTime", "closeTime", "firstId", "lastId",
                "count");
        assertThat(t.get("lastPrice").asText()).isEqualTo("60000.00000000");
        assertThat(t.get("bidPrice").asText()).isEqualTo("59999.99000000");
        assertThat(t.get("askPrice").asText()).isEqualTo("60000.01000000");
        assertThat(t.get("count").asInt()).isZero();
        assertThat(t.get("firstId").asLong()).isEqualTo(-1);
        assertThat(t.get("closeTime").asLong() - t.get("openTime").asLong()).isEqualTo(86_400_000L);
        assertThat(one.header("X-MBX-USED-WEIGHT-1M")).hasValue("2");

        Resp mini = alice.get("/api/v3/ticker/24hr", "symbols=%5B%22ETHUSDT%22%5D&type=MINI");
        assertThat(mini.json()).hasSize(1);
        assertThat(names(mini.json().get(0))).containsExactly("symbol", "openPrice", "highPrice", "lowPrice",
                "lastPrice", "volume", "quoteVolume", "openTime", "closeTime", "firstId", "lastId", "count");
        assertThat(mini.json().get(0).get("symbol").asText()).isEqualTo("ETHUSDT");
        assertThat(alice.get("/api/v3/ticker/24hr", "").json()).hasSize(2);
        Resp badType = alice.get("/api/v3/ticker/24hr", "symbol=BTCUSDT&type=HUGE");
        assertThat(badType.status()).isEqualTo(400);
        assertThat(badType.json().get("code").asInt()).isEqualTo(-1130);
        assertThat(alice.get("/api/v3/ticker/24hr", "symbol=NOPE").json())
                .hasToString("{\"code\":-1121,\"msg\":\"Invalid symbol.\"}");
    }

    @Test
    void futuresTicker24hFollowsTheLastTrade() {
        Resp placed = alice.signed("POST", "/fapi/v1/order", "symbol=BTCUSDT&side=BUY&type=MARKET&quantity=0.01");
        assertThat(placed.status()).as(placed.toString()).isEqualTo(200);
        Resp t = alice.get("/fapi/v1/ticker/24hr", "symbol=BTCUSDT");
        assertThat(t.status()).as(t.toString()).isEqualTo(200);
        assertThat(names(t.json())).containsExactly("symbol", "priceChange", "priceChangePercent",
                "weightedAvgPrice", "lastPrice", "lastQty", "openPrice", "highPrice", "lowPrice", "volume",
                "quoteVolume", "openTime", "closeTime", "firstId", "lastId", "count");
        assertThat(t.json().get("lastPrice").asText()).isEqualTo("60000.1");
        assertThat(alice.get("/fapi/v1/ticker/24hr", "").json()).hasSize(1);
    }

    private static java.util.List<String> names(JsonNode n) {
        java.util.List<String> out = new java.util.ArrayList<>();
        n.fieldNames().forEachRemaining(out::add);
        return out;
    }
}

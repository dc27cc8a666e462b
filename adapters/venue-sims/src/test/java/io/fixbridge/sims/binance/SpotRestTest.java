package io.fixbridge.sims.binance;

import com.fasterxml.jackson.databind.JsonNode;
import io.fixbridge.sims.binance.TestClient.Resp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;

import static org.assertj.core.api.Assertions.assertThat;

class SpotRestTest {
    static BinanceSimulator sim;
    static TestClient alice;
    static TestClient bob;

    @BeforeAll
    static void start() throws Exception {
        sim = Sims.builder().build();
        sim.start();
        alice = TestClient.hmac(sim, Sims.ALICE_KEY, Sims.ALICE_SECRET);
        bob = TestClient.ed25519(sim, Sims.BOB_KEY, Sims.BOB_PRIVATE);
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    @Test
    void publicEndpointsAnswerLikeBinance() {
        assertThat(alice.get("/api/v3/ping", "").json().isEmpty()).isTrue();
        Resp time = alice.get("/api/v3/time", "");
        assertThat(time.json().get("serverTime").asLong()).isCloseTo(System.currentTimeMillis(),
                org.assertj.core.data.Offset.offset(5000L));
        Resp info = alice.get("/api/v3/exchangeInfo", "symbol=BTCUSDT");
        JsonNode btc = info.json().get("symbols").get(0);
        assertThat(btc.get("symbol").asText()).isEqualTo("BTCUSDT");
        assertThat(btc.get("status").asText()).isEqualTo("TRADING");
        assertThat(btc.get("baseAsset").asText()).isEqualTo("BTC");
        assertThat(btc.get("filters").findValuesAsText("filterType"))
                .contains("PRICE_FILTER", "LOT_SIZE", "MARKET_LOT_SIZE", "NOTIONAL", "ICEBERG_PARTS");
        assertThat(btc.get("filters").get(0).get("tickSize").asText()).isEqualTo("0.01000000");
        assertThat(info.json().get("rateLimits").get(0).get("limit").asInt()).isEqualTo(6000);
        Resp depth = alice.get("/api/v3/depth", "symbol=BTCUSDT&limit=5");
        assertThat(depth.json().get("bids")).hasSize(5);
        BigDecimal bestAsk = new BigDecimal(depth.json().get("asks").get(0).get(0).asText());
        BigDecimal bestBid = new BigDecimal(depth.json().get("bids").get(0).get(0).asText());
        assertThat(bestAsk).isGreaterThan(bestBid);
        assertThat(depth.json().get("asks").get(0).get(0).asText()).matches("\\d+\\.\\d{8}");
        assertThat(alice.get("/api/v3/exchangeInfo", "symbol=NOPE").code()).isEqualTo(-1121);
    }

    @Test
    void limitOrderLifecycle() {
        Resp placed = alice.signed("POST", "/api/v3/order",
                "symbol=BTCUSDT&side=BUY&type=LIMIT&timeInForce=GTC&quantity=0.01&price=59000&newClientOrderId=life-1");
        assertThat(placed.status()).isEqualTo(200);
        JsonNode p = placed.json();
        assertThat(p.get("clientOrderId").asText()).isEqualTo("life-1");
        assertThat(p.get("status").asText()).isEqualTo("NEW");
        assertThat(p.get("price").asText()).isEqualTo("59000.00000000");
        assertThat(p.get("origQty").asText()).isEqualTo("0.01000000");
        assertThat(p.get("fills")).isEmpty();
        assertThat(p.get("orderListId").asLong()).isEqualTo(-1);
        long orderId = p.get("orderId").asLong();

        Resp query = alice.signed("GET", "/api/v3/order", "symbol=BTCUSDT&origClientOrderId=life-1");
        assertThat(query.json().get("orderId").asLong()).isEqualTo(orderId);
        assertThat(query.json().get("isWorking").asBoolean()).isTrue();
        assertThat(query.json().get("stopPrice").asText()).isEqualTo("0.00000000");

        Resp open = alice.signed("GET", "/api/v3/openOrders", "symbol=BTCUSDT");
        assertThat(open.json().findValuesAsText("clientOrderId")).contains("life-1");

        Resp account = alice.signed("GET", "/api/v3/account", "omitZeroBalances=true");
        JsonNode usdt = find(account.json().get("balances"), "asset", "USDT");
        assertThat(new BigDecimal(usdt.get("locked").asText())).isEqualByComparingTo("590");

        Resp canceled = alice.signed("DELETE", "/api/v3/order", "symbol=BTCUSDT&orderId=" + orderId
                + "&newClientOrderId=cxl-1");
        assertThat(canceled.json().get("status").asText()).isEqualTo("CANCELED");
        assertThat(canceled.json().get("origClientOrderId").asText()).isEqualTo("life-1");
        assertThat(canceled.json().get("clientOrderId").asText()).isEqualTo("cxl-1");

        assertThat(alice.signed("DELETE", "/api/v3/order", "symbol=BTCUSDT&orderId=" + orderId).json())
                .hasToString("{\"code\":-2011,\"msg\":\"Unknown order sent.\"}");
        Resp missing = alice.signed("GET", "/api/v3/order", "symbol=BTCUSDT&orderId=987654");
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.json()).hasToString("{\"code\":-2013,\"msg\":\"Order does not exist.\"}");
    }

    @Test
    void marketOrderFillsWithCommissionAndTrades() {
        Resp placed = alice.signed("POST", "/api/v3/order",
                "symbol=BTCUSDT&side=BUY&type=MARKET&quantity=1.5&newClientOrderId=mkt-1");
        JsonNode p = placed.json();
        assertThat(p.get("status").asText()).isEqualTo("FILLED");
        assertThat(p.get("executedQty").asText()).isEqualTo("1.50000000");
        assertThat(p.get("fills")).hasSize(2);
        JsonNode first = p.get("fills").get(0);
        assertThat(first.get("price").asText()).isEqualTo("60000.01000000");
        assertThat(first.get("qty").asText()).isEqualTo("1.00000000");
        assertThat(first.get("commission").asText()).isEqualTo("60.00001000");
        assertThat(first.get("commissionAsset").asText()).isEqualTo("USDT");
        assertThat(first.get("tradeId").asLong()).isPositive();
        Resp trades = alice.signed("GET", "/api/v3/myTrades", "symbol=BTCUSDT&orderId=" + p.get("orderId").asLong());
        assertThat(trades.json()).hasSize(2);
        assertThat(trades.json().get(0).get("isBuyer").asBoolean()).isTrue();
        assertThat(trades.json().get(0).get("isMaker").asBoolean()).isFalse();
        assertThat(trades.json().get(0).get("id").asLong()).isEqualTo(first.get("tradeId").asLong());
        // sell it back so other tests see the starting balance of BTC
        alice.signed("POST", "/api/v3/order", "symbol=BTCUSDT&side=SELL&type=MARKET&quantity=1.5");
    }

    @Test
    void quoteOrderQtySizesTheMarketOrder() {
        Resp r = alice.signed("POST", "/api/v3/order",
                "symbol=ETHUSDT&side=BUY&type=MARKET&quoteOrderQty=300.5&newOrderRespType=RESULT");
        assertThat(r.json().get("origQuoteOrderQty").asText()).isEqualTo("300.50000000");
        assertThat(r.json().get("status").asText()).isEqualTo("FILLED");
        assertThat(new BigDecimal(r.json().get("cummulativeQuoteQty").asText())).isLessThanOrEqualTo(new BigDecimal("300.5"));
        assertThat(r.json().has("fills")).isFalse();
    }

    @Test
    void filterFailuresUseBinanceTexts() {
        assertThat(alice.signed("POST", "/api/v3/order",
                "symbol=BTCUSDT&side=BUY&type=LIMIT&timeInForce=GTC&quantity=0.01&price=59000.001").json())
                .hasToString("{\"code\":-1013,\"msg\":\"Filter failure: PRICE_FILTER\"}");
        assertThat(alice.signed("POST", "/api/v3/order",
                "symbol=BTCUSDT&side=BUY&type=LIMIT&timeInForce=GTC&quantity=0.000015&price=59000").msg())
                .isEqualTo("Filter failure: LOT_SIZE");
        assertThat(alice.signed("POST", "/api/v3/order",
                "symbol=BTCUSDT&side=BUY&type=LIMIT&timeInForce=GTC&quantity=0.00001&price=59000").msg())
                .isEqualTo("Filter failure: NOTIONAL");
        assertThat(alice.signed("POST", "/api/v3/order",
                "symbol=BTCUSDT&side=BUY&type=LIMIT&timeInForce=GTC&quantity=1&price=50000&icebergQty=0.01").msg())
                .isEqualTo("Filter failure: ICEBERG_PARTS");
        assertThat(alice.signed("POST", "/api/v3/order",
                "symbol=BTCUSDT&side=BUY&type=MARKET&quantity=101").msg())
                .isEqualTo("Filter failure: MARKET_LOT_SIZE");
        Resp noTif = alice.signed("POST", "/api/v3/order", "symbol=BTCUSDT&side=BUY&type=LIMIT&quantity=1&price=1000");
        assertThat(noTif.code()).isEqualTo(-1102);
        assertThat(noTif.msg()).isEqualTo("Mandatory parameter 'timeInForce' was not sent, was empty/null, or malformed.");
        Resp badType = alice.signed("POST", "/api/v3/order", "symbol=BTCUSDT&side=BUY&type=FOO&quantity=1");
        assertThat(badType.json()).hasToString("{\"code\":-1116,\"msg\":\"Invalid orderType.\"}");
        Resp unknownParam = alice.signed("POST", "/api/v3/order",
                "symbol=BTCUSDT&side=BUY&type=MARKET&quantity=0.01&clientOrderId=x");
        assertThat(unknownParam.code()).isEqualTo(-1104);
        assertThat(alice.signed("POST", "/api/v3/order", "symbol=XYZ&side=BUY&type=MARKET&quantity=1").code())
                .isEqualTo(-1121);
    }

    @Test
    void matchingEngineRefusalsUseBinanceTexts() {
        Resp poor = bob.signed("POST", "/api/v3/order",
                "symbol=BTCUSDT&side=BUY&type=LIMIT&timeInForce=GTC&quantity=1&price=50000");
        assertThat(poor.status()).isEqualTo(400);
        assertThat(poor.json()).hasToString(
                "{\"code\":-2010,\"msg\":\"Account has insufficient balance for requested action.\"}");
        Resp maker = alice.signed("POST", "/api/v3/order",
                "symbol=BTCUSDT&side=BUY&type=LIMIT_MAKER&quantity=0.01&price=60001");
        assertThat(maker.json()).hasToString("{\"code\":-2010,\"msg\":\"Order would immediately match and take.\"}");
        Resp trigger = alice.signed("POST", "/api/v3/order",
                "symbol=BTCUSDT&side=SELL&type=STOP_LOSS&quantity=0.01&stopPrice=61000");
        assertThat(trigger.msg()).isEqualTo("Order would trigger immediately.");
        alice.signed("POST", "/api/v3/order",
                "symbol=BTCUSDT&side=BUY&type=LIMIT&timeInForce=GTC&quantity=0.01&price=50000&newClientOrderId=dup-1");
        Resp dup = alice.signed("POST", "/api/v3/order",
                "symbol=BTCUSDT&side=BUY&type=LIMIT&timeInForce=GTC&quantity=0.01&price=50000&newClientOrderId=dup-1");
        assertThat(dup.json()).hasToString("{\"code\":-2010,\"msg\":\"Duplicate order sent.\"}");
        alice.signed("DELETE", "/api/v3/order", "symbol=BTCUSDT&origClientOrderId=dup-1");
        Resp reuse = alice.signed("POST", "/api/v3/order",
                "symbol=BTCUSDT&side=BUY&type=LIMIT&timeInForce=GTC&quantity=0.01&price=50000&newClientOrderId=dup-1");
        assertThat(reuse.status()).as("a client order id is unique among open orders only").isEqualTo(200);
        alice.signed("DELETE", "/api/v3/order", "symbol=BTCUSDT&origClientOrderId=dup-1");
    }

    @Test
    void securityErrorsAreBinances() {
        long now = System.currentTimeMillis();
        String params = "symbol=BTCUSDT&timestamp=" + now;
        Resp badSig = alice.raw("GET", "/api/v3/openOrders", params + "&signature=" + "0".repeat(64), "");
        assertThat(badSig.status()).isEqualTo(400);
        assertThat(badSig.json()).hasToString("{\"code\":-1022,\"msg\":\"Signature for this request is not valid.\"}");
        String stale = "symbol=BTCUSDT&timestamp=" + (now - 10_000);
        Resp old = alice.raw("GET", "/api/v3/openOrders", stale + "&signature=" + alice.sign(stale), "");
        assertThat(old.json()).hasToString(
                "{\"code\":-1021,\"msg\":\"Timestamp for this request is outside of the recvWindow.\"}");
        String ahead = "symbol=BTCUSDT&timestamp=" + (now + 5_000);
        assertThat(alice.raw("GET", "/api/v3/openOrders", ahead + "&signature=" + alice.sign(ahead), "").msg())
                .isEqualTo("Timestamp for this request was 1000ms ahead of the server's time.");
        String wide = "symbol=BTCUSDT&recvWindow=20000&timestamp=" + (now - 10_000);
        assertThat(alice.raw("GET", "/api/v3/openOrders", wide + "&signature=" + alice.sign(wide), "").status())
                .isEqualTo(200);
        TestClient stranger = TestClient.hmac(sim, "who-is-this", "x");
        Resp unknown = stranger.signed("GET", "/api/v3/account", "");
        assertThat(unknown.status()).isEqualTo(401);
        assertThat(unknown.json()).hasToString(
                "{\"code\":-2015,\"msg\":\"Invalid API-key, IP, or permissions for action.\"}");
        Resp noSignature = alice.raw("GET", "/api/v3/account", "timestamp=" + now, "");
        assertThat(noSignature.msg()).isEqualTo("Mandatory parameter 'signature' was not sent, was empty/null, or malformed.");
    }

    @Test
    void queryAndBodyParametersAreSignedTogether() {
        Resp mixed = alice.signedMixed("POST", "/api/v3/order", "symbol=BTCUSDT&side=BUY&type=LIMIT&timeInForce=GTC",
                "quantity=0.01&price=51000&newClientOrderId=mixed-1");
        assertThat(mixed.status()).isEqualTo(200);
        assertThat(mixed.json().get("clientOrderId").asText()).isEqualTo("mixed-1");
        alice.signed("DELETE", "/api/v3/order", "symbol=BTCUSDT&origClientOrderId=mixed-1");
    }

    @Test
    void ed25519AccountTrades() {
        Resp r = bob.signed("POST", "/api/v3/order",
                "symbol=ETHUSDT&side=BUY&type=LIMIT&timeInForce=GTC&quantity=0.01&price=2000&newClientOrderId=bob-1");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().get("status").asText()).isEqualTo("NEW");
        assertThat(bob.signed("DELETE", "/api/v3/order", "symbol=ETHUSDT&origClientOrderId=bob-1").status())
                .isEqualTo(200);
    }

    @Test
    void restingOrderFillsWhenTheMarketComesToIt() {
        Resp placed = alice.signed("POST", "/api/v3/order",
                "symbol=ETHUSDT&side=SELL&type=LIMIT&timeInForce=GTC&quantity=0.5&price=3010&newClientOrderId=rest-1");
        assertThat(placed.json().get("status").asText()).isEqualTo("NEW");
        sim.spotMarket().moveMid("ETHUSDT", 1500);
        Resp filled = alice.signed("GET", "/api/v3/order", "symbol=ETHUSDT&origClientOrderId=rest-1");
        assertThat(filled.json().get("status").asText()).isEqualTo("FILLED");
        assertThat(sim.truth().spotOrders("alice")).anySatisfy(o -> {
            assertThat(o.clientOrderId()).isEqualTo("rest-1");
            assertThat(o.fills()).singleElement().satisfies(f -> assertThat(f.maker()).isTrue());
        });
        sim.spotMarket().moveMid("ETHUSDT", -1500);
    }

    static JsonNode find(JsonNode array, String field, String value) {
        for (JsonNode n : array) {
            if (value.equals(n.path(field).asText())) {
                return n;
            }
        }
        throw new AssertionError("no element with " + field + "=" + value + " in " + array);
    }
}

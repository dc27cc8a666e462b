package io.fixbridge.sims.binance;

import com.fasterxml.jackson.databind.JsonNode;
import io.fixbridge.sims.binance.TestClient.Resp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SpotOrderTypesTest {
    BinanceSimulator sim;
    TestClient alice;
    WsClient ws;

    @BeforeEach
    void start() throws Exception {
        sim = Sims.builder().build();
        sim.start();
        alice = TestClient.hmac(sim, Sims.ALICE_KEY, Sims.ALICE_SECRET);
        ws = new WsClient(sim.wsApiUrl());
        SpotUserDataTest.subscribe(ws, Sims.ALICE_KEY, Sims.ALICE_SECRET);
    }

    @AfterEach
    void stop() {
        ws.close();
        sim.close();
    }

    private String status(String clientOrderId) {
        return alice.signed("GET", "/api/v3/order", "symbol=BTCUSDT&origClientOrderId=" + clientOrderId)
                .json().get("status").asText();
    }

    @Test
    void stopLossTriggersOnAFallAndTradesAsMarket() {
        Resp placed = alice.signed("POST", "/api/v3/order",
                "symbol=BTCUSDT&side=SELL&type=STOP_LOSS&quantity=0.1&stopPrice=59500&newClientOrderId=sl-1");
        assertThat(placed.json()).hasSize(5).as("STOP_LOSS defaults to ACK");
        assertThat(alice.signed("GET", "/api/v3/order", "symbol=BTCUSDT&origClientOrderId=sl-1").json()
                .get("isWorking").asBoolean()).isFalse();
        sim.spotMarket().moveMid("BTCUSDT", -40_000);
        assertThat(status("sl-1")).isEqualTo("NEW");
        sim.spotMarket().moveMid("BTCUSDT", -20_000);
        assertThat(status("sl-1")).isEqualTo("FILLED");
        ws.awaitMessage(m -> "sl-1".equals(m.path("event").path("c").asText())
                && "TRADE".equals(m.path("event").path("x").asText()));
        List<JsonNode> reports = SpotUserDataTest.reports(ws, "sl-1");
        assertThat(reports).extracting(e -> e.get("x").asText()).containsSubsequence("NEW", "NEW", "TRADE");
        assertThat(reports.get(0).get("w").asBoolean()).isFalse();
        assertThat(reports.get(1).get("w").asBoolean()).isTrue();
    }

    @Test
    void takeProfitLimitBuyTriggersOnAFall() {
        alice.signed("POST", "/api/v3/order", "symbol=BTCUSDT&side=BUY&type=TAKE_PROFIT_LIMIT&timeInForce=GTC"
                + "&quantity=0.1&stopPrice=59000&price=59000&newClientOrderId=tpl-1");
        sim.spotMarket().moveMid("BTCUSDT", 10_000);
        assertThat(status("tpl-1")).isEqualTo("NEW");
        sim.spotMarket().moveMid("BTCUSDT", -120_000);
        assertThat(status("tpl-1")).isEqualTo("FILLED");
        assertThat(alice.signed("POST", "/api/v3/order", "symbol=BTCUSDT&side=BUY&type=TAKE_PROFIT"
                + "&quantity=0.1&stopPrice=60000").msg()).isEqualTo("Order would trigger immediately.");
    }

    @Test
    void icebergShowsOnlyItsTip() {
        Resp r = alice.signed("POST", "/api/v3/order", "symbol=BTCUSDT&side=BUY&type=LIMIT&timeInForce=GTC"
                + "&quantity=0.5&price=59000&icebergQty=0.1&newClientOrderId=ice-1");
        assertThat(r.json().get("icebergQty").asText()).isEqualTo("0.10000000");
        JsonNode bids = alice.get("/api/v3/depth", "symbol=BTCUSDT&limit=100").json().get("bids");
        JsonNode level = null;
        for (JsonNode b : bids) {
            if ("59000.00000000".equals(b.get(0).asText())) {
                level = b;
            }
        }
        assertThat(level).isNotNull();
        assertThat(level.get(1).asText()).isEqualTo("0.10000000");
        assertThat(alice.signed("POST", "/api/v3/order", "symbol=BTCUSDT&side=BUY&type=LIMIT&timeInForce=IOC"
                + "&quantity=0.5&price=59000&icebergQty=0.1").code()).isEqualTo(-1014);
    }

    @Test
    void allOrdersCancelRestrictionsAndStrategyEcho() {
        Resp placed = alice.signed("POST", "/api/v3/order", "symbol=BTCUSDT&side=BUY&type=LIMIT&timeInForce=GTC"
                + "&quantity=0.01&price=58000&newClientOrderId=all-1&strategyId=7&strategyType=1000000");
        assertThat(placed.json().get("strategyId").asLong()).isEqualTo(7);
        ws.awaitMessage(m -> m.path("event").path("j").asLong() == 7 && m.path("event").path("J").asLong() == 1000000);
        assertThat(alice.signed("DELETE", "/api/v3/order", "symbol=BTCUSDT&origClientOrderId=all-1"
                + "&cancelRestrictions=ONLY_PARTIALLY_FILLED").json()).hasToString(
                "{\"code\":-2011,\"msg\":\"Order was not canceled due to cancel restrictions.\"}");
        assertThat(alice.signed("DELETE", "/api/v3/order", "symbol=BTCUSDT&origClientOrderId=all-1"
                + "&cancelRestrictions=SOMETIMES").code()).isEqualTo(-1145);
        assertThat(alice.signed("DELETE", "/api/v3/order", "symbol=BTCUSDT&origClientOrderId=all-1"
                + "&cancelRestrictions=ONLY_NEW").status()).isEqualTo(200);
        alice.signed("POST", "/api/v3/order", "symbol=BTCUSDT&side=BUY&type=MARKET&quantity=0.01");
        JsonNode all = alice.signed("GET", "/api/v3/allOrders", "symbol=BTCUSDT").json();
        assertThat(all).hasSize(2);
        assertThat(all.get(0).get("status").asText()).isEqualTo("CANCELED");
        assertThat(all.get(1).get("status").asText()).isEqualTo("FILLED");
        assertThat(alice.signed("GET", "/api/v3/allOrders", "symbol=BTCUSDT&limit=1").json()).hasSize(1);
    }

    @Test
    void haltedSymbolsRefuseOrders() {
        sim.spotMarket().setStatus("ETHUSDT", "HALT");
        assertThat(alice.get("/api/v3/exchangeInfo", "symbol=ETHUSDT").json().get("symbols").get(0).get("status")
                .asText()).isEqualTo("HALT");
        assertThat(alice.signed("POST", "/api/v3/order", "symbol=ETHUSDT&side=BUY&type=MARKET&quantity=0.01").json())
                .hasToString("{\"code\":-1013,\"msg\":\"Market is closed.\"}");
        sim.spotMarket().setStatus("ETHUSDT", "TRADING");
        assertThat(alice.signed("POST", "/api/v3/order", "symbol=ETHUSDT&side=BUY&type=MARKET&quantity=0.01")
                .status()).isEqualTo(200);
    }

    @Test
    void aSymbolCanPublishTheLegacyMinNotionalFilter() throws Exception {
        try (BinanceSimulator legacy = Sims.builder()
                .spotSymbols(SpotSymbol.btcusdt().withLegacyMinNotionalFilter()).build()) {
            legacy.start();
            TestClient client = TestClient.hmac(legacy, Sims.ALICE_KEY, Sims.ALICE_SECRET);
            JsonNode filters = client.get("/api/v3/exchangeInfo", "").json().get("symbols").get(0).get("filters");
            assertThat(filters.findValuesAsText("filterType")).contains("MIN_NOTIONAL").doesNotContain("NOTIONAL");
            assertThat(client.signed("POST", "/api/v3/order", "symbol=BTCUSDT&side=BUY&type=LIMIT&timeInForce=GTC"
                    + "&quantity=0.00001&price=59000").msg()).isEqualTo("Filter failure: MIN_NOTIONAL");
        }
    }
}

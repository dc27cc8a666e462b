package io.fixbridge.sims.binance;

import com.fasterxml.jackson.databind.JsonNode;
import io.fixbridge.sims.binance.ControlClient.Answer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code GET|POST /_sim/market}: the top of the book and moving the market so resting orders trade. */
class ControlMarketTest {
    BinanceSimulator sim;
    TestClient alice;
    ControlClient control;

    @BeforeEach
    void start() throws Exception {
        sim = Sims.builder().build();
        sim.start();
        alice = TestClient.hmac(sim, Sims.ALICE_KEY, Sims.ALICE_SECRET);
        control = new ControlClient(sim);
    }

    @AfterEach
    void stop() {
        sim.close();
    }

    @Test
    void getAnswersTheTopOfEveryMarketListingTheSymbol() {
        Answer top = control.get("/_sim/market?symbol=BTCUSDT");
        assertThat(top.status()).isEqualTo(200);
        JsonNode n = top.json();
        assertThat(n.get("symbol").asText()).isEqualTo("BTCUSDT");
        assertThat(n.get("market").asText()).isEqualTo("spot");
        assertThat(n.get("bid").asText()).isEqualTo("59999.99");
        assertThat(n.get("ask").asText()).isEqualTo("60000.01");
        assertThat(n.get("mid").asText()).isEqualTo("60000");
        assertThat(n.get("last").asText()).isEqualTo("60000");
        assertThat(n.get("markets")).hasSize(2);
        JsonNode perp = n.get("markets").get(1);
        assertThat(perp.get("market").asText()).isEqualTo("futures");
        assertThat(perp.get("bid").asText()).isEqualTo("59999.9");
        assertThat(perp.get("ask").asText()).isEqualTo("60000.1");

        Answer futuresOnly = control.get("/_sim/market?symbol=BTCUSDT&market=futures");
        assertThat(futuresOnly.json().get("market").asText()).isEqualTo("futures");
        assertThat(futuresOnly.json().get("markets")).hasSize(1);
        assertThat(control.get("/_sim/market?symbol=ETHUSDT").json().get("markets")).hasSize(1);
    }

    @Test
    void movingThePriceFillsARestingLimitOrderAndSendsItsEvents() {
        try (WsClient ws = new WsClient(sim.wsApiUrl())) {
            SpotUserDataTest.subscribe(ws, Sims.ALICE_KEY, Sims.ALICE_SECRET);
            assertThat(alice.signed("POST", "/api/v3/order", "symbol=BTCUSDT&side=BUY&type=LIMIT&timeInForce=GTC"
                    + "&quantity=0.5&price=59990&newClientOrderId=mv-1").status()).isEqualTo(200);

            Answer moved = control.post("/_sim/market", "{\"symbol\":\"BTCUSDT\",\"price\":\"59980\"}");
            assertThat(moved.status()).isEqualTo(200);
            JsonNode n = moved.json();
            assertThat(n.get("market").asText()).isEqualTo("spot");
            assertThat(n.get("mid").asText()).isEqualTo("59980");
            assertThat(n.get("bid").asText()).isEqualTo("59979.99");
            assertThat(n.get("ask").asText()).isEqualTo("59980.01");
            assertThat(n.get("markets").get(1).get("mid").asText()).as("the perp moved too").isEqualTo("59980");
            assertThat(n.get("markets").get(1).get("bid").asText()).isEqualTo("59979.9");

            JsonNode trade = ws.awaitMessage(m -> "TRADE".equals(m.path("event").path("x").asText())).get("event");
            assertThat(trade.get("c").asText()).isEqualTo("mv-1");
            assertThat(trade.get("X").asText()).isEqualTo("FILLED");

            JsonNode order = control.get("/_sim/orders?account=alice").json().get("orders").get(0);
            assertThat(order.get("status").asText()).isEqualTo("FILLED");
            assertThat(order.get("executedQty").asText()).isEqualTo("0.5");
            assertThat(order.get("fills").get(0).get("price").asText()).isEqualTo("59990");
        }
        assertThat(control.get("/_sim/market?symbol=BTCUSDT").json().get("mid").asText()).isEqualTo("59980");
        assertThat(sim.spotMarket().mid("BTCUSDT")).isEqualByComparingTo("59980");
    }

    @Test
    void badMarketRequestsAnswer400AndMoveNothing() {
        assertBad("{\"symbol\":\"DOGEUSDT\",\"price\":\"1\"}", "DOGEUSDT", "BTCUSDT");
        assertBad("{\"symbol\":\"BTCUSDT\",\"price\":\"abc\"}", "price", "abc");
        assertBad("{\"symbol\":\"BTCUSDT\",\"price\":\"-5\"}", "price");
        assertBad("{\"symbol\":\"BTCUSDT\"}", "price", "required");
        assertBad("{\"price\":\"59000\"}", "symbol", "required");
        assertBad("{\"symbol\":\"BTCUSDT\",\"price\":\"59000.05\"}", "price", "futures", "0.1");
        assertBad("{\"symbol\":\"BTCUSDT\",\"price\":\"0.05\",\"market\":\"spot\"}", "price", "too low");
        assertBad("{\"symbol\":\"BTCUSDT\",\"price\":\"59000\",\"market\":\"options\"}", "market", "spot",
                "futures");
        assertBad("{\"symbol\":\"ETHUSDT\",\"price\":\"3000\",\"market\":\"futures\"}", "ETHUSDT", "futures");
        assertBad("{\"symbol\":\"BTCUSDT\",\"price\":\"59000\",\"size\":1}", "size", "allowed keys");
        assertThat(control.get("/_sim/market").status()).isEqualTo(400);
        assertThat(control.get("/_sim/market?symbol=NOPE").status()).isEqualTo(400);
        assertThat(control.get("/_sim/market?symbol=BTCUSDT").json().get("mid").asText())
                .as("nothing moved").isEqualTo("60000");
        assertThat(control.get("/_sim/market?symbol=BTCUSDT&market=futures").json().get("mid").asText())
                .isEqualTo("60000");

        Answer spotOnly = control.post("/_sim/market",
                "{\"symbol\":\"BTCUSDT\",\"price\":\"59000.05\",\"market\":\"spot\"}");
        assertThat(spotOnly.status()).isEqualTo(200);
        assertThat(spotOnly.json().get("mid").asText()).isEqualTo("59000.05");
        assertThat(control.get("/_sim/market?symbol=BTCUSDT&market=futures").json().get("mid").asText())
                .isEqualTo("60000");
        assertThat(control.post("/_sim/market", "{\"symbol\":\"BTCUSDT\",\"price\":61000}").json().get("mid")
                .asText()).as("a JSON number is taken too").isEqualTo("61000");
    }

    private void assertBad(String body, String... mentions) {
        Answer answer = control.post("/_sim/market", body);
        assertThat(answer.status()).as(body).isEqualTo(400);
        assertThat(answer.error()).as(body).contains(mentions);
    }
}

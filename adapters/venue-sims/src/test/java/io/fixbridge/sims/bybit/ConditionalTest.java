package io.fixbridge.sims.bybit;

import com.fasterxml.jackson.databind.JsonNode;
import io.fixbridge.sims.bybit.BybitClient.Resp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.stream.Collectors;

import static io.fixbridge.sims.bybit.Fixtures.body;
import static io.fixbridge.sims.bybit.Fixtures.market;
import static io.fixbridge.sims.bybit.Fixtures.q;
import static org.assertj.core.api.Assertions.assertThat;

class ConditionalTest {
    BybitSimulator sim;
    BybitClient alice;

    @BeforeEach
    void start() throws Exception {
        sim = Fixtures.builder().build();
        sim.start();
        alice = Fixtures.alice(sim);
    }

    @AfterEach
    void stop() {
        sim.close();
    }

    private static String stop(String side, String type, String qty, String price, String trigger, int direction,
                               String linkId) {
        return body("category", q("linear"), "symbol", q("BTCUSDT"), "side", q(side), "orderType", q(type),
                "qty", q(qty), "price", price == null ? "null" : q(price), "triggerPrice", q(trigger),
                "triggerDirection", Integer.toString(direction), "orderLinkId", q(linkId));
    }

    @Test
    void aRisingStopMarketWaitsUntriggeredThenTriggersAndFillsUnderTheSameIds() {
        try (PrivateWs ws = PrivateWs.open(sim, Fixtures.ALICE_KEY, Fixtures.ALICE_SECRET, "order", "execution")) {
            Resp r = alice.post("/v5/order/create", stop("Buy", "Market", "0.100", null, "60500.0", 1, "stop-1"));
            assertThat(r.retCode()).as(r.toString()).isZero();
            JsonNode waiting = Fixtures.realtime(alice, "linear", "stop-1");
            assertThat(waiting.get("orderStatus").asText()).isEqualTo("Untriggered");
            assertThat(waiting.get("stopOrderType").asText()).isEqualTo("Stop");
            assertThat(waiting.get("triggerDirection").asInt()).isEqualTo(1);
            assertThat(waiting.get("triggerBy").asText()).isEqualTo("LastPrice");
            assertThat(sim.truth().balances("alice").get("USDT").available())
                    .as("a conditional order holds no margin").isEqualByComparingTo("100000");

            sim.linearMarket().moveMid("BTCUSDT", 4_000); // +400: not yet
            assertThat(Fixtures.realtime(alice, "linear", "stop-1").get("orderStatus").asText())
                    .isEqualTo("Untriggered");
            sim.linearMarket().moveMid("BTCUSDT", 1_000); // mid 60500: fires

            ws.awaitItem("order", d -> "stop-1".equals(d.path("orderLinkId").asText())
                    && "Filled".equals(d.path("orderStatus").asText()));
            List<String> statuses = ws.items("order", d -> "stop-1".equals(d.path("orderLinkId").asText())).stream()
                    .map(d -> d.path("orderStatus").asText()).collect(Collectors.toList());
            assertThat(statuses).containsExactly("Untriggered", "Triggered", "New", "Filled");
            JsonNode exec = ws.awaitItem("execution", d -> "stop-1".equals(d.path("orderLinkId").asText()));
            assertThat(exec.get("orderId").asText()).isEqualTo(r.result().get("orderId").asText());
            assertThat(exec.get("stopOrderType").asText()).isEqualTo("Stop");
            assertThat(exec.get("execPrice").asText()).isEqualTo("60500.10");
        }
    }

    @Test
    void aFallingStopLimitTakesOrRestsAfterItsTrigger() {
        alice.post("/v5/order/create", stop("Sell", "Limit", "0.100", "59400.0", "59500.0", 2, "stop-2"));
        sim.linearMarket().moveMid("BTCUSDT", -5_000); // mid 59500
        JsonNode o = Fixtures.realtime(alice, "linear", "stop-2");
        assertThat(o.get("orderStatus").asText()).as(o.toString()).isEqualTo("Filled");
        assertThat(o.get("avgPrice").asText()).as("a sell limit below the bid takes the bid").isEqualTo("59499.9");

        alice.post("/v5/order/create", stop("Sell", "Limit", "0.100", "60000.0", "59000.0", 2, "stop-3"));
        sim.linearMarket().moveMid("BTCUSDT", -5_000); // mid 59000: fires, the limit 60000 is above the market
        JsonNode resting = Fixtures.realtime(alice, "linear", "stop-3");
        assertThat(resting.get("orderStatus").asText()).isEqualTo("New");
        assertThat(resting.get("price").asText()).isEqualTo("60000.00");
        assertThat(sim.truth().orderByLinkId("alice", "stop-3").engineView().price()).isEqualByComparingTo("60000");
    }

    @Test
    void aTriggerThatAlreadyHoldsIs110092Or110093AndAmendRechecksIt() {
        Resp rising = alice.post("/v5/order/create", stop("Buy", "Market", "0.100", null, "59000.0", 1, "t-1"));
        assertThat(rising.retCode()).isEqualTo(110092);
        assertThat(rising.retMsg()).isEqualTo("expect Rising, but trigger_price[59000] <= current[60000]??LastPrice");
        Resp falling = alice.post("/v5/order/create", stop("Sell", "Market", "0.100", null, "61000.0", 2, "t-2"));
        assertThat(falling.retCode()).isEqualTo(110093);
        Resp noDirection = alice.post("/v5/order/create", body("category", q("linear"), "symbol", q("BTCUSDT"),
                "side", q("Buy"), "orderType", q("Market"), "qty", q("0.100"), "triggerPrice", q("61000.0")));
        assertThat(noDirection.retCode()).isEqualTo(10001);

        alice.post("/v5/order/create", stop("Buy", "Market", "0.100", null, "61000.0", 1, "t-3"));
        Resp badAmend = alice.post("/v5/order/amend", body("category", q("linear"), "symbol", q("BTCUSDT"),
                "orderLinkId", q("t-3"), "triggerPrice", q("59500.0")));
        assertThat(badAmend.retCode()).isEqualTo(110092);
        Resp amend = alice.post("/v5/order/amend", body("category", q("linear"), "symbol", q("BTCUSDT"),
                "orderLinkId", q("t-3"), "triggerPrice", q("60200.0"), "qty", q("0.050")));
        assertThat(amend.retCode()).isZero();
        JsonNode o = Fixtures.realtime(alice, "linear", "t-3");
        assertThat(o.get("triggerPrice").asText()).isEqualTo("60200.00");
        assertThat(o.get("qty").asText()).isEqualTo("0.050");
        assertThat(alice.post("/v5/order/amend", body("category", q("linear"), "symbol", q("BTCUSDT"),
                "orderLinkId", q("t-3"), "triggerBy", q("MarkPrice"))).retCode()).isZero();
        assertThat(Fixtures.realtime(alice, "linear", "t-3").get("triggerBy").asText()).isEqualTo("MarkPrice");
        sim.linearMarket().moveMid("BTCUSDT", 2_000);
        assertThat(sim.truth().orderByLinkId("alice", "t-3").cumExecQty()).isEqualByComparingTo("0.05");
        assertThat(alice.post("/v5/order/amend", body("category", q("linear"), "symbol", q("BTCUSDT"),
                "orderLinkId", q("t-3"), "triggerPrice", q("60300.0"))).retCode())
                .as("a filled order is gone").isEqualTo(110001);
    }

    @Test
    void aReduceOnlyStopWithNothingToCloseIsCancelledAtItsTrigger() {
        alice.post("/v5/order/create", market("linear", "BTCUSDT", "Buy", "0.100", "open"));
        Resp sl = alice.post("/v5/order/create", body("category", q("linear"), "symbol", q("BTCUSDT"),
                "side", q("Sell"), "orderType", q("Market"), "qty", q("0.100"), "triggerPrice", q("59000.0"),
                "triggerDirection", "2", "reduceOnly", "true", "orderLinkId", q("sl-1")));
        assertThat(sl.retCode()).isZero();
        alice.post("/v5/order/create", market("linear", "BTCUSDT", "Sell", "0.100", "close"));
        sim.linearMarket().moveMid("BTCUSDT", -10_000);
        TruthOrder o = sim.truth().orderByLinkId("alice", "sl-1");
        assertThat(o.orderStatus()).isEqualTo("Cancelled");
        assertThat(o.cumExecQty()).isZero();
        assertThat(Fixtures.realtime(alice, "linear", "sl-1").get("cancelType").asText())
                .isEqualTo("CancelByReduceOnly");
        assertThat(sim.truth().positions("alice").get(0).quantity()).isZero();
    }

    @Test
    void cancellingAnUntriggeredOrderDeactivatesIt() {
        alice.post("/v5/order/create", stop("Buy", "Market", "0.100", null, "61000.0", 1, "d-1"));
        Resp r = alice.post("/v5/order/cancel", body("category", q("linear"), "symbol", q("BTCUSDT"),
                "orderLinkId", q("d-1")));
        assertThat(r.retCode()).isZero();
        assertThat(Fixtures.realtime(alice, "linear", "d-1").get("orderStatus").asText()).isEqualTo("Deactivated");
        sim.linearMarket().moveMid("BTCUSDT", 20_000);
        assertThat(sim.truth().orderByLinkId("alice", "d-1").cumExecQty()).isZero();
        assertThat(alice.get("/v5/order/realtime", "category=linear&symbol=BTCUSDT&orderFilter=StopOrder").list())
                .isEmpty();
    }
}

package io.fixbridge.sims.bybit;

import com.fasterxml.jackson.databind.JsonNode;
import io.fixbridge.sims.bybit.BybitClient.Resp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static io.fixbridge.sims.bybit.Fixtures.body;
import static io.fixbridge.sims.bybit.Fixtures.limit;
import static io.fixbridge.sims.bybit.Fixtures.q;
import static org.assertj.core.api.Assertions.assertThat;

class SpotTest {
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

    @Test
    void aLimitBuyRestsHoldsUsdtAndCancelReleasesIt() {
        Resp r = alice.post("/v5/order/create", limit("spot", "BTCUSDT", "Buy", "0.5", "59000", "s-1"));
        assertThat(r.retCode()).as(r.toString()).isZero();
        assertThat(r.result().get("orderId").asText()).matches("[0-9]{19}");
        JsonNode o = Fixtures.realtime(alice, "spot", "s-1");
        assertThat(o.get("orderStatus").asText()).isEqualTo("New");
        assertThat(o.get("price").asText()).isEqualTo("59000.00");
        assertThat(o.get("qty").asText()).isEqualTo("0.5");

        JsonNode wallet = alice.get("/v5/account/wallet-balance", "accountType=UNIFIED&coin=USDT").list().get(0);
        JsonNode usdt = wallet.get("coin").get(0);
        assertThat(usdt.get("coin").asText()).isEqualTo("USDT");
        assertThat(usdt.get("walletBalance").asText()).isEqualTo("100000");
        assertThat(usdt.get("locked").asText()).isEqualTo("29500");
        assertThat(usdt.get("availableToWithdraw").asText()).isEqualTo("70500");

        Resp cancelled = alice.post("/v5/order/cancel", body("category", q("spot"), "symbol", q("BTCUSDT"),
                "orderLinkId", q("s-1")));
        assertThat(cancelled.retCode()).isZero();
        assertThat(sim.truth().balances("alice").get("USDT").available()).isEqualByComparingTo("100000");
        Resp again = alice.post("/v5/order/cancel", body("category", q("spot"), "symbol", q("BTCUSDT"),
                "orderLinkId", q("s-1")));
        assertThat(again.retCode()).isEqualTo(170213);
        assertThat(again.retMsg()).isEqualTo("Order does not exist.");
    }

    @Test
    void aMarketBuyIsByValueInUsdtByDefaultAndASellByQuantity() {
        Resp buy = alice.post("/v5/order/create", body("category", q("spot"), "symbol", q("BTCUSDT"),
                "side", q("Buy"), "orderType", q("Market"), "qty", q("600.0001"), "orderLinkId", q("mb-1")));
        assertThat(buy.retCode()).as(buy.toString()).isZero();
        TruthOrder o = sim.truth().orderByLinkId("alice", "mb-1");
        assertThat(o.orderStatus()).isEqualTo("Filled");
        assertThat(o.cumExecQty()).isEqualByComparingTo("0.01");
        assertThat(o.cumExecValue()).isEqualByComparingTo("600.0001");
        assertThat(o.executions()).singleElement().satisfies(e -> {
            assertThat(e.maker()).isFalse();
            assertThat(e.feeCurrency()).isEqualTo("USDT");
            assertThat(e.fee()).isEqualByComparingTo("0.330000055");
        });
        JsonNode rest = Fixtures.realtime(alice, "spot", "mb-1");
        assertThat(rest.get("qty").asText()).isEqualTo("600.0001");
        assertThat(rest.get("cumExecQty").asText()).isEqualTo("0.01");
        assertThat(rest.get("timeInForce").asText()).isEqualTo("IOC");
        assertThat(sim.truth().balances("alice").get("BTC").total()).isEqualByComparingTo("2.01");

        Resp sell = alice.post("/v5/order/create", body("category", q("spot"), "symbol", q("BTCUSDT"),
                "side", q("Sell"), "orderType", q("Market"), "qty", q("0.02"), "orderLinkId", q("ms-1")));
        assertThat(sell.retCode()).isZero();
        assertThat(sim.truth().orderByLinkId("alice", "ms-1").cumExecValue()).isEqualByComparingTo("1199.9998");
        assertThat(sim.truth().balances("alice").get("BTC").total()).isEqualByComparingTo("1.99");
    }

    @Test
    void spotRulesAnswer170Codes() {
        assertThat(alice.post("/v5/order/create", limit("spot", "BTCUSDT", "Buy", "0.0000001", "59000", "x-1"))
                .retCode()).as("qty decimals").isEqualTo(170137);
        assertThat(alice.post("/v5/order/create", limit("spot", "BTCUSDT", "Buy", "0.01", "59000.001", "x-2"))
                .retCode()).as("price decimals").isEqualTo(170134);
        assertThat(alice.post("/v5/order/create", limit("spot", "BTCUSDT", "Buy", "0.00001", "59000", "x-3"))
                .retCode()).as("below min qty").isEqualTo(170136);
        assertThat(alice.post("/v5/order/create", limit("spot", "BTCUSDT", "Buy", "0.00005", "59000", "x-4"))
                .retCode()).as("below 5 USDT").isEqualTo(170140);
        assertThat(alice.post("/v5/order/create", limit("spot", "BTCUSDT", "Buy", "abc", "59000", "x-5"))
                .retMsg()).isEqualTo("Data sent for paramter 'qty' is not valid.");
        assertThat(alice.post("/v5/order/create", limit("spot", "BTCUSDT", "Buy", "84", "59000", "x-6"))
                .retCode()).as("above max qty").isEqualTo(170381);
        Resp broke = alice.post("/v5/order/create", limit("spot", "BTCUSDT", "Buy", "2", "59000", "x-7"));
        assertThat(broke.retCode()).isEqualTo(170131);
        assertThat(broke.retMsg()).isEqualTo("Balance insufficient");
        assertThat(alice.post("/v5/order/create", limit("spot", "BTCUSDT", "Sell", "3", "61000", "x-8"))
                .retCode()).as("only 2 BTC").isEqualTo(170131);
        assertThat(alice.post("/v5/order/create", limit("spot", "DOGEUSDT", "Buy", "1", "1", "x-9"))
                .retCode()).isEqualTo(170121);
        assertThat(alice.post("/v5/order/create", limit("spot", "BTCUSDT", "Buy", "0.01", "59000", "x-10"))
                .retCode()).isZero();
        assertThat(alice.post("/v5/order/create", limit("spot", "BTCUSDT", "Buy", "0.01", "59000", "x-10"))
                .retCode()).as("duplicate orderLinkId").isEqualTo(170141);
    }

    @Test
    void aPostOnlyThatWouldTakeIsAcceptedThenCancelled() {
        Resp r = alice.post("/v5/order/create", body("category", q("spot"), "symbol", q("BTCUSDT"),
                "side", q("Buy"), "orderType", q("Limit"), "qty", q("0.01"), "price", q("60001"),
                "timeInForce", q("PostOnly"), "orderLinkId", q("po-1")));
        assertThat(r.retCode()).as(r.toString()).isZero();
        JsonNode o = Fixtures.realtime(alice, "spot", "po-1");
        assertThat(o.get("orderStatus").asText()).isEqualTo("Cancelled");
        assertThat(o.get("rejectReason").asText()).isEqualTo("EC_PostOnlyWillTakeLiquidity");
        assertThat(o.get("cumExecQty").asText()).isEqualTo("0");
        assertThat(sim.truth().orderByLinkId("alice", "po-1").engineView()).isNull();

        Resp maker = alice.post("/v5/order/create", body("category", q("spot"), "symbol", q("BTCUSDT"),
                "side", q("Buy"), "orderType", q("Limit"), "qty", q("0.01"), "price", q("59999.99"),
                "timeInForce", q("PostOnly"), "orderLinkId", q("po-2")));
        assertThat(maker.retCode()).isZero();
        assertThat(Fixtures.realtime(alice, "spot", "po-2").get("orderStatus").asText()).isEqualTo("New");
    }

    @Test
    void aStopOrderWaitsUntriggeredHoldsNothingAndFiresWhenThePriceRises() {
        Resp r = alice.post("/v5/order/create", body("category", q("spot"), "symbol", q("BTCUSDT"),
                "side", q("Buy"), "orderType", q("Limit"), "qty", q("0.1"), "price", q("60700"),
                "triggerPrice", q("60500"), "orderFilter", q("StopOrder"), "orderLinkId", q("stop-1")));
        assertThat(r.retCode()).as(r.toString()).isZero();
        JsonNode waiting = Fixtures.realtime(alice, "spot", "stop-1");
        assertThat(waiting.get("orderStatus").asText()).isEqualTo("Untriggered");
        assertThat(waiting.get("stopOrderType").asText()).isEqualTo("Stop");
        assertThat(waiting.get("triggerPrice").asText()).isEqualTo("60500.00");
        assertThat(sim.truth().balances("alice").get("USDT").available()).isEqualByComparingTo("100000");

        Resp plainCancel = alice.post("/v5/order/cancel", body("category", q("spot"), "symbol", q("BTCUSDT"),
                "orderLinkId", q("stop-1")));
        assertThat(plainCancel.retCode()).as("orderFilter defaults to Order").isEqualTo(170213);

        sim.spotMarket().moveMid("BTCUSDT", 60_000); // +600
        TruthOrder fired = sim.truth().orderByLinkId("alice", "stop-1");
        assertThat(fired.orderStatus()).isEqualTo("Filled");
        assertThat(fired.cumExecQty()).isEqualByComparingTo("0.1");
        assertThat(fired.orderId()).isEqualTo(r.result().get("orderId").asText());
    }

    @Test
    void cancellingAnUntriggeredStopOrderDeactivatesIt() {
        alice.post("/v5/order/create", body("category", q("spot"), "symbol", q("BTCUSDT"), "side", q("Sell"),
                "orderType", q("Market"), "qty", q("0.1"), "triggerPrice", q("59000"), "orderFilter", q("StopOrder"),
                "orderLinkId", q("stop-2")));
        Resp r = alice.post("/v5/order/cancel", body("category", q("spot"), "symbol", q("BTCUSDT"),
                "orderLinkId", q("stop-2"), "orderFilter", q("StopOrder")));
        assertThat(r.retCode()).as(r.toString()).isZero();
        assertThat(Fixtures.realtime(alice, "spot", "stop-2").get("orderStatus").asText()).isEqualTo("Deactivated");
        sim.spotMarket().moveMid("BTCUSDT", -200_000);
        assertThat(sim.truth().orderByLinkId("alice", "stop-2").cumExecQty()).isZero();
    }

    @Test
    void spotAmendChangesPriceAndKeepsTheOrderId() {
        Resp r = alice.post("/v5/order/create", limit("spot", "ETHUSDT", "Sell", "1", "3100", "eth-1"));
        Resp amended = alice.post("/v5/order/amend", body("category", q("spot"), "symbol", q("ETHUSDT"),
                "orderLinkId", q("eth-1"), "price", q("3050.5"), "qty", q("0.5")));
        assertThat(amended.retCode()).as(amended.toString()).isZero();
        assertThat(amended.result().get("orderId").asText()).isEqualTo(r.result().get("orderId").asText());
        JsonNode o = Fixtures.realtime(alice, "spot", "eth-1");
        assertThat(o.get("price").asText()).isEqualTo("3050.50");
        assertThat(o.get("qty").asText()).isEqualTo("0.5");
        assertThat(sim.truth().balances("alice").get("ETH").available()).isEqualByComparingTo("9.5");
    }
}

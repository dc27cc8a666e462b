package io.fixbridge.sims.bybit;

import com.fasterxml.jackson.databind.JsonNode;
import io.fixbridge.sims.bybit.BybitClient.Resp;
import io.fixbridge.venue.Position;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.fixbridge.sims.bybit.Fixtures.body;
import static io.fixbridge.sims.bybit.Fixtures.limit;
import static io.fixbridge.sims.bybit.Fixtures.market;
import static io.fixbridge.sims.bybit.Fixtures.q;
import static org.assertj.core.api.Assertions.assertThat;

class LinearTest {
    BybitSimulator sim;
    BybitClient alice;

    @BeforeEach
    void start() throws Exception {
        sim = Fixtures.builder().maxActiveOrders(3).build();
        sim.start();
        alice = Fixtures.alice(sim);
    }

    @AfterEach
    void stop() {
        sim.close();
    }

    @Test
    void aRestingLimitOrderIsAcknowledgedAndQueryableByOrderLinkId() {
        Resp created = alice.post("/v5/order/create", limit("linear", "BTCUSDT", "Buy", "0.010", "59000.0", "lin-1"));

        assertThat(created.status()).isEqualTo(200);
        assertThat(created.retCode()).as(created.toString()).isZero();
        assertThat(created.retMsg()).isEqualTo("OK");
        assertThat(created.result().get("orderLinkId").asText()).isEqualTo("lin-1");
        assertThat(created.result().get("orderId").asText()).matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-"
                + "[0-9a-f]{12}");
        assertThat(created.json().get("retExtInfo").isObject()).isTrue();
        assertThat(created.json().get("time").isNumber()).isTrue();
        JsonNode o = Fixtures.realtime(alice, "linear", "lin-1");
        assertThat(o.get("orderId").asText()).isEqualTo(created.result().get("orderId").asText());
        assertThat(o.get("orderStatus").asText()).isEqualTo("New");
        assertThat(o.get("price").asText()).isEqualTo("59000.00");
        assertThat(o.get("qty").asText()).isEqualTo("0.010");
        assertThat(o.get("leavesQty").asText()).isEqualTo("0.010");
        assertThat(o.get("leavesValue").asText()).isEqualTo("590");
        assertThat(o.get("timeInForce").asText()).isEqualTo("GTC");
        assertThat(o.get("positionIdx").asInt()).isZero();
        assertThat(o.get("stopOrderType").asText()).isEqualTo("UNKNOWN");
        assertThat(o.get("triggerPrice").asText()).isEqualTo("0.00");
        assertThat(o.get("rejectReason").asText()).isEqualTo("EC_NoError");
        Resp open = alice.get("/v5/order/realtime", "category=linear&settleCoin=USDT");
        assertThat(open.list()).hasSize(1);
        assertThat(open.result().get("category").asText()).isEqualTo("linear");
        assertThat(open.result().has("nextPageCursor")).isTrue();
    }

    @Test
    void aMarketOrderFillsAsTakerOpensAPositionAndShowsInExecutionsAndPositions() {
        Resp created = alice.post("/v5/order/create", market("linear", "BTCUSDT", "Buy", "0.100", "mkt-1"));
        assertThat(created.retCode()).as(created.toString()).isZero();
        String orderId = created.result().get("orderId").asText();

        JsonNode o = Fixtures.realtime(alice, "linear", "mkt-1");
        assertThat(o.get("orderStatus").asText()).isEqualTo("Filled");
        assertThat(o.get("timeInForce").asText()).isEqualTo("IOC");
        assertThat(o.get("avgPrice").asText()).isEqualTo("60000.1");
        assertThat(o.get("cumExecQty").asText()).isEqualTo("0.100");
        assertThat(o.get("cumExecValue").asText()).isEqualTo("6000.01");
        assertThat(o.get("cumExecFee").asText()).isEqualTo("3.3000055");
        assertThat(o.get("price").asText()).as("the protection price 2 %% above the last price").isEqualTo("61200.00");

        Resp fills = alice.get("/v5/execution/list", "category=linear&orderId=" + orderId);
        assertThat(fills.list()).hasSize(1);
        JsonNode fill = fills.list().get(0);
        assertThat(fill.get("execPrice").asText()).isEqualTo("60000.10");
        assertThat(fill.get("execQty").asText()).isEqualTo("0.100");
        assertThat(fill.get("isMaker").asBoolean()).isFalse();
        assertThat(fill.get("feeRate").asText()).isEqualTo("0.00055");
        assertThat(fill.get("execFee").asText()).isEqualTo("3.3000055");
        assertThat(fill.get("feeCurrency").asText()).isEqualTo("USDT");
        assertThat(fill.get("execType").asText()).isEqualTo("Trade");
        assertThat(fill.get("orderLinkId").asText()).isEqualTo("mkt-1");

        Resp positions = alice.get("/v5/position/list", "category=linear&symbol=BTCUSDT");
        assertThat(positions.list()).hasSize(1);
        JsonNode p = positions.list().get(0);
        assertThat(p.get("side").asText()).isEqualTo("Buy");
        assertThat(p.get("size").asText()).isEqualTo("0.100");
        assertThat(p.get("avgPrice").asText()).isEqualTo("60000.1");
        assertThat(p.get("positionValue").asText()).isEqualTo("6000.01");
        assertThat(p.get("leverage").asText()).isEqualTo("10");
        assertThat(p.get("positionIdx").asInt()).isZero();
        assertThat(p.get("cumRealisedPnl").asText()).isEqualTo("-3.3000055");
        assertThat(sim.truth().positions("alice")).singleElement().satisfies(pos -> {
            assertThat(pos.symbol()).isEqualTo("BTC/USDT:USDT");
            assertThat(pos.quantity()).isEqualByComparingTo("0.1");
        });
        assertThat(sim.truth().balances("alice").get("USDT").total()).isEqualByComparingTo("99996.6999945");
    }

    @Test
    void amendKeepsIdsAndLowersQuantityInPlace() {
        Resp created = alice.post("/v5/order/create", limit("linear", "BTCUSDT", "Sell", "0.050", "61000.0", "am-1"));
        String orderId = created.result().get("orderId").asText();

        Resp amended = alice.post("/v5/order/amend", body("category", q("linear"), "symbol", q("BTCUSDT"),
                "orderLinkId", q("am-1"), "qty", q("0.020")));
        assertThat(amended.retCode()).as(amended.toString()).isZero();
        assertThat(amended.result().get("orderId").asText()).isEqualTo(orderId);
        assertThat(amended.result().get("orderLinkId").asText()).isEqualTo("am-1");
        JsonNode o = Fixtures.realtime(alice, "linear", "am-1");
        assertThat(o.get("qty").asText()).isEqualTo("0.020");
        assertThat(o.get("price").asText()).isEqualTo("61000.00");

        Resp repriced = alice.post("/v5/order/amend", body("category", q("linear"), "symbol", q("BTCUSDT"),
                "orderId", q(orderId), "price", q("60500.0")));
        assertThat(repriced.retCode()).isZero();
        assertThat(Fixtures.realtime(alice, "linear", "am-1").get("price").asText()).isEqualTo("60500.00");
        assertThat(sim.truth().orderByLinkId("alice", "am-1").engineView().price()).isEqualByComparingTo("60500");

        Resp same = alice.post("/v5/order/amend", body("category", q("linear"), "symbol", q("BTCUSDT"),
                "orderId", q(orderId), "price", q("60500.0")));
        assertThat(same.retCode()).isEqualTo(10001);
        Resp gone = alice.post("/v5/order/amend", body("category", q("linear"), "symbol", q("BTCUSDT"),
                "orderLinkId", q("nope"), "qty", q("0.010")));
        assertThat(gone.retCode()).isEqualTo(110001);
        assertThat(gone.retMsg()).isEqualTo("Order does not exist");
    }

    @Test
    void amendingBelowTheFilledQuantityIs110064() {
        alice.post("/v5/order/create", limit("linear", "BTCUSDT", "Sell", "2.000", "60000.2", "pf-1"));
        // the market maker's bid of 1 BTC at 59999.9 rests; move the mid up: its new bids cross our ask
        sim.linearMarket().moveMid("BTCUSDT", 3);
        JsonNode o = Fixtures.realtime(alice, "linear", "pf-1");
        assertThat(o.get("orderStatus").asText()).isEqualTo("PartiallyFilled");
        assertThat(o.get("cumExecQty").asText()).isEqualTo("1.000");

        Resp r = alice.post("/v5/order/amend", body("category", q("linear"), "symbol", q("BTCUSDT"),
                "orderLinkId", q("pf-1"), "qty", q("1.000")));
        assertThat(r.retCode()).isEqualTo(110064);
        assertThat(r.retMsg()).isEqualTo(
                "The modified contract quantity cannot be less than or equal to the filled quantity.");
    }

    @Test
    void cancelEndsTheOrderAndASecondCancelIs110001() {
        alice.post("/v5/order/create", limit("linear", "BTCUSDT", "Buy", "0.010", "59000.0", "cx-1"));
        Resp cancelled = alice.post("/v5/order/cancel", body("category", q("linear"), "symbol", q("BTCUSDT"),
                "orderLinkId", q("cx-1")));
        assertThat(cancelled.retCode()).as(cancelled.toString()).isZero();
        JsonNode o = Fixtures.realtime(alice, "linear", "cx-1");
        assertThat(o.get("orderStatus").asText()).isEqualTo("Cancelled");
        assertThat(o.get("cancelType").asText()).isEqualTo("CancelByUser");
        assertThat(o.get("leavesQty").asText()).isEqualTo("0.000");
        assertThat(alice.get("/v5/order/realtime", "category=linear&symbol=BTCUSDT").list()).isEmpty();
        assertThat(alice.get("/v5/order/realtime", "category=linear&symbol=BTCUSDT&openOnly=1").list()).hasSize(1);

        Resp again = alice.post("/v5/order/cancel", body("category", q("linear"), "symbol", q("BTCUSDT"),
                "orderLinkId", q("cx-1")));
        assertThat(again.retCode()).isEqualTo(110001);
    }

    @Test
    void parameterAndQuantityErrorsAreBybits() {
        assertThat(alice.post("/v5/order/create", limit("linear", "BTCUSDT", "Buy", "0.0105", "59000.0", "e-1"))
                .retCode()).as("qty off the step").isEqualTo(10001);
        assertThat(alice.post("/v5/order/create", limit("linear", "BTCUSDT", "Buy", "0.010", "59000.05", "e-2"))
                .retCode()).as("price off the tick").isEqualTo(10001);
        Resp tooSmall = alice.post("/v5/order/create", limit("linear", "BTCUSDT", "Buy", "0.0001", "59000.0", "e-3"));
        assertThat(tooSmall.retCode()).isEqualTo(10001);
        assertThat(alice.post("/v5/order/create", limit("linear", "BTCUSDT", "Buy", "0.010", "0.0", "e-4"))
                .retCode()).as("price out of range").isEqualTo(110003);
        Resp notional = alice.post("/v5/order/create", limit("linear", "BTCUSDT", "Buy", "0.001", "4000.0", "e-5"));
        assertThat(notional.retCode()).isEqualTo(110094);
        Resp missing = alice.post("/v5/order/create", body("category", q("linear"), "symbol", q("BTCUSDT"),
                "side", q("Buy"), "orderType", q("Limit"), "price", q("59000.0")));
        assertThat(missing.retCode()).isEqualTo(10001);
        assertThat(missing.retMsg()).contains("qty");
        Resp numeric = alice.post("/v5/order/create", body("category", q("linear"), "symbol", q("BTCUSDT"),
                "side", q("Buy"), "orderType", q("Limit"), "qty", "0.01", "price", q("59000.0")));
        assertThat(numeric.retCode()).as("qty must be a JSON string").isEqualTo(10001);
        assertThat(alice.post("/v5/order/create", limit("linear", "NOPEUSDT", "Buy", "0.010", "59000.0", "e-6"))
                .retCode()).isEqualTo(10001);
        assertThat(alice.post("/v5/order/create", limit("option", "BTCUSDT", "Buy", "0.010", "59000.0", "e-7"))
                .retMsg()).isEqualTo("params error: Illegal category");
        assertThat(sim.truth().orders("alice")).isEmpty();
    }

    @Test
    void duplicateOrderLinkIdIs110072AndTooManyOpenOrdersIs110020() {
        assertThat(alice.post("/v5/order/create", limit("linear", "BTCUSDT", "Buy", "0.010", "59000.0", "d-1"))
                .retCode()).isZero();
        Resp dup = alice.post("/v5/order/create", limit("linear", "BTCUSDT", "Buy", "0.010", "59000.0", "d-1"));
        assertThat(dup.retCode()).isEqualTo(110072);
        assertThat(dup.retMsg()).isEqualTo("OrderLinkedID is duplicate");
        alice.post("/v5/order/create", limit("linear", "BTCUSDT", "Buy", "0.010", "59000.0", "d-2"));
        alice.post("/v5/order/create", limit("linear", "BTCUSDT", "Buy", "0.010", "59000.0", "d-3"));
        Resp tooMany = alice.post("/v5/order/create", limit("linear", "BTCUSDT", "Buy", "0.010", "59000.0", "d-4"));
        assertThat(tooMany.retCode()).isEqualTo(110020);
        assertThat(tooMany.retMsg()).isEqualTo("Not allowed to have more than 3 active orders.");
    }

    @Test
    void insufficientMarginIs110007AndNoBalanceAtAllIs110004() {
        BybitClient bob = Fixtures.bob(sim);
        Resp r = bob.post("/v5/order/create", limit("linear", "BTCUSDT", "Buy", "1.000", "59000.0", "big-1"));
        assertThat(r.retCode()).isEqualTo(110007);
        assertThat(r.retMsg()).isEqualTo("Available balance is insufficient");
        Resp inverse = bob.post("/v5/order/create", limit("inverse", "BTCUSD", "Buy", "100", "59000.00", "inv-1"));
        assertThat(inverse.retCode()).as("bob has no BTC to margin an inverse order").isEqualTo(110004);
        assertThat(inverse.retMsg()).isEqualTo("Wallet balance is insufficient");
    }

    @Test
    void reduceOnlyNeedsAPositionOnTheOtherSideAndIsCutToIt() {
        String reduce = body("category", q("linear"), "symbol", q("BTCUSDT"), "side", q("Sell"),
                "orderType", q("Limit"), "qty", q("0.200"), "price", q("61000.0"), "reduceOnly", "true",
                "orderLinkId", q("ro-1"));
        Resp flat = alice.post("/v5/order/create", reduce);
        assertThat(flat.retCode()).isEqualTo(110017);
        assertThat(flat.retMsg()).isEqualTo("current position is zero, cannot fix reduce-only order qty");

        alice.post("/v5/order/create", market("linear", "BTCUSDT", "Buy", "0.100", "open-1"));
        Resp cut = alice.post("/v5/order/create", reduce.replace("ro-1", "ro-2"));
        assertThat(cut.retCode()).as(cut.toString()).isZero();
        assertThat(Fixtures.realtime(alice, "linear", "ro-2").get("qty").asText()).isEqualTo("0.100");

        Resp sameSide = alice.post("/v5/order/create", body("category", q("linear"), "symbol", q("BTCUSDT"),
                "side", q("Buy"), "orderType", q("Market"), "qty", q("0.100"), "reduceOnly", "true"));
        assertThat(sameSide.retCode()).isEqualTo(110017);
        assertThat(sameSide.retMsg()).isEqualTo("Reduce-only rule not satisfied");
    }

    @Test
    void closingAPositionRealisesPnlAndCumRealisedPnlNetsFees() {
        alice.post("/v5/order/create", market("linear", "BTCUSDT", "Buy", "1.000", "o-1"));
        sim.linearMarket().moveMid("BTCUSDT", 1000); // +100 USDT
        alice.post("/v5/order/create", market("linear", "BTCUSDT", "Sell", "1.000", "c-1"));

        List<Position> positions = sim.truth().positions("alice");
        assertThat(positions).singleElement().satisfies(p -> {
            assertThat(p.quantity()).isZero();
            // bought at 60000.1, sold at the new best bid 60099.9
            assertThat(p.realizedPnl()).isEqualByComparingTo("99.8");
        });
        TruthOrder close = sim.truth().orderByLinkId("alice", "c-1");
        assertThat(close.executions()).singleElement().satisfies(e ->
                assertThat(e.execPnl()).isEqualByComparingTo("99.8"));
        JsonNode p = alice.get("/v5/position/list", "category=linear&symbol=BTCUSDT").list().get(0);
        assertThat(p.get("size").asText()).isEqualTo("0.000");
        assertThat(p.get("side").asText()).isEmpty();
        // 99.8 - fees (60000.1 + 60099.9) * 0.00055
        assertThat(p.get("cumRealisedPnl").asText()).isEqualTo("33.745");
        assertThat(alice.get("/v5/position/list", "category=linear&settleCoin=USDT").list()).isEmpty();
    }

    @Test
    void hedgeModeNeedsPositionIdxAndSwitchModeFollowsBybitsRules() {
        Resp oneWayIdx = alice.post("/v5/order/create", body("category", q("linear"), "symbol", q("BTCUSDT"),
                "side", q("Buy"), "orderType", q("Market"), "qty", q("0.010"), "positionIdx", "1"));
        assertThat(oneWayIdx.retCode()).isEqualTo(10001);
        assertThat(oneWayIdx.retMsg()).contains("position idx not match position mode");

        Resp same = alice.post("/v5/position/switch-mode", body("category", q("linear"), "coin", q("USDT"),
                "mode", "0"));
        assertThat(same.retCode()).isEqualTo(110025);
        Resp hedge = alice.post("/v5/position/switch-mode", body("category", q("linear"), "coin", q("USDT"),
                "mode", "3"));
        assertThat(hedge.retCode()).as(hedge.toString()).isZero();

        Resp longLeg = alice.post("/v5/order/create", body("category", q("linear"), "symbol", q("BTCUSDT"),
                "side", q("Buy"), "orderType", q("Market"), "qty", q("0.010"), "positionIdx", "1"));
        assertThat(longLeg.retCode()).as(longLeg.toString()).isZero();
        JsonNode both = alice.get("/v5/position/list", "category=linear&symbol=BTCUSDT").list();
        assertThat(both).hasSize(2);
        assertThat(Fixtures.find(both, "positionIdx", "1").get("size").asText()).isEqualTo("0.010");
        assertThat(Fixtures.find(both, "positionIdx", "2").get("size").asText()).isEqualTo("0.000");
        Resp back = alice.post("/v5/position/switch-mode", body("category", q("linear"), "coin", q("USDT"),
                "mode", "0"));
        assertThat(back.retCode()).isEqualTo(110024);
        Resp close = alice.post("/v5/order/create", body("category", q("linear"), "symbol", q("BTCUSDT"),
                "side", q("Sell"), "orderType", q("Market"), "qty", q("0.010"), "positionIdx", "1"));
        assertThat(close.retCode()).isZero();
        assertThat(sim.truth().positions("alice").get(0).quantity()).isZero();
        alice.post("/v5/order/create", body("category", q("linear"), "symbol", q("BTCUSDT"), "side", q("Buy"),
                "orderType", q("Limit"), "qty", q("0.010"), "price", q("50000.0"), "positionIdx", "1"));
        assertThat(alice.post("/v5/position/switch-mode", body("category", q("linear"), "coin", q("USDT"),
                "mode", "0")).retCode()).isEqualTo(110028);
    }

    @Test
    void executionListPagesNewestFirst() {
        for (int i = 0; i < 3; i++) {
            alice.post("/v5/order/create", market("linear", "BTCUSDT", "Buy", "0.010", "pg-" + i));
        }
        Resp first = alice.get("/v5/execution/list", "category=linear&symbol=BTCUSDT&limit=2");
        assertThat(first.list()).hasSize(2);
        assertThat(first.list().get(0).get("orderLinkId").asText()).isEqualTo("pg-2");
        String cursor = first.result().get("nextPageCursor").asText();
        assertThat(cursor).isNotEmpty();
        Resp second = alice.get("/v5/execution/list", "category=linear&symbol=BTCUSDT&limit=2&cursor=" + cursor);
        assertThat(second.list()).hasSize(1);
        assertThat(second.list().get(0).get("orderLinkId").asText()).isEqualTo("pg-0");
        assertThat(second.result().get("nextPageCursor").asText()).isEmpty();
    }
}

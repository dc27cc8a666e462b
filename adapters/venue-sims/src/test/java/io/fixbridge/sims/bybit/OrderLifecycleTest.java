package io.fixbridge.sims.bybit;

import com.fasterxml.jackson.databind.JsonNode;
import io.fixbridge.sims.bybit.BybitClient.Resp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static io.fixbridge.sims.bybit.Fixtures.body;
import static io.fixbridge.sims.bybit.Fixtures.limit;
import static io.fixbridge.sims.bybit.Fixtures.market;
import static io.fixbridge.sims.bybit.Fixtures.q;
import static org.assertj.core.api.Assertions.assertThat;

/** Queue priority across amends, cancel-all, order history, and margin on amend. */
class OrderLifecycleTest {
    private static final String CAROL_KEY = "carol-key";
    private static final String CAROL_SECRET = "carol-secret";

    BybitSimulator sim;
    BybitClient alice;
    BybitClient bob;
    BybitClient carol;

    @BeforeEach
    void start() throws Exception {
        sim = Fixtures.builder()
                .account(SimAccount.hmac("carol", CAROL_KEY, CAROL_SECRET).balance("USDT", "100000").build())
                .build();
        sim.start();
        alice = Fixtures.alice(sim);
        bob = Fixtures.bob(sim);
        carol = new BybitClient(sim, CAROL_KEY, CAROL_SECRET);
    }

    @AfterEach
    void stop() {
        sim.close();
    }

    @Test
    void aQuantityDecreaseKeepsQueuePriorityAndAPriceChangeLosesIt() {
        // both bid 60000.0, inside the market maker's 59999.9 / 60000.1: alice first, bob second
        alice.post("/v5/order/create", limit("linear", "BTCUSDT", "Buy", "0.500", "60000.0", "a-1"));
        bob.post("/v5/order/create", limit("linear", "BTCUSDT", "Buy", "0.010", "60000.0", "b-1"));
        Resp down = alice.post("/v5/order/amend", body("category", q("linear"), "symbol", q("BTCUSDT"),
                "orderLinkId", q("a-1"), "qty", q("0.200")));
        assertThat(down.retCode()).isZero();

        carol.post("/v5/order/create", market("linear", "BTCUSDT", "Sell", "0.100", "c-1"));
        assertThat(sim.truth().orderByLinkId("alice", "a-1").cumExecQty()).as("alice kept her place")
                .isEqualByComparingTo("0.1");
        assertThat(sim.truth().orderByLinkId("bob", "b-1").cumExecQty()).isZero();

        // a price change (away and back) sends alice behind bob
        alice.post("/v5/order/amend", body("category", q("linear"), "symbol", q("BTCUSDT"), "orderLinkId", q("a-1"),
                "price", q("59990.0")));
        alice.post("/v5/order/amend", body("category", q("linear"), "symbol", q("BTCUSDT"), "orderLinkId", q("a-1"),
                "price", q("60000.0")));
        carol.post("/v5/order/create", market("linear", "BTCUSDT", "Sell", "0.010", "c-2"));
        assertThat(sim.truth().orderByLinkId("bob", "b-1").cumExecQty()).isEqualByComparingTo("0.01");
        assertThat(sim.truth().orderByLinkId("alice", "a-1").cumExecQty()).isEqualByComparingTo("0.1");
        JsonNode a = Fixtures.realtime(alice, "linear", "a-1");
        assertThat(a.get("orderStatus").asText()).isEqualTo("PartiallyFilled");
        assertThat(a.get("leavesQty").asText()).isEqualTo("0.100");
    }

    @Test
    void anAmendNeedingMoreMarginThanAvailableIs110012() {
        Resp r = bob.post("/v5/order/create", limit("linear", "BTCUSDT", "Buy", "0.100", "59000.0", "b-m"));
        assertThat(r.retCode()).isZero(); // 590 USDT of margin out of 1000
        Resp more = bob.post("/v5/order/amend", body("category", q("linear"), "symbol", q("BTCUSDT"),
                "orderLinkId", q("b-m"), "qty", q("0.200")));
        assertThat(more.retCode()).isEqualTo(110012);
        assertThat(more.retMsg()).isEqualTo("Insufficient available balance.");
        assertThat(Fixtures.realtime(bob, "linear", "b-m").get("qty").asText()).isEqualTo("0.100");
    }

    @Test
    void cancelAllCancelsTheCategorysOpenOrdersAndHistoryListsClosedOnes() {
        alice.post("/v5/order/create", limit("linear", "BTCUSDT", "Buy", "0.010", "59000.0", "ca-1"));
        alice.post("/v5/order/create", limit("linear", "BTCUSDT", "Sell", "0.010", "61000.0", "ca-2"));
        alice.post("/v5/order/create", limit("spot", "BTCUSDT", "Buy", "0.01", "59000", "ca-spot"));
        assertThat(alice.post("/v5/order/cancel-all", body("category", q("linear"))).retCode())
                .as("linear needs symbol, baseCoin or settleCoin").isEqualTo(10001);

        Resp r = alice.post("/v5/order/cancel-all", body("category", q("linear"), "settleCoin", q("USDT")));
        assertThat(r.retCode()).as(r.toString()).isZero();
        assertThat(r.result().get("success").asText()).isEqualTo("1");
        assertThat(r.list()).hasSize(2);
        assertThat(r.list().get(0).get("orderLinkId").asText()).isEqualTo("ca-1");
        assertThat(Fixtures.realtime(alice, "spot", "ca-spot").get("orderStatus").asText()).isEqualTo("New");

        Resp history = alice.get("/v5/order/history", "category=linear&symbol=BTCUSDT&orderStatus=Cancelled");
        assertThat(history.list()).hasSize(2);
        assertThat(history.list().get(0).get("orderLinkId").asText()).isEqualTo("ca-2");
        assertThat(history.list().get(0).has("rpiTakerAccess")).isTrue();
    }

    @Test
    void anIocRemainderAndAFokThatCannotFillEndCancelled() {
        Resp ioc = alice.post("/v5/order/create", body("category", q("linear"), "symbol", q("BTCUSDT"),
                "side", q("Buy"), "orderType", q("Limit"), "qty", q("1.500"), "price", q("60000.1"),
                "timeInForce", q("IOC"), "orderLinkId", q("ioc-1")));
        assertThat(ioc.retCode()).isZero();
        JsonNode o = Fixtures.realtime(alice, "linear", "ioc-1");
        assertThat(o.get("orderStatus").asText()).isEqualTo("Cancelled");
        assertThat(o.get("cumExecQty").asText()).isEqualTo("1.000");
        assertThat(o.get("rejectReason").asText()).isEqualTo("EC_NoImmediateQtyToFill");

        alice.post("/v5/order/create", body("category", q("linear"), "symbol", q("BTCUSDT"), "side", q("Buy"),
                "orderType", q("Limit"), "qty", q("5.000"), "price", q("60000.5"), "timeInForce", q("FOK"),
                "orderLinkId", q("fok-1")));
        JsonNode fok = Fixtures.realtime(alice, "linear", "fok-1");
        assertThat(fok.get("orderStatus").asText()).isEqualTo("Cancelled");
        assertThat(fok.get("cumExecQty").asText()).isEqualTo("0.000");
        assertThat(fok.get("rejectReason").asText()).isEqualTo("EC_CancelForNoFullFill");

        Resp spotIoc = alice.post("/v5/order/create", body("category", q("spot"), "symbol", q("BTCUSDT"),
                "side", q("Buy"), "orderType", q("Limit"), "qty", q("1.5"), "price", q("60000.01"),
                "timeInForce", q("IOC"), "orderLinkId", q("sioc-1")));
        assertThat(spotIoc.retCode()).isZero();
        assertThat(Fixtures.realtime(alice, "spot", "sioc-1").get("orderStatus").asText())
                .isEqualTo("PartiallyFilledCanceled");
    }

    @Test
    void unsupportedFeaturesAreRefusedNotIgnored() {
        Resp tp = alice.post("/v5/order/create", body("category", q("linear"), "symbol", q("BTCUSDT"),
                "side", q("Buy"), "orderType", q("Market"), "qty", q("0.010"), "takeProfit", q("70000")));
        assertThat(tp.retCode()).isEqualTo(10001);
        assertThat(tp.retMsg()).contains("takeProfit");
        Resp emptyTp = alice.post("/v5/order/create", body("category", q("linear"), "symbol", q("BTCUSDT"),
                "side", q("Buy"), "orderType", q("Market"), "qty", q("0.010"), "takeProfit", q("")));
        assertThat(emptyTp.retCode()).as("an empty optional field is absent").isZero();
        assertThat(alice.post("/v5/order/create", body("category", q("spot"), "symbol", q("BTCUSDT"),
                "side", q("Buy"), "orderType", q("Market"), "qty", q("10"), "isLeverage", "1")).retCode())
                .isEqualTo(10001);
    }
}

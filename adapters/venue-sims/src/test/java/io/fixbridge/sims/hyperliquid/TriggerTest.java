package io.fixbridge.sims.hyperliquid;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static io.fixbridge.sims.hyperliquid.HlClient.limit;
import static io.fixbridge.sims.hyperliquid.HlClient.order;
import static io.fixbridge.sims.hyperliquid.HlClient.status;
import static io.fixbridge.sims.hyperliquid.HlClient.trigger;
import static org.assertj.core.api.Assertions.assertThat;

/** Stop-loss and take-profit triggers fire on market moves; reduce-only. */
class TriggerTest {
    HyperliquidSimulator sim;
    HlClient client;

    @BeforeEach
    void start() throws Exception {
        sim = Keys.standard().build();
        sim.start();
        client = new HlClient(sim);
        // alice goes long 0.01 BTC at 60001
        JsonNode buy = client.exchange(order(limit(0, true, "60100", "0.01", "Ioc", null)), Keys.ALICE);
        assertThat(status(buy).has("filled")).isTrue();
    }

    @AfterEach
    void stop() {
        sim.close();
    }

    @Test
    void aSellStopLossFiresWhenThePriceFallsToIt() {
        JsonNode sl = client.exchange(order(trigger(0, false, "55000", "0.01", true, true, "58000", "sl")), Keys.ALICE);
        long oid = status(sl).path("resting").path("oid").asLong();
        JsonNode front = client.info("{\"type\":\"frontendOpenOrders\",\"user\":\"" + Keys.ALICE.address() + "\"}");
        assertThat(front.get(0).path("orderType").asText()).isEqualTo("Stop Market");
        assertThat(front.get(0).path("triggerCondition").asText()).isEqualTo("Price below 58000.0");
        assertThat(front.get(0).path("isTrigger").asBoolean()).isTrue();
        assertThat(front.get(0).path("tif").isNull()).isTrue();

        sim.market().moveMid("BTC", "59000");
        assertThat(sim.truth().order(Keys.ALICE.address(), oid).orElseThrow().status()).isEqualTo("open");
        sim.market().moveMid("BTC", "57990");
        TruthOrder fired = sim.truth().order(Keys.ALICE.address(), oid).orElseThrow();
        assertThat(fired.triggered()).isTrue();
        assertThat(fired.status()).isEqualTo("filled");
        assertThat(sim.truth().positions(Keys.ALICE.address())).isEmpty();
        HlFill close = sim.truth().fills(Keys.ALICE.address()).get(1);
        assertThat(close.dir()).isEqualTo("Close Long");
        assertThat(close.startPosition()).isEqualByComparingTo("0.01");
        assertThat(close.closedPnl().signum()).isNegative();
    }

    @Test
    void aSellTakeProfitFiresWhenThePriceRises() {
        JsonNode tp = client.exchange(order(trigger(0, false, "61000", "0.01", true, false, "61500", "tp")),
                Keys.ALICE);
        long oid = status(tp).path("resting").path("oid").asLong();
        sim.market().moveMid("BTC", "61000");
        assertThat(sim.truth().order(Keys.ALICE.address(), oid).orElseThrow().triggered()).isFalse();
        sim.market().moveMid("BTC", "61600");
        TruthOrder fired = sim.truth().order(Keys.ALICE.address(), oid).orElseThrow();
        assertThat(fired.triggered()).isTrue();
        assertThat(fired.orderType()).isEqualTo("Take Profit Limit");
        assertThat(fired.status()).isEqualTo("filled");
        assertThat(sim.truth().fills(Keys.ALICE.address()).get(1).closedPnl().signum()).isPositive();
    }

    @Test
    void aBuyStopFiresOnARise() {
        JsonNode stop = client.exchange(order(trigger(1, true, "3200", "0.01", false, true, "3100", "sl")), Keys.ALICE);
        long oid = status(stop).path("resting").path("oid").asLong();
        sim.market().moveMid("ETH", "2900");
        assertThat(sim.truth().order(Keys.ALICE.address(), oid).orElseThrow().triggered()).isFalse();
        sim.market().moveMid("ETH", "3100");
        assertThat(sim.truth().order(Keys.ALICE.address(), oid).orElseThrow().status()).isEqualTo("filled");
    }

    @Test
    void reduceOnlyThatWouldIncreaseIsRefused() {
        JsonNode answer = client.exchange(order(trigger(0, true, "60100", "0.01", true, true, "61000", "sl")),
                Keys.ALICE);
        assertThat(status(answer).path("error").asText()).isEqualTo("Reduce only order would increase position. asset=0");
        var ro = limit(0, true, "60100", "0.001", "Ioc", null);
        ro.put("r", true);
        assertThat(status(client.exchange(order(ro), Keys.ALICE)).path("error").asText())
                .isEqualTo("Reduce only order would increase position. asset=0");
    }

    @Test
    void aWaitingTriggerCanBeCanceled() {
        JsonNode sl = client.exchange(order(trigger(0, false, "55000", "0.01", true, true, "58000", "sl")), Keys.ALICE);
        long oid = status(sl).path("resting").path("oid").asLong();
        assertThat(status(client.exchange(HlClient.cancel(0, oid), Keys.ALICE)).asText()).isEqualTo("success");
        sim.market().moveMid("BTC", "57000");
        TruthOrder o = sim.truth().order(Keys.ALICE.address(), oid).orElseThrow();
        assertThat(o.status()).isEqualTo("canceled");
        assertThat(o.triggered()).isFalse();
        assertThat(sim.truth().positions(Keys.ALICE.address())).singleElement()
                .satisfies(p -> assertThat(p.szi()).isEqualByComparingTo("0.01"));
    }
}

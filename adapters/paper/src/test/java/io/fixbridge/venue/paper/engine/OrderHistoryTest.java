package io.fixbridge.venue.paper.engine;

import static io.fixbridge.venue.paper.engine.EngineHarness.PERP_INSTRUMENT;
import static io.fixbridge.venue.paper.engine.EngineHarness.SPOT;
import static io.fixbridge.venue.paper.engine.EngineHarness.SPOT_INSTRUMENT;
import static io.fixbridge.venue.paper.engine.EngineHarness.d;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.fixbridge.venue.OrderRequest;
import io.fixbridge.venue.OrderType;
import io.fixbridge.venue.Side;
import io.fixbridge.venue.TimeInForce;

/** With an order history bound the engine forgets its oldest done orders, never a live one. */
class OrderHistoryTest {

    private static OrderRequest buy(String clientOrderId) {
        return OrderRequest.builder().account("alice").clientOrderId(clientOrderId).symbol(SPOT).side(Side.BUY)
                .type(OrderType.LIMIT).timeInForce(TimeInForce.GTC).quantity(d("0.2")).price(d("100")).build();
    }

    @Test
    void theOldestDoneOrdersAreForgottenPastTheBoundAndLiveOnesStay() {
        Map<String, BigDecimal> balances = Map.of("USDT", d("100000000"), "BTC", d("100"));
        MatchingEngine engine = MatchingEngine.builder().instruments(List.of(SPOT_INSTRUMENT, PERP_INSTRUMENT))
                .account("alice", balances).orderHistory(10).listener(new RecordingEngineListener()).build();
        engine.submit(buy("resting-first"));
        List<String> done = new ArrayList<>();
        for (int i = 0; i < 1_200; i++) {
            String id = "c" + i;
            engine.submit(buy(id));
            engine.cancel("alice", SPOT, id, null);
            done.add(id);
        }
        engine.submit(buy("last"));

        assertThat(engine.order("alice", "resting-first")).as("a live order is never forgotten").isPresent();
        assertThat(engine.order("alice", "c0")).as("the oldest done order").isEmpty();
        assertThat(engine.order("alice", done.get(done.size() - 1))).as("the newest done order").isPresent();
        long kept = done.stream().filter(id -> engine.order("alice", id).isPresent()).count();
        assertThat(kept).as("done orders kept: the bound plus at most the sweep's slack").isBetween(10L, 10L + 1_000L);
        assertThat(engine.openOrders("alice")).hasSize(2);
    }

    @Test
    void withoutABoundEveryOrderIsKept() {
        EngineHarness h = new EngineHarness();
        for (int i = 0; i < 1_200; i++) {
            OrderRequest r = h.limit("alice", SPOT, Side.BUY, "0.2", "100").build();
            h.engine.submit(r);
            h.engine.cancel("alice", SPOT, r.clientOrderId(), null);
        }
        assertThat(h.engine.order("alice", "c1")).isPresent();
    }
}

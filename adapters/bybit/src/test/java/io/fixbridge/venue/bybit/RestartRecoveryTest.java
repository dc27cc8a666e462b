package io.fixbridge.venue.bybit;

import io.fixbridge.sims.bybit.TruthOrder;
import io.fixbridge.testkit.contract.RecordingListener;
import io.fixbridge.venue.OrderEvent;
import io.fixbridge.venue.OrderRequest;
import io.fixbridge.venue.OrderSnapshot;
import io.fixbridge.venue.Side;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.fixbridge.venue.bybit.AdapterHarness.answer;
import static io.fixbridge.venue.bybit.AdapterHarness.limit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A gateway restart as the adapter sees it, over sockets against the simulator: one adapter places
 * an order and goes away; a new adapter (a new process) is asked about that order, as the gateway
 * does after a restart, and from then on follows it like one it placed itself, so a fill made while
 * its private stream is down is found when the stream reconnects.
 */
class RestartRecoveryTest {
    private static final String LINEAR = "BTC/USDT:USDT";
    /** The stream stays down long enough for the market to move and the order to fill meanwhile. */
    private static final Map<String, Object> SETTINGS = Map.of("categories", List.of("linear"), "timeouts",
            Map.of("connectMs", 1000, "requestMs", 2000, "wsPingMs", 5000, "reconnectMinMs", 1500,
                    "reconnectMaxMs", 2000));

    private SimSupport sim;
    private BybitAdapter before;
    private BybitAdapter after;

    @AfterEach
    void close() {
        if (after != null) {
            after.close();
        }
        if (before != null) {
            before.close();
        }
        if (sim != null) {
            sim.close();
        }
    }

    private BybitAdapter connected(RecordingListener listener) {
        BybitAdapter adapter = sim.adapter(SETTINGS);
        adapter.subscribe(listener);
        answer(adapter.connect());
        return adapter;
    }

    @Test
    void anOrderPlacedBeforeARestartHasTheFillItsDroppedStreamMissedReportedOnce() throws Exception {
        sim = SimSupport.start();
        before = connected(new RecordingListener());
        OrderRequest o = limit(LINEAR, Side.BUY, "0.003", "59990.0").build();
        answer(before.submit(o));
        before.close();
        before = null;

        RecordingListener events = new RecordingListener();
        after = connected(events);
        Optional<OrderSnapshot> found = answer(after.queryOrder(SimSupport.ACCOUNT, LINEAR, o.clientOrderId()));
        assertThat(found).hasValueSatisfying(s -> assertThat(s.status()).isEqualTo(OrderSnapshot.Status.NEW));
        await().atMost(AdapterHarness.TIMEOUT).until(() -> sim.sim.truth().openPrivateConnections() == 1);

        sim.sim.faults().dropPrivateStreams();
        sim.sim.linearMarket().moveMid("BTCUSDT", -200);
        TruthOrder t = sim.sim.truth().orderByLinkId(SimSupport.ACCOUNT, o.clientOrderId());
        assertThat(t.orderStatus()).isEqualTo("Filled");

        await().atMost(AdapterHarness.TIMEOUT).untilAsserted(() -> assertThat(events.fills(o.clientOrderId()))
                .isNotEmpty().last().satisfies(f -> assertThat(f.orderFilled()).isTrue()));
        assertThat(events.fills(o.clientOrderId())).extracting(OrderEvent.Fill::tradeId)
                .containsExactlyInAnyOrderElementsOf(t.executions().stream().map(x -> x.execId()).toList());
        assertThat(events.fills(o.clientOrderId()).stream().map(OrderEvent.Fill::quantity)
                .reduce(java.math.BigDecimal.ZERO, java.math.BigDecimal::add)).isEqualByComparingTo("0.003");
        assertThat(sim.sim.truth().openPrivateConnections()).isEqualTo(1);
    }
}

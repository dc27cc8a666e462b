package io.fixbridge.venue.hyperliquid;

import io.fixbridge.sims.hyperliquid.HlFill;
import io.fixbridge.testkit.contract.RecordingListener;
import io.fixbridge.venue.OrderEvent;
import io.fixbridge.venue.OrderRequest;
import io.fixbridge.venue.OrderSnapshot;
import io.fixbridge.venue.Side;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.fixbridge.venue.hyperliquid.Harness.answer;
import static io.fixbridge.venue.hyperliquid.Harness.limit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A gateway restart as the adapter sees it, over sockets against the simulator: one adapter places an
 * order and goes away; a new adapter (a new process) is asked about that order by its cloid, as the gateway
 * does after a restart, and from then on follows it like one it placed itself, so a fill made while its
 * stream is down is found when the stream reconnects.
 */
class RestartRecoveryTest {
    private static final String BTC = "BTC/USDC:USDC";
    /** The stream stays down long enough for the market to move and the order to fill meanwhile. */
    private static final Map<String, Object> SETTINGS = Map.of("timeouts", Map.of("connect", "1s", "request", "2s",
            "wsPing", "5s", "reconnectMin", "1500ms", "reconnectMax", "2000ms"));

    private SimSupport sim;
    private HyperliquidAdapter before;
    private HyperliquidAdapter after;

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

    private HyperliquidAdapter connected(RecordingListener listener) {
        HyperliquidAdapter adapter = sim.adapter(SETTINGS);
        adapter.subscribe(listener);
        answer(adapter.connect());
        return adapter;
    }

    @Test
    void anOrderPlacedBeforeARestartHasTheFillItsDroppedStreamMissedReportedOnce() throws Exception {
        sim = SimSupport.start();
        before = connected(new RecordingListener());
        OrderRequest o = limit(BTC, Side.BUY, "0.5", "59000").build();
        answer(before.submit(o));
        before.close();
        before = null;
        await().atMost(Harness.TIMEOUT).until(() -> sim.sim.truth().openConnections() == 0);

        RecordingListener events = new RecordingListener();
        after = connected(events);
        Optional<OrderSnapshot> found = answer(after.queryOrder(SimSupport.ACCOUNT, BTC, o.clientOrderId()));
        assertThat(found).hasValueSatisfying(s -> assertThat(s.status()).isEqualTo(OrderSnapshot.Status.NEW));
        await().atMost(Harness.TIMEOUT).until(() -> sim.sim.truth().openConnections() >= 1);

        sim.sim.faults().dropStreams();
        sim.sim.market().moveMid("BTC", "58000");
        List<HlFill> made = sim.sim.truth().fills(SimSupport.ALICE).stream()
                .filter(f -> Cloids.of(o.clientOrderId()).equals(f.cloid())).toList();
        assertThat(made).isNotEmpty();

        await().atMost(Harness.TIMEOUT).untilAsserted(() -> assertThat(events.fills(o.clientOrderId()))
                .isNotEmpty().last().satisfies(f -> assertThat(f.orderFilled()).isTrue()));
        assertThat(events.fills(o.clientOrderId())).extracting(OrderEvent.Fill::tradeId)
                .containsExactlyInAnyOrderElementsOf(made.stream().map(f -> String.valueOf(f.tid())).toList());
        assertThat(events.fills(o.clientOrderId()).stream().map(OrderEvent.Fill::quantity)
                .reduce(BigDecimal.ZERO, BigDecimal::add)).isEqualByComparingTo("0.5");
    }
}

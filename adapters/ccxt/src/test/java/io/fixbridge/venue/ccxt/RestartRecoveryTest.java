package io.fixbridge.venue.ccxt;

import io.fixbridge.sims.binance.BinanceSimulator;
import io.fixbridge.sims.binance.TruthFill;
import io.fixbridge.sims.binance.TruthOrder;
import io.fixbridge.testkit.contract.RecordingListener;
import io.fixbridge.venue.OrderEvent;
import io.fixbridge.venue.OrderRequest;
import io.fixbridge.venue.OrderSnapshot;
import io.fixbridge.venue.Side;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Optional;

import static io.fixbridge.venue.ccxt.Orders.answer;
import static io.fixbridge.venue.ccxt.Orders.limit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A gateway restart as the adapter sees it, against the Binance simulator through ccxt (spot BTC/USDT): one
 * adapter (and its sidecar) places an order and goes away; a new adapter is asked about that order by client
 * order id, as the gateway does after a restart, and from then on follows it like one it placed itself, so a
 * fill made while its user-data stream is down is found when the stream is back.
 */
class RestartRecoveryTest {
    private static final String SPOT = "BTC/USDT";
    private static final Duration RECOVERY = Duration.ofSeconds(20);

    private BinanceSimulator sim;
    private CcxtAdapter before;
    private CcxtAdapter after;

    @AfterEach
    void stop() {
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

    private CcxtAdapter connected(RecordingListener listener) {
        CcxtAdapter adapter = SimSupport.adapter("binance-sim", SimSupport.binanceVenue(sim));
        adapter.subscribe(listener);
        answer(adapter.connect());
        return adapter;
    }

    @Test
    void anOrderPlacedBeforeARestartHasTheFillItsDroppedStreamMissedReportedOnce() throws Exception {
        sim = SimSupport.binance();
        before = connected(new RecordingListener());
        OrderRequest resting = limit(SPOT, Side.BUY, "0.001", "59999.00");
        OrderEvent.Accepted accepted = answer(before.submit(resting));
        before.close();
        before = null;

        RecordingListener events = new RecordingListener();
        after = connected(events);
        Optional<OrderSnapshot> found = answer(after.queryOrder(SimSupport.ACCOUNT, SPOT, resting.clientOrderId()));
        assertThat(found).hasValueSatisfying(s -> assertThat(s.status()).isEqualTo(OrderSnapshot.Status.NEW));
        await().atMost(RECOVERY).until(() -> "up".equals(after.streamStates().get(SimSupport.ACCOUNT)));

        sim.faults().dropUserDataStreams();
        sim.spotMarket().moveMid("BTCUSDT", -200); // ask falls to 59998.01: the resting buy fills at the exchange
        TruthOrder t = sim.truth().spotOrders(SimSupport.ACCOUNT).stream()
                .filter(o -> resting.clientOrderId().equals(o.clientOrderId())).findFirst().orElseThrow();
        assertThat(t.status()).isEqualTo("FILLED");

        await().atMost(RECOVERY).untilAsserted(() -> assertThat(events.fills(resting.clientOrderId()))
                .isNotEmpty().last().satisfies(f -> assertThat(f.orderFilled()).isTrue()));
        assertThat(events.fills(resting.clientOrderId())).extracting(OrderEvent.Fill::tradeId)
                .containsExactlyElementsOf(t.fills().stream().map(TruthFill::tradeId).map(String::valueOf).toList());
        assertThat(events.fills(resting.clientOrderId())).allSatisfy(f ->
                assertThat(f.venueOrderId()).isEqualTo(accepted.venueOrderId()));
        await().atMost(RECOVERY).until(() -> "up".equals(after.streamStates().get(SimSupport.ACCOUNT)));
    }
}

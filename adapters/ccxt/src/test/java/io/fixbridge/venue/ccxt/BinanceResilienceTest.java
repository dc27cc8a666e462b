package io.fixbridge.venue.ccxt;

import io.fixbridge.sims.binance.BinanceSimulator;
import io.fixbridge.sims.binance.TruthFill;
import io.fixbridge.sims.binance.TruthOrder;
import io.fixbridge.testkit.contract.RecordingListener;
import io.fixbridge.venue.OrderEvent;
import io.fixbridge.venue.OrderRequest;
import io.fixbridge.venue.OrderSnapshot;
import io.fixbridge.venue.Side;
import io.fixbridge.venue.VenueError;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static io.fixbridge.venue.ccxt.Orders.answer;
import static io.fixbridge.venue.ccxt.Orders.failure;
import static io.fixbridge.venue.ccxt.Orders.limit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A killed sidecar (kill -9 of the node process) and a lost order answer against the Binance simulator,
 * spot BTC/USDT, checked against the simulator's truth: no order is lost or doubled, nothing is resent,
 * and what happened while the sidecar was down is reported once.
 */
class BinanceResilienceTest {
    private static final String SPOT = "BTC/USDT";
    private static final Duration RECOVERY = Duration.ofSeconds(20);

    private BinanceSimulator sim;
    private CcxtAdapter adapter;
    private final RecordingListener events = new RecordingListener();

    @BeforeEach
    void start() throws Exception {
        sim = SimSupport.binance();
        adapter = SimSupport.adapter("binance-sim", SimSupport.binanceVenue(sim));
        adapter.subscribe(events);
        answer(adapter.connect());
    }

    @AfterEach
    void stop() {
        adapter.close();
        sim.close();
    }

    private List<TruthOrder> truth(String clientOrderId) {
        return sim.truth().spotOrders(SimSupport.ACCOUNT).stream()
                .filter(o -> clientOrderId.equals(o.clientOrderId())).toList();
    }

    private static void signal(String signal, long pid) throws Exception {
        int rc = new ProcessBuilder("kill", signal, String.valueOf(pid)).start().waitFor();
        assertThat(rc).as("kill " + signal + " " + pid).isZero();
    }

    @Test
    void aFillWhileTheSidecarIsDeadIsReportedOnceAfterTheRestart() throws Exception {
        OrderRequest resting = limit(SPOT, Side.BUY, "0.001", "59999.00");
        OrderEvent.Accepted accepted = answer(adapter.submit(resting));
        long pid = adapter.sidecarPid();
        await().atMost(RECOVERY).until(() -> "up".equals(adapter.streamStates().get(SimSupport.ACCOUNT)));

        signal("-9", pid);
        sim.spotMarket().moveMid("BTCUSDT", -200); // ask falls to 59998.01: the resting buy fills at the exchange

        // finding 10: the old sidecar's stream state is reset; the new stream's first "up" runs a gap fill
        await().atMost(RECOVERY).until(() -> "down".equals(adapter.streamStates().get(SimSupport.ACCOUNT)));
        await().atMost(RECOVERY).until(() -> adapter.sidecarUp() && adapter.sidecarRestarts() == 1);
        await().atMost(RECOVERY).until(() -> "up".equals(adapter.streamStates().get(SimSupport.ACCOUNT)));
        assertThat(adapter.sidecarPid()).isNotEqualTo(pid);
        TruthOrder t = truth(resting.clientOrderId()).get(0);
        assertThat(t.status()).isEqualTo("FILLED");
        await().atMost(RECOVERY).untilAsserted(() -> assertThat(events.fills(resting.clientOrderId()))
                .extracting(OrderEvent.Fill::tradeId)
                .containsExactlyElementsOf(t.fills().stream().map(TruthFill::tradeId).map(String::valueOf).toList()));
        assertThat(events.fills(resting.clientOrderId())).allSatisfy(f ->
                assertThat(f.venueOrderId()).isEqualTo(accepted.venueOrderId()));
        assertThat(events.of(OrderEvent.Accepted.class, resting.clientOrderId())).hasSize(1);

        OrderRequest next = limit(SPOT, Side.BUY, "0.001", "50000.00");
        answer(adapter.submit(next));
        assertThat(truth(next.clientOrderId())).hasSize(1);
        assertThat(truth(resting.clientOrderId())).hasSize(1);
    }

    @Test
    void withoutStreamSymbolsBinanceRefusesOrdersOfMarketTypesItsStreamDoesNotWatch() {
        // finding 9: no streamSymbols: ccxt's binance watches options.defaultType (spot) only
        OrderRequest perp = limit("BTC/USDT:USDT", Side.BUY, "0.010", "55000.0");

        VenueError e = failure(adapter.submit(perp));

        assertThat(e.outcome()).isEqualTo(VenueError.Outcome.REJECTED);
        assertThat(e.message()).contains("options.defaultType 'spot'").contains("venues[binance-sim].streamSymbols");
        assertThat(sim.truth().futuresOrders(SimSupport.ACCOUNT)).isEmpty();
        answer(adapter.submit(limit(SPOT, Side.BUY, "0.001", "50000.00")));
    }

    @Test
    void anOrderWrittenToADeadSidecarIsOutcomeUnknownAndNeverResent() throws Exception {
        long pid = adapter.sidecarPid();
        signal("-STOP", pid); // frozen: the request reaches its stdin and is never read
        OrderRequest order = limit(SPOT, Side.BUY, "0.001", "50000.00");
        CompletableFuture<OrderEvent.Accepted> inFlight = adapter.submit(order);
        await().atMost(Duration.ofSeconds(5)).until(() -> adapter.sidecarUp());

        signal("-9", pid);

        VenueError e = failure(inFlight);
        assertThat(e.outcome()).isEqualTo(VenueError.Outcome.OUTCOME_UNKNOWN);
        await().atMost(RECOVERY).until(() -> adapter.sidecarUp() && adapter.sidecarRestarts() == 1);
        assertThat(answer(adapter.queryOrder(SimSupport.ACCOUNT, SPOT, order.clientOrderId()))).isEmpty();
        assertThat(truth(order.clientOrderId())).as("never resent").isEmpty();
        assertThat(events.about(order.clientOrderId())).isEmpty();
    }

    @Test
    void anExecutedOrderWhoseAnswerIsLostIsReportedOnceAndNotDoubled() throws Exception {
        sim.faults().loseNextOrderResponse();
        OrderRequest order = limit(SPOT, Side.BUY, "0.001", "50000.00");

        VenueError e = failure(adapter.submit(order));

        assertThat(e.outcome()).isEqualTo(VenueError.Outcome.OUTCOME_UNKNOWN);
        signal("-9", adapter.sidecarPid());
        await().atMost(RECOVERY).until(() -> adapter.sidecarUp() && adapter.sidecarRestarts() == 1);
        TruthOrder t = truth(order.clientOrderId()).get(0);
        await().atMost(RECOVERY).untilAsserted(() -> assertThat(events.of(OrderEvent.Accepted.class,
                order.clientOrderId())).extracting(OrderEvent.Accepted::venueOrderId)
                .containsExactly(String.valueOf(t.orderId())));
        assertThat(answer(adapter.queryOrder(SimSupport.ACCOUNT, SPOT, order.clientOrderId())))
                .hasValueSatisfying(s -> assertThat(s.status()).isEqualTo(OrderSnapshot.Status.NEW));
        assertThat(truth(order.clientOrderId())).hasSize(1);
    }

    @Test
    void requestsWhileTheSidecarRestartsAreRetryableAndNothingIsSent() throws Exception {
        long pid = adapter.sidecarPid();
        signal("-STOP", pid);
        signal("-9", pid);
        await().atMost(Duration.ofSeconds(5)).until(() -> !adapter.sidecarUp());

        OrderRequest order = limit(SPOT, Side.BUY, "0.001", "50000.00");
        VenueError e = failure(adapter.submit(order));

        assertThat(e.outcome()).isIn(VenueError.Outcome.RETRYABLE);
        assertThat(truth(order.clientOrderId())).isEmpty();
        await().atMost(RECOVERY).until(() -> adapter.sidecarUp());
        answer(adapter.submit(order));
        assertThat(truth(order.clientOrderId())).hasSize(1);
    }
}

package io.fixbridge.venue.ccxt;

import io.fixbridge.testkit.telemetry.RecordingTelemetry;
import io.fixbridge.sims.binance.BinanceSimulator;
import io.fixbridge.testkit.contract.RecordingListener;
import io.fixbridge.venue.CancelRequest;
import io.fixbridge.venue.OrderEvent;
import io.fixbridge.venue.OrderRequest;
import io.fixbridge.venue.ReplaceRequest;
import io.fixbridge.venue.Side;
import io.fixbridge.venue.VenueError;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static io.fixbridge.venue.ccxt.Orders.answer;
import static io.fixbridge.venue.ccxt.Orders.failure;
import static io.fixbridge.venue.ccxt.Orders.limit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What the CCXT adapter tells the gateway's telemetry, with the real sidecar against the Binance simulator
 * (spot BTC/USDT): order requests reported sent by the sidecar before their answer, ccxt's REST requests
 * under bounded names, and the account's stream going down and up again when the simulator drops it and
 * when the sidecar is killed.
 */
class CcxtTelemetryTest {
    private static final String SPOT = "BTC/USDT";
    private static final String STREAM = "user:" + SimSupport.ACCOUNT;
    private static final Duration RECOVERY = Duration.ofSeconds(20);

    private final RecordingTelemetry telemetry = new RecordingTelemetry();
    private BinanceSimulator sim;
    private CcxtAdapter adapter;

    @BeforeEach
    void start() throws Exception {
        sim = SimSupport.binance();
        adapter = SimSupport.adapter("binance-sim", SimSupport.binanceVenue(sim), telemetry);
        adapter.subscribe(new RecordingListener());
        answer(adapter.connect());
    }

    @AfterEach
    void stop() {
        adapter.close();
        sim.close();
    }

    @Test
    void orderRequestsAreReportedSentWithTheGatewaysIdsBeforeTheirAnswers() {
        OrderRequest buy = limit(SPOT, Side.BUY, "0.001", "50000.00");

        CompletableFuture<OrderEvent.Accepted> f = adapter.submit(buy);
        f.thenRun(() -> telemetry.log.add("answered:" + buy.clientOrderId()));
        OrderEvent.Accepted accepted = answer(f);
        OrderRequest replacement = buy.toBuilder().clientOrderId(Orders.newId()).price(new BigDecimal("50010.00"))
                .build();
        answer(adapter.replace(new ReplaceRequest(buy, accepted.venueOrderId(), BigDecimal.ZERO, replacement)));

        await().atMost(Orders.TIMEOUT).until(() -> telemetry.log.contains("answered:" + buy.clientOrderId()));
        assertThat(telemetry.ordersSent).containsExactly(buy.clientOrderId(), replacement.clientOrderId());
        assertThat(telemetry.log.indexOf("sent:" + buy.clientOrderId()))
                .isLessThan(telemetry.log.indexOf("request:POST /api/v3/order 200"))
                .isLessThan(telemetry.log.indexOf("answered:" + buy.clientOrderId()));
    }

    @Test
    void ccxtsRequestsAreReportedUnderBoundedNamesWithTheirStatus() {
        OrderRequest buy = limit(SPOT, Side.BUY, "0.001", "50000.00");
        OrderEvent.Accepted accepted = answer(adapter.submit(buy));
        answer(adapter.queryOrder(SimSupport.ACCOUNT, SPOT, buy.clientOrderId()));
        answer(adapter.cancel(new CancelRequest(SimSupport.ACCOUNT, SPOT, buy.clientOrderId(),
                accepted.venueOrderId())));
        answer(adapter.balances(SimSupport.ACCOUNT));
        sim.faults().loseNextOrderResponse();
        OrderRequest lost = limit(SPOT, Side.BUY, "0.001", "50000.00");
        assertThat(failure(adapter.submit(lost)).outcome()).isEqualTo(VenueError.Outcome.OUTCOME_UNKNOWN);

        await().atMost(Orders.TIMEOUT).until(() -> telemetry.requests.stream()
                .anyMatch(r -> r.endpoint().equals("POST /api/v3/order") && r.status() == 0));
        assertThat(telemetry.requests).anySatisfy(r -> {
            assertThat(r.endpoint()).isEqualTo("POST /api/v3/order");
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.latency()).isPositive();
        });
        assertThat(telemetry.endpoints()).contains("GET /api/v3/exchangeInfo", "GET /api/v3/order",
                "DELETE /api/v3/order", "GET /api/v3/account");
        List<String> secrets = List.of(buy.clientOrderId(), lost.clientOrderId(), SimSupport.API_KEY,
                SimSupport.SECRET);
        assertThat(telemetry.labels()).isNotEmpty()
                .noneMatch(label -> RecordingTelemetry.unbounded(label, secrets));
    }

    @Test
    void theStreamIsConnectedOnceUpAndDisconnectedThenConnectedAfterADropAndASidecarDeath() throws Exception {
        await().atMost(RECOVERY).until(() -> telemetry.states(STREAM).equals(List.of(true)));

        sim.faults().dropUserDataStreams();
        await().atMost(RECOVERY).until(() -> telemetry.states(STREAM).equals(List.of(true, false, true)));

        long pid = adapter.sidecarPid();
        int rc = new ProcessBuilder("kill", "-9", String.valueOf(pid)).start().waitFor();
        assertThat(rc).isZero();
        await().atMost(RECOVERY).until(() -> telemetry.states(STREAM).equals(List.of(true, false, true, false, true)));
        assertThat(telemetry.streamNames()).containsExactly(STREAM);

        adapter.close();
        await().atMost(RECOVERY).until(() -> telemetry.states(STREAM)
                .equals(List.of(true, false, true, false, true, false)));
    }
}

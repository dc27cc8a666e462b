package io.fixbridge.venue.bybit;

import io.fixbridge.testkit.telemetry.RecordingTelemetry;
import io.fixbridge.venue.CancelRequest;
import io.fixbridge.venue.OrderEvent;
import io.fixbridge.venue.OrderRequest;
import io.fixbridge.venue.ReplaceRequest;
import io.fixbridge.venue.Side;
import io.fixbridge.venue.VenueError;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static io.fixbridge.venue.bybit.AdapterHarness.answer;
import static io.fixbridge.venue.bybit.AdapterHarness.failure;
import static io.fixbridge.venue.bybit.AdapterHarness.limit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What the Bybit adapter tells the gateway's telemetry, against the simulator over real sockets: order
 * requests sent before their answer, REST requests under bounded names, rate-limit use, and the private
 * stream going down and up again when the simulator drops it.
 */
class BybitTelemetryTest {
    private static final String LINEAR = "BTC/USDT:USDT";
    private static final Map<String, Object> LINEAR_ONLY = Map.of("categories", List.of("linear"));
    private static final String STREAM = "user:" + SimSupport.ACCOUNT;

    private final RecordingTelemetry telemetry = new RecordingTelemetry();
    private AdapterHarness h;

    @AfterEach
    void close() {
        if (h != null) {
            h.close();
        }
    }

    private void connect() throws InterruptedException {
        h = new AdapterHarness(SimSupport.start(), LINEAR_ONLY, Clock.systemUTC(), telemetry);
    }

    @Test
    void orderRequestsAreReportedSentWithTheGatewaysIdsBeforeTheirAnswers() throws Exception {
        connect();
        OrderRequest buy = limit(LINEAR, Side.BUY, "0.005", "59000.0").build();

        CompletableFuture<OrderEvent.Accepted> f = h.adapter.submit(buy);
        f.thenRun(() -> telemetry.log.add("answered:" + buy.clientOrderId()));
        OrderEvent.Accepted accepted = answer(f);
        OrderRequest replacement = buy.toBuilder().clientOrderId(AdapterHarness.newId())
                .price(new BigDecimal("59010.0")).build();
        answer(h.adapter.replace(new ReplaceRequest(buy, accepted.venueOrderId(), BigDecimal.ZERO, replacement)));

        await().atMost(AdapterHarness.TIMEOUT).until(() -> telemetry.log.contains("answered:" + buy.clientOrderId()));
        assertThat(telemetry.ordersSent).containsExactly(buy.clientOrderId(), replacement.clientOrderId());
        assertThat(telemetry.log.indexOf("sent:" + buy.clientOrderId()))
                .isLessThan(telemetry.log.indexOf("answered:" + buy.clientOrderId()));
    }

    @Test
    void restRequestsAndLimitsAreReportedUnderBoundedNames() throws Exception {
        connect();
        OrderRequest buy = limit(LINEAR, Side.BUY, "0.005", "59000.0").build();
        OrderEvent.Accepted accepted = h.submit(buy);
        answer(h.adapter.queryOrder(SimSupport.ACCOUNT, LINEAR, buy.clientOrderId()));
        answer(h.adapter.cancel(new CancelRequest(SimSupport.ACCOUNT, LINEAR, buy.clientOrderId(),
                accepted.venueOrderId())));
        answer(h.adapter.openOrders(SimSupport.ACCOUNT));
        answer(h.adapter.balances(SimSupport.ACCOUNT));
        answer(h.adapter.positions(SimSupport.ACCOUNT));
        h.sim.sim.faults().loseNextOrderResponse();
        OrderRequest lost = limit(LINEAR, Side.BUY, "0.005", "59000.0").build();
        assertThat(failure(h.adapter.submit(lost)).outcome()).isEqualTo(VenueError.Outcome.OUTCOME_UNKNOWN);

        await().atMost(AdapterHarness.TIMEOUT).until(() -> telemetry.requests.stream()
                .anyMatch(r -> r.endpoint().equals("POST /v5/order/create") && r.status() == 0));
        assertThat(telemetry.requests).anySatisfy(r -> {
            assertThat(r.endpoint()).isEqualTo("POST /v5/order/create");
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.latency()).isPositive();
        });
        assertThat(telemetry.endpoints()).contains("GET /v5/market/time", "GET /v5/market/instruments-info",
                "GET /v5/order/realtime", "POST /v5/order/cancel", "GET /v5/account/wallet-balance",
                "GET /v5/position/list");
        assertThat(telemetry.limitNames).contains("ip:5s", SimSupport.ACCOUNT + "/orderCreateLinear:1s");
        List<String> secrets = List.of(buy.clientOrderId(), lost.clientOrderId(), accepted.venueOrderId(),
                SimSupport.API_KEY, SimSupport.SECRET);
        assertThat(telemetry.labels()).isNotEmpty()
                .noneMatch(label -> RecordingTelemetry.unbounded(label, secrets));
    }

    @Test
    void thePrivateStreamIsConnectedOnceSubscribedAndReconnectsAfterTheSimulatorDropsIt() throws Exception {
        connect();
        await().atMost(AdapterHarness.TIMEOUT).until(() -> telemetry.states(STREAM).equals(List.of(true)));

        h.sim.sim.faults().dropPrivateStreams();

        await().atMost(AdapterHarness.TIMEOUT).until(() -> telemetry.states(STREAM).equals(List.of(true, false, true)));
        assertThat(telemetry.streamNames()).containsExactly(STREAM);

        h.adapter.close();
        await().atMost(AdapterHarness.TIMEOUT).until(() -> telemetry.states(STREAM)
                .equals(List.of(true, false, true, false)));
    }
}

package io.fixbridge.venue.binance;

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

import static io.fixbridge.venue.binance.AdapterHarness.answer;
import static io.fixbridge.venue.binance.AdapterHarness.failure;
import static io.fixbridge.venue.binance.AdapterHarness.limit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What the Binance adapter tells the gateway's telemetry, against the simulator over real sockets:
 * order requests sent before their answer, REST requests under bounded names, rate-limit use, and the
 * user streams going down and up again when the simulator drops them.
 */
class BinanceTelemetryTest {
    private static final String BTC = "BTC/USDT";
    private static final String PERP = "BTC/USDT:USDT";
    private static final String SPOT_STREAM = "user:" + SimSupport.ACCOUNT;
    private static final String FUTURES_STREAM = "futures-user:" + SimSupport.ACCOUNT;

    private final RecordingTelemetry telemetry = new RecordingTelemetry();
    private AdapterHarness h;

    @AfterEach
    void close() {
        if (h != null) {
            h.close();
        }
    }

    /**
     * An adapter whose reference prices are polled once, at connect: the requests these tests count
     * and the lost response they provoke are then the only traffic after it.
     */
    private void connect() throws InterruptedException {
        h = new AdapterHarness(SimSupport.start(), Map.of("referencePriceIntervalMs", 600_000), Clock.systemUTC(), telemetry);
    }

    @Test
    void anOrderRequestIsReportedSentWithItsClientOrderIdBeforeItsAnswer() throws Exception {
        connect();
        OrderRequest buy = limit(BTC, Side.BUY, "0.01", "50000").build();

        CompletableFuture<OrderEvent.Accepted> f = h.adapter.submit(buy);
        f.thenRun(() -> telemetry.log.add("answered:" + buy.clientOrderId()));
        answer(f);

        await().atMost(AdapterHarness.TIMEOUT).until(() -> telemetry.log.contains("answered:" + buy.clientOrderId()));
        assertThat(telemetry.ordersSent).containsExactly(buy.clientOrderId());
        assertThat(telemetry.log.indexOf("sent:" + buy.clientOrderId()))
                .isLessThan(telemetry.log.indexOf("answered:" + buy.clientOrderId()));
    }

    @Test
    void replacesOcoLegsAndFuturesOrdersAreReportedUnderTheGatewaysIds() throws Exception {
        connect();
        OrderRequest original = limit(BTC, Side.BUY, "0.01", "50000").build();
        OrderEvent.Accepted accepted = h.submit(original);
        OrderRequest replacement = original.toBuilder().clientOrderId(AdapterHarness.newId())
                .price(new BigDecimal("50010")).build();
        answer(h.adapter.replace(new ReplaceRequest(original, accepted.venueOrderId(), BigDecimal.ZERO, replacement)));

        OrderRequest perp = limit(PERP, Side.BUY, "0.01", "59000").build();
        OrderEvent.Accepted perpAccepted = h.submit(perp);
        OrderRequest perpReplacement = perp.toBuilder().clientOrderId(AdapterHarness.newId())
                .price(new BigDecimal("59010")).build();
        answer(h.adapter.replace(new ReplaceRequest(perp, perpAccepted.venueOrderId(), BigDecimal.ZERO,
                perpReplacement)));

        assertThat(telemetry.ordersSent).containsExactly(original.clientOrderId(), replacement.clientOrderId(),
                perp.clientOrderId(), perpReplacement.clientOrderId());
    }

    @Test
    void restRequestsAndLimitsAreReportedUnderBoundedNames() throws Exception {
        connect();
        OrderRequest buy = limit(BTC, Side.BUY, "0.01", "50000").build();
        OrderEvent.Accepted accepted = h.submit(buy);
        answer(h.adapter.queryOrder(SimSupport.ACCOUNT, BTC, buy.clientOrderId()));
        answer(h.adapter.cancel(new CancelRequest(SimSupport.ACCOUNT, BTC, buy.clientOrderId(),
                accepted.venueOrderId())));
        answer(h.adapter.openOrders(SimSupport.ACCOUNT));
        answer(h.adapter.balances(SimSupport.ACCOUNT));
        h.sim.sim.faults().loseNextOrderResponse();
        OrderRequest lost = limit(BTC, Side.BUY, "0.01", "50000").build();
        VenueError unknown = failure(h.adapter.submit(lost));
        assertThat(unknown.outcome()).as(unknown.toString()).isEqualTo(VenueError.Outcome.OUTCOME_UNKNOWN);

        await().atMost(AdapterHarness.TIMEOUT).until(() -> telemetry.requests.stream()
                .anyMatch(r -> r.endpoint().equals("POST /api/v3/order") && r.status() == 0));
        assertThat(telemetry.requests).anySatisfy(r -> {
            assertThat(r.endpoint()).isEqualTo("POST /api/v3/order");
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.latency()).isPositive();
        });
        assertThat(telemetry.endpoints()).contains("GET /api/v3/time", "GET /fapi/v1/time",
                "GET /api/v3/exchangeInfo", "POST /fapi/v1/listenKey", "GET /api/v3/order", "DELETE /api/v3/order",
                "GET /api/v3/openOrders", "GET /api/v3/account");
        assertThat(telemetry.limitNames).contains("spot:REQUEST_WEIGHT:1m", "spot:ORDERS:10s",
                "futures:REQUEST_WEIGHT:1m");
        // venue order ids are digits: the digit-only check covers them
        List<String> secrets = List.of(buy.clientOrderId(), lost.clientOrderId(),
                SimSupport.API_KEY, SimSupport.SECRET);
        assertThat(telemetry.labels()).isNotEmpty()
                .noneMatch(label -> RecordingTelemetry.unbounded(label, secrets));
    }

    @Test
    void theUserStreamsAreConnectedAfterConnectAndReconnectAfterTheSimulatorDropsThem() throws Exception {
        connect();
        await().atMost(AdapterHarness.TIMEOUT).until(() -> telemetry.states(SPOT_STREAM).equals(List.of(true))
                && telemetry.states(FUTURES_STREAM).equals(List.of(true)));

        h.sim.sim.faults().dropUserDataStreams();

        await().atMost(AdapterHarness.TIMEOUT).until(() -> telemetry.states(SPOT_STREAM).equals(List.of(true, false, true))
                && telemetry.states(FUTURES_STREAM).equals(List.of(true, false, true)));
        assertThat(telemetry.streamNames()).containsExactlyInAnyOrder(SPOT_STREAM, FUTURES_STREAM);

        h.adapter.close();
        await().atMost(AdapterHarness.TIMEOUT).until(() -> telemetry.states(SPOT_STREAM).equals(List.of(true, false, true, false))
                && telemetry.states(FUTURES_STREAM).equals(List.of(true, false, true, false)));
    }
}

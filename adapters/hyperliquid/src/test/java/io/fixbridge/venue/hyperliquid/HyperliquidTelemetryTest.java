package io.fixbridge.venue.hyperliquid;

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
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static io.fixbridge.venue.hyperliquid.Harness.answer;
import static io.fixbridge.venue.hyperliquid.Harness.failure;
import static io.fixbridge.venue.hyperliquid.Harness.limit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What the Hyperliquid adapter tells the gateway's telemetry, against the simulator over real sockets:
 * order actions sent before their answer, requests under bounded names, rate-limit use, and the user
 * stream going down and up again when the simulator drops it.
 */
class HyperliquidTelemetryTest {
    private static final String BTC = "BTC/USDC:USDC";
    private static final String STREAM = "user:" + SimSupport.ACCOUNT;

    private final RecordingTelemetry telemetry = new RecordingTelemetry();
    private Harness h;

    @AfterEach
    void close() {
        if (h != null) {
            h.close();
        }
    }

    private void connect() throws InterruptedException {
        SimSupport sim = SimSupport.start();
        h = new Harness(sim, sim.settings(Map.of()), telemetry);
    }

    @Test
    void orderActionsAreReportedSentWithTheGatewaysIdsBeforeTheirAnswers() throws Exception {
        connect();
        OrderRequest buy = limit(BTC, Side.BUY, "0.5", "59000").build();

        CompletableFuture<OrderEvent.Accepted> f = h.adapter.submit(buy);
        f.thenRun(() -> telemetry.log.add("answered:" + buy.clientOrderId()));
        OrderEvent.Accepted accepted = answer(f);
        OrderRequest replacement = buy.toBuilder().clientOrderId(Harness.newId()).price(new BigDecimal("58500"))
                .build();
        answer(h.adapter.replace(new ReplaceRequest(buy, accepted.venueOrderId(), BigDecimal.ZERO, replacement)));

        await().atMost(Harness.TIMEOUT).until(() -> telemetry.log.contains("answered:" + buy.clientOrderId()));
        assertThat(telemetry.ordersSent).containsExactly(buy.clientOrderId(), replacement.clientOrderId());
        assertThat(telemetry.log.indexOf("sent:" + buy.clientOrderId()))
                .isLessThan(telemetry.log.indexOf("answered:" + buy.clientOrderId()));
    }

    @Test
    void requestsAndTheLimitAreReportedUnderBoundedNames() throws Exception {
        connect();
        OrderRequest buy = limit(BTC, Side.BUY, "0.5", "59000").build();
        OrderEvent.Accepted accepted = h.submit(buy);
        answer(h.adapter.queryOrder(SimSupport.ACCOUNT, BTC, buy.clientOrderId()));
        answer(h.adapter.cancel(new CancelRequest(SimSupport.ACCOUNT, BTC, buy.clientOrderId(),
                accepted.venueOrderId())));
        answer(h.adapter.openOrders(SimSupport.ACCOUNT));
        answer(h.adapter.balances(SimSupport.ACCOUNT));
        h.sim.sim.faults().loseNextOrderResponse();
        OrderRequest lost = limit(BTC, Side.BUY, "0.5", "59000").build();
        assertThat(failure(h.adapter.submit(lost)).outcome()).isEqualTo(VenueError.Outcome.OUTCOME_UNKNOWN);

        await().atMost(Harness.TIMEOUT).until(() -> telemetry.requests.stream()
                .anyMatch(r -> r.endpoint().equals("POST /exchange order") && r.status() == 0));
        assertThat(telemetry.requests).anySatisfy(r -> {
            assertThat(r.endpoint()).isEqualTo("POST /exchange order");
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.latency()).isPositive();
        });
        assertThat(telemetry.endpoints()).contains("POST /info meta", "POST /info spotMeta",
                "POST /info orderStatus", "POST /exchange cancelByCloid", "POST /info frontendOpenOrders");
        assertThat(telemetry.limitNames).containsExactly("IP_WEIGHT:1m");
        List<String> secrets = List.of(buy.clientOrderId(), Cloids.of(buy.clientOrderId()), lost.clientOrderId(),
                Cloids.of(lost.clientOrderId()), SimSupport.ALICE_KEY, SimSupport.ALICE.hex());
        assertThat(telemetry.labels()).isNotEmpty()
                .noneMatch(label -> RecordingTelemetry.unbounded(label, secrets));
    }

    @Test
    void theUserStreamIsConnectedOnceSubscribedAndReconnectsAfterTheSimulatorDropsIt() throws Exception {
        connect();
        await().atMost(Harness.TIMEOUT).until(() -> telemetry.states(STREAM).equals(List.of(true)));

        h.sim.sim.faults().dropStreams();

        await().atMost(Harness.TIMEOUT).until(() -> telemetry.states(STREAM).equals(List.of(true, false, true)));
        assertThat(telemetry.streamNames()).containsExactly(STREAM);

        h.adapter.close();
        await().atMost(Harness.TIMEOUT).until(() -> telemetry.states(STREAM).equals(List.of(true, false, true, false)));
    }
}

package io.fixbridge.venue.bybit;

import io.fixbridge.testkit.LogCapture;

import io.fixbridge.sims.bybit.BybitSymbol;
import io.fixbridge.sims.bybit.RateLimits;
import io.fixbridge.sims.bybit.TruthOrder;
import io.fixbridge.venue.OrderEvent;
import io.fixbridge.venue.OrderRequest;
import io.fixbridge.venue.OrderSnapshot;
import io.fixbridge.venue.RejectReason;
import io.fixbridge.venue.Side;
import io.fixbridge.venue.VenueError;
import io.fixbridge.venue.kit.ratelimit.RateLimitSnapshot;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static io.fixbridge.venue.bybit.AdapterHarness.answer;
import static io.fixbridge.venue.bybit.AdapterHarness.failure;
import static io.fixbridge.venue.bybit.AdapterHarness.limit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Lost answers, duplicate orderLinkIds, Bybit's rate limits (10006 and its headers) and the
 * adapter's own, a dropped private stream, clock drift (10002), server errors, HTTP 403 and symbols
 * that do not trade, against the simulator's fault switches. Every order sent is accounted for in the
 * simulator's truth: none is lost, none is placed twice.
 */
class BybitResilienceTest {
    private static final String BTC = "BTC/USDT";
    private static final String LINEAR = "BTC/USDT:USDT";
    private static final Map<String, Object> SPOT = Map.of("categories", List.of("spot"));
    private AdapterHarness h;

    @AfterEach
    void close() {
        if (h != null) {
            h.close();
        }
    }

    private static Map<String, Object> with(Map<String, Object> base, String key, Object value) {
        Map<String, Object> m = new LinkedHashMap<>(base);
        m.put(key, value);
        return m;
    }

    /** Submits {@code n} resting orders at once; returns what each future ended with. */
    private List<Object> burst(int n) {
        List<CompletableFuture<OrderEvent.Accepted>> futures = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            futures.add(h.adapter.submit(limit(BTC, Side.BUY, "0.001", "50000.00").build()));
        }
        List<Object> out = new ArrayList<>();
        for (CompletableFuture<OrderEvent.Accepted> f : futures) {
            try {
                out.add(answer(f));
            } catch (AssertionError e) {
                out.add(failure(f));
            }
        }
        return out;
    }

    private static List<OrderEvent.Accepted> accepted(List<Object> results) {
        return results.stream().filter(OrderEvent.Accepted.class::isInstance).map(OrderEvent.Accepted.class::cast)
                .toList();
    }

    private static List<VenueError> refused(List<Object> results) {
        return results.stream().filter(VenueError.class::isInstance).map(VenueError.class::cast).toList();
    }

    private List<String> truthIds() {
        return h.truth().stream().map(TruthOrder::orderLinkId).toList();
    }

    @Test
    void aLostCreateAnswerIsSettledByQueryAndARetriedSubmitNeverPlacesASecondOrder() throws Exception {
        h = new AdapterHarness(SimSupport.start(), SPOT);
        OrderRequest o = limit(BTC, Side.BUY, "0.001", "50000.00").build();
        h.sim.sim.faults().loseNextOrderResponse();

        VenueError lost = failure(h.adapter.submit(o));

        assertThat(lost.outcome()).isEqualTo(VenueError.Outcome.OUTCOME_UNKNOWN);
        OrderSnapshot s = answer(h.adapter.queryOrder(SimSupport.ACCOUNT, BTC, o.clientOrderId())).orElseThrow();
        assertThat(s.status()).isEqualTo(OrderSnapshot.Status.NEW);
        await().atMost(AdapterHarness.TIMEOUT).untilAsserted(() -> assertThat(h.events.of(OrderEvent.Accepted.class,
                o.clientOrderId())).as("the stream reported it").singleElement().satisfies(a ->
                assertThat(a.venueOrderId()).isEqualTo(s.venueOrderId())));

        OrderEvent.Accepted again = h.submit(o);

        assertThat(again.venueOrderId()).as("110072 settled by a query: the same order").isEqualTo(s.venueOrderId());
        assertThat(truthIds()).containsExactly(o.clientOrderId());
        assertThat(h.events.of(OrderEvent.Accepted.class, o.clientOrderId())).hasSize(1);
    }

    @Test
    void aDuplicateOrderLinkIdOfAnotherOrderIsADuplicate() throws Exception {
        h = new AdapterHarness(SimSupport.start(), SPOT);
        OrderRequest o = limit(BTC, Side.BUY, "0.001", "50000.00").build();
        h.submit(o);

        VenueError e = failure(h.adapter.submit(o.toBuilder().side(Side.SELL).price(new java.math.BigDecimal("70000.00"))
                .build()));

        assertThat(e.reason()).isEqualTo(RejectReason.DUPLICATE_ORDER);
        assertThat(e.code()).isEqualTo("170141");
        assertThat(truthIds()).containsExactly(o.clientOrderId());
    }

    @Test
    void serverErrorsAreOutcomeUnknownAndTheQuerySettlesThem() throws Exception {
        h = new AdapterHarness(SimSupport.start(), SPOT);
        OrderRequest first = limit(BTC, Side.BUY, "0.001", "50000.00").build();
        OrderRequest second = limit(BTC, Side.BUY, "0.001", "50000.00").build();

        h.sim.sim.faults().failNextRequests(1);
        VenueError e10016 = failure(h.adapter.submit(first));
        h.sim.sim.faults().failNextRequests(1, 502);
        VenueError e502 = failure(h.adapter.submit(second));

        assertThat(e10016.outcome()).isEqualTo(VenueError.Outcome.OUTCOME_UNKNOWN);
        assertThat(e10016.code()).isEqualTo("10016");
        assertThat(e502.outcome()).isEqualTo(VenueError.Outcome.OUTCOME_UNKNOWN);
        assertThat(e502.code()).isEqualTo("HTTP 502");
        assertThat(answer(h.adapter.queryOrder(SimSupport.ACCOUNT, BTC, first.clientOrderId()))).isEmpty();
        assertThat(answer(h.adapter.queryOrder(SimSupport.ACCOUNT, BTC, second.clientOrderId()))).isEmpty();
        assertThat(h.truth()).isEmpty();
    }

    @Test
    void aReadTimeoutIsOutcomeUnknownAndAConnectFailureRetryable() throws Exception {
        h = new AdapterHarness(SimSupport.start(), with(SPOT, "timeouts", Map.of("connectMs", 1000, "requestMs", 400,
                "wsPingMs", 5000, "reconnectMinMs", 50, "reconnectMaxMs", 500)));
        OrderRequest slow = limit(BTC, Side.BUY, "0.001", "50000.00").build();
        h.sim.sim.faults().latency(Duration.ofMillis(800));

        VenueError timeout = failure(h.adapter.submit(slow));
        h.sim.sim.faults().latency(Duration.ZERO);

        assertThat(timeout.outcome()).isEqualTo(VenueError.Outcome.OUTCOME_UNKNOWN);
        await().atMost(AdapterHarness.TIMEOUT).untilAsserted(() -> assertThat(answer(h.adapter.queryOrder(
                SimSupport.ACCOUNT, BTC, slow.clientOrderId()))).as("the slow create did happen").isPresent());
        h.sim.close();
        VenueError refused = failure(h.adapter.submit(limit(BTC, Side.BUY, "0.001", "50000.00").build()));
        assertThat(refused.outcome()).isEqualTo(VenueError.Outcome.RETRYABLE);
        assertThat(refused.message()).contains("not sent");
    }

    @Test
    void bybitsRateLimitHoldsTheBucketUntilTheResetAndOrdersWaitWithinMaxWait() throws Exception {
        h = new AdapterHarness(SimSupport.start(b -> b.rateLimits(RateLimits.uniform(3))),
                with(SPOT, "rateLimitPolicy", Map.of("maxWaitMs", 3000)));

        List<Object> results = burst(6);

        assertThat(results).allSatisfy(r -> assertThat(r).isInstanceOf(OrderEvent.Accepted.class));
        assertThat(truthIds()).hasSize(6).containsExactlyInAnyOrderElementsOf(accepted(results).stream()
                .map(OrderEvent.Accepted::clientOrderId).toList());
    }

    @Test
    void bybitsRateLimitRefusesRetryablyWithItsCodeWhenTheResetIsBeyondMaxWait() throws Exception {
        h = new AdapterHarness(SimSupport.start(b -> b.rateLimits(RateLimits.uniform(3))),
                with(SPOT, "rateLimitPolicy", Map.of("maxWaitMs", 0)));

        List<Object> results = burst(6);

        assertThat(accepted(results)).hasSize(3);
        assertThat(refused(results)).hasSize(3).allSatisfy(e -> {
            assertThat(e.outcome()).isEqualTo(VenueError.Outcome.RETRYABLE);
            assertThat(e.retryAfter()).isNotNull();
            assertThat(e.message()).containsAnyOf("not sent", "nothing was done");
        }).allSatisfy(e -> assertThat(e.code()).as("Bybit's 10006, or held back here after Bybit said "
                + "nothing was left (X-Bapi-Limit-Status 0)").isIn("10006", null));
        assertThat(truthIds()).containsExactlyInAnyOrderElementsOf(accepted(results).stream()
                .map(OrderEvent.Accepted::clientOrderId).toList());
    }

    @Test
    void a10006HoldsTheLimitUntilItsResetAndIsRetryableWithBybitsCode() throws Exception {
        TestClock clock = TestClock.frozenNow();
        SimSupport sim = SimSupport.start(b -> b.rateLimits(RateLimits.uniform(2)).clock(clock));
        h = new AdapterHarness(sim, with(SPOT, "rateLimitPolicy", Map.of("maxWaitMs", 0)), clock);
        AdapterHarness other = new AdapterHarness(sim, SPOT, clock);
        try {
            other.submit(limit(BTC, Side.BUY, "0.001", "50000.00").build());
            other.submit(limit(BTC, Side.BUY, "0.001", "50000.00").build());

            VenueError e = failure(h.adapter.submit(limit(BTC, Side.BUY, "0.001", "50000.00").build()));

            assertThat(e.outcome()).isEqualTo(VenueError.Outcome.RETRYABLE);
            assertThat(e.code()).isEqualTo("10006");
            assertThat(e.message()).contains("Too many visits").contains("alice/orderCreateSpot");
            assertThat(e.retryAfter()).isPositive().isLessThanOrEqualTo(Duration.ofSeconds(1));
            assertThat(h.adapter.rateLimits()).filteredOn(s -> s.name().equals("alice/orderCreateSpot"))
                    .singleElement().satisfies(s -> {
                        assertThat(s.available()).as("held at zero").isZero();
                        assertThat(s.resetsAt()).as("until X-Bapi-Limit-Reset-Timestamp").isNotNull();
                    });
            assertThat(truthIds()).hasSize(2);
        } finally {
            other.adapter.close();
        }
    }

    @Test
    void theConfiguredLimitRefusesBeforeSendingWithTheLimitersText() throws Exception {
        h = new AdapterHarness(SimSupport.start(), with(with(SPOT, "rateLimits", Map.of("orderCreateSpot", 2)),
                "rateLimitPolicy", Map.of("maxWaitMs", 0)));

        List<Object> results = burst(4);

        assertThat(accepted(results)).hasSize(2);
        assertThat(refused(results)).hasSize(2).allSatisfy(e -> {
            assertThat(e.outcome()).isEqualTo(VenueError.Outcome.RETRYABLE);
            assertThat(e.message()).contains("not sent").contains("alice/orderCreateSpot");
        });
        assertThat(truthIds()).hasSize(2);
    }

    @Test
    void xBapiLimitStatusLowersTheBucketToWhatBybitSaysIsLeft() throws Exception {
        h = new AdapterHarness(SimSupport.start(b -> b.rateLimits(RateLimits.uniform(5))),
                with(SPOT, "rateLimitPolicy", Map.of("maxWaitMs", 0)), TestClock.frozenNow());

        h.submit(limit(BTC, Side.BUY, "0.001", "50000.00").build());

        RateLimitSnapshot create = h.adapter.rateLimits().stream()
                .filter(s -> s.name().equals("alice/orderCreateSpot")).findFirst().orElseThrow();
        assertThat(create.capacity()).isEqualTo(20);
        assertThat(create.available()).as("X-Bapi-Limit-Status after one of five").isEqualTo(4);
        List<Object> results = burst(5);
        assertThat(accepted(results)).hasSize(4);
        assertThat(refused(results)).singleElement().satisfies(e -> {
            assertThat(e.code()).as("refused here, not by Bybit").isNull();
            assertThat(e.message()).contains("not sent");
        });
        assertThat(truthIds()).hasSize(5);
    }

    @Test
    void aDroppedPrivateStreamMissesNoFill() throws Exception {
        h = new AdapterHarness(SimSupport.start(), Map.of("categories", List.of("linear"), "timeouts",
                Map.of("connectMs", 1000, "requestMs", 2000, "wsPingMs", 5000, "reconnectMinMs", 1500,
                        "reconnectMaxMs", 2000)));
        OrderRequest o = limit(LINEAR, Side.BUY, "0.003", "59990.0").build();
        h.submit(o);

        h.sim.sim.faults().dropPrivateStreams();
        h.sim.sim.linearMarket().moveMid("BTCUSDT", -200);
        assertThat(h.sim.sim.truth().orderByLinkId(SimSupport.ACCOUNT, o.clientOrderId()).orderStatus())
                .isEqualTo("Filled");

        await().atMost(AdapterHarness.TIMEOUT).untilAsserted(() ->
                assertThat(h.filled(o.clientOrderId())).isEqualByComparingTo("0.003"));
        TruthOrder t = h.sim.sim.truth().orderByLinkId(SimSupport.ACCOUNT, o.clientOrderId());
        assertThat(h.events.fills(o.clientOrderId())).extracting(OrderEvent.Fill::tradeId)
                .containsExactlyInAnyOrderElementsOf(t.executions().stream().map(x -> x.execId()).toList());
        assertThat(h.events.fills(o.clientOrderId())).last().satisfies(f -> assertThat(f.orderFilled()).isTrue());
        assertThat(h.sim.sim.truth().openPrivateConnections()).isEqualTo(1);
    }

    @Test
    void aGapFillQueryThatFailsIsAskedAgainUntilTheMissedFillArrives() throws Exception {
        h = new AdapterHarness(SimSupport.start(), Map.of("categories", List.of("linear"), "timeouts",
                Map.of("connectMs", 1000, "requestMs", 2000, "wsPingMs", 5000, "reconnectMinMs", 1500,
                        "reconnectMaxMs", 2000)));
        OrderRequest o = limit(LINEAR, Side.BUY, "0.003", "59990.0").build();
        h.submit(o);

        try (LogCapture log = new LogCapture()) {
            h.sim.sim.faults().dropPrivateStreams();
            h.sim.sim.linearMarket().moveMid("BTCUSDT", -200);
            // the first gap-fill query after the reconnect meets a failing Bybit
            h.sim.sim.faults().failNextRequests(2, 502);

            await().atMost(AdapterHarness.TIMEOUT).untilAsserted(() ->
                    assertThat(h.filled(o.clientOrderId())).isEqualByComparingTo("0.003"));
            assertThat(log.lines()).anyMatch(l -> l.contains("gap fill of order " + o.clientOrderId())
                    && l.contains("asking again"));
        }
        assertThat(h.events.fills(o.clientOrderId())).last().satisfies(f -> assertThat(f.orderFilled()).isTrue());
    }

    @Test
    void aCanceledOrdersFillThatTheStreamHasNotBroughtGoesOutBeforeItsEnd() throws Exception {
        h = new AdapterHarness(SimSupport.start(), Map.of("categories", List.of("linear"), "timeouts",
                Map.of("connectMs", 1000, "requestMs", 2000, "wsPingMs", 5000, "reconnectMinMs", 8000,
                        "reconnectMaxMs", 9000)));
        h.sim.sim.faults().dropPrivateStreams();
        // 1 BTC a level: 1 fills at once, 0.5 rests; the stream that would tell is down
        OrderRequest o = limit(LINEAR, Side.BUY, "1.5", "60000.1").build();
        OrderEvent.Accepted accepted = h.submit(o);

        answer(h.adapter.cancel(new io.fixbridge.venue.CancelRequest(SimSupport.ACCOUNT, LINEAR, o.clientOrderId(),
                accepted.venueOrderId())));

        assertThat(h.kinds(o.clientOrderId())).containsExactly("Accepted", "Fill", "Canceled");
        assertThat(h.filled(o.clientOrderId())).isEqualByComparingTo("1");
        assertThat(h.sim.sim.truth().orderByLinkId(SimSupport.ACCOUNT, o.clientOrderId()).cumExecQty())
                .isEqualByComparingTo("1");
    }

    @Test
    void aRequestTimeOutsideTheWindowResynchronisesTheClockAndIsSentOnceMore() throws Exception {
        TestClock clock = new TestClock();
        h = new AdapterHarness(SimSupport.start(), SPOT, clock);
        clock.shift(Duration.ofSeconds(-30));
        OrderRequest o = limit(BTC, Side.BUY, "0.001", "50000.00").build();

        try (LogCapture log = new LogCapture()) {
            h.submit(o);

            assertThat(log.lines()).anyMatch(l -> l.contains("resynchronising the clock"));
        }
        assertThat(truthIds()).containsExactly(o.clientOrderId());
    }

    @Test
    void http403PausesTheWholeVenueUntilThePauseEnds() throws Exception {
        h = new AdapterHarness(SimSupport.start(), with(SPOT, "ipBanPauseMs", 700));
        h.sim.sim.faults().ipBan(Duration.ofMillis(500));

        VenueError banned = failure(h.adapter.submit(limit(BTC, Side.BUY, "0.001", "50000.00").build()));
        VenueError meanwhile = failure(h.adapter.submit(limit(BTC, Side.BUY, "0.001", "50000.00").build()));

        assertThat(banned.outcome()).isEqualTo(VenueError.Outcome.RETRYABLE);
        assertThat(banned.message()).contains("HTTP 403").contains("paused");
        assertThat(meanwhile.outcome()).isEqualTo(VenueError.Outcome.RETRYABLE);
        assertThat(meanwhile.message()).contains("paused until");
        assertThat(h.adapter.healthStatus().healthy()).isFalse();
        assertThat(h.adapter.healthStatus().pausedUntil()).isNotNull();
        await().atMost(AdapterHarness.TIMEOUT).until(() -> h.adapter.healthStatus().healthy());
        await().atMost(AdapterHarness.TIMEOUT).until(() -> !h.sim.sim.faults().ipBanned());
        h.submit(limit(BTC, Side.BUY, "0.001", "50000.00").build());
        assertThat(h.truth()).hasSize(1);
    }

    @Test
    void aSymbolThatDoesNotTradeIsRefusedBeforeSendingUntilItTradesAgain() throws Exception {
        h = new AdapterHarness(SimSupport.start(b -> b.symbols(BybitSymbol.spotBtcusdt(),
                BybitSymbol.linearBtcusdt().withStatus("Closed"))), Map.of());

        VenueError closed = failure(h.adapter.submit(limit(LINEAR, Side.BUY, "0.003", "50000.0").build()));

        assertThat(closed.reason()).isEqualTo(RejectReason.VENUE_CLOSED);
        assertThat(closed.message()).contains("BTCUSDT").contains("Closed");
        assertThat(h.truth()).isEmpty();

        h.sim.sim.linearMarket().setStatus("BTCUSDT", "Trading");
        await().atMost(AdapterHarness.TIMEOUT).untilAsserted(() ->
                answer(h.adapter.submit(limit(LINEAR, Side.BUY, "0.003", "50000.0").build())));
        h.sim.sim.linearMarket().setStatus("BTCUSDT", "Delivering");
        VenueError byBybit = failure(h.adapter.submit(limit(LINEAR, Side.BUY, "0.003", "50000.0").build()));
        assertThat(byBybit.reason()).isEqualTo(RejectReason.VENUE_CLOSED);
        assertThat(byBybit.code()).isEqualTo("110074");
        await().atMost(AdapterHarness.TIMEOUT).untilAsserted(() -> assertThat(failure(h.adapter.submit(
                limit(LINEAR, Side.BUY, "0.003", "50000.0").build())).code()).as("refused here now").isNull());
        assertThat(h.truth()).hasSize(1);
    }
}

package io.fixbridge.venue.binance;

import io.fixbridge.testkit.LogCapture;

import io.fixbridge.sims.binance.RateLimits;
import io.fixbridge.sims.binance.TruthOrder;
import io.fixbridge.venue.OrderEvent;
import io.fixbridge.venue.OrderRequest;
import io.fixbridge.venue.OrderSnapshot;
import io.fixbridge.venue.RejectReason;
import io.fixbridge.venue.Side;
import io.fixbridge.venue.VenueError;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

import static io.fixbridge.venue.binance.AdapterHarness.answer;
import static io.fixbridge.venue.binance.AdapterHarness.failure;
import static io.fixbridge.venue.binance.AdapterHarness.limit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Rate limits, a dropped user stream, a lost response, clock drift, server errors and maintenance,
 * against the simulator's fault switches. Every order sent is accounted for in the simulator's truth.
 */
class BinanceResilienceTest {
    private static final String BTC = "BTC/USDT";
    private static final Map<String, Object> SPOT = Map.of("markets", List.of("spot"));
    private AdapterHarness h;

    @AfterEach
    void close() {
        if (h != null) {
            h.close();
        }
    }

    private List<TruthOrder> truth() {
        return h.sim.sim.truth().spotOrders(SimSupport.ACCOUNT);
    }

    private static Map<String, Object> with(Map<String, Object> base, String key, Object value) {
        Map<String, Object> m = new java.util.LinkedHashMap<>(base);
        m.put(key, value);
        return m;
    }

    /** Submits {@code n} resting orders at once; returns what each future ended with. */
    private List<Object> burst(int n) {
        List<CompletableFuture<OrderEvent.Accepted>> futures = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            futures.add(h.adapter.submit(limit(BTC, Side.BUY, "0.001", "50000").build()));
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

    @Test
    void ordersPastTheLimitAreRefusedRetryableWithAClearTextAndNoneIsLost() throws Exception {
        h = new AdapterHarness(SimSupport.start(), with(with(SPOT, "rateLimits", Map.of("spotOrdersPer10s", 3)),
                "rateLimitPolicy", Map.of("maxWaitMs", 0)));

        List<Object> results = burst(6);

        List<OrderEvent.Accepted> accepted = results.stream().filter(OrderEvent.Accepted.class::isInstance)
                .map(OrderEvent.Accepted.class::cast).toList();
        List<VenueError> refused = results.stream().filter(VenueError.class::isInstance).map(VenueError.class::cast)
                .toList();
        assertThat(accepted).hasSize(3);
        assertThat(refused).hasSize(3).allSatisfy(e -> {
            assertThat(e.outcome()).isEqualTo(VenueError.Outcome.RETRYABLE);
            assertThat(e.message()).contains("ORDERS").contains("not sent");
        });
        assertThat(truth()).extracting(TruthOrder::clientOrderId)
                .containsExactlyInAnyOrderElementsOf(accepted.stream().map(OrderEvent.Accepted::clientOrderId).toList());
    }

    @Test
    void ordersPastTheLimitWaitWithinMaxWaitAndAllArrive() throws Exception {
        h = new AdapterHarness(SimSupport.start(), with(with(SPOT, "rateLimits", Map.of("spotOrdersPer10s", 10)),
                "rateLimitPolicy", Map.of("maxWaitMs", 5000)));
        long start = System.nanoTime();

        List<Object> results = burst(12);

        assertThat(results).allSatisfy(r -> assertThat(r).isInstanceOf(OrderEvent.Accepted.class));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).as("the last two waited for tokens")
                .isGreaterThan(Duration.ofMillis(900));
        assertThat(truth()).hasSize(12);
    }

    @Test
    void theVenuesOrderLimitIsRetryableWithItsCodeAndNothingIsLost() throws Exception {
        h = new AdapterHarness(SimSupport.start(b -> b.spotLimits(new RateLimits(6000, 3, 200_000))), SPOT);

        List<Object> results = burst(5);

        List<VenueError> refused = results.stream().filter(VenueError.class::isInstance).map(VenueError.class::cast)
                .toList();
        assertThat(results).filteredOn(OrderEvent.Accepted.class::isInstance).hasSize(3);
        assertThat(refused).hasSize(2).allSatisfy(e -> assertThat(e.outcome()).isEqualTo(VenueError.Outcome.RETRYABLE));
        assertThat(refused).anySatisfy(e -> assertThat(e.code()).isEqualTo("-1015"));
        assertThat(truth()).hasSize(3);
    }

    @Test
    void aFillWhileTheStreamIsDownIsRecoveredOverRestWithItsTradeId() throws Exception {
        h = new AdapterHarness(SimSupport.start(), with(SPOT, "timeouts", Map.of("connectMs", 1000,
                "requestMs", 2000, "wsPingMs", 5000, "reconnectMinMs", 700, "reconnectMaxMs", 1000)));
        OrderRequest buy = limit(BTC, Side.BUY, "0.01", "59990").build();
        h.submit(buy);
        await().atMost(AdapterHarness.TIMEOUT).until(() -> h.kinds(buy.clientOrderId()).contains("Accepted"));

        try (LogCapture log = new LogCapture()) {
            h.sim.sim.faults().dropUserDataStreams();
            await().atMost(AdapterHarness.TIMEOUT).until(() -> h.sim.sim.truth().openUserDataConnections() == 0);
            h.sim.sim.spotMarket().moveMid("BTCUSDT", -2000);
            assertThat(truth().get(0).status()).isEqualTo("FILLED");

            await().atMost(AdapterHarness.TIMEOUT).until(() -> h.filled(buy.clientOrderId())
                    .compareTo(new BigDecimal("0.01")) == 0);
            assertThat(log.lines()).anyMatch(l -> l.contains("stream reconnected; checking 1 open orders"));
        }
        assertThat(h.events.fills(buy.clientOrderId())).extracting(OrderEvent.Fill::tradeId)
                .containsExactly(String.valueOf(truth().get(0).fills().get(0).tradeId()));
        assertThat(h.kinds(buy.clientOrderId())).containsExactly("Accepted", "Fill");
    }

    @Test
    void aLostResponseIsOutcomeUnknownAndTheQueryFindsTheOneOrder() throws Exception {
        h = new AdapterHarness(SimSupport.start(), SPOT);
        OrderRequest buy = limit(BTC, Side.BUY, "0.01", "59000").build();
        h.sim.sim.faults().loseNextOrderResponse();

        VenueError e = failure(h.adapter.submit(buy));
        OrderSnapshot found = answer(h.adapter.queryOrder(SimSupport.ACCOUNT, BTC, buy.clientOrderId())).orElseThrow();

        assertThat(e.outcome()).as(e.message()).isEqualTo(VenueError.Outcome.OUTCOME_UNKNOWN);
        assertThat(found.status()).isEqualTo(OrderSnapshot.Status.NEW);
        assertThat(truth()).extracting(TruthOrder::clientOrderId).containsExactly(buy.clientOrderId());
        await().atMost(AdapterHarness.TIMEOUT).untilAsserted(() ->
                assertThat(h.events.of(OrderEvent.Accepted.class, buy.clientOrderId())).hasSize(1));
    }

    @Test
    void aTimestampOutsideTheRecvWindowResyncsTheClockAndRetriesOnce() throws Exception {
        SkewedClock clock = new SkewedClock();
        h = new AdapterHarness(SimSupport.start(), SPOT, clock);
        clock.skew(Duration.ofSeconds(10));
        OrderRequest buy = limit(BTC, Side.BUY, "0.01", "59000").build();

        try (LogCapture log = new LogCapture()) {
            OrderEvent.Accepted accepted = h.submit(buy);

            assertThat(accepted.clientOrderId()).isEqualTo(buy.clientOrderId());
            assertThat(log.lines()).anyMatch(l -> l.contains("refused the timestamp")
                    && l.contains("resynchronising the clock"));
        }
        assertThat(truth()).extracting(TruthOrder::clientOrderId).containsExactly(buy.clientOrderId());
    }

    @Test
    void server5xxIsOutcomeUnknownAnd503InternalErrorIsRetryable() throws Exception {
        h = new AdapterHarness(SimSupport.start(), SPOT);

        h.sim.sim.faults().failNextRequests(1, 502);
        VenueError unknown = failure(h.adapter.submit(limit(BTC, Side.BUY, "0.01", "59000").build()));
        h.sim.sim.faults().failNextRequests(1, 503);
        VenueError retryable = failure(h.adapter.submit(limit(BTC, Side.BUY, "0.01", "59000").build()));

        assertThat(unknown.outcome()).isEqualTo(VenueError.Outcome.OUTCOME_UNKNOWN);
        assertThat(unknown.code()).isEqualTo("-1001");
        assertThat(retryable.outcome()).isEqualTo(VenueError.Outcome.RETRYABLE);
        assertThat(h.adapter.healthStatus().healthy()).isTrue();
        assertThat(truth()).isEmpty();
    }

    @Test
    void maintenanceRefusesOrdersFastUntilBinanceTradesAgain() throws Exception {
        h = new AdapterHarness(SimSupport.start(), SPOT);
        h.sim.sim.faults().maintenance(true);

        VenueError first = failure(h.adapter.submit(limit(BTC, Side.BUY, "0.01", "59000").build()));
        VenueError second = failure(h.adapter.submit(limit(BTC, Side.BUY, "0.01", "59000").build()));

        assertThat(first.reason()).isEqualTo(RejectReason.VENUE_CLOSED);
        assertThat(first.code()).isEqualTo("-2010");
        assertThat(first.message()).contains("Binance is in maintenance; orders are refused until it answers again");
        assertThat(second.reason()).isEqualTo(RejectReason.VENUE_CLOSED);
        assertThat(second.code()).as("refused by the adapter, not sent").isNull();
        assertThat(second.message()).contains("Binance is in maintenance");
        assertThat(h.adapter.healthStatus().marketsDown()).containsKey(BinanceMarket.SPOT);

        h.sim.sim.faults().maintenance(false);
        await().atMost(AdapterHarness.TIMEOUT).until(() -> h.adapter.healthStatus().healthy());
        h.submit(limit(BTC, Side.BUY, "0.01", "59000").build());
        assertThat(truth()).hasSize(1);
    }

    @Test
    void refusedCredentialsFailConnectSayingWhy() throws Exception {
        SimSupport sim = SimSupport.start();
        try {
            Map<String, Object> venue = new java.util.LinkedHashMap<>(SPOT);
            var settings = sim.settings(venue);
            var wrong = new io.fixbridge.venue.VenueSettings(settings.name(), settings.type(), settings.settings(),
                    List.of(new io.fixbridge.venue.VenueSettings.Account(SimSupport.ACCOUNT,
                            new io.fixbridge.venue.ConfigView("venues[binance-sim].accounts[alice]",
                                    Map.of("apiKey", SimSupport.API_KEY, "secret", "not-the-secret")))));
            BinanceAdapter adapter = new BinanceAdapter("binance-sim", BinanceConfig.from(wrong));
            try {
                VenueError e = failure(adapter.connect());

                assertThat(e.reason()).isEqualTo(RejectReason.OTHER);
                assertThat(e.code()).isEqualTo("-1022");
                assertThat(adapter.healthStatus().accountsRefused()).containsKey(SimSupport.ACCOUNT);
            } finally {
                adapter.close();
            }
        } finally {
            sim.close();
        }
    }

    @Test
    void userStreamsThatNeverComeUpFailConnectAndAreClosedOffTheJdksSharedTimerThread() throws Exception {
        SimSupport sim = SimSupport.start();
        BinanceAdapter adapter = null;
        try (LogCapture log = new LogCapture()) {
            Map<String, Object> settings = new java.util.LinkedHashMap<>(SPOT);
            // an address that answers every WebSocket upgrade with 404: the stream retries and never subscribes
            settings.put("spotWsApiUrl", "ws://127.0.0.1:" + sim.port + "/nowhere");
            settings.put("timeouts", Map.of("connectMs", 200, "requestMs", 300, "wsPingMs", 5000,
                    "reconnectMinMs", 50, "reconnectMaxMs", 100));
            adapter = sim.adapter(settings);

            VenueError e = failure(adapter.connect());

            assertThat(e.outcome()).isEqualTo(VenueError.Outcome.RETRYABLE);
            assertThat(e.message()).contains("did not come up within 1 s");
            await().atMost(AdapterHarness.TIMEOUT).until(() -> log.linesWithThreads().stream()
                    .anyMatch(l -> l.contains("connect failed")));
            assertThat(log.linesWithThreads()).filteredOn(l -> l.contains("connect failed")).singleElement()
                    .asString().as("the streams are closed on the adapter's callback pool, not the JDK's delayer")
                    .contains("-callback").doesNotContain("CompletableFutureDelayScheduler");
        } finally {
            if (adapter != null) {
                adapter.close();
            }
            sim.close();
        }
    }

    /** The system clock moved by a settable skew. */
    static final class SkewedClock extends Clock {
        private final AtomicLong skewMs = new AtomicLong();

        void skew(Duration d) {
            skewMs.set(d.toMillis());
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return Instant.now().plusMillis(skewMs.get());
        }
    }
}

package io.fixbridge.venue.binance;

import io.fixbridge.venue.kit.EventGate;

import io.fixbridge.testkit.LogCapture;

import io.fixbridge.testkit.contract.RecordingListener;
import io.fixbridge.venue.OrderEvent;
import io.fixbridge.venue.OrderRequest;
import io.fixbridge.venue.OrderType;
import io.fixbridge.venue.Side;
import io.fixbridge.venue.binance.dto.AccountTrade;
import io.fixbridge.venue.binance.dto.RestOrder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The gap fill's handling of what the order queries answer, on the event thread (here the calling
 * thread), with the queries' answers made up: a failing order does not keep the others from being
 * filled and is logged, and Binance not having an order whose request is in flight proves nothing.
 */
class StreamEventsTest {
    private static final String A = "main";
    private static final String FIRST = "11111111111111111111111111111111";
    private static final String SECOND = "22222222222222222222222222222222";
    private static final Instant T0 = Instant.parse("2025-08-01T00:00:00Z");

    private final OrderTrackerTest.MutableClock clock = new OrderTrackerTest.MutableClock(T0);
    private final OrderTracker tracker = new OrderTracker(Duration.ofSeconds(10), clock);
    private final EventGate<OrderTracker> gate = new EventGate<>("binance-test", Runnable::run, tracker);
    private final RecordingListener events = new RecordingListener();
    private final Map<String, Supplier<CompletableFuture<Optional<OrderQueries.State>>>> answers = new HashMap<>();
    private final Symbols symbols = new Symbols(BinanceTranslatorTest.spotInstruments());
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private final StreamEvents streamEvents = new StreamEvents("binance-test", gate, scheduler,
            (signing, instrument, id, algo) -> answers.get(id).get(), () -> symbols, Map.of(), clock);

    StreamEventsTest() {
        gate.listener(events);
    }

    @AfterEach
    void stopScheduler() {
        scheduler.shutdownNow();
    }

    private void submittedAndAnswered(String id) {
        submitted(id);
        tracker.answered(A, List.of(id));
    }

    private void submitted(String id) {
        tracker.submitted(OrderRequest.builder().account(A).clientOrderId(id).symbol("BTC/USDT").side(Side.BUY)
                .type(OrderType.LIMIT).quantity(new BigDecimal("0.01")).price(new BigDecimal("30000")).build(),
                BinanceTranslatorTest.spot("BTCUSDT"), false);
    }

    private static OrderQueries.State partlyFilled(String id, long orderId, BigDecimal tradePrice) {
        RestOrder o = new RestOrder("BTCUSDT", orderId, -1L, id, null, null, 1754000005000L, 1754000004000L,
                new BigDecimal("30000"), new BigDecimal("0.01"), new BigDecimal("0.004"), null, null, null,
                "PARTIALLY_FILLED", "GTC", "LIMIT", "BUY", null, null, null, null, null, List.of());
        AccountTrade t = new AccountTrade("BTCUSDT", orderId * 10, orderId, tradePrice, new BigDecimal("0.004"),
                BigDecimal.ZERO, "BTC", 1754000005000L, true, null);
        return new OrderQueries.State(o, null, null, List.of(t));
    }

    private static CompletableFuture<Optional<OrderQueries.State>> found(OrderQueries.State s) {
        return CompletableFuture.completedFuture(Optional.of(s));
    }

    @Test
    void aQueryThatThrowsIsLoggedAndTheOtherOrdersAreStillFilled() {
        submittedAndAnswered(FIRST);
        submittedAndAnswered(SECOND);
        answers.put(FIRST, () -> {
            throw new IllegalStateException("a bug in the query");
        });
        answers.put(SECOND, () -> found(partlyFilled(SECOND, 5, new BigDecimal("30000"))));

        try (LogCapture log = new LogCapture()) {
            streamEvents.fillGap(A, BinanceMarket.SPOT);

            assertThat(log.lines()).anyMatch(l -> l.startsWith("ERROR") && l.contains("gap fill of order " + FIRST)
                    && l.contains("a bug in the query"));
        }
        assertThat(events.about(SECOND)).extracting(e -> e.getClass().getSimpleName())
                .containsExactly("Accepted", "Fill");
    }

    @Test
    void aQueryThatFailsIsAskedAgainAndItsFillStillArrives() {
        submittedAndAnswered(FIRST);
        AtomicInteger asked = new AtomicInteger();
        answers.put(FIRST, () -> asked.incrementAndGet() == 1
                ? CompletableFuture.failedFuture(new IllegalStateException("HTTP 502 from Binance"))
                : found(partlyFilled(FIRST, 5, new BigDecimal("30000"))));

        try (LogCapture log = new LogCapture()) {
            streamEvents.fillGap(A, BinanceMarket.SPOT);

            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(events.fills(FIRST)).hasSize(1));
            assertThat(log.lines()).anyMatch(l -> l.startsWith("WARN") && l.contains("gap fill of order " + FIRST)
                    && l.contains("HTTP 502") && l.contains("asking again"));
        }
        assertThat(asked).hasValue(2);
    }

    @Test
    void anAnswerThatCannotBeAppliedIsLoggedAtErrorNotLostInAFuture() {
        submittedAndAnswered(FIRST);
        submittedAndAnswered(SECOND);
        // a trade without a price: the Fill cannot be built (a NullPointerException, not an unknown status)
        answers.put(FIRST, () -> found(partlyFilled(FIRST, 4, null)));
        answers.put(SECOND, () -> found(partlyFilled(SECOND, 5, new BigDecimal("30000"))));

        try (LogCapture log = new LogCapture()) {
            streamEvents.fillGap(A, BinanceMarket.SPOT);

            assertThat(log.lines()).anyMatch(l -> l.startsWith("ERROR") && l.contains("order " + FIRST)
                    && l.contains("NullPointerException"));
        }
        assertThat(events.about(FIRST)).isEmpty();
        assertThat(events.fills(SECOND)).singleElement().extracting(OrderEvent.Fill::tradeId).isEqualTo("50");
    }

    @Test
    void binanceNotHavingAnOrderWhoseSubmitIsInFlightDoesNotForgetIt() {
        submitted(FIRST);
        answers.put(FIRST, () -> CompletableFuture.completedFuture(Optional.empty()));

        streamEvents.fillGap(A, BinanceMarket.SPOT);

        assertThat(tracker.find(A, FIRST)).hasValueSatisfying(t -> {
            assertThat(t.market()).isEqualTo(BinanceMarket.SPOT);
            assertThat(t.symbol()).isEqualTo("BTC/USDT");
        });
    }

    @Test
    void anEmptyAnswerToAQuerySentWhileTheSubmitWasInFlightProvesNothingEvenIfItArrivesLater() {
        submitted(FIRST);
        CompletableFuture<Optional<OrderQueries.State>> pending = new CompletableFuture<>();
        answers.put(FIRST, () -> pending);

        streamEvents.fillGap(A, BinanceMarket.SPOT);
        tracker.answered(A, List.of(FIRST));
        pending.complete(Optional.empty());

        assertThat(tracker.find(A, FIRST)).isPresent();
        assertThat(tracker.open(A, BinanceMarket.SPOT)).extracting(OrderTracker.Tracked::clientOrderId)
                .containsExactly(FIRST);
    }

    @Test
    void anOrderBinanceDoesNotHaveAndNothingIsInFlightForIsForgotten() {
        submittedAndAnswered(FIRST);
        answers.put(FIRST, () -> CompletableFuture.completedFuture(Optional.empty()));

        streamEvents.fillGap(A, BinanceMarket.SPOT);

        assertThat(tracker.find(A, FIRST)).isEmpty();
    }
}

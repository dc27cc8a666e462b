package io.fixbridge.venue.ccxt;

import io.fixbridge.sims.binance.BinanceSimulator;
import io.fixbridge.sims.binance.MarketControl;
import io.fixbridge.testkit.LogCapture;
import io.fixbridge.testkit.marketdata.MarketDataRecorder;
import io.fixbridge.venue.BookInterrupted;
import io.fixbridge.venue.BookSnapshot;
import io.fixbridge.venue.MarketDataSubscription;
import io.fixbridge.venue.MarketTrade;
import io.fixbridge.venue.OrderRequest;
import io.fixbridge.venue.Side;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.fixbridge.venue.ccxt.Orders.answer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Market data through ccxt's binance class and the real sidecar against the Binance simulator's spot market
 * streams (BTC/USDT; ccxt watches {@code btcusdt@depth@100ms} over a 1000-level REST snapshot, and
 * {@code btcusdt@trade}; bookDepth 100): the book the adapter emits equals the simulator's
 * ({@link MarketControl#book}) after the market moves, after a forced gap (ccxt's own sequence check: U must be
 * the previous u + 1, else ChecksumError, a new subscription and snapshot), after dropped streams and a sidecar
 * restart; closing the subscription unsubscribes the streams. The USD-M perpetual BTC/USDT:USDT's book (diff
 * depth on the futures {@code /public} route, pu checked by ccxt) and aggregate trades ({@code /market}) too.
 */
class BinanceMarketDataTest {
    private static final String SYMBOL = "BTC/USDT";
    private static final String VENUE_SYMBOL = "BTCUSDT";
    private static final String PERP = "BTC/USDT:USDT";
    private static final Duration WAIT = Duration.ofSeconds(20);

    private static BinanceSimulator sim;
    private CcxtAdapter adapter;
    private MarketDataRecorder got;
    private MarketDataSubscription subscription;

    @BeforeAll
    static void startSimulator() throws InterruptedException {
        sim = SimSupport.binance();
    }

    @AfterAll
    static void stopSimulator() {
        sim.close();
    }

    @BeforeEach
    void subscribe() {
        Map<String, Object> venue = new LinkedHashMap<>(SimSupport.binanceVenue(sim));
        venue.put("streamSymbols", List.of(SYMBOL, PERP)); // the perpetual's orders are followed too
        adapter = SimSupport.adapter("binance-sim", venue);
        adapter.subscribe(e -> { });
        answer(adapter.connect());
        got = new MarketDataRecorder();
        subscription = adapter.subscribeMarketData(SYMBOL, got);
        awaitSameBookAsTheSimulator();
    }

    @AfterEach
    void stop() {
        subscription.close();
        adapter.close();
    }

    private MarketControl market() {
        return sim.spotMarket();
    }

    private List<String> simulatorBook() {
        return SimSupport.bookLines(market().book(VENUE_SYMBOL, adapter.maxBookDepth()));
    }

    private void awaitSameBookAsTheSimulator() {
        got.awaitLastBook(WAIT, this::simulatorBook);
    }

    /** After an interruption at or after {@code from}, a resynced book equal to the simulator's. */
    private BookInterrupted awaitInterruptionThenResyncedBook(int from) {
        return got.awaitInterruptionThenResyncedBook(from, WAIT, this::simulatorBook);
    }

    @Test
    void theBookIsTheSimulatorsAsTheMarketMoves() {
        assertThat(adapter.maxBookDepth()).isEqualTo(100);
        assertThat(got.events().get(0)).isInstanceOfSatisfying(BookSnapshot.class, b -> {
            assertThat(b.resynced()).isTrue();
            assertThat(b.bids().size()).isBetween(1, 100);
        });
        assertThat(market().streamSubscriptions()).contains("btcusdt@depth@100ms", "btcusdt@trade");
        int before = got.size();

        market().moveMid(VENUE_SYMBOL, 500);
        awaitSameBookAsTheSimulator();
        market().moveMid(VENUE_SYMBOL, -1200);
        awaitSameBookAsTheSimulator();

        assertThat(got.since(before)).as("the market moved: new books, no interruption")
                .anyMatch(e -> e instanceof BookSnapshot b && !b.resynced())
                .noneMatch(e -> e instanceof BookInterrupted);
    }

    @Test
    void aForcedGapIsAnInterruptionThenAResyncedBookEqualToTheSimulators() {
        int before = got.size();
        try (LogCapture log = new LogCapture()) {
            long published = market().lastBookUpdateId(VENUE_SYMBOL);
            market().dropNextBookUpdate(VENUE_SYMBOL);
            market().moveMid(VENUE_SYMBOL, 100); // this update is sequenced and dropped
            await().atMost(WAIT).until(() -> market().lastBookUpdateId(VENUE_SYMBOL) > published);
            market().moveMid(VENUE_SYMBOL, 100); // the next one's U is not the previous u + 1

            BookInterrupted gap = awaitInterruptionThenResyncedBook(before);

            assertThat(gap.symbol()).isEqualTo(SYMBOL);
            assertThat(gap.reason()).startsWith("sequence gap: ChecksumError: binance");
            assertThat(got.since(before)).filteredOn(e -> e instanceof BookInterrupted).as("one interruption").hasSize(1);
            await().atMost(WAIT).untilAsserted(() -> assertThat(log.lines())
                    .anyMatch(l -> l.startsWith("INFO") && l.contains("book of BTC/USDT interrupted: sequence gap"))
                    .anyMatch(l -> l.startsWith("INFO") && l.contains("book of BTC/USDT resynced")));
        }
        market().moveMid(VENUE_SYMBOL, -200);
        awaitSameBookAsTheSimulator();
    }

    @Test
    void droppedStreamsAreAnInterruptionThenAResyncedBook() {
        int before = got.size();

        sim.faults().dropMarketStreams();

        BookInterrupted lost = awaitInterruptionThenResyncedBook(before);
        assertThat(lost.reason()).isNotBlank();
        market().moveMid(VENUE_SYMBOL, -300);
        awaitSameBookAsTheSimulator();
    }

    @Test
    void aSidecarRestartIsAnInterruptionThenAResyncedBookFromTheNewSidecar() {
        int before = got.size();
        long pid = adapter.sidecarPid();

        ProcessHandle.of(pid).orElseThrow().destroyForcibly();

        BookInterrupted stopped = awaitInterruptionThenResyncedBook(before);
        assertThat(stopped.reason()).startsWith("the ccxt sidecar stopped");
        assertThat(adapter.sidecarPid()).isNotEqualTo(pid);
        market().moveMid(VENUE_SYMBOL, 200);
        awaitSameBookAsTheSimulator();
    }

    @Test
    void closingTheSubscriptionUnsubscribesTheStreams() {
        subscription.close();
        MarketDataRecorder closed = got;
        int seen = closed.size();

        await().atMost(WAIT).untilAsserted(() -> assertThat(market().streamSubscriptions())
                .doesNotContain("btcusdt@depth@100ms", "btcusdt@trade"));
        market().moveMid(VENUE_SYMBOL, 100);
        assertThat(adapter.marketDataSymbols()).isEmpty();

        MarketDataRecorder again = new MarketDataRecorder();
        subscription = adapter.subscribeMarketData(SYMBOL, again);
        got = again;
        awaitSameBookAsTheSimulator();
        assertThat(again.events().get(0)).isInstanceOfSatisfying(BookSnapshot.class, b ->
                assertThat(b.resynced()).isTrue());
        assertThat(closed.size()).as("nothing is delivered after close").isEqualTo(seen);
    }

    @Test
    void aUsdmPerpetualsBookIsTheSimulatorsAndItsAggregateTradesCome() {
        MarketControl futures = sim.futuresMarket();
        MarketDataRecorder perp = new MarketDataRecorder();
        MarketDataSubscription s = adapter.subscribeMarketData(PERP, perp);
        try {
            await().atMost(WAIT).untilAsserted(() -> assertThat(perp.lastBook()).isNotNull()
                    .satisfies(b -> assertThat(MarketDataRecorder.lines(b))
                            .isEqualTo(SimSupport.bookLines(futures.book(VENUE_SYMBOL, adapter.maxBookDepth())))));
            futures.moveMid(VENUE_SYMBOL, 300);
            await().atMost(WAIT).untilAsserted(() -> assertThat(MarketDataRecorder.lines(perp.lastBook()))
                    .isEqualTo(SimSupport.bookLines(futures.book(VENUE_SYMBOL, adapter.maxBookDepth()))));

            OrderRequest buy = Orders.limit(PERP, Side.BUY, "0.010", futures.top(VENUE_SYMBOL).ask().toPlainString());
            answer(adapter.submit(buy));

            await().atMost(WAIT).untilAsserted(() -> assertThat(perp.events()).filteredOn(e -> e instanceof MarketTrade)
                    .isNotEmpty().allSatisfy(e -> {
                        MarketTrade t = (MarketTrade) e;
                        assertThat(t.symbol()).isEqualTo(PERP);
                        assertThat(t.aggressor()).isEqualTo(Side.BUY);
                        assertThat(t.quantity()).isEqualByComparingTo("0.010");
                    }));
            assertThat(perp.events()).noneMatch(e -> e instanceof BookInterrupted);
            assertThat(got.events()).as("the spot subscription hears nothing of the perpetual")
                    .allSatisfy(e -> assertThat(e.symbol()).isEqualTo(SYMBOL));
        } finally {
            s.close();
        }
        await().atMost(WAIT).untilAsserted(() -> assertThat(futures.streamSubscriptions())
                .doesNotContain("btcusdt@depth@100ms", "btcusdt@aggTrade"));
    }
}

package io.fixbridge.venue.ccxt;

import io.fixbridge.sims.bybit.BybitSimulator;
import io.fixbridge.sims.bybit.MarketControl;
import io.fixbridge.testkit.LogCapture;
import io.fixbridge.testkit.marketdata.MarketDataRecorder;
import io.fixbridge.venue.BookInterrupted;
import io.fixbridge.venue.BookSnapshot;
import io.fixbridge.venue.MarketDataSubscription;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static io.fixbridge.venue.ccxt.Orders.answer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Market data through ccxt's bybit class and the real sidecar against the Bybit simulator's public WebSocket
 * (linear BTC/USDT:USDT; bookDepth 100, so ccxt watches {@code orderbook.200.BTCUSDT}): the book the adapter
 * emits equals the simulator's ({@link MarketControl#book}) after the market moves, after a forced gap (ccxt
 * does not check Bybit's {@code u}; the sidecar does, and resubscribes for a snapshot), after a restarted book
 * stream, dropped streams and a sidecar restart; closing the subscription unsubscribes the topics.
 */
class BybitMarketDataTest {
    private static final String SYMBOL = "BTC/USDT:USDT";
    private static final String VENUE_SYMBOL = "BTCUSDT";
    private static final Duration WAIT = Duration.ofSeconds(20);

    private static BybitSimulator sim;
    private CcxtAdapter adapter;
    private MarketDataRecorder got;
    private MarketDataSubscription subscription;

    @BeforeAll
    static void startSimulator() throws InterruptedException {
        sim = SimSupport.bybit();
    }

    @AfterAll
    static void stopSimulator() {
        sim.close();
    }

    @BeforeEach
    void subscribe() {
        adapter = SimSupport.adapter("bybit-sim", SimSupport.bybitVenue(sim));
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
        return sim.linearMarket();
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
        assertThat(market().publicTopics()).contains("orderbook.200." + VENUE_SYMBOL, "publicTrade." + VENUE_SYMBOL);
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
            long published = market().book(VENUE_SYMBOL, adapter.maxBookDepth()).lastId();
            market().dropNextBookUpdate(VENUE_SYMBOL);
            market().moveMid(VENUE_SYMBOL, 100); // this update is sequenced and dropped
            await().atMost(WAIT).until(() -> market().book(VENUE_SYMBOL, adapter.maxBookDepth()).lastId() > published);
            market().moveMid(VENUE_SYMBOL, 100); // the next one shows u jump

            BookInterrupted gap = awaitInterruptionThenResyncedBook(before);

            assertThat(gap.symbol()).isEqualTo(SYMBOL);
            assertThat(gap.reason()).startsWith("sequence gap: InvalidNonce: bybit BTC/USDT:USDT orderbook update u=")
                    .contains("updates were missed");
            assertThat(got.since(before)).filteredOn(e -> e instanceof BookInterrupted).as("one interruption").hasSize(1);
            await().atMost(WAIT).untilAsserted(() -> assertThat(log.lines())
                    .anyMatch(l -> l.startsWith("INFO") && l.contains("book of BTC/USDT:USDT interrupted: sequence gap"))
                    .anyMatch(l -> l.startsWith("INFO") && l.contains("book of BTC/USDT:USDT resynced")));
        }
        market().moveMid(VENUE_SYMBOL, -200);
        awaitSameBookAsTheSimulator();
    }

    @Test
    void aRestartedBookStreamReplacesTheBookWithoutAnInterruption() {
        int before = got.size();

        assertThat(market().restartBookStreams(VENUE_SYMBOL)).contains(200);

        await().atMost(WAIT).untilAsserted(() -> assertThat(got.since(before))
                .anyMatch(e -> e instanceof BookSnapshot b && b.resynced()));
        awaitSameBookAsTheSimulator();
        assertThat(got.since(before)).noneMatch(e -> e instanceof BookInterrupted);
        market().moveMid(VENUE_SYMBOL, 300);
        awaitSameBookAsTheSimulator();
    }

    @Test
    void droppedStreamsAreAnInterruptionThenAResyncedBook() {
        int before = got.size();

        sim.faults().dropPublicStreams();

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
    void closingTheSubscriptionUnsubscribesTheTopics() {
        subscription.close();
        MarketDataRecorder closed = got;
        int seen = closed.size();

        await().atMost(WAIT).untilAsserted(() -> assertThat(market().publicTopics())
                .doesNotContain("orderbook.200." + VENUE_SYMBOL, "publicTrade." + VENUE_SYMBOL));
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
}

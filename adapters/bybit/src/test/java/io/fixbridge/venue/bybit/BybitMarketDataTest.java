package io.fixbridge.venue.bybit;

import io.fixbridge.sims.bybit.MarketControl;
import io.fixbridge.sims.common.BookFeed;
import io.fixbridge.testkit.marketdata.MarketDataRecorder;
import io.fixbridge.venue.BookInterrupted;
import io.fixbridge.venue.BookSnapshot;
import io.fixbridge.venue.MarketDataSubscription;
import io.fixbridge.venue.MarketTrade;
import io.fixbridge.venue.OrderEvent;
import io.fixbridge.venue.OrderRequest;
import io.fixbridge.venue.OrderType;
import io.fixbridge.venue.Side;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static io.fixbridge.venue.bybit.AdapterHarness.order;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Market data over sockets against the simulator's public streams: the adapter's book equals the
 * simulator's after market moves, a gap, a service restart and a dropped connection each interrupt
 * and resynchronise it, trades carry the aggressor, and closing a subscription unsubscribes.
 */
class BybitMarketDataTest {
    private static final String LINEAR = "BTC/USDT:USDT";
    private static final Duration WAIT = AdapterHarness.TIMEOUT;
    private AdapterHarness h;
    private final List<MarketDataSubscription> subscriptions = new CopyOnWriteArrayList<>();

    @AfterEach
    void close() {
        subscriptions.forEach(MarketDataSubscription::close);
        if (h != null) {
            h.close();
        }
    }

    private MarketDataRecorder subscribe(String symbol) {
        MarketDataRecorder r = new MarketDataRecorder();
        subscriptions.add(h.adapter.subscribeMarketData(symbol, r));
        return r;
    }

    private MarketControl linear() {
        return h.sim.sim.linearMarket();
    }

    /** Waits until the last book {@code r} got equals the simulator's book now, at {@code depth}. */
    static void assertSameBook(MarketDataRecorder r, MarketControl market, String venueSymbol, int depth) {
        r.awaitLastBook(WAIT, () -> simLines(market.book(venueSymbol, depth)));
    }

    /** A simulator's book as {@link MarketDataRecorder#lines} writes an adapter's. */
    static List<String> simLines(BookFeed.Snapshot book) {
        return MarketDataRecorder.bookLines(book.bids(), book.asks(), BookFeed.Level::price, BookFeed.Level::size);
    }

    @Test
    void theBookFollowsTheSimulatorThroughMarketMoves() throws Exception {
        h = new AdapterHarness(SimSupport.start(), Map.of("categories", List.of("linear")));
        assertThat(h.adapter.maxBookDepth()).isEqualTo(50);
        MarketDataRecorder r = subscribe(LINEAR);

        assertSameBook(r, linear(), "BTCUSDT", 50);
        assertThat(r.books().get(0).resynced()).as("a subscription's first book is a resync").isTrue();
        assertThat(r.books().get(0).symbol()).isEqualTo(LINEAR);
        for (long ticks : List.of(7L, -3L, 25L, -40L)) {
            int before = r.books().size();
            linear().moveMid("BTCUSDT", ticks);
            await().atMost(WAIT).until(() -> r.books().size() > before);
            assertSameBook(r, linear(), "BTCUSDT", 50);
        }
        assertThat(r.books().subList(1, r.books().size())).as("deltas continue the book")
                .noneMatch(BookSnapshot::resynced);
        assertThat(r.interruptions()).isEmpty();
        assertThat(r.lastBook().venueTime()).isAfter(java.time.Instant.now().minusSeconds(60));
        assertThat(linear().publicTopics()).containsExactly("orderbook.50.BTCUSDT", "publicTrade.BTCUSDT");
    }

    @Test
    void aGapInterruptsTheBookAndAFreshSnapshotResynchronisesIt() throws Exception {
        h = new AdapterHarness(SimSupport.start(), Map.of("categories", List.of("linear")));
        MarketDataRecorder r = subscribe(LINEAR);
        assertSameBook(r, linear(), "BTCUSDT", 50);

        linear().dropNextBookUpdate("BTCUSDT");
        await().atMost(WAIT).pollInterval(Duration.ofMillis(100)).until(() -> {
            linear().moveMid("BTCUSDT", 3);
            return !r.interruptions().isEmpty();
        });

        BookInterrupted gap = r.interruptions().get(0);
        assertThat(gap.symbol()).isEqualTo(LINEAR);
        assertThat(gap.reason()).contains("update id jumped");
        await().atMost(WAIT).until(() -> r.events().indexOf(gap) < r.events().size() - 1
                && r.events().subList(r.events().indexOf(gap), r.events().size()).stream()
                .anyMatch(e -> e instanceof BookSnapshot b && b.resynced()));
        BookSnapshot resynced = (BookSnapshot) r.events().subList(r.events().indexOf(gap), r.events().size()).stream()
                .filter(e -> e instanceof BookSnapshot).findFirst().orElseThrow();
        assertThat(resynced.resynced()).as("the first book after the gap is the resynchronised one").isTrue();
        assertSameBook(r, linear(), "BTCUSDT", 50);
        linear().moveMid("BTCUSDT", -11);
        assertSameBook(r, linear(), "BTCUSDT", 50);
        assertThat(r.interruptions()).hasSize(1);
    }

    @Test
    void aServiceRestartSnapshotReplacesTheBook() throws Exception {
        h = new AdapterHarness(SimSupport.start(), Map.of("categories", List.of("linear")));
        MarketDataRecorder r = subscribe(LINEAR);
        assertSameBook(r, linear(), "BTCUSDT", 50);
        linear().moveMid("BTCUSDT", 5);
        assertSameBook(r, linear(), "BTCUSDT", 50);

        assertThat(linear().restartBookStreams("BTCUSDT")).containsExactly(50);

        await().atMost(WAIT).until(() -> !r.interruptions().isEmpty());
        assertThat(r.interruptions().get(0).reason()).contains("restarted").contains("u=1");
        int at = r.events().indexOf(r.interruptions().get(0));
        await().atMost(WAIT).until(() -> r.events().size() > at + 1);
        assertThat(r.events().get(at + 1)).isInstanceOfSatisfying(BookSnapshot.class, b ->
                assertThat(b.resynced()).isTrue());
        linear().moveMid("BTCUSDT", 8);
        assertSameBook(r, linear(), "BTCUSDT", 50);
        assertThat(r.interruptions()).as("the deltas after u=1 continue the book").hasSize(1);
    }

    @Test
    void aDroppedConnectionInterruptsTheBookUntilTheReconnectResynchronisesIt() throws Exception {
        h = new AdapterHarness(SimSupport.start(), Map.of("categories", List.of("linear")));
        MarketDataRecorder r = subscribe(LINEAR);
        assertSameBook(r, linear(), "BTCUSDT", 50);

        h.sim.sim.faults().dropPublicStreams();

        await().atMost(WAIT).until(() -> !r.interruptions().isEmpty());
        assertThat(r.interruptions().get(0).reason()).contains("connection");
        int at = r.events().indexOf(r.interruptions().get(0));
        await().atMost(WAIT).until(() -> r.events().subList(at, r.events().size()).stream()
                .anyMatch(e -> e instanceof BookSnapshot b && b.resynced()));
        assertThat(h.adapter.publicStream(BybitCategory.LINEAR).orElseThrow().connectCount()).isEqualTo(2);
        linear().moveMid("BTCUSDT", -6);
        assertSameBook(r, linear(), "BTCUSDT", 50);
        linear().moveMid("BTCUSDT", 13);
        assertSameBook(r, linear(), "BTCUSDT", 50);
    }

    @Test
    void publicTradesCarryTheTakersSide() throws Exception {
        h = new AdapterHarness(SimSupport.start(), Map.of("categories", List.of("linear")));
        MarketDataRecorder r = subscribe(LINEAR);
        assertSameBook(r, linear(), "BTCUSDT", 50);

        OrderRequest buy = order(LINEAR, Side.BUY, OrderType.MARKET, "0.010").build();
        h.submit(buy);
        await().atMost(WAIT).until(() -> r.trades().stream().anyMatch(t -> t.aggressor() == Side.BUY));
        OrderRequest sell = order(LINEAR, Side.SELL, OrderType.MARKET, "0.004").build();
        h.submit(sell);
        await().atMost(WAIT).until(() -> r.trades().stream().anyMatch(t -> t.aggressor() == Side.SELL));

        await().atMost(WAIT).untilAsserted(() -> assertThat(h.events.fills(buy.clientOrderId())).isNotEmpty());
        OrderEvent.Fill fill = h.events.fills(buy.clientOrderId()).get(0);
        MarketTrade bought = r.trades().stream().filter(t -> t.aggressor() == Side.BUY).findFirst().orElseThrow();
        assertThat(bought.symbol()).isEqualTo(LINEAR);
        assertThat(bought.price()).isEqualByComparingTo(fill.price());
        assertThat(bought.quantity()).isEqualByComparingTo(fill.quantity());
        assertThat(bought.tradeId()).matches("[0-9a-f-]{36}");
        MarketTrade sold = r.trades().stream().filter(t -> t.aggressor() == Side.SELL).findFirst().orElseThrow();
        assertThat(sold.price()).isLessThan(bought.price());
        assertThat(sold.quantity()).isEqualByComparingTo(new BigDecimal("0.004"));
        assertThat(sold.receivedNanos()).isGreaterThan(bought.receivedNanos());
    }

    @Test
    void closingTheLastSubscriptionOfASymbolUnsubscribesIt() throws Exception {
        h = new AdapterHarness(SimSupport.start(), Map.of("categories", List.of("linear")));
        MarketDataRecorder first = subscribe(LINEAR);
        assertSameBook(first, linear(), "BTCUSDT", 50);
        MarketDataRecorder second = subscribe(LINEAR);
        await().atMost(WAIT).until(() -> !second.books().isEmpty());
        assertThat(second.books().get(0).resynced()).as("a late subscriber's first book is a resync").isTrue();

        subscriptions.get(0).close();
        int firstSeen = first.events().size();
        linear().moveMid("BTCUSDT", 4);
        assertSameBook(second, linear(), "BTCUSDT", 50);
        assertThat(first.events()).as("nothing after close").hasSize(firstSeen);
        assertThat(linear().publicTopics()).as("the other subscription keeps the topics").isNotEmpty();

        subscriptions.get(1).close();
        await().atMost(WAIT).until(() -> linear().publicTopics().isEmpty());
        int secondSeen = second.events().size();
        linear().moveMid("BTCUSDT", 4);
        h.submit(order(LINEAR, Side.BUY, OrderType.MARKET, "0.001").build());
        await().atMost(WAIT).untilAsserted(() -> assertThat(h.sim.sim.truth().orders(SimSupport.ACCOUNT)).isNotEmpty());
        assertThat(second.events()).hasSize(secondSeen);

        MarketDataRecorder again = subscribe(LINEAR);
        assertSameBook(again, linear(), "BTCUSDT", 50);
        assertThat(h.adapter.publicStream(BybitCategory.LINEAR).orElseThrow().connectCount())
                .as("one connection per category throughout").isEqualTo(1);
    }

    @Test
    void spotAndInverseBooksComeFromTheirOwnStreamsAtTheConfiguredDepth() throws Exception {
        h = new AdapterHarness(SimSupport.start(), Map.of("bookDepth", 200));
        assertThat(h.adapter.maxBookDepth()).isEqualTo(200);
        MarketDataRecorder spot = subscribe("BTC/USDT");
        MarketDataRecorder inverse = subscribe("BTC/USD:BTC");
        MarketDataRecorder eth = subscribe("ETH/USDT");

        assertSameBook(spot, h.sim.sim.spotMarket(), "BTCUSDT", 200);
        assertSameBook(inverse, h.sim.sim.inverseMarket(), "BTCUSD", 200);
        assertSameBook(eth, h.sim.sim.spotMarket(), "ETHUSDT", 200);
        h.sim.sim.inverseMarket().moveMid("BTCUSD", -9);
        h.sim.sim.spotMarket().moveMid("ETHUSDT", 12);
        assertSameBook(inverse, h.sim.sim.inverseMarket(), "BTCUSD", 200);
        assertSameBook(eth, h.sim.sim.spotMarket(), "ETHUSDT", 200);
        assertThat(h.sim.sim.spotMarket().publicTopics()).containsExactlyInAnyOrder("orderbook.200.BTCUSDT",
                "publicTrade.BTCUSDT", "orderbook.200.ETHUSDT", "publicTrade.ETHUSDT");
        assertThat(h.sim.sim.inverseMarket().publicTopics()).containsExactlyInAnyOrder("orderbook.200.BTCUSD",
                "publicTrade.BTCUSD");
        assertThat(spot.books()).allSatisfy(b -> assertThat(b.symbol()).isEqualTo("BTC/USDT"));
        assertThat(h.adapter.publicStream(BybitCategory.LINEAR)).as("no linear subscription, no connection").isEmpty();
    }
}

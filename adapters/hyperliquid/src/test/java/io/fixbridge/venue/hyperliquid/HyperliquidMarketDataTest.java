package io.fixbridge.venue.hyperliquid;

import io.fixbridge.sims.common.BookFeed;
import io.fixbridge.sims.hyperliquid.MarketControl;
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

import static io.fixbridge.venue.hyperliquid.Harness.limit;
import static io.fixbridge.venue.hyperliquid.Harness.order;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Market data over sockets against the simulator's l2Book and trades channels: the adapter's book equals
 * the simulator's after market moves and resting orders, a dropped l2Book is no gap, a dropped connection
 * interrupts and resynchronises the book, trades carry the aggressor, one upstream l2Book per coin is
 * shared with the mids of market orders on one connection, and closing a subscription unsubscribes.
 */
class HyperliquidMarketDataTest {
    private static final String BTC = "BTC/USDC:USDC";
    private static final Duration WAIT = Harness.TIMEOUT;
    private Harness h;
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

    private MarketControl market() {
        return h.sim.sim.market();
    }

    static void assertSameBook(MarketDataRecorder r, MarketControl market, String coin) {
        r.awaitLastBook(WAIT, () -> simLines(market.book(coin, 20)));
    }

    /** A simulator's book as {@link MarketDataRecorder#lines} writes an adapter's. */
    static List<String> simLines(BookFeed.Snapshot book) {
        return MarketDataRecorder.bookLines(book.bids(), book.asks(), BookFeed.Level::price, BookFeed.Level::size);
    }

    private void startOn(SimSupport sim) {
        h = new Harness(sim, sim.settings(Map.of()));
    }

    @Test
    void theBookFollowsTheSimulatorThroughMovesAndRestingOrders() throws Exception {
        startOn(SimSupport.start());
        assertThat(h.adapter.maxBookDepth()).isEqualTo(20);
        MarketDataRecorder r = subscribe(BTC);

        assertSameBook(r, market(), "BTC");
        assertThat(r.books().get(0).resynced()).isTrue();
        assertThat(r.books().get(0).symbol()).isEqualTo(BTC);
        for (String mid : List.of("60500", "59800", "61200")) {
            int before = r.books().size();
            market().moveMid("BTC", mid);
            await().atMost(WAIT).until(() -> r.books().size() > before);
            assertSameBook(r, market(), "BTC");
        }
        h.submit(limit(BTC, Side.BUY, "0.5", "55000").build());
        await().atMost(WAIT).until(() -> MarketDataRecorder.lines(r.lastBook().bids()).contains("55000 x 0.5"));
        assertSameBook(r, market(), "BTC");
        assertThat(r.books().subList(1, r.books().size())).noneMatch(BookSnapshot::resynced);
        assertThat(r.interruptions()).isEmpty();
        assertThat(r.lastBook().bids().size()).isLessThanOrEqualTo(20);
    }

    @Test
    void aDroppedBookIsNoGapTheNextOneIsWhole() throws Exception {
        startOn(SimSupport.start());
        MarketDataRecorder r = subscribe("ETH/USDC:USDC");
        assertSameBook(r, market(), "ETH");
        int before = r.books().size();

        market().dropNextBookUpdate("ETH");
        market().moveMid("ETH", "3050");
        market().moveMid("ETH", "2975");

        assertSameBook(r, market(), "ETH");
        assertThat(r.books()).as("the first move's book never came").hasSize(before + 1);
        assertThat(r.interruptions()).isEmpty();
        assertThat(r.lastBook().resynced()).isFalse();
    }

    @Test
    void aDroppedConnectionInterruptsTheBookUntilTheReconnectResynchronisesIt() throws Exception {
        startOn(SimSupport.start());
        MarketDataRecorder r = subscribe(BTC);
        assertSameBook(r, market(), "BTC");

        h.sim.sim.faults().dropStreams();

        await().atMost(WAIT).until(() -> !r.interruptions().isEmpty());
        BookInterrupted interrupted = r.interruptions().get(0);
        assertThat(interrupted.symbol()).isEqualTo(BTC);
        assertThat(interrupted.reason()).contains("connection");
        int at = r.events().indexOf(interrupted);
        await().atMost(WAIT).until(() -> r.events().subList(at, r.events().size()).stream()
                .anyMatch(e -> e instanceof BookSnapshot b && b.resynced()));
        assertThat(h.adapter.marketStream().connectCount()).isEqualTo(2);
        market().moveMid("BTC", "60700");
        assertSameBook(r, market(), "BTC");
        market().moveMid("BTC", "60300");
        assertSameBook(r, market(), "BTC");
        assertThat(r.interruptions()).hasSize(1);
    }

    @Test
    void tradesCarryTheTakersSide() throws Exception {
        startOn(SimSupport.start());
        MarketDataRecorder r = subscribe(BTC);
        assertSameBook(r, market(), "BTC");
        await().atMost(WAIT).until(() -> market().subscribers("trades", "BTC") == 1);

        OrderRequest buy = limit(BTC, Side.BUY, "0.002", "60010").build();
        h.submit(buy);
        await().atMost(WAIT).until(() -> r.trades().stream().anyMatch(t -> t.aggressor() == Side.BUY));
        OrderRequest sell = limit(BTC, Side.SELL, "0.001", "59990").build();
        h.submit(sell);
        await().atMost(WAIT).until(() -> r.trades().stream().anyMatch(t -> t.aggressor() == Side.SELL));

        await().atMost(WAIT).untilAsserted(() -> assertThat(h.events.fills(buy.clientOrderId())).isNotEmpty());
        OrderEvent.Fill fill = h.events.fills(buy.clientOrderId()).get(0);
        MarketTrade bought = r.trades().stream().filter(t -> t.aggressor() == Side.BUY).findFirst().orElseThrow();
        assertThat(bought.symbol()).isEqualTo(BTC);
        assertThat(bought.price()).isEqualByComparingTo(fill.price());
        assertThat(bought.quantity()).isEqualByComparingTo("0.002");
        assertThat(bought.tradeId()).matches("\\d+");
        MarketTrade sold = r.trades().stream().filter(t -> t.aggressor() == Side.SELL).findFirst().orElseThrow();
        assertThat(sold.price()).isLessThan(bought.price());
        assertThat(sold.quantity()).isEqualByComparingTo(new BigDecimal("0.001"));
        assertThat(r.trades()).extracting(MarketTrade::tradeId).doesNotHaveDuplicates();
    }

    @Test
    void oneL2BookPerCoinIsSharedWithTheMidsOfMarketOrdersOnOneConnection() throws Exception {
        startOn(SimSupport.start());
        h.submit(order(BTC, Side.BUY, OrderType.MARKET, "0.001").build());
        await().atMost(WAIT).until(() -> market().subscribers("l2Book", "BTC") == 1);

        MarketDataRecorder r = subscribe(BTC);
        await().atMost(WAIT).until(() -> market().subscribers("trades", "BTC") == 1);
        assertSameBook(r, market(), "BTC");
        assertThat(r.books().get(0).resynced()).as("a book streaming already goes out at once, as a resync").isTrue();
        assertThat(market().subscribers("l2Book", "BTC")).as("one upstream l2Book").isEqualTo(1);
        assertThat(h.sim.sim.truth().openConnections()).as("one account stream, allMids and one market data stream")
                .isEqualTo(3);

        subscriptions.remove(0).close();
        await().atMost(WAIT).until(() -> market().subscribers("trades", "BTC") == 0);
        assertThat(market().subscribers("l2Book", "BTC")).as("the mids keep the book").isEqualTo(1);
        h.submit(order(BTC, Side.SELL, OrderType.MARKET, "0.001").build());
        assertThat(h.adapter.marketStream().connectCount()).isEqualTo(1);
    }

    @Test
    void closingTheLastSubscriptionUnsubscribesAndStopsItsEvents() throws Exception {
        startOn(SimSupport.start());
        MarketDataRecorder first = subscribe("SOL/USDC:USDC");
        assertSameBook(first, market(), "SOL");
        MarketDataRecorder second = subscribe("SOL/USDC:USDC");
        await().atMost(WAIT).until(() -> !second.books().isEmpty());
        assertThat(second.books().get(0).resynced()).isTrue();

        subscriptions.get(0).close();
        int firstSeen = first.events().size();
        market().moveMid("SOL", "151");
        assertSameBook(second, market(), "SOL");
        assertThat(first.events()).as("nothing after close").hasSize(firstSeen);

        subscriptions.get(1).close();
        await().atMost(WAIT).until(() -> market().subscribers("l2Book", "SOL") == 0
                && market().subscribers("trades", "SOL") == 0);
        int secondSeen = second.events().size();
        market().moveMid("SOL", "149");
        MarketDataRecorder again = subscribe("SOL/USDC:USDC");
        assertSameBook(again, market(), "SOL");
        assertThat(second.events()).hasSize(secondSeen);
    }
}

package io.fixbridge.venue.binance;

import io.fixbridge.sims.binance.MarketControl;
import io.fixbridge.sims.common.BookFeed;
import io.fixbridge.venue.BookInterrupted;
import io.fixbridge.venue.BookSnapshot;
import io.fixbridge.venue.MarketDataEvent;
import io.fixbridge.venue.MarketDataSubscription;
import io.fixbridge.venue.MarketTrade;
import io.fixbridge.venue.OrderEvent;
import io.fixbridge.venue.OrderRequest;
import io.fixbridge.venue.PriceLevel;
import io.fixbridge.venue.Side;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@link BinanceAdapter#subscribeMarketData} against the simulator over real sockets, spot and
 * USD-M futures: the emitted book is the simulator's book after every move, a withheld update or a
 * dropped stream is an interruption followed by a resynced book equal to the simulator's, events
 * that arrive while the snapshot is on its way are applied on top of it, trades carry their id,
 * price, quantity and taker side, closing unsubscribes upstream, and subscribing and closing in
 * bursts stays within Binance's message limit.
 */
class BinanceMarketDataTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private AdapterHarness h;

    @BeforeEach
    void start() throws Exception {
        h = new AdapterHarness(SimSupport.start(), Map.of());
    }

    @AfterEach
    void stop() {
        h.close();
    }

    /** What one subscription received. */
    private static final class Recorded {
        final List<MarketDataEvent> events = new CopyOnWriteArrayList<>();

        List<BookSnapshot> books() {
            return events.stream().filter(e -> e instanceof BookSnapshot).map(e -> (BookSnapshot) e).toList();
        }

        BookSnapshot latest() {
            List<BookSnapshot> books = books();
            return books.isEmpty() ? null : books.get(books.size() - 1);
        }

        List<MarketTrade> trades() {
            return events.stream().filter(e -> e instanceof MarketTrade).map(e -> (MarketTrade) e).toList();
        }

        long interruptions() {
            return events.stream().filter(e -> e instanceof BookInterrupted).count();
        }
    }

    private Recorded subscribe(String symbol, List<MarketDataSubscription> into) {
        Recorded r = new Recorded();
        into.add(h.adapter.subscribeMarketData(symbol, r.events::add));
        return r;
    }

    private MarketControl market(String symbol) {
        return symbol.endsWith(":USDT") ? h.sim.sim.futuresMarket() : h.sim.sim.spotMarket();
    }

    private static String venueSymbol(String symbol) {
        return symbol.substring(0, symbol.contains(":") ? symbol.indexOf(':') : symbol.length()).replace("/", "");
    }

    /** Waits until the last book {@code r} got is the simulator's book now, level for level. */
    private void awaitSameBook(Recorded r, String symbol) {
        await().atMost(WAIT).untilAsserted(() -> {
            BookFeed.Snapshot truth = market(symbol).book(venueSymbol(symbol), h.adapter.maxBookDepth());
            BookSnapshot mine = r.latest();
            assertThat(mine).isNotNull();
            assertThat(levels(mine.bids())).as("bids").isEqualTo(truthLevels(truth.bids()));
            assertThat(levels(mine.asks())).as("asks").isEqualTo(truthLevels(truth.asks()));
        });
    }

    private static List<String> levels(List<PriceLevel> levels) {
        List<String> out = new ArrayList<>();
        levels.forEach(l -> out.add(l.price().stripTrailingZeros().toPlainString() + "x"
                + l.size().stripTrailingZeros().toPlainString()));
        return out;
    }

    private static List<String> truthLevels(List<BookFeed.Level> levels) {
        List<String> out = new ArrayList<>();
        levels.forEach(l -> out.add(l.price().stripTrailingZeros().toPlainString() + "x"
                + l.size().stripTrailingZeros().toPlainString()));
        return out;
    }

    /** Moves the mid and waits until the simulator's depth streams have sequenced the change. */
    private void moveAndSequence(String symbol, long ticks) {
        MarketControl m = market(symbol);
        long before = m.lastBookUpdateId(venueSymbol(symbol));
        m.moveMid(venueSymbol(symbol), ticks);
        await().atMost(WAIT).until(() -> m.lastBookUpdateId(venueSymbol(symbol)) > before);
    }

    private void followsTheMarket(String symbol, String restingPrice) {
        List<MarketDataSubscription> subs = new ArrayList<>();
        Recorded r = subscribe(symbol, subs);
        await().atMost(WAIT).until(() -> r.latest() != null);
        assertThat(r.books().get(0).resynced()).isTrue();
        assertThat(r.books().get(0).symbol()).isEqualTo(symbol);
        awaitSameBook(r, symbol);
        for (long move : List.of(3L, -2L, 7L, -4L)) {
            market(symbol).moveMid(venueSymbol(symbol), move);
            awaitSameBook(r, symbol);
        }
        OrderRequest resting = AdapterHarness.limit(symbol, Side.BUY, symbol.contains(":") ? "0.010" : "0.01",
                restingPrice).build();
        h.submit(resting);
        awaitSameBook(r, symbol);
        assertThat(r.latest().bids()).extracting(PriceLevel::price).anyMatch(p -> p.compareTo(
                new java.math.BigDecimal(restingPrice)) == 0);
        assertThat(r.books().stream().skip(1).noneMatch(BookSnapshot::resynced)).isTrue();
        assertThat(r.interruptions()).isZero();
        assertThat(r.latest().bids().size()).isLessThanOrEqualTo(h.adapter.maxBookDepth());
        subs.forEach(MarketDataSubscription::close);
    }

    @Test
    void theSpotBookIsTheSimulatorsBookAfterEveryMove() {
        followsTheMarket("BTC/USDT", "59990.00");
    }

    @Test
    void theFuturesBookIsTheSimulatorsBookAfterEveryMove() {
        followsTheMarket("BTC/USDT:USDT", "59990.0");
    }

    private void aWithheldUpdateIsAGapThenAResync(String symbol) {
        List<MarketDataSubscription> subs = new ArrayList<>();
        Recorded r = subscribe(symbol, subs);
        awaitSameBook(r, symbol);
        moveAndSequence(symbol, 2);
        awaitSameBook(r, symbol);
        int before = r.events.size();
        market(symbol).dropNextBookUpdate(venueSymbol(symbol));
        moveAndSequence(symbol, -3);
        moveAndSequence(symbol, 5);
        await().atMost(WAIT).until(() -> r.interruptions() == 1);
        List<MarketDataEvent> after = r.events.subList(before, r.events.size());
        int gapAt = indexOf(after, BookInterrupted.class);
        BookInterrupted gap = (BookInterrupted) after.get(gapAt);
        assertThat(gap.symbol()).isEqualTo(symbol);
        assertThat(gap.reason()).contains("does not follow");
        await().atMost(WAIT).until(() -> r.events.subList(before, r.events.size()).stream()
                .anyMatch(e -> e instanceof BookSnapshot b && b.resynced()));
        awaitSameBook(r, symbol);
        List<MarketDataEvent> all = r.events.subList(before, r.events.size());
        int resyncAt = -1;
        for (int i = 0; i < all.size(); i++) {
            if (all.get(i) instanceof BookSnapshot b && b.resynced()) {
                resyncAt = i;
                break;
            }
        }
        assertThat(resyncAt).as("the resynced book follows the interruption").isGreaterThan(gapAt);
        moveAndSequence(symbol, 1);
        awaitSameBook(r, symbol);
        assertThat(r.interruptions()).isEqualTo(1);
        subs.forEach(MarketDataSubscription::close);
    }

    private static int indexOf(List<MarketDataEvent> events, Class<?> type) {
        for (int i = 0; i < events.size(); i++) {
            if (type.isInstance(events.get(i))) {
                return i;
            }
        }
        return -1;
    }

    @Test
    void aSpotGapInterruptsAndResyncs() {
        aWithheldUpdateIsAGapThenAResync("BTC/USDT");
    }

    @Test
    void aFuturesGapInterruptsAndResyncs() {
        aWithheldUpdateIsAGapThenAResync("BTC/USDT:USDT");
    }

    private void movesDuringTheSnapshotFetchApplyOnTop(String symbol) {
        List<MarketDataSubscription> subs = new ArrayList<>();
        h.sim.sim.faults().latency(Duration.ofMillis(2000));
        Recorded r = subscribe(symbol, subs);
        await().atMost(WAIT).until(() -> market(symbol).streamSubscriptions()
                .contains(MarketStreams.depthStream(venueSymbol(symbol))));
        moveAndSequence(symbol, 4);
        moveAndSequence(symbol, -1);
        assertThat(r.events).as("the snapshot is still on its way").isEmpty();
        h.sim.sim.faults().latency(Duration.ZERO);
        await().atMost(WAIT).until(() -> r.latest() != null);
        assertThat(r.books().get(0).resynced()).isTrue();
        awaitSameBook(r, symbol);
        moveAndSequence(symbol, 2);
        awaitSameBook(r, symbol);
        assertThat(r.interruptions()).isZero();
        subs.forEach(MarketDataSubscription::close);
    }

    @Test
    void spotEventsBufferedWhileTheSnapshotIsFetchedApplyOnTop() {
        movesDuringTheSnapshotFetchApplyOnTop("BTC/USDT");
    }

    @Test
    void futuresEventsBufferedWhileTheSnapshotIsFetchedApplyOnTop() {
        movesDuringTheSnapshotFetchApplyOnTop("BTC/USDT:USDT");
    }

    @Test
    void spotTradesCarryTheTradeIdPriceQuantityAndTaker() {
        List<MarketDataSubscription> subs = new ArrayList<>();
        Recorded r = subscribe("BTC/USDT", subs);
        await().atMost(WAIT).until(() -> h.sim.sim.spotMarket().streamSubscriptions().contains("btcusdt@trade"));
        OrderRequest buy = AdapterHarness.limit("BTC/USDT", Side.BUY, "0.01", "60010.00").build();
        h.submit(buy);
        await().atMost(WAIT).until(() -> h.filled(buy.clientOrderId()).signum() > 0);
        OrderEvent.Fill fill = h.events.fills(buy.clientOrderId()).get(0);
        await().atMost(WAIT).until(() -> r.trades().stream().anyMatch(t -> t.tradeId().equals(fill.tradeId())));
        MarketTrade t = r.trades().stream().filter(x -> x.tradeId().equals(fill.tradeId())).findFirst().orElseThrow();
        assertThat(t.symbol()).isEqualTo("BTC/USDT");
        assertThat(t.price()).isEqualByComparingTo(fill.price());
        assertThat(t.quantity()).isEqualByComparingTo(fill.quantity());
        assertThat(t.aggressor()).isEqualTo(Side.BUY);
        assertThat(t.receivedNanos()).isPositive();

        OrderRequest sell = AdapterHarness.limit("BTC/USDT", Side.SELL, "0.02", "59000.00").build();
        h.submit(sell);
        await().atMost(WAIT).until(() -> h.filled(sell.clientOrderId()).signum() > 0);
        String sold = h.events.fills(sell.clientOrderId()).get(0).tradeId();
        await().atMost(WAIT).until(() -> r.trades().stream().anyMatch(x -> x.tradeId().equals(sold)));
        assertThat(r.trades().stream().filter(x -> x.tradeId().equals(sold)).findFirst().orElseThrow().aggressor())
                .isEqualTo(Side.SELL);
        subs.forEach(MarketDataSubscription::close);
    }

    @Test
    void futuresAggregateTradesCarryPriceQuantityAndTaker() {
        List<MarketDataSubscription> subs = new ArrayList<>();
        Recorded r = subscribe("BTC/USDT:USDT", subs);
        await().atMost(WAIT).until(() -> h.sim.sim.futuresMarket().streamSubscriptions().contains("btcusdt@aggTrade"));
        OrderRequest sell = AdapterHarness.order("BTC/USDT:USDT", Side.SELL, io.fixbridge.venue.OrderType.MARKET,
                "0.004").build();
        h.submit(sell);
        await().atMost(WAIT).until(() -> h.filled(sell.clientOrderId()).signum() > 0);
        OrderEvent.Fill fill = h.events.fills(sell.clientOrderId()).get(0);
        await().atMost(WAIT).until(() -> !r.trades().isEmpty());
        MarketTrade t = r.trades().get(0);
        assertThat(t.symbol()).isEqualTo("BTC/USDT:USDT");
        assertThat(t.tradeId()).matches("\\d+");
        assertThat(t.price()).isEqualByComparingTo(fill.price());
        assertThat(t.quantity()).isEqualByComparingTo(fill.quantity());
        assertThat(t.aggressor()).isEqualTo(Side.SELL);
        subs.forEach(MarketDataSubscription::close);
    }

    @Test
    void closingTheLastSubscriptionOfASymbolUnsubscribesItUpstream() {
        List<MarketDataSubscription> subs = new ArrayList<>();
        Recorded btc = subscribe("BTC/USDT", subs);
        Recorded eth = subscribe("ETH/USDT", subs);
        Recorded perp = subscribe("BTC/USDT:USDT", subs);
        awaitSameBook(btc, "BTC/USDT");
        awaitSameBook(eth, "ETH/USDT");
        awaitSameBook(perp, "BTC/USDT:USDT");
        assertThat(h.sim.sim.spotMarket().streamSubscriptions()).containsExactly("btcusdt@depth@100ms",
                "btcusdt@trade", "ethusdt@depth@100ms", "ethusdt@trade");
        assertThat(h.sim.sim.spotMarket().streamConnections()).as("one spot connection for every symbol").isOne();
        assertThat(h.sim.sim.futuresMarket().streamSubscriptions()).containsExactly("btcusdt@aggTrade",
                "btcusdt@depth@100ms");
        assertThat(h.sim.sim.futuresMarket().streamConnections()).as("futures: /public and /market").isEqualTo(2);

        subs.get(0).close();
        int seen = btc.events.size();
        await().atMost(WAIT).until(() -> h.sim.sim.spotMarket().streamSubscriptions()
                .equals(List.of("ethusdt@depth@100ms", "ethusdt@trade")));
        h.sim.sim.spotMarket().moveMid("BTCUSDT", 3);
        moveAndSequence("ETH/USDT", 3);
        awaitSameBook(eth, "ETH/USDT");
        assertThat(btc.events).as("nothing after close").hasSize(seen);
        subs.get(1).close();
        subs.get(2).close();
        await().atMost(WAIT).until(() -> h.sim.sim.spotMarket().streamSubscriptions().isEmpty()
                && h.sim.sim.futuresMarket().streamSubscriptions().isEmpty());
        subs.get(1).close();
    }

    @Test
    void aDroppedStreamInterruptsTheBookAndTheReconnectResyncsIt() {
        List<MarketDataSubscription> subs = new ArrayList<>();
        Recorded spot = subscribe("BTC/USDT", subs);
        Recorded perp = subscribe("BTC/USDT:USDT", subs);
        awaitSameBook(spot, "BTC/USDT");
        awaitSameBook(perp, "BTC/USDT:USDT");
        h.sim.sim.faults().dropMarketStreams();
        await().atMost(WAIT).until(() -> spot.interruptions() == 1 && perp.interruptions() == 1);
        assertThat(spot.events.stream().filter(e -> e instanceof BookInterrupted).findFirst().orElseThrow())
                .extracting(e -> ((BookInterrupted) e).reason()).asString().contains("depth stream dropped");
        moveAndSequence("BTC/USDT", -2);
        await().atMost(WAIT).until(() -> spot.books().stream().filter(BookSnapshot::resynced).count() == 2
                && perp.books().stream().filter(BookSnapshot::resynced).count() == 2);
        awaitSameBook(spot, "BTC/USDT");
        awaitSameBook(perp, "BTC/USDT:USDT");
        OrderRequest buy = AdapterHarness.limit("BTC/USDT", Side.BUY, "0.01", "60100.00").build();
        h.submit(buy);
        await().atMost(WAIT).until(() -> !spot.trades().isEmpty());
        subs.forEach(MarketDataSubscription::close);
    }

    @Test
    void burstsOfSubscribeAndCloseStayWithinBinancesMessageLimit() {
        List<MarketDataSubscription> subs = new ArrayList<>();
        Recorded btc = subscribe("BTC/USDT", subs);
        awaitSameBook(btc, "BTC/USDT");
        for (int i = 0; i < 12; i++) {
            MarketDataSubscription s = h.adapter.subscribeMarketData("ETH/USDT", e -> { });
            if (i % 3 == 0) {
                await().atMost(WAIT).until(() -> h.sim.sim.spotMarket().streamSubscriptions()
                        .contains("ethusdt@depth@100ms"));
            }
            s.close();
        }
        Recorded eth = subscribe("ETH/USDT", subs);
        awaitSameBook(eth, "ETH/USDT");
        moveAndSequence("BTC/USDT", 1);
        awaitSameBook(btc, "BTC/USDT");
        assertThat(btc.interruptions()).as("the connection was never cut for sending too much").isZero();
        assertThat(h.sim.sim.spotMarket().streamConnections()).isOne();
        assertThat(h.sim.sim.spotMarket().streamSubscriptions()).containsExactly("btcusdt@depth@100ms",
                "btcusdt@trade", "ethusdt@depth@100ms", "ethusdt@trade");
        subs.forEach(MarketDataSubscription::close);
    }

    @Test
    void aSecondSubscriptionOfALiveSymbolStartsWithTheCurrentBook() {
        List<MarketDataSubscription> subs = new ArrayList<>();
        Recorded first = subscribe("BTC/USDT:USDT", subs);
        awaitSameBook(first, "BTC/USDT:USDT");
        Recorded second = subscribe("BTC/USDT:USDT", subs);
        await().atMost(WAIT).until(() -> second.latest() != null);
        assertThat(second.books().get(0).resynced()).isTrue();
        assertThat(second.books().get(0).bids()).isEqualTo(first.latest().bids());
        subs.get(0).close();
        moveAndSequence("BTC/USDT:USDT", 6);
        awaitSameBook(second, "BTC/USDT:USDT");
        assertThat(h.sim.sim.futuresMarket().streamSubscriptions()).contains("btcusdt@depth@100ms");
        subs.get(1).close();
    }

    @Test
    void aDepthConnectionTheAdapterDropsItselfIsRebuiltToo() {
        List<MarketDataSubscription> subs = new ArrayList<>();
        Recorded r = subscribe("ETH/USDT", subs);
        awaitSameBook(r, "ETH/USDT");
        h.adapter.dropDepthStream(BinanceMarket.SPOT, "test");
        await().atMost(WAIT).until(() -> r.interruptions() == 1 && r.books().stream().filter(BookSnapshot::resynced)
                .count() == 2);
        awaitSameBook(r, "ETH/USDT");
        subs.forEach(MarketDataSubscription::close);
    }
}

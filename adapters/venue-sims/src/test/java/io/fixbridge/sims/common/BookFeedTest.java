package io.fixbridge.sims.common;

import io.fixbridge.venue.Instrument;
import io.fixbridge.venue.MarketType;
import io.fixbridge.venue.OrderRequest;
import io.fixbridge.venue.RejectReason;
import io.fixbridge.venue.TradingStatus;
import io.fixbridge.venue.paper.engine.BookLevel;
import io.fixbridge.venue.paper.engine.EngineListener;
import io.fixbridge.venue.paper.engine.Execution;
import io.fixbridge.venue.paper.engine.OrderView;
import io.fixbridge.venue.paper.engine.MatchingEngine;
import io.fixbridge.venue.paper.engine.OrderBook;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@link BookFeed} on a real paper engine book: sequencing (ids continue, absolute sizes, removed
 * levels at zero, best first), nothing for an unchanged book, the withheld update, the snapshot's
 * alignment with the updates after it, and the feed's depth.
 */
class BookFeedTest {
    private static final String SYMBOL = "BTC/USDT";
    private MatchingEngine engine;

    @BeforeEach
    void engine() {
        Instrument btc = Instrument.builder().symbol(SYMBOL).venueSymbol("BTCUSDT").marketType(MarketType.SPOT)
                .baseAsset("BTC").quoteAsset("USDT").tickSize(new BigDecimal("0.01")).lotSize(new BigDecimal("0.001"))
                .minQuantity(new BigDecimal("0.001")).maxQuantity(new BigDecimal("1000")).minNotional(BigDecimal.ZERO)
                .status(TradingStatus.TRADING).build();
        engine = MatchingEngine.builder().instrument(btc).listener(new Quiet()).build();
    }

    /** The book is all these tests look at; participants' order events are not needed. */
    private static final class Quiet implements EngineListener {
        @Override
        public void onAccepted(OrderView order) {
        }

        @Override
        public void onFill(OrderView order, Execution execution) {
        }

        @Override
        public void onCanceled(OrderView order, String reason) {
        }

        @Override
        public void onReplaced(OrderView order, String previousClientOrderId) {
        }

        @Override
        public void onExpired(OrderView order) {
        }

        @Override
        public void onRejected(OrderRequest request, RejectReason reason, String text) {
        }
    }

    /** Quotes {@code levels} levels per side one unit apart around {@code mid}, each of {@code size}. */
    private OrderBook quote(int mid, int levels, String size) {
        List<BookLevel> bids = new ArrayList<>();
        List<BookLevel> asks = new ArrayList<>();
        for (int i = 1; i <= levels; i++) {
            bids.add(new BookLevel(BigDecimal.valueOf(mid - i), new BigDecimal(size)));
            asks.add(new BookLevel(BigDecimal.valueOf(mid + i), new BigDecimal(size)));
        }
        engine.replaceMakerQuotes(SYMBOL, BigDecimal.valueOf(mid), bids, asks);
        return engine.book(SYMBOL);
    }

    private static List<String> prices(List<BookFeed.Level> levels) {
        return levels.stream().map(l -> l.price().toPlainString() + "x" + l.size().stripTrailingZeros().toPlainString())
                .toList();
    }

    @Test
    void theFirstUpdateCarriesTheWholeBookThenOnlyChangesWithContinuingIds() {
        BookFeed feed = new BookFeed(50);
        OrderBook book = quote(100, 3, "1");
        BookFeed.Update first = feed.next(SYMBOL, book).orElseThrow();
        assertThat(first.firstId()).isEqualTo(1);
        assertThat(first.lastId()).isEqualTo(6);
        assertThat(first.previousId()).isZero();
        assertThat(prices(first.bids())).containsExactly("99x1", "98x1", "97x1");
        assertThat(prices(first.asks())).containsExactly("101x1", "102x1", "103x1");
        assertThat(feed.next(SYMBOL, book)).as("nothing changed").isEmpty();

        book = quote(101, 3, "1");
        BookFeed.Update second = feed.next(SYMBOL, book).orElseThrow();
        assertThat(second.previousId()).isEqualTo(6);
        assertThat(second.firstId()).isEqualTo(7);
        assertThat(prices(second.bids())).as("a new best bid; the lowest is gone").containsExactly("100x1", "97x0");
        assertThat(prices(second.asks())).containsExactly("101x0", "104x1");
        assertThat(second.lastId()).isEqualTo(10);
        assertThat(feed.lastId(SYMBOL)).isEqualTo(10);
    }

    @Test
    void aSizeChangeIsPublishedAsTheAbsoluteSize() {
        BookFeed feed = new BookFeed(50);
        feed.next(SYMBOL, quote(100, 2, "1"));
        BookFeed.Update update = feed.next(SYMBOL, quote(100, 2, "2.5")).orElseThrow();
        assertThat(prices(update.bids())).containsExactly("99x2.5", "98x2.5");
        assertThat(update.lastId() - update.firstId() + 1).isEqualTo(4);
    }

    @Test
    void aWithheldUpdateUsesUpItsIdsSoTheNextOneShowsTheGap() {
        BookFeed feed = new BookFeed(50);
        feed.next(SYMBOL, quote(100, 2, "1"));
        feed.dropNext(SYMBOL);
        assertThat(feed.next(SYMBOL, engine.book(SYMBOL))).as("no change does not use up the drop").isEmpty();
        assertThat(feed.next(SYMBOL, quote(101, 2, "1"))).as("withheld").isEmpty();
        long afterDrop = feed.lastId(SYMBOL);
        assertThat(afterDrop).isGreaterThan(4);
        BookFeed.Update next = feed.next(SYMBOL, quote(102, 2, "1")).orElseThrow();
        assertThat(next.previousId()).isEqualTo(afterDrop);
        assertThat(next.firstId()).as("a subscriber that saw u=4 sees U jump").isGreaterThan(4 + 1);
    }

    @Test
    void aSnapshotTakenBeforeAChangeIsSequencedIsStraddledByTheNextUpdate() {
        BookFeed feed = new BookFeed(50);
        feed.next(SYMBOL, quote(100, 5, "1"));
        OrderBook book = quote(103, 5, "2"); // changed, not yet sequenced
        BookFeed.Snapshot snapshot = feed.snapshot(SYMBOL, book, 100);
        assertThat(snapshot.lastId()).as("the pending change is sequenced for the snapshot").isGreaterThan(10);
        assertThat(prices(snapshot.bids())).startsWith("102x2");
        TreeMap<BigDecimal, BigDecimal> bids = side(snapshot.bids());
        TreeMap<BigDecimal, BigDecimal> asks = side(snapshot.asks());
        book = quote(99, 5, "3"); // the levels 102..100 the snapshot showed are gone again
        BookFeed.Update update = feed.next(SYMBOL, book).orElseThrow();
        assertThat(update.firstId()).as("carries the change the snapshot sequenced").isEqualTo(11);
        assertThat(update.previousId()).isEqualTo(10);
        assertThat(update.firstId()).isLessThanOrEqualTo(snapshot.lastId());
        assertThat(update.lastId()).isGreaterThan(snapshot.lastId());
        apply(bids, update.bids());
        apply(asks, update.asks());
        BookFeed.Snapshot now = feed.snapshot(SYMBOL, book, 100);
        assertThat(bids).as("snapshot + update = the book").isEqualTo(side(now.bids()));
        assertThat(asks).isEqualTo(side(now.asks()));
        assertThat(now.lastId()).isEqualTo(update.lastId());
        assertThat(feed.next(SYMBOL, book)).as("nothing left to hand out").isEmpty();
    }

    @Test
    void aSnapshotOfAnUnchangedBookCarriesNothing() {
        BookFeed feed = new BookFeed(50);
        OrderBook book = quote(100, 2, "1");
        feed.next(SYMBOL, book);
        assertThat(feed.snapshot(SYMBOL, book, 5).lastId()).isEqualTo(4);
        assertThat(feed.next(SYMBOL, book)).isEmpty();
        BookFeed.Update update = feed.next(SYMBOL, quote(100, 2, "2")).orElseThrow();
        assertThat(update.firstId()).isEqualTo(5);
    }

    @Test
    void aSnapshotDoesNotUseUpAPendingDrop() {
        BookFeed feed = new BookFeed(50);
        OrderBook book = quote(100, 2, "1");
        feed.dropNext(SYMBOL);
        BookFeed.Snapshot snapshot = feed.snapshot(SYMBOL, book, 10);
        assertThat(snapshot.lastId()).isEqualTo(4);
        assertThat(prices(snapshot.bids())).containsExactly("99x1", "98x1");
        assertThat(feed.next(SYMBOL, quote(101, 2, "1"))).as("the drop is still armed").isEmpty();
        BookFeed.Update after = feed.next(SYMBOL, quote(102, 2, "1")).orElseThrow();
        assertThat(after.previousId()).isEqualTo(8);
    }

    @Test
    void theFeedCoversItsDepthOnly() {
        BookFeed feed = new BookFeed(2);
        assertThat(feed.depth()).isEqualTo(2);
        BookFeed.Update first = feed.next(SYMBOL, quote(100, 4, "1")).orElseThrow();
        assertThat(prices(first.bids())).containsExactly("99x1", "98x1");
        BookFeed.Update pushedDown = feed.next(SYMBOL, quote(102, 4, "1")).orElseThrow();
        assertThat(prices(pushedDown.bids())).as("levels pushed beyond the depth read as removed")
                .containsExactly("101x1", "100x1", "99x0", "98x0");
        assertThat(prices(feed.snapshot(SYMBOL, engine.book(SYMBOL), 100).asks()))
                .as("a snapshot is never deeper than the feed").containsExactly("103x1", "104x1");
        assertThatThrownBy(() -> new BookFeed(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void symbolsAreSequencedApart() {
        BookFeed feed = new BookFeed(10);
        feed.next(SYMBOL, quote(100, 1, "1"));
        assertThat(feed.lastId("ETH/USDT")).isZero();
        assertThat(feed.lastId(SYMBOL)).isEqualTo(2);
    }

    private static TreeMap<BigDecimal, BigDecimal> side(List<BookFeed.Level> levels) {
        TreeMap<BigDecimal, BigDecimal> out = new TreeMap<>(Collections.reverseOrder());
        levels.forEach(l -> out.put(l.price(), l.size()));
        return out;
    }

    private static void apply(TreeMap<BigDecimal, BigDecimal> side, List<BookFeed.Level> changes) {
        for (BookFeed.Level l : changes) {
            if (l.size().signum() == 0) {
                side.remove(l.price());
            } else {
                side.put(l.price(), l.size());
            }
        }
        for (Map.Entry<BigDecimal, BigDecimal> e : side.entrySet()) {
            assertThat(e.getValue()).isPositive();
        }
    }
}

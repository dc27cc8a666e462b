package io.fixbridge.venue.binance;

import io.fixbridge.venue.BookSnapshot;
import io.fixbridge.venue.PriceLevel;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Binance's local order book procedure, step by step, on hand-made events: spot ({@code U}/{@code u}
 * continuity) and futures ({@code pu}), dropping what the snapshot already holds, the straddling
 * first event, a snapshot older than the stream, gaps live and in the buffer, repeats, and a lost
 * stream.
 */
class BookSyncTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    /** A spot event {@code U..u} setting bid {@code bid} to {@code size}. */
    private static BookMessage spot(long first, long last, String bid, String size) {
        return new BookMessage(first, last, null, List.of(level(bid, size)), List.of(), T0.plusMillis(last));
    }

    private static BookMessage futures(long first, long last, long previous, String bid, String size) {
        return new BookMessage(first, last, previous, List.of(level(bid, size)), List.of(), T0.plusMillis(last));
    }

    private static BookMessage snapshot(long id) {
        return new BookMessage(id, id, null, List.of(level("100", "1"), level("99", "1")),
                List.of(level("101", "1"), level("102", "1")), T0);
    }

    private static BookMessage.Level level(String price, String size) {
        return new BookMessage.Level(new BigDecimal(price), new BigDecimal(size));
    }

    private static List<String> bids(BookSnapshot b) {
        List<String> out = new ArrayList<>();
        for (PriceLevel l : b.bids()) {
            out.add(l.price().toPlainString() + "x" + l.size().toPlainString());
        }
        return out;
    }

    @Test
    void spotDropsWhatTheSnapshotHoldsAndStartsWithTheEventStraddlingIt() {
        BookSync sync = new BookSync(BinanceMarket.SPOT, "BTC/USDT", 10);
        BookSync.Step start = sync.start();
        assertThat(start.fetchSnapshot()).isTrue();
        assertThat(start.gap()).as("nothing was current yet").isNull();
        long generation = sync.generation();
        assertThat(sync.onUpdate(spot(5, 8, "98", "3"), 1)).isEqualTo(BookSync.Step.NONE);
        sync.onUpdate(spot(9, 10, "97", "4"), 2);
        sync.onUpdate(spot(11, 13, "100", "0"), 3);
        BookSync.Step synced = sync.onSnapshot(generation, snapshot(10), 4);
        assertThat(synced.book()).isNotNull();
        assertThat(synced.book().resynced()).isTrue();
        assertThat(bids(synced.book())).as("5..8 and 9..10 are in the snapshot; 11..13 removed 100")
                .containsExactly("99x1");
        assertThat(synced.book().venueTime()).isEqualTo(T0.plusMillis(13));
        assertThat(sync.phase()).isEqualTo(BookSync.Phase.LIVE);
        assertThat(sync.lastUpdateId()).isEqualTo(13);

        BookSync.Step next = sync.onUpdate(spot(14, 14, "100", "2"), 5);
        assertThat(bids(next.book())).containsExactly("100x2", "99x1");
        assertThat(next.book().resynced()).isFalse();
        assertThat(next.book().receivedNanos()).isEqualTo(5);
        assertThat(sync.onUpdate(spot(15, 15, "50", "1"), 6)).as("a change below the top 10 still shows; "
                + "nothing hidden").matches(s -> s.book() != null);
    }

    @Test
    void spotSeesAJumpInUAsAGapAndRebuilds() {
        BookSync sync = new BookSync(BinanceMarket.SPOT, "BTC/USDT", 10);
        sync.start();
        sync.onSnapshot(sync.generation(), snapshot(10), 1);
        sync.onUpdate(spot(11, 12, "98", "1"), 2);
        BookSync.Step gap = sync.onUpdate(spot(15, 16, "97", "1"), 3);
        assertThat(gap.gap()).contains("15..16").contains("12");
        assertThat(gap.fetchSnapshot()).isTrue();
        assertThat(gap.retry()).isFalse();
        assertThat(sync.phase()).isEqualTo(BookSync.Phase.SYNCING);
        long generation = sync.generation();
        sync.onUpdate(spot(17, 17, "96", "1"), 4);
        BookSync.Step rebuilt = sync.onSnapshot(generation, snapshot(15), 5);
        assertThat(rebuilt.book().resynced()).isTrue();
        assertThat(bids(rebuilt.book())).as("the gap event is kept and straddles 15+1")
                .containsExactly("100x1", "99x1", "97x1", "96x1");
    }

    @Test
    void aSnapshotOlderThanTheStreamIsFetchedAgainKeepingTheBuffer() {
        BookSync sync = new BookSync(BinanceMarket.SPOT, "BTC/USDT", 10);
        sync.start();
        long first = sync.generation();
        sync.onUpdate(spot(20, 22, "98", "1"), 1);
        BookSync.Step tooOld = sync.onSnapshot(first, snapshot(10), 2);
        assertThat(tooOld.book()).isNull();
        assertThat(tooOld.fetchSnapshot()).isTrue();
        assertThat(tooOld.retry()).isTrue();
        assertThat(sync.wants(first)).as("the old snapshot's generation is over").isFalse();
        sync.onUpdate(spot(23, 23, "97", "1"), 3);
        BookSync.Step synced = sync.onSnapshot(sync.generation(), snapshot(21), 4);
        assertThat(bids(synced.book())).containsExactly("100x1", "99x1", "98x1", "97x1");
        assertThat(sync.lastUpdateId()).isEqualTo(23);
    }

    @Test
    void aGapInsideTheBufferNeedsANewerSnapshot() {
        BookSync sync = new BookSync(BinanceMarket.SPOT, "BTC/USDT", 10);
        sync.start();
        sync.onUpdate(spot(11, 12, "98", "1"), 1);
        sync.onUpdate(spot(14, 15, "97", "1"), 2);
        BookSync.Step step = sync.onSnapshot(sync.generation(), snapshot(10), 3);
        assertThat(step.book()).isNull();
        assertThat(step.retry()).isTrue();
        BookSync.Step synced = sync.onSnapshot(sync.generation(), snapshot(14), 4);
        assertThat(bids(synced.book())).as("the events from the gap on are kept").containsExactly("100x1", "99x1",
                "97x1");
    }

    @Test
    void aQuietMarketIsCurrentFromTheSnapshotAlone() {
        BookSync sync = new BookSync(BinanceMarket.SPOT, "BTC/USDT", 1);
        sync.start();
        BookSync.Step synced = sync.onSnapshot(sync.generation(), snapshot(10), 9);
        assertThat(bids(synced.book())).as("depth 1").containsExactly("100x1");
        assertThat(synced.book().asks()).hasSize(1);
        assertThat(synced.book().venueTime()).isEqualTo(T0);
        assertThat(synced.book().receivedNanos()).isEqualTo(9);
        assertThat(sync.onUpdate(spot(11, 11, "98", "2"), 10)).as("below the top level: nothing to send")
                .isEqualTo(BookSync.Step.NONE);
        assertThat(sync.onUpdate(spot(11, 11, "98", "2"), 11)).as("a repeat").isEqualTo(BookSync.Step.NONE);
        assertThat(sync.lastUpdateId()).isEqualTo(11);
    }

    @Test
    void futuresStartWithTheEventAroundTheSnapshotThenFollowPu() {
        BookSync sync = new BookSync(BinanceMarket.FUTURES, "BTC/USDT:USDT", 10);
        sync.start();
        sync.onUpdate(futures(100, 105, 90, "98", "1"), 1);
        sync.onUpdate(futures(108, 110, 105, "97", "1"), 2);
        BookSync.Step synced = sync.onSnapshot(sync.generation(), snapshot(110), 3);
        assertThat(bids(synced.book())).as("u == lastUpdateId is kept on futures (drop only u < L)")
                .containsExactly("100x1", "99x1", "97x1");
        BookSync.Step next = sync.onUpdate(futures(115, 118, 110, "96", "1"), 4);
        assertThat(next.book()).isNotNull();
        BookSync.Step gap = sync.onUpdate(futures(125, 126, 120, "95", "1"), 5);
        assertThat(gap.gap()).contains("pu 120").contains("118");
        assertThat(gap.fetchSnapshot()).isTrue();
    }

    @Test
    void futuresAcceptTheEventRightAfterTheSnapshotByItsPu() {
        BookSync sync = new BookSync(BinanceMarket.FUTURES, "BTC/USDT:USDT", 10);
        sync.start();
        sync.onUpdate(futures(203, 204, 200, "98", "1"), 1);
        BookSync.Step synced = sync.onSnapshot(sync.generation(), snapshot(200), 2);
        assertThat(synced.book()).isNotNull();
        assertThat(bids(synced.book())).contains("98x1");

        BookSync other = new BookSync(BinanceMarket.FUTURES, "BTC/USDT:USDT", 10);
        other.start();
        other.onUpdate(futures(203, 204, 201, "98", "1"), 1);
        assertThat(other.onSnapshot(other.generation(), snapshot(200), 2).retry())
                .as("an event that neither straddles nor follows the snapshot").isTrue();
    }

    @Test
    void aLostStreamInterruptsALiveBookOnceAndWaitsForTheNextSubscription() {
        BookSync sync = new BookSync(BinanceMarket.SPOT, "BTC/USDT", 10);
        sync.start();
        long generation = sync.generation();
        assertThat(sync.streamLost("dropped")).as("not current yet: nothing to tell").isEqualTo(BookSync.Step.NONE);
        assertThat(sync.onSnapshot(generation, snapshot(10), 1)).as("fetched before the drop")
                .isEqualTo(BookSync.Step.NONE);
        sync.start();
        sync.onSnapshot(sync.generation(), snapshot(10), 2);
        assertThat(sync.current()).isNotNull();
        BookSync.Step lost = sync.streamLost("the depth stream dropped");
        assertThat(lost.gap()).isEqualTo("the depth stream dropped");
        assertThat(lost.fetchSnapshot()).as("waits for the resubscription").isFalse();
        assertThat(sync.current()).isNull();
        assertThat(sync.onUpdate(spot(11, 11, "98", "1"), 3)).isEqualTo(BookSync.Step.NONE);
        assertThat(sync.streamLost("again")).isEqualTo(BookSync.Step.NONE);
        assertThat(sync.start().fetchSnapshot()).isTrue();
    }

    @Test
    void theBufferIsBounded() {
        BookSync sync = new BookSync(BinanceMarket.SPOT, "BTC/USDT", 10);
        sync.start();
        for (int i = 1; i <= BookSync.MAX_BUFFERED + 5; i++) {
            sync.onUpdate(spot(10 + i, 10 + i, "98", Integer.toString(i)), i);
        }
        BookSync.Step step = sync.onSnapshot(sync.generation(), snapshot(10), 0);
        assertThat(step.retry()).as("the oldest events were dropped: the snapshot is too old now").isTrue();
        BookSync.Step synced = sync.onSnapshot(sync.generation(), snapshot(15), 0);
        assertThat(bids(synced.book())).contains("98x" + (BookSync.MAX_BUFFERED + 5));
    }
}

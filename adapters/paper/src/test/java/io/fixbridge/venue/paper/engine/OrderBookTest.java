package io.fixbridge.venue.paper.engine;

import io.fixbridge.venue.OrderType;
import io.fixbridge.venue.Side;
import io.fixbridge.venue.TimeInForce;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;

import static io.fixbridge.venue.paper.engine.EngineHarness.SPOT_INSTRUMENT;
import static io.fixbridge.venue.paper.engine.EngineHarness.T0;
import static io.fixbridge.venue.paper.engine.EngineHarness.d;
import static org.assertj.core.api.Assertions.assertThat;

class OrderBookTest {
    private final OrderBook book = new OrderBook(SPOT_INSTRUMENT);
    private int ids;

    private WorkingOrder resting(Side side, String quantity, String price) {
        WorkingOrder o = new WorkingOrder(String.valueOf(++ids), "alice", "c" + ids, SPOT_INSTRUMENT, side,
                OrderType.LIMIT, TimeInForce.GTC, d(quantity), d(price), null, null, false, false, null, T0);
        o.visible = o.leaves();
        book.add(o);
        return o;
    }

    @Test
    void bestPricesAreTheHighestBidAndTheLowestAsk() {
        resting(Side.BUY, "1", "99");
        resting(Side.BUY, "1", "98");
        resting(Side.SELL, "1", "102");
        resting(Side.SELL, "1", "101");

        assertThat(book.bestBid()).contains(d("99"));
        assertThat(book.bestAsk()).contains(d("101"));
        assertThat(book.depth(Side.BUY, 5)).extracting(BookLevel::price).containsExactly(d("99"), d("98"));
        assertThat(book.depth(Side.SELL, 1)).extracting(BookLevel::price).containsExactly(d("101"));
    }

    @Test
    void ordersAtOnePriceQueueInArrivalOrderAndRequeueGoesToTheBack() {
        WorkingOrder first = resting(Side.SELL, "1", "100");
        WorkingOrder second = resting(Side.SELL, "2", "100.00");

        assertThat(book.first(Side.SELL)).isSameAs(first);
        assertThat(book.depth(Side.SELL, 1)).containsExactly(new BookLevel(d("100"), d("3")));

        book.requeue(first);

        assertThat(book.first(Side.SELL)).isSameAs(second);
        assertThat(book.inPriorityOrder(Side.SELL)).containsExactly(second, first);
    }

    @Test
    void removingTheLastOrderOfALevelRemovesTheLevel() {
        WorkingOrder only = resting(Side.BUY, "1", "99");

        assertThat(book.remove(only)).isTrue();
        assertThat(book.remove(only)).isFalse();
        assertThat(book.bestBid()).isEmpty();
        assertThat(book.contains(only)).isFalse();
        assertThat(book.first(Side.BUY)).isNull();
    }

    @Test
    void depthShowsOnlyTheVisiblePartOfAnIceberg() {
        WorkingOrder iceberg = resting(Side.SELL, "10", "100");
        iceberg.visible = new BigDecimal("2");

        assertThat(book.depth(Side.SELL, 1)).containsExactly(new BookLevel(d("100"), d("2")));
    }
}

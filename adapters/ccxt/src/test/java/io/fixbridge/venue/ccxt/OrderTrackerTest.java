package io.fixbridge.venue.ccxt;

import io.fixbridge.venue.OrderEvent;
import io.fixbridge.venue.OrderRequest;
import io.fixbridge.venue.OrderSnapshot;
import io.fixbridge.venue.OrderType;
import io.fixbridge.venue.Side;
import io.fixbridge.venue.TimeInForce;
import io.fixbridge.venue.ccxt.dto.CcxtFee;
import io.fixbridge.venue.ccxt.dto.CcxtOrder;
import io.fixbridge.venue.ccxt.dto.CcxtTrade;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link OrderTracker}: ccxt's overlapping news about one order becomes one clean sequence of events. */
class OrderTrackerTest {
    /** A clock the test moves. */
    private static final class MovableClock extends Clock {
        private Instant now = Instant.parse("2026-01-01T00:00:00Z");

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private final MovableClock clock = new MovableClock();
    private final OrderTracker tracker = new OrderTracker(clock);

    private static OrderRequest order(TimeInForce tif, String qty) {
        return OrderRequest.builder().account("a").clientOrderId("c1").symbol("BTC/USDT").side(Side.BUY)
                .type(OrderType.LIMIT).timeInForce(tif).quantity(new BigDecimal(qty)).price(new BigDecimal("60000"))
                .build();
    }

    private static CcxtOrder ccxt(String id, String status, String filled) {
        return new CcxtOrder(id, "c1", "BTC/USDT", "limit", "buy", status, new BigDecimal("60000"), null,
                new BigDecimal("1"), filled == null ? null : new BigDecimal(filled), null, null, null, null, false, "GTC",
                1L, null, null, List.of());
    }

    private static CcxtTrade trade(String id, String order, String qty) {
        return new CcxtTrade(id, order, null, "BTC/USDT", "buy", new BigDecimal("60000"), new BigDecimal(qty), null,
                new CcxtFee(new BigDecimal("0.01"), "USDT"), "maker", 2L);
    }

    private static List<String> kinds(List<OrderEvent> events) {
        return events.stream().map(e -> e.getClass().getSimpleName()).toList();
    }

    @Test
    void anAdoptedOrderIsOpenForRefreshesAndItsQueriedFillsCountOnce() {
        assertThat(tracker.unmatched("a", trade("t2", "v1", "0.5"))).isTrue();
        OrderSnapshot found = new OrderSnapshot("a", "c1", "v1", "BTC/USDT", Side.BUY,
                OrderSnapshot.Status.PARTIALLY_FILLED, new BigDecimal("1"), new BigDecimal("0.5"),
                new BigDecimal("60000"), List.of(CcxtTranslator.fill("a", "c1", trade("t2", "v1", "0.5"), false)));

        OrderTracker.Tracked t = tracker.adopt(found, "BTC/USDT", false);

        assertThat(tracker.open("a")).containsExactly(t);
        assertThat(tracker.byVenueId("a", "v1")).contains(t);
        assertThat(tracker.accepted(t, "v1", clock.instant())).as("its early trade was reported by the query")
                .isEmpty();
        List<OrderEvent> last = tracker.trade(t, trade("t3", "v1", "0.5"));
        assertThat(kinds(last)).containsExactly("Fill");
        assertThat(((OrderEvent.Fill) last.get(0)).orderFilled()).isTrue();
        assertThat(tracker.open("a")).isEmpty();
        assertThat(tracker.adopt(found, "BTC/USDT", false)).as("known orders are kept as they are").isSameAs(t);
    }

    @Test
    void acceptedOnceFillsOnceByTradeIdAndTheLastFillCompletesTheOrder() {
        OrderTracker.Tracked t = tracker.submitted(order(TimeInForce.GTC, "1"));
        tracker.answered(t);

        assertThat(kinds(tracker.accepted(t, "9", Instant.EPOCH))).containsExactly("Accepted");
        assertThat(tracker.order(t, ccxt("9", "open", "0"))).isEmpty();
        assertThat(kinds(tracker.trade(t, trade("t1", "9", "0.4")))).containsExactly("Fill");
        assertThat(tracker.trade(t, trade("t1", "9", "0.4"))).as("the same trade again").isEmpty();
        List<OrderEvent> last = tracker.trade(t, trade("t2", "9", "0.6"));
        assertThat(last).singleElement().satisfies(e -> assertThat(((OrderEvent.Fill) e).orderFilled()).isTrue());
        assertThat(tracker.order(t, ccxt("9", "closed", "1"))).isEmpty();
        assertThat(t.open()).isFalse();
    }

    @Test
    void anEndIsHeldUntilTheFillsCcxtReportedHaveArrived() {
        OrderTracker.Tracked t = tracker.submitted(order(TimeInForce.GTC, "1"));
        tracker.accepted(t, "9", Instant.EPOCH);

        tracker.cancelRequested(t);
        assertThat(tracker.order(t, ccxt("9", "canceled", "0.5"))).as("held: 0.5 filled, no trade yet").isEmpty();
        assertThat(kinds(tracker.trade(t, trade("t1", "9", "0.5")))).containsExactly("Fill", "Canceled");
    }

    @Test
    void aCanceledIocTheGatewayDidNotCancelIsAnExpiry() {
        OrderTracker.Tracked t = tracker.submitted(order(TimeInForce.IOC, "1"));

        assertThat(kinds(tracker.order(t, ccxt("9", "canceled", "0")))).containsExactly("Accepted", "Expired");
    }

    @Test
    void aRejectedStatusBeforeAcceptanceIsARejectAndAfterItACancel() {
        OrderTracker.Tracked t = tracker.submitted(order(TimeInForce.GTC, "1"));
        assertThat(kinds(tracker.order(t, ccxt("9", "rejected", "0")))).containsExactly("Rejected");

        OrderTracker other = new OrderTracker(Clock.systemUTC());
        OrderTracker.Tracked u = other.submitted(order(TimeInForce.GTC, "1"));
        other.accepted(u, "9", Instant.EPOCH);
        assertThat(kinds(other.order(u, ccxt("9", "rejected", "0")))).containsExactly("Canceled");
    }

    @Test
    void aCancelReplaceMovesTheOrderToItsNewIdsAndTheOldOrdersCancelIsNotReported() {
        OrderTracker.Tracked t = tracker.submitted(order(TimeInForce.GTC, "1"));
        tracker.accepted(t, "9", Instant.EPOCH);
        tracker.trade(t, trade("t1", "9", "0.2"));

        tracker.editStarted(t, "c2");
        assertThat(tracker.editing(t)).isTrue();
        assertThat(tracker.locate("a", "c2", null)).containsSame(t);
        tracker.hold(t, ccxt("9", "canceled", "0.2"));
        List<Object> held = tracker.editEnded(t, true, "c2", "10", new BigDecimal("1"));

        assertThat(held).hasSize(1);
        assertThat(tracker.order(t, (CcxtOrder) held.get(0))).as("the old order's cancel is the replace").isEmpty();
        assertThat(tracker.find("a", "c1")).isEmpty();
        assertThat(tracker.byVenueId("a", "10")).containsSame(t);
        List<OrderEvent> fill = tracker.trade(t, trade("t2", "10", "0.8"));
        assertThat(fill).singleElement().satisfies(e -> {
            OrderEvent.Fill f = (OrderEvent.Fill) e;
            assertThat(f.clientOrderId()).isEqualTo("c2");
            assertThat(f.orderFilled()).as("0.2 before and 0.8 after make the 1 ordered").isTrue();
        });
    }

    @Test
    void anUnknownStatusFailsLoudly() {
        OrderTracker.Tracked t = tracker.submitted(order(TimeInForce.GTC, "1"));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> tracker.order(t, ccxt("9", "pending_new", "0")))
                .isInstanceOf(UnknownVenueValueException.class);
    }

    @Test
    void aTradeBeforeTheOrdersIdIsKnownIsKeptAndAppliedWhenTheIdArrives() {
        // finding 1: Binance/Bybit stream trades carry no client id; the createOrder answer may come after them
        OrderTracker.Tracked t = tracker.submitted(order(TimeInForce.GTC, "1"));
        assertThat(tracker.locate("a", null, "9")).isEmpty();
        assertThat(tracker.unmatched("a", trade("t1", "9", "0.4"))).isTrue();
        assertThat(tracker.unmatched("a", trade("t1", "9", "0.4"))).as("the same trade twice is kept once").isTrue();
        assertThat(tracker.unmatchedCount()).isEqualTo(1);
        tracker.answered(t);

        List<OrderEvent> events = tracker.accepted(t, "9", Instant.EPOCH);

        assertThat(kinds(events)).containsExactly("Accepted", "Fill");
        assertThat(((OrderEvent.Fill) events.get(1)).tradeId()).isEqualTo("t1");
        assertThat(((OrderEvent.Fill) events.get(1)).clientOrderId()).isEqualTo("c1");
        assertThat(tracker.unmatchedCount()).isZero();
        assertThat(tracker.trade(t, trade("t1", "9", "0.4"))).as("reported once").isEmpty();
    }

    @Test
    void anUnmatchedTradeIsDroppedAfterItsPatience() {
        assertThat(tracker.unmatched("a", trade("t1", "77", "0.4"))).isTrue();
        assertThat(tracker.unmatched("a", new CcxtTrade("t2", null, null, "BTC/USDT", "buy", BigDecimal.ONE,
                BigDecimal.ONE, null, null, null, 1L))).as("no order id: nothing to wait for").isFalse();
        clock.advance(OrderTracker.UNMATCHED_PATIENCE.minusSeconds(1));
        tracker.expire();
        assertThat(tracker.unmatchedCount()).isEqualTo(1);
        clock.advance(Duration.ofSeconds(2));
        tracker.expire();
        assertThat(tracker.unmatchedCount()).isZero();
    }

    @Test
    void anEndHeldTooLongIsHandedOverForItsTradesAndReleasedOnlyOnGivingUp() {
        // finding 2: patience out -> the adapter fetches the trades; nothing is released silently
        OrderTracker.Tracked t = tracker.submitted(order(TimeInForce.GTC, "1"));
        tracker.accepted(t, "9", Instant.EPOCH);
        assertThat(tracker.order(t, ccxt("9", "closed", "1"))).as("filled 1, no trade yet: held").isEmpty();
        assertThat(tracker.staleEnds(Duration.ofSeconds(10))).isEmpty();

        clock.advance(Duration.ofSeconds(11));
        assertThat(tracker.staleEnds(Duration.ofSeconds(10))).containsExactly(t);
        assertThat(t.open()).as("still waiting for its fills").isTrue();
        assertThat(tracker.staleEnds(Duration.ofSeconds(10))).as("handed over once").isEmpty();

        List<OrderEvent> fill = tracker.trade(t, trade("t1", "9", "1"));
        assertThat(fill).singleElement().satisfies(e -> assertThat(((OrderEvent.Fill) e).orderFilled()).isTrue());
        assertThat(tracker.giveUp(t, "found")).isEmpty();
        assertThat(t.open()).isFalse();
    }

    @Test
    void givingUpReleasesTheHeldEnd() {
        OrderTracker.Tracked t = tracker.submitted(order(TimeInForce.GTC, "1"));
        tracker.accepted(t, "9", Instant.EPOCH);
        tracker.cancelRequested(t);
        assertThat(tracker.order(t, ccxt("9", "canceled", "0.5"))).isEmpty();
        clock.advance(Duration.ofSeconds(11));
        assertThat(tracker.staleEnds(Duration.ofSeconds(10))).containsExactly(t);

        assertThat(kinds(tracker.giveUp(t, "fetchMyTrades has none"))).containsExactly("Canceled");
        assertThat(t.open()).isFalse();
    }

    @Test
    void aClosedOrderWithAnUnknownFilledAmountIsNotAnEndButAQuery() {
        // finding 3: Binance USD-M algo TRIGGERED comes as closed with filled null
        OrderTracker.Tracked t = tracker.submitted(order(TimeInForce.GTC, "1"));
        tracker.accepted(t, "9", Instant.EPOCH);

        assertThat(tracker.order(t, ccxt("9", "closed", null))).isEmpty();

        assertThat(t.open()).isTrue();
        assertThat(t.queryNeeded).isTrue();
        assertThat(kinds(tracker.order(t, ccxt("9", "closed", "0.4")))).as("a real answer decides")
                .isEmpty(); // held: 0.4 filled, no trade yet
        assertThat(kinds(tracker.trade(t, trade("t1", "9", "0.4")))).containsExactly("Fill", "Expired");
    }

    @Test
    void anOpenOrderIsNeverForgottenButADoneOneIs() {
        // finding 4: a quiet open order used to be dropped after 48 h
        OrderTracker.Tracked open = tracker.submitted(order(TimeInForce.GTC, "1"));
        tracker.answered(open);
        tracker.accepted(open, "9", Instant.EPOCH);
        OrderTracker.Tracked done = tracker.submitted(OrderRequest.builder().account("a").clientOrderId("c2")
                .symbol("BTC/USDT").side(Side.BUY).type(OrderType.LIMIT).timeInForce(TimeInForce.GTC)
                .quantity(BigDecimal.ONE).price(new BigDecimal("60000")).build());
        tracker.answered(done);
        tracker.accepted(done, "10", Instant.EPOCH);
        tracker.cancelRequested(done);
        tracker.order(done, ccxt("10", "canceled", "0"));

        clock.advance(Duration.ofDays(30));
        tracker.expire();

        assertThat(tracker.find("a", "c1")).containsSame(open);
        assertThat(tracker.find("a", "c2")).isEmpty();
        assertThat(kinds(tracker.trade(open, trade("t1", "9", "1")))).containsExactly("Fill");
    }

    @Test
    void aReplacementIsSizedByTheMostThatMayHaveFilledDuringTheCancel() {
        // finding 5: fills held during the cancel round trip and the cancel answer's filled count
        OrderTracker.Tracked t = tracker.submitted(order(TimeInForce.GTC, "1"));
        tracker.accepted(t, "9", Instant.EPOCH);
        tracker.trade(t, trade("t1", "9", "0.2"));
        tracker.editStarted(t, "c2");
        tracker.hold(t, trade("t2", "9", "0.3"));
        tracker.hold(t, trade("t1", "9", "0.2"));

        assertThat(tracker.filledAtLeast(t, null)).as("0.2 reported + 0.3 held").isEqualByComparingTo("0.5");
        assertThat(tracker.filledAtLeast(t, ccxt("9", "canceled", "0.6"))).as("the cancel answer says more")
                .isEqualByComparingTo("0.6");
        tracker.hold(t, ccxt("9", "open", "0.7"));
        assertThat(tracker.filledAtLeast(t, ccxt("9", "canceled", "0.6"))).as("held order news says even more")
                .isEqualByComparingTo("0.7");
    }
}

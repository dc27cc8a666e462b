package io.fixbridge.venue.hyperliquid;

import io.fixbridge.venue.Liquidity;
import io.fixbridge.venue.OrderEvent;
import io.fixbridge.venue.OrderRequest;
import io.fixbridge.venue.OrderSnapshot;
import io.fixbridge.venue.OrderType;
import io.fixbridge.venue.RejectReason;
import io.fixbridge.venue.Side;
import io.fixbridge.venue.TimeInForce;
import io.fixbridge.venue.VenueError;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The gate every order event passes: de-duplication by tid, order of events, modify, IOC ends. */
class OrderTrackerTest {
    private static final String A = "alice";
    private static final String ID = "0f1e2d3c4b5a69788796a5b4c3d2e1f0";
    private static final String NEW_ID = "1a2b3c4d5e6f708192a3b4c5d6e7f809";
    private static final Instant T = Instant.parse("2026-01-01T00:00:00Z");

    private final Clock clock = Clock.fixed(T, ZoneOffset.UTC);
    private final OrderTracker tracker = new OrderTracker(clock);

    private static OrderEvent.Fill fill(String id, String oid, String tid, String qty) {
        return new OrderEvent.Fill(A, id, oid, tid, new BigDecimal(qty), new BigDecimal("60000"), BigDecimal.ZERO,
                "USDC", Liquidity.TAKER, T);
    }

    private static List<String> kinds(List<OrderEvent> events) {
        return events.stream().map(e -> e.getClass().getSimpleName()).toList();
    }

    private OrderTracker.Tracked submitted(TimeInForce tif, String qty) {
        OrderRequest o = OrderRequest.builder().account(A).clientOrderId(ID).symbol("BTC/USDC:USDC").side(Side.BUY)
                .type(OrderType.LIMIT).timeInForce(tif).quantity(new BigDecimal(qty)).price(BigDecimal.TEN).build();
        return tracker.submitted(o, o.symbol(), Cloids.of(ID));
    }

    @Test
    void aFillBeforeTheAnswerBringsTheAcceptedFirstAndATidCountsOnce() {
        OrderTracker.Tracked t = submitted(TimeInForce.GTC, "1");

        List<OrderEvent> first = tracker.fromStream(t, Cloids.of(ID), 7L, fill(ID, "7", "100", "0.4"));
        List<OrderEvent> again = tracker.apply(fill(ID, "7", "100", "0.4"));
        List<OrderEvent> ack = tracker.apply(new OrderEvent.Accepted(A, ID, "7", T));
        List<OrderEvent> last = tracker.apply(fill(ID, "7", "101", "0.6"));

        assertThat(kinds(first)).containsExactly("Accepted", "Fill");
        assertThat(again).isEmpty();
        assertThat(ack).isEmpty();
        assertThat(last).singleElement().satisfies(e -> assertThat(((OrderEvent.Fill) e).orderFilled()).isTrue());
        assertThat(tracker.byOid(A, 7L)).contains(t);
    }

    @Test
    void anAdoptedOrderIsFollowedByCloidAndOidAndTheFillsItsQueryReportedCountOnce() {
        OrderSnapshot found = new OrderSnapshot(A, ID, "7", "BTC/USDC:USDC", Side.BUY,
                OrderSnapshot.Status.PARTIALLY_FILLED, new BigDecimal("1"), new BigDecimal("0.4"), BigDecimal.TEN,
                List.of(fill(ID, "7", "100", "0.4")));

        tracker.adopt(found, Cloids.of(ID));

        OrderTracker.Tracked t = tracker.byCloid(A, Cloids.of(ID)).orElseThrow();
        assertThat(tracker.byOid(A, 7L)).contains(t);
        assertThat(tracker.open(A)).containsExactly(t);
        assertThat(tracker.fromStream(t, Cloids.of(ID), 7L, fill(ID, "7", "100", "0.4"))).isEmpty();
        assertThat(tracker.fromStream(t, Cloids.of(ID), 7L, fill(ID, "7", "101", "0.6"))).singleElement()
                .satisfies(e -> assertThat(((OrderEvent.Fill) e).orderFilled()).isTrue());
        assertThat(tracker.open(A)).isEmpty();
    }

    @Test
    void aRejectAfterAcceptanceIsACancelAndBeforeItARejectRemembered() {
        OrderTracker.Tracked t = submitted(TimeInForce.GTC, "1");
        VenueError err = VenueError.rejected(RejectReason.INSUFFICIENT_FUNDS, "perpMarginRejected", "margin");

        List<OrderEvent> rejected = tracker.apply(new OrderEvent.Rejected(A, ID, err, T));

        assertThat(kinds(rejected)).containsExactly("Rejected");
        assertThat(tracker.rejection(A, ID)).contains(err);
        assertThat(t.open()).isFalse();

        String other = "99999999999999999999999999999999";
        tracker.apply(new OrderEvent.Accepted(A, other, "8", T));
        assertThat(tracker.apply(new OrderEvent.Rejected(A, other, err, T))).singleElement()
                .isInstanceOf(OrderEvent.Canceled.class);
    }

    @Test
    void aModifyHoldsTheNewOrdersEntriesAndDropsTheOldOrdersCancel() {
        OrderTracker.Tracked t = submitted(TimeInForce.GTC, "2");
        tracker.apply(new OrderEvent.Accepted(A, ID, "7", T));
        tracker.modifying(t, NEW_ID, Cloids.of(NEW_ID));

        List<OrderEvent> oldCancel = tracker.fromStream(t, Cloids.of(ID), 7L, new OrderEvent.Canceled(A, ID, "7", null, T));
        List<OrderEvent> newOpen = tracker.fromStream(t, Cloids.of(NEW_ID), 9L, new OrderEvent.Accepted(A, NEW_ID, "9", T));
        List<OrderEvent> newFill = tracker.fromStream(t, Cloids.of(NEW_ID), 9L, fill(NEW_ID, "9", "200", "2"));
        OrderEvent.Replaced replaced = new OrderEvent.Replaced(A, ID, NEW_ID, "9", new BigDecimal("2"), BigDecimal.ONE,
                null, T);
        List<OrderEvent> done = tracker.modified(t, 9L, replaced);

        assertThat(oldCancel).isEmpty();
        assertThat(newOpen).isEmpty();
        assertThat(newFill).isEmpty();
        assertThat(kinds(done)).containsExactly("Replaced", "Fill");
        assertThat(done.get(1).clientOrderId()).isEqualTo(NEW_ID);
        assertThat(((OrderEvent.Fill) done.get(1)).orderFilled()).isTrue();
        assertThat(t.clientOrderId()).isEqualTo(NEW_ID);
        assertThat(tracker.find(A, NEW_ID)).contains(t);
        assertThat(tracker.find(A, ID)).isEmpty();
        assertThat(tracker.fromStream(t, Cloids.of(ID), 7L, new OrderEvent.Canceled(A, NEW_ID, "7", null, T)))
                .as("a late cancel of the old oid").isEmpty();
    }

    @Test
    void aModifyKeepingTheClientOrderIdTellsTheOrdersApartByOid() {
        OrderTracker.Tracked t = submitted(TimeInForce.GTC, "2");
        tracker.apply(new OrderEvent.Accepted(A, ID, "7", T));
        tracker.modifying(t, ID, Cloids.of(ID));

        List<OrderEvent> oldCancel = tracker.fromStream(t, Cloids.of(ID), 7L, new OrderEvent.Canceled(A, ID, "7", null, T));
        List<OrderEvent> newOpen = tracker.fromStream(t, Cloids.of(ID), 9L, new OrderEvent.Accepted(A, ID, "9", T));
        List<OrderEvent> done = tracker.modified(t, 9L, new OrderEvent.Replaced(A, ID, ID, "9", new BigDecimal("2"),
                BigDecimal.ONE, null, T));

        assertThat(oldCancel).isEmpty();
        assertThat(newOpen).isEmpty();
        assertThat(kinds(done)).containsExactly("Replaced");
        assertThat(t.open()).isTrue();
        assertThat(t.oid()).isEqualTo(9L);
    }

    @Test
    void aFailedModifyAppliesTheEndTheStreamReportedMeanwhile() {
        OrderTracker.Tracked t = submitted(TimeInForce.GTC, "2");
        tracker.apply(new OrderEvent.Accepted(A, ID, "7", T));
        tracker.modifying(t, NEW_ID, Cloids.of(NEW_ID));
        tracker.fromStream(t, Cloids.of(ID), 7L, new OrderEvent.Canceled(A, ID, "7", "margin", T));

        List<OrderEvent> out = tracker.modifyFailed(t);

        assertThat(kinds(out)).containsExactly("Canceled");
        assertThat(tracker.byCloid(A, Cloids.of(NEW_ID))).isEmpty();
    }

    @Test
    void anIocThatFilledPartlyEndsOnlyAfterItsFills() {
        OrderTracker.Tracked t = submitted(TimeInForce.IOC, "1.5");
        tracker.apply(new OrderEvent.Accepted(A, ID, "7", T));

        List<OrderEvent> answer = tracker.venueFilled(t, BigDecimal.ONE, T);
        List<OrderEvent> cancel = tracker.apply(new OrderEvent.Expired(A, ID, "7", T));
        List<OrderEvent> fill = tracker.apply(fill(ID, "7", "300", "1"));

        assertThat(answer).isEmpty();
        assertThat(cancel).isEmpty();
        assertThat(kinds(fill)).containsExactly("Fill", "Expired");
        assertThat(t.open()).isFalse();
    }

    @Test
    void anEndReportedBeforeItsFillsWaitsForThemOrForThePatience() {
        OrderTracker.Tracked t = submitted(TimeInForce.IOC, "1.5");
        tracker.apply(new OrderEvent.Accepted(A, ID, "7", T));

        tracker.venueFilledSoFar(t, BigDecimal.ONE);
        List<OrderEvent> end = tracker.apply(new OrderEvent.Expired(A, ID, "7", T));
        List<OrderEvent> part = tracker.apply(fill(ID, "7", "400", "0.5"));
        List<OrderEvent> rest = tracker.apply(fill(ID, "7", "401", "0.5"));

        assertThat(end).isEmpty();
        assertThat(kinds(part)).containsExactly("Fill");
        assertThat(kinds(rest)).containsExactly("Fill", "Expired");

        String other = "77777777777777777777777777777777";
        OrderRequest o = OrderRequest.builder().account(A).clientOrderId(other).symbol("BTC/USDC:USDC").side(Side.BUY)
                .type(OrderType.LIMIT).timeInForce(TimeInForce.IOC).quantity(BigDecimal.TEN).price(BigDecimal.TEN)
                .build();
        OrderTracker.Tracked lonely = tracker.submitted(o, o.symbol(), Cloids.of(other));
        tracker.venueFilledSoFar(lonely, BigDecimal.ONE);
        assertThat(tracker.apply(new OrderEvent.Expired(A, other, "8", T))).isEmpty();
        assertThat(tracker.releaseStaleEnds(Duration.ofSeconds(10))).as("not stale yet").isEmpty();
        assertThat(tracker.releaseStaleEnds(Duration.ofSeconds(-1))).singleElement()
                .isInstanceOf(OrderEvent.Expired.class);
    }

    /** A clock the test moves. */
    private static final class MovingClock extends Clock {
        Instant now = T;

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

    @Test
    void aLiveOrderIsNeverForgottenHoweverLongItRests() {
        MovingClock moving = new MovingClock();
        OrderTracker tr = new OrderTracker(moving);
        tr.apply(new OrderEvent.Accepted(A, ID, "7", T));

        moving.now = T.plus(Duration.ofDays(30));
        tr.expire();

        assertThat(tr.find(A, ID)).hasValueSatisfying(t -> assertThat(t.open()).isTrue());
        assertThat(kinds(tr.apply(fill(ID, "7", "500", "0.1")))).as("its late fill still finds it")
                .containsExactly("Fill");
    }

    @Test
    void aModifyWhoseOutcomeIsUnknownKeepsHoldingUntilSettledAndLosesNoFill() {
        OrderTracker.Tracked t = submitted(TimeInForce.GTC, "2");
        tracker.apply(new OrderEvent.Accepted(A, ID, "7", T));
        tracker.modifying(t, NEW_ID, Cloids.of(NEW_ID));
        List<OrderEvent> oldCancel = tracker.fromStream(t, Cloids.of(ID), 7L, new OrderEvent.Canceled(A, ID, "7", null, T));
        List<OrderEvent> newFill = tracker.fromStream(t, Cloids.of(NEW_ID), 9L, fill(NEW_ID, "9", "210", "0.5"));

        tracker.modifyInDoubt(t);
        List<OrderEvent> lateOldCancel = tracker.fromStream(t, Cloids.of(ID), 7L,
                new OrderEvent.Canceled(A, ID, "7", null, T));
        List<OrderEvent> done = tracker.modified(t, 9L, new OrderEvent.Replaced(A, ID, NEW_ID, "9", new BigDecimal("2"),
                BigDecimal.ONE, null, T));

        assertThat(oldCancel).isEmpty();
        assertThat(newFill).isEmpty();
        assertThat(lateOldCancel).as("still held while the modify is in doubt").isEmpty();
        assertThat(kinds(done)).containsExactly("Replaced", "Fill");
        assertThat(t.open()).isTrue();
        assertThat(tracker.byOid(A, 9L)).contains(t);
        assertThat(tracker.byCloid(A, Cloids.of(NEW_ID))).contains(t);
        assertThat(tracker.modifyFailed(t)).as("a settled modify is not failed afterwards").isEmpty();
    }

    @Test
    void aModifyAcceptedWithoutAnOidRetiresTheOldOidAndTakesTheNextOneSeen() {
        OrderTracker.Tracked t = submitted(TimeInForce.GTC, "2");
        tracker.apply(new OrderEvent.Accepted(A, ID, "7", T));
        tracker.modifying(t, NEW_ID, Cloids.of(NEW_ID));
        List<OrderEvent> done = tracker.modified(t, null, new OrderEvent.Replaced(A, ID, NEW_ID, "7",
                new BigDecimal("2"), BigDecimal.ONE, null, T));

        List<OrderEvent> oldCancel = tracker.fromStream(t, Cloids.of(ID), 7L,
                new OrderEvent.Canceled(A, NEW_ID, "7", null, T));
        tracker.fromStream(t, Cloids.of(NEW_ID), 9L, new OrderEvent.Accepted(A, NEW_ID, "9", T));

        assertThat(kinds(done)).containsExactly("Replaced");
        assertThat(oldCancel).as("the old oid's cancel is the modify itself").isEmpty();
        assertThat(t.open()).isTrue();
        assertThat(t.oid()).isEqualTo(9L);
    }

    @Test
    void anOrderHyperliquidRefusedIgnoresTheStreamsEndAndItsIdCanBeUsedAgain() {
        OrderTracker.Tracked t = submitted(TimeInForce.IOC, "1");
        VenueError err = VenueError.rejected(RejectReason.OTHER, null, "Order could not immediately match");
        tracker.answered(A, ID);

        tracker.refused(A, ID, err);
        List<OrderEvent> streamEnd = tracker.fromStream(t, Cloids.of(ID), 7L, new OrderEvent.Expired(A, ID, "7", T));

        assertThat(streamEnd).as("iocCancelRejected of a refused order is no second end").isEmpty();
        assertThat(tracker.busy(A, ID)).isFalse();
        OrderTracker.Tracked again = submitted(TimeInForce.GTC, "1");
        assertThat(again).isNotSameAs(t);
        assertThat(kinds(tracker.apply(new OrderEvent.Accepted(A, ID, "8", T)))).containsExactly("Accepted");
    }

    @Test
    void aStreamEndBeforeTheAnswerWaitsForItAndALostAnswerLetsItThroughAsExpired() {
        OrderTracker.Tracked t = submitted(TimeInForce.IOC, "1");

        List<OrderEvent> streamEnd = tracker.fromStream(t, Cloids.of(ID), 7L, new OrderEvent.Expired(A, ID, "7", T));
        tracker.answered(A, ID);
        List<OrderEvent> lost = tracker.releaseEndBeforeAnswer(A, ID);

        assertThat(streamEnd).isEmpty();
        assertThat(kinds(lost)).containsExactly("Accepted", "Expired");
        assertThat(t.open()).isFalse();
    }

    @Test
    void aStreamEndBeforeARefusingAnswerIsDropped() {
        OrderTracker.Tracked t = submitted(TimeInForce.IOC, "1");

        tracker.fromStream(t, Cloids.of(ID), 7L, new OrderEvent.Expired(A, ID, "7", T));
        tracker.answered(A, ID);
        tracker.refused(A, ID, VenueError.rejected(RejectReason.OTHER, null, "could not immediately match"));

        assertThat(tracker.releaseEndBeforeAnswer(A, ID)).isEmpty();
        assertThat(t.open()).isFalse();
    }

    @Test
    void aConfirmedCancelEndsOnlyAfterTheFillsTheVenueReports() {
        OrderTracker.Tracked t = submitted(TimeInForce.GTC, "2");
        tracker.apply(new OrderEvent.Accepted(A, ID, "7", T));
        OrderEvent.Canceled c = new OrderEvent.Canceled(A, ID, "7", null, T);

        List<OrderEvent> now = tracker.cancelConfirmed(t, c, new BigDecimal("0.4"));
        List<OrderEvent> fill = tracker.apply(fill(ID, "7", "600", "0.4"));

        assertThat(now).isEmpty();
        assertThat(kinds(fill)).containsExactly("Fill", "Canceled");
        assertThat(t.open()).isFalse();
    }

    @Test
    void aConfirmedCancelWithoutTheFilledQuantityWaitsForTheStreamsCancel() {
        OrderTracker.Tracked t = submitted(TimeInForce.GTC, "2");
        tracker.apply(new OrderEvent.Accepted(A, ID, "7", T));

        List<OrderEvent> now = tracker.cancelConfirmed(t, new OrderEvent.Canceled(A, ID, "7", null, T), null);
        tracker.venueFilledSoFar(t, new BigDecimal("0.3"));
        List<OrderEvent> stream = tracker.fromStream(t, Cloids.of(ID), 7L, new OrderEvent.Canceled(A, ID, "7", null, T));
        List<OrderEvent> fill = tracker.apply(fill(ID, "7", "700", "0.3"));

        assertThat(now).isEmpty();
        assertThat(stream).isEmpty();
        assertThat(kinds(fill)).containsExactly("Fill", "Canceled");
    }

    @Test
    void aFilledOrderWhoseFillsDoNotAllComeIsNamedOnceForAFetch() {
        MovingClock moving = new MovingClock();
        OrderTracker tr = new OrderTracker(moving);
        tr.apply(new OrderEvent.Accepted(A, ID, "7", T));
        OrderTracker.Tracked t = tr.find(A, ID).orElseThrow();
        tr.apply(fill(ID, "7", "800", "0.4"));

        tr.finished(t, BigDecimal.ONE);
        List<OrderTracker.Tracked> early = tr.missingFills(Duration.ofSeconds(10));
        moving.now = T.plusSeconds(11);
        List<OrderTracker.Tracked> late = tr.missingFills(Duration.ofSeconds(10));
        List<OrderTracker.Tracked> again = tr.missingFills(Duration.ofSeconds(10));

        assertThat(early).isEmpty();
        assertThat(late).containsExactly(t);
        assertThat(again).isEmpty();
    }

    @Test
    void aViewIsAnImmutableCopyForOtherThreads() {
        OrderTracker.Tracked t = submitted(TimeInForce.GTC, "2");
        tracker.apply(new OrderEvent.Accepted(A, ID, "7", T));
        OrderTracker.View view = t.view();

        tracker.modifying(t, NEW_ID, Cloids.of(NEW_ID));
        tracker.modified(t, 9L, new OrderEvent.Replaced(A, ID, NEW_ID, "9", new BigDecimal("2"), BigDecimal.ONE, null, T));

        assertThat(view.cloid()).isEqualTo(Cloids.of(ID));
        assertThat(view.oids()).containsExactly(7L);
        assertThat(t.view().oids()).containsExactlyInAnyOrder(7L, 9L);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> view.oids().add(1L))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void doneOrdersAreForgottenAfterTheRetention() {
        MovingClock moving = new MovingClock();
        OrderTracker tr = new OrderTracker(moving);
        tr.apply(new OrderEvent.Accepted(A, ID, "7", T));
        tr.apply(new OrderEvent.Canceled(A, ID, "7", null, T));

        moving.now = T.plus(OrderTracker.RETENTION).plusSeconds(1);
        tr.expire();

        assertThat(tr.size()).isZero();
    }
}

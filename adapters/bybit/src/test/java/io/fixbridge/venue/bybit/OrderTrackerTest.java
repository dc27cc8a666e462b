package io.fixbridge.venue.bybit;

import io.fixbridge.venue.Liquidity;
import io.fixbridge.venue.OrderEvent;
import io.fixbridge.venue.OrderRequest;
import io.fixbridge.venue.OrderType;
import io.fixbridge.venue.RejectReason;
import io.fixbridge.venue.Side;
import io.fixbridge.venue.VenueError;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The one gate every order event passes: de-duplication, order of events, rejects after acknowledgement. */
class OrderTrackerTest {
    private static final String A = "alice";
    private static final String ID = "0f1e2d3c4b5a69788796a5b4c3d2e1f0";
    private static final Instant T = Instant.parse("2025-08-01T00:00:00Z");

    private final MutableClock clock = new MutableClock();
    private final OrderTracker tracker = new OrderTracker(Duration.ofHours(48), clock);

    private static final class MutableClock extends Clock {
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

    private static OrderEvent.Fill fill(String tradeId, String qty, boolean done) {
        return new OrderEvent.Fill(A, ID, "v1", tradeId, new BigDecimal(qty), new BigDecimal("60000"), BigDecimal.ZERO,
                "USDT", Liquidity.TAKER, T, done);
    }

    private static List<String> kinds(List<OrderEvent> events) {
        return events.stream().map(e -> e.getClass().getSimpleName()).toList();
    }

    private void submitted() {
        OrderRequest o = OrderRequest.builder().account(A).clientOrderId(ID).symbol("BTC/USDT:USDT").side(Side.BUY)
                .type(OrderType.LIMIT).quantity(new BigDecimal("0.005")).price(BigDecimal.TEN).build();
        tracker.submitted(o, BybitTranslatorTest.linear(), false);
    }

    @Test
    void anAdoptedOrderIsRememberedForGapFillsAndWhatTheStreamTaughtIsKept() {
        tracker.adopt(A, ID, BybitTranslatorTest.linear(), false);

        assertThat(tracker.remembered(A)).singleElement().satisfies(t -> {
            assertThat(t.symbol()).isEqualTo("BTC/USDT:USDT");
            assertThat(t.category()).isEqualTo(BybitCategory.LINEAR);
        });
        assertThat(kinds(tracker.apply(fill("t1", "0.005", true)))).containsExactly("Accepted", "Fill");

        String other = "99999999999999999999999999999999";
        tracker.apply(new OrderEvent.Accepted(A, other, "v2", T));
        tracker.adopt(A, other, BybitTranslatorTest.linear(), false);
        assertThat(tracker.find(A, other)).hasValueSatisfying(t -> {
            assertThat(t.symbol()).isEqualTo("BTC/USDT:USDT");
            assertThat(t.venueOrderId()).isEqualTo("v2");
        });
        assertThat(tracker.apply(new OrderEvent.Accepted(A, other, "v2", T))).as("accepted once").isEmpty();
    }

    @Test
    void oneAcceptanceOneEndAndEachFillOnce() {
        assertThat(kinds(tracker.apply(new OrderEvent.Accepted(A, ID, "v1", T)))).containsExactly("Accepted");
        assertThat(tracker.apply(new OrderEvent.Accepted(A, ID, "v1", T))).isEmpty();
        assertThat(kinds(tracker.apply(fill("t1", "0.002", false)))).containsExactly("Fill");
        assertThat(tracker.apply(fill("t1", "0.002", false))).isEmpty();
        assertThat(kinds(tracker.apply(new OrderEvent.Canceled(A, ID, "v1", null, T)))).containsExactly("Canceled");
        assertThat(tracker.apply(new OrderEvent.Canceled(A, ID, "v1", null, T))).isEmpty();
        assertThat(tracker.apply(new OrderEvent.Expired(A, ID, "v1", T))).isEmpty();
    }

    @Test
    void aFillOrEndOfAnOrderNotYetAcceptedComesAfterItsAcceptance() {
        assertThat(kinds(tracker.apply(fill("t1", "0.002", false)))).containsExactly("Accepted", "Fill");
        OrderTracker other = new OrderTracker(Duration.ofHours(48), clock);
        assertThat(kinds(other.apply(new OrderEvent.Canceled(A, ID, "v1", null, T))))
                .containsExactly("Accepted", "Canceled");
    }

    @Test
    void aRejectBeforeAnyAcknowledgementIsRejectedAndRemembered() {
        VenueError e = VenueError.rejected(RejectReason.WOULD_TAKE_LIQUIDITY, "EC_PostOnlyWillTakeLiquidity", "would take");

        assertThat(kinds(tracker.apply(new OrderEvent.Rejected(A, ID, e, T)))).containsExactly("Rejected");
        assertThat(tracker.rejection(A, ID)).contains(e);
        assertThat(tracker.apply(new OrderEvent.Accepted(A, ID, "v1", T))).as("a late acknowledgement").isEmpty();
    }

    @Test
    void aRejectAfterTheAcknowledgementIsACancelWithTheReason() {
        tracker.apply(new OrderEvent.Accepted(A, ID, "v1", T));
        VenueError e = VenueError.rejected(RejectReason.WOULD_TAKE_LIQUIDITY, "EC_PostOnlyWillTakeLiquidity", "would take");

        List<OrderEvent> out = tracker.apply(new OrderEvent.Rejected(A, ID, e, T));

        assertThat(out).singleElement().isInstanceOfSatisfying(OrderEvent.Canceled.class, c -> {
            assertThat(c.reason()).contains("would take").contains("EC_PostOnlyWillTakeLiquidity");
            assertThat(c.venueOrderId()).isEqualTo("v1");
        });
        assertThat(tracker.rejection(A, ID)).isEmpty();
    }

    @Test
    void theFillThatCompletesAFilledOrderIsMarkedOrderFilled() {
        tracker.apply(new OrderEvent.Accepted(A, ID, "v1", T));
        tracker.apply(fill("t1", "0.003", false));
        tracker.finished(A, ID, new BigDecimal("0.005"));

        List<OrderEvent> out = tracker.apply(fill("t2", "0.002", false));

        assertThat(out).singleElement().isInstanceOfSatisfying(OrderEvent.Fill.class,
                f -> assertThat(f.orderFilled()).isTrue());
        assertThat(tracker.open(A)).isEmpty();
    }

    @Test
    void anOrderTheStreamReportedFilledIsStillGapFilledForTheExecutionTheDropCarriedAway() {
        submitted();
        tracker.apply(new OrderEvent.Accepted(A, ID, "v1", T));
        tracker.apply(fill("t1", "0.003", false));
        // the order update says Filled; its last execution was lost with the connection
        tracker.finished(A, ID, new BigDecimal("0.005"));
        assertThat(tracker.open(A)).isEmpty();
        assertThat(tracker.remembered(A)).extracting(OrderTracker.Tracked::clientOrderId).containsExactly(ID);
        // the gap fill's query brings the missing execution: it passes, once, completing the order
        List<OrderEvent> recovered = tracker.apply(fill("t2", "0.002", false));
        assertThat(recovered).singleElement().isInstanceOfSatisfying(OrderEvent.Fill.class,
                f -> assertThat(f.orderFilled()).isTrue());
        assertThat(tracker.apply(fill("t2", "0.002", false))).isEmpty();
    }

    @Test
    void replacedPassesOncePerQuantityAndPrices() {
        tracker.apply(new OrderEvent.Accepted(A, ID, "v1", T));
        OrderEvent.Replaced r = new OrderEvent.Replaced(A, ID, ID, "v1", new BigDecimal("0.005"), BigDecimal.ONE, null, T);

        assertThat(tracker.apply(r)).containsExactly(r);
        assertThat(tracker.apply(r)).isEmpty();
    }

    @Test
    void anOrderInFlightIsNeverForgottenAndARefusedOneIs() {
        submitted();
        assertThat(tracker.forget(A, ID)).isFalse();
        assertThat(tracker.open(A)).hasSize(1);

        tracker.answered(A, ID);
        assertThat(tracker.forget(A, ID)).isTrue();
        assertThat(tracker.size()).isZero();
    }

    @Test
    void doneOrdersAreForgottenAfterTheRetentionOpenOnesAfterTheIdleLimit() {
        tracker.apply(new OrderEvent.Accepted(A, ID, "v1", T));
        tracker.apply(new OrderEvent.Accepted(A, "other", "v2", T));
        tracker.apply(new OrderEvent.Canceled(A, ID, "v1", null, T));

        clock.now = T.plus(OrderTracker.RETENTION).plusSeconds(1);
        tracker.expire();
        assertThat(tracker.find(A, ID)).isEmpty();
        assertThat(tracker.find(A, "other")).isPresent();

        clock.now = T.plus(Duration.ofHours(49));
        tracker.expire();
        assertThat(tracker.size()).isZero();
    }
}

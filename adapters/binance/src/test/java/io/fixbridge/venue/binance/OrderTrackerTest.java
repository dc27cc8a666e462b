package io.fixbridge.venue.binance;

import io.fixbridge.testkit.LogCapture;

import io.fixbridge.venue.Liquidity;
import io.fixbridge.venue.OrderEvent;
import io.fixbridge.venue.OrderRequest;
import io.fixbridge.venue.OrderType;
import io.fixbridge.venue.Side;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class OrderTrackerTest {
    private static final String A = "main";
    private static final String ID = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
    private static final String NEW_ID = "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb";
    private static final Instant T0 = Instant.parse("2025-08-01T00:00:00Z");

    private final MutableClock clock = new MutableClock(T0);
    private final OrderTracker tracker = new OrderTracker(Duration.ofSeconds(10), clock);
    private final BinanceInstrument btc = BinanceTranslatorTest.spot("BTCUSDT");
    private final BinanceInstrument perp = BinanceTranslatorTest.perp("BTCUSDT");

    private static OrderRequest order(String id, String symbol) {
        return OrderRequest.builder().account(A).clientOrderId(id).symbol(symbol).side(Side.BUY)
                .type(OrderType.LIMIT).quantity(new BigDecimal("0.01")).price(new BigDecimal("30000")).build();
    }

    private static OrderEvent.Fill fill(String id, String venueOrderId, String tradeId) {
        return new OrderEvent.Fill(A, id, venueOrderId, tradeId, new BigDecimal("0.004"), new BigDecimal("30000"),
                BigDecimal.ZERO, "BTC", Liquidity.MAKER, T0);
    }

    @Test
    void acceptedFromRestAndStreamIsEmittedOnce() {
        tracker.submitted(order(ID, "BTC/USDT"), btc, false);

        List<OrderEvent> first = tracker.apply(new OrderEvent.Accepted(A, ID, "29", T0));
        List<OrderEvent> second = tracker.apply(new OrderEvent.Accepted(A, ID, "29", T0.plusMillis(3)));

        assertThat(first).hasSize(1);
        assertThat(second).isEmpty();
    }

    @Test
    void fillsAreEmittedOncePerTradeIdAndAfterAnAcceptance() {
        tracker.submitted(order(ID, "BTC/USDT"), btc, false);

        List<OrderEvent> out = tracker.apply(fill(ID, "29", "1"));
        List<OrderEvent> again = tracker.apply(fill(ID, "29", "1"));
        List<OrderEvent> other = tracker.apply(fill(ID, "29", "2"));

        assertThat(out).hasSize(2);
        assertThat(out.get(0)).isEqualTo(new OrderEvent.Accepted(A, ID, "29", T0));
        assertThat(out.get(1)).isInstanceOf(OrderEvent.Fill.class);
        assertThat(again).isEmpty();
        assertThat(other).singleElement().isInstanceOf(OrderEvent.Fill.class);
    }

    @Test
    void oneTerminalEventPerOrderButLateFillsStillPass() {
        tracker.apply(new OrderEvent.Accepted(A, ID, "29", T0));

        assertThat(tracker.apply(new OrderEvent.Canceled(A, ID, "29", null, T0))).hasSize(1);
        assertThat(tracker.apply(new OrderEvent.Canceled(A, ID, "29", null, T0))).isEmpty();
        assertThat(tracker.apply(new OrderEvent.Expired(A, ID, "29", T0))).isEmpty();
        assertThat(tracker.apply(fill(ID, "29", "9"))).hasSize(1);
    }

    @Test
    void cancelReplaceStreamFirstBecomesOneReplacedAndNoCancel() {
        OrderRequest original = order(ID, "BTC/USDT");
        tracker.submitted(original, btc, false);
        tracker.apply(new OrderEvent.Accepted(A, ID, "29", T0));
        OrderRequest replacement = original.toBuilder().clientOrderId(NEW_ID).price(new BigDecimal("29999")).build();
        tracker.replacing(A, ID, replacement, btc);

        List<OrderEvent> cancel = tracker.apply(new OrderEvent.Canceled(A, ID, "29", null, T0));
        List<OrderEvent> accepted = tracker.apply(new OrderEvent.Accepted(A, NEW_ID, "32", T0));
        List<OrderEvent> rest = tracker.replaceSucceeded(A, ID, NEW_ID, "32", T0);

        assertThat(cancel).isEmpty();
        assertThat(accepted).singleElement().isInstanceOfSatisfying(OrderEvent.Replaced.class, r -> {
            assertThat(r.clientOrderId()).isEqualTo(ID);
            assertThat(r.newClientOrderId()).isEqualTo(NEW_ID);
            assertThat(r.venueOrderId()).isEqualTo("32");
            assertThat(r.quantity()).isEqualByComparingTo("0.01");
            assertThat(r.price()).isEqualByComparingTo("29999");
        });
        assertThat(rest).singleElement().isSameAs(accepted.get(0));
        assertThat(tracker.apply(new OrderEvent.Canceled(A, ID, "29", null, T0))).isEmpty();
    }

    @Test
    void cancelReplaceRestFirstEmitsTheReplacedAndSwallowsTheStreamEchoes() {
        OrderRequest original = order(ID, "BTC/USDT");
        tracker.apply(new OrderEvent.Accepted(A, ID, "29", T0));
        tracker.replacing(A, ID, original.toBuilder().clientOrderId(NEW_ID).build(), btc);

        List<OrderEvent> rest = tracker.replaceSucceeded(A, ID, NEW_ID, "32", T0);

        assertThat(rest).hasSize(2);
        assertThat(rest.get(0)).isSameAs(rest.get(1)).isInstanceOf(OrderEvent.Replaced.class);
        assertThat(tracker.apply(new OrderEvent.Canceled(A, ID, "29", null, T0))).isEmpty();
        assertThat(tracker.apply(new OrderEvent.Accepted(A, NEW_ID, "32", T0))).isEmpty();
        assertThat(tracker.apply(fill(NEW_ID, "32", "5"))).singleElement().isInstanceOf(OrderEvent.Fill.class);
    }

    @Test
    void cancelReplaceWhoseNewOrderFailedReleasesTheCancel() {
        OrderRequest original = order(ID, "BTC/USDT");
        tracker.apply(new OrderEvent.Accepted(A, ID, "29", T0));
        tracker.replacing(A, ID, original.toBuilder().clientOrderId(NEW_ID).build(), btc);
        tracker.apply(new OrderEvent.Canceled(A, ID, "29", null, T0));

        List<OrderEvent> out = tracker.replaceFailed(A, ID, NEW_ID, true, "29", T0);

        assertThat(out).singleElement().isInstanceOfSatisfying(OrderEvent.Canceled.class, c ->
                assertThat(c.clientOrderId()).isEqualTo(ID));
        assertThat(tracker.find(A, NEW_ID)).hasValueSatisfying(t -> assertThat(t.open()).isFalse());
        assertThat(tracker.apply(new OrderEvent.Rejected(A, NEW_ID, io.fixbridge.venue.VenueError.rejected(
                io.fixbridge.venue.RejectReason.WOULD_TAKE_LIQUIDITY, null, "would take"), T0))).isEmpty();
    }

    @Test
    void doneOrdersAreForgottenAtTheSweepAfterTheirRetentionWhileHeldCancelsAreReleasedAtEveryCall() {
        tracker.apply(new OrderEvent.Accepted(A, ID, "29", T0));
        tracker.apply(new OrderEvent.Canceled(A, ID, "29", null, T0));
        clock.advance(OrderTracker.RETENTION.minusSeconds(10));
        tracker.expire(); // sweeps: the canceled order is 10 s short of its retention
        assertThat(tracker.find(A, ID)).isPresent();

        tracker.apply(new OrderEvent.Accepted(A, NEW_ID, "30", clock.instant()));
        tracker.replacing(A, NEW_ID, order("cccccccccccccccccccccccccccccccc", "BTC/USDT"), btc);
        tracker.apply(new OrderEvent.Canceled(A, NEW_ID, "30", null, clock.instant()));
        clock.advance(Duration.ofSeconds(20));
        assertThat(tracker.expire()).as("the held cancel waits only for the hold time, not for a sweep")
                .singleElement().isInstanceOf(OrderEvent.Canceled.class);
        assertThat(tracker.find(A, ID)).as("past its retention, but the next sweep is due 30 s after the last").isPresent();

        clock.advance(OrderTracker.SWEEP_INTERVAL.minusSeconds(10));
        tracker.expire();
        assertThat(tracker.find(A, ID)).isEmpty();
        assertThat(tracker.find(A, NEW_ID)).isPresent();
    }

    @Test
    void heldCancelIsReleasedWhenNoReplacementAppearsWithinTheHoldTime() {
        tracker.apply(new OrderEvent.Accepted(A, ID, "29", T0));
        tracker.replacing(A, ID, order(NEW_ID, "BTC/USDT"), btc);
        tracker.apply(new OrderEvent.Canceled(A, ID, "29", null, T0));

        assertThat(tracker.expire()).isEmpty();
        clock.advance(Duration.ofSeconds(11));

        assertThat(tracker.expire()).singleElement().isInstanceOf(OrderEvent.Canceled.class);
    }

    @Test
    void aFilledOrderIsDoneForGapFillsAndCancels() {
        tracker.submitted(order(ID, "BTC/USDT"), btc, false);
        tracker.apply(fill(ID, "29", "1"));

        tracker.finished(A, ID);

        assertThat(tracker.open(A, BinanceMarket.SPOT)).isEmpty();
        assertThat(tracker.apply(new OrderEvent.Expired(A, ID, "29", T0))).isEmpty();
    }

    @Test
    void futuresModifyIsReplacedOnceFromRestAndStream() {
        tracker.apply(new OrderEvent.Accepted(A, ID, "7", T0));
        OrderEvent.Replaced r = new OrderEvent.Replaced(A, ID, ID, "7", new BigDecimal("0.020"),
                new BigDecimal("49990.00"), null, T0);
        OrderEvent.Replaced echo = new OrderEvent.Replaced(A, ID, ID, "7", new BigDecimal("0.02"),
                new BigDecimal("49990"), null, T0);

        assertThat(tracker.apply(r)).hasSize(1);
        assertThat(tracker.apply(echo)).isEmpty();
    }

    @Test
    void algoChildEventsAreRelabelledToTheConditionalOrder() {
        OrderRequest stop = order(ID, "BTC/USDT:USDT").toBuilder().type(OrderType.STOP).price(null)
                .stopPrice(new BigDecimal("55000")).build();
        tracker.submitted(stop, perp, true);
        tracker.apply(new OrderEvent.Accepted(A, ID, "2146760", T0));

        List<OrderEvent> early = tracker.applyFutures(A, "BTCUSDT", 22542200L, null,
                List.of(fill("spawned", "22542200", "698759")));
        List<OrderEvent> linked = tracker.linkChild(A, ID, "2146760", "22542200");

        assertThat(early).isEmpty();
        assertThat(linked).singleElement().isInstanceOfSatisfying(OrderEvent.Fill.class, f -> {
            assertThat(f.clientOrderId()).isEqualTo(ID);
            assertThat(f.venueOrderId()).isEqualTo("2146760");
        });
        assertThat(tracker.applyFutures(A, "BTCUSDT", 22542200L, null,
                List.of(new OrderEvent.Accepted(A, "spawned", "22542200", T0)))).isEmpty();
    }

    @Test
    void algoChildIsLinkedByStrategyIdWithoutWaiting() {
        tracker.submitted(order(ID, "BTC/USDT:USDT").toBuilder().type(OrderType.STOP).price(null)
                .stopPrice(new BigDecimal("55000")).build(), perp, true);
        tracker.apply(new OrderEvent.Accepted(A, ID, "2146760", T0));

        List<OrderEvent> out = tracker.applyFutures(A, "BTCUSDT", 22542200L, 2146760L,
                List.of(fill("spawned", "22542200", "698759")));

        assertThat(out).singleElement().extracting(OrderEvent::clientOrderId).isEqualTo(ID);
    }

    @Test
    void unclaimedFuturesEventsAreReleasedAsTheyAreAfterTheHoldTime() {
        tracker.submitted(order(ID, "BTC/USDT:USDT").toBuilder().type(OrderType.STOP).price(null)
                .stopPrice(new BigDecimal("55000")).build(), perp, true);
        tracker.apply(new OrderEvent.Accepted(A, ID, "2146760", T0));

        assertThat(tracker.applyFutures(A, "BTCUSDT", 99L, null,
                List.of(new OrderEvent.Accepted(A, "someone-else", "99", T0)))).isEmpty();
        clock.advance(Duration.ofSeconds(11));

        assertThat(tracker.expire()).singleElement().extracting(OrderEvent::clientOrderId).isEqualTo("someone-else");
    }

    @Test
    void openOrdersForGapFillAndRetention() {
        tracker.submitted(order(ID, "BTC/USDT"), btc, false);
        tracker.submitted(order(NEW_ID, "BTC/USDT"), btc, false);
        tracker.apply(new OrderEvent.Accepted(A, NEW_ID, "2", T0));
        tracker.apply(new OrderEvent.Canceled(A, NEW_ID, "2", null, T0));

        assertThat(tracker.open(A, BinanceMarket.SPOT)).extracting(OrderTracker.Tracked::clientOrderId)
                .containsExactly(ID);
        clock.advance(OrderTracker.RETENTION.plusMinutes(1));
        tracker.expire();
        assertThat(tracker.find(A, NEW_ID)).isEmpty();
        assertThat(tracker.find(A, ID)).isPresent();
    }

    @Test
    void anOrderWhoseSubmitIsInFlightIsNeverForgottenUntilItsAnswerIsHandled() {
        tracker.submitted(order(ID, "BTC/USDT"), btc, false);

        assertThat(tracker.forget(A, ID)).as("Binance not having it yet proves nothing").isFalse();
        assertThat(tracker.find(A, ID)).hasValueSatisfying(t -> {
            assertThat(t.market()).isEqualTo(BinanceMarket.SPOT);
            assertThat(t.inFlight()).isTrue();
        });
        assertThat(tracker.open(A, BinanceMarket.SPOT)).extracting(OrderTracker.Tracked::clientOrderId)
                .containsExactly(ID);

        tracker.answered(A, List.of(ID));

        assertThat(tracker.inFlight(A, ID)).isFalse();
        assertThat(tracker.forget(A, ID)).as("refused: never placed").isTrue();
        assertThat(tracker.find(A, ID)).isEmpty();
    }

    @Test
    void aCancelReplaceInFlightKeepsItsReplacementSoTheAnswerFindsIt() {
        OrderRequest original = order(ID, "BTC/USDT");
        tracker.submitted(original, btc, false);
        tracker.apply(new OrderEvent.Accepted(A, ID, "29", T0));
        tracker.answered(A, List.of(ID));
        tracker.replacing(A, ID, original.toBuilder().clientOrderId(NEW_ID).build(), btc);

        tracker.forget(A, NEW_ID);
        tracker.apply(new OrderEvent.Canceled(A, ID, "29", null, T0));
        tracker.answered(A, List.of(ID, NEW_ID));
        List<OrderEvent> done = tracker.replaceSucceeded(A, ID, NEW_ID, "32", T0);

        assertThat(done.get(done.size() - 1)).isInstanceOfSatisfying(OrderEvent.Replaced.class, r -> {
            assertThat(r.newClientOrderId()).isEqualTo(NEW_ID);
            assertThat(r.venueOrderId()).isEqualTo("32");
        });
        clock.advance(Duration.ofSeconds(11));
        assertThat(tracker.expire()).as("no held cancel is released as a false Canceled").isEmpty();
    }

    @Test
    void anOlderFuturesAmendmentNeverFollowsANewerOne() {
        tracker.apply(new OrderEvent.Accepted(A, ID, "7", T0));
        OrderEvent.Replaced first = new OrderEvent.Replaced(A, ID, ID, "7", new BigDecimal("0.02"),
                new BigDecimal("49990"), null, T0.plusMillis(100));
        OrderEvent.Replaced second = new OrderEvent.Replaced(A, ID, ID, "7", new BigDecimal("0.03"),
                new BigDecimal("49980"), null, T0.plusMillis(200));

        assertThat(tracker.apply(second)).singleElement().isSameAs(second);
        assertThat(tracker.apply(first)).as("the first modify's late AMENDMENT").isEmpty();
        assertThat(tracker.apply(new OrderEvent.Replaced(A, ID, ID, "7", new BigDecimal("0.03"),
                new BigDecimal("49980"), null, T0.plusMillis(200)))).as("the newer one's echo").isEmpty();
        OrderEvent.Replaced third = new OrderEvent.Replaced(A, ID, ID, "7", new BigDecimal("0.02"),
                new BigDecimal("49990"), null, T0.plusMillis(300));
        assertThat(tracker.apply(third)).as("a newer amendment back to earlier values").singleElement()
                .isSameAs(third);
    }

    @Test
    void aBufferedChildEventOfAFilledOrderStillFinishesTheConditionalOrderWhenReleased() {
        tracker.submitted(order(ID, "BTC/USDT:USDT").toBuilder().type(OrderType.STOP).price(null)
                .stopPrice(new BigDecimal("55000")).build(), perp, true);
        tracker.apply(new OrderEvent.Accepted(A, ID, "2146760", T0));
        tracker.answered(A, List.of(ID));
        OrderEvent.Fill last = new OrderEvent.Fill(A, "spawned", "22542200", "698759", new BigDecimal("0.01"),
                new BigDecimal("55000"), BigDecimal.ZERO, "USDT", Liquidity.TAKER, T0, true);

        assertThat(tracker.applyFutures(A, "BTCUSDT", 22542200L, null, List.of(last), true)).isEmpty();
        List<OrderEvent> released = tracker.linkChild(A, ID, "2146760", "22542200");

        assertThat(released).singleElement().isInstanceOfSatisfying(OrderEvent.Fill.class, f -> {
            assertThat(f.clientOrderId()).isEqualTo(ID);
            assertThat(f.orderFilled()).isTrue();
        });
        assertThat(tracker.find(A, ID)).hasValueSatisfying(t -> assertThat(t.open()).as("done: FILLED").isFalse());
        assertThat(tracker.open(A, BinanceMarket.FUTURES)).isEmpty();
    }

    @Test
    void aBufferedFilledEventReleasedAfterTheHoldTimeFinishesItsOwnOrder() {
        tracker.submitted(order(ID, "BTC/USDT:USDT").toBuilder().type(OrderType.STOP).price(null)
                .stopPrice(new BigDecimal("55000")).build(), perp, true);
        tracker.apply(new OrderEvent.Accepted(A, ID, "2146760", T0));
        tracker.answered(A, List.of(ID));

        assertThat(tracker.applyFutures(A, "BTCUSDT", 99L, null, List.of(new OrderEvent.Fill(A, "someone-else", "99",
                "5", new BigDecimal("0.01"), new BigDecimal("60000"), BigDecimal.ZERO, "USDT", Liquidity.TAKER, T0,
                true)), true)).as("may be the conditional order's child: held").isEmpty();
        clock.advance(Duration.ofSeconds(11));
        List<OrderEvent> released = tracker.expire();

        assertThat(released).extracting(e -> e.getClass().getSimpleName()).containsExactly("Accepted", "Fill");
        assertThat(tracker.find(A, "someone-else")).hasValueSatisfying(t -> assertThat(t.open()).isFalse());
    }

    @Test
    void ordersNeverSeenToEndAreForgottenAfterTheIdleLimitWithAWarning() {
        OrderTracker t = new OrderTracker(Duration.ofSeconds(10), Duration.ofHours(24), clock);
        t.submitted(order(ID, "BTC/USDT"), btc, false);
        t.answered(A, List.of(ID));
        t.submitted(order(NEW_ID, "BTC/USDT"), btc, false);
        t.answered(A, List.of(NEW_ID));
        t.apply(new OrderEvent.Accepted(A, NEW_ID, "2", T0));

        clock.advance(Duration.ofHours(23));
        t.apply(new OrderEvent.Fill(A, NEW_ID, "2", "1", new BigDecimal("0.001"), new BigDecimal("30000"),
                BigDecimal.ZERO, "BTC", Liquidity.MAKER, clock.instant()));
        assertThat(t.expire()).isEmpty();
        assertThat(t.size()).isEqualTo(2);

        clock.advance(Duration.ofHours(1).plusSeconds(1));
        try (LogCapture log = new LogCapture()) {
            t.expire();

            assertThat(t.find(A, ID)).as("an outcome-unknown submit the gateway settled itself").isEmpty();
            assertThat(t.find(A, NEW_ID)).as("heard of an hour ago").isPresent();
            assertThat(log.lines()).anyMatch(l -> l.startsWith("WARN") && l.contains("forgetting order " + ID));
        }
    }

    @Test
    void anOrderInFlightIsNotPrunedHoweverLongItIsIdle() {
        OrderTracker t = new OrderTracker(Duration.ofSeconds(10), Duration.ofHours(24), clock);
        t.submitted(order(ID, "BTC/USDT"), btc, false);

        clock.advance(Duration.ofHours(25));
        t.expire();

        assertThat(t.find(A, ID)).isPresent();
    }

    @Test
    void aPrunedConditionalOrderLeavesNoLinkBehind() {
        tracker.submitted(order(ID, "BTC/USDT:USDT").toBuilder().type(OrderType.STOP).price(null)
                .stopPrice(new BigDecimal("55000")).build(), perp, true);
        tracker.apply(new OrderEvent.Accepted(A, ID, "2146760", T0));
        tracker.answered(A, List.of(ID));
        tracker.linkChild(A, ID, "2146760", "22542200");
        tracker.apply(new OrderEvent.Canceled(A, ID, "2146760", null, T0));
        assertThat(tracker.parentOfChild(A, "22542200")).isPresent();

        clock.advance(OrderTracker.RETENTION.plusMinutes(1));
        tracker.expire();

        assertThat(tracker.size()).isZero();
        assertThat(tracker.parentOfChild(A, "22542200")).isEmpty();
        assertThat(tracker.applyFutures(A, "BTCUSDT", 22542200L, 2146760L,
                List.of(new OrderEvent.Expired(A, "spawned", "22542200", T0)))).isNotEmpty()
                .extracting(OrderEvent::clientOrderId).as("not relabelled to a forgotten order").containsOnly("spawned");
    }

    /** A clock tests move by hand. */
    static final class MutableClock extends Clock {
        private Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public java.time.ZoneId getZone() {
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
}

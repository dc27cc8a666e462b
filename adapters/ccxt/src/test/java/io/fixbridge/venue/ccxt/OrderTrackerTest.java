package io.fixbridge.venue.ccxt;

import io.fixbridge.venue.OrderEvent;
import io.fixbridge.venue.OrderRequest;
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
    private final OrderTracker tracker = new OrderTracker(Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"),
            ZoneOffset.UTC), Duration.ofHours(48));

    private static OrderRequest order(TimeInForce tif, String qty) {
        return OrderRequest.builder().account("a").clientOrderId("c1").symbol("BTC/USDT").side(Side.BUY)
                .type(OrderType.LIMIT).timeInForce(tif).quantity(new BigDecimal(qty)).price(new BigDecimal("60000"))
                .build();
    }

    private static CcxtOrder ccxt(String id, String status, String filled) {
        return new CcxtOrder(id, "c1", "BTC/USDT", "limit", "buy", status, new BigDecimal("60000"), null,
                new BigDecimal("1"), new BigDecimal(filled), null, null, null, null, false, "GTC", 1L, null, null,
                List.of());
    }

    private static CcxtTrade trade(String id, String order, String qty) {
        return new CcxtTrade(id, order, null, "BTC/USDT", "buy", new BigDecimal("60000"), new BigDecimal(qty), null,
                new CcxtFee(new BigDecimal("0.01"), "USDT"), "maker", 2L);
    }

    private static List<String> kinds(List<OrderEvent> events) {
        return events.stream().map(e -> e.getClass().getSimpleName()).toList();
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

        OrderTracker other = new OrderTracker(Clock.systemUTC(), Duration.ofHours(1));
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
}

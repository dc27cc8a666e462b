package io.fixbridge.venue.paper.engine;

import io.fixbridge.venue.Liquidity;
import io.fixbridge.venue.OrderRequest;
import io.fixbridge.venue.OrderSnapshot.Status;
import io.fixbridge.venue.RejectReason;
import io.fixbridge.venue.Side;
import io.fixbridge.venue.TimeInForce;
import org.junit.jupiter.api.Test;

import static io.fixbridge.venue.paper.engine.EngineHarness.SPOT;
import static io.fixbridge.venue.paper.engine.EngineHarness.d;
import static org.assertj.core.api.Assertions.assertThat;

class AmendTest {
    private final EngineHarness h = new EngineHarness();

    private OrderRequest sell(String id, String quantity, String price) {
        return h.limit("alice", SPOT, Side.SELL, quantity, price).clientOrderId(id).build();
    }

    private EngineResult amend(OrderView order, OrderRequest replacement) {
        return h.engine.amend(order.account(), order.clientOrderId(), order.venueOrderId(), replacement);
    }

    private OrderView amended(OrderView order, OrderRequest replacement) {
        EngineResult result = amend(order, replacement);
        assertThat(result).isInstanceOf(EngineResult.Done.class);
        return ((EngineResult.Done) result).order();
    }

    private EngineResult.Refused refusedAmend(OrderView order, OrderRequest replacement) {
        EngineResult result = amend(order, replacement);
        assertThat(result).isInstanceOf(EngineResult.Refused.class);
        return (EngineResult.Refused) result;
    }

    @Test
    void quantityDecreaseAtTheSamePriceKeepsTimePriority() {
        OrderView first = h.accept(h.limit("alice", SPOT, Side.SELL, "3", "100").clientOrderId("a1"));
        OrderView second = h.accept(h.limit("bob", SPOT, Side.SELL, "1", "100"));

        OrderView after = amended(first, sell("a2", "2", "100"));
        h.accept(h.limit("carol", SPOT, Side.BUY, "1", "100"));

        assertThat(after.venueOrderId()).isEqualTo(first.venueOrderId());
        assertThat(after.clientOrderId()).isEqualTo("a2");
        assertThat(h.view(first).filledQuantity()).isEqualByComparingTo("1");
        assertThat(h.view(second).filledQuantity()).isEqualByComparingTo("0");
        assertThat(h.engine.book(SPOT).depth(Side.SELL, 1)).containsExactly(new BookLevel(d("100"), d("2")));
    }

    @Test
    void quantityIncreaseLosesTimePriority() {
        OrderView first = h.accept(h.limit("alice", SPOT, Side.SELL, "1", "100").clientOrderId("a1"));
        OrderView second = h.accept(h.limit("bob", SPOT, Side.SELL, "1", "100"));

        amended(first, sell("a2", "2", "100"));
        h.accept(h.limit("carol", SPOT, Side.BUY, "1", "100"));

        assertThat(h.view(second).status()).isEqualTo(Status.FILLED);
        assertThat(h.view(first).filledQuantity()).isEqualByComparingTo("0");
    }

    @Test
    void priceChangeLosesTimePriority() {
        OrderView first = h.accept(h.limit("alice", SPOT, Side.SELL, "1", "101").clientOrderId("a1"));
        OrderView second = h.accept(h.limit("bob", SPOT, Side.SELL, "1", "100"));

        amended(first, sell("a2", "1", "100"));
        h.accept(h.limit("carol", SPOT, Side.BUY, "1", "100"));

        assertThat(h.view(second).status()).isEqualTo(Status.FILLED);
        assertThat(h.view(first).status()).isEqualTo(Status.NEW);
        assertThat(h.view(first).price()).isEqualByComparingTo("100");
    }

    @Test
    void replacedEventCarriesOldAndNewIdsAndTheOldIdStillFindsTheOrder() {
        OrderView order = h.accept(h.limit("alice", SPOT, Side.SELL, "1", "101").clientOrderId("a1"));

        amended(order, sell("a2", "3", "102"));

        RecordingEngineListener.Event replaced = h.events.all().get(h.events.all().size() - 1);
        assertThat(replaced.kind()).isEqualTo("replaced");
        assertThat(replaced.text()).isEqualTo("a1");
        assertThat(replaced.order().clientOrderId()).isEqualTo("a2");
        assertThat(replaced.order().quantity()).isEqualByComparingTo("3");
        assertThat(replaced.order().price()).isEqualByComparingTo("102");
        assertThat(h.engine.order("alice", "a1")).map(OrderView::clientOrderId).contains("a2");
        assertThat(h.engine.order("alice", "a2")).map(OrderView::venueOrderId).contains(order.venueOrderId());
    }

    @Test
    void amendThatMakesTheOrderMarketableMatchesAtOnce() {
        h.accept(h.limit("bob", SPOT, Side.BUY, "1", "99"));
        OrderView order = h.accept(h.limit("alice", SPOT, Side.SELL, "1", "101").clientOrderId("a1"));

        OrderView after = amended(order, sell("a2", "1", "99"));

        assertThat(after.status()).isEqualTo(Status.FILLED);
        assertThat(h.events.kinds(order.venueOrderId())).containsExactly("accepted", "replaced", "fill");
        Execution fill = h.events.fills(order.venueOrderId()).get(0);
        assertThat(fill.clientOrderId()).isEqualTo("a2");
        assertThat(fill.liquidity()).isEqualTo(Liquidity.TAKER);
        assertThat(fill.price()).isEqualByComparingTo("99");
    }

    @Test
    void newTotalNotAboveTheFilledQuantityIsRefused() {
        OrderView order = h.accept(h.limit("alice", SPOT, Side.SELL, "3", "100").clientOrderId("a1"));
        h.accept(h.limit("bob", SPOT, Side.BUY, "2", "100"));

        EngineResult.Refused refused = refusedAmend(order, sell("a2", "2", "100"));

        assertThat(refused.reason()).isEqualTo(RejectReason.INCORRECT_QUANTITY);
        assertThat(refused.text()).contains("already filled");
        assertThat(h.view(order).clientOrderId()).isEqualTo("a1");
        assertThat(h.view(order).quantity()).isEqualByComparingTo("3");
    }

    @Test
    void partiallyFilledOrderAmendsToANewTotalIncludingTheFilledPart() {
        OrderView order = h.accept(h.limit("alice", SPOT, Side.SELL, "3", "100").clientOrderId("a1"));
        h.accept(h.limit("bob", SPOT, Side.BUY, "1", "100"));

        OrderView after = amended(order, sell("a2", "2", "100"));

        assertThat(after.leavesQuantity()).isEqualByComparingTo("1");
        assertThat(h.engine.book(SPOT).depth(Side.SELL, 1)).containsExactly(new BookLevel(d("100"), d("1")));
    }

    @Test
    void amendOfUnknownOrderIsRefusedAsUnknown() {
        EngineResult result = h.engine.amend("alice", "nope", null, sell("a2", "1", "100"));

        assertThat(result).isInstanceOfSatisfying(EngineResult.Refused.class,
                r -> assertThat(r.reason()).isEqualTo(RejectReason.UNKNOWN_ORDER));
    }

    @Test
    void amendOrCancelOfADoneOrderIsTooLate() {
        OrderView order = h.accept(h.limit("alice", SPOT, Side.SELL, "1", "100").clientOrderId("a1"));
        h.accept(h.limit("bob", SPOT, Side.BUY, "1", "100"));

        EngineResult.Refused amend = refusedAmend(order, sell("a2", "2", "100"));
        EngineResult cancel = h.engine.cancel("alice", SPOT, "a1", null);

        assertThat(amend.reason()).isEqualTo(RejectReason.TOO_LATE);
        assertThat(amend.text()).contains("FILLED");
        assertThat(cancel).isInstanceOfSatisfying(EngineResult.Refused.class,
                r -> assertThat(r.reason()).isEqualTo(RejectReason.TOO_LATE));
    }

    @Test
    void cancelOfUnknownOrderIsRefusedAsUnknown() {
        EngineResult result = h.engine.cancel("alice", SPOT, "nope", "999");

        assertThat(result).isInstanceOfSatisfying(EngineResult.Refused.class,
                r -> assertThat(r.reason()).isEqualTo(RejectReason.UNKNOWN_ORDER));
    }

    @Test
    void amendToAnotherOrdersClientOrderIdIsADuplicate() {
        OrderView order = h.accept(h.limit("alice", SPOT, Side.SELL, "1", "101").clientOrderId("a1"));
        h.accept(h.limit("alice", SPOT, Side.SELL, "1", "102").clientOrderId("b1"));

        EngineResult.Refused refused = refusedAmend(order, sell("b1", "1", "103"));

        assertThat(refused.reason()).isEqualTo(RejectReason.DUPLICATE_ORDER);
    }

    @Test
    void amendMayNotChangeTheTimeInForce() {
        OrderView order = h.accept(h.limit("alice", SPOT, Side.SELL, "1", "101").clientOrderId("a1"));

        EngineResult.Refused refused = refusedAmend(order,
                h.limit("alice", SPOT, Side.SELL, "1", "101").clientOrderId("a2").timeInForce(TimeInForce.IOC).build());

        assertThat(refused.reason()).isEqualTo(RejectReason.UNSUPPORTED_ORDER_CHARACTERISTIC);
        assertThat(refused.text()).contains("time in force");
    }

    @Test
    void amendMayNotMoveTheOrderToAnotherAccount() {
        OrderView order = h.accept(h.limit("alice", SPOT, Side.SELL, "1", "101").clientOrderId("a1"));

        EngineResult.Refused refused = refusedAmend(order,
                h.limit("bob", SPOT, Side.SELL, "1", "102").clientOrderId("a2").build());

        assertThat(refused.reason()).isEqualTo(RejectReason.UNSUPPORTED_ORDER_CHARACTERISTIC);
        assertThat(h.view(order).price()).isEqualByComparingTo("101");
    }

    @Test
    void amendOffTickIsRefusedAndTheOrderStands() {
        OrderView order = h.accept(h.limit("alice", SPOT, Side.SELL, "1", "101").clientOrderId("a1"));

        EngineResult.Refused refused = refusedAmend(order, sell("a2", "1", "101.5"));

        assertThat(refused.reason()).isEqualTo(RejectReason.INVALID_PRICE_INCREMENT);
        assertThat(h.view(order).price()).isEqualByComparingTo("101");
        assertThat(h.view(order).clientOrderId()).isEqualTo("a1");
    }

    @Test
    void amendThatNeedsMoreFundsThanAvailableIsRefused() {
        EngineHarness poor = new EngineHarness(FeeSchedule.NONE, java.util.Map.of("USDT", d("1000")));
        OrderView order = poor.accept(poor.limit("alice", SPOT, Side.BUY, "5", "100").clientOrderId("a1"));

        EngineResult result = poor.engine.amend("alice", "a1", null,
                poor.limit("alice", SPOT, Side.BUY, "20", "100").clientOrderId("a2").build());

        assertThat(result).isInstanceOfSatisfying(EngineResult.Refused.class,
                r -> assertThat(r.reason()).isEqualTo(RejectReason.INSUFFICIENT_FUNDS));
        assertThat(poor.view(order).quantity()).isEqualByComparingTo("5");
        assertThat(poor.balance("alice", "USDT").available()).isEqualByComparingTo("500");
    }
}

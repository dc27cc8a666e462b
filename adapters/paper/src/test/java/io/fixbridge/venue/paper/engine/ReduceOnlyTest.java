package io.fixbridge.venue.paper.engine;

import io.fixbridge.venue.OrderSnapshot.Status;
import io.fixbridge.venue.RejectReason;
import io.fixbridge.venue.Side;
import io.fixbridge.venue.TimeInForce;
import org.junit.jupiter.api.Test;

import static io.fixbridge.venue.paper.engine.EngineHarness.PERP;
import static io.fixbridge.venue.paper.engine.EngineHarness.SPOT;
import static org.assertj.core.api.Assertions.assertThat;

class ReduceOnlyTest {
    private final EngineHarness h = new EngineHarness();

    /** alice goes long {@code quantity} at 100, bob short. */
    private void aliceLong(String quantity) {
        h.accept(h.limit("bob", PERP, Side.SELL, quantity, "100"));
        h.accept(h.limit("alice", PERP, Side.BUY, quantity, "100"));
        assertThat(h.position("alice", PERP).quantity()).isEqualByComparingTo(quantity);
    }

    @Test
    void reduceOnlyThatWouldIncreaseIsRefused() {
        aliceLong("2");

        EngineResult.Refused refused = h.refuse(h.limit("alice", PERP, Side.BUY, "1", "90").reduceOnly(true));

        assertThat(refused.reason()).isEqualTo(RejectReason.REDUCE_ONLY_WOULD_INCREASE);
        assertThat(refused.text()).contains("2 long");
    }

    @Test
    void reduceOnlyThatWouldFlipIsRefused() {
        aliceLong("2");

        EngineResult.Refused refused = h.refuse(h.limit("alice", PERP, Side.SELL, "3", "110").reduceOnly(true));

        assertThat(refused.reason()).isEqualTo(RejectReason.REDUCE_ONLY_WOULD_INCREASE);
    }

    @Test
    void reduceOnlyWhenFlatIsRefused() {
        EngineResult.Refused refused = h.refuse(h.limit("carol", PERP, Side.SELL, "1", "110").reduceOnly(true));

        assertThat(refused.reason()).isEqualTo(RejectReason.REDUCE_ONLY_WOULD_INCREASE);
        assertThat(refused.text()).contains("flat");
    }

    @Test
    void reduceOnlyThatReducesIsAcceptedAndFills() {
        aliceLong("2");

        OrderView reduce = h.accept(h.limit("alice", PERP, Side.SELL, "1", "110").reduceOnly(true));
        h.accept(h.limit("carol", PERP, Side.BUY, "1", "110"));

        assertThat(h.view(reduce).status()).isEqualTo(Status.FILLED);
        assertThat(h.position("alice", PERP).quantity()).isEqualByComparingTo("1");
    }

    @Test
    void reduceOnlyFillIsClippedToThePositionAndTheRestIsCanceled() {
        aliceLong("2");
        OrderView reduce = h.accept(h.limit("alice", PERP, Side.SELL, "2", "110").reduceOnly(true));
        h.accept(h.limit("carol", PERP, Side.BUY, "1.5", "105"));
        h.accept(h.limit("alice", PERP, Side.SELL, "1.5", "105"));
        assertThat(h.position("alice", PERP).quantity()).isEqualByComparingTo("0.5");
        assertThat(h.view(reduce).status()).isEqualTo(Status.NEW);

        OrderView taker = h.accept(h.limit("carol", PERP, Side.BUY, "2", "110").timeInForce(TimeInForce.IOC));

        OrderView clipped = h.view(reduce);
        assertThat(clipped.filledQuantity()).isEqualByComparingTo("0.5");
        assertThat(clipped.status()).isEqualTo(Status.CANCELED);
        assertThat(h.events.kinds(reduce.venueOrderId())).containsExactly("accepted", "fill", "canceled");
        assertThat(h.events.all().stream().filter(e -> e.kind().equals("canceled")).findFirst().orElseThrow().text())
                .isEqualTo(MatchingEngine.REDUCE_ONLY_EXHAUSTED);
        assertThat(h.position("alice", PERP).quantity()).isEqualByComparingTo("0");
        assertThat(taker.filledQuantity()).isEqualByComparingTo("0.5");
    }

    @Test
    void reduceOnlyIsCanceledWhenAnotherOrderClosesThePosition() {
        aliceLong("1");
        OrderView reduce = h.accept(h.limit("alice", PERP, Side.SELL, "1", "120").reduceOnly(true));
        h.accept(h.limit("bob", PERP, Side.BUY, "1", "101"));

        h.accept(h.market("alice", PERP, Side.SELL, "1"));

        assertThat(h.view(reduce).status()).isEqualTo(Status.CANCELED);
        assertThat(h.engine.openOrders("alice")).isEmpty();
    }

    @Test
    void reduceOnlyIsNotAvailableOnSpot() {
        EngineResult.Refused refused = h.refuse(h.limit("alice", SPOT, Side.SELL, "1", "110").reduceOnly(true));

        assertThat(refused.reason()).isEqualTo(RejectReason.UNSUPPORTED_ORDER_CHARACTERISTIC);
        assertThat(refused.text()).contains("reduce-only");
    }
}

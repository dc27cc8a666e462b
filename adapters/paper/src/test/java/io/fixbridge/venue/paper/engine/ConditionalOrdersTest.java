package io.fixbridge.venue.paper.engine;

import io.fixbridge.venue.Liquidity;
import io.fixbridge.venue.OrderRequest;
import io.fixbridge.venue.OrderSnapshot.Status;
import io.fixbridge.venue.OrderType;
import io.fixbridge.venue.RejectReason;
import io.fixbridge.venue.Side;
import io.fixbridge.venue.TriggerDirection;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.fixbridge.venue.paper.engine.EngineHarness.SPOT;
import static io.fixbridge.venue.paper.engine.EngineHarness.SPOT_INSTRUMENT;
import static io.fixbridge.venue.paper.engine.EngineHarness.d;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Stops, take-profits, stop-limits and post-only against a still synthetic market: mid 1000,
 * bids 999/998/997 and asks 1001/1002/1003 of 5 each, moved only by {@code moveMid}.
 */
class ConditionalOrdersTest {
    private final EngineHarness h = new EngineHarness();
    private final SyntheticMarket market = new SyntheticMarket(h.engine, new SyntheticMarket.Settings(7, 3, 2, 1, 0),
            List.of(new MarketInstrument(SPOT_INSTRUMENT, d("1000"), d("5"))));

    private OrderRequest.Builder conditional(Side side, OrderType type, String stop) {
        return h.market("alice", SPOT, side, "1").type(type).stopPrice(d(stop));
    }

    @Test
    void sellStopFiresWhenTheMidFallsToItsPriceAndSellsAtMarket() {
        OrderView stop = h.accept(conditional(Side.SELL, OrderType.STOP, "995"));
        assertThat(stop.triggered()).isFalse();
        assertThat(h.engine.openOrders("alice")).extracting(OrderView::venueOrderId).containsExactly(stop.venueOrderId());

        market.moveMid(SPOT, -3);
        assertThat(h.view(stop).status()).as("mid 997 is above the stop").isEqualTo(Status.NEW);
        market.moveMid(SPOT, 6);
        assertThat(h.view(stop).status()).as("a rise never fires a sell stop").isEqualTo(Status.NEW);
        market.moveMid(SPOT, -8);

        OrderView fired = h.view(stop);
        assertThat(fired.status()).isEqualTo(Status.FILLED);
        assertThat(h.events.kinds(stop.venueOrderId())).containsExactly("accepted", "triggered", "fill");
        Execution fill = h.events.fills(stop.venueOrderId()).get(0);
        assertThat(fill.price()).isEqualByComparingTo("994");
        assertThat(fill.liquidity()).isEqualTo(Liquidity.TAKER);
    }

    @Test
    void buyStopFiresWhenTheMidRises() {
        OrderView stop = h.accept(conditional(Side.BUY, OrderType.STOP, "1005"));

        market.moveMid(SPOT, -5);
        assertThat(h.view(stop).status()).isEqualTo(Status.NEW);
        market.moveMid(SPOT, 10);

        assertThat(h.view(stop).status()).isEqualTo(Status.FILLED);
        assertThat(h.events.fills(stop.venueOrderId()).get(0).price()).isEqualByComparingTo("1006");
    }

    @Test
    void sellTakeProfitFiresOnARise() {
        OrderView tp = h.accept(conditional(Side.SELL, OrderType.TAKE_PROFIT, "1005"));

        market.moveMid(SPOT, -10);
        assertThat(h.view(tp).status()).isEqualTo(Status.NEW);
        market.moveMid(SPOT, 15);

        assertThat(h.view(tp).status()).isEqualTo(Status.FILLED);
        assertThat(h.events.fills(tp.venueOrderId()).get(0).price()).isEqualByComparingTo("1004");
    }

    @Test
    void buyTakeProfitFiresOnAFall() {
        OrderView tp = h.accept(conditional(Side.BUY, OrderType.TAKE_PROFIT, "995"));

        market.moveMid(SPOT, 10);
        assertThat(h.view(tp).status()).isEqualTo(Status.NEW);
        market.moveMid(SPOT, -15);

        assertThat(h.view(tp).status()).isEqualTo(Status.FILLED);
        assertThat(h.events.fills(tp.venueOrderId()).get(0).price()).isEqualByComparingTo("996");
    }

    @Test
    void anExplicitTriggerDirectionOverridesTheImpliedOne() {
        OrderView stop = h.accept(conditional(Side.SELL, OrderType.STOP, "1003")
                .triggerDirection(TriggerDirection.RISES_ABOVE));
        assertThat(stop.triggerDirection()).isEqualTo(TriggerDirection.RISES_ABOVE);

        market.moveMid(SPOT, 3);

        assertThat(h.view(stop).status()).isEqualTo(Status.FILLED);
    }

    @Test
    void aTriggerThatAlreadyHoldsFiresRightAfterAcceptance() {
        OrderView stop = h.accept(conditional(Side.BUY, OrderType.STOP, "990"));

        assertThat(stop.status()).isEqualTo(Status.FILLED);
        assertThat(h.events.kinds(stop.venueOrderId())).containsExactly("accepted", "triggered", "fill");
    }

    @Test
    void aTradeMovesTheReferenceAndFiresStops() {
        OrderView stop = h.accept(conditional(Side.SELL, OrderType.STOP, "999"));

        h.accept(h.market("bob", SPOT, Side.SELL, "1"));

        assertThat(h.view(stop).status()).isEqualTo(Status.FILLED);
        assertThat(h.events.fills(stop.venueOrderId()).get(0).price()).isEqualByComparingTo("999");
    }

    @Test
    void stopLimitBecomesALimitAtItsPriceAndRestsUntilTheMarketComes() {
        OrderView stopLimit = h.accept(conditional(Side.BUY, OrderType.STOP_LIMIT, "1005").price(d("1003")));

        market.moveMid(SPOT, 5);
        OrderView triggered = h.view(stopLimit);
        assertThat(triggered.triggered()).isTrue();
        assertThat(triggered.status()).isEqualTo(Status.NEW);
        assertThat(h.engine.book(SPOT).depth(Side.BUY, 5)).as("market maker 5 plus ours 1")
                .contains(new BookLevel(d("1003"), d("6")));

        market.moveMid(SPOT, -3);

        OrderView filled = h.view(stopLimit);
        assertThat(filled.status()).isEqualTo(Status.FILLED);
        Execution fill = h.events.fills(stopLimit.venueOrderId()).get(0);
        assertThat(fill.price()).isEqualByComparingTo("1003");
        assertThat(fill.liquidity()).isEqualTo(Liquidity.MAKER);
    }

    @Test
    void stopLimitThatIsMarketableAtTriggerTradesAtOnce() {
        OrderView stopLimit = h.accept(conditional(Side.BUY, OrderType.STOP_LIMIT, "1002").price(d("1010")));

        market.moveMid(SPOT, 2);

        assertThat(h.view(stopLimit).status()).isEqualTo(Status.FILLED);
        assertThat(h.events.fills(stopLimit.venueOrderId()).get(0).price()).isEqualByComparingTo("1003");
    }

    @Test
    void canceledStopNeverFires() {
        OrderView stop = h.accept(conditional(Side.SELL, OrderType.STOP, "995"));
        h.engine.cancel("alice", SPOT, stop.clientOrderId(), null);

        market.moveMid(SPOT, -10);

        assertThat(h.view(stop).status()).isEqualTo(Status.CANCELED);
        assertThat(h.events.fills(stop.venueOrderId())).isEmpty();
    }

    @Test
    void postOnlyThatWouldCrossIsRefused() {
        EngineResult.Refused refused = h.refuse(h.limit("alice", SPOT, Side.BUY, "1", "1001").postOnly(true));

        assertThat(refused.reason()).isEqualTo(RejectReason.WOULD_TAKE_LIQUIDITY);
        assertThat(refused.text()).isEqualTo("post-only order would take liquidity");
        assertThat(h.engine.openOrders("alice")).isEmpty();
        assertThat(h.events.rejects()).hasSize(1);
    }

    @Test
    void postOnlyThatDoesNotCrossRests() {
        OrderView order = h.accept(h.limit("alice", SPOT, Side.SELL, "1", "1000").postOnly(true));

        assertThat(order.status()).isEqualTo(Status.NEW);
        assertThat(h.engine.book(SPOT).bestAsk()).contains(d("1000"));
    }

    @Test
    void postOnlyStopLimitThatWouldCrossAtTriggerIsCanceled() {
        OrderView stopLimit = h.accept(conditional(Side.BUY, OrderType.STOP_LIMIT, "1002").price(d("1010"))
                .postOnly(true));

        market.moveMid(SPOT, 2);

        assertThat(h.view(stopLimit).status()).isEqualTo(Status.CANCELED);
        RecordingEngineListener.Event canceled = h.events.all().stream()
                .filter(e -> e.kind().equals("canceled")).findFirst().orElseThrow();
        assertThat(canceled.text()).isEqualTo(MatchingEngine.POST_ONLY_TEXT);
        assertThat(h.events.fills(stopLimit.venueOrderId())).isEmpty();
    }
}

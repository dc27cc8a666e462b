package io.fixbridge.venue.paper.engine;

import io.fixbridge.venue.Liquidity;
import io.fixbridge.venue.OrderSnapshot.Status;
import io.fixbridge.venue.Side;
import io.fixbridge.venue.TimeInForce;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.fixbridge.venue.paper.engine.EngineHarness.SPOT;
import static io.fixbridge.venue.paper.engine.EngineHarness.d;
import static org.assertj.core.api.Assertions.assertThat;

class MatchingTest {
    private final EngineHarness h = new EngineHarness();

    @Test
    void twoOrdersAtOnePriceFillInArrivalOrder() {
        OrderView first = h.accept(h.limit("alice", SPOT, Side.SELL, "1", "100"));
        OrderView second = h.accept(h.limit("bob", SPOT, Side.SELL, "1", "100"));

        OrderView taker = h.accept(h.limit("carol", SPOT, Side.BUY, "1.5", "100"));

        assertThat(h.view(first).status()).isEqualTo(Status.FILLED);
        assertThat(h.view(second).status()).isEqualTo(Status.PARTIALLY_FILLED);
        assertThat(h.view(second).filledQuantity()).isEqualByComparingTo("0.5");
        assertThat(taker.status()).isEqualTo(Status.FILLED);
        assertThat(h.events.fills(taker.venueOrderId())).extracting(Execution::quantity)
                .usingElementComparator(java.math.BigDecimal::compareTo).containsExactly(d("1"), d("0.5"));
    }

    @Test
    void betterPriceFillsBeforeEarlierWorsePrice() {
        OrderView worse = h.accept(h.limit("alice", SPOT, Side.SELL, "1", "101"));
        OrderView better = h.accept(h.limit("bob", SPOT, Side.SELL, "1", "100"));

        h.accept(h.limit("carol", SPOT, Side.BUY, "1", "101"));

        assertThat(h.view(better).status()).isEqualTo(Status.FILLED);
        assertThat(h.view(worse).status()).isEqualTo(Status.NEW);
    }

    @Test
    void takerWalksLevelsAtMakerPricesWithRightCumQtyAndAveragePrice() {
        h.accept(h.limit("alice", SPOT, Side.SELL, "1", "100"));
        h.accept(h.limit("alice", SPOT, Side.SELL, "2", "101"));
        h.accept(h.limit("alice", SPOT, Side.SELL, "3", "102"));

        OrderView taker = h.accept(h.limit("bob", SPOT, Side.BUY, "5", "101"));

        List<Execution> fills = h.events.fills(taker.venueOrderId());
        assertThat(fills).extracting(Execution::price).usingElementComparator(java.math.BigDecimal::compareTo)
                .containsExactly(d("100"), d("101"));
        assertThat(fills).allSatisfy(f -> assertThat(f.liquidity()).isEqualTo(Liquidity.TAKER));
        assertThat(taker.status()).isEqualTo(Status.PARTIALLY_FILLED);
        assertThat(taker.filledQuantity()).isEqualByComparingTo("3");
        assertThat(taker.averagePrice()).isEqualByComparingTo(d("302").divide(d("3"), 16, java.math.RoundingMode.HALF_EVEN));
        assertThat(h.engine.book(SPOT).bestBid()).contains(d("101"));
        assertThat(h.engine.book(SPOT).depth(Side.BUY, 5)).containsExactly(new BookLevel(d("101"), d("2")));

        OrderView seller = h.accept(h.limit("carol", SPOT, Side.SELL, "2", "101"));

        OrderView done = h.view(taker);
        assertThat(done.status()).isEqualTo(Status.FILLED);
        assertThat(done.filledQuantity()).isEqualByComparingTo("5");
        assertThat(done.averagePrice()).isEqualByComparingTo("100.8");
        assertThat(h.events.fills(taker.venueOrderId()).get(2).liquidity()).isEqualTo(Liquidity.MAKER);
        assertThat(seller.status()).isEqualTo(Status.FILLED);
        assertThat(h.events.kinds(taker.venueOrderId())).containsExactly("accepted", "fill", "fill", "fill");
    }

    @Test
    void marketOrderWalksTheBookAndItsRemainderExpires() {
        h.accept(h.limit("alice", SPOT, Side.SELL, "1", "100"));
        h.accept(h.limit("alice", SPOT, Side.SELL, "2", "101"));
        h.accept(h.limit("alice", SPOT, Side.SELL, "1", "102"));

        OrderView market = h.accept(h.market("bob", SPOT, Side.BUY, "5"));

        assertThat(h.events.kinds(market.venueOrderId()))
                .containsExactly("accepted", "fill", "fill", "fill", "expired");
        assertThat(market.status()).isEqualTo(Status.EXPIRED);
        assertThat(market.filledQuantity()).isEqualByComparingTo("4");
        assertThat(market.averagePrice()).isEqualByComparingTo("101");
        assertThat(h.engine.book(SPOT).bestAsk()).isEmpty();
    }

    @Test
    void iocRemainderExpires() {
        h.accept(h.limit("alice", SPOT, Side.SELL, "1", "100"));

        OrderView ioc = h.accept(h.limit("bob", SPOT, Side.BUY, "3", "100").timeInForce(TimeInForce.IOC));

        assertThat(h.events.kinds(ioc.venueOrderId())).containsExactly("accepted", "fill", "expired");
        assertThat(ioc.status()).isEqualTo(Status.EXPIRED);
        assertThat(ioc.filledQuantity()).isEqualByComparingTo("1");
        assertThat(h.engine.book(SPOT).bestBid()).isEmpty();
        assertThat(h.engine.openOrders("bob")).isEmpty();
    }

    @Test
    void fokThatCannotFillCompletelyExpiresWithoutAnyFill() {
        OrderView resting = h.accept(h.limit("alice", SPOT, Side.SELL, "1", "100"));
        h.accept(h.limit("alice", SPOT, Side.SELL, "1", "102"));

        OrderView fok = h.accept(h.limit("bob", SPOT, Side.BUY, "2", "101").timeInForce(TimeInForce.FOK));

        assertThat(h.events.kinds(fok.venueOrderId())).containsExactly("accepted", "expired");
        assertThat(fok.filledQuantity()).isEqualByComparingTo("0");
        assertThat(h.view(resting).status()).isEqualTo(Status.NEW);
        assertThat(h.events.trades()).isEmpty();
    }

    @Test
    void fokThatCanFillCompletelyFills() {
        h.accept(h.limit("alice", SPOT, Side.SELL, "1", "100"));
        h.accept(h.limit("alice", SPOT, Side.SELL, "1", "101"));

        OrderView fok = h.accept(h.limit("bob", SPOT, Side.BUY, "2", "101").timeInForce(TimeInForce.FOK));

        assertThat(fok.status()).isEqualTo(Status.FILLED);
        assertThat(h.events.kinds(fok.venueOrderId())).containsExactly("accepted", "fill", "fill");
    }

    @Test
    void bothSidesOfATradeShareOneUniqueTradeId() {
        OrderView maker1 = h.accept(h.limit("alice", SPOT, Side.SELL, "1", "100"));
        OrderView maker2 = h.accept(h.limit("alice", SPOT, Side.SELL, "1", "100"));

        OrderView taker = h.accept(h.limit("bob", SPOT, Side.BUY, "2", "100"));

        List<String> takerTrades = h.events.fills(taker.venueOrderId()).stream().map(Execution::tradeId).toList();
        assertThat(takerTrades).doesNotHaveDuplicates().hasSize(2);
        assertThat(h.events.fills(maker1.venueOrderId()).get(0).tradeId()).isEqualTo(takerTrades.get(0));
        assertThat(h.events.fills(maker2.venueOrderId()).get(0).tradeId()).isEqualTo(takerTrades.get(1));
        assertThat(h.events.trades()).extracting(PublicTrade::tradeId).containsExactlyElementsOf(takerTrades);
        assertThat(h.engine.referencePrice(SPOT)).contains(d("100"));
    }

    @Test
    void venueOrderIdsAreUniqueAndSequential() {
        OrderView a = h.accept(h.limit("alice", SPOT, Side.SELL, "1", "100"));
        OrderView b = h.accept(h.limit("bob", SPOT, Side.SELL, "1", "101"));

        assertThat(a.venueOrderId()).isEqualTo("1");
        assertThat(b.venueOrderId()).isEqualTo("2");
    }

    @Test
    void icebergShowsOnlyItsTipAndLosesPriorityWhenItRefreshes() {
        OrderView iceberg = h.accept(h.limit("alice", SPOT, Side.SELL, "3", "100").displayQuantity(d("1")));
        OrderView plain = h.accept(h.limit("bob", SPOT, Side.SELL, "1", "100"));
        assertThat(h.engine.book(SPOT).depth(Side.SELL, 1)).containsExactly(new BookLevel(d("100"), d("2")));

        h.accept(h.limit("carol", SPOT, Side.BUY, "1", "100"));
        assertThat(h.view(iceberg).filledQuantity()).isEqualByComparingTo("1");
        assertThat(h.view(plain).filledQuantity()).isEqualByComparingTo("0");

        h.accept(h.limit("carol", SPOT, Side.BUY, "1", "100"));
        assertThat(h.view(plain).status()).as("the refreshed tip queued behind the plain order").isEqualTo(Status.FILLED);
        assertThat(h.view(iceberg).filledQuantity()).isEqualByComparingTo("1");

        h.accept(h.limit("carol", SPOT, Side.BUY, "2", "100"));
        assertThat(h.view(iceberg).status()).isEqualTo(Status.FILLED);
        assertThat(h.events.fills(iceberg.venueOrderId())).allSatisfy(
                f -> assertThat(f.liquidity()).isEqualTo(Liquidity.MAKER));
    }

    @Test
    void icebergTakesItsFullQuantityOnArrival() {
        h.accept(h.limit("alice", SPOT, Side.SELL, "3", "100"));

        OrderView iceberg = h.accept(h.limit("bob", SPOT, Side.BUY, "5", "100").displayQuantity(d("1")));

        assertThat(iceberg.filledQuantity()).isEqualByComparingTo("3");
        assertThat(h.engine.book(SPOT).depth(Side.BUY, 1)).containsExactly(new BookLevel(d("100"), d("1")));
    }

    @Test
    void cancelRemovesAnOrderFromTheBook() {
        OrderView order = h.accept(h.limit("alice", SPOT, Side.SELL, "1", "100"));

        EngineResult result = h.engine.cancel("alice", SPOT, order.clientOrderId(), null);

        assertThat(result).isInstanceOf(EngineResult.Done.class);
        assertThat(((EngineResult.Done) result).order().status()).isEqualTo(Status.CANCELED);
        assertThat(h.engine.book(SPOT).bestAsk()).isEmpty();
        assertThat(h.engine.openOrders("alice")).isEmpty();
        assertThat(h.events.kinds(order.venueOrderId())).containsExactly("accepted", "canceled");
    }

    @Test
    void selfTradeIsAllowed() {
        OrderView sell = h.accept(h.limit("alice", SPOT, Side.SELL, "1", "100"));

        OrderView buy = h.accept(h.limit("alice", SPOT, Side.BUY, "1", "100"));

        assertThat(h.view(sell).status()).isEqualTo(Status.FILLED);
        assertThat(buy.status()).isEqualTo(Status.FILLED);
        assertThat(h.balance("alice", "BTC").total()).isEqualByComparingTo("100");
        assertThat(h.balance("alice", "USDT").total()).isEqualByComparingTo("100000");
    }
}

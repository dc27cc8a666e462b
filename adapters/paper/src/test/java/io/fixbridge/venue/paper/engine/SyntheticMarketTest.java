package io.fixbridge.venue.paper.engine;

import io.fixbridge.venue.Liquidity;
import io.fixbridge.venue.OrderSnapshot.Status;
import io.fixbridge.venue.Side;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import static io.fixbridge.venue.paper.engine.EngineHarness.PERP;
import static io.fixbridge.venue.paper.engine.EngineHarness.PERP_INSTRUMENT;
import static io.fixbridge.venue.paper.engine.EngineHarness.SPOT;
import static io.fixbridge.venue.paper.engine.EngineHarness.SPOT_INSTRUMENT;
import static io.fixbridge.venue.paper.engine.EngineHarness.d;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SyntheticMarketTest {
    private final EngineHarness h = new EngineHarness();

    private SyntheticMarket market(SyntheticMarket.Settings settings, String mid) {
        return new SyntheticMarket(h.engine, settings,
                List.of(new MarketInstrument(SPOT_INSTRUMENT, d(mid), d("5")),
                        new MarketInstrument(PERP_INSTRUMENT, d(mid), d("2"))));
    }

    private static BookLevel level(String price, String quantity) {
        return new BookLevel(d(price), d(quantity));
    }

    @Test
    void quotesLevelsAroundTheMidWithTheConfiguredSpreadAndSpacing() {
        market(new SyntheticMarket.Settings(1, 3, 2, 2, 1), "1000");

        assertThat(h.engine.book(SPOT).depth(Side.BUY, 10))
                .containsExactly(level("999", "5"), level("997", "5"), level("995", "5"));
        assertThat(h.engine.book(SPOT).depth(Side.SELL, 10))
                .containsExactly(level("1001", "5"), level("1003", "5"), level("1005", "5"));
        assertThat(h.engine.book(PERP).depth(Side.SELL, 1)).containsExactly(level("1001", "2"));
        assertThat(h.engine.referencePrice(SPOT)).contains(d("1000"));
    }

    @Test
    void anOddSpreadPutsTheMidOnTheBid() {
        market(new SyntheticMarket.Settings(1, 1, 3, 1, 1), "1000");

        assertThat(h.engine.book(SPOT).bestBid()).contains(d("999"));
        assertThat(h.engine.book(SPOT).bestAsk()).contains(d("1002"));
    }

    @Test
    void makerFillsAreNeverReportedAndConsumedLiquidityReturnsAtTheNextStep() {
        SyntheticMarket market = market(new SyntheticMarket.Settings(1, 3, 2, 1, 0), "1000");

        OrderView taker = h.accept(h.market("bob", SPOT, Side.BUY, "7"));
        assertThat(taker.filledQuantity()).isEqualByComparingTo("7");
        assertThat(h.events.all()).allSatisfy(e -> assertThat(e.order().account()).isEqualTo("bob"));
        assertThat(h.engine.book(SPOT).depth(Side.SELL, 10)).containsExactly(level("1002", "3"), level("1003", "5"));

        market.step();

        assertThat(market.mid(SPOT)).isEqualByComparingTo("1000");
        assertThat(h.engine.book(SPOT).depth(Side.SELL, 10))
                .containsExactly(level("1001", "5"), level("1002", "5"), level("1003", "5"));
    }

    @Test
    void newQuotesThatCrossARestingOrderFillItAtItsPrice() {
        SyntheticMarket market = market(new SyntheticMarket.Settings(1, 3, 2, 1, 0), "1000");
        OrderView ask = h.accept(h.limit("alice", SPOT, Side.SELL, "1", "1002"));
        OrderView bid = h.accept(h.limit("bob", SPOT, Side.BUY, "1", "996"));

        market.moveMid(SPOT, 4);

        OrderView filled = h.view(ask);
        assertThat(filled.status()).isEqualTo(Status.FILLED);
        Execution fill = h.events.fills(ask.venueOrderId()).get(0);
        assertThat(fill.price()).isEqualByComparingTo("1002");
        assertThat(fill.liquidity()).isEqualTo(Liquidity.MAKER);
        assertThat(h.view(bid).status()).isEqualTo(Status.NEW);

        market.moveMid(SPOT, -9);

        assertThat(h.view(bid).status()).isEqualTo(Status.FILLED);
        assertThat(h.events.fills(bid.venueOrderId()).get(0).price()).isEqualByComparingTo("996");
    }

    @Test
    void aSeedDeterminesTheWalk() {
        SyntheticMarket.Settings settings = new SyntheticMarket.Settings(42, 5, 2, 1, 3);
        List<BigDecimal> first = walk(market(settings, "1000"), 100);
        EngineHarness other = new EngineHarness();
        List<BigDecimal> again = walk(new SyntheticMarket(other.engine, settings,
                List.of(new MarketInstrument(SPOT_INSTRUMENT, d("1000"), d("5")),
                        new MarketInstrument(PERP_INSTRUMENT, d("1000"), d("2")))), 100);
        EngineHarness third = new EngineHarness();
        List<BigDecimal> otherSeed = walk(new SyntheticMarket(third.engine, new SyntheticMarket.Settings(43, 5, 2, 1, 3),
                List.of(new MarketInstrument(SPOT_INSTRUMENT, d("1000"), d("5")),
                        new MarketInstrument(PERP_INSTRUMENT, d("1000"), d("2")))), 100);

        assertThat(again).isEqualTo(first);
        assertThat(otherSeed).isNotEqualTo(first);
        assertThat(first).as("the mid moves").anySatisfy(m -> assertThat(m).isNotEqualByComparingTo("1000"));
        assertThat(other.engine.book(SPOT).depth(Side.BUY, 5)).isEqualTo(h.engine.book(SPOT).depth(Side.BUY, 5));
    }

    @Test
    void aStillMarketNeverMoves() {
        SyntheticMarket market = market(new SyntheticMarket.Settings(42, 3, 2, 1, 0), "1000");

        assertThat(walk(market, 20)).allSatisfy(m -> assertThat(m).isEqualByComparingTo("1000"));
    }

    @Test
    void theWalkNeverPushesTheLowestBidToZero() {
        SyntheticMarket market = market(new SyntheticMarket.Settings(3, 3, 2, 1, 3), "4");

        for (int i = 0; i < 300; i++) {
            market.step();
            assertThat(market.mid(SPOT)).isGreaterThanOrEqualTo(d("4"));
            assertThat(h.engine.book(SPOT).depth(Side.BUY, 10)).allSatisfy(l -> assertThat(l.price()).isPositive());
        }
    }

    @Test
    void aStartMidTooLowForTheLevelsIsRefused() {
        assertThatThrownBy(() -> market(new SyntheticMarket.Settings(1, 10, 2, 1, 1), "5"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("too low");
    }

    private static List<BigDecimal> walk(SyntheticMarket market, int steps) {
        List<BigDecimal> mids = new ArrayList<>();
        for (int i = 0; i < steps; i++) {
            market.step();
            mids.add(market.mid(SPOT));
            mids.add(market.mid(PERP));
        }
        return mids;
    }
}

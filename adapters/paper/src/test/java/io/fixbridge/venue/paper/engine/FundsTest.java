package io.fixbridge.venue.paper.engine;

import io.fixbridge.venue.Liquidity;
import io.fixbridge.venue.OrderSnapshot.Status;
import io.fixbridge.venue.OrderType;
import io.fixbridge.venue.Position;
import io.fixbridge.venue.RejectReason;
import io.fixbridge.venue.Side;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.fixbridge.venue.paper.engine.EngineHarness.PERP;
import static io.fixbridge.venue.paper.engine.EngineHarness.SPOT;
import static io.fixbridge.venue.paper.engine.EngineHarness.d;
import static org.assertj.core.api.Assertions.assertThat;

class FundsTest {
    private static final FeeSchedule FEES = new FeeSchedule(d("0.001"), d("0.002"));

    @Test
    void spotFillMovesBothAssetsAndChargesMakerAndTakerFeesInTheQuoteAsset() {
        EngineHarness h = new EngineHarness(FEES);
        OrderView maker = h.accept(h.limit("alice", SPOT, Side.SELL, "1", "100"));

        OrderView taker = h.accept(h.limit("bob", SPOT, Side.BUY, "1", "100"));

        Execution makerFill = h.events.fills(maker.venueOrderId()).get(0);
        Execution takerFill = h.events.fills(taker.venueOrderId()).get(0);
        assertThat(makerFill.liquidity()).isEqualTo(Liquidity.MAKER);
        assertThat(makerFill.commission()).isEqualByComparingTo("0.1");
        assertThat(makerFill.commissionAsset()).isEqualTo("USDT");
        assertThat(takerFill.liquidity()).isEqualTo(Liquidity.TAKER);
        assertThat(takerFill.commission()).isEqualByComparingTo("0.2");
        assertThat(h.balance("alice", "BTC").total()).isEqualByComparingTo("99");
        assertThat(h.balance("alice", "USDT").total()).isEqualByComparingTo("100099.9");
        assertThat(h.balance("bob", "BTC").total()).isEqualByComparingTo("101");
        assertThat(h.balance("bob", "USDT").total()).isEqualByComparingTo("99899.8");
        assertThat(h.balance("bob", "USDT").available()).isEqualByComparingTo("99899.8");
    }

    @Test
    void openOrdersHoldFundsUntilFilledOrCanceled() {
        EngineHarness h = new EngineHarness();
        OrderView sell = h.accept(h.limit("alice", SPOT, Side.SELL, "2", "100"));
        OrderView buy = h.accept(h.limit("carol", SPOT, Side.BUY, "2", "90"));
        assertThat(h.balance("alice", "BTC").available()).isEqualByComparingTo("98");
        assertThat(h.balance("alice", "BTC").total()).isEqualByComparingTo("100");
        assertThat(h.balance("carol", "USDT").available()).isEqualByComparingTo("99820");

        h.accept(h.limit("bob", SPOT, Side.BUY, "1", "100"));
        assertThat(h.balance("alice", "BTC").total()).isEqualByComparingTo("99");
        assertThat(h.balance("alice", "BTC").available()).isEqualByComparingTo("98");

        h.engine.cancel("alice", SPOT, sell.clientOrderId(), null);
        h.engine.cancel("carol", SPOT, buy.clientOrderId(), null);
        assertThat(h.balance("alice", "BTC").available()).isEqualByComparingTo("99");
        assertThat(h.balance("carol", "USDT").available()).isEqualByComparingTo("100000");
    }

    @Test
    void aBuyFilledBelowItsLimitReleasesTheDifference() {
        EngineHarness h = new EngineHarness();
        h.accept(h.limit("alice", SPOT, Side.SELL, "1", "90"));

        h.accept(h.limit("bob", SPOT, Side.BUY, "1", "100"));

        assertThat(h.balance("bob", "USDT").total()).isEqualByComparingTo("99910");
        assertThat(h.balance("bob", "USDT").available()).isEqualByComparingTo("99910");
    }

    @Test
    void perpetualTracksPositionEntryRealizedPnlAndFeesInTheSettleAsset() {
        EngineHarness h = new EngineHarness(FEES);
        h.accept(h.limit("bob", PERP, Side.SELL, "2", "100"));
        OrderView open = h.accept(h.limit("alice", PERP, Side.BUY, "2", "100"));
        assertThat(h.events.fills(open.venueOrderId()).get(0).commission()).isEqualByComparingTo("0.4");
        assertThat(h.events.fills(open.venueOrderId()).get(0).commissionAsset()).isEqualTo("USDT");
        assertThat(h.position("alice", PERP)).satisfies(p -> {
            assertThat(p.quantity()).isEqualByComparingTo("2");
            assertThat(p.entryPrice()).isEqualByComparingTo("100");
        });
        assertThat(h.balance("alice", "USDT").total()).isEqualByComparingTo("99999.6");
        assertThat(h.balance("alice", "USDT").available()).as("less 20 margin for the position")
                .isEqualByComparingTo("99979.6");
        assertThat(h.balance("alice", "BTC").total()).as("perpetuals do not move the base asset")
                .isEqualByComparingTo("100");

        h.accept(h.limit("alice", PERP, Side.SELL, "1", "110"));
        h.accept(h.limit("carol", PERP, Side.BUY, "1", "110"));
        Position reduced = h.position("alice", PERP);
        assertThat(reduced.quantity()).isEqualByComparingTo("1");
        assertThat(reduced.entryPrice()).isEqualByComparingTo("100");
        assertThat(reduced.realizedPnl()).isEqualByComparingTo("10");
        assertThat(h.balance("alice", "USDT").total()).isEqualByComparingTo("100009.49");

        h.accept(h.limit("bob", PERP, Side.BUY, "3", "90"));
        h.accept(h.limit("alice", PERP, Side.SELL, "3", "90"));
        Position flipped = h.position("alice", PERP);
        assertThat(flipped.quantity()).isEqualByComparingTo("-2");
        assertThat(flipped.entryPrice()).isEqualByComparingTo("90");
        assertThat(flipped.realizedPnl()).isEqualByComparingTo("0");
        assertThat(h.balance("alice", "USDT").total()).isEqualByComparingTo("99998.95");
        Position bob = h.position("bob", PERP);
        assertThat(bob.quantity()).isEqualByComparingTo("1");
        assertThat(bob.entryPrice()).isEqualByComparingTo("90");
        assertThat(bob.realizedPnl()).isEqualByComparingTo("20");
        assertThat(h.balance("bob", "USDT").total()).isEqualByComparingTo("100019.53");
    }

    @Test
    void averageEntryPriceIsVolumeWeighted() {
        EngineHarness h = new EngineHarness();
        h.accept(h.limit("bob", PERP, Side.SELL, "1", "100"));
        h.accept(h.limit("bob", PERP, Side.SELL, "3", "104"));

        h.accept(h.market("alice", PERP, Side.BUY, "4"));

        assertThat(h.position("alice", PERP).entryPrice()).isEqualByComparingTo("103");
        assertThat(h.position("bob", PERP).quantity()).isEqualByComparingTo("-4");
    }

    @Test
    void spotBuyBeyondTheQuoteBalanceIsRefusedNamingAssetNeededAndAvailable() {
        EngineHarness h = new EngineHarness(FeeSchedule.NONE, Map.of("USDT", d("1000")));

        EngineResult.Refused refused = h.refuse(h.limit("alice", SPOT, Side.BUY, "20", "100"));

        assertThat(refused.reason()).isEqualTo(RejectReason.INSUFFICIENT_FUNDS);
        assertThat(refused.text()).contains("USDT", "needed 2000", "available 1000");
        assertThat(h.events.all()).isEmpty();
    }

    @Test
    void spotSellWithoutTheBaseAssetIsRefused() {
        EngineHarness h = new EngineHarness(FeeSchedule.NONE, Map.of("USDT", d("1000")));

        EngineResult.Refused refused = h.refuse(h.limit("alice", SPOT, Side.SELL, "1", "100"));

        assertThat(refused.reason()).isEqualTo(RejectReason.INSUFFICIENT_FUNDS);
        assertThat(refused.text()).contains("BTC", "needed 1", "available 0");
    }

    @Test
    void spotMarketBuyNeedsTheBookEstimate() {
        EngineHarness h = new EngineHarness(FeeSchedule.NONE, Map.of("USDT", d("1000"), "BTC", d("10")));
        h.accept(h.limit("bob", SPOT, Side.SELL, "5", "100"));

        EngineResult.Refused refused = h.refuse(h.market("alice", SPOT, Side.BUY, "10.1"));
        OrderView fits = h.accept(h.market("alice", SPOT, Side.BUY, "9"));

        assertThat(refused.reason()).isEqualTo(RejectReason.INSUFFICIENT_FUNDS);
        assertThat(refused.text()).contains("needed 1010");
        assertThat(fits.filledQuantity()).isEqualByComparingTo("5");
        assertThat(fits.status()).isEqualTo(Status.EXPIRED);
    }

    @Test
    void perpetualInitialMarginIsNotionalOverLeverage() {
        EngineHarness h = new EngineHarness(FeeSchedule.NONE, Map.of("USDT", d("1000")));

        EngineResult.Refused refused = h.refuse(h.limit("alice", PERP, Side.BUY, "100.1", "100"));
        OrderView fits = h.accept(h.limit("alice", PERP, Side.BUY, "100", "100"));

        assertThat(refused.reason()).isEqualTo(RejectReason.INSUFFICIENT_FUNDS);
        assertThat(refused.text()).contains("needed 1001", "available 1000");
        assertThat(fits.status()).isEqualTo(Status.NEW);
        assertThat(h.balance("alice", "USDT").available()).isEqualByComparingTo("0");
    }

    @Test
    void stopBuyThatCannotPayWhenTriggeredIsCanceled() {
        EngineHarness h = new EngineHarness(FeeSchedule.NONE, Map.of("USDT", d("1000"), "BTC", d("10")));
        OrderView stop = h.accept(h.market("alice", SPOT, Side.BUY, "9.5").type(OrderType.STOP).stopPrice(d("100")));
        assertThat(h.balance("alice", "USDT").available()).isEqualByComparingTo("50");
        h.accept(h.limit("bob", SPOT, Side.SELL, "9.5", "110"));
        h.accept(h.limit("bob", SPOT, Side.SELL, "0.5", "105"));

        h.accept(h.limit("carol", SPOT, Side.BUY, "0.5", "105"));

        OrderView after = h.view(stop);
        assertThat(after.status()).isEqualTo(Status.CANCELED);
        RecordingEngineListener.Event canceled = h.events.all().stream()
                .filter(e -> e.kind().equals("canceled")).findFirst().orElseThrow();
        assertThat(canceled.text()).contains("insufficient USDT", "needed 1045");
        assertThat(h.balance("alice", "USDT").available()).isEqualByComparingTo("1000");
    }
}

package io.fixbridge.venue.kit.rules;

import static org.assertj.core.api.Assertions.assertThat;

import io.fixbridge.venue.Instrument;
import io.fixbridge.venue.MarketType;
import io.fixbridge.venue.RejectReason;
import io.fixbridge.venue.Side;
import io.fixbridge.venue.TradingStatus;
import io.fixbridge.venue.VenueError;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import org.junit.jupiter.api.Test;

class InstrumentRulesTest {
    private static BigDecimal d(String s) {
        return new BigDecimal(s);
    }

    private static final Instrument BTC = Instrument.builder()
            .symbol("BTC/USDT").venueSymbol("BTCUSDT").marketType(MarketType.SPOT)
            .baseAsset("BTC").quoteAsset("USDT")
            .tickSize(d("0.01")).lotSize(d("0.00001")).minQuantity(d("0.0001")).maxQuantity(d("9000"))
            .minNotional(d("5")).build();

    @Test
    void roundsPriceToTickByMode() {
        assertThat(InstrumentRules.roundPrice(BTC, d("52000.126"), RoundingMode.FLOOR)).isEqualTo(d("52000.12"));
        assertThat(InstrumentRules.roundPrice(BTC, d("52000.121"), RoundingMode.CEILING)).isEqualTo(d("52000.13"));
        assertThat(InstrumentRules.roundPrice(BTC, d("52000.125"), RoundingMode.HALF_UP)).isEqualTo(d("52000.13"));
        assertThat(InstrumentRules.roundPrice(BTC, d("52000.125"), RoundingMode.HALF_EVEN)).isEqualTo(d("52000.12"));
        assertThat(InstrumentRules.roundPrice(BTC, d("52000"), RoundingMode.FLOOR).toPlainString()).isEqualTo("52000.00");
    }

    @Test
    void passiveAndAggressiveRoundingDependOnSide() {
        assertThat(InstrumentRules.roundPricePassive(BTC, Side.BUY, d("100.019"))).isEqualTo(d("100.01"));
        assertThat(InstrumentRules.roundPricePassive(BTC, Side.SELL, d("100.011"))).isEqualTo(d("100.02"));
        assertThat(InstrumentRules.roundPriceAggressive(BTC, Side.BUY, d("100.011"))).isEqualTo(d("100.02"));
        assertThat(InstrumentRules.roundPriceAggressive(BTC, Side.SELL, d("100.019"))).isEqualTo(d("100.01"));
    }

    @Test
    void roundsQuantityDownToLotAndHandlesCoarseSteps() {
        assertThat(InstrumentRules.roundQuantityDown(BTC, d("0.123456789"))).isEqualTo(d("0.12345"));
        assertThat(InstrumentRules.roundToStep(d("1234"), d("10"), RoundingMode.FLOOR).toPlainString()).isEqualTo("1230");
        assertThat(InstrumentRules.roundToStep(d("1.26"), d("0.5"), RoundingMode.HALF_UP)).isEqualTo(d("1.5"));
        assertThat(InstrumentRules.roundToStep(d("0.3"), d("0.1"), RoundingMode.FLOOR)).isEqualTo(d("0.3"));
    }

    @Test
    void validOrderHasNoViolations() {
        assertThat(InstrumentRules.validate(BTC, d("0.001"), d("52000.00"))).isEmpty();
        assertThat(InstrumentRules.firstViolation(BTC, d("0.001"), null)).isEmpty();
    }

    @Test
    void offTickPriceNamesTheNearestValidPrices() {
        RuleViolation v = InstrumentRules.checkPrice(BTC, "price", d("100.005")).orElseThrow();
        assertThat(v.rule()).isEqualTo(Rule.PRICE_TICK);
        assertThat(v.value()).isEqualTo(d("100.005"));
        assertThat(v.limit()).isEqualTo(d("0.01"));
        assertThat(v.nearestBelow()).isEqualTo(d("100.00"));
        assertThat(v.nearestAbove()).isEqualTo(d("100.01"));
        assertThat(v.rejectReason()).isEqualTo(RejectReason.INVALID_PRICE_INCREMENT);
        assertThat(v.text()).isEqualTo("price 100.005 is not a multiple of the tick size 0.01 of BTC/USDT; nearest valid 100.00 or 100.01");
        assertThat(InstrumentRules.checkPrice(BTC, "stopPrice", d("0")).orElseThrow().rule()).isEqualTo(Rule.PRICE_NOT_POSITIVE);
    }

    @Test
    void quantityRules() {
        List<RuleViolation> lot = InstrumentRules.checkQuantity(BTC, d("0.000155"));
        assertThat(lot).extracting(RuleViolation::rule).containsExactly(Rule.QUANTITY_LOT);
        assertThat(lot.get(0).nearestBelow()).isEqualTo(d("0.00015"));
        assertThat(lot.get(0).nearestAbove()).isEqualTo(d("0.00016"));

        RuleViolation min = InstrumentRules.checkQuantity(BTC, d("0.00005")).get(0);
        assertThat(min.rule()).isEqualTo(Rule.QUANTITY_MIN);
        assertThat(min.nearestAbove()).isEqualTo(d("0.00010"));
        assertThat(min.text()).isEqualTo("quantity 0.00005 is below the minimum 0.0001 of BTC/USDT");

        RuleViolation max = InstrumentRules.checkQuantity(BTC, d("9000.5")).get(0);
        assertThat(max.rule()).isEqualTo(Rule.QUANTITY_MAX);
        assertThat(max.nearestBelow()).isEqualTo(d("9000.00000"));
        assertThat(max.rejectReason()).isEqualTo(RejectReason.INCORRECT_QUANTITY);

        assertThat(InstrumentRules.checkQuantity(BTC, d("-1"))).extracting(RuleViolation::rule)
                .containsExactly(Rule.QUANTITY_NOT_POSITIVE);
    }

    @Test
    void minNotionalSuggestsTheSmallestValidQuantity() {
        RuleViolation v = InstrumentRules.checkNotional(BTC, d("0.0001"), d("45000")).orElseThrow();
        assertThat(v.rule()).isEqualTo(Rule.MIN_NOTIONAL);
        assertThat(v.value()).isEqualByComparingTo("4.5");
        assertThat(v.limit()).isEqualTo(d("5"));
        // 5 / 45000 = 0.000111.. -> 0.00012 on the lot
        assertThat(v.nearestAbove()).isEqualTo(d("0.00012"));
        assertThat(v.text()).isEqualTo("notional 4.5 (quantity 0.0001 at 45000) is below the minimum 5 of BTC/USDT; "
                + "smallest valid quantity at this price 0.00012");
        assertThat(InstrumentRules.checkNotional(BTC, d("0.00012"), d("45000"))).isEmpty();
        VenueError e = v.toVenueError();
        assertThat(e.outcome()).isEqualTo(VenueError.Outcome.REJECTED);
        assertThat(e.reason()).isEqualTo(RejectReason.BELOW_MIN_NOTIONAL);
    }

    @Test
    void contractSizeCountsInNotional() {
        Instrument inverse = Instrument.builder().symbol("BTC/USD:BTC").venueSymbol("BTCUSD_PERP")
                .marketType(MarketType.SPOT).baseAsset("BTC").quoteAsset("USD").settleAsset("BTC")
                .tickSize(d("0.1")).lotSize(d("1")).minQuantity(d("1")).maxQuantity(d("100000"))
                .minNotional(d("100")).contractSize(d("10")).build();
        assertThat(InstrumentRules.checkNotional(inverse, d("10"), d("1"))).isEmpty();
        assertThat(InstrumentRules.checkNotional(inverse, d("9"), d("1")).orElseThrow().nearestAbove()).isEqualTo(d("10"));
    }

    @Test
    void validateCollectsEveryProblemIncludingTradingStatus() {
        Instrument halted = Instrument.builder().symbol("ETH/USDT").venueSymbol("ETHUSDT").marketType(MarketType.SPOT)
                .baseAsset("ETH").quoteAsset("USDT").tickSize(d("0.01")).lotSize(d("0.001")).minQuantity(d("0.001"))
                .maxQuantity(d("1000")).minNotional(d("5")).status(TradingStatus.HALTED).build();
        List<RuleViolation> all = InstrumentRules.validate(halted, d("0.0015"), d("10.005"));
        assertThat(all).extracting(RuleViolation::rule)
                .containsExactly(Rule.NOT_TRADING, Rule.QUANTITY_LOT, Rule.PRICE_TICK, Rule.MIN_NOTIONAL);
        assertThat(all.get(0).text()).isEqualTo("ETH/USDT is not trading (HALTED)");
        assertThat(all.get(0).rejectReason()).isEqualTo(RejectReason.VENUE_CLOSED);
    }

    @Test
    void decimalsForTheWire() {
        assertThat(Decimals.plain(d("0.00100000"))).isEqualTo("0.001");
        assertThat(Decimals.plain(d("1E+3"))).isEqualTo("1000");
        assertThat(Decimals.plain(d("0.000"))).isEqualTo("0");
        assertThat(Decimals.plain(d("1E-8"))).isEqualTo("0.00000001");
        assertThat(Decimals.atScaleOf(d("52000"), d("0.010")).toPlainString()).isEqualTo("52000.00");
    }
}

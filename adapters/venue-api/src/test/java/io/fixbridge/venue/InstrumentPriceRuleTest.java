package io.fixbridge.venue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

/** The tick and the significant-figure price rule (Hyperliquid: five figures, whole numbers always valid). */
class InstrumentPriceRuleTest {

    private static Instrument perp(String tick, int figures) {
        return Instrument.builder().symbol("BTC/USDC:USDC").venueSymbol("BTC").marketType(MarketType.LINEAR_PERPETUAL)
                .baseAsset("BTC").quoteAsset("USDC").tickSize(new BigDecimal(tick)).significantFigures(figures)
                .lotSize(new BigDecimal("0.00001")).maxQuantity(new BigDecimal("1000")).build();
    }

    @Test
    void plainTickIsUnchangedWithoutAFigureLimit() {
        Instrument i = perp("0.01", 0);
        assertThat(i.isOnTick(new BigDecimal("60000.01"))).isTrue();
        assertThat(i.isOnTick(new BigDecimal("60000.015"))).isFalse();
        assertThat(i.tickBelow(new BigDecimal("60000.015"))).isEqualByComparingTo("60000.01");
        assertThat(i.tickAbove(new BigDecimal("60000.015"))).isEqualByComparingTo("60000.02");
    }

    @Test
    void fiveSignificantFiguresAtEveryMagnitude() {
        // BTC perpetual: szDecimals 5, so at most 6 - 5 = 1 decimal
        Instrument btc = perp("0.1", 5);
        assertThat(btc.isOnTick(new BigDecimal("1234.5"))).isTrue();
        assertThat(btc.isOnTick(new BigDecimal("12345"))).isTrue();
        assertThat(btc.isOnTick(new BigDecimal("12345.5"))).isFalse();
        assertThat(btc.isOnTick(new BigDecimal("123456"))).as("whole numbers are always valid").isTrue();
        assertThat(btc.isOnTick(new BigDecimal("123456.0"))).isTrue();
        assertThat(btc.isOnTick(new BigDecimal("123.45"))).as("too many decimals for szDecimals 5").isFalse();
        assertThat(btc.tickBelow(new BigDecimal("12345.5"))).isEqualByComparingTo("12345");
        assertThat(btc.tickAbove(new BigDecimal("12345.5"))).isEqualByComparingTo("12346");
        assertThat(btc.tickAbove(new BigDecimal("99999.5"))).isEqualByComparingTo("100000");
    }

    @Test
    void smallPricesAreLimitedByTheDecimalsFirst() {
        // a coin with szDecimals 0 on a perpetual: 6 decimals, five figures
        Instrument i = perp("0.000001", 5);
        assertThat(i.isOnTick(new BigDecimal("0.012345"))).isTrue();
        assertThat(i.isOnTick(new BigDecimal("0.0123456"))).isFalse();
        assertThat(i.isOnTick(new BigDecimal("1.23456"))).as("six figures").isFalse();
        assertThat(i.tickBelow(new BigDecimal("1.23456"))).isEqualByComparingTo("1.2345");
        assertThat(i.tickAbove(new BigDecimal("1.23456"))).isEqualByComparingTo("1.2346");
        assertThat(i.priceStep(new BigDecimal("0.000123456"))).isEqualByComparingTo("0.000001");
    }

    @Test
    void negativeFigureLimitIsRefused() {
        assertThatThrownBy(() -> perp("0.1", -1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("significantFigures");
    }
}

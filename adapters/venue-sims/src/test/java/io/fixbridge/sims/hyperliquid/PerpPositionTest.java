package io.fixbridge.sims.hyperliquid;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;

import static org.assertj.core.api.Assertions.assertThat;

/** Fill directions, entry averaging and closed PnL of a one-way position. */
class PerpPositionTest {

    private static BigDecimal d(String s) {
        return new BigDecimal(s);
    }

    @Test
    void opensAveragesClosesAndFlips() {
        PerpPosition p = new PerpPosition();
        PerpPosition.Change open = p.apply(true, d("1"), d("100"));
        assertThat(open.dir()).isEqualTo("Open Long");
        assertThat(open.start()).isEqualByComparingTo("0");
        PerpPosition.Change add = p.apply(true, d("1"), d("110"));
        assertThat(add.dir()).isEqualTo("Open Long");
        assertThat(p.entry).isEqualByComparingTo("105");
        PerpPosition.Change close = p.apply(false, d("0.5"), d("115"));
        assertThat(close.dir()).isEqualTo("Close Long");
        assertThat(close.closedPnl()).isEqualByComparingTo("5");
        assertThat(close.start()).isEqualByComparingTo("2");
        PerpPosition.Change flip = p.apply(false, d("2"), d("100"));
        assertThat(flip.dir()).isEqualTo("Long > Short");
        assertThat(flip.closedPnl()).isEqualByComparingTo("-7.5");
        assertThat(p.size).isEqualByComparingTo("-0.5");
        assertThat(p.entry).isEqualByComparingTo("100");
        PerpPosition.Change cover = p.apply(true, d("1"), d("90"));
        assertThat(cover.dir()).isEqualTo("Short > Long");
        assertThat(cover.closedPnl()).isEqualByComparingTo("5");
        PerpPosition.Change flat = p.apply(false, d("0.5"), d("90"));
        assertThat(flat.dir()).isEqualTo("Close Long");
        assertThat(p.size.signum()).isZero();
        assertThat(p.entry.signum()).isZero();
    }

    @Test
    void orderRulesCountFiguresAndDecimals() {
        HlMarket btc = HlMarket.perp(0, PerpListing.of("BTC", 5, "60000", "1"));
        HlMarket purr = HlMarket.spot(0, SpotListing.of("PURR", 0, 5, "0.2", "1"));
        assertThat(OrderRules.validPrice(btc, d("123456"))).isTrue();
        assertThat(OrderRules.validPrice(btc, d("12345.6"))).isFalse();
        assertThat(OrderRules.validPrice(btc, d("1234.5"))).isTrue();
        assertThat(OrderRules.validPrice(btc, d("1.05"))).isFalse();      // 2 decimals > 6 - 5
        assertThat(OrderRules.validPrice(btc, d("60000.0"))).isTrue();    // trailing zeros do not count
        assertThat(OrderRules.validPrice(purr, d("0.00012345"))).isTrue();
        assertThat(OrderRules.validPrice(purr, d("0.000123456"))).isFalse();
        assertThat(OrderRules.validPrice(purr, d("-1"))).isFalse();
    }
}

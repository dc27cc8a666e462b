package io.fixbridge.venue.binance;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SymbolsTest {

    @Test
    void replacingOneMarketKeepsTheOther() {
        List<BinanceInstrument> spot = BinanceTranslatorTest.spotInstruments();
        List<BinanceInstrument> futures = BinanceTranslatorTest.futuresInstruments();
        List<BinanceInstrument> both = new ArrayList<>(spot);
        both.addAll(futures);
        Symbols all = Symbols.EMPTY.replacing(EnumSet.allOf(BinanceMarket.class), both);

        Symbols noSpot = all.replacing(EnumSet.of(BinanceMarket.SPOT), List.of());
        Symbols again = noSpot.replacing(EnumSet.of(BinanceMarket.SPOT), spot);

        assertThat(noSpot.unified("BTC/USDT")).isEmpty();
        assertThat(noSpot.unified("BTC/USDT:USDT")).isPresent();
        assertThat(again.all()).containsExactlyInAnyOrderElementsOf(both);
        assertThat(again.unifiedOf(BinanceMarket.SPOT, "BTCUSDT")).isEqualTo("BTC/USDT");
        assertThat(all.all()).as("immutable: replacing makes a new set").hasSize(both.size());
    }
}

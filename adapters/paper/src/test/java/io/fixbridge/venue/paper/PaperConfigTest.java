package io.fixbridge.venue.paper;

import io.fixbridge.venue.Instrument;
import io.fixbridge.venue.MarketType;
import io.fixbridge.venue.TradingStatus;
import io.fixbridge.venue.VenueConfigException;
import io.fixbridge.venue.paper.engine.MarketInstrument;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PaperConfigTest {

    private static VenueConfigException error(Map<String, ?> venue) {
        try {
            PaperConfig.from(TestConfigs.settings(venue));
        } catch (VenueConfigException e) {
            return e;
        }
        throw new AssertionError("expected a configuration error for " + venue);
    }

    @Test
    void defaultsAreTheThreeInstrumentsAndTheMainAccount() {
        PaperConfig config = PaperConfig.defaults();

        assertThat(config.fees().maker()).isEqualByComparingTo("0.0002");
        assertThat(config.fees().taker()).isEqualByComparingTo("0.0005");
        assertThat(config.leverage()).isEqualByComparingTo("10");
        assertThat(config.walkIntervalMs()).isEqualTo(1000);
        assertThat(config.market().seed()).isEqualTo(42);
        assertThat(config.market().levels()).isEqualTo(10);
        assertThat(config.market().spreadTicks()).isEqualTo(2);
        assertThat(config.market().levelSpacingTicks()).isEqualTo(1);
        assertThat(config.market().stepTicks()).isEqualTo(1);
        assertThat(config.instrumentList()).extracting(Instrument::symbol)
                .containsExactly("BTC/USDT", "ETH/USDT", "BTC/USDT:USDT");
        assertThat(config.accounts()).singleElement().satisfies(a -> {
            assertThat(a.name()).isEqualTo("main");
            assertThat(a.balances()).containsOnlyKeys("USDT", "BTC", "ETH");
            assertThat(a.balances().get("USDT")).isEqualByComparingTo("1000000");
            assertThat(a.balances().get("BTC")).isEqualByComparingTo("10");
            assertThat(a.balances().get("ETH")).isEqualByComparingTo("100");
        });

        MarketInstrument perp = config.instruments().get(2);
        Instrument i = perp.instrument();
        assertThat(i.marketType()).isEqualTo(MarketType.LINEAR_PERPETUAL);
        assertThat(i.venueSymbol()).isEqualTo("BTCUSDT-PERP");
        assertThat(i.baseAsset()).isEqualTo("BTC");
        assertThat(i.quoteAsset()).isEqualTo("USDT");
        assertThat(i.settleAsset()).isEqualTo("USDT");
        assertThat(i.tickSize()).isEqualByComparingTo("0.1");
        assertThat(i.lotSize()).isEqualByComparingTo("0.001");
        assertThat(i.minQuantity()).isEqualByComparingTo("0.001");
        assertThat(i.maxQuantity()).isEqualByComparingTo("1000");
        assertThat(i.minNotional()).isEqualByComparingTo("5");
        assertThat(perp.startMid()).isEqualByComparingTo("60000");
        assertThat(perp.levelQuantity()).isEqualByComparingTo("0.5");
        MarketInstrument eth = config.instruments().get(1);
        assertThat(eth.instrument().venueSymbol()).isEqualTo("ETHUSDT");
        assertThat(eth.instrument().lotSize()).isEqualByComparingTo("0.0001");
        assertThat(eth.startMid()).isEqualByComparingTo("3000");
        assertThat(eth.levelQuantity()).isEqualByComparingTo("5");
    }

    @Test
    void everySettingIsRead() {
        PaperConfig config = PaperConfig.from(TestConfigs.settings(Map.of(
                "fees", Map.of("maker", "0.0001", "taker", "0.001"),
                "leverage", "20",
                "market", Map.of("seed", 7, "walkIntervalMs", 250, "levels", 4, "spreadTicks", 3,
                        "levelSpacingTicks", 2, "stepTicks", 5, "levelNotional", "1000"),
                "instruments", List.of(Map.of("symbol", "SOL/USDC", "type", "spot", "venueSymbol", "SOL-USDC",
                        "tick", "0.001", "lot", "0.01", "minQty", "0.1", "maxQty", "500", "minNotional", "1",
                        "mid", "150", "status", "halted"))),
                List.of(TestConfigs.account("alpha", Map.of("balances", Map.of("USDC", "250"))),
                        TestConfigs.account("beta", Map.of()))));

        assertThat(config.fees().maker()).isEqualByComparingTo("0.0001");
        assertThat(config.fees().taker()).isEqualByComparingTo("0.001");
        assertThat(config.leverage()).isEqualByComparingTo("20");
        assertThat(config.walkIntervalMs()).isEqualTo(250);
        assertThat(config.market()).satisfies(m -> {
            assertThat(m.seed()).isEqualTo(7);
            assertThat(m.levels()).isEqualTo(4);
            assertThat(m.spreadTicks()).isEqualTo(3);
            assertThat(m.levelSpacingTicks()).isEqualTo(2);
            assertThat(m.stepTicks()).isEqualTo(5);
        });
        MarketInstrument sol = config.instruments().get(0);
        assertThat(sol.instrument().venueSymbol()).isEqualTo("SOL-USDC");
        assertThat(sol.instrument().status()).isEqualTo(TradingStatus.HALTED);
        assertThat(sol.instrument().minQuantity()).isEqualByComparingTo("0.1");
        assertThat(sol.levelQuantity()).as("1000 / 150 rounded down to the lot").isEqualByComparingTo("6.66");
        assertThat(config.accounts()).extracting(PaperConfig.AccountConfig::name).containsExactly("alpha", "beta");
        assertThat(config.accounts().get(0).balances()).containsOnlyKeys("USDC");
        assertThat(config.accounts().get(1).balances()).isEqualTo(PaperConfig.DEFAULT_BALANCES);
    }

    @Test
    void instrumentDefaultsFillTheOptionalKeys() {
        PaperConfig config = PaperConfig.from(TestConfigs.settings(Map.of("instruments",
                List.of(Map.of("symbol", "ETH/USDT:USDT", "tick", "0.01", "lot", "0.01", "mid", "3000")))));

        Instrument i = config.instrumentList().get(0);
        assertThat(i.marketType()).isEqualTo(MarketType.LINEAR_PERPETUAL);
        assertThat(i.venueSymbol()).isEqualTo("ETHUSDT-PERP");
        assertThat(i.minQuantity()).isEqualByComparingTo("0.01");
        assertThat(i.maxQuantity()).isEqualByComparingTo("1000000");
        assertThat(i.minNotional()).isEqualByComparingTo("0");
        assertThat(i.status()).isEqualTo(TradingStatus.TRADING);
        assertThat(config.instruments().get(0).levelQuantity()).isEqualByComparingTo("10");
    }

    @Test
    void unknownKeysAreRefusedWithTheirPath() {
        assertThat(error(Map.of("market", Map.of("sede", 1))).getMessage())
                .startsWith("venues[paper].market.sede: unknown setting");
        assertThat(error(Map.of("wallet", "x")).getMessage()).startsWith("venues[paper].wallet: unknown setting");
        assertThat(error(Map.of("instruments", List.of(Map.of("symbol", "BTC/USDT", "tick", "1", "lot", "1",
                "mid", "100", "colour", "red")))).getMessage())
                .startsWith("venues[paper].instruments[BTC/USDT].colour: unknown setting");
    }

    @Test
    void badInstrumentsAreRefusedNamingTheSetting() {
        assertThat(error(instrument("BTC/USD:BTC", "0.1", "60000")).getMessage())
                .startsWith("venues[paper].instruments[BTC/USD:BTC].symbol:").contains("inverse");
        assertThat(error(instrument("BTC/USDT:USDT-261225", "0.1", "60000")).getMessage()).contains("dated future");
        assertThat(error(instrument("btc-usdt", "0.1", "60000")).getMessage()).contains("not a unified symbol");
        assertThat(error(instrument("BTC/USDT", "0.1", "60000.05")).getMessage())
                .startsWith("venues[paper].instruments[BTC/USDT].mid:").contains("tick");
        assertThat(error(instrument("BTC/USDT", "0.1", "0.5")).getMessage()).contains("too low");
        assertThat(error(instrument("BTC/USDT", "0", "60000")).getMessage())
                .startsWith("venues[paper].instruments[BTC/USDT].tick:");
        assertThat(error(Map.of("instruments", List.of(Map.of("symbol", "BTC/USDT", "type", "linear-perpetual",
                "tick", "1", "lot", "1", "mid", "100")))).getMessage())
                .startsWith("venues[paper].instruments[BTC/USDT].type:");
        assertThat(error(Map.of("instruments", List.of(Map.of("symbol", "BTC/USDT", "tick", "1", "lot", "1",
                "mid", "100", "status", "paused")))).getMessage()).contains("trading, halted or delisted");
        assertThat(error(Map.of("instruments", List.of())).getMessage()).contains("lists no instrument");
        assertThat(error(Map.of("instruments", List.of(Map.of("symbol", "BTC/USDT", "tick", "1", "lot", "1",
                "mid", "100"), Map.of("symbol", "BTC/USDT", "tick", "1", "lot", "1", "mid", "100")))).getMessage())
                .contains("listed twice");
    }

    @Test
    void badMarketAndFeeSettingsAreRefused() {
        assertThat(error(Map.of("fees", Map.of("taker", "1.5"))).getMessage()).startsWith("venues[paper].fees.taker:");
        assertThat(error(Map.of("fees", Map.of("maker", "-0.1"))).getMessage()).startsWith("venues[paper].fees.maker:");
        assertThat(error(Map.of("leverage", "0")).getMessage()).startsWith("venues[paper].leverage:");
        assertThat(error(Map.of("market", Map.of("levels", 0))).getMessage()).startsWith("venues[paper].market.levels:");
        assertThat(error(Map.of("market", Map.of("walkIntervalMs", -1))).getMessage())
                .startsWith("venues[paper].market.walkIntervalMs:");
        assertThat(error(Map.of("market", Map.of("seed", "x"))).getMessage()).startsWith("venues[paper].market.seed:");
    }

    @Test
    void badAccountsAreRefused() {
        assertThatThrownBy(() -> PaperConfig.from(TestConfigs.settings(Map.of(),
                List.of(TestConfigs.account("main", Map.of("balances", Map.of("USDT", "-5")))))))
                .isInstanceOf(VenueConfigException.class)
                .hasMessageStartingWith("venues[paper].accounts[main].balances.USDT:");
        assertThatThrownBy(() -> PaperConfig.from(TestConfigs.settings(Map.of(),
                List.of(TestConfigs.account("main", Map.of("apiKey", "k"))))))
                .isInstanceOf(VenueConfigException.class)
                .hasMessageStartingWith("venues[paper].accounts[main].apiKey: unknown setting");
    }

    @Test
    void amountsAreExactDecimals() {
        PaperConfig config = PaperConfig.from(TestConfigs.settings(Map.of("fees", Map.of("maker", "0.1"))));

        assertThat(config.fees().maker()).isEqualTo(new BigDecimal("0.1"));
    }

    private static Map<String, ?> instrument(String symbol, String tick, String mid) {
        return Map.of("instruments", List.of(Map.of("symbol", symbol, "tick", tick, "lot", "0.001", "mid", mid)));
    }
}

package io.fixbridge.sims.bybit;

import com.fasterxml.jackson.databind.JsonNode;
import io.fixbridge.sims.bybit.BybitClient.Resp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class MarketDataTest {
    BybitSimulator sim;
    BybitClient anyone;

    @BeforeEach
    void start() throws Exception {
        sim = Fixtures.builder().build();
        sim.start();
        anyone = Fixtures.alice(sim);
    }

    @AfterEach
    void stop() {
        sim.close();
    }

    @Test
    void serverTimeIsInSecondsAndNanos() {
        Resp r = anyone.publicGet("/v5/market/time", "");
        assertThat(r.retCode()).isZero();
        long seconds = Long.parseLong(r.result().get("timeSecond").asText());
        assertThat(Math.abs(seconds - System.currentTimeMillis() / 1000)).isLessThanOrEqualTo(2);
        assertThat(r.result().get("timeNano").asText()).hasSize(19).startsWith(Long.toString(seconds));
        assertThat(r.header("X-Bapi-Limit")).as("public endpoints carry no per-UID limit").isEmpty();
    }

    @Test
    void spotInstrumentsHaveTheSpotFieldSet() {
        Resp r = anyone.publicGet("/v5/market/instruments-info", "category=spot&symbol=BTCUSDT");
        assertThat(r.result().get("category").asText()).isEqualTo("spot");
        JsonNode i = r.list().get(0);
        assertThat(PrivateStreamTest.names(i)).containsExactly("symbolId", "symbol", "baseCoin", "quoteCoin",
                "innovation", "status", "marginTrading", "stTag", "lotSizeFilter", "priceFilter", "riskParameters",
                "symbolType");
        assertThat(PrivateStreamTest.names(i.get("lotSizeFilter"))).containsExactly("basePrecision",
                "quotePrecision", "minOrderQty", "maxOrderQty", "minOrderAmt", "maxOrderAmt", "maxLimitOrderQty",
                "maxMarketOrderQty", "postOnlyMaxLimitOrderSize");
        assertThat(i.get("status").asText()).isEqualTo("Trading");
        assertThat(i.get("priceFilter").get("tickSize").asText()).isEqualTo("0.01");
        assertThat(i.get("lotSizeFilter").get("basePrecision").asText()).isEqualTo("0.000001");
        assertThat(i.get("lotSizeFilter").get("minOrderAmt").asText()).isEqualTo("5");
        assertThat(anyone.publicGet("/v5/market/instruments-info", "category=spot").list()).hasSize(2);
    }

    @Test
    void linearInstrumentsHaveTheDerivativeFieldSet() {
        JsonNode i = anyone.publicGet("/v5/market/instruments-info", "category=linear").list().get(0);
        assertThat(i.get("symbol").asText()).isEqualTo("BTCUSDT");
        assertThat(i.get("contractType").asText()).isEqualTo("LinearPerpetual");
        assertThat(i.get("priceScale").asText()).isEqualTo("2");
        assertThat(PrivateStreamTest.names(i.get("lotSizeFilter"))).containsExactly("maxOrderQty", "minOrderQty",
                "qtyStep", "postOnlyMaxOrderQty", "maxMktOrderQty", "minNotionalValue");
        assertThat(i.get("lotSizeFilter").get("qtyStep").asText()).isEqualTo("0.001");
        assertThat(i.get("priceFilter").get("tickSize").asText()).isEqualTo("0.10");
        assertThat(i.get("priceFilter").get("minPrice").asText()).isEqualTo("0.10");
        assertThat(i.get("settleCoin").asText()).isEqualTo("USDT");
        assertThat(i.get("leverageFilter").get("maxLeverage").asText()).isEqualTo("100.00");
    }

    @Test
    void aClosedSymbolLeavesTheDefaultListingAndRefusesOrders() {
        sim.linearMarket().setStatus("BTCUSDT", "Closed");
        assertThat(anyone.publicGet("/v5/market/instruments-info", "category=linear").list()).isEmpty();
        assertThat(anyone.publicGet("/v5/market/instruments-info", "category=linear&symbol=BTCUSDT").list().get(0)
                .get("status").asText()).isEqualTo("Closed");
        Resp r = anyone.post("/v5/order/create", Fixtures.market("linear", "BTCUSDT", "Buy", "0.010", "closed-1"));
        assertThat(r.retCode()).isEqualTo(110074);
        sim.spotMarket().setStatus("ETHUSDT", "Closed");
        assertThat(anyone.post("/v5/order/create", Fixtures.market("spot", "ETHUSDT", "Sell", "1", "closed-2"))
                .retCode()).isEqualTo(170157);
    }

    @Test
    void tickersShowTheBestQuotesAndTheLastPrice() {
        JsonNode spot = anyone.publicGet("/v5/market/tickers", "category=spot&symbol=BTCUSDT").list().get(0);
        assertThat(spot.get("bid1Price").asText()).isEqualTo("59999.99");
        assertThat(spot.get("ask1Price").asText()).isEqualTo("60000.01");
        assertThat(spot.get("lastPrice").asText()).isEqualTo("60000.00");
        sim.inverseMarket().moveMid("BTCUSD", 2);
        JsonNode inverse = anyone.publicGet("/v5/market/tickers", "category=inverse").list().get(0);
        assertThat(inverse.get("markPrice").asText()).isEqualTo("60001.00");
        assertThat(inverse.get("bid1Price").asText()).isEqualTo("60000.50");
        assertThat(List.of(inverse.get("bid1Size").asText())).containsExactly("60000");
    }

    @Test
    void customSymbolsReplaceTheDefaults() throws Exception {
        try (BybitSimulator custom = Fixtures.builder()
                .symbols(BybitSymbol.linearBtcusdt().withMid("65000").withLevelQuantity("5"),
                        BybitSymbol.inverseBtcusd().withStatus("PreLaunch"))
                .build()) {
            custom.start();
            BybitClient c = Fixtures.alice(custom);
            assertThat(c.publicGet("/v5/market/instruments-info", "category=spot").list()).isEmpty();
            JsonNode t = c.publicGet("/v5/market/tickers", "category=linear&symbol=BTCUSDT").list().get(0);
            assertThat(t.get("bid1Price").asText()).isEqualTo("64999.90");
            assertThat(t.get("bid1Size").asText()).isEqualTo("5.000");
            assertThat(c.publicGet("/v5/market/instruments-info", "category=inverse&status=PreLaunch").list()
                    .get(0).get("symbol").asText()).isEqualTo("BTCUSD");
            assertThat(c.post("/v5/order/create", Fixtures.market("spot", "BTCUSDT", "Buy", "10", "none"))
                    .retCode()).isEqualTo(170121);
        }
    }

    @Test
    void unknownPathsAre404WithRetCode10017() {
        Resp r = anyone.publicGet("/v5/market/nothing", "");
        assertThat(r.status()).isEqualTo(404);
        assertThat(r.retCode()).isEqualTo(10017);
    }
}

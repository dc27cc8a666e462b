package io.fixbridge.sims.bybit;

import io.fixbridge.venue.sim.VenueSimulatorFactory;
import org.junit.jupiter.api.Test;

import java.util.ServiceLoader;

import static org.assertj.core.api.Assertions.assertThat;

class FactoryTest {

    @Test
    void serviceLoaderFindsTheBybitSimulatorAndItsDemoAccountTrades() throws Exception {
        VenueSimulatorFactory factory = ServiceLoader.load(VenueSimulatorFactory.class).stream()
                .map(ServiceLoader.Provider::get)
                .filter(f -> "bybit".equals(f.type()))
                .findFirst().orElseThrow();
        try (VenueSimulatorFactory.RunningSimulator running = factory.start(0)) {
            assertThat(running.port()).isPositive();
            assertThat(String.join("\n", running.describe()))
                    .contains("http://127.0.0.1:" + running.port() + "/v5/")
                    .contains("ws://127.0.0.1:" + running.port() + "/v5/private")
                    .contains("fixbridge-demo-key");
            BybitClient demo = new BybitClient("http://127.0.0.1:" + running.port(),
                    BybitSimulatorFactory.DEMO_API_KEY, BybitSimulatorFactory.DEMO_SECRET, System::currentTimeMillis);
            BybitClient.Resp wallet = demo.get("/v5/account/wallet-balance", "accountType=UNIFIED");
            assertThat(wallet.retCode()).isZero();
            var coins = wallet.list().get(0).get("coin");
            assertThat(Fixtures.find(coins, "coin", "USDT").get("walletBalance").asText()).isEqualTo("1000000");
            assertThat(Fixtures.find(coins, "coin", "BTC").get("walletBalance").asText()).isEqualTo("10");
            assertThat(Fixtures.find(coins, "coin", "ETH").get("walletBalance").asText()).isEqualTo("100");
            BybitClient.Resp order = demo.post("/v5/order/create",
                    Fixtures.market("inverse", "BTCUSD", "Buy", "100", "demo-1"));
            assertThat(order.retCode()).as(order.toString()).isZero();
        }
        assertThat(ServiceLoader.load(VenueSimulatorFactory.class).stream().map(p -> p.get().type()))
                .contains("binance", "bybit");
    }
}

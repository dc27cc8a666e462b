package io.fixbridge.sims.binance;

import io.fixbridge.venue.sim.VenueSimulatorFactory;
import org.junit.jupiter.api.Test;

import java.util.ServiceLoader;

import static org.assertj.core.api.Assertions.assertThat;

class FactoryTest {

    @Test
    void serviceLoaderFindsTheBinanceSimulatorAndItsDemoAccountTrades() throws Exception {
        VenueSimulatorFactory factory = ServiceLoader.load(VenueSimulatorFactory.class).stream()
                .map(ServiceLoader.Provider::get)
                .filter(f -> "binance".equals(f.type()))
                .findFirst().orElseThrow();
        try (VenueSimulatorFactory.RunningSimulator running = factory.start(0)) {
            assertThat(running.port()).isPositive();
            assertThat(String.join("\n", running.describe()))
                    .contains("http://127.0.0.1:" + running.port() + "/api/v3")
                    .contains("/fapi/v1")
                    .contains("ws://127.0.0.1:" + running.port() + "/ws-api/v3")
                    .contains("fixbridge-demo-key")
                    .contains("http://127.0.0.1:" + running.port() + "/_sim/")
                    .contains("POST faults", "GET orders?account=demo", "POST market");
            assertThat(new ControlClient("http://127.0.0.1:" + running.port()).get("/_sim/health").status())
                    .isEqualTo(200);
            TestClient demo = TestClient.hmac("http://127.0.0.1:" + running.port(),
                    BinanceSimulatorFactory.DEMO_API_KEY, BinanceSimulatorFactory.DEMO_SECRET);
            TestClient.Resp account = demo.signed("GET", "/api/v3/account", "");
            assertThat(account.status()).isEqualTo(200);
            assertThat(SpotRestTest.find(account.json().get("balances"), "asset", "BTC").get("free").asText())
                    .isEqualTo("10.00000000");
            TestClient.Resp futures = demo.signed("GET", "/fapi/v2/balance", "");
            assertThat(SpotRestTest.find(futures.json(), "asset", "USDT").get("balance").asText())
                    .isEqualTo("1000000.00000000");
        }
    }
}

package io.fixbridge.sims.hyperliquid;

import io.fixbridge.venue.kit.sign.eth.EthSigningKey;
import io.fixbridge.venue.sim.VenueSimulatorFactory;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ServiceLoader;

import static org.assertj.core.api.Assertions.assertThat;

/** The service-loaded factory runs a standalone simulator whose demo account is the documented public test key. */
class FactoryTest {

    @Test
    void theFactoryIsListedAndItsDemoAccountTrades() throws Exception {
        VenueSimulatorFactory factory = ServiceLoader.load(VenueSimulatorFactory.class).stream()
                .map(ServiceLoader.Provider::get).filter(f -> "hyperliquid".equals(f.type())).findFirst().orElseThrow();
        try (VenueSimulatorFactory.RunningSimulator running = factory.start(0)) {
            assertThat(running.port()).isPositive();
            String text = String.join("\n", running.describe());
            assertThat(text).contains("http://127.0.0.1:" + running.port(), "ws://127.0.0.1:" + running.port() + "/ws",
                    HyperliquidSimulatorFactory.DEMO_ADDRESS, "PUBLIC test key");
            EthSigningKey demo = EthSigningKey.fromHex(HyperliquidSimulatorFactory.DEMO_PRIVATE_KEY.toCharArray());
            assertThat(demo.address().hex()).isEqualTo(HyperliquidSimulatorFactory.DEMO_ADDRESS);

            HttpResponse<String> state = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + running.port() + "/info")).POST(HttpRequest.BodyPublishers.ofString(
                    "{\"type\":\"clearinghouseState\",\"user\":\"" + HyperliquidSimulatorFactory.DEMO_ADDRESS + "\"}"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(state.statusCode()).isEqualTo(200);
            assertThat(state.body()).contains("\"accountValue\":\"100000.0\"");
        }
    }
}

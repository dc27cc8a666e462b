package io.fixbridge.gateway.binance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.fixbridge.gateway.fix.TestGatewayAccess;
import io.fixbridge.sims.binance.BinanceSimulator;

/**
 * Readiness follows the venue: once Binance goes away and its user-data streams cannot reconnect,
 * /health/ready answers 503 naming the stream, and fixbridge_venue_up and fixbridge_ready are 0.
 * (Reconnects are counted in PrometheusScrapeTest.)
 */
class VenueHealthTest {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void readinessAndVenueMetricsFollowTheUserStream(@TempDir Path dir) throws Exception {
        try (BinanceSimulator sim = BinanceGateway.simulator().build()) {
            sim.start();
            try (TestGatewayAccess gateway = BinanceGateway.start(dir, sim, "")) {
                int port = gateway.gateway().opsAddress().getPort();
                assertThat(get(port, "/health/ready").statusCode()).isEqualTo(200);
                assertThat(get(port, "/metrics").body()).containsPattern("fixbridge_venue_up\\{venue=\"binance\"} 1\\.0");

                // the venue goes away: its streams drop and cannot reconnect
                sim.close();
                await().atMost(WAIT).untilAsserted(() -> {
                    HttpResponse<String> ready = get(port, "/health/ready");
                    assertThat(ready.statusCode()).isEqualTo(503);
                    assertThat(ready.body()).contains("venue:binance").contains("disconnected");
                });
                assertThat(get(port, "/metrics").body()).containsPattern("fixbridge_venue_up\\{venue=\"binance\"} 0\\.0")
                        .containsPattern("fixbridge_venue_stream_up\\{stream=\"[^\"]+\",venue=\"binance\"} 0\\.0")
                        .containsPattern("fixbridge_ready 0\\.0");
            }
        }
    }

    private HttpResponse<String> get(int port, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}

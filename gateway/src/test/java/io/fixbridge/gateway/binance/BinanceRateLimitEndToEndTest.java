package io.fixbridge.gateway.binance;

import static io.fixbridge.gateway.fix.Orders.f;
import static io.fixbridge.gateway.fix.Orders.limit;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.fixbridge.gateway.fix.TestGatewayAccess;
import io.fixbridge.gateway.order.ClientOrderIds;
import io.fixbridge.sims.binance.BinanceSimulator;
import io.fixbridge.sims.binance.RateLimits;
import io.fixbridge.testkit.fix.FixTestClient;
import quickfix.Message;

/**
 * Orders past Binance's order-rate limit are delayed or rejected as configured, never lost:
 * every order gets a definitive answer, and what the OMS was told matches the venue's truth.
 */
class BinanceRateLimitEndToEndTest {
    @TempDir
    Path dir;

    @Test
    void ordersPastTheLimitAreDelayedOrRejectedNeverLost() throws Exception {
        try (BinanceSimulator sim = BinanceGateway.simulator().spotLimits(new RateLimits(6000, 5, 200_000)).build()) {
            sim.start();
            String limits = """
                        rateLimits: { spotOrdersPer10s: 5 }
                        rateLimitPolicy: { maxWaitMs: 100 }
                    """;
            try (TestGatewayAccess gateway = BinanceGateway.start(dir, sim, limits);
                 FixTestClient client = gateway.client(dir.resolve("client-store"))) {
                int n = 8;
                List<String> ids = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    String id = "RL" + i;
                    ids.add(id);
                    client.send(limit(id, "BTC/USDT", '1', "0.01", "50000"));
                }
                @SuppressWarnings("unchecked")
                java.util.function.Predicate<Message>[] answered = ids.stream()
                        .map(id -> (java.util.function.Predicate<Message>) m -> "8".equals(f(m, 35)) && id.equals(f(m, 11))
                                && ("0".equals(f(m, 150)) || "8".equals(f(m, 150))))
                        .toArray(java.util.function.Predicate[]::new);
                int accepted = 0;
                int rejected = 0;
                for (Message answer : client.awaitAll(Duration.ofSeconds(40), answered)) {
                    if ("0".equals(f(answer, 150))) {
                        accepted++;
                    } else {
                        rejected++;
                        assertThat(f(answer, 58)).containsIgnoringCase("rate limit");
                    }
                }
                assertThat(accepted + rejected).isEqualTo(n);
                assertThat(accepted).isGreaterThanOrEqualTo(5);
                // the venue has exactly the orders the OMS was told are live
                List<String> venueIds = sim.truth().spotOrders("alice").stream().map(o -> o.clientOrderId()).toList();
                long live = ids.stream().map(id -> ClientOrderIds.derive("FIX.4.4:FIXBRIDGE->OMS1", id)).filter(venueIds::contains).count();
                assertThat(live).isEqualTo(accepted);
            }
        }
    }
}

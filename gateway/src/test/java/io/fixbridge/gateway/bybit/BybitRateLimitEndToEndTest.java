package io.fixbridge.gateway.bybit;

import static io.fixbridge.gateway.fix.Orders.f;
import static io.fixbridge.gateway.fix.Orders.limit;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.fixbridge.gateway.fix.TestGatewayAccess;
import io.fixbridge.gateway.order.ClientOrderIds;
import io.fixbridge.sims.bybit.BybitSimulator;
import io.fixbridge.sims.bybit.RateLimits;
import io.fixbridge.sims.bybit.TruthOrder;
import io.fixbridge.testkit.fix.FixTestClient;
import quickfix.Message;

/** Orders past Bybit's per-second limit are delayed or rejected as configured, never lost. */
class BybitRateLimitEndToEndTest {
    @TempDir
    Path dir;

    @Test
    void ordersPastTheRateLimitAreDelayedOrRejectedNeverLost() throws Exception {
        try (BybitSimulator limited = BybitEndToEndTest.simulator().rateLimits(RateLimits.uniform(2)).build()) {
            limited.start();
            try (TestGatewayAccess gw = TestGatewayAccess.start(dir, BybitEndToEndTest.venueYaml(limited, "    rateLimitPolicy: { maxWaitMs: 100 }\n"))) {
                try (FixTestClient own = gw.client(dir.resolve("client-store"))) {
                    List<String> ids = new ArrayList<>();
                    for (int i = 0; i < 6; i++) {
                        String id = "RL" + i;
                        ids.add(id);
                        own.send(limit(id, "BTC/USDT", '1', "0.01", "50000"));
                    }
                    @SuppressWarnings("unchecked")
                    Predicate<Message>[] answered = ids.stream()
                            .map(id -> (Predicate<Message>) m -> "8".equals(f(m, 35)) && id.equals(f(m, 11))
                                    && ("0".equals(f(m, 150)) || "8".equals(f(m, 150))))
                            .toArray(Predicate[]::new);
                    int accepted = 0;
                    for (Message answer : own.awaitAll(Duration.ofSeconds(40), answered)) {
                        if ("0".equals(f(answer, 150))) {
                            accepted++;
                        } else {
                            assertThat(f(answer, 58)).containsIgnoringCase("rate limit");
                        }
                    }
                    List<String> linkIds = limited.truth().orders("alice").stream().map(TruthOrder::orderLinkId).toList();
                    long live = ids.stream().map(id -> ClientOrderIds.derive("FIX.4.4:FIXBRIDGE->OMS1", id)).filter(linkIds::contains).count();
                    assertThat(live).isEqualTo(accepted);
                    assertThat(accepted).isGreaterThanOrEqualTo(2);
                }
            }
        }
    }
}

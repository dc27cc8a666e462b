package io.fixbridge.gateway.binance;

import static io.fixbridge.gateway.fix.Orders.f;
import static io.fixbridge.gateway.fix.Orders.limit;
import static io.fixbridge.gateway.fix.Orders.report;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.fixbridge.gateway.fix.TestGatewayAccess;
import io.fixbridge.sims.binance.BinanceSimulator;
import io.fixbridge.testkit.fix.FixTestClient;
import quickfix.Message;

/**
 * The reference price a risk check needs, from a real venue adapter (Binance's bookTicker, polled
 * from the simulator): the collar against it over a real FIX session, and a price older than
 * {@code risk.referencePrice.maxAgeMs} refusing the order ({@code whenMissing: refuse}) or letting
 * it through with the check skipped ({@code allow}). The adapter polls once at connect and then
 * not for ten minutes, so with {@code maxAgeMs: 1} every order after the logon meets a stale price.
 */
class ReferencePriceRiskTest {
    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final String POLL_ONCE = "    referencePriceIntervalMs: 600000\n";

    @TempDir
    Path dir;
    private BinanceSimulator sim;

    @BeforeEach
    void startSimulator() throws Exception {
        sim = BinanceGateway.simulator().build();
        sim.start();
    }

    @AfterEach
    void stopSimulator() {
        sim.close();
    }

    private TestGatewayAccess gateway(String name, String risk) throws Exception {
        return TestGatewayAccess.start(java.nio.file.Files.createDirectories(dir.resolve(name)),
                BinanceGateway.venueYaml(sim, POLL_ONCE) + risk);
    }

    private static double missing(TestGatewayAccess gateway, String action) {
        var counter = gateway.gateway().metrics().registry().find("fixbridge.risk.reference.missing")
                .tag("venue", "binance").tag("action", action).counter();
        return counter == null ? 0 : counter.count();
    }

    @Test
    void theCollarHoldsAgainstTheVenuesMid() throws Exception {
        try (TestGatewayAccess gateway = gateway("fresh", """
                risk:
                  referencePrice: { maxAgeMs: 600000 }
                  sessions:
                    OMS1: { priceCollarPercent: "5" }
                """);
             FixTestClient oms = gateway.client(dir.resolve("oms-fresh"))) {
            oms.send(limit("F1", "BTC/USDT", '1', "0.001", "70000"));
            Message refused = oms.awaitMessage(report("F1", '8'), WAIT);
            assertThat(f(refused, 103)).isEqualTo("3");
            assertThat(f(refused, 58)).contains("priceCollarPercent").contains("above the venue's reference price")
                    .contains("MID");
            oms.send(limit("F2", "BTC/USDT", '1', "0.001", "55000"));
            oms.awaitMessage(report("F2", '0'), WAIT);
        }
    }

    @Test
    void aStalePriceRefusesWhatNeedsItOrSkipsTheCheckWhenAllowed() throws Exception {
        String stale = """
                risk:
                  referencePrice: { maxAgeMs: 1, whenMissing: %s }
                  sessions:
                    OMS1: { priceCollarPercent: "5", maxOrderQty: "1" }
                """;
        try (TestGatewayAccess gateway = gateway("refuse", stale.formatted("refuse"));
             FixTestClient oms = gateway.client(dir.resolve("oms-refuse"))) {
            oms.send(limit("S1", "BTC/USDT", '1', "0.001", "55000"));
            Message refused = oms.awaitMessage(report("S1", '8'), WAIT);
            assertThat(f(refused, 103)).isEqualTo("99");
            assertThat(f(refused, 58)).contains("reference price for BTC/USDT is from")
                    .contains("older than risk.referencePrice.maxAgeMs 1").contains("priceCollarPercent of session OMS1")
                    .contains("whenMissing is refuse");
            assertThat(missing(gateway, "refused")).isEqualTo(1.0);
            oms.send(limit("S2", "BTC/USDT", '1', "2", "55000"));
            assertThat(f(oms.awaitMessage(report("S2", '8'), WAIT), 58)).as("a check without the price still runs first")
                    .contains("maxOrderQty");
        }
        try (TestGatewayAccess gateway = gateway("allow", stale.formatted("allow"));
             FixTestClient oms = gateway.client(dir.resolve("oms-allow"))) {
            oms.send(limit("A1", "BTC/USDT", '1', "0.001", "90000"));
            oms.awaitMessage(m -> report("A1", '0').test(m) || report("A1", 'F').test(m), WAIT);
            assertThat(missing(gateway, "skipped")).isEqualTo(1.0);
            assertThat(missing(gateway, "refused")).isZero();
            oms.send(limit("A2", "BTC/USDT", '1', "2", "55000"));
            assertThat(f(oms.awaitMessage(report("A2", '8'), WAIT), 58)).contains("maxOrderQty");
        }
    }
}

package io.fixbridge.venue.hyperliquid;

import io.fixbridge.sims.hyperliquid.RateLimits;
import io.fixbridge.venue.Side;
import io.fixbridge.venue.VenueError;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.fixbridge.venue.hyperliquid.Harness.failure;
import static io.fixbridge.venue.hyperliquid.Harness.limit;
import static org.assertj.core.api.Assertions.assertThat;

/** The IP weight limit (HTTP 429 pauses every request) and the per-address request budget. */
class HyperliquidLimitsTest {
    private static final String BTC = "BTC/USDC:USDC";

    @Test
    void http429IsRetryableAndPausesEveryRequest() throws Exception {
        SimSupport sim = SimSupport.start();
        try (Harness h = new Harness(sim, sim.settings(Map.of("rateLimit", Map.of("maxWait", "200ms"))))) {
            sim.sim.rateLimits(new RateLimits(1, 10_000, 1));
            sim.sim.resetRateLimits();
            h.submit(limit(BTC, Side.BUY, "0.001", "50000").build());

            VenueError tooMany = failure(h.adapter.submit(limit(BTC, Side.BUY, "0.001", "50000").build()));
            VenueError paused = failure(h.adapter.queryOrder(SimSupport.ACCOUNT, BTC, Harness.newId()));

            assertThat(tooMany.outcome()).isEqualTo(VenueError.Outcome.RETRYABLE);
            assertThat(tooMany.code()).isEqualTo("HTTP 429");
            assertThat(paused.outcome()).isEqualTo(VenueError.Outcome.RETRYABLE);
            assertThat(paused.message()).contains("not sent");
            assertThat(sim.sim.truth().orders(SimSupport.ALICE)).hasSize(1);
        }
    }

    @Test
    void theAddressBudgetRefusalIsRetryableAndTheBudgetIsThenCountedHere() throws Exception {
        SimSupport sim = SimSupport.start();
        try (Harness h = new Harness(sim, sim.settings(Map.of()))) {
            sim.sim.rateLimits(new RateLimits(1200, 1, 0));
            h.submit(limit(BTC, Side.BUY, "0.001", "50000").build());

            VenueError venue = failure(h.adapter.submit(limit(BTC, Side.BUY, "0.001", "50000").build()));
            VenueError local = failure(h.adapter.submit(limit(BTC, Side.BUY, "0.001", "50000").build()));

            assertThat(venue.outcome()).isEqualTo(VenueError.Outcome.RETRYABLE);
            assertThat(venue.message()).contains("Too many cumulative requests");
            assertThat(local.outcome()).isEqualTo(VenueError.Outcome.RETRYABLE);
            assertThat(local.message()).contains("request budget", "used up");
            assertThat(sim.sim.truth().orders(SimSupport.ALICE)).hasSize(1);
        }
    }

    @Test
    void aConfiguredAddressBudgetIsCountedDownBeforeSending() throws Exception {
        SimSupport sim = SimSupport.start();
        try (Harness h = new Harness(sim, sim.settings(Map.of("rateLimit", Map.of("addressBudget", 1))))) {
            h.submit(limit(BTC, Side.BUY, "0.001", "50000").build());

            VenueError e = failure(h.adapter.submit(limit(BTC, Side.BUY, "0.001", "50000").build()));

            assertThat(e.outcome()).isEqualTo(VenueError.Outcome.RETRYABLE);
            assertThat(e.message()).contains("used up");
            assertThat(sim.sim.truth().orders(SimSupport.ALICE)).hasSize(1);
        }
    }

    @Test
    void weights() {
        assertThat(HyperliquidRest.infoWeight("l2Book")).isEqualTo(2);
        assertThat(HyperliquidRest.infoWeight("orderStatus")).isEqualTo(2);
        assertThat(HyperliquidRest.infoWeight("exchangeStatus")).isEqualTo(2);
        assertThat(HyperliquidRest.infoWeight("meta")).isEqualTo(20);
        assertThat(HyperliquidRest.infoWeight("frontendOpenOrders")).isEqualTo(20);
        assertThat(HyperliquidRest.infoWeight("userRole")).isEqualTo(60);
        assertThat(HyperliquidRest.exchangeWeight(1)).isEqualTo(1);
        assertThat(HyperliquidRest.exchangeWeight(79)).isEqualTo(2);
        assertThat(HyperliquidRest.exchangeWeight(80)).isEqualTo(3);
    }
}

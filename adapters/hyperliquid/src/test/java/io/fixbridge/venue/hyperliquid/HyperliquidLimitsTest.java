package io.fixbridge.venue.hyperliquid;

import io.fixbridge.sims.hyperliquid.RateLimits;
import io.fixbridge.venue.OrderEvent;
import io.fixbridge.venue.OrderRequest;
import io.fixbridge.venue.RejectReason;
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
    void aConfiguredAddressBudgetThatRunsOutRefillsFromUserRateLimit() throws Exception {
        SimSupport sim = SimSupport.start();
        try (Harness h = new Harness(sim, sim.settings(Map.of("rateLimit", Map.of("addressBudget", 1))))) {
            h.submit(limit(BTC, Side.BUY, "0.001", "50000").build());

            OrderEvent.Accepted second = h.submit(limit(BTC, Side.BUY, "0.001", "50000").build());

            assertThat(second.venueOrderId()).as("the venue still has 9998 requests left").isNotBlank();
            assertThat(sim.sim.truth().orders(SimSupport.ALICE)).hasSize(2);
        }
    }

    @Test
    void aBudgetUsedUpAtTheVenueIsReadAgainAndUsableOnceTheVenueAllowsMore() throws Exception {
        SimSupport sim = SimSupport.start();
        try (Harness h = new Harness(sim, sim.settings(Map.of()))) {
            sim.sim.rateLimits(new RateLimits(1200, 1, 0));
            h.submit(limit(BTC, Side.BUY, "0.001", "50000").build());
            VenueError venue = failure(h.adapter.submit(limit(BTC, Side.BUY, "0.001", "50000").build()));

            sim.sim.rateLimits(new RateLimits(1200, 10, 0));
            OrderEvent.Accepted after = h.submit(limit(BTC, Side.BUY, "0.001", "50000").build());

            assertThat(venue.message()).contains("Too many cumulative requests");
            assertThat(after.venueOrderId()).isNotBlank();
            assertThat(sim.sim.truth().orders(SimSupport.ALICE)).hasSize(2);
        }
    }

    @Test
    void aDuplicateRefusedHereCostsNoBudget() throws Exception {
        SimSupport sim = SimSupport.start();
        try (Harness h = new Harness(sim, sim.settings(Map.of("rateLimit", Map.of("addressBudget", 2))))) {
            sim.sim.rateLimits(new RateLimits(1200, 2, 0));
            OrderRequest first = limit(BTC, Side.BUY, "0.001", "50000").build();
            h.submit(first);

            VenueError duplicate = failure(h.adapter.submit(first));
            OrderEvent.Accepted second = h.submit(limit(BTC, Side.BUY, "0.001", "50000").build());

            assertThat(duplicate.reason()).isEqualTo(RejectReason.DUPLICATE_ORDER);
            assertThat(second.venueOrderId()).isNotBlank();
            assertThat(sim.sim.truth().orders(SimSupport.ALICE)).hasSize(2);
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

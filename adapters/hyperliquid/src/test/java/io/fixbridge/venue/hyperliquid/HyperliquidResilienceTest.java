package io.fixbridge.venue.hyperliquid;

import io.fixbridge.venue.OrderRequest;
import io.fixbridge.venue.OrderSnapshot;
import io.fixbridge.venue.Side;
import io.fixbridge.venue.VenueError;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.fixbridge.venue.hyperliquid.Harness.answer;
import static io.fixbridge.venue.hyperliquid.Harness.failure;
import static io.fixbridge.venue.hyperliquid.Harness.limit;
import static org.assertj.core.api.Assertions.assertThat;

/** Server errors, maintenance and an unreachable venue: only definitive evidence rejects. */
class HyperliquidResilienceTest {
    private static final String BTC = "BTC/USDC:USDC";

    @Test
    void serverErrorsAreOutcomeUnknownAndAnUnreachableVenueIsRetryable() throws Exception {
        SimSupport sim = SimSupport.start();
        try (Harness h = new Harness(sim, sim.settings(Map.of()))) {
            OrderRequest o = limit(BTC, Side.BUY, "0.001", "50000").build();
            sim.sim.faults().failNextRequests(1, 500);
            VenueError serverError = failure(h.adapter.submit(o));

            sim.sim.faults().maintenance(true);
            VenueError maintenance = failure(h.adapter.submit(limit(BTC, Side.BUY, "0.001", "50000").build()));
            sim.sim.faults().maintenance(false);

            assertThat(serverError.outcome()).isEqualTo(VenueError.Outcome.OUTCOME_UNKNOWN);
            assertThat(serverError.code()).isEqualTo("HTTP 500");
            assertThat(maintenance.outcome()).isEqualTo(VenueError.Outcome.OUTCOME_UNKNOWN);
            assertThat(answer(h.adapter.queryOrder(SimSupport.ACCOUNT, BTC, o.clientOrderId())))
                    .as("the simulator did not process it").isEmpty();
            OrderRequest after = limit(BTC, Side.BUY, "0.001", "50000").build();
            assertThat(h.submit(after).venueOrderId()).isNotBlank();
            assertThat(answer(h.adapter.queryOrder(SimSupport.ACCOUNT, BTC, after.clientOrderId())))
                    .hasValueSatisfying(s -> assertThat(s.status()).isEqualTo(OrderSnapshot.Status.NEW));

            sim.close();
            VenueError unreachable = failure(h.adapter.submit(limit(BTC, Side.BUY, "0.001", "50000").build()));
            assertThat(unreachable.outcome()).isIn(VenueError.Outcome.RETRYABLE, VenueError.Outcome.OUTCOME_UNKNOWN);
            VenueError again = failure(h.adapter.balances(SimSupport.ACCOUNT));
            assertThat(again.outcome()).isEqualTo(VenueError.Outcome.RETRYABLE);
            // refused at connect, or (a pooled connection reset) written without an answer: both safe to ask again
            assertThat(again.message()).containsAnyOf("did not reach Hyperliquid", "no answer from Hyperliquid to a read");
        }
    }
}

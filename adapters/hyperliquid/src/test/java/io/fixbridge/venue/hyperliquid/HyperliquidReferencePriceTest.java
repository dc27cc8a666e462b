package io.fixbridge.venue.hyperliquid;

import io.fixbridge.venue.ReferencePrice;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Reference prices over sockets against the simulator: they follow its market through the allMids stream,
 * perpetuals and spot pairs ({@code @1} = HYPE/USDC), and again after the stream was dropped and resubscribed.
 */
class HyperliquidReferencePriceTest {
    private static final String BTC = "BTC/USDC:USDC";
    private static final String HYPE = "HYPE/USDC";

    @Test
    void emptyBeforeConnectThenTheMidOfEveryListedInstrument() throws Exception {
        SimSupport sim = SimSupport.start();
        HyperliquidAdapter adapter = sim.adapter(Map.of());
        try {
            assertThat(adapter.referencePrice(BTC)).as("before connect").isEmpty();
            Harness.answer(adapter.connect());

            await().atMost(Harness.TIMEOUT).untilAsserted(() -> {
                assertThat(adapter.referencePrice(BTC)).hasValueSatisfying(p -> {
                    assertThat(p.price()).isEqualByComparingTo("60000");
                    assertThat(p.kind()).isEqualTo(ReferencePrice.Kind.MID);
                });
                assertThat(adapter.referencePrice("ETH/USDC:USDC").map(ReferencePrice::price))
                        .hasValueSatisfying(v -> assertThat(v).isEqualByComparingTo("3000"));
                assertThat(adapter.referencePrice("PURR/USDC").map(ReferencePrice::price))
                        .hasValueSatisfying(v -> assertThat(v).isEqualByComparingTo("0.2"));
                assertThat(adapter.referencePrice(HYPE).map(ReferencePrice::price))
                        .hasValueSatisfying(v -> assertThat(v).isEqualByComparingTo("25"));
            });
            assertThat(adapter.referencePrice("BTC/USDT")).as("not listed").isEmpty();
            assertThat(adapter.referencePrice(null)).isEmpty();
        } finally {
            adapter.close();
            sim.close();
        }
    }

    @Test
    void followsTheSimulatorsMidsForPerpetualsAndSpotPairs() throws Exception {
        SimSupport sim = SimSupport.start();
        try (Harness h = new Harness(sim, sim.settings(Map.of()))) {
            ReferencePrice first = await().atMost(Harness.TIMEOUT).until(() -> h.adapter.referencePrice(BTC)
                    .orElse(null), p -> p != null);

            sim.sim.market().moveMid("BTC", "61000");
            sim.sim.market().moveMid("@1", "27.5");

            awaitPrice(h, BTC, "61000", first.asOf());
            awaitPrice(h, HYPE, "27.5", first.asOf());
        }
    }

    @Test
    void followsTheMarketAgainAfterTheStreamWasDroppedAndResubscribed() throws Exception {
        SimSupport sim = SimSupport.start();
        try (Harness h = new Harness(sim, sim.settings(Map.of()))) {
            ReferencePrice first = await().atMost(Harness.TIMEOUT).until(() -> h.adapter.referencePrice(BTC)
                    .orElse(null), p -> p != null);
            sim.sim.market().moveMid("BTC", "60500");
            ReferencePrice moved = awaitPrice(h, BTC, "60500", first.asOf());

            await().atMost(Harness.TIMEOUT).until(() -> h.adapter.referencePriceConnects() == 1);

            sim.sim.faults().dropStreams();
            await().atMost(Harness.TIMEOUT).until(() -> h.adapter.referencePriceConnects() == 2);
            sim.sim.market().moveMid("BTC", "59000");

            awaitPrice(h, BTC, "59000", moved.asOf());
        }
    }

    /** Waits until {@code symbol}'s price is {@code price}, received after {@code after}; returns it. */
    private static ReferencePrice awaitPrice(Harness h, String symbol, String price, Instant after) {
        return await().atMost(Harness.TIMEOUT).until(() -> h.adapter.referencePrice(symbol).orElse(null),
                p -> p != null && p.price().compareTo(new BigDecimal(price)) == 0 && p.asOf().isAfter(after));
    }
}

package io.fixbridge.venue.hyperliquid;

import io.fixbridge.testkit.contract.ContractFixture;
import io.fixbridge.testkit.contract.VenueAdapterContract;
import io.fixbridge.venue.OrderEvent;
import io.fixbridge.venue.OrderRequest;
import io.fixbridge.venue.ReplaceRequest;
import io.fixbridge.venue.VenueAdapter;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The venue adapter contract over sockets against a running Hyperliquid simulator, perpetual
 * BTC/USDC:USDC (mid 60000, quotes 59999 / 60001). One case is adapted to Hyperliquid, not skipped:
 * a replace is Hyperliquid's modify, which gives the order a NEW oid (and the replacement's cloid), so the
 * Replaced event carries the new oid, not the original one; and the price one "tick" below 50000 is
 * 49999 (five significant figures), not 49999.9.
 */
class HyperliquidAdapterContractTest extends VenueAdapterContract {
    protected SimSupport sim;

    @Override
    protected VenueAdapter createAdapter() throws Exception {
        sim = SimSupport.start();
        return sim.adapter(Map.of());
    }

    @Override
    protected ContractFixture fixture() {
        return ContractFixture.builder().account(SimSupport.ACCOUNT).symbol("BTC/USDC:USDC").quantity("0.001")
                .restingBuyPrice("50000").marketableBuyPrice("60010").detectsDuplicates(true)
                .timeout(Duration.ofSeconds(10)).build();
    }

    @Override
    protected void afterAdapterClosed() {
        sim.close();
    }

    @Test
    @Override
    public void replaceOfRestingOrderChangesItsPrice() {
        OrderRequest order = restingBuy();
        OrderEvent.Accepted accepted = answer(adapter.submit(order));
        BigDecimal newPrice = instrument().tickBelow(fx.restingBuyPrice().subtract(BigDecimal.ONE));
        OrderRequest replacement = order.toBuilder().clientOrderId(newClientOrderId()).price(newPrice).build();

        OrderEvent.Replaced replaced = answer(adapter.replace(new ReplaceRequest(order, accepted.venueOrderId(),
                BigDecimal.ZERO, replacement)));

        assertThat(replaced.clientOrderId()).isEqualTo(order.clientOrderId());
        assertThat(replaced.newClientOrderId()).isEqualTo(replacement.clientOrderId());
        assertThat(replaced.venueOrderId()).as("Hyperliquid's modify gives a new oid").isNotBlank()
                .isNotEqualTo(accepted.venueOrderId());
        assertThat(replaced.price()).isEqualByComparingTo(newPrice);
        assertThat(replaced.quantity()).isEqualByComparingTo(fx.quantity());
        await().atMost(fx.timeout()).untilAsserted(() ->
                assertThat(events.of(OrderEvent.Replaced.class, order.clientOrderId())).hasSize(1));
        await().atMost(fx.timeout()).untilAsserted(() -> assertThat(query(replacement.clientOrderId()))
                .hasValueSatisfying(s -> {
                    assertThat(s.price()).isEqualByComparingTo(newPrice);
                    assertThat(s.venueOrderId()).isEqualTo(replaced.venueOrderId());
                    assertThat(s.status().isTerminal()).isFalse();
                }));
        assertThat(events.of(OrderEvent.Canceled.class, order.clientOrderId()))
                .as("the modify's cancel of the old oid is not a cancel of the order").isEmpty();
        answer(adapter.cancel(new io.fixbridge.venue.CancelRequest(fx.account(), fx.symbol(),
                replacement.clientOrderId(), replaced.venueOrderId())));
    }
}

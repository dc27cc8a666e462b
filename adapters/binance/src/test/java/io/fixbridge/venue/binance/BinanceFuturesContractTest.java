package io.fixbridge.venue.binance;

import io.fixbridge.testkit.contract.ContractFixture;
import io.fixbridge.testkit.contract.VenueAdapterContract;
import io.fixbridge.venue.OrderEvent;
import io.fixbridge.venue.OrderRequest;
import io.fixbridge.venue.ReplaceRequest;
import io.fixbridge.venue.VenueAdapter;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The venue adapter contract against the simulator's USD-M perpetual BTC/USDT:USDT (best bid
 * 59999.9, best ask 60000.1), futures market only.
 *
 * <p>One contract case is adapted, not skipped: a futures replace is Binance's in-place modify
 * ({@code PUT /fapi/v1/order}), which keeps the order's client id and venue id, so the Replaced
 * event names the original client id as {@code newClientOrderId} (as {@link OrderEvent.Replaced}
 * documents for venues whose amend keeps it) rather than the replacement's.
 */
class BinanceFuturesContractTest extends VenueAdapterContract {
    private SimSupport sim;

    @Override
    protected VenueAdapter createAdapter() throws Exception {
        sim = SimSupport.start();
        return sim.adapter(Map.of("markets", List.of("futures")));
    }

    @Override
    protected ContractFixture fixture() {
        return ContractFixture.builder().account(SimSupport.ACCOUNT).symbol("BTC/USDT:USDT").quantity("0.003")
                .restingBuyPrice("50000.0").marketableBuyPrice("60010.0").detectsDuplicates(true)
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
        BigDecimal newPrice = fx.restingBuyPrice().subtract(instrument().tickSize());
        OrderRequest replacement = order.toBuilder().clientOrderId(newClientOrderId()).price(newPrice).build();

        OrderEvent.Replaced replaced = answer(adapter.replace(new ReplaceRequest(order, accepted.venueOrderId(),
                BigDecimal.ZERO, replacement)));

        assertThat(replaced.clientOrderId()).isEqualTo(order.clientOrderId());
        assertThat(replaced.newClientOrderId()).as("a modify keeps the client id").isEqualTo(order.clientOrderId());
        assertThat(replaced.venueOrderId()).as("a modify keeps the venue order id").isEqualTo(accepted.venueOrderId());
        assertThat(replaced.price()).isEqualByComparingTo(newPrice);
        assertThat(replaced.quantity()).isEqualByComparingTo(fx.quantity());
        await().atMost(fx.timeout()).untilAsserted(() ->
                assertThat(events.of(OrderEvent.Replaced.class, order.clientOrderId())).hasSize(1));
        await().atMost(fx.timeout()).untilAsserted(() -> assertThat(query(order.clientOrderId()))
                .hasValueSatisfying(s -> {
                    assertThat(s.price()).isEqualByComparingTo(newPrice);
                    assertThat(s.status().isTerminal()).isFalse();
                }));
    }
}

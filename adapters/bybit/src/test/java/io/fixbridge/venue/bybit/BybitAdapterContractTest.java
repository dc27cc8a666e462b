package io.fixbridge.venue.bybit;

import io.fixbridge.sims.bybit.TruthOrder;
import io.fixbridge.testkit.contract.ContractFixture;
import io.fixbridge.testkit.contract.VenueAdapterContract;
import io.fixbridge.venue.OrderEvent;
import io.fixbridge.venue.OrderRequest;
import io.fixbridge.venue.OrderSnapshot;
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
 * The venue adapter contract against a running Bybit simulator, spot BTC/USDT (best bid 59999.99, best
 * ask 60000.01). Two contract cases are adapted to Bybit, not skipped:
 * <ul>
 *   <li>replace is Bybit's native amend, which keeps the order's orderLinkId and orderId, so the
 *       Replaced event names the original client id as {@code newClientOrderId} (as
 *       {@link OrderEvent.Replaced} documents for venues whose amend keeps it);</li>
 *   <li>a second submit with a client order id Bybit already has (110072/170141) is settled by a query
 *       by orderLinkId: it is the same order, so the submit completes as Accepted with that order's
 *       venue id, and Bybit holds exactly one order.</li>
 * </ul>
 */
class BybitAdapterContractTest extends VenueAdapterContract {
    protected SimSupport sim;

    @Override
    protected VenueAdapter createAdapter() throws Exception {
        sim = SimSupport.start();
        return sim.adapter(Map.of("categories", List.of("spot")));
    }

    @Override
    protected ContractFixture fixture() {
        return ContractFixture.builder().account(SimSupport.ACCOUNT).symbol("BTC/USDT").quantity("0.001")
                .restingBuyPrice("50000.00").marketableBuyPrice("60010.00").detectsDuplicates(true)
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
        assertThat(replaced.newClientOrderId()).as("an amend keeps the orderLinkId").isEqualTo(order.clientOrderId());
        assertThat(replaced.venueOrderId()).as("an amend keeps the orderId").isEqualTo(accepted.venueOrderId());
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

    @Test
    @Override
    public void duplicateClientOrderIdIsRejected() {
        OrderRequest order = restingBuy();
        OrderEvent.Accepted first = answer(adapter.submit(order));

        OrderEvent.Accepted second = answer(adapter.submit(order));

        assertThat(second.venueOrderId()).as("the same order, settled by a query").isEqualTo(first.venueOrderId());
        assertThat(sim.sim.truth().orders(SimSupport.ACCOUNT)).extracting(TruthOrder::orderLinkId)
                .containsOnlyOnce(order.clientOrderId());
        assertThat(events.of(OrderEvent.Accepted.class, order.clientOrderId())).hasSize(1);
        assertThat(query(order.clientOrderId())).hasValueSatisfying(s ->
                assertThat(s.status()).isEqualTo(OrderSnapshot.Status.NEW));
    }
}

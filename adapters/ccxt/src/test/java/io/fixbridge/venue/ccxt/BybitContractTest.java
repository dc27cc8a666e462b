package io.fixbridge.venue.ccxt;

import io.fixbridge.sims.bybit.BybitSimulator;
import io.fixbridge.testkit.contract.ContractFixture;
import io.fixbridge.testkit.contract.VenueAdapterContract;
import io.fixbridge.venue.OrderEvent;
import io.fixbridge.venue.OrderRequest;
import io.fixbridge.venue.ReplaceMode;
import io.fixbridge.venue.ReplaceRequest;
import io.fixbridge.venue.VenueAdapter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The venue adapter contract through ccxt's bybit class and the real sidecar, against one running Bybit
 * simulator shared by the class, on the linear perpetual BTC/USDT:USDT (best bid 59999.9, ask 60000.1).
 * Replace is Bybit's native amend, which keeps the orderLinkId and orderId, so the Replaced event names the
 * original client id as {@code newClientOrderId} (as {@link OrderEvent.Replaced} documents for venues whose
 * amend keeps it); that case is adapted, not skipped.
 */
class BybitContractTest extends VenueAdapterContract {
    private static BybitSimulator sim;

    @BeforeAll
    static void startSimulator() throws InterruptedException {
        sim = SimSupport.bybit();
    }

    @AfterAll
    static void stopSimulator() {
        sim.close();
    }

    @Override
    protected VenueAdapter createAdapter() {
        return SimSupport.adapter("bybit-sim", SimSupport.bybitVenue(sim));
    }

    @Override
    protected ContractFixture fixture() {
        return ContractFixture.builder().account(SimSupport.ACCOUNT).symbol("BTC/USDT:USDT").quantity("0.001")
                .restingBuyPrice("50000.0").marketableBuyPrice("60010.0").detectsDuplicates(true)
                .timeout(Duration.ofSeconds(10)).build();
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

        assertThat(adapter.capabilities().replaceMode()).isEqualTo(ReplaceMode.NATIVE_AMEND);
        assertThat(replaced.newClientOrderId()).as("an amend keeps the orderLinkId").isEqualTo(order.clientOrderId());
        assertThat(replaced.venueOrderId()).as("an amend keeps the orderId").isEqualTo(accepted.venueOrderId());
        assertThat(replaced.price()).isEqualByComparingTo(newPrice);
        assertThat(sim.truth().orderByLinkId(SimSupport.ACCOUNT, order.clientOrderId()).price())
                .isEqualByComparingTo(newPrice);
        await().atMost(fx.timeout()).untilAsserted(() -> assertThat(query(order.clientOrderId()))
                .hasValueSatisfying(s -> {
                    assertThat(s.price()).isEqualByComparingTo(newPrice);
                    assertThat(s.status().isTerminal()).isFalse();
                }));
    }
}

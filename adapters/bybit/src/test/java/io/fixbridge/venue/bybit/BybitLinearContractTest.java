package io.fixbridge.venue.bybit;

import io.fixbridge.testkit.contract.ContractFixture;
import io.fixbridge.venue.VenueAdapter;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The venue adapter contract against the simulator's linear perpetual BTC/USDT:USDT (best bid 59999.9,
 * best ask 60000.1), linear category only; the Bybit adaptations of {@link BybitAdapterContractTest}
 * (native amend, duplicate orderLinkId settled by a query) hold here too.
 */
class BybitLinearContractTest extends BybitAdapterContractTest {

    @Override
    protected VenueAdapter createAdapter() throws Exception {
        sim = SimSupport.start();
        return sim.adapter(Map.of("categories", List.of("linear")));
    }

    @Override
    protected ContractFixture fixture() {
        return ContractFixture.builder().account(SimSupport.ACCOUNT).symbol("BTC/USDT:USDT").quantity("0.003")
                .restingBuyPrice("50000.0").marketableBuyPrice("60010.0").detectsDuplicates(true)
                .timeout(Duration.ofSeconds(10)).build();
    }
}

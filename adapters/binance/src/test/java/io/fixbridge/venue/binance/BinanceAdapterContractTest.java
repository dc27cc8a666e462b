package io.fixbridge.venue.binance;

import io.fixbridge.testkit.contract.ContractFixture;
import io.fixbridge.testkit.contract.VenueAdapterContract;
import io.fixbridge.venue.VenueAdapter;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The venue adapter contract against a running Binance simulator, spot BTC/USDT (best bid 59999.99,
 * best ask 60000.01).
 */
class BinanceAdapterContractTest extends VenueAdapterContract {
    private SimSupport sim;

    @Override
    protected VenueAdapter createAdapter() throws Exception {
        sim = SimSupport.start();
        return sim.adapter(Map.of("markets", List.of("spot")));
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
}

package io.fixbridge.venue.ccxt;

import io.fixbridge.sims.binance.BinanceSimulator;
import io.fixbridge.testkit.contract.ContractFixture;
import io.fixbridge.testkit.contract.VenueAdapterContract;
import io.fixbridge.venue.VenueAdapter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import java.time.Duration;

/**
 * The venue adapter contract through ccxt's binance class and the real sidecar, against one running
 * Binance simulator (spot BTC/USDT, best bid 59999.99, best ask 60000.01) shared by the class; each test
 * gets its own adapter and sidecar. A replace is Binance spot's cancel-replace (CANCEL_THEN_NEW: a new
 * order id and the replacement's client order id).
 */
class BinanceSpotContractTest extends VenueAdapterContract {
    private static BinanceSimulator sim;

    @BeforeAll
    static void startSimulator() throws InterruptedException {
        sim = SimSupport.binance();
    }

    @AfterAll
    static void stopSimulator() {
        sim.close();
    }

    @Override
    protected VenueAdapter createAdapter() {
        return SimSupport.adapter("binance-sim", SimSupport.binanceVenue(sim));
    }

    @Override
    protected ContractFixture fixture() {
        return ContractFixture.builder().account(SimSupport.ACCOUNT).symbol("BTC/USDT").quantity("0.001")
                .restingBuyPrice("50000.00").marketableBuyPrice("60010.00").detectsDuplicates(true)
                .timeout(Duration.ofSeconds(10)).build();
    }
}

package io.fixbridge.venue.paper;

import io.fixbridge.testkit.contract.ContractFixture;
import io.fixbridge.testkit.contract.VenueAdapterContract;
import io.fixbridge.venue.VenueAdapter;

/** The paper venue against the adapter contract, on a still market (mid 60000, asks from 60000.01). */
class PaperAdapterContractTest extends VenueAdapterContract {

    @Override
    protected VenueAdapter createAdapter() {
        return new PaperAdapter("paper", TestConfigs.still(10));
    }

    @Override
    protected ContractFixture fixture() {
        return ContractFixture.builder()
                .account("main")
                .symbol("BTC/USDT")
                .quantity("0.001")
                .restingBuyPrice("50000.00")
                .marketableBuyPrice("61000.00")
                .detectsDuplicates(true)
                .build();
    }
}

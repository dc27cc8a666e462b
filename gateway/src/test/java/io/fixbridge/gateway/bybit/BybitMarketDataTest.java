package io.fixbridge.gateway.bybit;

import io.fixbridge.gateway.fix.Orders;
import io.fixbridge.gateway.fix.VenueMarketDataContract;
import io.fixbridge.sims.bybit.BybitSimulator;
import io.fixbridge.sims.bybit.Category;
import io.fixbridge.sims.common.BookFeed;
import io.fixbridge.venue.Balance;
import io.fixbridge.venue.Position;
import quickfix.Message;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Market, reference and account data of Bybit's linear BTCUSDT perpetual over FIX, through the
 * Bybit adapter (orderbook.50 snapshot plus deltas, resubscribed after a gap) and the simulator.
 */
class BybitMarketDataTest extends VenueMarketDataContract {
    private BybitSimulator sim;

    @Override
    protected void startSimulator() throws Exception {
        sim = BybitEndToEndTest.simulator().build();
        sim.start();
    }

    @Override
    protected void stopSimulator() {
        if (sim != null) {
            sim.close();
        }
    }

    @Override
    protected String venueYaml() {
        return BybitEndToEndTest.venueYaml(sim, "    publicWsUrl: " + sim.publicWsBase() + "\n");
    }

    @Override
    protected String venue() {
        return "bybit";
    }

    @Override
    protected String symbol() {
        return "BTC/USDT:USDT";
    }

    @Override
    protected BookFeed.Snapshot simulatorBook(int depth) {
        return sim.market(Category.LINEAR).book("BTCUSDT", depth);
    }

    @Override
    protected void moveMarket(int step) {
        sim.market(Category.LINEAR).moveMid("BTCUSDT", step % 2 == 0 ? -3L * step : 2L * step);
    }

    @Override
    protected void dropNextBookUpdate() {
        sim.market(Category.LINEAR).dropNextBookUpdate("BTCUSDT");
    }

    @Override
    protected List<String> instrumentRules() {
        return List.of("0.1", "0.001", "0.001");
    }

    @Override
    protected Message positionOpeningOrder(String clOrdId) {
        return Orders.market(clOrdId, "BTC/USDT:USDT", '1', "0.01");
    }

    @Override
    protected Map<String, BigDecimal> simulatorPositions() {
        Map<String, BigDecimal> out = new LinkedHashMap<>();
        for (Position p : sim.truth().positions("alice")) {
            out.put(p.symbol(), p.quantity());
        }
        return out;
    }

    @Override
    protected Map<String, BigDecimal> simulatorBalances() {
        Map<String, BigDecimal> out = new LinkedHashMap<>();
        for (Balance b : sim.truth().balances("alice").values()) {
            out.put(b.asset(), b.total());
        }
        return out;
    }
}

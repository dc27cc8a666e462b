package io.fixbridge.gateway.binance;

import io.fixbridge.gateway.fix.VenueMarketDataContract;
import io.fixbridge.sims.binance.BinanceSimulator;
import io.fixbridge.sims.common.BookFeed;
import io.fixbridge.venue.Balance;
import quickfix.Message;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Market, reference and account data of Binance's spot BTCUSDT over FIX, through the
 * Binance adapter (diff depth aligned to the REST snapshot by update ids, U chained, resynced
 * after a gap) and the simulator. Spot has no positions: the account check is the balances.
 */
class BinanceSpotMarketDataTest extends VenueMarketDataContract {
    private BinanceSimulator sim;

    @Override
    protected void startSimulator() throws Exception {
        sim = BinanceGateway.simulator().build();
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
        return BinanceGateway.venueYaml(sim, "    spotStreamUrl: " + sim.spotMarketStreamUrl() + "\n");
    }

    @Override
    protected String venue() {
        return "binance";
    }

    @Override
    protected String symbol() {
        return "BTC/USDT";
    }

    @Override
    protected BookFeed.Snapshot simulatorBook(int depth) {
        return sim.spotMarket().book("BTCUSDT", depth);
    }

    @Override
    protected void moveMarket(int step) {
        BigDecimal mid = sim.spotMarket().top("BTCUSDT").mid();
        sim.spotMarket().moveMidTo("BTCUSDT", mid.add(new BigDecimal(step % 2 == 0 ? "-0.03" : "0.02")
                .multiply(BigDecimal.valueOf(step))));
    }

    @Override
    protected void dropNextBookUpdate() {
        sim.spotMarket().dropNextBookUpdate("BTCUSDT");
    }

    @Override
    protected List<String> instrumentRules() {
        return List.of("0.01", "0.00001", "0.00001");
    }

    @Override
    protected Message positionOpeningOrder(String clOrdId) {
        return null;
    }

    @Override
    protected Map<String, BigDecimal> simulatorPositions() {
        return Map.of();
    }

    @Override
    protected Map<String, BigDecimal> simulatorBalances() {
        Map<String, BigDecimal> out = new LinkedHashMap<>();
        for (Balance b : sim.truth().spotBalances("alice").values()) {
            out.put(b.asset(), b.total());
        }
        return out;
    }
}

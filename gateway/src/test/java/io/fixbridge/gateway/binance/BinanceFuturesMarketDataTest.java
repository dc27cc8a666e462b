package io.fixbridge.gateway.binance;

import io.fixbridge.gateway.fix.Orders;
import io.fixbridge.gateway.fix.VenueMarketDataContract;
import io.fixbridge.sims.binance.BinanceSimulator;
import io.fixbridge.sims.common.BookFeed;
import io.fixbridge.venue.Balance;
import io.fixbridge.venue.Position;
import quickfix.Message;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Market, reference and account data of Binance's USD-M BTCUSDT perpetual over FIX, through the
 * Binance adapter (diff depth aligned to the REST snapshot by update ids, pu chained, resynced
 * after a gap) and the simulator; balances are the spot wallet's, as the adapter reports them.
 */
class BinanceFuturesMarketDataTest extends VenueMarketDataContract {
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
        return "BTC/USDT:USDT";
    }

    @Override
    protected BookFeed.Snapshot simulatorBook(int depth) {
        return sim.futuresMarket().book("BTCUSDT", depth);
    }

    @Override
    protected void moveMarket(int step) {
        BigDecimal mid = sim.futuresMarket().top("BTCUSDT").mid();
        sim.futuresMarket().moveMidTo("BTCUSDT", mid.add(new BigDecimal(step % 2 == 0 ? "-0.30" : "0.20")
                .multiply(BigDecimal.valueOf(step))));
    }

    @Override
    protected void dropNextBookUpdate() {
        sim.futuresMarket().dropNextBookUpdate("BTCUSDT");
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
        for (Position p : sim.truth().futuresPositions("alice")) {
            out.put(p.symbol(), p.quantity());
        }
        return out;
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

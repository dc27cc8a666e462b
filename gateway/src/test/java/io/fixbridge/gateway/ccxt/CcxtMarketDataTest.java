package io.fixbridge.gateway.ccxt;

import io.fixbridge.gateway.fix.VenueMarketDataContract;
import io.fixbridge.sims.binance.BinanceSimulator;
import io.fixbridge.sims.binance.SimAccount;
import io.fixbridge.sims.common.BookFeed;
import io.fixbridge.venue.Balance;
import quickfix.Message;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Market, reference and account data of spot BTC/USDT over FIX through the CCXT adapter: the Node
 * sidecar's ccxt {@code watchOrderBook} and {@code watchTrades} against the Binance simulator's
 * public streams (ccxt aligns the diff depth with the REST snapshot itself, and resubscribes
 * after a gap, which the sidecar reports as an interruption).
 */
class CcxtMarketDataTest extends VenueMarketDataContract {
    private static final String API_KEY = "ccxt-md-key";
    private static final String SECRET = "ccxt-md-secret-91c4";
    private BinanceSimulator sim;

    @Override
    protected void startSimulator() throws Exception {
        sim = BinanceSimulator.builder()
                .account(SimAccount.hmac("alice", API_KEY, SECRET)
                        .spotBalance("USDT", "1000000").spotBalance("BTC", "10").spotBalance("ETH", "100").build())
                .walkIntervalMs(0)
                .build();
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
        String base = sim.baseUrl();
        Path bridge = Path.of("..", "adapters", "ccxt", "bridge").toAbsolutePath().normalize();
        return """
                venues:
                  - name: binance-ccxt
                    type: ccxt
                    exchange: binance
                    bridgeDirectory: %s
                    streams: poll
                    pollIntervalMs: 200
                    streamSymbols: [BTC/USDT]
                    options:
                      fetchCurrencies: false
                      fetchMargins: false
                      adjustForTimeDifference: false
                      fetchMarkets: { types: [spot] }
                    urls:
                      api:
                        public: %s/api/v3
                        private: %s/api/v3
                        v1: %s/api/v1
                        ws:
                          spot: %s/stream
                    accounts:
                      - name: main
                        apiKey: %s
                        secret: %s
                sessions:
                  - { senderCompId: OMS1, role: order-entry, venue: binance-ccxt, account: main }
                """.formatted(bridge, base, base, base, sim.spotMarketStreamUrl(), API_KEY, SECRET);
    }

    @Override
    protected String venue() {
        return "binance-ccxt";
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

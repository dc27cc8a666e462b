package io.fixbridge.venue.binance;

import io.fixbridge.sims.binance.BinanceSimulator;
import io.fixbridge.sims.binance.SimAccount;
import io.fixbridge.venue.ConfigView;
import io.fixbridge.venue.VenueSettings;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * A running {@link BinanceSimulator} on 127.0.0.1 with account "alice" (HMAC), and adapter settings
 * pointing every URL at it, with short timeouts for tests.
 */
final class SimSupport implements AutoCloseable {
    static final String ACCOUNT = "alice";
    static final String API_KEY = "alice-api-key-7f3c9a1e5b2d4c6f8a0e";
    static final String SECRET = "alice-secret-2b4d6f8a0c1e3a5c7e9b";

    final BinanceSimulator sim;
    final int port;

    private SimSupport(BinanceSimulator sim) throws InterruptedException {
        this.sim = sim;
        this.port = sim.start();
    }

    static SimAccount.Builder alice() {
        return SimAccount.hmac(ACCOUNT, API_KEY, SECRET).spotBalance("USDT", "1000000").spotBalance("BTC", "10")
                .spotBalance("ETH", "100").futuresBalance("USDT", "1000000");
    }

    /** A simulator with alice and the defaults, customised by {@code builder}. */
    static SimSupport start(UnaryOperator<BinanceSimulator.Builder> builder) throws InterruptedException {
        return start(alice().build(), builder);
    }

    /** A simulator with {@code alice} as given, customised by {@code builder}. */
    static SimSupport start(SimAccount alice, UnaryOperator<BinanceSimulator.Builder> builder)
            throws InterruptedException {
        return new SimSupport(builder.apply(BinanceSimulator.builder().account(alice)).build());
    }

    static SimSupport start() throws InterruptedException {
        return start(b -> b);
    }

    /** Venue settings for the simulator; {@code extra} adds or overrides settings. */
    VenueSettings settings(Map<String, Object> extra) {
        Map<String, Object> venue = new LinkedHashMap<>();
        venue.put("spotRestUrl", sim.baseUrl());
        venue.put("futuresRestUrl", sim.baseUrl());
        venue.put("spotWsApiUrl", sim.wsApiUrl());
        venue.put("futuresWsUrl", sim.futuresStreamUrl());
        venue.put("spotStreamUrl", sim.spotMarketStreamUrl());
        venue.put("healthProbeIntervalMs", 100);
        venue.put("timeouts", Map.of("connectMs", 1000, "requestMs", 2000, "wsPingMs", 5000,
                "reconnectMinMs", 50, "reconnectMaxMs", 500));
        venue.putAll(extra);
        Map<String, Object> account = new LinkedHashMap<>();
        account.put("apiKey", API_KEY);
        account.put("secret", SECRET);
        return new VenueSettings("binance-sim", "binance", new ConfigView("venues[binance-sim]", venue),
                List.of(new VenueSettings.Account(ACCOUNT, new ConfigView("venues[binance-sim].accounts[alice]",
                        account))));
    }

    BinanceAdapter adapter(Map<String, Object> extra) {
        return new BinanceAdapter("binance-sim", BinanceConfig.from(settings(extra)));
    }

    @Override
    public void close() {
        sim.close();
    }
}

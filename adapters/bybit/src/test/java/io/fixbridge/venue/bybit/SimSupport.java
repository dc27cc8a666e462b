package io.fixbridge.venue.bybit;

import io.fixbridge.sims.bybit.BybitSimulator;
import io.fixbridge.sims.bybit.SimAccount;
import io.fixbridge.venue.ConfigView;
import io.fixbridge.venue.VenueSettings;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * A running {@link BybitSimulator} on 127.0.0.1 with account "alice" (HMAC, one unified wallet), and
 * adapter settings pointing every URL at it, with short timeouts for tests.
 */
final class SimSupport implements AutoCloseable {
    static final String ACCOUNT = "alice";
    static final String API_KEY = "alice-api-key-7f3c9a1e5b2d4c6f8a0e";
    static final String SECRET = "alice-secret-2b4d6f8a0c1e3a5c7e9b";

    final BybitSimulator sim;
    final int port;

    private SimSupport(BybitSimulator sim) throws InterruptedException {
        this.sim = sim;
        this.port = sim.start();
    }

    static SimAccount.Builder alice() {
        return SimAccount.hmac(ACCOUNT, API_KEY, SECRET).balance("USDT", "1000000").balance("BTC", "10")
                .balance("ETH", "100");
    }

    /** A simulator with alice and the defaults, customised by {@code builder}. */
    static SimSupport start(UnaryOperator<BybitSimulator.Builder> builder) throws InterruptedException {
        return start(alice().build(), builder);
    }

    /** A simulator with {@code alice} as given, customised by {@code builder}. */
    static SimSupport start(SimAccount alice, UnaryOperator<BybitSimulator.Builder> builder)
            throws InterruptedException {
        return new SimSupport(builder.apply(BybitSimulator.builder().account(alice)).build());
    }

    static SimSupport start() throws InterruptedException {
        return start(b -> b);
    }

    /** Venue settings for the simulator; {@code extra} adds or overrides settings. */
    VenueSettings settings(Map<String, Object> extra) {
        return settings(extra, Map.of("apiKey", API_KEY, "secret", SECRET));
    }

    /** Venue settings for the simulator with {@code account} as alice's settings. */
    VenueSettings settings(Map<String, Object> extra, Map<String, Object> account) {
        Map<String, Object> venue = new LinkedHashMap<>();
        venue.put("restUrl", sim.baseUrl());
        venue.put("privateWsUrl", sim.privateWsUrl());
        venue.put("publicWsUrl", sim.publicWsBase());
        venue.put("healthProbeIntervalMs", 100);
        venue.put("timeouts", Map.of("connectMs", 1000, "requestMs", 2000, "wsPingMs", 5000,
                "reconnectMinMs", 50, "reconnectMaxMs", 500));
        venue.putAll(extra);
        return new VenueSettings("bybit-sim", "bybit", new ConfigView("venues[bybit-sim]", venue),
                List.of(new VenueSettings.Account(ACCOUNT, new ConfigView("venues[bybit-sim].accounts[alice]",
                        account))));
    }

    BybitAdapter adapter(Map<String, Object> extra) {
        return new BybitAdapter("bybit-sim", BybitConfig.from(settings(extra)));
    }

    @Override
    public void close() {
        sim.close();
    }
}

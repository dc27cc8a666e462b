package io.fixbridge.sims.bybit;

import io.fixbridge.venue.sim.VenueSimulatorFactory;

import java.util.List;

/**
 * {@code fixbridge simulate bybit}: starts a {@link BybitSimulator} with one demo account (API key
 * {@code fixbridge-demo-key}, HMAC secret {@code fixbridge-demo-secret}; unified wallet USDT
 * 1000000, BTC 10, ETH 100) and a market that walks every second. The demo secret is public and
 * for the simulator only.
 *
 * <p><b>Threading:</b> stateless; {@link #start} is called on the command line's main thread.
 */
public final class BybitSimulatorFactory implements VenueSimulatorFactory {
    /** The demo account's API key. */
    public static final String DEMO_API_KEY = "fixbridge-demo-key";
    /** The demo account's HMAC secret (demo only, never a real secret). */
    public static final String DEMO_SECRET = "fixbridge-demo-secret";

    @Override
    public String type() {
        return "bybit";
    }

    @Override
    public RunningSimulator start(int port) throws Exception {
        BybitSimulator sim = BybitSimulator.builder()
                .port(port)
                .walkIntervalMs(1000)
                .account(SimAccount.hmac("demo", DEMO_API_KEY, DEMO_SECRET)
                        .balance("USDT", "1000000")
                        .balance("BTC", "10")
                        .balance("ETH", "100")
                        .build())
                .build();
        int bound = sim.start();
        return new RunningSimulator() {
            @Override
            public int port() {
                return bound;
            }

            @Override
            public List<String> describe() {
                return List.of(
                        "Bybit v5 simulator (spot, linear, inverse; unified account) on 127.0.0.1:" + bound,
                        "REST:              " + sim.baseUrl() + "/v5/...",
                        "private WebSocket: " + sim.privateWsUrl(),
                        "public WebSockets: " + sim.publicWsBase() + "/spot|linear|inverse (orderbook.{1|50|200|1000}"
                                + ".{symbol}, publicTrade.{symbol})",
                        "control plane:     " + sim.controlUrl() + " (health, book-gap)",
                        "demo account 'demo': API key " + DEMO_API_KEY + ", HMAC secret " + DEMO_SECRET
                                + " (demo only)",
                        "symbols: spot BTCUSDT, ETHUSDT; linear BTCUSDT; inverse BTCUSD; the market walks every 1 s");
            }

            @Override
            public void close() {
                sim.close();
            }
        };
    }
}

package io.fixbridge.sims.binance;

import io.fixbridge.venue.sim.VenueSimulatorFactory;

import java.util.List;

/**
 * {@code fixbridge simulate binance}: starts a {@link BinanceSimulator} with one demo account
 * (API key {@code fixbridge-demo-key}, HMAC secret {@code fixbridge-demo-secret}; spot USDT
 * 1000000, BTC 10, ETH 100; futures wallet USDT 1000000) and a market that walks every second;
 * {@code describe()} also lists the {@code /_sim/} control plane.
 * The demo secret is public and for the simulator only.
 *
 * <p><b>Threading:</b> stateless; {@link #start} is called on the command line's main thread.
 */
public final class BinanceSimulatorFactory implements VenueSimulatorFactory {
    /** The demo account's API key. */
    public static final String DEMO_API_KEY = "fixbridge-demo-key";
    /** The demo account's HMAC secret (demo only, never a real secret). */
    public static final String DEMO_SECRET = "fixbridge-demo-secret";

    @Override
    public String type() {
        return "binance";
    }

    @Override
    public RunningSimulator start(int port) throws Exception {
        BinanceSimulator sim = BinanceSimulator.builder()
                .port(port)
                .walkIntervalMs(1000)
                .account(SimAccount.hmac("demo", DEMO_API_KEY, DEMO_SECRET)
                        .spotBalance("USDT", "1000000")
                        .spotBalance("BTC", "10")
                        .spotBalance("ETH", "100")
                        .futuresBalance("USDT", "1000000")
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
                        "Binance simulator (spot + USD-M futures) on 127.0.0.1:" + bound,
                        "spot REST:          " + sim.baseUrl() + "/api/v3/...",
                        "futures REST:       " + sim.baseUrl() + "/fapi/v1/... (and /fapi/v2, /fapi/v3)",
                        "spot WebSocket API: " + sim.wsApiUrl(),
                        "user-data streams:  " + sim.streamBaseUrl() + "<listenKey>",
                        "demo account 'demo': API key " + DEMO_API_KEY + ", HMAC secret " + DEMO_SECRET
                                + " (demo only)",
                        "symbols: spot BTCUSDT, ETHUSDT; futures BTCUSDT (perpetual); the market walks every 1 s",
                        "control plane:      " + sim.controlUrl() + " (JSON, unsigned, never faulted): GET health,"
                                + " POST faults, GET orders?account=demo,",
                        "                    GET market?symbol=BTCUSDT, POST market {\"symbol\":\"BTCUSDT\","
                                + "\"price\":\"59000\"}");
            }

            @Override
            public void close() {
                sim.close();
            }
        };
    }
}

package io.fixbridge.bench.load;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

import io.fixbridge.sims.binance.BinanceSimulator;
import io.fixbridge.sims.bybit.BybitSimulator;
import io.fixbridge.venue.kit.sign.eth.EthAddress;
import io.fixbridge.sims.hyperliquid.HyperliquidSimulator;

/**
 * The simulators of a bench run in one process of their own, so their CPU is not the gateway's:
 * Binance, Bybit and Hyperliquid with the demo accounts of {@code fixbridge simulate}, but with
 * rate limits and balances no bench rate reaches (the venues' real limits would measure the limits,
 * not the gateway) and a market that does not walk (a resting order stays resting).
 *
 * <p>Prints one line {@code simulators binance=<port> bybit=<port> hyperliquid=<port>} on stdout
 * once all three listen, then runs until killed. <b>Threading:</b> main thread only.
 * <b>Errors:</b> a simulator that cannot start ends the process with exit code 1 and the reason on stderr.
 */
public final class BenchSimulators {
    /** The simulators' demo API key (Binance and Bybit). */
    public static final String API_KEY = "fixbridge-demo-key";
    /** The simulators' demo HMAC secret (demo only). */
    public static final String SECRET = "fixbridge-demo-secret";
    /** Hyperliquid's demo signing key: a public test key from Hyperliquid's SDK tests, never funded. */
    public static final String HYPERLIQUID_KEY = "0x0123456789012345678901234567890123456789012345678901234567890123";
    static final String HYPERLIQUID_ADDRESS = "0x14791697260e4c9a71f18484c9f997b308e59325";
    static final String READY_LINE = "simulators ";

    private static final int UNLIMITED = 1_000_000_000;
    private static final long NO_WALK_MS = 3_600_000;

    private BenchSimulators() {
    }

    public static void main(String[] args) throws Exception {
        List<AutoCloseable> running = new ArrayList<>();
        try {
            BinanceSimulator binance = BinanceSimulator.builder()
                    .port(0).walkIntervalMs(NO_WALK_MS)
                    .spotLimits(new io.fixbridge.sims.binance.RateLimits(UNLIMITED, UNLIMITED, UNLIMITED))
                    .futuresLimits(new io.fixbridge.sims.binance.RateLimits(UNLIMITED, UNLIMITED, UNLIMITED))
                    .account(io.fixbridge.sims.binance.SimAccount.hmac("demo", API_KEY, SECRET)
                            .spotBalance("USDT", "100000000000").spotBalance("BTC", "1000000")
                            .futuresBalance("USDT", "100000000000").build())
                    .build();
            running.add(binance);
            int binancePort = binance.start();

            BybitSimulator bybit = BybitSimulator.builder()
                    .port(0).walkIntervalMs(NO_WALK_MS)
                    .rateLimits(io.fixbridge.sims.bybit.RateLimits.uniform(UNLIMITED))
                    .maxActiveOrders(UNLIMITED)
                    .account(io.fixbridge.sims.bybit.SimAccount.hmac("demo", API_KEY, SECRET)
                            .balance("USDT", "100000000000").balance("BTC", "1000000").build())
                    .build();
            running.add(bybit);
            bybit.start();

            HyperliquidSimulator hyperliquid = HyperliquidSimulator.builder()
                    .port(0).walkIntervalMs(NO_WALK_MS)
                    .rateLimits(new io.fixbridge.sims.hyperliquid.RateLimits(UNLIMITED, UNLIMITED, 1))
                    .account(EthAddress.parse(HYPERLIQUID_ADDRESS), HyperliquidSimulator.balances(
                            HyperliquidSimulator.PERP_MARGIN, "100000000000", "USDC", "100000000000"))
                    .build();
            running.add(hyperliquid);
            hyperliquid.start();

            System.out.println(READY_LINE + "binance=" + binancePort + " bybit=" + bybit.port()
                    + " hyperliquid=" + hyperliquid.port());
            System.out.flush();
            new CountDownLatch(1).await();
        } catch (Exception e) {
            System.err.println("bench simulators could not start: " + e);
            for (AutoCloseable c : running) {
                c.close();
            }
            System.exit(1);
        }
    }
}

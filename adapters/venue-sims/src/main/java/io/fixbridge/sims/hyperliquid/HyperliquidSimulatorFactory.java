package io.fixbridge.sims.hyperliquid;

import io.fixbridge.venue.kit.sign.eth.EthAddress;
import io.fixbridge.venue.sim.VenueSimulatorFactory;

import java.util.List;

/**
 * {@code fixbridge simulate hyperliquid}: a {@link HyperliquidSimulator} with one demo account
 * whose key is Hyperliquid's PUBLIC SDK test key (private key
 * {@value #DEMO_PRIVATE_KEY}, address {@value #DEMO_ADDRESS}) — a well-known key, never to be
 * funded anywhere real. Mainnet signatures (source "a"); the market walks every second.
 *
 * <p><b>Threading:</b> called on the command line's main thread.
 */
public final class HyperliquidSimulatorFactory implements VenueSimulatorFactory {
    /** The Python SDK's published test key; public, for the demo only. */
    public static final String DEMO_PRIVATE_KEY = "0x0123456789012345678901234567890123456789012345678901234567890123";
    /** Its address. */
    public static final String DEMO_ADDRESS = "0x14791697260e4c9a71f18484c9f997b308e59325";

    @Override
    public String type() {
        return "hyperliquid";
    }

    @Override
    public RunningSimulator start(int port) throws Exception {
        HyperliquidSimulator sim = HyperliquidSimulator.builder()
                .account(EthAddress.parse(DEMO_ADDRESS), HyperliquidSimulator.balances(
                        HyperliquidSimulator.PERP_MARGIN, "100000", "USDC", "100000", "PURR", "100000", "HYPE", "1000"))
                .walkIntervalMs(1000)
                .port(port)
                .build();
        try {
            sim.start();
        } catch (Exception e) {
            sim.close();
            throw e;
        }
        return new RunningSimulator() {
            @Override
            public int port() {
                return sim.port();
            }

            @Override
            public List<String> describe() {
                return List.of(
                        "Hyperliquid simulator (mainnet signatures, source \"a\")",
                        "  REST      " + sim.baseUrl() + "  (POST /info, POST /exchange)",
                        "  WebSocket " + sim.wsUrl() + "  (orderUpdates, userFills, l2Book, trades, allMids)",
                        "  control   " + sim.controlUrl() + "  (health, book-gap)",
                        "  demo account " + DEMO_ADDRESS,
                        "    signing key " + DEMO_PRIVATE_KEY,
                        "    (a PUBLIC test key from Hyperliquid's SDK tests: demo only, never fund it)",
                        "    perp margin 100000 USDC; spot USDC 100000, PURR 100000, HYPE 1000",
                        "  assets: perps BTC=0 ETH=1 SOL=2; spot PURR/USDC=10000, @1 (HYPE/USDC)=10001",
                        "  the market walks every 1 s");
            }

            @Override
            public void close() {
                sim.close();
            }
        };
    }
}

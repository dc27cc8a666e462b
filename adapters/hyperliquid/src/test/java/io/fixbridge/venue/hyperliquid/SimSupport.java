package io.fixbridge.venue.hyperliquid;

import io.fixbridge.sims.hyperliquid.HyperliquidSimulator;
import io.fixbridge.venue.ConfigView;
import io.fixbridge.venue.VenueSettings;
import io.fixbridge.venue.kit.sign.eth.EthAddress;
import io.fixbridge.venue.kit.sign.eth.EthSigningKey;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * A running {@link HyperliquidSimulator} on 127.0.0.1 with account "alice" (perp margin and spot tokens)
 * and an approved API wallet, and adapter settings pointing every URL at it, with short timeouts and a
 * nonce directory of its own.
 */
final class SimSupport implements AutoCloseable {
    static final String ACCOUNT = "alice";
    /** Alice's own key (test only). */
    static final String ALICE_KEY = "0x8f2a55949038a9610f50fb23b5883af3b4ecb3c3bb792cbcefbd1542c692be63";
    /** An API wallet approved for alice (test only). */
    static final String AGENT_KEY = "0x2d7b1c3e5f4a6980b7c6d5e4f3a2b1c0d9e8f7a6b5c4d3e2f1a0b9c8d7e6f5a4";
    static final EthAddress ALICE = EthSigningKey.fromHex(ALICE_KEY.toCharArray()).address();
    static final EthAddress AGENT = EthSigningKey.fromHex(AGENT_KEY.toCharArray()).address();

    final HyperliquidSimulator sim;
    final int port;
    final Path nonces;

    private SimSupport(HyperliquidSimulator sim) throws InterruptedException {
        this.sim = sim;
        this.port = sim.start();
        try {
            this.nonces = Files.createTempDirectory("hl-nonces");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static HyperliquidSimulator.Builder alice() {
        return HyperliquidSimulator.builder()
                .account(ALICE, HyperliquidSimulator.balances("PERP", "100000", "USDC", "10000", "PURR", "1000",
                        "HYPE", "10"))
                .agent(ALICE, AGENT);
    }

    static SimSupport start(UnaryOperator<HyperliquidSimulator.Builder> builder) throws InterruptedException {
        return new SimSupport(builder.apply(alice()).build());
    }

    static SimSupport start() throws InterruptedException {
        return start(b -> b);
    }

    /** Venue settings for the simulator, alice signing with her own key; {@code extra} adds or overrides. */
    VenueSettings settings(Map<String, Object> extra) {
        return settings(extra, Map.of("privateKey", ALICE_KEY));
    }

    /** Venue settings with {@code account} as alice's settings. */
    VenueSettings settings(Map<String, Object> extra, Map<String, Object> account) {
        return settingsForAccounts(extra, Map.of(ACCOUNT, account));
    }

    /** Venue settings with several accounts, by name, in the map's order. */
    VenueSettings settingsForAccounts(Map<String, Object> extra, Map<String, Map<String, Object>> accounts) {
        Map<String, Object> venue = new LinkedHashMap<>();
        venue.put("restUrl", sim.baseUrl());
        venue.put("wsUrl", sim.wsUrl());
        venue.put("nonceDirectory", nonces.toString());
        venue.put("keystorePollInterval", "100ms");
        venue.put("timeouts", Map.of("connect", "1s", "request", "2s", "wsPing", "5s", "reconnectMin", "50ms",
                "reconnectMax", "500ms"));
        venue.putAll(extra);
        List<VenueSettings.Account> list = accounts.entrySet().stream().map(e -> new VenueSettings.Account(e.getKey(),
                new ConfigView("venues[hl-sim].accounts[" + e.getKey() + "]", e.getValue()))).toList();
        return new VenueSettings("hl-sim", "hyperliquid", new ConfigView("venues[hl-sim]", venue), list);
    }

    HyperliquidAdapter adapter(Map<String, Object> extra) {
        return new HyperliquidAdapter("hl-sim", HyperliquidConfig.from(settings(extra)));
    }

    @Override
    public void close() {
        sim.close();
    }
}

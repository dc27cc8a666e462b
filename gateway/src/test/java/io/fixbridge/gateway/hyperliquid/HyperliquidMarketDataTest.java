package io.fixbridge.gateway.hyperliquid;

import io.fixbridge.gateway.fix.Orders;
import io.fixbridge.gateway.fix.VenueMarketDataContract;
import io.fixbridge.sims.common.BookFeed;
import io.fixbridge.sims.hyperliquid.HyperliquidSimulator;
import io.fixbridge.sims.hyperliquid.TruthPosition;
import io.fixbridge.venue.Balance;
import io.fixbridge.venue.kit.sign.eth.EthKeystore;
import io.fixbridge.venue.kit.sign.eth.EthSigningKey;
import io.fixbridge.venue.kit.sign.eth.KdfStrength;
import quickfix.Message;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Market, reference and account data of Hyperliquid's BTC perpetual over FIX, through the
 * Hyperliquid adapter (every l2Book message a full book, so a dropped message is no gap: the next
 * one is right by itself) and the simulator. Balances compared are the spot tokens (the adapter
 * adds the perpetual margin to USDC).
 */
class HyperliquidMarketDataTest extends VenueMarketDataContract {
    private static final String PASSPHRASE = "md keystore passphrase 3c1e";
    private final EthSigningKey user = EthSigningKey.generate();
    private final EthSigningKey agent = EthSigningKey.generate();
    private HyperliquidSimulator sim;
    private Path keystore;
    private Path passphrase;

    @Override
    protected void startSimulator() throws Exception {
        sim = HyperliquidSimulator.builder()
                .account(user.address(), HyperliquidSimulator.balances("PERP", "1000000", "USDC", "100000",
                        "PURR", "100000", "HYPE", "1000"))
                .agent(user.address(), agent.address())
                .walkIntervalMs(0)
                .build();
        sim.start();
        keystore = dir.resolve("agent.json");
        EthKeystore.importKey(keystore, agent, PASSPHRASE.toCharArray(), KdfStrength.LIGHT);
        passphrase = dir.resolve("agent.pass");
        Files.writeString(passphrase, PASSPHRASE + "\n", StandardCharsets.UTF_8);
    }

    @Override
    protected void stopSimulator() {
        if (sim != null) {
            sim.close();
        }
    }

    @Override
    protected String venueYaml() {
        return """
                venues:
                  - name: hyperliquid
                    type: hyperliquid
                    restUrl: %s
                    wsUrl: %s
                    nonceDirectory: %s
                    accounts:
                      - name: main
                        user: "%s"
                        keystore: %s
                        passphraseFile: %s
                sessions:
                  - { senderCompId: OMS1, role: order-entry, venue: hyperliquid, account: main }
                """.formatted(sim.baseUrl(), sim.wsUrl(), dir.resolve("nonces"), user.address().hex(), keystore, passphrase);
    }

    @Override
    protected String venue() {
        return "hyperliquid";
    }

    @Override
    protected String symbol() {
        return "BTC/USDC:USDC";
    }

    @Override
    protected BookFeed.Snapshot simulatorBook(int depth) {
        return sim.market().book("BTC", depth);
    }

    @Override
    protected void moveMarket(int step) {
        BigDecimal mid = sim.market().mid("BTC");
        sim.market().moveMid("BTC", mid.add(BigDecimal.valueOf(step % 2 == 0 ? -3L * step : 2L * step)));
    }

    @Override
    protected void dropNextBookUpdate() {
        sim.market().dropNextBookUpdate("BTC");
    }

    @Override
    protected boolean droppedUpdateIsAGap() {
        return false;
    }

    @Override
    protected List<String> instrumentRules() {
        return List.of("0.1", "0.00001", "0.00001");
    }

    @Override
    protected Message positionOpeningOrder(String clOrdId) {
        return Orders.market(clOrdId, "BTC/USDC:USDC", '2', "0.01");
    }

    @Override
    protected Map<String, BigDecimal> simulatorPositions() {
        Map<String, BigDecimal> out = new LinkedHashMap<>();
        for (TruthPosition p : sim.truth().positions(user.address())) {
            out.put(p.coin() + "/USDC:USDC", p.szi());
        }
        return out;
    }

    @Override
    protected Map<String, BigDecimal> simulatorBalances() {
        Map<String, BigDecimal> out = new LinkedHashMap<>();
        for (Balance b : sim.truth().spotBalances(user.address()).values()) {
            if (!"USDC".equals(b.asset())) {
                out.put(b.asset(), b.total());
            }
        }
        return out;
    }
}

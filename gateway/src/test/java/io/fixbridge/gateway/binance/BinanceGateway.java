package io.fixbridge.gateway.binance;

import java.nio.file.Path;

import io.fixbridge.gateway.fix.TestGatewayAccess;
import io.fixbridge.sims.binance.BinanceSimulator;
import io.fixbridge.sims.binance.SimAccount;

/** A BinanceSimulator and a gateway routed to it through the Binance adapter, for end-to-end tests. */
final class BinanceGateway {
    static final String API_KEY = "oms-test-key";
    static final String SECRET = "oms-test-secret-5b2f0c9e";

    private BinanceGateway() {
    }

    static BinanceSimulator.Builder simulator() {
        return BinanceSimulator.builder()
                .account(SimAccount.hmac("alice", API_KEY, SECRET)
                        .spotBalance("USDT", "1000000").spotBalance("BTC", "10").spotBalance("ETH", "100")
                        .futuresBalance("USDT", "1000000")
                        .build())
                .walkIntervalMs(0);
    }

    /** The venues and sessions sections of gateway.yaml for a gateway trading the simulator. */
    static String venueYaml(BinanceSimulator sim, String extra) {
        String base = sim.baseUrl();
        return """
                venues:
                  - name: binance
                    type: binance
                    spotRestUrl: %s
                    spotWsApiUrl: %s
                    futuresRestUrl: %s
                    futuresWsUrl: %s
                    timeouts: { requestMs: 2000, reconnectMinMs: 100, reconnectMaxMs: 1000 }
                %s    accounts:
                      - name: main
                        apiKey: %s
                        secret: %s
                sessions:
                  - { senderCompId: OMS1, role: order-entry, venue: binance, account: main }
                """.formatted(base, sim.wsApiUrl(), base, wsBase(sim), extra, API_KEY, SECRET);
    }

    private static String wsBase(BinanceSimulator sim) {
        String stream = sim.streamBaseUrl();
        return stream.endsWith("/ws/") ? stream.substring(0, stream.length() - 4)
                : stream.endsWith("/ws") ? stream.substring(0, stream.length() - 3) : stream;
    }

    static TestGatewayAccess start(Path dir, BinanceSimulator sim, String extra) throws Exception {
        return TestGatewayAccess.start(dir, venueYaml(sim, extra));
    }
}

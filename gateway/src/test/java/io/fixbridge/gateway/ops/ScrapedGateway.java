package io.fixbridge.gateway.ops;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.fixbridge.gateway.Gateway;
import io.fixbridge.gateway.config.GatewayConfigLoader;
import io.fixbridge.sims.binance.BinanceSimulator;
import io.fixbridge.sims.binance.SimAccount;
import io.fixbridge.testkit.fix.FixTestClient;
import io.fixbridge.testkit.wait.Ports;

/**
 * A gateway as operations sees it: two venues (the paper venue, and Binance through its
 * simulator over loopback), three FIX sessions (order entry OMS1; OMS2, allowed only from an
 * address the tests never have; drop copy DC1), the admin endpoints on, its configuration
 * written to a directory of the test's and loaded the production way. Its ops endpoint listens
 * on a free port.
 *
 * <p>Not thread-safe: one test thread drives it. {@link #close()} stops the gateway and the simulator.
 */
final class ScrapedGateway implements AutoCloseable {
    static final String ADMIN_TOKEN = "ops-test-admin-token-7c1d9e";
    static final String BINANCE_KEY = "ops-test-binance-key";
    static final String BINANCE_SECRET = "ops-test-binance-secret-41af";
    /** TEST-NET-1 (RFC 5737): no test connects from there, so OMS2's logons are refused for their address. */
    static final String OMS2_ALLOWED = "192.0.2.0/24";

    private final BinanceSimulator sim;
    private final Gateway gateway;
    private final int fixPort;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private ScrapedGateway(BinanceSimulator sim, Gateway gateway, int fixPort) {
        this.sim = sim;
        this.gateway = gateway;
        this.fixPort = fixPort;
    }

    /** Starts the simulator and the gateway and waits until the gateway is ready. */
    static ScrapedGateway start(Path dir) throws IOException, InterruptedException {
        BinanceSimulator sim = BinanceSimulator.builder()
                .account(SimAccount.hmac("alice", BINANCE_KEY, BINANCE_SECRET)
                        .spotBalance("USDT", "1000000").spotBalance("BTC", "10").futuresBalance("USDT", "1000000").build())
                .walkIntervalMs(0).build();
        sim.start();
        try {
            int fixPort = Ports.freePort();
            writeConfig(dir, fixPort, sim);
            Gateway gateway = Gateway.start(new GatewayConfigLoader().load(dir.resolve("gateway.yaml")));
            try {
                gateway.ready().orTimeout(60, TimeUnit.SECONDS).join();
            } catch (RuntimeException e) {
                gateway.close();
                throw e;
            }
            return new ScrapedGateway(sim, gateway, fixPort);
        } catch (IOException | RuntimeException e) {
            sim.close();
            throw e;
        }
    }

    private static void writeConfig(Path dir, int fixPort, BinanceSimulator sim) throws IOException {
        StringBuilder sessions = new StringBuilder("""
                [DEFAULT]
                ConnectionType=acceptor
                SocketAcceptAddress=127.0.0.1
                SocketAcceptPort=%d
                SenderCompID=FIXBRIDGE
                StartTime=00:00:00
                EndTime=00:00:00
                HeartBtInt=30
                ResetOnLogon=N
                ResetOnLogout=N
                ResetOnDisconnect=N
                """.formatted(fixPort));
        for (String compId : new String[] {"OMS1", "OMS2", "DC1"}) {
            sessions.append("\n[SESSION]\nBeginString=FIX.4.4\nTargetCompID=").append(compId).append('\n');
        }
        Files.writeString(dir.resolve("sessions.cfg"), sessions);
        String stream = sim.streamBaseUrl().replaceFirst("/ws/?$", "");
        Files.writeString(dir.resolve("gateway.yaml"), """
                fix: { sessions: sessions.cfg }
                dataDirectory: data
                ops: { listen: "127.0.0.1:0", adminToken: "%s" }
                engine: { queryFirstDelayMs: 50, queryMaxDelayMs: 500, notFoundGraceMs: 2000 }
                venues:
                  - name: paper
                    type: paper
                    fees: { maker: "0.0002", taker: "0.0005" }
                    market: { seed: 7, walkIntervalMs: 0 }
                    instruments:
                      - { symbol: BTC/USDT, type: spot, tick: "0.01", lot: "0.00001", minQty: "0.00001", maxQty: "9000", minNotional: "5", mid: "60000", levelQuantity: "0.5" }
                      - { symbol: ETH/USDT, type: spot, tick: "0.01", lot: "0.0001", minQty: "0.0001", maxQty: "9000", minNotional: "5", mid: "3000", levelQuantity: "5" }
                    accounts:
                      - name: main
                        balances: { USDT: "1000000", BTC: "10", ETH: "100" }
                  - name: binance
                    type: binance
                    spotRestUrl: %s
                    spotWsApiUrl: %s
                    futuresRestUrl: %s
                    futuresWsUrl: %s
                    timeouts: { requestMs: 2000, reconnectMinMs: 100, reconnectMaxMs: 1000 }
                    referencePriceIntervalMs: 600000
                    accounts:
                      - name: main
                        apiKey: %s
                        secret: %s
                sessions:
                  - { senderCompId: OMS1, role: order-entry, venue: paper, account: main }
                  - { senderCompId: OMS2, role: order-entry, venue: paper, account: main, allowedAddresses: ["%s"] }
                  - { senderCompId: DC1, role: dropcopy }
                risk:
                  referencePrice: { maxAgeMs: 1, whenMissing: allow }
                  sessions:
                    OMS1: { priceCollarPercent: "50" }
                  accounts:
                    paper/main: { maxOrderQty: "5" }
                """.formatted(ADMIN_TOKEN, sim.baseUrl(), sim.wsApiUrl(), sim.baseUrl(), stream, BINANCE_KEY, BINANCE_SECRET,
                OMS2_ALLOWED));
    }

    /** A logged-on QuickFIX/J client for {@code compId}, its store in {@code store}. */
    FixTestClient client(String compId, Path store) throws Exception {
        return FixTestClient.builder().port(fixPort).senderCompId(compId).storeDirectory(store).build()
                .logon(Duration.ofSeconds(10));
    }

    int fixPort() {
        return fixPort;
    }

    BinanceSimulator simulator() {
        return sim;
    }

    /** Where {@code /metrics}, {@code /health/*} and {@code /admin/*} are served. */
    InetSocketAddress opsAddress() {
        return gateway.opsAddress();
    }

    /** GET {@code /metrics}, parsed; fails unless it answers 200. */
    PrometheusText metrics() {
        HttpResponse<String> response = ops("GET", "/metrics", null, false);
        if (response.statusCode() != 200) {
            throw new AssertionError("GET /metrics answered " + response.statusCode() + ": " + response.body());
        }
        return PrometheusText.parse(response.body());
    }

    /** The raw text of {@code /metrics}. */
    String metricsText() {
        return ops("GET", "/metrics", null, false).body();
    }

    /** An admin request with the bearer token; {@code json} is the body or null. */
    HttpResponse<String> admin(String method, String path, String json) {
        return ops(method, path, json, true);
    }

    private HttpResponse<String> ops(String method, String path, String json, boolean authorized) {
        InetSocketAddress a = opsAddress();
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://" + a.getHostString() + ":" + a.getPort() + path))
                .timeout(Duration.ofSeconds(15))
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (authorized) {
            request.header("Authorization", "Bearer " + ADMIN_TOKEN);
        }
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + path + " on the ops endpoint failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    @Override
    public void close() {
        try {
            gateway.close();
        } finally {
            sim.close();
        }
    }
}

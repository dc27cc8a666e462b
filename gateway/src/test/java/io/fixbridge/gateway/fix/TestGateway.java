package io.fixbridge.gateway.fix;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import io.fixbridge.gateway.Gateway;
import io.fixbridge.gateway.config.GatewayConfigLoader;
import io.fixbridge.testkit.fix.FixTestClient;
import io.fixbridge.testkit.wait.Ports;

/**
 * A gateway on a free loopback port with the paper venue, its configuration written to a
 * directory of the test's, so the test also exercises the real loading path. The paper market
 * does not move ({@code walkIntervalMs: 0}), so prices in tests are deterministic.
 */
final class TestGateway implements AutoCloseable {
    static final String PAPER_VENUE = """
            venues:
              - name: paper
                type: paper
                fees: { maker: "0.0002", taker: "0.0005" }
                market: { seed: 7, walkIntervalMs: 0 }
                instruments:
                  - { symbol: BTC/USDT, type: spot, tick: "0.01", lot: "0.00001", minQty: "0.00001", maxQty: "9000", minNotional: "5", mid: "60000", levelQuantity: "0.5" }
                  - { symbol: ETH/USDT, type: spot, tick: "0.01", lot: "0.0001", minQty: "0.0001", maxQty: "9000", minNotional: "5", mid: "3000", levelQuantity: "5" }
                  - { symbol: BTC/USDT:USDT, type: linear-perpetual, tick: "0.1", lot: "0.001", minQty: "0.001", maxQty: "1000", minNotional: "5", mid: "60000", levelQuantity: "0.5" }
                  - { symbol: DOGE/USDT, type: spot, tick: "0.00001", lot: "1", minQty: "1", maxQty: "1000000", minNotional: "5", mid: "0.2", levelQuantity: "10000", status: halted }
                accounts:
                  - name: main
                    balances: { USDT: "1000000", BTC: "10", ETH: "100", DOGE: "100000" }
            """;
    static final String PAPER = PAPER_VENUE + """
            sessions:
              - { senderCompId: OMS1, role: order-entry, venue: paper, account: main }
            """;

    final Path dir;
    final int port;
    private Gateway gateway;

    TestGateway(Path dir) throws IOException {
        this(dir, Ports.freePort());
    }

    /** A gateway over the same directory (stores, logs) on a given port: a restart. */
    TestGateway(Path dir, int port) throws IOException {
        this(dir, port, PAPER);
    }

    /**
     * A gateway whose venues and sessions are {@code venuesYaml} (the {@code venues:} and
     * {@code sessions:} sections of gateway.yaml, with OMS1 as the session).
     */
    TestGateway(Path dir, int port, String venuesYaml) throws IOException {
        this(dir, port, venuesYaml, java.util.List.of("OMS1"), "");
    }

    /**
     * A gateway with one acceptor session per counterparty CompID in {@code counterparties};
     * {@code venuesYaml} holds the {@code venues:} and {@code sessions:} sections and
     * {@code opsYaml} replaces the default {@code ops:} section when not empty.
     */
    TestGateway(Path dir, int port, String venuesYaml, java.util.List<String> counterparties, String opsYaml) throws IOException {
        this.dir = dir;
        this.port = port;
        StringBuilder sessions = new StringBuilder();
        for (String counterparty : counterparties) {
            sessions.append("\n[SESSION]\nBeginString=FIX.4.4\nTargetCompID=").append(counterparty).append('\n');
        }
        Files.writeString(dir.resolve("sessions.cfg"), """
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
                """.formatted(port) + sessions);
        Files.writeString(dir.resolve("gateway.yaml"), "fix: {sessions: sessions.cfg}\ndataDirectory: data\n"
                + (opsYaml.isEmpty() ? "ops: {listen: \"127.0.0.1:0\"}\n" : opsYaml)
                + "engine: {queryFirstDelayMs: 50, queryMaxDelayMs: 500, notFoundGraceMs: 2000}\n" + venuesYaml);
    }

    TestGateway start() {
        startReconciling();
        // logons are refused until the orders of the last run are reconciled
        gateway.ready().orTimeout(60, java.util.concurrent.TimeUnit.SECONDS).join();
        return this;
    }

    /** Starts the gateway and returns while it may still be reconciling the orders of the last run. */
    TestGateway startReconciling() {
        gateway = Gateway.start(new GatewayConfigLoader().load(dir.resolve("gateway.yaml")));
        return this;
    }

    /** A logged-on QuickFIX/J client of counterparty {@code compId} whose store lives in {@code store}. */
    FixTestClient client(String compId, Path store) throws Exception {
        return FixTestClient.builder().port(port).senderCompId(compId).storeDirectory(store).build().logon(Duration.ofSeconds(10));
    }

    /** A logged-on QuickFIX/J client whose store lives in {@code store}. */
    FixTestClient client(Path store) throws Exception {
        return FixTestClient.builder().port(port).storeDirectory(store).build().logon(Duration.ofSeconds(10));
    }

    /** The running gateway. */
    Gateway gateway() {
        return gateway;
    }

    @Override
    public void close() {
        if (gateway != null) {
            gateway.close();
        }
    }
}

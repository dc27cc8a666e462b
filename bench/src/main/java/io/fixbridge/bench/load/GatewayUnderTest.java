package io.fixbridge.bench.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

import io.fixbridge.gateway.harness.GatewayFiles;

/**
 * The gateway a bench run measures: {@code fixbridge run} in a JVM of its own, with the shipped JVM
 * options, four venues connected (paper, and Binance, Bybit and Hyperliquid on the
 * {@link BenchSimulators}), one order-entry session per load session, metrics on a port of its own.
 * The venues' rate limits are raised to the simulators' (the bench measures the gateway, not the
 * limits); everything else is the shipped default, the journal's fsync policy included unless the
 * run names one.
 *
 * <p><b>Threading:</b> one owner thread. <b>Errors:</b> {@link IllegalStateException} naming the log
 * when the gateway does not start.
 */
public final class GatewayUnderTest implements AutoCloseable {
    public static final String COMP_ID = "FIXBRIDGE";
    private static final String MAIN = "io.fixbridge.gateway.cli.FixbridgeCli";
    private static final String HIGH = "1000000000";

    private final BenchProcess process;
    private final int fixPort;
    private final String ops;
    private final long startToLogonNanos;

    private GatewayUnderTest(BenchProcess process, int fixPort, String ops, long startToLogonNanos) {
        this.process = process;
        this.fixPort = fixPort;
        this.ops = ops;
        this.startToLogonNanos = startToLogonNanos;
    }

    /** The simulators' ports. */
    public record SimulatorPorts(int binance, int bybit, int hyperliquid) {
    }

    /**
     * Writes the configuration into {@code work}, starts the gateway and waits until it accepts a
     * logon (measured from the process start).
     *
     * @param fsync the journal's fsync policy ({@code always}, {@code batch}, {@code none}), or null for the default
     */
    public static GatewayUnderTest start(Path work, SimulatorPorts sims, List<String> senders, String fsync,
                                         List<String> jvmOptions) {
        int fixPort = Ports.free();
        String ops = "127.0.0.1:" + Ports.free();
        Path config = writeConfig(work, sims, senders, fsync, fixPort, ops);
        BenchProcess process = BenchProcess.java("gateway", jvmOptions, MAIN, List.of("run", "--config", config.toString()),
                work.resolve("gateway.log"));
        try {
            long took = LogonProbe.untilLogonAccepted(process.startedNanos(), fixPort, senders.get(0), COMP_ID,
                    Duration.ofSeconds(60));
            process.awaitLine(Pattern.compile("fixbridge ready"), Duration.ofSeconds(30));
            return new GatewayUnderTest(process, fixPort, ops, took);
        } catch (RuntimeException e) {
            String tail = process.tail(30);
            process.close();
            throw new IllegalStateException("the gateway did not start: " + e.getMessage() + "\nthe end of its log:\n" + tail, e);
        }
    }

    static Path writeConfig(Path work, SimulatorPorts sims, List<String> senders, String fsync, int fixPort, String ops) {
        StringBuilder yaml = new StringBuilder("""
                # written by fixbridge bench: the shipped defaults, four venues, venue rate limits raised to the simulators'
                fix:
                  sessions: sessions.cfg
                dataDirectory: data
                ops:
                  listen: "%s"
                """.formatted(ops));
        if (fsync != null) {
            yaml.append("journal:\n  fsync: ").append(fsync).append('\n');
        }
        yaml.append("""
                venues:
                  - name: paper
                    type: paper
                    market: { seed: 42, walkIntervalMs: 3600000 }
                    accounts:
                      - name: main
                        balances: { USDT: "100000000000", BTC: "1000000" }
                  - name: binance
                    type: binance
                    markets: [spot]
                    spotRestUrl: http://127.0.0.1:%1$d
                    spotWsApiUrl: ws://127.0.0.1:%1$d/ws-api/v3
                    futuresRestUrl: http://127.0.0.1:%1$d
                    futuresWsUrl: ws://127.0.0.1:%1$d
                    rateLimits: { spotWeightPerMinute: %4$s, spotOrdersPer10s: %4$s, futuresWeightPerMinute: %4$s, futuresOrdersPer10s: %4$s }
                    accounts:
                      - { name: main, apiKey: %5$s, secret: %6$s }
                  - name: bybit
                    type: bybit
                    categories: [spot]
                    restUrl: http://127.0.0.1:%2$d
                    privateWsUrl: ws://127.0.0.1:%2$d/v5/private
                    rateLimits: { orderCreateSpot: %4$s, orderCancelSpot: %4$s, orderAmendSpot: %4$s, orderQuery: %4$s, ipPer5s: %4$s }
                    accounts:
                      - { name: main, apiKey: %5$s, secret: %6$s }
                  - name: hyperliquid
                    type: hyperliquid
                    restUrl: http://127.0.0.1:%3$d
                    wsUrl: ws://127.0.0.1:%3$d/ws
                    nonceDirectory: data/nonces
                    rateLimit: { weightPerMinute: %4$s }
                    accounts:
                      - { name: main, privateKey: "%7$s" }
                sessions:
                """.formatted(sims.binance(), sims.bybit(), sims.hyperliquid(), HIGH, BenchSimulators.API_KEY,
                BenchSimulators.SECRET, BenchSimulators.HYPERLIQUID_KEY));
        for (String sender : senders) {
            yaml.append("  - { senderCompId: ").append(sender).append(", role: order-entry, venue: paper, account: main }\n");
        }
        String cfg = GatewayFiles.sessionsCfg("# written by fixbridge bench: fix-config/sessions.cfg's settings", fixPort,
                COMP_ID, senders);
        try {
            Files.createDirectories(work);
            Path config = work.resolve("gateway.yaml");
            Files.writeString(config, yaml);
            Files.writeString(work.resolve("sessions.cfg"), cfg);
            return config;
        } catch (IOException e) {
            throw new IllegalStateException("cannot write the gateway's configuration into " + work + ": " + e.getMessage(), e);
        }
    }

    public int fixPort() {
        return fixPort;
    }

    /** host:port of /metrics. */
    public String ops() {
        return ops;
    }

    public long pid() {
        return process.pid();
    }

    /** From the process start until the first logon was accepted. */
    public Duration startToLogon() {
        return Duration.ofNanos(startToLogonNanos);
    }

    public MetricsScrape scrape() {
        return MetricsScrape.of(ops);
    }

    public BenchProcess process() {
        return process;
    }

    @Override
    public void close() {
        process.close();
    }
}

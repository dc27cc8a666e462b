package io.fixbridge.gateway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import io.fixbridge.gateway.Gateway;
import io.fixbridge.gateway.config.GatewayConfigLoader;
import io.fixbridge.gateway.config.PasswordHashes;
import io.fixbridge.gateway.fix.TestCertificates;
import io.fixbridge.testkit.wait.Ports;
import picocli.CommandLine;

/**
 * {@code fixbridge client --tls} against a gateway with fix.tls: with a trust store holding the
 * gateway's certificate it logs on; with one that does not, it never logs on.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClientCommandTlsTest {
    private Gateway gateway;
    private int port;
    private Path dir;
    private Path trust;
    private Path wrongTrust;

    @BeforeAll
    void start(@TempDir Path dir) throws Exception {
        this.dir = dir;
        TestCertificates certs = new TestCertificates(dir);
        Path keys = certs.keyPair("gateway", "gateway-pass");
        Path other = certs.keyPair("other", "other-pass");
        trust = certs.trustStore("trust", "trust-pass", new TestCertificates.Entry(keys, "gateway", "gateway-pass"));
        wrongTrust = certs.trustStore("wrong-trust", "trust-pass", new TestCertificates.Entry(other, "other", "other-pass"));
        port = Ports.freePort();
        Files.writeString(dir.resolve("sessions.cfg"), """
                [DEFAULT]
                ConnectionType=acceptor
                SocketAcceptAddress=127.0.0.1
                SocketAcceptPort=%d
                SenderCompID=FIXBRIDGE
                StartTime=00:00:00
                EndTime=00:00:00
                [SESSION]
                BeginString=FIX.4.4
                TargetCompID=OMS1
                """.formatted(port));
        Files.writeString(dir.resolve("gateway.yaml"), """
                fix:
                  sessions: sessions.cfg
                  tls: { keyStore: gateway.p12, keyStorePassword: gateway-pass }
                dataDirectory: data
                ops: { listen: "127.0.0.1:0" }
                venues:
                  - { name: paper, type: paper, market: { seed: 7, walkIntervalMs: 0 }, accounts: [{ name: main }] }
                sessions:
                  - { senderCompId: OMS1, venue: paper, account: main, username: oms1, passwordHash: '%s' }
                """.formatted(PasswordHashes.quick("tls-cli-password")));
        gateway = Gateway.start(new GatewayConfigLoader().load(dir.resolve("gateway.yaml")));
        gateway.ready().orTimeout(60, java.util.concurrent.TimeUnit.SECONDS).join();
    }

    @AfterAll
    void stop() {
        if (gateway != null) {
            gateway.close();
        }
    }

    @Test
    void withTheGatewaysCertificateInTheTrustStoreItLogsOn() {
        Result r = client("--tls", "--truststore", trust.toString(), "--truststore-password", "trust-pass",
                "--store", dir.resolve("store-ok").toString());
        assertThat(r.code).as(r.err).isZero();
        assertThat(r.out).contains("logged on as OMS1 to FIXBRIDGE");
    }

    @Test
    void withATrustStoreThatDoesNotHoldItItNeverLogsOn() {
        Result r = client("--tls", "--truststore", wrongTrust.toString(), "--truststore-password", "trust-pass",
                "--store", dir.resolve("store-wrong").toString(), "--logon-timeout", "3");
        assertThat(r.code).isEqualTo(CommandFailure.EXIT_CODE);
        assertThat(r.err).startsWith("fixbridge: no logon to FIXBRIDGE within 3 s").contains("--tls");
        assertThat(r.out).doesNotContain("logged on as");
    }

    private record Result(int code, String out, String err) {
    }

    /** {@code fixbridge client} on the gateway's port with the session's credentials, sending one status request. */
    private Result client(String... args) {
        java.util.List<String> command = new java.util.ArrayList<>(java.util.List.of("client", "--port", String.valueOf(port),
                "--reset", "--wait", "1", "--username", "oms1", "--password", "tls-cli-password"));
        command.addAll(java.util.List.of(args));
        command.addAll(java.util.List.of("status", "--id", "X", "--symbol", "BTC/USDT", "--side", "buy"));
        PrintStream original = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        StringWriter err = new StringWriter();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            CommandLine cli = FixbridgeCli.commandLine();
            cli.setErr(new PrintWriter(err, true));
            int code = cli.execute(command.toArray(String[]::new));
            return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString());
        } finally {
            System.setOut(original);
        }
    }
}

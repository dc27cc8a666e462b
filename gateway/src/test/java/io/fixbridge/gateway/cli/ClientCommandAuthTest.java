package io.fixbridge.gateway.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import io.fixbridge.gateway.config.PasswordHashes;
import io.fixbridge.gateway.fix.TestGatewayAccess;
import picocli.CommandLine;

/**
 * {@code fixbridge client} against a gateway that checks credentials: the demo defaults log on to
 * a session configured with the demo credentials, a wrong password ends at once with one line
 * naming the refusal (no stack trace, no password), and --tls refuses to run without a trust store.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClientCommandAuthTest {
    private TestGatewayAccess gateway;
    private Path dir;

    @BeforeAll
    void start(@TempDir Path dir) throws Exception {
        this.dir = dir;
        gateway = TestGatewayAccess.start(dir, """
                venues:
                  - name: paper
                    type: paper
                    market: { seed: 7, walkIntervalMs: 0 }
                    accounts:
                      - { name: main, balances: { USDT: "1000000", BTC: "10" } }
                sessions:
                  - { senderCompId: OMS1, role: order-entry, venue: paper, account: main,
                      username: %s, passwordHash: '%s', allowedAddresses: ["127.0.0.1/32"] }
                """.formatted(ClientCommand.DEMO_USERNAME, PasswordHashes.quick(ClientCommand.DEMO_PASSWORD)));
    }

    @AfterAll
    void stop() {
        if (gateway != null) {
            gateway.close();
        }
    }

    @Test
    void theDemoCredentialsAreTheDefaults() {
        assumeTrue(System.getenv("FIXBRIDGE_FIX_PASSWORD") == null, "FIXBRIDGE_FIX_PASSWORD overrides the demo password");
        Result r = client("--store", dir.resolve("store-demo").toString(), "--reset", "--wait", "1",
                "status", "--id", "NONE-1", "--symbol", "BTC/USDT", "--side", "buy");
        assertThat(r.code).as(r.err).isZero();
        assertThat(r.out).contains("logged on as OMS1 to FIXBRIDGE");
    }

    @Test
    void theDataCommandsPrintTheBookTheInstrumentsAndTheBalances() {
        Result book = client("--store", dir.resolve("store-book").toString(), "--reset", "--wait", "1",
                "book", "--symbol", "BTC/USDT", "--depth", "2");
        assertThat(book.code).as(book.err).isZero();
        assertThat(book.out).contains("BOOK           BTC/USDT on paper");
        assertThat(book.out.lines().filter(l -> l.startsWith("  bid ")).count()).isEqualTo(2);
        assertThat(book.out.lines().filter(l -> l.startsWith("  ask ")).count()).isEqualTo(2);
        Result instruments = client("--store", dir.resolve("store-list").toString(), "--reset", "--wait", "1", "instruments");
        assertThat(instruments.out).contains("INSTRUMENTS").containsPattern("BTC/USDT +SPOT +tick 0\\.01");
        Result balances = client("--store", dir.resolve("store-bal").toString(), "--reset", "--wait", "1", "balances");
        assertThat(balances.out).contains("BALANCES       account main: 2 asset(s), result 0")
                .containsPattern("BALANCE +USDT +total 1000000 available 1000000");
        Result positions = client("--store", dir.resolve("store-pos").toString(), "--reset", "--wait", "1", "positions");
        assertThat(positions.out).contains("POSITIONS      account main: 0 position(s), result 2");
    }

    @Test
    void explicitCredentialsLogOn() {
        Result r = client("--store", dir.resolve("store-explicit").toString(), "--reset", "--wait", "1",
                "--username", ClientCommand.DEMO_USERNAME, "--password", ClientCommand.DEMO_PASSWORD,
                "status", "--id", "NONE-2", "--symbol", "BTC/USDT", "--side", "buy");
        assertThat(r.code).as(r.err).isZero();
        assertThat(r.out).contains("logged on as OMS1 to FIXBRIDGE");
    }

    @Test
    void aWrongPasswordEndsAtOnceWithOneLineAndNoPassword() {
        Result r = client("--store", dir.resolve("store-wrong").toString(), "--reset", "--logon-timeout", "30",
                "--username", ClientCommand.DEMO_USERNAME, "--password", "a-wrong-cli-password",
                "order", "--symbol", "BTC/USDT", "--side", "buy", "--qty", "0.01", "--price", "50000");
        assertThat(r.code).isEqualTo(CommandFailure.EXIT_CODE);
        assertThat(r.err.strip()).isEqualTo("fixbridge: the gateway refused the logon of OMS1: logon refused: "
                + "Username(553) or Password(554) is not valid (check --username, and --password or FIXBRIDGE_FIX_PASSWORD)");
        assertThat(r.out).doesNotContain("logged on as");
        assertThat(r.out + r.err).doesNotContain("a-wrong-cli-password");
    }

    /**
     * A refused Logon spends sequence numbers on both sides, so the next logon starts with a
     * resend request from the gateway; the request sent right after that logon must still be
     * answered (the client resends it), and the client's store keeps no password.
     */
    @Test
    void afterARefusalTheNextLogonsRequestIsAnsweredAndTheStoreHoldsNoPassword() throws Exception {
        Path store = dir.resolve("store-again");
        Result refused = client("--store", store.toString(), "--reset", "--password", "first-a-wrong-password",
                "status", "--id", "NONE-3", "--symbol", "BTC/USDT", "--side", "buy");
        assertThat(refused.code).isEqualTo(CommandFailure.EXIT_CODE);
        Result answered = client("--store", store.toString(), "--wait", "5", "--password", ClientCommand.DEMO_PASSWORD,
                "status", "--id", "NONE-3", "--symbol", "BTC/USDT", "--side", "buy");
        assertThat(answered.code).as(answered.err).isZero();
        assertThat(answered.out).contains("logged on as OMS1 to FIXBRIDGE").contains("NONE-3");
        try (java.util.stream.Stream<Path> files = java.nio.file.Files.walk(store)) {
            for (Path file : files.filter(java.nio.file.Files::isRegularFile).toList()) {
                String content = java.nio.file.Files.readString(file, StandardCharsets.ISO_8859_1);
                assertThat(content).as(file.toString()).doesNotContain(ClientCommand.DEMO_PASSWORD, "first-a-wrong-password");
            }
        }
    }

    @Test
    void tlsNeedsATrustStore() {
        Result r = client("--tls", "--store", dir.resolve("store-tls").toString(),
                "order", "--symbol", "BTC/USDT", "--side", "buy", "--qty", "0.01", "--price", "50000");
        assertThat(r.code).isEqualTo(CommandFailure.EXIT_CODE);
        assertThat(r.err.strip()).startsWith("fixbridge: --tls needs --truststore PATH");
        Result missing = client("--tls", "--truststore", dir.resolve("absent.p12").toString(),
                "--store", dir.resolve("store-tls").toString(),
                "order", "--symbol", "BTC/USDT", "--side", "buy", "--qty", "0.01", "--price", "50000");
        assertThat(missing.err.strip()).isEqualTo("fixbridge: " + dir.resolve("absent.p12") + ": no such file");
    }

    private record Result(int code, String out, String err) {
    }

    /** Runs {@code fixbridge client --port <gateway> args...}, capturing standard output and the error writer. */
    private Result client(String... args) {
        String[] all = new String[args.length + 3];
        all[0] = "client";
        all[1] = "--port";
        all[2] = String.valueOf(gateway.gateway().endpoints().get(0).getPort());
        System.arraycopy(args, 0, all, 3, args.length);
        PrintStream original = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        StringWriter err = new StringWriter();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            CommandLine cli = FixbridgeCli.commandLine();
            cli.setErr(new PrintWriter(err, true));
            int code = cli.execute(all);
            return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString());
        } finally {
            System.setOut(original);
        }
    }
}

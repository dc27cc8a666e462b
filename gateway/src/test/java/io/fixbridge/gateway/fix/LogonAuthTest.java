package io.fixbridge.gateway.fix;

import static io.fixbridge.gateway.fix.Orders.f;
import static io.fixbridge.gateway.fix.Orders.limit;
import static io.fixbridge.gateway.fix.Orders.report;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import io.fixbridge.gateway.config.PasswordHashes;
import io.fixbridge.testkit.LogCapture;
import io.fixbridge.testkit.fix.FixTestClient;
import io.fixbridge.testkit.fix.RawFixClient;
import io.fixbridge.testkit.wait.Ports;
import quickfix.Message;
import quickfix.Session;
import quickfix.SessionID;

/**
 * FIX logon authentication against a real gateway over TCP: OMS1 must send Username(553) and
 * Password(554) matching gateway.yaml and connect from 127.0.0.1; a wrong password, a wrong
 * username, no credentials, an unknown CompID and a connection from 127.0.0.2 are all refused,
 * and no password reaches the FIX message log, the message store or the application log.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LogonAuthTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String PASSWORD = "oms1-auth-test-password";
    private static final String WRONG_PASSWORD = "wrong-auth-test-password";
    private static final SessionID GATEWAY_SIDE = new SessionID("FIX.4.4", "FIXBRIDGE", "OMS1");

    private TestGateway gateway;
    private LogCapture log;
    private Path dir;

    @BeforeAll
    void start(@TempDir Path dir) throws Exception {
        this.dir = dir;
        log = new LogCapture();
        String sessions = TestGateway.PAPER.substring(0, TestGateway.PAPER.indexOf("sessions:")) + """
                sessions:
                  - senderCompId: OMS1
                    role: order-entry
                    venue: paper
                    account: main
                    username: oms1
                    passwordHash: '%s'
                    allowedAddresses: ["127.0.0.1/32", "::1/128"]
                """.formatted(PasswordHashes.quick(PASSWORD));
        gateway = new TestGateway(dir, Ports.freePort(), sessions).start();
    }

    @AfterAll
    void stop() {
        if (gateway != null) {
            gateway.close();
        }
        if (log != null) {
            log.close();
        }
    }

    @Test
    @Order(1)
    void aWrongPasswordIsRefusedWithALogoutTextAndNoSession() throws Exception {
        Message logout = refused(client("wrong-password").credentials("oms1", WRONG_PASSWORD));
        assertThat(f(logout, 58)).isEqualTo("logon refused: Username(553) or Password(554) is not valid");
        assertThat(log.lines()).anyMatch(l -> l.startsWith("WARN ") && l.contains("FIX.4.4:FIXBRIDGE->OMS1")
                && l.contains("logon refused (credentials) from /127.0.0.1:"));
    }

    @Test
    @Order(2)
    void aWrongUsernameGetsTheSameAnswerAsAWrongPassword() throws Exception {
        Message logout = refused(client("wrong-username").credentials("oms2", PASSWORD));
        assertThat(f(logout, 58)).isEqualTo("logon refused: Username(553) or Password(554) is not valid");
    }

    @Test
    @Order(3)
    void aLogonWithoutCredentialsIsRefused() throws Exception {
        Message logout = refused(client("no-credentials"));
        assertThat(f(logout, 58)).isEqualTo("logon refused: this session requires Username(553) and Password(554) on the Logon");
    }

    @Test
    @Order(4)
    void anAddressOutsideAllowedAddressesIsRefusedEvenWithTheRightCredentials() throws Exception {
        Message logout = refused(client("other-address").credentials("oms1", PASSWORD).localHost("127.0.0.2"));
        assertThat(f(logout, 58)).isEqualTo(
                "logon refused: connections from 127.0.0.2 are not allowed for this session; ask the gateway operator");
        assertThat(log.lines()).anyMatch(l -> l.startsWith("WARN ") && l.contains("logon refused (address) from /127.0.0.2:"));
    }

    /**
     * QuickFIX/J refuses a CompID with no [SESSION] in sessions.cfg before the gateway sees the
     * Logon: no Logon and no Logout come back, the connection is closed, and no session exists.
     */
    @Test
    @Order(5)
    void anUnknownCompIdGetsNoSessionAndTheConnectionClosed() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", gateway.port)) {
            socket.setSoTimeout((int) WAIT.toMillis());
            socket.getOutputStream().write(RawFixClient.frame(fields("35=A", "49=EVIL", "56=FIXBRIDGE", "34=1",
                    "52=" + DateTimeFormatter.ofPattern("yyyyMMdd-HH:mm:ss.SSS").format(ZonedDateTime.now(ZoneOffset.UTC)),
                    "98=0", "108=30", "553=oms1", "554=" + PASSWORD)).getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            // read to the end: the gateway closes the connection (a hang fails with SocketTimeoutException)
            byte[] answer = readToEnd(socket.getInputStream());
            assertThat(new String(answer, StandardCharsets.US_ASCII)).as("no FIX message comes back").isEmpty();
        }
        assertThat(Session.lookupSession(new SessionID("FIX.4.4", "FIXBRIDGE", "EVIL"))).isNull();
        assertThat(Session.lookupSession(GATEWAY_SIDE).isLoggedOn()).isFalse();
    }

    @Test
    @Order(6)
    void theRightCredentialsFromAnAllowedAddressLogOnAndTrade() throws Exception {
        try (FixTestClient client = client("right").credentials("oms1", PASSWORD).build().logon(WAIT)) {
            await().atMost(WAIT).until(() -> Session.lookupSession(GATEWAY_SIDE).isLoggedOn());
            client.send(limit("AUTH-1", "BTC/USDT", '1', "0.01", "50000"));
            Message acked = client.awaitMessage(report("AUTH-1", '0'), WAIT);
            assertThat(f(acked, 39)).isEqualTo("0");
            assertThat(f(acked, 1)).isEqualTo("main");
            client.logout(WAIT);
        }
    }

    @Test
    @Order(7)
    void noPasswordIsWrittenToTheFixLogTheStoresOrTheApplicationLog() throws Exception {
        Path data = dir.resolve("data");
        Path fixLog = data.resolve("fix-log");
        List<Path> files;
        try (Stream<Path> walk = Files.walk(data)) {
            files = walk.filter(Files::isRegularFile).toList();
        }
        assertThat(files).anyMatch(p -> p.startsWith(fixLog) && p.getFileName().toString().endsWith(".messages.log"));
        StringBuilder messagesLog = new StringBuilder();
        for (Path file : files) {
            String content = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
            assertThat(content).as(file.toString()).doesNotContain(PASSWORD).doesNotContain(WRONG_PASSWORD);
            if (file.startsWith(fixLog) && file.getFileName().toString().endsWith(".messages.log")) {
                messagesLog.append(content);
            }
        }
        // the logons are in the audit trail, with the password hidden and the username kept
        assertThat(messagesLog.toString()).contains("\u0001553=oms1\u0001554=***\u0001", "\u0001553=oms2\u0001554=***\u0001");
        assertThat(String.join("\n", log.lines())).doesNotContain(PASSWORD).doesNotContain(WRONG_PASSWORD);
    }

    /** A client of its own store that resets sequence numbers at each logon (refused logons spend them). */
    private FixTestClient.Builder client(String name) {
        return FixTestClient.builder().port(gateway.port).storeDirectory(dir.resolve("client-" + name)).resetOnLogon(true);
    }

    /** Starts the client, waits for the gateway's Logout, checks nothing logged on, and closes the client. */
    private static Message refused(FixTestClient.Builder builder) throws Exception {
        try (FixTestClient client = builder.build().start()) {
            Message logout = client.awaitMessage(FixTestClient.isType("5"), WAIT);
            assertThat(client.isLoggedOn()).isFalse();
            assertThat(client.received()).noneMatch(FixTestClient.isType("A"));
            assertThat(Session.lookupSession(GATEWAY_SIDE).isLoggedOn()).isFalse();
            return logout;
        }
    }

    private static String fields(String... fields) {
        return String.join("\u0001", fields) + "\u0001";
    }

    private static byte[] readToEnd(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[1024];
        for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
            out.write(buffer, 0, n);
        }
        return out.toByteArray();
    }
}

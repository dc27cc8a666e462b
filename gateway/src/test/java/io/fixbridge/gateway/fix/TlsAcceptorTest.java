package io.fixbridge.gateway.fix;

import static io.fixbridge.gateway.fix.Orders.f;
import static io.fixbridge.gateway.fix.Orders.limit;
import static io.fixbridge.gateway.fix.Orders.report;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Map;

import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedKeyManager;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import io.fixbridge.gateway.config.GatewayConfig;
import io.fixbridge.gateway.config.GatewayConfigException;
import io.fixbridge.gateway.config.GatewayConfigLoader;
import io.fixbridge.testkit.LogCapture;
import io.fixbridge.testkit.fix.FixTestClient;
import io.fixbridge.testkit.fix.RawFixClient;
import io.fixbridge.testkit.wait.Ports;
import quickfix.Message;
import quickfix.Session;
import quickfix.SessionID;

/**
 * TLS on the FIX acceptor with real TLS sessions over 127.0.0.1, with key and trust stores made by
 * keytool at test time: a TLS client logs on and trades, a plain-TCP client gets no FIX answer;
 * with needClientAuth a client without a certificate, or with one the gateway does not trust, is
 * refused during the handshake and a trusted one logs on and trades. Mistakes in fix.tls or
 * sessions.cfg stop the gateway at start naming the setting.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TlsAcceptorTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final SessionID GATEWAY_SIDE = new SessionID("FIX.4.4", "FIXBRIDGE", "OMS1");
    private static final String GATEWAY_PASS = "gateway-store-pass";
    private static final String CLIENT_PASS = "client-store-pass";
    private static final String TRUST_PASS = "trust-store-pass";

    private Path gatewayKeys;
    private Path clientKeys;
    private Path strangerKeys;
    /** What the clients trust: the gateway's certificate. */
    private Path clientTrust;
    /** What the gateway trusts with needClientAuth: the client's certificate, not the stranger's. */
    private Path gatewayTrust;

    @BeforeAll
    void makeCertificates(@TempDir Path certs) throws Exception {
        TestCertificates tc = new TestCertificates(certs);
        gatewayKeys = tc.keyPair("gateway", GATEWAY_PASS);
        clientKeys = tc.keyPair("client", CLIENT_PASS);
        strangerKeys = tc.keyPair("stranger", CLIENT_PASS);
        clientTrust = tc.trustStore("client-trust", TRUST_PASS, new TestCertificates.Entry(gatewayKeys, "gateway", GATEWAY_PASS));
        gatewayTrust = tc.trustStore("gateway-trust", TRUST_PASS, new TestCertificates.Entry(clientKeys, "client", CLIENT_PASS));
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class ServerCertificateOnly {
        private TestGateway gateway;
        private Path dir;
        private LogCapture log;

        @BeforeAll
        void start(@TempDir Path dir) throws Exception {
            this.dir = dir;
            log = new LogCapture();
            gateway = tlsGateway(dir, "{keyStore: '%s', keyStorePassword: '%s'}".formatted(gatewayKeys, GATEWAY_PASS));
        }

        @AfterAll
        void stop() {
            gateway.close();
            log.close();
        }

        @Test
        void theStartSaysTlsIsOnAndNoLineHoldsTheKeyStorePassword() {
            assertThat(log.lines()).anyMatch(l -> l.startsWith("INFO ") && l.contains("FIX acceptor: TLS with key store " + gatewayKeys)
                    && l.contains("client certificates not requested; protocols TLSv1.3,TLSv1.2"));
            assertThat(String.join("\n", log.lines())).doesNotContain(GATEWAY_PASS);
        }

        @Test
        void aTlsClientTrustingTheGatewayLogsOnAndTrades() throws Exception {
            try (FixTestClient client = FixTestClient.builder().port(gateway.port).storeDirectory(dir.resolve("tls-client"))
                    .tls(clientTrust, TRUST_PASS).build().logon(WAIT)) {
                client.send(limit("TLS-1", "BTC/USDT", '1', "0.01", "50000"));
                Message acked = client.awaitMessage(report("TLS-1", '0'), WAIT);
                assertThat(f(acked, 39)).isEqualTo("0");
                client.logout(WAIT);
            }
        }

        @Test
        void aPlainTcpClientGetsNoFixAnswer() throws Exception {
            String answer;
            try (Socket socket = new Socket("127.0.0.1", gateway.port)) {
                socket.setSoTimeout((int) WAIT.toMillis());
                answer = sendLogonAndReadToEnd(socket);
            }
            assertThat(answer).doesNotContain("8=FIX");
            assertThat(Session.lookupSession(GATEWAY_SIDE).isLoggedOn()).isFalse();
        }

        @Test
        void aRawTlsClientGetsTheLogonBack() throws Exception {
            assertThat(rawTlsLogon(gateway.port, null)).contains("\u000135=A\u0001");
            await().atMost(WAIT).until(() -> !Session.lookupSession(GATEWAY_SIDE).isLoggedOn());
        }
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class ClientCertificatesRequired {
        private TestGateway gateway;
        private Path dir;

        @BeforeAll
        void start(@TempDir Path dir) throws Exception {
            this.dir = dir;
            gateway = tlsGateway(dir, "{keyStore: '%s', keyStorePassword: '%s', needClientAuth: true, trustStore: '%s', trustStorePassword: '%s'}"
                    .formatted(gatewayKeys, GATEWAY_PASS, gatewayTrust, TRUST_PASS));
        }

        @AfterAll
        void stop() {
            gateway.close();
        }

        @Test
        void aClientWithATrustedCertificateLogsOnAndTrades() throws Exception {
            try (FixTestClient client = FixTestClient.builder().port(gateway.port).storeDirectory(dir.resolve("cert-client"))
                    .tls(clientTrust, TRUST_PASS).clientCertificate(clientKeys, CLIENT_PASS).resetOnLogon(true)
                    .build().logon(WAIT)) {
                client.send(limit("TLS-2", "BTC/USDT", '2', "0.01", "70000"));
                Message acked = client.awaitMessage(report("TLS-2", '0'), WAIT);
                assertThat(f(acked, 39)).isEqualTo("0");
                client.logout(WAIT);
            }
            await().atMost(WAIT).until(() -> !Session.lookupSession(GATEWAY_SIDE).isLoggedOn());
        }

        @Test
        void aClientWithoutACertificateIsRefusedInTheHandshake() throws Exception {
            assertThat(rawTlsLogon(gateway.port, null)).doesNotContain("8=FIX");
            assertThat(Session.lookupSession(GATEWAY_SIDE).isLoggedOn()).isFalse();
        }

        @Test
        void aClientWithAnUntrustedCertificateIsRefusedInTheHandshake() throws Exception {
            assertThat(rawTlsLogon(gateway.port, strangerKeys)).doesNotContain("8=FIX");
            assertThat(Session.lookupSession(GATEWAY_SIDE).isLoggedOn()).isFalse();
        }

        @Test
        void theSameRawClientWithTheTrustedCertificateGetsTheLogon() throws Exception {
            // the control for the two refusals above: only the certificate differs
            assertThat(rawTlsLogon(gateway.port, clientKeys)).contains("\u000135=A\u0001");
            await().atMost(WAIT).until(() -> !Session.lookupSession(GATEWAY_SIDE).isLoggedOn());
        }
    }

    @Nested
    class Misconfiguration {
        @TempDir
        Path dir;

        @Test
        void sessionsCfgMayNotSetTlsItself() throws Exception {
            for (String setting : new String[] {"SocketUseSSL=Y", "SocketKeyStore=x.p12", "NeedClientAuth=Y"}) {
                GatewayConfig config = config("{keyStore: '%s', keyStorePassword: '%s'}".formatted(gatewayKeys, GATEWAY_PASS), setting);
                assertThatThrownBy(() -> FixAcceptor.create(config, new quickfix.ApplicationAdapter()))
                        .as(setting).isInstanceOf(GatewayConfigException.class)
                        .hasMessageContaining(setting.substring(0, setting.indexOf('=')) + " is set by the gateway from fix.tls")
                        .hasMessageContaining("remove it from sessions.cfg");
            }
            // also without fix.tls: TLS has one place
            GatewayConfig plain = config(null, "SocketUseSSL=Y");
            assertThatThrownBy(() -> FixAcceptor.create(plain, new quickfix.ApplicationAdapter()))
                    .isInstanceOf(GatewayConfigException.class).hasMessageContaining("SocketUseSSL is set by the gateway from fix.tls");
        }

        @Test
        void aWrongKeyStorePasswordIsNamedAndNotEchoed() throws Exception {
            GatewayConfig config = config("{keyStore: '%s', keyStorePassword: 'not-the-store-password'}".formatted(gatewayKeys), "");
            assertThatThrownBy(() -> FixAcceptor.create(config, new quickfix.ApplicationAdapter()))
                    .isInstanceOf(GatewayConfigException.class)
                    .hasMessageContaining("fix.tls.keyStorePassword: is not the password of " + gatewayKeys)
                    .hasMessageNotContaining("not-the-store-password");
        }

        @Test
        void aKeyStoreWithoutAPrivateKeyIsNamed() throws Exception {
            GatewayConfig config = config("{keyStore: '%s', keyStorePassword: '%s'}".formatted(clientTrust, TRUST_PASS), "");
            assertThatThrownBy(() -> FixAcceptor.create(config, new quickfix.ApplicationAdapter()))
                    .isInstanceOf(GatewayConfigException.class)
                    .hasMessageContaining("fix.tls.keyStore: " + clientTrust + " holds no private key");
        }

        @Test
        void aTrustStoreReadWithoutItsPasswordIsNamed() throws Exception {
            GatewayConfig config = config("{keyStore: '%s', keyStorePassword: '%s', needClientAuth: true, trustStore: '%s'}"
                    .formatted(gatewayKeys, GATEWAY_PASS, gatewayTrust), "");
            assertThatThrownBy(() -> FixAcceptor.create(config, new quickfix.ApplicationAdapter()))
                    .isInstanceOf(GatewayConfigException.class)
                    .hasMessageContaining("fix.tls.trustStore: " + gatewayTrust + " holds no certificate (is trustStorePassword set?)");
        }

        @Test
        void aFileThatIsNoKeyStoreIsNamed() throws Exception {
            Path junk = Files.writeString(dir.resolve("junk.p12"), "not a key store");
            GatewayConfig config = config("{keyStore: '%s', keyStorePassword: 'x'}".formatted(junk), "");
            assertThatThrownBy(() -> FixAcceptor.create(config, new quickfix.ApplicationAdapter()))
                    .isInstanceOf(GatewayConfigException.class)
                    .hasMessageContaining("fix.tls.keyStore: " + junk + " cannot be read as a PKCS12 key store");
        }

        private GatewayConfig config(String tls, String sessionsCfgLine) throws IOException {
            Files.writeString(dir.resolve("sessions.cfg"), """
                    [DEFAULT]
                    ConnectionType=acceptor
                    SocketAcceptAddress=127.0.0.1
                    SocketAcceptPort=%d
                    SenderCompID=FIXBRIDGE
                    StartTime=00:00:00
                    EndTime=00:00:00
                    %s

                    [SESSION]
                    BeginString=FIX.4.4
                    TargetCompID=OMS1
                    """.formatted(Ports.freePort(), sessionsCfgLine));
            Files.writeString(dir.resolve("gateway.yaml"), "fix:\n  sessions: sessions.cfg\n"
                    + (tls == null ? "" : "  tls: " + tls + "\n") + "dataDirectory: data\n"
                    + "venues:\n  - {name: paper, type: paper, accounts: [{name: main}]}\n"
                    + "sessions:\n  - {senderCompId: OMS1, venue: paper, account: main}\n");
            return new GatewayConfigLoader(Map.<String, String>of()::get).load(dir.resolve("gateway.yaml"));
        }
    }

    /** A started gateway on the paper venue whose fix: section has {@code tls: tlsYaml}. */
    private static TestGateway tlsGateway(Path dir, String tlsYaml) throws Exception {
        TestGateway gateway = new TestGateway(dir, Ports.freePort(), TestGateway.PAPER);
        Path yaml = dir.resolve("gateway.yaml");
        String plain = Files.readString(yaml);
        String fix = "fix: {sessions: sessions.cfg}\n";
        assertThat(plain).startsWith(fix);
        Files.writeString(yaml, "fix:\n  sessions: sessions.cfg\n  tls: " + tlsYaml + "\n" + plain.substring(fix.length()));
        return gateway.start();
    }

    /**
     * Connects with the JDK's TLS client (trusting the gateway's certificate, presenting the one in
     * {@code clientKeyStore} or none), sends a Logon that resets sequence numbers, and returns what
     * came back before the connection closed or the gateway's Logon arrived (then it closes).
     * A handshake the gateway refuses ends in an SSLException or a reset: what came until then.
     */
    private String rawTlsLogon(int port, Path clientKeyStore) throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(clientTrust)) {
            trust.load(in, TRUST_PASS.toCharArray());
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        KeyManagerFactory kmf = null;
        if (clientKeyStore != null) {
            KeyStore keys = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(clientKeyStore)) {
                keys.load(in, CLIENT_PASS.toCharArray());
            }
            kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(keys, CLIENT_PASS.toCharArray());
        }
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(kmf == null ? new KeyManager[0] : new KeyManager[] {new AlwaysPresent((X509ExtendedKeyManager) kmf.getKeyManagers()[0])},
                tmf.getTrustManagers(), null);
        try (SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket("127.0.0.1", port)) {
            socket.setSoTimeout((int) WAIT.toMillis());
            return sendLogonAndReadToEnd(socket);
        }
    }

    /** Sends a Logon (141=Y, seq 1), then reads until the connection ends or a Logon has come. */
    private static String sendLogonAndReadToEnd(Socket socket) throws IOException {
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        try {
            OutputStream out = socket.getOutputStream();
            out.write(RawFixClient.frame(String.join("\u0001", "35=A", "49=OMS1", "56=FIXBRIDGE", "34=1",
                    "52=" + DateTimeFormatter.ofPattern("yyyyMMdd-HH:mm:ss.SSS").format(ZonedDateTime.now(ZoneOffset.UTC)),
                    "98=0", "108=30", "141=Y") + "\u0001").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[4096];
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                received.write(buffer, 0, n);
                String text = received.toString(StandardCharsets.ISO_8859_1);
                if (text.contains("\u000135=A\u0001") && text.contains("\u000110=")) {
                    break;
                }
            }
        } catch (SSLException | SocketException e) {
            // the gateway refused the handshake or closed the connection: what came until then is the answer
        }
        return received.toString(StandardCharsets.ISO_8859_1);
    }

    /**
     * Presents the key store's one certificate whatever the gateway asks for: the JDK's own key
     * manager would send none when the gateway's list of accepted issuers does not name the
     * certificate's, and the test wants the gateway to see (and refuse) an untrusted one.
     */
    private static final class AlwaysPresent extends X509ExtendedKeyManager {
        private final X509ExtendedKeyManager keys;

        AlwaysPresent(X509ExtendedKeyManager keys) {
            this.keys = keys;
        }

        private String only() {
            String[] aliases = keys.getClientAliases("EC", null);
            return aliases == null || aliases.length == 0 ? null : aliases[0];
        }

        @Override public String chooseClientAlias(String[] keyType, java.security.Principal[] issuers, Socket socket) { return only(); }
        @Override public String chooseEngineClientAlias(String[] keyType, java.security.Principal[] issuers, SSLEngine engine) { return only(); }
        @Override public String[] getClientAliases(String keyType, java.security.Principal[] issuers) { return keys.getClientAliases(keyType, null); }
        @Override public String[] getServerAliases(String keyType, java.security.Principal[] issuers) { return null; }
        @Override public String chooseServerAlias(String keyType, java.security.Principal[] issuers, Socket socket) { return null; }
        @Override public java.security.cert.X509Certificate[] getCertificateChain(String alias) { return keys.getCertificateChain(alias); }
        @Override public java.security.PrivateKey getPrivateKey(String alias) { return keys.getPrivateKey(alias); }
    }
}

package io.fixbridge.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The access-control settings of gateway.yaml: session credentials and address ranges, TLS on the
 * acceptor, drop-copy scope and the admin token. Every mistake stops loading with a message that
 * names the setting; no message echoes a password.
 */
class AccessConfigTest {
    private static final String VENUES = """
            venues:
              - {name: paper, type: paper, accounts: [{name: main}]}
            """;

    @TempDir
    Path dir;

    @BeforeEach
    void sessionsFile() throws IOException {
        Files.writeString(dir.resolve("sessions.cfg"), "[DEFAULT]\nConnectionType=acceptor\n");
    }

    @Test
    void credentialsAndAddressesAreRead() throws IOException {
        String hash = PasswordHashes.quick("oms1-password");
        GatewayConfig config = load(VENUES + """
                sessions:
                  - senderCompId: OMS1
                    venue: paper
                    account: main
                    username: oms1
                    passwordHash: '%s'
                    allowedAddresses: ["127.0.0.1/32", "::1/128", 10.0.0.0/8]
                """.formatted(hash));
        SessionProfile.SessionAuth auth = config.sessions().get("OMS1").auth();
        assertThat(auth.hasCredentials()).isTrue();
        assertThat(auth.username()).contains("oms1");
        assertThat(auth.passwordHash().orElseThrow().matches("oms1-password".toCharArray())).isTrue();
        assertThat(auth.allowedAddresses()).extracting(AddressRange::toString)
                .containsExactly("127.0.0.1/32", "::1/128", "10.0.0.0/8");
    }

    @Test
    void theShippedConfigurationHasTheDemoCredentialsOfTheReadme() throws Exception {
        SessionProfile.SessionAuth auth = new GatewayConfigLoader().load(Path.of("../fix-config/gateway.yaml"))
                .sessions().get("OMS1").auth();
        assertThat(auth.username()).contains("oms1");
        assertThat(auth.passwordHash().orElseThrow().matches("demo-oms1-password".toCharArray())).isTrue();
        assertThat(auth.allowedAddresses()).extracting(AddressRange::toString).containsExactly("127.0.0.1/32", "::1/128");
        assertThat(auth.allowedAddresses().get(0).contains(InetAddress.getByName("127.0.0.1"))).isTrue();
    }

    @Test
    void noCredentialsAndNoRangesMeansAnyoneWithTheCompId() throws IOException {
        GatewayConfig config = load(VENUES + "sessions:\n  - {senderCompId: OMS1, venue: paper, account: main}\n");
        SessionProfile.SessionAuth auth = config.sessions().get("OMS1").auth();
        assertThat(auth.hasCredentials()).isFalse();
        assertThat(auth.allowedAddresses()).isEmpty();
    }

    @Test
    void theHashMayComeFromTheEnvironment() throws IOException {
        String hash = PasswordHashes.quick("from-env-password");
        Path file = write(VENUES + """
                sessions:
                  - {senderCompId: OMS1, venue: paper, account: main, username: oms1, passwordHash: "${OMS1_HASH}"}
                """);
        GatewayConfig config = new GatewayConfigLoader(Map.of("OMS1_HASH", hash)::get).load(file);
        assertThat(config.sessions().get("OMS1").auth().passwordHash().orElseThrow()
                .matches("from-env-password".toCharArray())).isTrue();
    }

    @Test
    void aBadHashIsNamedAndNotEchoed() throws IOException {
        String secretLooking = "md5$5f4dcc3b5aa765d61d8327deb882cf99";
        assertThatThrownBy(() -> load(VENUES + """
                sessions:
                  - {senderCompId: OMS1, venue: paper, account: main, username: oms1, passwordHash: '%s'}
                """.formatted(secretLooking)))
                .isInstanceOf(GatewayConfigException.class)
                .hasMessageContaining("sessions[OMS1].passwordHash: not a password hash of the form pbkdf2-sha256$")
                .hasMessageContaining("fixbridge passwd")
                .hasMessageNotContaining("5f4dcc3b5aa765d61d8327deb882cf99");
    }

    @Test
    void aUsernameWithoutAHashAndAHashWithoutAUsernameAreNamed() throws IOException {
        assertThatThrownBy(() -> load(VENUES + """
                sessions:
                  - {senderCompId: OMS1, venue: paper, account: main, username: oms1}
                """))
                .isInstanceOf(GatewayConfigException.class)
                .hasMessageContaining("sessions[OMS1].passwordHash: username and passwordHash go together");
        assertThatThrownBy(() -> load(VENUES + """
                sessions:
                  - {senderCompId: OMS1, venue: paper, account: main, passwordHash: '%s'}
                """.formatted(PasswordHashes.quick("lonely-password"))))
                .isInstanceOf(GatewayConfigException.class)
                .hasMessageContaining("sessions[OMS1].username: username and passwordHash go together");
    }

    @Test
    void aBadAddressRangeIsNamed() throws IOException {
        assertThatThrownBy(() -> load(VENUES + """
                sessions:
                  - {senderCompId: OMS1, venue: paper, account: main, allowedAddresses: ["127.0.0.1/32", "10.0.0.0/33"]}
                """))
                .isInstanceOf(GatewayConfigException.class)
                .hasMessageContaining("sessions[OMS1].allowedAddresses: '10.0.0.0/33': the prefix length must be 0 to 32");
        assertThatThrownBy(() -> load(VENUES + """
                sessions:
                  - {senderCompId: OMS1, venue: paper, account: main, allowedAddresses: [oms.example.com]}
                """))
                .isInstanceOf(GatewayConfigException.class)
                .hasMessageContaining("sessions[OMS1].allowedAddresses: 'oms.example.com' is not an IP address range");
    }

    @Test
    void anEmptyAddressListIsRefusedRatherThanLockingEveryoneOut() throws IOException {
        assertThatThrownBy(() -> load(VENUES + """
                sessions:
                  - {senderCompId: OMS1, venue: paper, account: main, allowedAddresses: []}
                """))
                .isInstanceOf(GatewayConfigException.class)
                .hasMessageContaining("sessions[OMS1].allowedAddresses: is empty, so no address could log on; remove it to allow any address");
    }

    @Test
    void tlsIsReadWithDefaultsAndItsPasswordsFromTheEnvironment() throws IOException {
        Files.writeString(dir.resolve("gateway.p12"), "not checked by the loader");
        Path file = write("fix:\n  tls: {keyStore: gateway.p12, keyStorePassword: \"${TLS_PASS}\"}\n" + VENUES
                + "sessions:\n  - {senderCompId: OMS1, venue: paper, account: main}\n");
        GatewayConfig config = new GatewayConfigLoader(Map.of("TLS_PASS", "tls-store-secret")::get).load(file);
        TlsSettings tls = config.fixTls().orElseThrow();
        assertThat(tls.keyStore()).isEqualTo(dir.toAbsolutePath().resolve("gateway.p12"));
        assertThat(tls.keyStorePassword()).isEqualTo("tls-store-secret");
        assertThat(tls.keyStoreType()).isEqualTo("PKCS12");
        assertThat(tls.needClientAuth()).isFalse();
        assertThat(tls.trustStore()).isEmpty();
        assertThat(tls.toString()).doesNotContain("tls-store-secret");
        assertThat(load(VENUES + "sessions:\n  - {senderCompId: OMS1, venue: paper, account: main}\n").fixTls()).isEmpty();
    }

    @Test
    void tlsWithClientCertificatesReadsTheTrustStore() throws IOException {
        Files.writeString(dir.resolve("gateway.p12"), "x");
        Files.writeString(dir.resolve("clients.p12"), "x");
        GatewayConfig config = load("""
                fix:
                  tls: {keyStore: gateway.p12, keyStorePassword: a, keyStoreType: JKS, needClientAuth: true,
                        trustStore: clients.p12, trustStorePassword: b}
                """ + VENUES + "sessions:\n  - {senderCompId: OMS1, venue: paper, account: main}\n");
        TlsSettings tls = config.fixTls().orElseThrow();
        assertThat(tls.needClientAuth()).isTrue();
        assertThat(tls.keyStoreType()).isEqualTo("JKS");
        assertThat(tls.trustStore()).contains(dir.toAbsolutePath().resolve("clients.p12"));
        assertThat(tls.trustStorePassword()).contains("b");
    }

    @Test
    void aMissingKeyStoreIsNamed() throws IOException {
        assertThatThrownBy(() -> load("fix:\n  tls: {keyStore: absent.p12, keyStorePassword: a}\n" + VENUES
                + "sessions:\n  - {senderCompId: OMS1, venue: paper, account: main}\n"))
                .isInstanceOf(GatewayConfigException.class)
                .hasMessageContaining("fix.tls.keyStore: file ").hasMessageContaining("absent.p12 does not exist")
                .hasMessageContaining("keytool -genkeypair");
        Files.writeString(dir.resolve("gateway.p12"), "x");
        assertThatThrownBy(() -> load("fix:\n  tls: {keyStore: gateway.p12}\n" + VENUES
                + "sessions:\n  - {senderCompId: OMS1, venue: paper, account: main}\n"))
                .isInstanceOf(GatewayConfigException.class).hasMessageContaining("fix.tls.keyStorePassword");
        assertThatThrownBy(() -> load("fix:\n  tls: {keyStore: gateway.p12, keyStorePassword: a, keyStoreType: PEM}\n" + VENUES
                + "sessions:\n  - {senderCompId: OMS1, venue: paper, account: main}\n"))
                .isInstanceOf(GatewayConfigException.class).hasMessageContaining("fix.tls.keyStoreType: 'PEM' is not PKCS12 or JKS");
        assertThatThrownBy(() -> load("fix:\n  tls: {keyStore: gateway.p12, keyStorePassword: a, keyStorPassword: b}\n" + VENUES
                + "sessions:\n  - {senderCompId: OMS1, venue: paper, account: main}\n"))
                .isInstanceOf(GatewayConfigException.class).hasMessageContaining("fix.tls.keyStorPassword");
    }

    @Test
    void needClientAuthWithoutATrustStoreIsNamed() throws IOException {
        Files.writeString(dir.resolve("gateway.p12"), "x");
        assertThatThrownBy(() -> load("fix:\n  tls: {keyStore: gateway.p12, keyStorePassword: a, needClientAuth: true}\n" + VENUES
                + "sessions:\n  - {senderCompId: OMS1, venue: paper, account: main}\n"))
                .isInstanceOf(GatewayConfigException.class)
                .hasMessageContaining("fix.tls.trustStore: is required with needClientAuth: true");
        assertThatThrownBy(() -> load("fix:\n  tls: {keyStore: gateway.p12, keyStorePassword: a, trustStore: none.p12}\n" + VENUES
                + "sessions:\n  - {senderCompId: OMS1, venue: paper, account: main}\n"))
                .isInstanceOf(GatewayConfigException.class)
                .hasMessageContaining("fix.tls.trustStore: file ").hasMessageContaining("none.p12 does not exist");
    }

    @Test
    void aDropCopyWithOrderEntrySettingsIsNamed() throws IOException {
        for (String setting : new String[] {"venue: paper", "account: main", "cancelOnDisconnect: true"}) {
            String name = setting.substring(0, setting.indexOf(':'));
            assertThatThrownBy(() -> load(VENUES + """
                    sessions:
                      - {senderCompId: OMS1, venue: paper, account: main}
                      - {senderCompId: DC1, role: dropcopy, %s}
                    """.formatted(setting)))
                    .as(setting).isInstanceOf(GatewayConfigException.class)
                    .hasMessageContaining("sessions[DC1]." + name + ": does not apply to a drop-copy session; remove it");
        }
    }

    @Test
    void aScopeNamingANonOrderEntrySessionIsNamed() throws IOException {
        assertThatThrownBy(() -> load(VENUES + """
                sessions:
                  - {senderCompId: OMS1, venue: paper, account: main}
                  - {senderCompId: DC1, role: dropcopy, scope: [OMS1, OMS9]}
                """))
                .isInstanceOf(GatewayConfigException.class)
                .hasMessageContaining("sessions[DC1].scope: 'OMS9' is not an order-entry session; order-entry sessions: [OMS1]");
        assertThatThrownBy(() -> load(VENUES + """
                sessions:
                  - {senderCompId: OMS1, venue: paper, account: main}
                  - {senderCompId: DC1, role: dropcopy}
                  - {senderCompId: DC2, role: dropcopy, scope: [DC1]}
                """))
                .isInstanceOf(GatewayConfigException.class)
                .hasMessageContaining("sessions[DC2].scope: 'DC1' is not an order-entry session");
        assertThatThrownBy(() -> load(VENUES + """
                sessions:
                  - {senderCompId: OMS1, venue: paper, account: main, scope: [OMS1]}
                """))
                .isInstanceOf(GatewayConfigException.class)
                .hasMessageContaining("sessions[OMS1].scope: is for drop-copy sessions only");
    }

    @Test
    void aDropCopyMayHaveCredentialsAndRangesToo() throws IOException {
        GatewayConfig config = load(VENUES + """
                sessions:
                  - {senderCompId: OMS1, venue: paper, account: main}
                  - {senderCompId: DC1, role: dropcopy, scope: [OMS1], username: compliance, passwordHash: '%s', allowedAddresses: [10.9.0.0/16]}
                """.formatted(PasswordHashes.quick("dc-password")));
        SessionProfile dc = config.sessions().get("DC1");
        assertThat(dc.role()).isEqualTo(SessionRole.DROP_COPY);
        assertThat(dc.auth().username()).contains("compliance");
        assertThat(dc.auth().allowedAddresses().get(0).contains(InetAddress.getByName("10.9.200.1"))).isTrue();
    }

    @Test
    void aShortAdminTokenIsNamedAndNotEchoed() throws IOException {
        assertThatThrownBy(() -> load(VENUES + "sessions:\n  - {senderCompId: OMS1, venue: paper, account: main}\n"
                + "ops: {adminToken: short-tok}\n"))
                .isInstanceOf(GatewayConfigException.class)
                .hasMessageContaining("ops.adminToken: is shorter than " + OpsSettings.MIN_TOKEN_LENGTH + " characters")
                .hasMessageNotContaining("short-tok");
        GatewayConfig config = load(VENUES + "sessions:\n  - {senderCompId: OMS1, venue: paper, account: main}\n"
                + "ops: {adminToken: \"" + "t".repeat(OpsSettings.MIN_TOKEN_LENGTH) + "\"}\n");
        assertThat(config.ops().adminToken()).contains("t".repeat(OpsSettings.MIN_TOKEN_LENGTH));
    }

    private GatewayConfig load(String yaml) throws IOException {
        return new GatewayConfigLoader(name -> null).load(write(yaml));
    }

    private Path write(String yaml) throws IOException {
        Path file = dir.resolve("gateway.yaml");
        Files.writeString(file, yaml);
        return file;
    }
}

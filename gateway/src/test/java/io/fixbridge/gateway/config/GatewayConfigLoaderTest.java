package io.fixbridge.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GatewayConfigLoaderTest {
    @TempDir
    Path dir;

    @BeforeEach
    void sessionsFile() throws IOException {
        Files.writeString(dir.resolve("sessions.cfg"), "[DEFAULT]\nConnectionType=acceptor\n");
    }

    @Test
    void loadsTheShippedConfiguration() {
        GatewayConfig config = new GatewayConfigLoader().load(Path.of("../fix-config/gateway.yaml"));
        assertThat(config.sessions()).containsKey("OMS1");
        assertThat(config.sessions().get("OMS1").defaultVenue()).isEqualTo("paper");
        assertThat(config.venues()).extracting(v -> v.type()).containsExactly("paper");
        assertThat(config.sessionsFile()).endsWith(Path.of("fix-config", "sessions.cfg"));
        assertThat(config.engine()).isEqualTo(EngineSettings.DEFAULTS);
    }

    @Test
    void journalAndOpsDefaultUnderTheDataDirectoryAndLoopback() throws IOException {
        Path file = write(MINIMAL);
        GatewayConfig config = new GatewayConfigLoader().load(file);
        assertThat(config.journal().files().directory()).isEqualTo(dir.toAbsolutePath().resolve("data/journal"));
        assertThat(config.journal().files().fsync()).isEqualTo(io.fixbridge.gateway.journal.FsyncPolicy.ALWAYS);
        assertThat(config.journal().compactInterval()).isEqualTo(Duration.ofHours(1));
        assertThat(config.ops().listen().getHostString()).isEqualTo("127.0.0.1");
        assertThat(config.ops().listen().getPort()).isEqualTo(9464);
    }

    @Test
    void journalAndOpsSettingsAreReadAndBadOnesNamed() throws IOException {
        GatewayConfig config = new GatewayConfigLoader().load(write(MINIMAL
                + "journal: {directory: j, fsync: batch, segmentSize: 4096, batchIntervalMs: 5, compactIntervalMinutes: 10}\n"
                + "ops: {listen: \"127.0.0.1:0\"}\n"));
        assertThat(config.journal().files().directory()).isEqualTo(dir.toAbsolutePath().resolve("j"));
        assertThat(config.journal().files().fsync()).isEqualTo(io.fixbridge.gateway.journal.FsyncPolicy.BATCH);
        assertThat(config.journal().files().segmentSize()).isEqualTo(4096);
        assertThat(config.journal().files().batchInterval()).isEqualTo(Duration.ofMillis(5));
        assertThat(config.journal().compactInterval()).isEqualTo(Duration.ofMinutes(10));
        assertThat(config.ops().listen().getPort()).isZero();

        Path badFsync = write(MINIMAL + "journal: {fsync: sometimes}\n");
        assertThatThrownBy(() -> new GatewayConfigLoader().load(badFsync))
                .isInstanceOf(GatewayConfigException.class).hasMessageContaining("journal.fsync")
                .hasMessageContaining("always, batch, none");
        Path badListen = write(MINIMAL + "ops: {listen: \"9464\"}\n");
        assertThatThrownBy(() -> new GatewayConfigLoader().load(badListen))
                .isInstanceOf(GatewayConfigException.class).hasMessageContaining("ops.listen")
                .hasMessageContaining("host:port");
        Path unknown = write(MINIMAL + "journal: {fsynk: always}\n");
        assertThatThrownBy(() -> new GatewayConfigLoader().load(unknown))
                .isInstanceOf(GatewayConfigException.class).hasMessageContaining("fsynk");
    }

    private static final String MINIMAL = """
            venues:
              - {name: paper, type: paper, accounts: [{name: main}]}
            sessions:
              - {senderCompId: OMS1, venue: paper, account: main}
            """;

    @Test
    void substitutesEnvironmentVariablesWithDefaults() throws IOException {
        Path file = write("""
                venues:
                  - name: ${VENUE_NAME}
                    type: paper
                    accounts: [{name: "${ACCOUNT:-main}"}]
                sessions:
                  - {senderCompId: OMS1, venue: "${VENUE_NAME}", account: main}
                engine: {notFoundGraceMs: "${GRACE:-2500}"}
                """);
        GatewayConfig config = new GatewayConfigLoader(Map.of("VENUE_NAME", "sim")::get).load(file);
        assertThat(config.venues().get(0).name()).isEqualTo("sim");
        assertThat(config.venues().get(0).accounts().get(0).name()).isEqualTo("main");
        assertThat(config.engine().notFoundGrace()).isEqualTo(Duration.ofMillis(2500));
        assertThat(config.sessions().get("OMS1").role()).isEqualTo(SessionRole.ORDER_ENTRY);
    }

    @Test
    void relativeFilePathsInVenueSettingsResolveAgainstTheConfigurationFilesDirectory() throws IOException {
        Path file = write("""
                venues:
                  - name: paper
                    type: paper
                    accounts: [{name: main, keystore: keys/agent.json, absolute: /etc/fixbridge/agent.json}]
                sessions:
                  - {senderCompId: OMS1, venue: paper, account: main}
                """);
        GatewayConfig config = new GatewayConfigLoader().load(file);
        var account = config.venues().get(0).accounts().get(0).settings();
        assertThat(account.file("keystore", null)).isEqualTo(dir.toAbsolutePath().resolve("keys/agent.json"));
        assertThat(account.file("absolute", null)).isEqualTo(Path.of("/etc/fixbridge/agent.json"));
        assertThat(account.file("missing", "data/nonces")).isEqualTo(dir.toAbsolutePath().resolve("data/nonces"));
        assertThat(account.file("missing", null)).isNull();
    }

    @Test
    void aMissingVariableNamesTheSettingAndTheVariable() throws IOException {
        Path file = write("""
                venues:
                  - {name: paper, type: paper, apiKey: "${PAPER_KEY}", accounts: [{name: main}]}
                sessions:
                  - {senderCompId: OMS1, venue: paper, account: main}
                """);
        assertThatThrownBy(() -> new GatewayConfigLoader(k -> null).load(file))
                .isInstanceOf(GatewayConfigException.class)
                .hasMessageContaining("venues[0].apiKey")
                .hasMessageContaining("PAPER_KEY is not set");
    }

    @Test
    void refusesUnknownSettingsNamingThem() throws IOException {
        Path file = write("""
                venues:
                  - {name: paper, type: paper, accounts: [{name: main}]}
                sessions:
                  - {senderCompId: OMS1, venue: paper, account: main, acount: typo}
                """);
        assertThatThrownBy(() -> new GatewayConfigLoader().load(file))
                .hasMessageContaining("sessions[OMS1].acount: unknown setting");
    }

    @Test
    void aSessionMustNameAConfiguredVenueAndAccount() throws IOException {
        Path venue = write("""
                venues:
                  - {name: paper, type: paper, accounts: [{name: main}]}
                sessions:
                  - {senderCompId: OMS1, venue: binance, account: main}
                """);
        assertThatThrownBy(() -> new GatewayConfigLoader().load(venue))
                .hasMessageContaining("sessions[OMS1].venue: no venue named 'binance'; configured venues: [paper]");
        Path account = write("""
                venues:
                  - {name: paper, type: paper, accounts: [{name: main}]}
                sessions:
                  - {senderCompId: OMS1, venue: paper, account: other}
                """);
        assertThatThrownBy(() -> new GatewayConfigLoader().load(account))
                .hasMessageContaining("sessions[OMS1].account: venue 'paper' has no account named 'other'");
    }

    @Test
    void badYamlAndMissingFilesSayWhere() throws IOException {
        Path bad = write("venues: [\n  - {name: paper\n");
        assertThatThrownBy(() -> new GatewayConfigLoader().load(bad))
                .hasMessageContaining("not valid YAML");
        assertThatThrownBy(() -> new GatewayConfigLoader().load(dir.resolve("nope.yaml")))
                .hasMessageContaining("no such configuration file");
        Path noSessions = write("""
                fix: {sessions: missing.cfg}
                venues:
                  - {name: paper, type: paper, accounts: [{name: main}]}
                sessions:
                  - {senderCompId: OMS1, venue: paper, account: main}
                """);
        assertThatThrownBy(() -> new GatewayConfigLoader().load(noSessions))
                .hasMessageContaining("fix.sessions: file").hasMessageContaining("missing.cfg does not exist");
    }

    @Test
    void aMarketDataSessionTakesAVenueButNoAccount() throws IOException {
        Path file = write("""
                venues:
                  - {name: paper, type: paper, accounts: [{name: main}]}
                sessions:
                  - {senderCompId: MD1, role: marketdata, venue: paper}
                  - {senderCompId: MD2, role: marketdata}
                """);
        GatewayConfig config = new GatewayConfigLoader().load(file);
        assertThat(config.sessions().get("MD1").defaultVenue()).isEqualTo("paper");
        assertThat(config.sessions().get("MD2").defaultVenue()).isEmpty();
        Path account = write("""
                venues:
                  - {name: paper, type: paper, accounts: [{name: main}]}
                sessions:
                  - {senderCompId: MD1, role: marketdata, venue: paper, account: main}
                """);
        assertThatThrownBy(() -> new GatewayConfigLoader().load(account))
                .hasMessageContaining("sessions[MD1].account: does not apply to a market data session (role: marketdata); remove it");
        Path venue = write("""
                venues:
                  - {name: paper, type: paper, accounts: [{name: main}]}
                sessions:
                  - {senderCompId: MD1, role: marketdata, venue: nosuch}
                """);
        assertThatThrownBy(() -> new GatewayConfigLoader().load(venue))
                .hasMessageContaining("sessions[MD1].venue: no venue named 'nosuch'");
    }

    @Test
    void anUnknownRoleListsTheAllowedOnes() throws IOException {
        Path file = write("""
                venues:
                  - {name: paper, type: paper, accounts: [{name: main}]}
                sessions:
                  - {senderCompId: OMS1, role: trader, venue: paper, account: main}
                """);
        assertThatThrownBy(() -> new GatewayConfigLoader().load(file))
                .hasMessageContaining("sessions[OMS1].role: unknown role 'trader'; allowed: [order-entry, dropcopy, marketdata]");
    }

    private Path write(String yaml) throws IOException {
        Path file = Files.createTempFile(dir, "gateway", ".yaml");
        Files.writeString(file, yaml);
        return file;
    }
}

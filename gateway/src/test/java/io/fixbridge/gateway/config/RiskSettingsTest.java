package io.fixbridge.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code risk} section of gateway.yaml: what is read, the defaults, and each bad setting named. */
class RiskSettingsTest {
    private static final String BASE = """
            venues:
              - {name: paper, type: paper, accounts: [{name: main}]}
            sessions:
              - {senderCompId: OMS1, venue: paper, account: main}
              - {senderCompId: DC1, role: dropcopy}
            """;

    @TempDir
    Path dir;

    @BeforeEach
    void sessionsFile() throws IOException {
        Files.writeString(dir.resolve("sessions.cfg"), "[DEFAULT]\nConnectionType=acceptor\n");
    }

    private GatewayConfig load(String yaml) throws IOException {
        Path file = dir.resolve("gateway.yaml");
        Files.writeString(file, BASE + yaml);
        return new GatewayConfigLoader().load(file);
    }

    @Test
    void withoutARiskSectionThereAreNoLimits() throws IOException {
        RiskSettings risk = load("").risk();
        assertThat(risk).isEqualTo(RiskSettings.DEFAULTS);
        assertThat(risk.hasLimits()).isFalse();
        assertThat(risk.refuseWithoutReference()).isTrue();
        assertThat(risk.referencePriceMaxAge()).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void everyLimitIsReadAndOverridesReplaceOnlyWhatTheySet() throws IOException {
        RiskSettings risk = load("""
                risk:
                  referencePrice: { maxAgeMs: 2000, whenMissing: allow }
                  sessions:
                    OMS1:
                      maxOrderQty: "5"
                      maxOrderNotional: "250000"
                      priceCollarPercent: "2.5"
                      maxOpenOrders: 100
                      maxPosition: "20"
                      maxGrossNotional: "2000000"
                      maxOrdersPerSecond: 50
                      maxDailyNotional: "10000000"
                      instruments:
                        "ETH/USDT": { maxOrderQty: "100", maxPosition: "400" }
                  accounts:
                    paper/main: { maxOpenOrders: 500 }
                """).risk();

        assertThat(risk.referencePriceMaxAge()).isEqualTo(Duration.ofSeconds(2));
        assertThat(risk.refuseWithoutReference()).isFalse();
        RiskSettings.Scope oms1 = risk.sessions().get("OMS1");
        assertThat(oms1.limits()).isEqualTo(new RiskLimits(new BigDecimal("5"), new BigDecimal("250000"),
                new BigDecimal("2.5"), 100, new BigDecimal("20"), new BigDecimal("2000000"), 50, new BigDecimal("10000000")));
        RiskLimits eth = oms1.forSymbol("ETH/USDT");
        assertThat(eth.maxOrderQty()).isEqualByComparingTo("100");
        assertThat(eth.maxPosition()).isEqualByComparingTo("400");
        assertThat(eth.maxOrderNotional()).isEqualByComparingTo("250000");
        assertThat(oms1.forSymbol("BTC/USDT")).isEqualTo(oms1.limits());
        assertThat(risk.accounts().get("paper/main").limits().maxOpenOrders()).isEqualTo(500);
    }

    @Test
    void badSettingsAreNamedWithWhatWouldBeRight() {
        assertThatThrownBy(() -> load("risk: {sessions: {OMS9: {maxOrderQty: \"1\"}}}\n"))
                .isInstanceOf(GatewayConfigException.class).hasMessageContaining("risk.sessions.OMS9")
                .hasMessageContaining("order-entry sessions: [OMS1]");
        assertThatThrownBy(() -> load("risk: {sessions: {DC1: {maxOrderQty: \"1\"}}}\n"))
                .isInstanceOf(GatewayConfigException.class).hasMessageContaining("risk.sessions.DC1");
        assertThatThrownBy(() -> load("risk: {accounts: {paper/other: {maxOpenOrders: 1}}}\n"))
                .isInstanceOf(GatewayConfigException.class).hasMessageContaining("risk.accounts.paper/other")
                .hasMessageContaining("[paper/main]");
        assertThatThrownBy(() -> load("risk: {sessions: {OMS1: {maxOrderQty: \"0\"}}}\n"))
                .isInstanceOf(GatewayConfigException.class).hasMessageContaining("risk.sessions.OMS1.maxOrderQty")
                .hasMessageContaining("greater than zero");
        assertThatThrownBy(() -> load("risk: {sessions: {OMS1: {maxOpenOrders: 0}}}\n"))
                .isInstanceOf(GatewayConfigException.class).hasMessageContaining("risk.sessions.OMS1.maxOpenOrders");
        assertThatThrownBy(() -> load("risk: {sessions: {OMS1: {priceCollarPercent: \"150\"}}}\n"))
                .isInstanceOf(GatewayConfigException.class).hasMessageContaining("priceCollarPercent")
                .hasMessageContaining("below 100");
        assertThatThrownBy(() -> load("risk: {sessions: {OMS1: {maxOrderQuantity: \"1\"}}}\n"))
                .isInstanceOf(GatewayConfigException.class).hasMessageContaining("maxOrderQuantity");
        assertThatThrownBy(() -> load("risk: {sessions: {OMS1: {instruments: {BTCUSDT: {maxOrderQty: \"1\"}}}}}\n"))
                .isInstanceOf(GatewayConfigException.class).hasMessageContaining("BTCUSDT")
                .hasMessageContaining("unified symbol");
        assertThatThrownBy(() -> load("risk: {referencePrice: {whenMissing: ignore}}\n"))
                .isInstanceOf(GatewayConfigException.class).hasMessageContaining("risk.referencePrice.whenMissing")
                .hasMessageContaining("'refuse'").hasMessageContaining("'allow'");
        assertThatThrownBy(() -> load("risk: {referencePrice: {maxAgeMs: 0}}\n"))
                .isInstanceOf(GatewayConfigException.class).hasMessageContaining("risk.referencePrice.maxAgeMs");
    }
}

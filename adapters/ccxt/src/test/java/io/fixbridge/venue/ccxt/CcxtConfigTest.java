package io.fixbridge.venue.ccxt;

import io.fixbridge.venue.ConfigView;
import io.fixbridge.venue.VenueConfigException;
import io.fixbridge.venue.VenueSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@link CcxtConfig}: defaults in one place, every error naming its setting, credentials never shown. */
class CcxtConfigTest {
    private static final String KEY = "AKIA-very-secret-key-123";
    private static final String SECRET = "s3cr3t-value-never-shown";

    private static VenueSettings settings(Map<String, Object> venue, Map<String, Object> account, Path base) {
        return new VenueSettings("kraken", "ccxt", new ConfigView("venues[kraken]", venue, base),
                List.of(new VenueSettings.Account("main", new ConfigView("venues[kraken].accounts[main]", account,
                        base))));
    }

    private static Map<String, Object> venue(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("exchange", "kraken");
        m.put("bridgeDirectory", SimSupport.bridge().toString());
        for (int i = 0; i < kv.length; i += 2) {
            if (kv[i + 1] == null) {
                m.remove((String) kv[i]);
            } else {
                m.put((String) kv[i], kv[i + 1]);
            }
        }
        return m;
    }

    private static CcxtConfig read(Map<String, Object> venue) {
        return CcxtConfig.from(settings(venue, Map.of("apiKey", KEY, "secret", SECRET), Path.of("")), null, null);
    }

    @Test
    void defaults() {
        CcxtConfig c = read(venue());
        assertThat(c.exchange()).isEqualTo("kraken");
        assertThat(c.sandbox()).isFalse();
        assertThat(c.options()).isEmpty();
        assertThat(c.urls()).isEmpty();
        assertThat(c.node()).isEqualTo("node");
        assertThat(c.streams()).isEqualTo(CcxtConfig.Streams.AUTO);
        assertThat(c.pollIntervalMs()).isEqualTo(1000);
        assertThat(c.referencePriceIntervalMs()).isEqualTo(1000);
        assertThat(c.streamSymbols()).isEmpty();
        assertThat(c.requestTimeoutMs()).isEqualTo(10_000);
        assertThat(c.answerTimeoutMs()).isEqualTo(15_000);
        assertThat(c.startTimeoutMs()).isEqualTo(60_000);
        assertThat(c.pingIntervalMs()).isEqualTo(5000);
        assertThat(c.pingTimeoutMs()).isEqualTo(3000);
        assertThat(c.restartMinMs()).isEqualTo(250);
        assertThat(c.restartMaxMs()).isEqualTo(30_000);
        assertThat(c.venueDownPauseMs()).isEqualTo(30_000);
        assertThat(c.healthProbeIntervalMs()).isEqualTo(10_000);
        assertThat(c.bookDepth()).isEqualTo(100);
        assertThat(c.mainScript()).isEqualTo(SimSupport.bridge().toAbsolutePath().resolve("src/main.mjs"));
        assertThat(c.accounts()).singleElement().satisfies(a -> {
            assertThat(a.name()).isEqualTo("main");
            assertThat(a.credentials()).containsOnlyKeys("apiKey", "secret");
            assertThat(a.credentials().get("secret").reveal()).isEqualTo(SECRET);
        });
    }

    @Test
    void optionsAndUrlsArePassedThroughWithTheirStructure() {
        CcxtConfig c = read(venue("sandbox", "true", "streams", "poll",
                "options", Map.of("defaultType", "swap", "recvWindow", "5000", "adjustForTimeDifference", "false",
                        "fetchMarkets", Map.of("types", List.of("spot", "linear"))),
                "urls", Map.of("api", Map.of("public", "http://127.0.0.1:1234/api/v3")),
                "streamSymbols", List.of("BTC/USDT")));
        assertThat(c.sandbox()).isTrue();
        assertThat(c.streams()).isEqualTo(CcxtConfig.Streams.POLL);
        assertThat(c.options()).containsEntry("defaultType", "swap").containsEntry("recvWindow", 5000L)
                .containsEntry("adjustForTimeDifference", false)
                .containsEntry("fetchMarkets", Map.of("types", List.of("spot", "linear")));
        assertThat(c.urls()).isEqualTo(Map.of("api", Map.of("public", "http://127.0.0.1:1234/api/v3")));
        assertThat(c.streamSymbols()).containsExactly("BTC/USDT");
    }

    @Test
    void errorsNameTheSetting() {
        assertThatThrownBy(() -> read(venue("exchange", null))).isInstanceOf(VenueConfigException.class)
                .hasMessageStartingWith("venues[kraken].exchange: missing");
        assertThatThrownBy(() -> read(venue("exchange", "Kraken Pro"))).hasMessageStartingWith("venues[kraken].exchange:");
        assertThatThrownBy(() -> read(venue("exchange", "notanexchange")))
                .hasMessageStartingWith("venues[kraken].exchange: ccxt").hasMessageContaining("no exchange 'notanexchange'");
        assertThatThrownBy(() -> read(venue("exchange", "binance", "streams", "poll")))
                .hasMessageStartingWith("venues[kraken].streamSymbols: polling binance needs the symbols listed");
        assertThatThrownBy(() -> read(venue("streams", "sometimes")))
                .hasMessage("venues[kraken].streams: expected auto, watch or poll, got 'sometimes'");
        assertThatThrownBy(() -> read(venue("pollIntervalMs", "10"))).hasMessageStartingWith("venues[kraken].pollIntervalMs:");
        assertThatThrownBy(() -> read(venue("referencePriceIntervalMs", "10")))
                .hasMessageStartingWith("venues[kraken].referencePriceIntervalMs:");
        assertThat(read(venue("referencePriceIntervalMs", "250")).referencePriceIntervalMs()).isEqualTo(250);
        assertThat(read(venue("bookDepth", "1000")).bookDepth()).isEqualTo(1000);
        assertThat(read(venue("bookDepth", "1")).bookDepth()).isEqualTo(1);
        for (String wrong : List.of("0", "1001", "-5")) {
            assertThatThrownBy(() -> read(venue("bookDepth", wrong))).isInstanceOf(VenueConfigException.class)
                    .hasMessage("venues[kraken].bookDepth: expected the levels per side of the market data books, from 1 "
                            + "to 1000, got " + wrong);
        }
        assertThatThrownBy(() -> read(venue("bookDepth", "deep"))).hasMessageStartingWith("venues[kraken].bookDepth:");
        assertThatThrownBy(() -> read(venue("restartMinMs", "5000", "restartMaxMs", "100")))
                .hasMessageStartingWith("venues[kraken].restartMaxMs:");
        assertThatThrownBy(() -> read(venue("timeout", "5"))).hasMessageStartingWith("venues[kraken].timeout: unknown setting");
        assertThatThrownBy(() -> read(venue("bridgeDirectory", "/nonexistent/bridge")))
                .hasMessageStartingWith("venues[kraken].bridgeDirectory: the CCXT sidecar is not at /nonexistent/bridge");
    }

    @Test
    void accountErrorsNameTheAccountAndNeverTheCredential() {
        assertThatThrownBy(() -> CcxtConfig.from(settings(venue(), Map.of("apiKey", KEY, "passphrase", SECRET),
                Path.of("")), null, null)).hasMessageStartingWith("venues[kraken].accounts[main].passphrase: unknown")
                .hasMessageNotContaining(SECRET);
        assertThatThrownBy(() -> CcxtConfig.from(settings(venue(), Map.of(), Path.of("")), null, null))
                .hasMessageStartingWith("venues[kraken].accounts[main]: no credentials");
        assertThatThrownBy(() -> CcxtConfig.from(settings(venue(), Map.of("apiKey", KEY, "secret", "${KRAKEN_SECRET}"),
                Path.of("")), null, null)).hasMessage("venues[kraken].accounts[main].secret: the environment variable "
                + "KRAKEN_SECRET is not set");
        assertThatThrownBy(() -> CcxtConfig.from(new VenueSettings("kraken", "ccxt",
                new ConfigView("venues[kraken]", venue()), List.of()), null, null))
                .hasMessageStartingWith("venues[kraken].accounts: list at least one account");
    }

    @Test
    void toStringShowsWhichCredentialsAreSetNeverTheirValues() {
        CcxtConfig c = CcxtConfig.from(settings(venue(), Map.of("apiKey", KEY, "secret", SECRET, "password", "pw-123456",
                "uid", "uid-987", "walletAddress", "0xabc", "privateKey", "0xdeadbeefcafe"), Path.of("")), null, null);
        assertThat(c.toString()).contains("apiKey", "secret", "password", "uid", "walletAddress", "privateKey")
                .doesNotContain(KEY, SECRET, "pw-123456", "uid-987", "0xdeadbeefcafe");
    }

    @Test
    void theBridgeDirectoryComesFromTheSettingThenFixbridgeHomeThenTheSystemPropertyAndResolvesRelativePaths(
            @TempDir Path tmp) throws Exception {
        Path home = tmp.resolve("home");
        Files.createDirectories(home.resolve("adapters/ccxt/bridge/src"));
        Files.writeString(home.resolve("adapters/ccxt/bridge/src/main.mjs"), "");
        Path other = tmp.resolve("other/src");
        Files.createDirectories(other);
        Files.writeString(other.resolve("main.mjs"), "");
        Map<String, Object> noSetting = venue("bridgeDirectory", null);
        Map<String, Object> account = Map.of("apiKey", KEY);

        assertThat(CcxtConfig.from(settings(noSetting, account, tmp), home.toString(), other.getParent().toString())
                .bridgeDirectory()).isEqualTo(home.resolve("adapters/ccxt/bridge").toAbsolutePath());
        assertThat(CcxtConfig.from(settings(noSetting, account, tmp), null, other.getParent().toString())
                .bridgeDirectory()).isEqualTo(other.getParent().toAbsolutePath());
        Map<String, Object> relative = venue("bridgeDirectory", "other");
        assertThat(CcxtConfig.from(settings(relative, account, tmp), home.toString(), null).bridgeDirectory())
                .as("relative to the configuration file's directory").isEqualTo(tmp.resolve("other").toAbsolutePath());
    }

    @Test
    void theFactoryIsFoundByServiceLoaderForTypeCcxt() {
        assertThat(java.util.ServiceLoader.load(io.fixbridge.venue.VenueAdapterFactory.class).stream()
                .map(java.util.ServiceLoader.Provider::get).filter(f -> f.type().equals("ccxt")))
                .singleElement().isInstanceOf(CcxtAdapterFactory.class);
        CcxtAdapter a = (CcxtAdapter) new CcxtAdapterFactory().create(new VenueSettings("kraken", "ccxt",
                new ConfigView("venues[kraken]", venue()), List.of(new VenueSettings.Account("main",
                new ConfigView("venues[kraken].accounts[main]", Map.of("apiKey", KEY, "secret", SECRET))))));
        try {
            assertThat(a.name()).isEqualTo("kraken");
            assertThat(a.sidecarPid()).as("nothing is spawned before connect").isEqualTo(-1);
            assertThat(a.capabilities().orderTypes()).isEmpty();
            assertThat(a.toString()).doesNotContain(KEY, SECRET);
        } finally {
            a.close();
        }
    }
}

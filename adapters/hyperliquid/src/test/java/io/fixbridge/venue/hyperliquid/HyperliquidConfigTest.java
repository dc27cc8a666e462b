package io.fixbridge.venue.hyperliquid;

import io.fixbridge.venue.ConfigView;
import io.fixbridge.venue.VenueConfigException;
import io.fixbridge.venue.VenueSettings;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Defaults, overrides, and every error naming its setting (never quoting a key). */
class HyperliquidConfigTest {
    private static final String KEY = "0x4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318";

    private static VenueSettings settings(Map<String, Object> venue, Map<String, Object> account) {
        return new VenueSettings("hl", "hyperliquid", new ConfigView("venues[hl]", venue),
                List.of(new VenueSettings.Account("main", new ConfigView("venues[hl].accounts[main]", account))));
    }

    private static Map<String, Object> with(Map<String, Object> base, Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>(base);
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    private static final Map<String, Object> ACCOUNT = Map.of("privateKey", KEY);

    @Test
    void defaultsAreMainnetWithFivePercentSlippage() {
        HyperliquidConfig c = HyperliquidConfig.from(settings(Map.of(), ACCOUNT));

        assertThat(c.testnet()).isFalse();
        assertThat(c.restUrl()).isEqualTo("https://api.hyperliquid.xyz");
        assertThat(c.wsUrl()).isEqualTo("wss://api.hyperliquid.xyz/ws");
        assertThat(c.marketSlippage()).isEqualByComparingTo("0.05");
        assertThat(c.nonceDirectory()).isEqualTo(Path.of("data", "hyperliquid"));
        assertThat(c.keystorePollInterval()).isEqualTo(Duration.ofSeconds(2));
        assertThat(c.timeouts().wsPing()).isEqualTo(Duration.ofSeconds(50));
        assertThat(c.rateLimit().weightPerMinute()).isEqualTo(1200);
        assertThat(c.rateLimit().addressBudget()).isNull();
        assertThat(c.accounts()).singleElement().satisfies(a -> {
            assertThat(a.user()).isNull();
            assertThat(a.vaultAddress()).isNull();
            assertThat(a.key()).isInstanceOf(HyperliquidConfig.KeySource.Inline.class);
        });
        assertThat(c.toString()).doesNotContain(KEY.substring(2));
    }

    @Test
    void testnetSwitchesTheHostsAndOverridesWin() {
        HyperliquidConfig t = HyperliquidConfig.from(settings(Map.of("testnet", true), ACCOUNT));
        HyperliquidConfig o = HyperliquidConfig.from(settings(Map.of("testnet", true, "restUrl", "http://127.0.0.1:9/",
                "wsUrl", "ws://127.0.0.1:9/ws", "marketSlippage", "0.01", "rateLimit",
                Map.of("weightPerMinute", 600, "addressBudget", 50, "maxWait", "0ms")), with(ACCOUNT,
                "user", "0xCB331197E84f135AB9Ed6FB51Cd9757c0bd29d0D", "vaultAddress",
                "0xeba57e1d6bd242ba5f41b61ff1d30b481a535b58")));

        assertThat(t.restUrl()).isEqualTo("https://api.hyperliquid-testnet.xyz");
        assertThat(t.wsUrl()).isEqualTo("wss://api.hyperliquid-testnet.xyz/ws");
        assertThat(o.restUrl()).isEqualTo("http://127.0.0.1:9");
        assertThat(o.marketSlippage()).isEqualByComparingTo("0.01");
        assertThat(o.rateLimit().weightPerMinute()).isEqualTo(600);
        assertThat(o.rateLimit().addressBudget()).isEqualTo(50L);
        assertThat(o.accounts().get(0).user().hex()).isEqualTo("0xcb331197e84f135ab9ed6fb51cd9757c0bd29d0d");
        assertThat(o.accounts().get(0).vaultAddress().hex()).isEqualTo("0xeba57e1d6bd242ba5f41b61ff1d30b481a535b58");
    }

    @Test
    void aKeystoreNeedsExactlyOnePassphraseSource() {
        HyperliquidConfig env = HyperliquidConfig.from(settings(Map.of(), Map.of("keystore", "keys/main.json",
                "passphraseEnv", "HL_PASS")));
        assertThat(env.accounts().get(0).key()).isEqualTo(new HyperliquidConfig.KeySource.Keystore(
                Path.of("keys/main.json"), "HL_PASS", null));

        assertError(Map.of(), Map.of("keystore", "k.json"), "venues[hl].accounts[main].passphraseEnv", "missing");
        assertError(Map.of(), Map.of("keystore", "k.json", "passphraseEnv", "A", "passphraseFile", "p"),
                "venues[hl].accounts[main].passphraseFile", "either");
        assertError(Map.of(), Map.of("privateKey", KEY, "keystore", "k.json"), "venues[hl].accounts[main].keystore",
                "not both");
        assertError(Map.of(), Map.of("privateKey", KEY, "passphraseEnv", "A"),
                "venues[hl].accounts[main].passphraseEnv", "only applies with keystore");
        assertError(Map.of(), Map.of("user", "0x8ba1f109551bd432803012645ac136ddd64dba72"),
                "venues[hl].accounts[main].privateKey", "missing");
    }

    @Test
    void everyErrorNamesTheSetting() {
        assertError(Map.of("marketSlippage", "1.5"), ACCOUNT, "venues[hl].marketSlippage", "below 1");
        assertError(Map.of("marketSlippage", "0"), ACCOUNT, "venues[hl].marketSlippage", "above 0");
        assertError(Map.of("restUrl", "ftp://x"), ACCOUNT, "venues[hl].restUrl", "http");
        assertError(Map.of("wsUrl", "http://x"), ACCOUNT, "venues[hl].wsUrl", "ws");
        assertError(Map.of("keystorePollInterval", "soon"), ACCOUNT, "venues[hl].keystorePollInterval", "duration");
        assertError(Map.of("timeouts", Map.of("wsPing", "60s")), ACCOUNT, "venues[hl].timeouts.wsPing", "below 60s");
        assertError(Map.of("timeouts", Map.of("reconnectMin", "5s", "reconnectMax", "1s")), ACCOUNT,
                "venues[hl].timeouts.reconnectMax", "reconnectMin");
        assertError(Map.of("rateLimit", Map.of("weightPerMinute", 0)), ACCOUNT, "venues[hl].rateLimit.weightPerMinute",
                "at least 1");
        assertError(Map.of("rateLimit", Map.of("addressBudget", 0)), ACCOUNT, "venues[hl].rateLimit.addressBudget",
                "at least 1");
        assertError(Map.of("colour", "blue"), ACCOUNT, "venues[hl].colour", "unknown setting");
        assertError(Map.of(), with(ACCOUNT, "user", "0xnothex"), "venues[hl].accounts[main].user", "address");
        assertError(Map.of(), with(ACCOUNT, "vaultAddress", "vault"), "venues[hl].accounts[main].vaultAddress",
                "address");
        assertError(Map.of(), Map.of("privateKey", "${HYPERLIQUID_PRIVATE_KEY}"),
                "venues[hl].accounts[main].privateKey", "HYPERLIQUID_PRIVATE_KEY is not set");
        assertThatThrownBy(() -> HyperliquidConfig.from(new VenueSettings("hl", "hyperliquid",
                ConfigView.empty("venues[hl]"), List.of()))).isInstanceOf(VenueConfigException.class)
                .hasMessageStartingWith("venues[hl].accounts");
    }

    @Test
    void aWrongKeyIsRefusedWithoutShowingIt() {
        String wrong = "0xnot-a-key-but-secret-material-0123456789";
        HyperliquidConfig c = HyperliquidConfig.from(settings(new HashMap<>(Map.of("nonceDirectory",
                System.getProperty("java.io.tmpdir"))), Map.of("privateKey", wrong)));

        assertThatThrownBy(() -> new HyperliquidAdapter("hl", c)).isInstanceOf(VenueConfigException.class)
                .hasMessageContaining("venues[hl].accounts[main].privateKey").hasMessageNotContaining(wrong)
                .hasMessageNotContaining("secret-material");
    }

    private static void assertError(Map<String, Object> venue, Map<String, Object> account, String path, String says) {
        assertThatThrownBy(() -> HyperliquidConfig.from(settings(venue, account)))
                .isInstanceOf(VenueConfigException.class).hasMessageStartingWith(path).hasMessageContaining(says)
                .hasMessageNotContaining(KEY.substring(2));
    }
}

package io.fixbridge.venue.binance;

import io.fixbridge.venue.ConfigView;
import io.fixbridge.venue.VenueConfigException;
import io.fixbridge.venue.VenueSettings;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BinanceConfigTest {
    static final String API_KEY = "KEY-4b8f0c1d9e7a6b5c4d3e2f1a0b9c8d7e";
    static final String SECRET = "SECRET-9f8e7d6c5b4a39281706f5e4d3c2b1a0";

    static VenueSettings settings(Map<String, Object> venue, Map<String, Object> account) {
        return new VenueSettings("binance", "binance", new ConfigView("venues[binance]", venue),
                List.of(new VenueSettings.Account("main", new ConfigView("venues[binance].accounts[main]", account))));
    }

    static Map<String, Object> hmacAccount() {
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("name", "main");
        a.put("apiKey", API_KEY);
        a.put("secret", SECRET);
        return a;
    }

    @Test
    void defaultsAreBinanceMainnetWithPublishedLimits() {
        BinanceConfig c = BinanceConfig.from(settings(Map.of(), hmacAccount()));

        assertThat(c.urls()).isEqualTo(new BinanceConfig.Urls("https://api.binance.com",
                "wss://ws-api.binance.com:443/ws-api/v3", "https://fapi.binance.com", "wss://fstream.binance.com",
                "wss://stream.binance.com:9443"));
        assertThat(c.bookDepth()).isEqualTo(100);
        assertThat(c.markets()).containsExactly(BinanceMarket.SPOT, BinanceMarket.FUTURES);
        assertThat(c.recvWindowMs()).isEqualTo(5000);
        assertThat(c.rateLimits()).isEqualTo(new BinanceConfig.RateLimits(6000, 100, 2400, 300));
        assertThat(c.rateLimitMaxWaitMs()).isEqualTo(1000);
        assertThat(c.hedgeMode()).isFalse();
        assertThat(c.leverage()).isEmpty();
        assertThat(c.trackedOrderIdleHours()).isEqualTo(48);
        assertThat(c.referencePriceIntervalMs()).isEqualTo(1000);
        assertThat(c.accounts()).singleElement().satisfies(a -> {
            assertThat(a.name()).isEqualTo("main");
            assertThat(a.keyType()).isEqualTo(BinanceConfig.KeyType.HMAC);
            assertThat(a.apiKey().reveal()).isEqualTo(API_KEY);
        });
    }

    @Test
    void testnetSelectsTestnetHostsAndEveryUrlCanBeOverridden() {
        BinanceConfig t = BinanceConfig.from(settings(Map.of("testnet", true), hmacAccount()));
        BinanceConfig o = BinanceConfig.from(settings(Map.of("testnet", true,
                "spotRestUrl", "http://127.0.0.1:9000/", "futuresWsUrl", "ws://127.0.0.1:9000"), hmacAccount()));

        assertThat(t.urls().spotRest()).isEqualTo("https://testnet.binance.vision");
        assertThat(t.urls().spotWsApi()).isEqualTo("wss://ws-api.testnet.binance.vision/ws-api/v3");
        assertThat(t.urls().futuresRest()).isEqualTo("https://testnet.binancefuture.com");
        assertThat(t.urls().futuresWs()).isEqualTo("wss://fstream.binancefuture.com");
        assertThat(t.urls().spotStream()).isEqualTo("wss://stream.testnet.binance.vision");
        assertThat(o.urls().spotRest()).isEqualTo("http://127.0.0.1:9000");
        assertThat(o.urls().futuresWs()).isEqualTo("ws://127.0.0.1:9000");
        assertThat(o.urls().futuresRest()).isEqualTo("https://testnet.binancefuture.com");
    }

    @Test
    void everySettingIsRead() {
        Map<String, Object> venue = new LinkedHashMap<>();
        venue.put("markets", List.of("futures"));
        venue.put("recvWindowMs", 2000);
        venue.put("rateLimits", Map.of("spotWeightPerMinute", 10, "spotOrdersPer10s", 2,
                "futuresWeightPerMinute", 20, "futuresOrdersPer10s", 3));
        venue.put("rateLimitPolicy", Map.of("maxWaitMs", 0));
        venue.put("hedgeMode", true);
        venue.put("leverage", Map.of("BTCUSDT", 5));
        venue.put("timeouts", Map.of("connectMs", 100, "requestMs", 200, "wsPingMs", 300, "reconnectMinMs", 10,
                "reconnectMaxMs", 20));
        venue.put("healthProbeIntervalMs", 50);
        venue.put("listenKeyKeepaliveMinutes", 10);
        venue.put("trackedOrderIdleHours", 24);
        venue.put("referencePriceIntervalMs", 250);
        venue.put("bookDepth", 20);
        venue.put("spotStreamUrl", "ws://127.0.0.1:9001/");

        BinanceConfig c = BinanceConfig.from(settings(venue, hmacAccount()));

        assertThat(c.markets()).containsExactly(BinanceMarket.FUTURES);
        assertThat(c.recvWindowMs()).isEqualTo(2000);
        assertThat(c.rateLimits()).isEqualTo(new BinanceConfig.RateLimits(10, 2, 20, 3));
        assertThat(c.rateLimitMaxWaitMs()).isZero();
        assertThat(c.hedgeMode()).isTrue();
        assertThat(c.leverage()).containsEntry("BTCUSDT", 5);
        assertThat(c.timeouts()).isEqualTo(new BinanceConfig.Timeouts(100, 200, 300, 10, 20));
        assertThat(c.healthProbeIntervalMs()).isEqualTo(50);
        assertThat(c.listenKeyKeepaliveMinutes()).isEqualTo(10);
        assertThat(c.trackedOrderIdleHours()).isEqualTo(24);
        assertThat(c.referencePriceIntervalMs()).isEqualTo(250);
        assertThat(c.bookDepth()).isEqualTo(20);
        assertThat(c.urls().spotStream()).isEqualTo("ws://127.0.0.1:9001");
    }

    @Test
    void bookDepthIsBetweenOneAndFiveThousand() {
        assertThat(BinanceConfig.from(settings(Map.of("bookDepth", 5000), hmacAccount())).bookDepth()).isEqualTo(5000);
        assertThat(BinanceConfig.from(settings(Map.of("bookDepth", 1), hmacAccount())).bookDepth()).isEqualTo(1);
        assertThatThrownBy(() -> BinanceConfig.from(settings(Map.of("bookDepth", 0), hmacAccount())))
                .isInstanceOf(VenueConfigException.class)
                .hasMessageContaining("venues[binance].bookDepth").hasMessageContaining("between 1 and 5000");
        assertThatThrownBy(() -> BinanceConfig.from(settings(Map.of("bookDepth", 5001), hmacAccount())))
                .isInstanceOf(VenueConfigException.class).hasMessageContaining("bookDepth");
        assertThatThrownBy(() -> BinanceConfig.from(settings(Map.of("bookDepth", "deep"), hmacAccount())))
                .isInstanceOf(VenueConfigException.class).hasMessageContaining("bookDepth");
        assertThatThrownBy(() -> BinanceConfig.from(settings(Map.of("spotStreamUrl", "http://x"), hmacAccount())))
                .isInstanceOf(VenueConfigException.class).hasMessageContaining("spotStreamUrl");
    }

    @Test
    void ed25519AccountTakesAPkcs8Pem() {
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("apiKey", API_KEY);
        a.put("privateKey", SigningVectorsTest.ED25519_PEM);

        BinanceConfig c = BinanceConfig.from(settings(Map.of(), a));

        assertThat(c.accounts().get(0).keyType()).isEqualTo(BinanceConfig.KeyType.ED25519);
    }

    @Test
    void unknownSettingIsRefusedNamingItsPath() {
        assertThatThrownBy(() -> BinanceConfig.from(settings(Map.of("recvWindow", 5000), hmacAccount())))
                .isInstanceOf(VenueConfigException.class)
                .hasMessageContaining("venues[binance].recvWindow: unknown setting");
        assertThatThrownBy(() -> BinanceConfig.from(settings(Map.of("rateLimits", Map.of("spotWeight", 1)),
                hmacAccount()))).hasMessageContaining("venues[binance].rateLimits.spotWeight");
    }

    @Test
    void wrongValuesAreRefusedSayingWhatIsRight() {
        assertThatThrownBy(() -> BinanceConfig.from(settings(Map.of("markets", List.of("options")), hmacAccount())))
                .hasMessageContaining("venues[binance].markets").hasMessageContaining("spot and futures");
        assertThatThrownBy(() -> BinanceConfig.from(settings(Map.of("recvWindowMs", 70000), hmacAccount())))
                .hasMessageContaining("60000");
        assertThatThrownBy(() -> BinanceConfig.from(settings(Map.of("leverage", Map.of("BTCUSDT", 500)),
                hmacAccount()))).hasMessageContaining("venues[binance].leverage.BTCUSDT");
        assertThatThrownBy(() -> BinanceConfig.from(settings(Map.of("spotRestUrl", "ftp://x"), hmacAccount())))
                .hasMessageContaining("spotRestUrl");
        assertThatThrownBy(() -> BinanceConfig.from(settings(Map.of("markets", List.of("spot"),
                "leverage", Map.of("BTCUSDT", 5)), hmacAccount()))).hasMessageContaining("futures");
        assertThatThrownBy(() -> BinanceConfig.from(settings(Map.of("trackedOrderIdleHours", 0), hmacAccount())))
                .hasMessageContaining("venues[binance].trackedOrderIdleHours").hasMessageContaining("at least 1");
        assertThatThrownBy(() -> BinanceConfig.from(settings(Map.of("referencePriceIntervalMs", 0), hmacAccount())))
                .isInstanceOf(VenueConfigException.class)
                .hasMessageContaining("venues[binance].referencePriceIntervalMs").hasMessageContaining("at least 1");
    }

    @Test
    void accountNeedsExactlyOneSigningKey() {
        Map<String, Object> both = hmacAccount();
        both.put("privateKey", SigningVectorsTest.ED25519_PEM);
        Map<String, Object> none = new LinkedHashMap<>(Map.of("apiKey", API_KEY));

        assertThatThrownBy(() -> BinanceConfig.from(settings(Map.of(), both)))
                .hasMessageContaining("exactly one of secret").hasMessageNotContaining(SECRET);
        assertThatThrownBy(() -> BinanceConfig.from(settings(Map.of(), none)))
                .hasMessageContaining("exactly one of secret");
        assertThatThrownBy(() -> BinanceConfig.from(new VenueSettings("binance", "binance",
                ConfigView.empty("venues[binance]"), List.of()))).hasMessageContaining("at least one account");
    }

    @Test
    void unresolvedEnvironmentVariableIsNamedNotQuoted() {
        Map<String, Object> a = hmacAccount();
        a.put("secret", "${BINANCE_API_SECRET}");

        assertThatThrownBy(() -> BinanceConfig.from(settings(Map.of(), a)))
                .hasMessageContaining("venues[binance].accounts[main].secret")
                .hasMessageContaining("BINANCE_API_SECRET is not set");
    }

    @Test
    void aPrivateKeyThatIsNotAPemIsRefusedWithoutShowingIt() {
        Map<String, Object> a = new LinkedHashMap<>(Map.of("apiKey", API_KEY, "privateKey", SECRET));

        assertThatThrownBy(() -> BinanceConfig.from(settings(Map.of(), a)))
                .hasMessageContaining("PKCS#8").hasMessageNotContaining(SECRET);
    }

    @Test
    void toStringNeverShowsCredentials() {
        BinanceConfig c = BinanceConfig.from(settings(Map.of(), hmacAccount()));

        assertThat(c.toString()).doesNotContain(API_KEY).doesNotContain(SECRET).contains("main");
        assertThat(c.accounts().get(0).toString()).doesNotContain(API_KEY).doesNotContain(SECRET);
        assertThat(c.accounts().get(0).apiKey().toString()).isEqualTo("***");
    }
}

package io.fixbridge.venue.bybit;

import io.fixbridge.venue.ConfigView;
import io.fixbridge.venue.VenueConfigException;
import io.fixbridge.venue.VenueSettings;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Reading gateway.yaml's Bybit section: defaults in one place, every error naming its setting, no secret shown. */
class BybitConfigTest {
    private static final String KEY = "key-7f3c9a1e5b2d4c6f8a0e";
    private static final String SECRET = "secret-2b4d6f8a0c1e3a5c7e9b";

    private static VenueSettings settings(Map<String, Object> venue, Map<String, Object> account) {
        return new VenueSettings("bybit", "bybit", new ConfigView("venues[bybit]", venue),
                List.of(new VenueSettings.Account("main", new ConfigView("venues[bybit].accounts[main]", account))));
    }

    private static VenueSettings settings(Map<String, Object> venue) {
        return settings(venue, Map.of("apiKey", KEY, "secret", SECRET));
    }

    @Test
    void defaultsAreBybitsMainnetAllCategoriesAndPublishedLimits() {
        BybitConfig c = BybitConfig.from(settings(Map.of()));

        assertThat(c.restUrl()).isEqualTo("https://api.bybit.com");
        assertThat(c.privateWsUrl()).isEqualTo("wss://stream.bybit.com/v5/private");
        assertThat(c.categories()).containsExactly(BybitCategory.SPOT, BybitCategory.LINEAR, BybitCategory.INVERSE);
        assertThat(c.recvWindowMs()).isEqualTo(5000);
        assertThat(c.hedgeMode()).isFalse();
        assertThat(c.rateLimitMaxWaitMs()).isEqualTo(1000);
        assertThat(c.rateLimits().perSecond("orderCreateSpot")).isEqualTo(20);
        assertThat(c.rateLimits().perSecond("orderCreateLinear")).isEqualTo(10);
        assertThat(c.rateLimits().perSecond("orderAmendSpot")).isEqualTo(10);
        assertThat(c.rateLimits().perSecond("orderQuery")).isEqualTo(50);
        assertThat(c.rateLimits().ipPer5s()).isEqualTo(600);
        assertThat(c.ipBanPauseMs()).isEqualTo(600_000);
        assertThat(c.referencePriceIntervalMs()).isEqualTo(1000);
        assertThat(c.bookDepth()).isEqualTo(50);
        assertThat(c.publicWsUrl()).isEqualTo("wss://stream.bybit.com/v5/public");
        assertThat(c.publicWsUrl(BybitCategory.INVERSE)).isEqualTo("wss://stream.bybit.com/v5/public/inverse");
        assertThat(c.timeouts().wsPingMs()).isEqualTo(20000);
        assertThat(c.accountNames()).containsExactly("main");
    }

    @Test
    void testnetSelectsBybitsTestnetAndEveryUrlIsOverridable() {
        BybitConfig testnet = BybitConfig.from(settings(Map.of("testnet", true)));
        BybitConfig sim = BybitConfig.from(settings(Map.of("testnet", true, "restUrl", "http://127.0.0.1:9/",
                "privateWsUrl", "ws://127.0.0.1:9/v5/private", "publicWsUrl", "ws://127.0.0.1:9/v5/public/")));

        assertThat(testnet.restUrl()).isEqualTo("https://api-testnet.bybit.com");
        assertThat(testnet.privateWsUrl()).isEqualTo("wss://stream-testnet.bybit.com/v5/private");
        assertThat(sim.restUrl()).isEqualTo("http://127.0.0.1:9");
        assertThat(sim.privateWsUrl()).isEqualTo("ws://127.0.0.1:9/v5/private");
        assertThat(testnet.publicWsUrl(BybitCategory.SPOT)).isEqualTo("wss://stream-testnet.bybit.com/v5/public/spot");
        assertThat(sim.publicWsUrl(BybitCategory.LINEAR)).isEqualTo("ws://127.0.0.1:9/v5/public/linear");
    }

    @Test
    void settingsAreRead() {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("categories", List.of("linear", "Inverse"));
        v.put("recvWindowMs", 3000);
        v.put("hedgeMode", true);
        v.put("rateLimits", Map.of("orderCreateLinear", 5, "ipPer5s", 100));
        v.put("rateLimitPolicy", Map.of("maxWaitMs", 0));
        v.put("ipBanPauseMs", 2000);
        v.put("referencePriceIntervalMs", 250);
        v.put("bookDepth", 1000);
        v.put("timeouts", Map.of("requestMs", 1500, "reconnectMinMs", 10, "reconnectMaxMs", 20));
        BybitConfig c = BybitConfig.from(settings(v));

        assertThat(c.categories()).containsExactly(BybitCategory.LINEAR, BybitCategory.INVERSE);
        assertThat(c.recvWindowMs()).isEqualTo(3000);
        assertThat(c.hedgeMode()).isTrue();
        assertThat(c.rateLimits().perSecond("orderCreateLinear")).isEqualTo(5);
        assertThat(c.rateLimits().perSecond("orderCreateSpot")).isEqualTo(20);
        assertThat(c.rateLimits().ipPer5s()).isEqualTo(100);
        assertThat(c.rateLimitMaxWaitMs()).isZero();
        assertThat(c.ipBanPauseMs()).isEqualTo(2000);
        assertThat(c.referencePriceIntervalMs()).isEqualTo(250);
        assertThat(c.bookDepth()).isEqualTo(1000);
        assertThat(c.timeouts().requestMs()).isEqualTo(1500);
    }

    @Test
    void unknownKeysAndWrongValuesAreRefusedNamingTheSetting() {
        assertThatThrownBy(() -> BybitConfig.from(settings(Map.of("restURL", "http://x"))))
                .isInstanceOf(VenueConfigException.class).hasMessageContaining("venues[bybit].restURL");
        assertThatThrownBy(() -> BybitConfig.from(settings(Map.of("referencePriceIntervalMs", 0))))
                .isInstanceOf(VenueConfigException.class)
                .hasMessageContaining("venues[bybit].referencePriceIntervalMs").hasMessageContaining("at least 1");
        assertThatThrownBy(() -> BybitConfig.from(settings(Map.of("categories", List.of("option")))))
                .hasMessageContaining("venues[bybit].categories").hasMessageContaining("spot, linear and inverse");
        assertThatThrownBy(() -> BybitConfig.from(settings(Map.of("rateLimits", Map.of("orderCreate", 3)))))
                .hasMessageContaining("venues[bybit].rateLimits.orderCreate");
        assertThatThrownBy(() -> BybitConfig.from(settings(Map.of("rateLimits", Map.of("orderQuery", 0)))))
                .hasMessageContaining("venues[bybit].rateLimits.orderQuery");
        assertThatThrownBy(() -> BybitConfig.from(settings(Map.of("recvWindowMs", 0))))
                .hasMessageContaining("recvWindowMs");
        assertThatThrownBy(() -> BybitConfig.from(settings(Map.of("restUrl", "ftp://x"))))
                .hasMessageContaining("venues[bybit].restUrl");
        assertThatThrownBy(() -> BybitConfig.from(settings(Map.of("timeouts", Map.of("reconnectMinMs", 50,
                "reconnectMaxMs", 10))))).hasMessageContaining("reconnectMaxMs");
        assertThatThrownBy(() -> BybitConfig.from(settings(Map.of("bookDepth", 500))))
                .isInstanceOf(VenueConfigException.class).hasMessageContaining("venues[bybit].bookDepth")
                .hasMessageContaining("1, 50, 200 or 1000").hasMessageContaining("500");
        assertThatThrownBy(() -> BybitConfig.from(settings(Map.of("publicWsUrl", "https://x"))))
                .hasMessageContaining("venues[bybit].publicWsUrl");
    }

    @Test
    void credentialsAreRequiredResolvedAndNeverShown() {
        assertThatThrownBy(() -> BybitConfig.from(settings(Map.of(), Map.of("apiKey", KEY))))
                .hasMessageContaining("venues[bybit].accounts[main].secret").hasMessageNotContaining(KEY);
        assertThatThrownBy(() -> BybitConfig.from(settings(Map.of(), Map.of("apiKey", KEY,
                "secret", "${BYBIT_SECRET}")))).hasMessageContaining("BYBIT_SECRET is not set");
        assertThatThrownBy(() -> BybitConfig.from(settings(Map.of(), Map.of("apiKey", KEY, "secret", SECRET,
                "privateKey", "x")))).hasMessageContaining("privateKey");
        assertThatThrownBy(() -> BybitConfig.from(new VenueSettings("bybit", "bybit", ConfigView.empty("venues[bybit]"),
                List.of()))).hasMessageContaining("venues[bybit].accounts");

        BybitConfig c = BybitConfig.from(settings(Map.of()));
        assertThat(c.toString()).doesNotContain(KEY).doesNotContain(SECRET);
        assertThat(c.accounts().get(0).apiKey().reveal()).isEqualTo(KEY);
    }
}

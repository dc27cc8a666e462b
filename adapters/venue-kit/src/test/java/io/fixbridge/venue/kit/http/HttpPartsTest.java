package io.fixbridge.venue.kit.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fixbridge.venue.ConfigView;
import io.fixbridge.venue.VenueConfigException;
import io.fixbridge.venue.kit.ws.WebSocketConfig;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HttpPartsTest {
    @Test
    void headersAreCaseInsensitiveMultiValuedAndHideValues() {
        Headers h = Headers.builder().add("X-Bapi-Limit-Status", "99").add("Set-Cookie", "a").add("set-cookie", "b").build();
        assertThat(h.first("x-bapi-limit-status")).contains("99");
        assertThat(h.firstLong("X-BAPI-LIMIT-STATUS")).hasValue(99);
        assertThat(h.firstLong("Set-Cookie")).isEmpty();
        assertThat(h.all("SET-COOKIE")).containsExactly("a", "b");
        assertThat(h.names()).containsExactly("X-Bapi-Limit-Status", "Set-Cookie");
        assertThat(h.toBuilder().set("set-cookie", "c").build().all("Set-Cookie")).containsExactly("c");
        Headers secret = Headers.of("X-MBX-APIKEY", "supersecret");
        assertThat(secret.toString()).isEqualTo("Headers[X-MBX-APIKEY]");
        assertThatThrownBy(() -> Headers.of("X", "a\r\nInjected: 1")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining("Injected");
        assertThatThrownBy(() -> Headers.of("Bad Name", "v")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void queryStringEncodesForSendingAndSorts() {
        QueryString q = QueryString.builder().add("b", "x y+z/é").add("a", 1).addIfPresent("skip", null).build();
        assertThat(q.encoded()).isEqualTo("b=x%20y%2Bz%2F%C3%A9&a=1");
        assertThat(q.sortedRaw()).isEqualTo("a=1&b=x y+z/é");
        assertThat(q.with("signature", "abc").sortedRaw("signature")).isEqualTo("a=1&b=x y+z/é");
        assertThat(q.with("signature", "abc").encoded()).endsWith("&signature=abc");
        assertThat(q.toString()).isEqualTo("QueryString[b, a]");
        assertThat(QueryString.encode("HZ8HOj+/a==")).isEqualTo("HZ8HOj%2B%2Fa%3D%3D");
        assertThat(QueryString.empty().encoded()).isEmpty();
    }

    @Test
    void retryAfterSecondsAndDates() {
        Clock clock = Clock.fixed(Instant.parse("2030-01-01T00:00:00Z"), ZoneOffset.UTC);
        assertThat(RetryAfter.parse("120", clock)).contains(Instant.parse("2030-01-01T00:02:00Z"));
        assertThat(RetryAfter.parse("Wed, 21 Oct 2015 07:28:00 GMT", clock)).contains(Instant.parse("2015-10-21T07:28:00Z"));
        assertThat(RetryAfter.parse("soon", clock)).isEmpty();
        assertThat(RetryAfter.parse("", clock)).isEmpty();
    }

    @Test
    void httpConfigFromSettings() {
        HttpClientConfig c = HttpClientConfig.fromConfig(new ConfigView("venues[binance].rest",
                Map.of("readTimeout", "3s", "maxConnections", 4)), "https://api.binance.com/");
        assertThat(c.readTimeout()).isEqualTo(Duration.ofSeconds(3));
        assertThat(c.maxConnections()).isEqualTo(4);
        assertThat(c.connectTimeout()).isEqualTo(HttpClientConfig.DEFAULT_CONNECT_TIMEOUT);
        assertThat(c.hostAndPort()).isEqualTo("api.binance.com:443");
        assertThat(c.pathPrefix()).isEmpty();
        assertThat(c.isTls()).isTrue();
        assertThatThrownBy(() -> HttpClientConfig.fromConfig(new ConfigView("v", Map.of("baseUrl", "ftp://x")), "http://a"))
                .isInstanceOf(VenueConfigException.class).hasMessageStartingWith("v.baseUrl: ");
        assertThatThrownBy(() -> HttpClientConfig.fromConfig(new ConfigView("v", Map.of("readTimeout", "0s")), "http://a"))
                .isInstanceOf(VenueConfigException.class).hasMessageStartingWith("v.readTimeout: ");
        assertThatThrownBy(() -> HttpClientConfig.fromConfig(new ConfigView("v", Map.of("maxConnections", 0)), "http://a"))
                .isInstanceOf(VenueConfigException.class).hasMessageStartingWith("v.maxConnections: ");
    }

    @Test
    void webSocketConfigFromSettings() {
        WebSocketConfig c = WebSocketConfig.fromConfig(new ConfigView("venues[bybit].ws",
                Map.of("pingInterval", "20s", "deadAfter", "1m", "reconnectMaxDelay", "10s")), "wss://stream.bybit.com/v5/private?x=1");
        assertThat(c.pingInterval()).isEqualTo(Duration.ofSeconds(20));
        assertThat(c.deadAfter()).isEqualTo(Duration.ofMinutes(1));
        assertThat(c.backoff().max()).isEqualTo(Duration.ofSeconds(10));
        assertThat(c.describe()).isEqualTo("wss://stream.bybit.com:443");
        assertThatThrownBy(() -> WebSocketConfig.fromConfig(new ConfigView("w", Map.of("pingInterval", "30s", "deadAfter", "10s")), "ws://h"))
                .isInstanceOf(VenueConfigException.class).hasMessageStartingWith("w.deadAfter: ");
        assertThatThrownBy(() -> WebSocketConfig.builder("https://h").build()).isInstanceOf(IllegalArgumentException.class);
    }
}

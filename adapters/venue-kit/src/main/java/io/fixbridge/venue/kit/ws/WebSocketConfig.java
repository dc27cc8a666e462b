package io.fixbridge.venue.kit.ws;

import io.fixbridge.venue.ConfigView;
import io.fixbridge.venue.kit.Backoff;
import io.fixbridge.venue.kit.Durations;
import io.fixbridge.venue.kit.TlsConfig;
import io.fixbridge.venue.kit.http.Headers;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * Settings of one {@link WebSocketClient}. Immutable.
 *
 * @param uri              {@code wss://stream.binance.com:9443/ws} or {@code ws://127.0.0.1:port/path}
 * @param connectTimeout   TCP connect (and TLS handshake) limit
 * @param handshakeTimeout WebSocket upgrade limit
 * @param pingInterval     how often the client pings; {@link Duration#ZERO} for never
 * @param deadAfter        a connection with no inbound traffic at all (messages, pongs, pings) for
 *                         this long is dropped and re-established; {@link Duration#ZERO} for never
 * @param appPing          when not null, this text message is sent instead of a protocol ping frame
 *                         (Bybit {@code {"op":"ping"}}, Hyperliquid {@code {"method":"ping"}}); its
 *                         replies reach {@link WebSocketListener#onMessage} like any message
 * @param backoff          delays between reconnect attempts; reset by every successful handshake
 * @param maxMessageBytes  largest message (after joining continuation frames)
 * @param headers          extra headers sent with the upgrade request
 * @param tls              how to verify the server for {@code wss}
 * @param stream           how the stream's state is reported to telemetry ({@link StreamTelemetry#NONE}
 *                         by default: not at all)
 */
public record WebSocketConfig(
        URI uri,
        Duration connectTimeout,
        Duration handshakeTimeout,
        Duration pingInterval,
        Duration deadAfter,
        String appPing,
        Backoff backoff,
        int maxMessageBytes,
        Headers headers,
        TlsConfig tls,
        StreamTelemetry stream) {

    /** Connect timeout default: 10 s. */
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
    /** Ping every 15 s by default. */
    public static final Duration DEFAULT_PING_INTERVAL = Duration.ofSeconds(15);
    /** Dead after 45 s without traffic by default. */
    public static final Duration DEFAULT_DEAD_AFTER = Duration.ofSeconds(45);
    /** Reconnect after 500 ms, doubling up to 30 s, 20 % jitter, by default. */
    public static final Backoff DEFAULT_BACKOFF = Backoff.exponential(Duration.ofMillis(500), Duration.ofSeconds(30));
    /** 16 MiB per message by default. */
    public static final int DEFAULT_MAX_MESSAGE_BYTES = 16 * 1024 * 1024;

    /** Validates the components; throws {@link IllegalArgumentException} or {@link NullPointerException} when one is wrong. */
    public WebSocketConfig {
        Objects.requireNonNull(uri, "uri");
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("ws") && !scheme.equals("wss")) {
            throw new IllegalArgumentException("WebSocket URL must be ws:// or wss://, was " + uri.getScheme());
        }
        if (uri.getHost() == null) {
            throw new IllegalArgumentException("WebSocket URL has no host");
        }
        positive(connectTimeout, "connectTimeout");
        positive(handshakeTimeout, "handshakeTimeout");
        notNegative(pingInterval, "pingInterval");
        notNegative(deadAfter, "deadAfter");
        if (!deadAfter.isZero() && !pingInterval.isZero() && deadAfter.compareTo(pingInterval) <= 0) {
            throw new IllegalArgumentException("deadAfter must be longer than pingInterval");
        }
        Objects.requireNonNull(backoff, "backoff");
        if (maxMessageBytes < 1024) {
            throw new IllegalArgumentException("maxMessageBytes must be at least 1024");
        }
        Objects.requireNonNull(headers, "headers");
        Objects.requireNonNull(tls, "tls");
        Objects.requireNonNull(stream, "stream");
    }

    /** A builder with the defaults for {@code url}. */
    public static Builder builder(String url) {
        return new Builder(URI.create(Objects.requireNonNull(url, "url")));
    }

    /**
     * The settings for {@code url} with timing read from {@code section}: {@code connectTimeout},
     * {@code pingInterval}, {@code deadAfter}, {@code reconnectInitialDelay},
     * {@code reconnectMaxDelay} (durations such as {@code 15s}). The URL itself is the adapter's
     * business (a venue has several).
     *
     * @throws io.fixbridge.venue.VenueConfigException naming the setting that is wrong
     */
    public static WebSocketConfig fromConfig(ConfigView section, String url) {
        Builder b = builder(url)
                .connectTimeout(Durations.get(section, "connectTimeout", DEFAULT_CONNECT_TIMEOUT))
                .pingInterval(Durations.get(section, "pingInterval", DEFAULT_PING_INTERVAL))
                .deadAfter(Durations.get(section, "deadAfter", DEFAULT_DEAD_AFTER));
        Duration initial = Durations.get(section, "reconnectInitialDelay", DEFAULT_BACKOFF.initial());
        Duration max = Durations.get(section, "reconnectMaxDelay", DEFAULT_BACKOFF.max());
        try {
            b.backoff(new Backoff(initial, max, DEFAULT_BACKOFF.multiplier(), DEFAULT_BACKOFF.jitter()));
        } catch (IllegalArgumentException e) {
            throw section.error("reconnectMaxDelay", "must be positive and at least reconnectInitialDelay");
        }
        try {
            return b.build();
        } catch (IllegalArgumentException e) {
            throw section.error("deadAfter", e.getMessage());
        }
    }

    /** Whether the URL is wss. */
    public boolean isTls() {
        return uri.getScheme().equalsIgnoreCase("wss");
    }

    /** The port, defaulting to 80/443. */
    public int port() {
        return uri.getPort() > 0 ? uri.getPort() : (isTls() ? 443 : 80);
    }

    /** {@code wss://host:port}: safe to log (paths may carry listen keys). */
    public String describe() {
        return uri.getScheme() + "://" + uri.getHost() + ":" + port();
    }

    /** A builder starting from these settings. */
    public Builder toBuilder() {
        return new Builder(uri).connectTimeout(connectTimeout).handshakeTimeout(handshakeTimeout)
                .pingInterval(pingInterval).deadAfter(deadAfter).appPing(appPing).backoff(backoff)
                .maxMessageBytes(maxMessageBytes).headers(headers).tls(tls).stream(stream);
    }

    private static void positive(Duration d, String name) {
        Objects.requireNonNull(d, name);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be positive");
        }
    }

    private static void notNegative(Duration d, String name) {
        Objects.requireNonNull(d, name);
        if (d.isNegative()) {
            throw new IllegalArgumentException(name + " must not be negative");
        }
    }

    /** Builds a {@link WebSocketConfig}; not thread-safe. */
    public static final class Builder {
        private final URI uri;
        private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
        private Duration handshakeTimeout = DEFAULT_CONNECT_TIMEOUT;
        private Duration pingInterval = DEFAULT_PING_INTERVAL;
        private Duration deadAfter = DEFAULT_DEAD_AFTER;
        private String appPing;
        private Backoff backoff = DEFAULT_BACKOFF;
        private int maxMessageBytes = DEFAULT_MAX_MESSAGE_BYTES;
        private Headers headers = Headers.empty();
        private TlsConfig tls = TlsConfig.systemDefault();
        private StreamTelemetry stream = StreamTelemetry.NONE;

        private Builder(URI uri) {
            this.uri = uri;
        }

        public Builder connectTimeout(Duration v) { this.connectTimeout = v; return this; }
        public Builder handshakeTimeout(Duration v) { this.handshakeTimeout = v; return this; }
        public Builder pingInterval(Duration v) { this.pingInterval = v; return this; }
        public Builder deadAfter(Duration v) { this.deadAfter = v; return this; }
        /** Sends this text instead of protocol ping frames; null for protocol pings. */
        public Builder appPing(String v) { this.appPing = v; return this; }
        public Builder backoff(Backoff v) { this.backoff = v; return this; }
        public Builder maxMessageBytes(int v) { this.maxMessageBytes = v; return this; }
        public Builder headers(Headers v) { this.headers = v; return this; }
        public Builder tls(TlsConfig v) { this.tls = v; return this; }
        /** How the stream's state is reported ({@link StreamTelemetry#onConnect} or {@link StreamTelemetry#confirmedByAdapter}). */
        public Builder stream(StreamTelemetry v) { this.stream = v; return this; }

        /** @throws IllegalArgumentException when a setting is invalid */
        public WebSocketConfig build() {
            return new WebSocketConfig(uri, connectTimeout, handshakeTimeout, pingInterval, deadAfter, appPing,
                    backoff, maxMessageBytes, headers, tls, stream);
        }
    }
}

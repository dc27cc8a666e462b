package io.fixbridge.venue.kit.http;

import io.fixbridge.venue.ConfigView;
import io.fixbridge.venue.VenueTelemetry;
import io.fixbridge.venue.kit.Durations;
import io.fixbridge.venue.kit.TlsConfig;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * Settings of one {@link HttpClient}: one base URL (scheme, host, port and an optional path prefix)
 * and its connection pool. Immutable.
 *
 * @param baseUri          {@code https://api.binance.com} or {@code http://127.0.0.1:18080/prefix};
 *                         request paths are appended to its path
 * @param connectTimeout   TCP connect (and TLS handshake) limit
 * @param readTimeout      time from writing a request to its complete response
 * @param acquireTimeout   how long a request may wait for a free connection when all
 *                         {@code maxConnections} are busy
 * @param idleTimeout      a pooled connection unused this long is closed (keep it below the
 *                         server's keep-alive timeout)
 * @param maxConnections   most connections open at once to this host
 * @param maxResponseBytes larger responses fail with {@link HttpProtocolException}
 * @param defaultHeaders   sent with every request unless the request sets the same name
 * @param tls              how to verify the server for {@code https}
 * @param telemetry        told of every request's answer or failure ({@link VenueTelemetry#request}) under
 *                         the request's {@link HttpRequest#endpoint()}; {@link VenueTelemetry#NONE} by default
 */
public record HttpClientConfig(
        URI baseUri,
        Duration connectTimeout,
        Duration readTimeout,
        Duration acquireTimeout,
        Duration idleTimeout,
        int maxConnections,
        int maxResponseBytes,
        Headers defaultHeaders,
        TlsConfig tls,
        VenueTelemetry telemetry) {

    /** Connect 5 s, read 10 s. */
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);
    /** Read timeout default. */
    public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(10);
    /** Wait for a free connection default. */
    public static final Duration DEFAULT_ACQUIRE_TIMEOUT = Duration.ofSeconds(5);
    /** Idle connection lifetime default. */
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(30);
    /** Connections per host default. */
    public static final int DEFAULT_MAX_CONNECTIONS = 16;
    /** Largest response default: 64 MiB (exchange information can be several MiB). */
    public static final int DEFAULT_MAX_RESPONSE_BYTES = 64 * 1024 * 1024;

    /** Validates the components; throws {@link IllegalArgumentException} or {@link NullPointerException} when one is wrong. */
    public HttpClientConfig {
        Objects.requireNonNull(baseUri, "baseUri");
        String scheme = baseUri.getScheme() == null ? "" : baseUri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new IllegalArgumentException("base URL must be http:// or https://, was " + baseUri.getScheme());
        }
        if (baseUri.getHost() == null) {
            throw new IllegalArgumentException("base URL has no host");
        }
        if (baseUri.getRawQuery() != null || baseUri.getRawFragment() != null) {
            throw new IllegalArgumentException("base URL must not have a query or fragment");
        }
        requirePositive(connectTimeout, "connectTimeout");
        requirePositive(readTimeout, "readTimeout");
        requirePositive(acquireTimeout, "acquireTimeout");
        requirePositive(idleTimeout, "idleTimeout");
        if (maxConnections < 1) {
            throw new IllegalArgumentException("maxConnections must be at least 1");
        }
        if (maxResponseBytes < 1024) {
            throw new IllegalArgumentException("maxResponseBytes must be at least 1024");
        }
        Objects.requireNonNull(defaultHeaders, "defaultHeaders");
        Objects.requireNonNull(tls, "tls");
        Objects.requireNonNull(telemetry, "telemetry");
    }

    /** A builder with the defaults for {@code baseUrl}. */
    public static Builder builder(String baseUrl) {
        return new Builder(URI.create(Objects.requireNonNull(baseUrl, "baseUrl")));
    }

    /**
     * Reads {@code baseUrl}, {@code connectTimeout}, {@code readTimeout}, {@code acquireTimeout},
     * {@code idleTimeout} (durations such as {@code 5s}) and {@code maxConnections} from
     * {@code section}, falling back to {@code defaultBaseUrl} and the defaults. Other keys are left
     * for the caller.
     *
     * @throws io.fixbridge.venue.VenueConfigException naming the setting that is wrong
     */
    public static HttpClientConfig fromConfig(ConfigView section, String defaultBaseUrl) {
        String url = section.string("baseUrl", defaultBaseUrl);
        Builder b;
        try {
            b = builder(url);
            b.build();
        } catch (IllegalArgumentException e) {
            throw section.error("baseUrl", "expected an http:// or https:// URL such as https://api.example.com; " + e.getMessage());
        }
        b.connectTimeout(positive(section, "connectTimeout", DEFAULT_CONNECT_TIMEOUT))
                .readTimeout(positive(section, "readTimeout", DEFAULT_READ_TIMEOUT))
                .acquireTimeout(positive(section, "acquireTimeout", DEFAULT_ACQUIRE_TIMEOUT))
                .idleTimeout(positive(section, "idleTimeout", DEFAULT_IDLE_TIMEOUT));
        int max = section.intValue("maxConnections", DEFAULT_MAX_CONNECTIONS);
        if (max < 1) {
            throw section.error("maxConnections", "expected a whole number of at least 1, got " + max);
        }
        return b.maxConnections(max).build();
    }

    private static Duration positive(ConfigView section, String key, Duration fallback) {
        Duration d = Durations.get(section, key, fallback);
        if (d.isZero()) {
            throw section.error(key, "expected a duration greater than zero such as 5s");
        }
        return d;
    }

    /** Whether the base URL is https. */
    public boolean isTls() {
        return baseUri.getScheme().equalsIgnoreCase("https");
    }

    /** The port, defaulting to 80/443. */
    public int port() {
        return baseUri.getPort() > 0 ? baseUri.getPort() : (isTls() ? 443 : 80);
    }

    /** {@code host:port}, for messages. */
    public String hostAndPort() {
        return baseUri.getHost() + ":" + port();
    }

    /** The base path without a trailing slash ({@code ""} for none). */
    public String pathPrefix() {
        String p = baseUri.getRawPath();
        if (p == null || p.isEmpty() || p.equals("/")) {
            return "";
        }
        return p.endsWith("/") ? p.substring(0, p.length() - 1) : p;
    }

    /** A builder starting from these settings. */
    public Builder toBuilder() {
        return new Builder(baseUri).connectTimeout(connectTimeout).readTimeout(readTimeout)
                .acquireTimeout(acquireTimeout).idleTimeout(idleTimeout).maxConnections(maxConnections)
                .maxResponseBytes(maxResponseBytes).defaultHeaders(defaultHeaders).tls(tls).telemetry(telemetry);
    }

    private static void requirePositive(Duration d, String name) {
        Objects.requireNonNull(d, name);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be positive");
        }
    }

    /** Builds an {@link HttpClientConfig}; not thread-safe. */
    public static final class Builder {
        private final URI baseUri;
        private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
        private Duration readTimeout = DEFAULT_READ_TIMEOUT;
        private Duration acquireTimeout = DEFAULT_ACQUIRE_TIMEOUT;
        private Duration idleTimeout = DEFAULT_IDLE_TIMEOUT;
        private int maxConnections = DEFAULT_MAX_CONNECTIONS;
        private int maxResponseBytes = DEFAULT_MAX_RESPONSE_BYTES;
        private Headers defaultHeaders = Headers.of("User-Agent", "fixbridge", "Accept", "application/json");
        private TlsConfig tls = TlsConfig.systemDefault();
        private VenueTelemetry telemetry = VenueTelemetry.NONE;

        private Builder(URI baseUri) {
            this.baseUri = baseUri;
        }

        public Builder connectTimeout(Duration v) { this.connectTimeout = v; return this; }
        public Builder readTimeout(Duration v) { this.readTimeout = v; return this; }
        public Builder acquireTimeout(Duration v) { this.acquireTimeout = v; return this; }
        public Builder idleTimeout(Duration v) { this.idleTimeout = v; return this; }
        public Builder maxConnections(int v) { this.maxConnections = v; return this; }
        public Builder maxResponseBytes(int v) { this.maxResponseBytes = v; return this; }
        /** Replaces the default headers (initially {@code User-Agent: fixbridge}, {@code Accept: application/json}). */
        public Builder defaultHeaders(Headers v) { this.defaultHeaders = v; return this; }
        public Builder tls(TlsConfig v) { this.tls = v; return this; }
        /** Where every request's answer, status and latency is reported; {@link VenueTelemetry#NONE} by default. */
        public Builder telemetry(VenueTelemetry v) { this.telemetry = v; return this; }

        /** @throws IllegalArgumentException when a setting is invalid */
        public HttpClientConfig build() {
            return new HttpClientConfig(baseUri, connectTimeout, readTimeout, acquireTimeout, idleTimeout,
                    maxConnections, maxResponseBytes, defaultHeaders, tls, telemetry);
        }
    }
}

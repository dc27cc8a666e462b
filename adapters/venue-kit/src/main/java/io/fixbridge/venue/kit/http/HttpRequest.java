package io.fixbridge.venue.kit.http;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * One immutable HTTP request, relative to an {@link HttpClient}'s base URL.
 *
 * <pre>{@code
 * HttpRequest.get("/api/v3/order?" + signedQuery).header("X-MBX-APIKEY", apiKey).build();
 * HttpRequest.post("/v5/order/create").header(...).jsonBody(json).build();
 * }</pre>
 *
 * <p>{@link #toString()} is {@code METHOD /path}: no query, no headers, no body, because they carry
 * keys and signatures. Thread-safe.
 *
 * <p>{@link #endpoint()} names the request for telemetry ({@link io.fixbridge.venue.VenueTelemetry#request}):
 * {@code METHOD /path} without the query by default; a request whose path carries ids must be given an
 * explicit, bounded name with {@link Builder#endpoint(String)} ({@code "DELETE /orders/{id}"}).
 */
public final class HttpRequest {
    private final HttpMethod method;
    private final String target;
    private final Headers headers;
    private final byte[] body;
    private final Duration timeout;
    private final String endpoint;

    private HttpRequest(Builder b) {
        this.method = b.method;
        this.target = b.target;
        this.headers = b.headers.build();
        this.body = b.body;
        this.timeout = b.timeout;
        this.endpoint = b.endpoint;
    }

    /** A GET of {@code pathAndQuery} ({@code /api/v3/time}, {@code /api/v3/order?symbol=...}). */
    public static Builder get(String pathAndQuery) {
        return builder(HttpMethod.GET, pathAndQuery);
    }

    /** A POST of {@code pathAndQuery}. */
    public static Builder post(String pathAndQuery) {
        return builder(HttpMethod.POST, pathAndQuery);
    }

    /** A PUT of {@code pathAndQuery}. */
    public static Builder put(String pathAndQuery) {
        return builder(HttpMethod.PUT, pathAndQuery);
    }

    /** A DELETE of {@code pathAndQuery}. */
    public static Builder delete(String pathAndQuery) {
        return builder(HttpMethod.DELETE, pathAndQuery);
    }

    /** A request of any method; {@code pathAndQuery} must start with {@code /}. */
    public static Builder builder(HttpMethod method, String pathAndQuery) {
        return new Builder(method, pathAndQuery);
    }

    /** The method. */
    public HttpMethod method() {
        return method;
    }

    /** The path and query as sent, relative to the base URL: {@code /api/v3/order?symbol=...}. */
    public String pathAndQuery() {
        return target;
    }

    /** The path without the query; safe to log. */
    public String path() {
        int q = target.indexOf('?');
        return q < 0 ? target : target.substring(0, q);
    }

    /** The query after {@code ?}, or an empty string. */
    public String query() {
        int q = target.indexOf('?');
        return q < 0 ? "" : target.substring(q + 1);
    }

    /** The request's own headers (the client adds Host, Content-Length and its defaults). */
    public Headers headers() {
        return headers;
    }

    /** A copy of the body; empty when there is none. */
    public byte[] body() {
        return body.clone();
    }

    /** The body as UTF-8 text. */
    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    int bodyLength() {
        return body.length;
    }

    byte[] bodyUnsafe() {
        return body;
    }

    /** The response timeout for this request, overriding the client's read timeout. */
    public Optional<Duration> timeout() {
        return Optional.ofNullable(timeout);
    }

    /**
     * The bounded name telemetry reports this request under: the name given to
     * {@link Builder#endpoint(String)}, else {@code METHOD /path} (relative to the base URL, no query).
     */
    public String endpoint() {
        return endpoint != null ? endpoint : method + " " + path();
    }

    /** {@code METHOD /path}: never the query, headers or body. */
    @Override
    public String toString() {
        return method + " " + path();
    }

    /** Builds an {@link HttpRequest}; not thread-safe. */
    public static final class Builder {
        private final HttpMethod method;
        private final String target;
        private final Headers.Builder headers = Headers.builder();
        private byte[] body = new byte[0];
        private Duration timeout;
        private String endpoint;

        private Builder(HttpMethod method, String target) {
            this.method = Objects.requireNonNull(method, "method");
            Objects.requireNonNull(target, "pathAndQuery");
            if (!target.startsWith("/")) {
                throw new IllegalArgumentException("the path must start with '/'");
            }
            for (int i = 0; i < target.length(); i++) {
                char c = target.charAt(i);
                if (c <= ' ' || c >= 127) {
                    throw new IllegalArgumentException("the path and query must be percent-encoded ASCII without spaces");
                }
            }
            this.target = target;
        }

        /** Adds a header. */
        public Builder header(String name, String value) {
            headers.add(name, value);
            return this;
        }

        /** Adds every header of {@code more}. */
        public Builder headers(Headers more) {
            headers.setAll(more);
            return this;
        }

        /** A body with its content type. */
        public Builder body(byte[] content, String contentType) {
            this.body = Objects.requireNonNull(content, "content").clone();
            headers.set("Content-Type", Objects.requireNonNull(contentType, "contentType"));
            return this;
        }

        /** A UTF-8 text body with its content type. */
        public Builder body(String content, String contentType) {
            return body(Objects.requireNonNull(content, "content").getBytes(StandardCharsets.UTF_8), contentType);
        }

        /** A JSON body ({@code application/json}). */
        public Builder jsonBody(String json) {
            return body(json, "application/json");
        }

        /** A form body ({@code application/x-www-form-urlencoded}) with exactly {@code form.encoded()}. */
        public Builder formBody(QueryString form) {
            return body(form.encoded(), "application/x-www-form-urlencoded");
        }

        /** Overrides the client's read timeout for this request. */
        public Builder timeout(Duration responseTimeout) {
            Objects.requireNonNull(responseTimeout, "timeout");
            if (responseTimeout.isNegative() || responseTimeout.isZero()) {
                throw new IllegalArgumentException("timeout must be positive");
            }
            this.timeout = responseTimeout;
            return this;
        }

        /**
         * Names the request for telemetry instead of {@code METHOD /path}: required when the path carries
         * ids, so that labels stay bounded ({@code "GET /orders/{id}"}). Never put an id, a key or a query
         * into it.
         */
        public Builder endpoint(String name) {
            Objects.requireNonNull(name, "endpoint");
            if (name.isBlank()) {
                throw new IllegalArgumentException("endpoint must not be blank");
            }
            this.endpoint = name;
            return this;
        }

        public HttpRequest build() {
            return new HttpRequest(this);
        }
    }
}

package io.fixbridge.venue.kit.http;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * A complete HTTP response. Every status is a response, including 4xx and 5xx: the adapter maps
 * them (only transport failures complete a future exceptionally). Immutable and thread-safe.
 */
public final class HttpResponse {
    private final int status;
    private final Headers headers;
    private final byte[] body;

    /** A response; {@code body} is taken as is (not copied). */
    public HttpResponse(int status, Headers headers, byte[] body) {
        this.status = status;
        this.headers = Objects.requireNonNull(headers, "headers");
        this.body = Objects.requireNonNull(body, "body");
    }

    /** The status code, e.g. 200, 400, 429. */
    public int status() {
        return status;
    }

    /** Whether the status is 2xx. */
    public boolean isSuccess() {
        return status >= 200 && status < 300;
    }

    /** The response headers; look-up ignores case. */
    public Headers headers() {
        return headers;
    }

    /** A copy of the body bytes. */
    public byte[] body() {
        return body.clone();
    }

    /** The body decoded as UTF-8. */
    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /** The body length in bytes. */
    public int bodyLength() {
        return body.length;
    }

    @Override
    public String toString() {
        return "HttpResponse[status=" + status + ", " + body.length + " bytes]";
    }
}

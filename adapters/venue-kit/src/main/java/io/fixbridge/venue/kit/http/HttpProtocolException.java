package io.fixbridge.venue.kit.http;

/**
 * A response arrived but could not be read: malformed HTTP or larger than the configured maximum.
 * The request was sent, so {@link #sentRequest()} is always true.
 */
public final class HttpProtocolException extends HttpTransportException {
    private static final long serialVersionUID = 1L;

    /** For the kit and for tests; {@code problem} must not contain secrets. */
    public HttpProtocolException(String method, String path, String hostAndPort, String problem, Throwable cause) {
        super(method, path, hostAndPort, true, problem, cause);
    }
}

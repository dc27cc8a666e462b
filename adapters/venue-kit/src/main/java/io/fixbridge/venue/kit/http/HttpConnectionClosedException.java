package io.fixbridge.venue.kit.http;

/**
 * The connection closed or was reset before a complete response arrived. {@link #sentRequest()}
 * is false only when writing the request failed (the server cannot act on a partial request).
 */
public final class HttpConnectionClosedException extends HttpTransportException {
    private static final long serialVersionUID = 1L;

    /** For the kit and for tests; {@code problem} must not contain secrets. */
    public HttpConnectionClosedException(String method, String path, String hostAndPort, boolean sentRequest, String problem, Throwable cause) {
        super(method, path, hostAndPort, sentRequest, problem, cause);
    }
}

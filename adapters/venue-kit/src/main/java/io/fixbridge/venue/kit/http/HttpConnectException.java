package io.fixbridge.venue.kit.http;

/**
 * No connection was made, so the request was never sent: connection refused, connect timeout,
 * unknown host, TLS handshake failure, no free pooled connection in time, or the client is closed.
 * {@link #sentRequest()} is always false; an adapter maps it to RETRYABLE.
 */
public final class HttpConnectException extends HttpTransportException {
    private static final long serialVersionUID = 1L;

    /** For the kit and for tests; {@code problem} must not contain secrets. */
    public HttpConnectException(String method, String path, String hostAndPort, String problem, Throwable cause) {
        super(method, path, hostAndPort, false, problem, cause);
    }
}

package io.fixbridge.venue.kit.http;

/**
 * No complete response arrived within the read timeout. {@link #sentRequest()} is true when the
 * request had been completely written (the usual case: an adapter maps it to OUTCOME_UNKNOWN), false
 * when even writing it did not finish in time (the connection is then closed, so the partial
 * request cannot be acted on).
 */
public final class HttpTimeoutException extends HttpTransportException {
    private static final long serialVersionUID = 1L;

    /** For the kit and for tests; {@code problem} must not contain secrets. */
    public HttpTimeoutException(String method, String path, String hostAndPort, boolean sentRequest, String problem, Throwable cause) {
        super(method, path, hostAndPort, sentRequest, problem, cause);
    }
}

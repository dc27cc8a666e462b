package io.fixbridge.venue.kit.http;

import java.util.Objects;

/**
 * The request got no complete HTTP response. A future from {@link HttpClient#send} fails with one
 * of exactly four subtypes, and {@link #sentRequest()} says what an adapter may conclude:
 *
 * <table>
 *   <caption>transport failures and what they mean for an order</caption>
 *   <tr><th>type</th><th>{@code sentRequest()}</th><th>meaning</th><th>adapter maps to</th></tr>
 *   <tr><td>{@link HttpConnectException}</td><td>always false</td><td>no connection (refused,
 *       connect timeout, DNS, TLS handshake, no free pooled connection, client closed): the request
 *       never left</td><td>RETRYABLE</td></tr>
 *   <tr><td>{@link HttpTimeoutException}</td><td>usually true</td><td>no response within the read
 *       timeout after the request was written</td><td>OUTCOME_UNKNOWN</td></tr>
 *   <tr><td>{@link HttpConnectionClosedException}</td><td>true or false</td><td>the connection
 *       closed or reset; false only when writing the request itself failed</td><td>by
 *       {@code sentRequest()}</td></tr>
 *   <tr><td>{@link HttpProtocolException}</td><td>true</td><td>a response came but was malformed
 *       or too large</td><td>OUTCOME_UNKNOWN</td></tr>
 * </table>
 *
 * <p>The rule that always holds: {@code sentRequest() == false} means the venue cannot have acted
 * on the request, so resending is safe; {@code true} means it may have, so settle by a status query.
 *
 * <p>Messages name the method, host and path but never the query string, headers or body (they
 * carry keys and signatures).
 */
public abstract sealed class HttpTransportException extends RuntimeException
        permits HttpConnectException, HttpTimeoutException, HttpConnectionClosedException, HttpProtocolException {
    private static final long serialVersionUID = 1L;

    private final String method;
    private final String path;
    private final String hostAndPort;
    private final boolean sentRequest;

    HttpTransportException(String method, String path, String hostAndPort, boolean sentRequest, String problem, Throwable cause) {
        super(method + " " + path + " to " + hostAndPort + ": " + problem
                + (sentRequest ? " (request sent; outcome unknown)" : " (request not sent)"), cause);
        this.method = Objects.requireNonNull(method, "method");
        this.path = Objects.requireNonNull(path, "path");
        this.hostAndPort = Objects.requireNonNull(hostAndPort, "hostAndPort");
        this.sentRequest = sentRequest;
    }

    /**
     * Whether the request may have reached the server: true once it was completely written to
     * the socket. When false, the venue cannot have acted on it.
     */
    public boolean sentRequest() {
        return sentRequest;
    }

    /** The request method. */
    public String method() {
        return method;
    }

    /** The request path, without the query. */
    public String path() {
        return path;
    }

    /**
     * The transport failure behind {@code failure}, looking through {@link java.util.concurrent.CompletionException}
     * and {@link java.util.concurrent.ExecutionException} wrappers; empty when it is something else.
     */
    public static java.util.Optional<HttpTransportException> find(Throwable failure) {
        Throwable t = failure;
        for (int depth = 0; t != null && depth < 8; depth++) {
            if (t instanceof HttpTransportException h) {
                return java.util.Optional.of(h);
            }
            if (!(t instanceof java.util.concurrent.CompletionException) && !(t instanceof java.util.concurrent.ExecutionException)) {
                return java.util.Optional.empty();
            }
            t = t.getCause();
        }
        return java.util.Optional.empty();
    }

    /** The server, {@code host:port}. */
    public String hostAndPort() {
        return hostAndPort;
    }
}

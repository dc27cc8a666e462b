package io.fixbridge.venue;

import java.time.Duration;

/**
 * What an adapter tells the gateway about its connection to the venue, for metrics and health.
 * The gateway gives one to {@link VenueAdapterFactory#create(VenueSettings, VenueTelemetry)}.
 *
 * <h2>Labels stay bounded</h2>
 * Every string argument becomes a metric label, so it must come from a small fixed set: an
 * endpoint is a method and path template ({@code "POST /api/v3/order"}), never a URL with ids or
 * a query; a stream is a kind and a configured account ({@code "user:main"}); a limit is the
 * venue's limit name ({@code "REQUEST_WEIGHT:1m"}). Never a client order id, a symbol list, a
 * key or free text.
 *
 * <h2>Threading and errors</h2>
 * Called from adapter threads (Netty event loops included): implementations must be thread-safe,
 * must not block and must not throw. An adapter never lets a telemetry failure change what it does.
 */
public interface VenueTelemetry {

    /** Telemetry that records nothing (tests, tools). */
    VenueTelemetry NONE = new VenueTelemetry() {
        @Override
        public void orderRequestSent(String clientOrderId) {
        }

        @Override
        public void request(String endpoint, int status, Duration latency) {
        }

        @Override
        public void streamState(String stream, boolean connected) {
        }

        @Override
        public void rateLimitUse(String limit, long used, long capacity) {
        }
    };

    /**
     * A request that places or changes the order with venue client order id
     * {@code clientOrderId} ({@link OrderRequest#clientOrderId()}, or the new id of a replace) is
     * handed to the socket now: after rate limiting and signing, just before it is written.
     */
    void orderRequestSent(String clientOrderId);

    /**
     * A REST call (or a request/response over a WebSocket API) has its answer, or failed.
     *
     * @param endpoint a bounded name: method and path template, e.g. {@code "POST /api/v3/order"}
     * @param status   the HTTP status, 101 for a WebSocket API answer, or 0 when no answer came
     *                 (timeout, connection lost)
     * @param latency  from the request being written to its answer (or failure)
     */
    void request(String endpoint, int status, Duration latency);

    /**
     * A stream (WebSocket) is now connected (and, where the venue wants it, authenticated and
     * subscribed) or disconnected. A venue is up while every stream it reported is connected;
     * a reconnect is a disconnected followed by a connected.
     *
     * @param stream a bounded name, e.g. {@code "user:main"} or {@code "ws-api:main"}
     */
    void streamState(String stream, boolean connected);

    /**
     * How much of a rate limit is used now, as the adapter's limiter or the venue's headers tell.
     *
     * @param limit    a bounded name, e.g. {@code "REQUEST_WEIGHT:1m"} or {@code "orders:10s"}
     * @param used     units used in the current window
     * @param capacity units the window allows
     */
    void rateLimitUse(String limit, long used, long capacity);
}

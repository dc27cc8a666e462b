package io.fixbridge.sims.binance;

import io.fixbridge.sims.common.FaultSwitches;
import java.time.Duration;
import java.util.Objects;

/**
 * Fault switches a test flips while the simulator runs. Every switch takes effect for the next
 * request that reaches the simulator; nothing already answered changes.
 *
 * <ul>
 *   <li>{@link #latency(Duration)}: every HTTP request and WebSocket API request is delayed this
 *       long before it is processed (the event loop is not blocked; the work is scheduled).</li>
 *   <li>{@link #failNextRequests(int, int)}: the next {@code n} HTTP requests are answered with a
 *       5xx and Binance's {@code {"code":-1001,"msg":"Internal error; unable to process your
 *       request. Please try again."}} without being processed.</li>
 *   <li>{@link #maintenance(boolean)}: ping, time and exchangeInfo still answer (spot symbols show
 *       status {@code BREAK}); spot order entry answers -2010 and spot cancels -2011
 *       {@code "Rest API trading is not enabled."}; futures order entry, modify and cancel answer
 *       HTTP 503 -1016 {@code "This service is no longer available."}. Queries keep working.</li>
 *   <li>{@link #loseNextOrderResponses(int)}: the next {@code n} order-placing requests
 *       ({@code POST /api/v3/order}, {@code /api/v3/order/cancelReplace},
 *       {@code /api/v3/orderList/oco}, {@code /fapi/v1/order}, {@code /fapi/v1/algoOrder}) that
 *       succeed are executed in full (the order exists, user-data events are sent) but the
 *       connection is closed without an HTTP response. A refused request is answered normally
 *       and does not use up the fault.</li>
 *   <li>{@link #dropUserDataStreams()}: every user-data WebSocket (WebSocket API sessions and
 *       listen-key streams) is closed at once, without a close frame, like a network drop.
 *       Clients may reconnect and subscribe again.</li>
 *   <li>{@link #dropMarketStreams()}: every public market stream connection (spot {@code /ws},
 *       {@code /stream}; futures {@code /public}, {@code /market}) is closed at once by the server.
 *       Clients may reconnect and subscribe again.</li>
 * </ul>
 *
 * <p><b>Threading:</b> thread-safe; switches are atomics read by the Netty event loops.
 */
public final class Faults extends FaultSwitches {
    private final Runnable dropStreams;
    private final Runnable dropMarketStreams;

    Faults(Runnable dropStreams, Runnable dropMarketStreams) {
        super(503);
        this.dropStreams = Objects.requireNonNull(dropStreams, "dropStreams");
        this.dropMarketStreams = Objects.requireNonNull(dropMarketStreams, "dropMarketStreams");
    }

    /** Closes every user-data WebSocket now. */
    public void dropUserDataStreams() {
        dropStreams.run();
    }

    /** Closes every public market stream connection now. */
    public void dropMarketStreams() {
        dropMarketStreams.run();
    }
}

package io.fixbridge.sims.binance;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

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
 * </ul>
 *
 * <p><b>Threading:</b> thread-safe; switches are atomics read by the Netty event loops.
 */
public final class Faults {
    private final AtomicReference<Duration> latency = new AtomicReference<>(Duration.ZERO);
    private final AtomicInteger failuresLeft = new AtomicInteger();
    private volatile int failureStatus = 503;
    private volatile boolean maintenance;
    private final AtomicInteger lostResponsesLeft = new AtomicInteger();
    private final Runnable dropStreams;

    Faults(Runnable dropStreams) {
        this.dropStreams = Objects.requireNonNull(dropStreams, "dropStreams");
    }

    /** Delays every request by {@code delay}; {@link Duration#ZERO} turns it off. */
    public void latency(Duration delay) {
        if (delay.isNegative()) {
            throw new IllegalArgumentException("latency must not be negative");
        }
        latency.set(delay);
    }

    public Duration latency() {
        return latency.get();
    }

    /** Answers the next {@code n} HTTP requests with HTTP 503 and -1001. */
    public void failNextRequests(int n) {
        failNextRequests(n, 503);
    }

    /** Answers the next {@code n} HTTP requests with {@code httpStatus} (500..599) and -1001. */
    public void failNextRequests(int n, int httpStatus) {
        if (httpStatus < 500 || httpStatus > 599) {
            throw new IllegalArgumentException("a server failure needs a 5xx status, got " + httpStatus);
        }
        failureStatus = httpStatus;
        failuresLeft.set(Math.max(0, n));
    }

    /** Turns maintenance mode on or off. */
    public void maintenance(boolean on) {
        maintenance = on;
    }

    public boolean maintenance() {
        return maintenance;
    }

    /** Executes the next order-placing request but never answers it (closes the connection). */
    public void loseNextOrderResponse() {
        loseNextOrderResponses(1);
    }

    /** Executes the next {@code n} order-placing requests but never answers them. */
    public void loseNextOrderResponses(int n) {
        lostResponsesLeft.set(Math.max(0, n));
    }

    /** Closes every user-data WebSocket now. */
    public void dropUserDataStreams() {
        dropStreams.run();
    }

    /** Turns every switch off. */
    public void reset() {
        latency.set(Duration.ZERO);
        failuresLeft.set(0);
        maintenance = false;
        lostResponsesLeft.set(0);
    }

    /** The 5xx status to answer this request with, or 0 when it is not to fail. */
    int takeFailure() {
        return decrementIfPositive(failuresLeft) ? failureStatus : 0;
    }

    /** Whether this order-placing request's response is to be lost. */
    boolean takeLostResponse() {
        return decrementIfPositive(lostResponsesLeft);
    }

    /** Gives back a lost-response fault taken by a request that placed nothing (it was refused). */
    void restoreLostResponse() {
        lostResponsesLeft.incrementAndGet();
    }

    private static boolean decrementIfPositive(AtomicInteger counter) {
        while (true) {
            int n = counter.get();
            if (n <= 0) {
                return false;
            }
            if (counter.compareAndSet(n, n - 1)) {
                return true;
            }
        }
    }
}

package io.fixbridge.sims.hyperliquid;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Fault switches a test flips while the simulator runs; each takes effect for the next request.
 *
 * <ul>
 *   <li>{@link #latency(Duration)}: every HTTP request is delayed this long before it is processed
 *       (scheduled, never blocking an event loop).</li>
 *   <li>{@link #failNextRequests(int)} / {@link #failNextRequests(int, int)}: the next {@code n}
 *       HTTP requests ({@code /info} or {@code /exchange}) are answered HTTP 500 (or the given 5xx)
 *       with a small HTML page, unprocessed.</li>
 *   <li>{@link #maintenance(boolean)}: {@code /exchange} answers HTTP 503 with an HTML page,
 *       unprocessed; {@code /info} and the WebSocket keep working.</li>
 *   <li>{@link #loseNextOrderResponse()}: the next {@code order}, {@code modify} or
 *       {@code batchModify} action answered {@code "status":"ok"} is executed in full (orders
 *       exist, stream messages are sent) but its connection is closed without an HTTP response. A
 *       request answered with an error keeps the fault armed.</li>
 *   <li>{@link #dropStreams()}: closes every WebSocket connection at once, without a close frame.</li>
 * </ul>
 *
 * <p><b>Threading:</b> thread-safe; switches are atomics read by the Netty event loops.
 */
public final class Faults {
    private final Runnable dropStreams;
    private final AtomicReference<Duration> latency = new AtomicReference<>(Duration.ZERO);
    private final AtomicInteger failuresLeft = new AtomicInteger();
    private volatile int failureStatus = 500;
    private volatile boolean maintenance;
    private final AtomicInteger lostResponsesLeft = new AtomicInteger();

    Faults(Runnable dropStreams) {
        this.dropStreams = Objects.requireNonNull(dropStreams, "dropStreams");
    }

    /** Delays every HTTP request by {@code delay}; {@link Duration#ZERO} turns it off. */
    public void latency(Duration delay) {
        if (delay.isNegative()) {
            throw new IllegalArgumentException("latency must not be negative");
        }
        latency.set(delay);
    }

    public Duration latency() {
        return latency.get();
    }

    /** Answers the next {@code n} HTTP requests with HTTP 500, unprocessed. */
    public void failNextRequests(int n) {
        failNextRequests(n, 500);
    }

    /** Answers the next {@code n} HTTP requests with {@code httpStatus} (500..599), unprocessed. */
    public void failNextRequests(int n, int httpStatus) {
        if (httpStatus < 500 || httpStatus > 599) {
            throw new IllegalArgumentException("a server failure needs a 5xx status, got " + httpStatus);
        }
        failureStatus = httpStatus;
        failuresLeft.set(Math.max(0, n));
    }

    /** Turns maintenance (exchange answers HTTP 503) on or off. */
    public void maintenance(boolean on) {
        maintenance = on;
    }

    public boolean maintenance() {
        return maintenance;
    }

    /** Executes the next successful order/modify/batchModify action but never answers it. */
    public void loseNextOrderResponse() {
        loseNextOrderResponses(1);
    }

    /** Executes the next {@code n} successful order/modify/batchModify actions but never answers them. */
    public void loseNextOrderResponses(int n) {
        lostResponsesLeft.set(Math.max(0, n));
    }

    /** Closes every WebSocket connection now. */
    public void dropStreams() {
        dropStreams.run();
    }

    /** Turns every switch off. */
    public void reset() {
        latency.set(Duration.ZERO);
        failuresLeft.set(0);
        failureStatus = 500;
        maintenance = false;
        lostResponsesLeft.set(0);
    }

    /** The 5xx status to fail this request with, or -1. */
    int takeFailure() {
        return decrementIfPositive(failuresLeft) ? failureStatus : -1;
    }

    boolean takeLostResponse() {
        return decrementIfPositive(lostResponsesLeft);
    }

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

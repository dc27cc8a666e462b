package io.fixbridge.sims.common;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The fault switches every simulator has; each venue's {@code Faults} extends it with its own
 * (stream drops, IP bans) and documents what each switch looks like on that venue's wire. Every
 * switch takes effect for the next request that reaches the simulator; nothing already answered
 * changes.
 *
 * <p><b>Threading:</b> thread-safe; switches are atomics set by tests and read by the Netty event
 * loops. The {@code take...} methods are for the simulator's own request handling.
 */
public abstract class FaultSwitches {
    /** What {@link #takeFailure()} answers when the request is not to fail. */
    public static final int NO_FAILURE = -1;

    private final int defaultFailureStatus;
    private final AtomicReference<Duration> latency = new AtomicReference<>(Duration.ZERO);
    private final AtomicInteger failuresLeft = new AtomicInteger();
    private volatile int failureStatus;
    private volatile boolean maintenance;
    private final AtomicInteger lostResponsesLeft = new AtomicInteger();

    /**
     * @param defaultFailureStatus the HTTP status {@link #failNextRequests(int)} fails with: the
     *                             venue's own way of saying "server error" (200 where the venue
     *                             says it in the body)
     */
    protected FaultSwitches(int defaultFailureStatus) {
        this.defaultFailureStatus = defaultFailureStatus;
        this.failureStatus = defaultFailureStatus;
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

    /** Answers the next {@code n} requests as the venue answers a server error, unprocessed. */
    public void failNextRequests(int n) {
        failureStatus = defaultFailureStatus;
        failuresLeft.set(Math.max(0, n));
    }

    /** Answers the next {@code n} requests with {@code httpStatus} (500..599), unprocessed. */
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

    /** Turns every switch off. */
    public void reset() {
        latency.set(Duration.ZERO);
        failuresLeft.set(0);
        failureStatus = defaultFailureStatus;
        maintenance = false;
        lostResponsesLeft.set(0);
        resetVenueSwitches();
    }

    /** Turns the venue's own switches off; called by {@link #reset()}. */
    protected void resetVenueSwitches() {
    }

    /** The HTTP status to fail this request with, or {@link #NO_FAILURE}. */
    public int takeFailure() {
        return decrementIfPositive(failuresLeft) ? failureStatus : NO_FAILURE;
    }

    /** Whether this order-placing request's response is to be lost. */
    public boolean takeLostResponse() {
        return decrementIfPositive(lostResponsesLeft);
    }

    /** Gives back a lost-response fault taken by a request that placed nothing (it was refused). */
    public void restoreLostResponse() {
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

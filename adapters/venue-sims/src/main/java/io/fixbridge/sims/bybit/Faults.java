package io.fixbridge.sims.bybit;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Fault switches a test flips while the simulator runs. Every switch takes effect for the next
 * request that reaches the simulator; nothing already answered changes.
 *
 * <ul>
 *   <li>{@link #latency(Duration)}: every REST request and every private WebSocket message is
 *       delayed this long before it is processed (scheduled, never blocking an event loop).</li>
 *   <li>{@link #failNextRequests(int)}: the next {@code n} REST requests are answered HTTP 200
 *       {@code {"retCode":10016,"retMsg":"Server error.",...}} without being processed;
 *       {@link #failNextRequests(int, int)} answers them with an HTTP 5xx and a small HTML page
 *       instead, like a gateway in front of Bybit.</li>
 *   <li>{@link #maintenance(boolean)}: order create, amend, cancel, cancel-all and
 *       switch-mode answer retCode 10016 {@code "Server error."} without being processed; market
 *       data, queries and the private WebSocket keep working.</li>
 *   <li>{@link #loseNextOrderResponses(int)}: the next {@code n} {@code /v5/order/create}
 *       requests that succeed are executed in full (the order exists, stream events are sent)
 *       but the connection is closed without an HTTP response. A refused request is answered
 *       normally and keeps the fault armed.</li>
 *   <li>{@link #dropPrivateStreams()}: every private WebSocket connection is closed at once,
 *       without a close frame, like a network drop; clients may reconnect, auth and subscribe.</li>
 *   <li>{@link #ipBan(Duration)}: for that long (by the simulator's clock) every HTTP request and
 *       WebSocket handshake is answered HTTP 403 with an HTML "access denied" page, as Bybit's
 *       edge answers a banned IP.</li>
 * </ul>
 *
 * <p><b>Threading:</b> thread-safe; switches are atomics read by the Netty event loops.
 */
public final class Faults {
    private final Clock clock;
    private final Runnable dropStreams;
    private final AtomicReference<Duration> latency = new AtomicReference<>(Duration.ZERO);
    private final AtomicInteger failuresLeft = new AtomicInteger();
    private volatile int failureStatus = 200;
    private volatile boolean maintenance;
    private final AtomicInteger lostResponsesLeft = new AtomicInteger();
    private volatile long bannedUntil;

    Faults(Clock clock, Runnable dropStreams) {
        this.clock = Objects.requireNonNull(clock, "clock");
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

    /** Answers the next {@code n} REST requests with retCode 10016 "Server error." (HTTP 200), unprocessed. */
    public void failNextRequests(int n) {
        failureStatus = 200;
        failuresLeft.set(Math.max(0, n));
    }

    /** Answers the next {@code n} REST requests with {@code httpStatus} (500..599) and an HTML page, unprocessed. */
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

    /** Executes the next successful order create but never answers it (closes the connection). */
    public void loseNextOrderResponse() {
        loseNextOrderResponses(1);
    }

    /** Executes the next {@code n} successful order creates but never answers them. */
    public void loseNextOrderResponses(int n) {
        lostResponsesLeft.set(Math.max(0, n));
    }

    /** Closes every private WebSocket connection now. */
    public void dropPrivateStreams() {
        dropStreams.run();
    }

    /** Answers every HTTP request and WebSocket handshake with HTTP 403 for {@code duration}; zero lifts it. */
    public void ipBan(Duration duration) {
        if (duration.isNegative()) {
            throw new IllegalArgumentException("a ban must not be negative");
        }
        bannedUntil = duration.isZero() ? 0 : clock.millis() + duration.toMillis();
    }

    /** Whether the IP is banned now. */
    public boolean ipBanned() {
        return bannedUntil > clock.millis();
    }

    /** Turns every switch off (and lifts an IP ban). */
    public void reset() {
        latency.set(Duration.ZERO);
        failuresLeft.set(0);
        maintenance = false;
        lostResponsesLeft.set(0);
        bannedUntil = 0;
    }

    /** The status to fail this request with (200: retCode 10016), or -1 when it is not to fail. */
    int takeFailure() {
        return decrementIfPositive(failuresLeft) ? failureStatus : -1;
    }

    boolean takeLostResponse() {
        return decrementIfPositive(lostResponsesLeft);
    }

    /** Gives back a lost-response fault taken by a request that created nothing. */
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

package io.fixbridge.sims.bybit;

import io.fixbridge.sims.common.FaultSwitches;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

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
 *   <li>{@link #dropPublicStreams()}: likewise every public WebSocket connection.</li>
 *   <li>{@link #ipBan(Duration)}: for that long (by the simulator's clock) every HTTP request and
 *       WebSocket handshake is answered HTTP 403 with an HTML "access denied" page, as Bybit's
 *       edge answers a banned IP.</li>
 * </ul>
 *
 * <p><b>Threading:</b> thread-safe; switches are atomics read by the Netty event loops.
 */
public final class Faults extends FaultSwitches {
    private final Clock clock;
    private final Runnable dropStreams;
    private final Runnable dropPublic;
    private volatile long bannedUntil;

    Faults(Clock clock, Runnable dropStreams, Runnable dropPublic) {
        super(200);
        this.clock = Objects.requireNonNull(clock, "clock");
        this.dropStreams = Objects.requireNonNull(dropStreams, "dropStreams");
        this.dropPublic = Objects.requireNonNull(dropPublic, "dropPublic");
    }

    /** Closes every public WebSocket connection now (orderbook and publicTrade subscribers). */
    public void dropPublicStreams() {
        dropPublic.run();
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

    @Override
    protected void resetVenueSwitches() {
        bannedUntil = 0;
    }
}

package io.fixbridge.sims.hyperliquid;

import io.fixbridge.sims.common.FaultSwitches;
import java.time.Duration;
import java.util.Objects;

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
public final class Faults extends FaultSwitches {
    private final Runnable dropStreams;

    Faults(Runnable dropStreams) {
        super(500);
        this.dropStreams = Objects.requireNonNull(dropStreams, "dropStreams");
    }

    /** Closes every WebSocket connection now. */
    public void dropStreams() {
        dropStreams.run();
    }
}

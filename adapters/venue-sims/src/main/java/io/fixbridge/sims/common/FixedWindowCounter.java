package io.fixbridge.sims.common;

import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

/**
 * Counts requests per key in fixed windows aligned to the clock (a one-second window runs from
 * a whole second to the next), the way the simulators approximate a venue's per-key limits. A
 * request over the limit is not counted, so a client that backs off until the window ends gets
 * its full allowance again.
 *
 * <p><b>Threading:</b> thread-safe; every method is synchronized and cheap, for the event loops.
 */
public final class FixedWindowCounter {
    private final Clock clock;
    private final long windowMillis;
    private final Map<Object, Window> windows = new HashMap<>();

    /**
     * The answer for one request.
     *
     * @param allowed   whether it is within the limit (and was counted)
     * @param limit     the limit of the window
     * @param remaining what is left in the window after this request; zero when refused
     * @param windowEnd epoch milliseconds at which the window ends and the count starts again
     * @param now       the clock's time of the request
     */
    public record Decision(boolean allowed, int limit, int remaining, long windowEnd, long now) {
    }

    public FixedWindowCounter(Clock clock, long windowMillis) {
        if (windowMillis <= 0) {
            throw new IllegalArgumentException("the window must be positive");
        }
        this.clock = clock;
        this.windowMillis = windowMillis;
    }

    /** Counts one request for {@code key} against {@code limit}, unless that would exceed it. */
    public synchronized Decision acquire(Object key, int limit) {
        long now = clock.millis();
        Window w = window(key, now);
        if (w.count >= limit) {
            return new Decision(false, limit, 0, w.start + windowMillis, now);
        }
        w.count++;
        return new Decision(true, limit, limit - w.count, w.start + windowMillis, now);
    }

    /** Forgets every count. */
    public synchronized void clear() {
        windows.clear();
    }

    private Window window(Object key, long now) {
        long start = now - Math.floorMod(now, windowMillis);
        Window w = windows.computeIfAbsent(key, k -> new Window());
        if (w.start != start) {
            w.start = start;
            w.count = 0;
        }
        return w;
    }

    private static final class Window {
        long start = Long.MIN_VALUE;
        int count;
    }
}

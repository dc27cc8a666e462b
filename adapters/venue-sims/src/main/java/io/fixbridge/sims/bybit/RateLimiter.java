package io.fixbridge.sims.bybit;

import io.fixbridge.sims.common.FixedWindowCounter;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Bybit's per-UID API rate limits: one counter per account, endpoint and category in one-second
 * windows. Every answer of a limited endpoint to an authenticated account carries
 * {@code X-Bapi-Limit-Status} (what is left), {@code X-Bapi-Limit} (the limit) and
 * {@code X-Bapi-Limit-Reset-Timestamp} (the current time, or, once the limit is exceeded, when the
 * window ends). Over the limit the request is answered retCode 10006 {@code "Too many visits!"}
 * (HTTP 200) with status 0 and is not processed.
 *
 * <p><b>Threading:</b> thread-safe (the counter is synchronized); runs on the event loops.
 */
final class RateLimiter {
    private final RateLimits limits;
    private final FixedWindowCounter counter;

    private record Key(String account, String path, String category) {
    }

    RateLimiter(RateLimits limits, Clock clock) {
        this.limits = limits;
        this.counter = new FixedWindowCounter(clock, 1000);
    }

    /** Counts one request; answers its headers, or throws 10006 (with the headers attached by the caller). */
    Map<String, String> acquire(String account, Endpoint endpoint, String category) {
        int limit = endpoint.limit().perSecond(limits, category);
        if (limit <= 0) {
            return Map.of();
        }
        FixedWindowCounter.Decision d = counter.acquire(new Key(account, endpoint.path(), category), limit);
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("X-Bapi-Limit-Status", Integer.toString(d.remaining()));
        headers.put("X-Bapi-Limit", Integer.toString(d.limit()));
        headers.put("X-Bapi-Limit-Reset-Timestamp", Long.toString(d.allowed() ? d.now() : d.windowEnd()));
        if (!d.allowed()) {
            throw new Limited(headers);
        }
        return headers;
    }

    void reset() {
        counter.clear();
    }

    /** Thrown when a request is over its limit; carries the headers of the answer. */
    static final class Limited extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final transient Map<String, String> headers;

        Limited(Map<String, String> headers) {
            super("Too many visits!", null, false, false);
            this.headers = Map.copyOf(headers);
        }

        Map<String, String> headers() {
            return headers;
        }
    }
}

package io.fixbridge.venue.kit.ratelimit;

import io.fixbridge.venue.VenueError;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * A request did not get its permits within the policy's {@code maxWait}, or the limiter is paused
 * by the venue (429/418) for longer than that. Nothing was sent. Whether the adapter reports it
 * RETRYABLE (typical; see {@link #toRetryableError()}) or REJECTED is the adapter's decision.
 *
 * <p>The message reads like {@code rate limit REQUEST_WEIGHT 6000/1m would be exceeded; waited 0 ms
 * (max 200 ms); retry after 12 s}.
 */
public final class RateLimitExceededException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String limit;
    private final Duration waited;
    private final transient Duration retryAfter;

    /**
     * @param limit      the binding limit's name, or null when the limiter is paused
     * @param message    the complete text
     * @param waited     how long the request waited before failing
     * @param retryAfter when a retry could succeed, or null when it never can (cost above capacity)
     */
    public RateLimitExceededException(String limit, String message, Duration waited, Duration retryAfter) {
        super(message);
        this.limit = limit;
        this.waited = Objects.requireNonNull(waited, "waited");
        this.retryAfter = retryAfter;
    }

    /** The limit that would be exceeded; empty when the limiter is paused by the venue. */
    public Optional<String> limit() {
        return Optional.ofNullable(limit);
    }

    /** Whether the venue paused all requests (429/418 Retry-After). */
    public boolean paused() {
        return limit == null;
    }

    /** How long the request waited before failing (0 when refused at once). */
    public Duration waited() {
        return waited;
    }

    /** When a retry could succeed; empty when the cost exceeds the limit's capacity. */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    /** RETRYABLE with this message and retry delay (no venue code). */
    public VenueError toRetryableError() {
        return VenueError.retryable(null, getMessage(), retryAfter);
    }
}

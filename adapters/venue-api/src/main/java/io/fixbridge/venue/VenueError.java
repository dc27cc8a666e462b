package io.fixbridge.venue;

import java.time.Duration;
import java.util.Objects;

/**
 * What went wrong with a venue request, reduced to exactly one of three outcomes. Each adapter
 * maps its venue's error codes to these in one place.
 *
 * @param outcome    rejected, retryable or outcome-unknown
 * @param reason     why it was rejected; non-null exactly when the outcome is REJECTED
 * @param code       the venue's own error code, or null
 * @param message    the venue's text (or the adapter's), for a person; never holds a secret
 * @param retryAfter how long to wait before retrying, for RETRYABLE; else null
 */
public record VenueError(Outcome outcome, RejectReason reason, String code, String message, Duration retryAfter) {

    /** The three things a venue error can mean for an order. */
    public enum Outcome {
        /** Definitive: the venue refused; nothing was placed or changed. */
        REJECTED,
        /** Definitive: nothing was placed or changed, and the same request may be sent again later. */
        RETRYABLE,
        /** Nobody knows whether the request took effect: settle by a status query, never by resending. */
        OUTCOME_UNKNOWN
    }

    public VenueError {
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(message, "message");
        if ((outcome == Outcome.REJECTED) != (reason != null)) {
            throw new IllegalArgumentException("a reason is given exactly for rejects");
        }
    }

    public static VenueError rejected(RejectReason reason, String code, String message) {
        return new VenueError(Outcome.REJECTED, reason, code, message, null);
    }

    public static VenueError retryable(String code, String message, Duration retryAfter) {
        return new VenueError(Outcome.RETRYABLE, null, code, message, retryAfter);
    }

    public static VenueError outcomeUnknown(String code, String message) {
        return new VenueError(Outcome.OUTCOME_UNKNOWN, null, code, message, null);
    }
}

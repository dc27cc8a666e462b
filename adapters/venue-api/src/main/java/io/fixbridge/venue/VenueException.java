package io.fixbridge.venue;

import java.util.Objects;

/**
 * Completes an adapter's future exceptionally with a classified {@link VenueError}. Any other
 * exception from an adapter is treated by the gateway as {@link VenueError.Outcome#OUTCOME_UNKNOWN}.
 */
public final class VenueException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient VenueError error;

    public VenueException(VenueError error) {
        super(describe(error));
        this.error = Objects.requireNonNull(error, "error");
    }

    public VenueException(VenueError error, Throwable cause) {
        super(describe(error), cause);
        this.error = Objects.requireNonNull(error, "error");
    }

    public VenueError error() {
        return error;
    }

    private static String describe(VenueError error) {
        String code = error.code() == null ? "" : " [" + error.code() + "]";
        return error.outcome() + code + ": " + error.message();
    }
}

package io.fixbridge.venue.kit;

import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.fixbridge.venue.RejectReason;
import io.fixbridge.venue.VenueError;
import io.fixbridge.venue.VenueException;

/**
 * Keeps an adapter's promise that every future it returns fails only with a
 * {@link VenueException}: a call made after close is refused as {@link RejectReason#VENUE_CLOSED};
 * an exception thrown by the call, or one a future fails with that is not a
 * {@link VenueException}, becomes {@link VenueError.Outcome#OUTCOME_UNKNOWN} (something unexpected
 * happened after the request may have left) and is logged at WARN with its stack trace.
 *
 * <p>One per adapter; thread-safe and stateless but for the adapter's closed flag it reads.
 */
public final class VenueCalls {
    private static final Logger LOG = LoggerFactory.getLogger(VenueCalls.class);

    private final String venue;
    private final BooleanSupplier closed;

    /**
     * @param venue  the adapter as log lines and messages name it ({@code "bybit venue main"})
     * @param closed whether the adapter is closed
     */
    public VenueCalls(String venue, BooleanSupplier closed) {
        this.venue = Objects.requireNonNull(venue, "venue");
        this.closed = Objects.requireNonNull(closed, "closed");
    }

    /** The exception under {@link CompletionException} wrappers. */
    public static Throwable unwrap(Throwable t) {
        Throwable c = t;
        while (c instanceof CompletionException && c.getCause() != null) {
            c = c.getCause();
        }
        return c;
    }

    /** Runs {@code call} unless the adapter is closed; any failure, thrown or in the future, ends as a {@link VenueException}. */
    public <T> CompletableFuture<T> guarded(String what, Supplier<CompletableFuture<T>> call) {
        if (closed.getAsBoolean()) {
            return CompletableFuture.failedFuture(closedError());
        }
        try {
            return clean(call.get(), what);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(asVenueException(e, what));
        }
    }

    /** {@code source}, its failure (if any) turned into a {@link VenueException}. */
    public <T> CompletableFuture<T> clean(CompletableFuture<T> source, String what) {
        CompletableFuture<T> out = new CompletableFuture<>();
        source.whenComplete((value, failure) -> {
            if (failure == null) {
                out.complete(value);
            } else {
                out.completeExceptionally(asVenueException(unwrap(failure), what));
            }
        });
        return out;
    }

    /** {@code t} as the adapter reports it: itself when a {@link VenueException}, else as above. */
    public VenueException asVenueException(Throwable t, String what) {
        if (t instanceof VenueException v) {
            return v;
        }
        if (t instanceof RejectedExecutionException) {
            return closedError();
        }
        LOG.warn("{}: {} failed unexpectedly", venue, what, t);
        return new VenueException(VenueError.outcomeUnknown(null, venue + ": " + what + " failed unexpectedly: "
                + t.getMessage()), t);
    }

    /** The refusal of a call made after the adapter closed. */
    public VenueException closedError() {
        return new VenueException(VenueError.rejected(RejectReason.VENUE_CLOSED, null, venue + " is closed"));
    }
}

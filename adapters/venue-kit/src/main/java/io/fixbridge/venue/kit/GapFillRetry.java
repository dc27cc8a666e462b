package io.fixbridge.venue.kit;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.IntConsumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks again after a gap-fill query failed. After a private stream reconnects, an adapter queries
 * each order the stream may have missed news of; for an open order that query is the only way a
 * fill reported while the stream was down reaches the gateway, so a failure (a timeout, a 5xx) must
 * not end it. Attempts follow a {@link Backoff} up to a limit, and stop as soon as the order no
 * longer needs them.
 *
 * <p>Thread-safe and stateless between calls; the attempt itself runs where the caller's
 * {@code again} puts it (typically its event thread). Never throws: after the adapter closed its
 * scheduler the retry is dropped with a DEBUG line, after the last attempt with an ERROR line.
 */
public final class GapFillRetry {
    private static final Logger LOG = LoggerFactory.getLogger(GapFillRetry.class);

    /** The default: from half a second, doubling, at most 30 s apart, 25 attempts (about ten minutes). */
    public static final Backoff DEFAULT_BACKOFF = Backoff.exponential(Duration.ofMillis(500), Duration.ofSeconds(30));
    public static final int DEFAULT_ATTEMPTS = 25;

    private final String venue;
    private final ScheduledExecutorService scheduler;
    private final Backoff backoff;
    private final int attempts;

    /**
     * @param venue     the venue's label in log lines ({@code "bybit venue main"})
     * @param scheduler the adapter's scheduler; the retry is scheduled on it
     * @param backoff   delays between attempts
     * @param attempts  attempts in all, the first included; at least 1
     */
    public GapFillRetry(String venue, ScheduledExecutorService scheduler, Backoff backoff, int attempts) {
        this.venue = Objects.requireNonNull(venue, "venue");
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.backoff = Objects.requireNonNull(backoff, "backoff");
        if (attempts < 1) {
            throw new IllegalArgumentException("attempts must be at least 1, was " + attempts);
        }
        this.attempts = attempts;
    }

    /** With {@link #DEFAULT_BACKOFF} and {@link #DEFAULT_ATTEMPTS}. */
    public GapFillRetry(String venue, ScheduledExecutorService scheduler) {
        this(venue, scheduler, DEFAULT_BACKOFF, DEFAULT_ATTEMPTS);
    }

    /**
     * Attempt {@code failedAttempt} (1 for the first) of the gap-fill query of {@code order} of
     * {@code account} failed with {@code why}: schedules {@code again} with the next attempt number,
     * unless that was the last attempt. {@code again} runs on the scheduler's thread: it hands the
     * query to the adapter's event thread, and checks there whether the order still needs it.
     */
    public void failed(String account, String order, int failedAttempt, String why, IntConsumer again) {
        if (failedAttempt >= attempts) {
            LOG.error("{} account {}: gap fill of order {} failed {} times, last: {}; giving up: a fill reported "
                    + "while the stream was down may stay missing until the order's next update", venue, account,
                    order, failedAttempt, why);
            return;
        }
        Duration delay = backoff.delay(failedAttempt, Math::random);
        LOG.warn("{} account {}: gap fill of order {} failed ({}); asking again in {} ms (attempt {} of {})", venue,
                account, order, why, delay.toMillis(), failedAttempt + 1, attempts);
        try {
            scheduler.schedule(() -> again.accept(failedAttempt + 1), delay.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException closed) {
            LOG.debug("{} account {}: not asking again about order {}, the adapter is closed", venue, account, order);
        }
    }
}

package io.fixbridge.venue.kit;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Runs a task once after a delay. An abstraction over {@link ScheduledExecutorService} so that
 * time-driven components (the rate limiter) can be tested with a manual scheduler and a fake clock.
 *
 * <p>Implementations must be thread-safe, must not run the task on the calling thread, and throw
 * {@link java.util.concurrent.RejectedExecutionException} once shut down.
 */
@FunctionalInterface
public interface Scheduler {

    /** Runs {@code task} once, {@code delay} from now (immediately when the delay is not positive). */
    void schedule(Runnable task, Duration delay);

    /** A scheduler backed by {@code executor}; tasks run on its threads. */
    static Scheduler of(ScheduledExecutorService executor) {
        Objects.requireNonNull(executor, "executor");
        return (task, delay) -> executor.schedule(task, Math.max(0, delay.toNanos()), TimeUnit.NANOSECONDS);
    }
}

package io.fixbridge.venue.kit;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import org.slf4j.Logger;

/**
 * One poll after another, from {@link #start} until {@link #close}: the next poll is scheduled
 * {@code interval} after the previous one finished, so a slow answer never piles requests up.
 * A failed poll (its future failed, or the supplier threw) is logged at WARN once per streak of
 * failures and at INFO when a poll succeeds again; the polling goes on at the same pace.
 *
 * <p>Threading: polls start on {@code scheduler}; their futures may complete on any thread.
 * Thread-safe. Nothing is thrown into the scheduler; a scheduler that is shut down ends the polling.
 */
public final class Poller implements AutoCloseable {
    private final String what;
    private final ScheduledExecutorService scheduler;
    private final Duration interval;
    private final Supplier<? extends CompletableFuture<?>> poll;
    private final Logger log;
    private final AtomicBoolean started = new AtomicBoolean();
    private final AtomicInteger failures = new AtomicInteger();
    private volatile boolean closed;
    private volatile ScheduledFuture<?> next;

    /**
     * @param what      what is polled, for the log, e.g. {@code binance venue main: reference prices of spot}
     * @param scheduler where polls start
     * @param interval  from the end of one poll to the start of the next
     * @param poll      starts one poll; its future completes when the poll is done
     * @param log       the owner's logger
     */
    public Poller(String what, ScheduledExecutorService scheduler, Duration interval,
                  Supplier<? extends CompletableFuture<?>> poll, Logger log) {
        this.what = Objects.requireNonNull(what, "what");
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.interval = Objects.requireNonNull(interval, "interval");
        this.poll = Objects.requireNonNull(poll, "poll");
        this.log = Objects.requireNonNull(log, "log");
    }

    /** Polls now, then every interval after each poll; later calls do nothing. Never blocks. */
    public void start() {
        if (started.compareAndSet(false, true)) {
            schedule(0);
        }
    }

    /** Stops: a poll in flight finishes and schedules nothing more. Idempotent. */
    @Override
    public void close() {
        closed = true;
        ScheduledFuture<?> task = next;
        if (task != null) {
            task.cancel(false);
        }
    }

    private void schedule(long delayMs) {
        if (closed) {
            return;
        }
        try {
            next = scheduler.schedule(this::pollOnce, delayMs, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            closed = true; // the owner's executors are shut down: it is closing
        }
    }

    private void pollOnce() {
        if (closed) {
            return;
        }
        CompletableFuture<?> running;
        try {
            running = poll.get();
        } catch (RuntimeException e) {
            running = CompletableFuture.failedFuture(e);
        }
        running.whenComplete((ok, failure) -> {
            try {
                outcome(failure);
            } finally {
                schedule(interval.toMillis());
            }
        });
    }

    private void outcome(Throwable failure) {
        if (failure == null) {
            int failed = failures.getAndSet(0);
            if (failed > 0) {
                log.info("{}: polled again after {} failed poll(s)", what, failed);
            }
            return;
        }
        if (failures.getAndIncrement() == 0 && !closed) {
            log.warn("{}: polling failed; what it keeps ages until a poll succeeds (logged once until then): {}", what,
                    VenueCalls.unwrap(failure).getMessage());
        }
    }
}

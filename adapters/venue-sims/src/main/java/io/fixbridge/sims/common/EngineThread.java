package io.fixbridge.sims.common;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The one thread that owns the matching engines, the synthetic markets and every order record.
 * Requests from the Netty event loops are handed over with {@link #call} and complete a future;
 * timers (market walk, order expiry, trigger checks) run here too. A task that throws is logged
 * and does not stop the thread or its schedules.
 *
 * <p><b>Threading:</b> thread-safe to submit to from any thread; the tasks themselves run one at a
 * time on the engine thread.
 */
public final class EngineThread implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EngineThread.class);

    private final ScheduledExecutorService executor;
    private volatile Thread thread;

    public EngineThread(String name) {
        this.executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            thread = t;
            return t;
        });
    }

    /** Runs {@code task} on the engine thread; the future completes with its result or exception. */
    public <T> CompletableFuture<T> call(Callable<T> task) {
        CompletableFuture<T> future = new CompletableFuture<>();
        try {
            executor.execute(() -> {
                try {
                    future.complete(task.call());
                } catch (Throwable e) {
                    future.completeExceptionally(e);
                }
            });
        } catch (RuntimeException rejected) {
            future.completeExceptionally(rejected);
        }
        return future;
    }

    /** Runs {@code task} on the engine thread and waits for it (never call from the engine thread or an event loop). */
    public <T> T await(Callable<T> task) {
        if (Thread.currentThread() == thread) {
            try {
                return task.call();
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
        try {
            return call(task).get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the engine thread", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException(e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("the engine thread did not answer within 30 s", e);
        }
    }

    /** Runs {@code task} every {@code periodMillis}, first after one period. */
    public ScheduledFuture<?> every(long periodMillis, Runnable task) {
        return executor.scheduleAtFixedRate(guarded(task), periodMillis, periodMillis, TimeUnit.MILLISECONDS);
    }

    private static Runnable guarded(Runnable task) {
        return () -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                LOG.error("engine-thread task failed", e);
            }
        };
    }

    @Override
    public void close() {
        executor.shutdownNow();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

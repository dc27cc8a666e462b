package io.fixbridge.venue.kit;

import io.fixbridge.venue.OrderEvent;
import io.fixbridge.venue.OrderEventListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/**
 * An adapter's event thread: a serial executor that owns the adapter's order tracker and is the only
 * place order events are handed to the gateway's listener, one at a time, in order. Everything that
 * reads or changes order state runs here. {@link #call}, {@link #run} and {@link #executor()} may be
 * used from any thread; {@link #tracker()} and {@link #emit} only on the event thread.
 */
public final class EventGate<T> {

    private static final Logger LOG = LoggerFactory.getLogger(EventGate.class);

    private final String venue;
    private final Executor executor;
    private final T tracker;
    private volatile OrderEventListener listener = e -> { };

    /**
     * @param venue          the venue's name, for log lines
     * @param serialExecutor the executor that runs one task at a time, in order (see {@link SerialExecutor})
     * @param tracker        the order state this thread owns
     */
    public EventGate(String venue, Executor serialExecutor, T tracker) {
        this.venue = Objects.requireNonNull(venue, "venue");
        this.executor = Objects.requireNonNull(serialExecutor, "serialExecutor");
        this.tracker = Objects.requireNonNull(tracker, "tracker");
    }

    /** The gateway's listener; any thread. */
    public void listener(OrderEventListener listener) {
        this.listener = Objects.requireNonNull(listener, "listener");
    }

    /** The event thread, for {@code ...Async} stages. */
    public Executor executor() {
        return executor;
    }

    /** The order state; event thread only. */
    public T tracker() {
        return tracker;
    }

    /** Runs {@code work} on the event thread. */
    public <R> CompletableFuture<R> call(Supplier<R> work) {
        return CompletableFuture.supplyAsync(work, executor);
    }

    /** Runs {@code work} on the event thread, later. */
    public void run(Runnable work) {
        executor.execute(work);
    }

    /** Hands events to the listener; event thread only. A listener that throws is logged, never propagated. */
    public void emit(List<OrderEvent> events) {
        OrderEventListener l = listener;
        for (OrderEvent e : events) {
            try {
                l.onEvent(e);
            } catch (RuntimeException ex) {
                LOG.error("venue {}: the order event listener threw on {} of {}", venue,
                        e.getClass().getSimpleName(), e.clientOrderId(), ex);
            }
        }
    }
}

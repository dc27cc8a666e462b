package io.fixbridge.venue.kit;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.resolver.AddressResolver;
import io.netty.resolver.AddressResolverGroup;
import io.netty.resolver.DefaultNameResolver;
import io.netty.util.concurrent.DefaultEventExecutor;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.FastThreadLocalThread;
import io.netty.util.concurrent.Future;
import java.net.InetSocketAddress;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The threads of one venue adapter, created together and closed together. One instance is shared
 * by all the adapter's HTTP clients, WebSocket clients and rate limiters.
 *
 * <p>Every thread is a daemon and named after the venue:
 * <ul>
 *   <li>{@code <name>-io-N}: the Netty event loops (socket I/O only; nothing here ever blocks them);</li>
 *   <li>{@code <name>-callback-N}: the {@linkplain #callbacks() callback pool} on which every future
 *       of the kit's network clients completes and every WebSocket listener runs; code running
 *       there may block briefly, but long blocking delays other callbacks;</li>
 *   <li>{@code <name>-scheduler}: the {@linkplain #scheduler() scheduler} for timers (rate-limit
 *       waits); tasks on it must be short;</li>
 *   <li>{@code <name>-dns}: host-name resolution, which the JDK does by blocking, kept off the event
 *       loops.</li>
 * </ul>
 *
 * <p>{@link #close()} is idempotent, never throws, and may be called from any thread including the
 * kit's own (it then does not wait for its own thread to finish).
 */
public final class VenueExecutors implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(VenueExecutors.class);

    private final String name;
    private final MultiThreadIoEventLoopGroup ioGroup;
    private final ExecutorService callbackPool;
    private final ScheduledExecutorService scheduler;
    private final EventExecutor dnsExecutor;
    private final AddressResolverGroup<InetSocketAddress> resolverGroup;
    private final AtomicBoolean closed = new AtomicBoolean();

    private VenueExecutors(String name, int ioThreads, int callbackThreads) {
        this.name = name;
        this.ioGroup = new MultiThreadIoEventLoopGroup(ioThreads, ioThreads(name + "-io"), NioIoHandler.newFactory());
        this.callbackPool = Executors.newFixedThreadPool(callbackThreads, threads(name + "-callback"));
        ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, singleThread(name + "-scheduler"));
        timer.setRemoveOnCancelPolicy(true);
        this.scheduler = timer;
        this.dnsExecutor = new DefaultEventExecutor(singleThread(name + "-dns"));
        this.resolverGroup = new OffLoopResolverGroup(dnsExecutor);
    }

    /** Executors for venue {@code name} with two I/O threads and two callback threads. */
    public static VenueExecutors create(String name) {
        return create(name, 2, 2);
    }

    /**
     * Executors for venue {@code name}.
     *
     * @param name            used in every thread name, e.g. {@code binance}
     * @param ioThreads       Netty event loops (one or two are plenty for a venue)
     * @param callbackThreads threads completing futures and running listeners
     */
    public static VenueExecutors create(String name, int ioThreads, int callbackThreads) {
        Objects.requireNonNull(name, "name");
        if (ioThreads < 1 || callbackThreads < 1) {
            throw new IllegalArgumentException("ioThreads and callbackThreads must be at least 1");
        }
        return new VenueExecutors(name, ioThreads, callbackThreads);
    }

    /** The name every thread carries. */
    public String name() {
        return name;
    }

    /** The Netty event loops, for the kit's clients. Never block them. */
    public EventLoopGroup ioGroup() {
        return ioGroup;
    }

    /** The address resolver the kit's clients use, resolving on the DNS thread, off the event loops. */
    public AddressResolverGroup<InetSocketAddress> resolver() {
        return resolverGroup;
    }

    /** The callback pool: where futures complete and listeners run. Refuses work once closed. */
    public Executor callbacks() {
        return callbackPool;
    }

    /** The timer thread. Tasks must be short; refuses work once closed. */
    public ScheduledExecutorService scheduler() {
        return scheduler;
    }

    /** {@link #scheduler()} as a {@link Scheduler}. */
    public Scheduler timer() {
        return Scheduler.of(scheduler);
    }

    /** A new executor running its tasks one at a time, in order, on the callback pool. */
    public SerialExecutor newSerialExecutor() {
        return new SerialExecutor(callbackPool);
    }

    /**
     * Runs {@code task} on the callback pool; once the pool is closed, runs it on the calling thread
     * so that a future is never left incomplete.
     */
    public void runCallback(Runnable task) {
        try {
            callbackPool.execute(task);
        } catch (RejectedExecutionException e) {
            log.debug("{}: callback pool closed; running callback on {}", name, Thread.currentThread().getName());
            task.run();
        }
    }

    /** Whether {@link #close()} was called. */
    public boolean isClosed() {
        return closed.get();
    }

    /**
     * Shuts every thread down: event loops gracefully (waiting up to two seconds unless called from
     * one of them), then the callback pool, the scheduler and the DNS thread. Idempotent.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        Future<?> ioDone = ioGroup.shutdownGracefully(0, 2, TimeUnit.SECONDS);
        scheduler.shutdownNow();
        callbackPool.shutdown();
        resolverGroup.close();
        dnsExecutor.shutdownGracefully(0, 1, TimeUnit.SECONDS);
        if (!onEventLoop()) {
            if (!ioDone.awaitUninterruptibly(3, TimeUnit.SECONDS)) {
                log.warn("{}: event loops did not stop within 3 s", name);
            }
        }
        if (!Thread.currentThread().getName().startsWith(name + "-callback-")) {
            try {
                if (!callbackPool.awaitTermination(2, TimeUnit.SECONDS)) {
                    log.warn("{}: callbacks still running 2 s after close; interrupting them", name);
                    callbackPool.shutdownNow();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                callbackPool.shutdownNow();
            }
        }
    }

    private boolean onEventLoop() {
        for (EventExecutor loop : ioGroup) {
            if (loop.inEventLoop()) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return "VenueExecutors[" + name + (closed.get() ? ", closed]" : "]");
    }

    private static ThreadFactory threads(String prefix) {
        AtomicInteger counter = new AtomicInteger();
        return runnable -> {
            Thread t = new Thread(runnable, prefix + "-" + counter.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    private static ThreadFactory ioThreads(String prefix) {
        AtomicInteger counter = new AtomicInteger();
        return runnable -> {
            Thread t = new FastThreadLocalThread(runnable, prefix + "-" + counter.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    private static ThreadFactory singleThread(String threadName) {
        return runnable -> {
            Thread t = new Thread(runnable, threadName);
            t.setDaemon(true);
            return t;
        };
    }

    /** Resolves host names with the JDK resolver on a dedicated thread instead of the event loop. */
    private static final class OffLoopResolverGroup extends AddressResolverGroup<InetSocketAddress> {
        private final EventExecutor dnsExecutor;

        OffLoopResolverGroup(EventExecutor dnsExecutor) {
            this.dnsExecutor = dnsExecutor;
        }

        @Override
        protected AddressResolver<InetSocketAddress> newResolver(EventExecutor executor) {
            return new DefaultNameResolver(dnsExecutor).asAddressResolver();
        }
    }
}

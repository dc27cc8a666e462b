package io.fixbridge.venue.kit.http;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.ScheduledFuture;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * At most {@code max} keep-alive connections to one server: idle ones are reused most recently
 * used first, new ones are opened while below the maximum, and beyond it requests queue for up to
 * {@code acquireTimeout}, first come first served.
 *
 * <p>Thread-safe (one short lock; no I/O under it). {@link Lease} callbacks run on the thread that
 * made a connection available: the caller of {@link #acquire}, the releasing thread, or an event
 * loop; they must not block.
 */
final class ConnectionPool {

    /** Receives a connection or the reason there is none; exactly one of the two is called, once. */
    interface Lease {
        void granted(Channel channel);

        void failed(Throwable cause);
    }

    private final Bootstrap bootstrap;
    private final int max;
    private final Duration acquireTimeout;
    private final EventLoop timer;
    private final Object lock = new Object();
    private final ArrayDeque<Channel> idle = new ArrayDeque<>();
    private final ArrayDeque<Waiter> waiters = new ArrayDeque<>();
    private int open;
    private boolean closed;

    ConnectionPool(Bootstrap bootstrap, int max, Duration acquireTimeout) {
        this.bootstrap = bootstrap;
        this.max = max;
        this.acquireTimeout = acquireTimeout;
        this.timer = bootstrap.config().group().next();
    }

    void acquire(Lease lease) {
        Channel reuse = null;
        boolean connect = false;
        Waiter waiter = null;
        synchronized (lock) {
            if (closed) {
                lease.failed(new IllegalStateException("the connection pool is closed"));
                return;
            }
            while (!idle.isEmpty()) {
                Channel c = idle.pollLast();
                if (c.isActive()) {
                    reuse = c;
                    break;
                }
            }
            if (reuse == null) {
                if (open < max) {
                    open++;
                    connect = true;
                } else {
                    waiter = new Waiter(lease);
                    waiters.addLast(waiter);
                }
            }
        }
        if (reuse != null) {
            lease.granted(reuse);
        } else if (connect) {
            connect(lease);
        } else {
            waiter.startTimer();
        }
    }

    /**
     * Returns a leased connection: kept for reuse when {@code reusable} and still open, else closed.
     * A queued request gets it at once.
     */
    void release(Channel channel, boolean reusable) {
        if (!reusable || !channel.isActive()) {
            channel.close();
            return;
        }
        Waiter next;
        synchronized (lock) {
            if (closed) {
                next = null;
            } else {
                next = waiters.pollFirst();
                if (next == null) {
                    idle.addLast(channel);
                    return;
                }
            }
        }
        if (next == null) {
            channel.close();
        } else if (next.claim()) {
            next.lease.granted(channel);
        } else {
            release(channel, true);
        }
    }

    /** Refuses new leases, fails queued ones and closes idle connections. Leased ones are the owner's to close. */
    void close() {
        List<Waiter> failed;
        List<Channel> toClose;
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
            failed = new ArrayList<>(waiters);
            waiters.clear();
            toClose = new ArrayList<>(idle);
            idle.clear();
        }
        for (Waiter w : failed) {
            if (w.claim()) {
                w.lease.failed(new IllegalStateException("the connection pool is closed"));
            }
        }
        for (Channel c : toClose) {
            c.close();
        }
    }

    private void connect(Lease lease) {
        AtomicBoolean counted = new AtomicBoolean(true);
        ChannelFuture future;
        try {
            future = bootstrap.connect();
        } catch (RuntimeException e) {
            gone(counted, null);
            lease.failed(e);
            return;
        }
        Channel channel = future.channel();
        channel.closeFuture().addListener(f -> gone(counted, channel));
        future.addListener((ChannelFuture f) -> {
            if (f.isSuccess()) {
                lease.granted(channel);
            } else {
                channel.close();
                gone(counted, channel);
                lease.failed(f.cause());
            }
        });
    }

    /** A connection ended (or never started): frees its slot, once, and opens one for a queued request. */
    private void gone(AtomicBoolean counted, Channel channel) {
        if (!counted.compareAndSet(true, false)) {
            return;
        }
        synchronized (lock) {
            open--;
            if (channel != null) {
                idle.remove(channel);
            }
        }
        while (true) {
            Waiter next;
            synchronized (lock) {
                if (closed || open >= max) {
                    return;
                }
                next = waiters.pollFirst();
                if (next == null) {
                    return;
                }
                open++;
            }
            if (next.claim()) {
                connect(next.lease);
                return;
            }
            synchronized (lock) {
                open--;
            }
        }
    }

    /** A request waiting for a connection; claimed exactly once by a grant, a timeout or close. */
    private final class Waiter {
        final Lease lease;
        private final AtomicBoolean claimed = new AtomicBoolean();
        private volatile ScheduledFuture<?> timeout;

        Waiter(Lease lease) {
            this.lease = lease;
        }

        void startTimer() {
            try {
                timeout = timer.schedule(this::expire, acquireTimeout.toNanos(), TimeUnit.NANOSECONDS);
            } catch (RuntimeException e) {
                synchronized (lock) {
                    waiters.remove(this);
                }
                if (claim()) {
                    lease.failed(e);
                }
            }
        }

        boolean claim() {
            if (!claimed.compareAndSet(false, true)) {
                return false;
            }
            ScheduledFuture<?> t = timeout;
            if (t != null) {
                t.cancel(false);
            }
            return true;
        }

        private void expire() {
            synchronized (lock) {
                waiters.remove(this);
            }
            if (claim()) {
                lease.failed(new TimeoutException("no free connection"));
            }
        }
    }
}

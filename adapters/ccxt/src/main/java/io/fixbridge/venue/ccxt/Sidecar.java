package io.fixbridge.venue.ccxt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fixbridge.venue.kit.Backoff;
import io.fixbridge.venue.kit.VenueCalls;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Keeps one sidecar running: starts it, pings it every {@code pingIntervalMs}, and when it dies or stops
 * answering pings (it is then killed) starts a new one after a {@link Backoff} delay, over and over until
 * one comes up or the sidecar is closed. Each new process is prepared by {@link Listener#prepare} (open
 * the accounts, load the markets, subscribe the streams) before it takes requests; then
 * {@link Listener#up} is told (after a restart: query what may have been missed).
 *
 * <p>Requests in flight when a process ends fail with {@link BridgeException.NoAnswer} (written); requests
 * made while no process is up fail at once with {@link BridgeException.NoAnswer} (not written). Nothing is
 * ever resent by this class.
 *
 * <p>Threading: every method may be called from any thread. Listener calls: {@code prepare} and
 * {@code up} on the completion executor or the scheduler, {@code down} on the process's reader thread,
 * {@code event} on the reader thread (it must only enqueue).
 */
final class Sidecar implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Sidecar.class);

    /** What the owner of a sidecar is told. */
    interface Listener {
        /** A new process runs and answered hello: make it ready (open accounts, markets, streams). */
        CompletableFuture<Void> prepare(BridgeClient client, JsonNode hello);

        /** The process is ready and takes requests; {@code restart} after a crash. */
        void up(boolean restart);

        /** The process died or hangs; it is being replaced. */
        void down(String why);

        /** An event line of the current process. */
        void event(JsonNode event);
    }

    /**
     * How to run and watch the sidecar.
     *
     * @param label          names threads and log lines
     * @param command        the command line
     * @param directory      its working directory
     * @param startTimeoutMs deadline of hello plus {@link Listener#prepare}
     * @param pingIntervalMs health ping interval
     * @param pingTimeoutMs  health ping deadline
     * @param restart        delays between restart attempts
     */
    record Settings(String label, List<String> command, Path directory, long startTimeoutMs, long pingIntervalMs,
                    long pingTimeoutMs, Backoff restart) {
        Settings {
            Objects.requireNonNull(label, "label");
            command = List.copyOf(command);
            Objects.requireNonNull(directory, "directory");
            Objects.requireNonNull(restart, "restart");
        }
    }

    private final Settings settings;
    private final ScheduledExecutorService scheduler;
    private final Executor completions;
    private final Listener listener;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final AtomicBoolean started = new AtomicBoolean();
    private final AtomicInteger restarts = new AtomicInteger();
    private final AtomicInteger attempt = new AtomicInteger();
    private volatile BridgeClient current;
    private volatile boolean ready;
    private volatile ScheduledFuture<?> pinger;

    Sidecar(Settings settings, ScheduledExecutorService scheduler, Executor completions, Listener listener) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.completions = Objects.requireNonNull(completions, "completions");
        this.listener = Objects.requireNonNull(listener, "listener");
    }

    /**
     * Starts the first process; completes when it is prepared. When that fails the process is stopped and
     * the future fails (with the cause); a later call tries again. Supervision (pings, restarts) begins once
     * a start succeeded.
     */
    CompletableFuture<Void> start() {
        if (closed.get()) {
            return CompletableFuture.failedFuture(new BridgeException.NoAnswer("the sidecar is closed", false));
        }
        if (ready) {
            return CompletableFuture.completedFuture(null);
        }
        return launch().thenAccept(client -> {
            if (started.compareAndSet(false, true)) {
                startPinging();
            }
            attempt.set(0);
            listener.up(false);
        });
    }

    /** Sends a request to the process that is up; fails at once (not written) when none is. */
    CompletableFuture<JsonNode> request(String method, ObjectNode params, long timeoutMs) {
        BridgeClient c = current;
        if (c == null || !ready) {
            return CompletableFuture.failedFuture(new BridgeException.NoAnswer("the sidecar is "
                    + (closed.get() ? "closed" : "restarting") + "; " + method + " was not sent", false));
        }
        return c.request(method, params, timeoutMs);
    }

    /** Whether a prepared process takes requests now. */
    boolean isUp() {
        return ready && current != null;
    }

    /** The running process's id, or -1 (tests, operations). */
    long pid() {
        BridgeClient c = current;
        return c == null ? -1 : c.pid();
    }

    /** How many times the sidecar was restarted after a crash or hang. */
    int restarts() {
        return restarts.get();
    }

    private CompletableFuture<BridgeClient> launch() {
        BridgeClient client;
        java.util.concurrent.atomic.AtomicReference<BridgeClient> self = new java.util.concurrent.atomic.AtomicReference<>();
        try {
            client = BridgeClient.start(settings.label(), settings.command(), settings.directory(), scheduler,
                    completions, this::onEvent, code -> exited(self.get(), code));
            self.set(client);
        } catch (IOException e) {
            return CompletableFuture.failedFuture(new BridgeException.NoAnswer("the sidecar could not be started ("
                    + String.join(" ", settings.command()) + " in " + settings.directory() + "): " + e.getMessage(),
                    false));
        }
        current = client;
        ready = false;
        long deadline = settings.startTimeoutMs();
        return client.request("hello", null, deadline)
                .thenCompose(hello -> {
                    LOG.info("{}: protocol {}, ccxt {}, node {}, pid {}", settings.label(), hello.path("protocol").asText(),
                            hello.path("ccxtVersion").asText(), hello.path("node").asText(), client.pid());
                    if (hello.path("protocol").asInt(-1) != 1) {
                        throw new BridgeException.NoAnswer("the sidecar speaks protocol " + hello.path("protocol")
                                + ", this adapter protocol 1", true);
                    }
                    return listener.prepare(client, hello);
                })
                .orTimeout(deadline, TimeUnit.MILLISECONDS)
                .handle((ok, failure) -> {
                    if (failure != null) {
                        if (current == client) {
                            current = null;
                        }
                        client.kill();
                        Throwable cause = VenueCalls.unwrap(failure);
                        if (cause instanceof java.util.concurrent.TimeoutException) {
                            throw new BridgeException.NoAnswer("the sidecar was not ready within " + deadline + " ms",
                                    true);
                        }
                        throw cause instanceof RuntimeException r ? r : new IllegalStateException(cause);
                    }
                    if (closed.get()) {
                        client.stop(1000);
                        throw new BridgeException.NoAnswer("the sidecar is closed", false);
                    }
                    ready = true;
                    return client;
                });
    }

    private void onEvent(JsonNode event) {
        listener.event(event);
    }

    /** On the reader thread of an ended process. */
    private void exited(BridgeClient c, int code) {
        if (closed.get() || c == null || c != current || !ready) {
            return; // an old process, or one still starting: whoever launched it hears of its failure
        }
        current = null;
        ready = false;
        String why = "the sidecar exited with code " + code;
        LOG.error("{}: {}; requests in flight are failed and it is restarted", settings.label(), why);
        listener.down(why);
        scheduleRestart();
    }

    private void scheduleRestart() {
        int n = attempt.incrementAndGet();
        long delay = settings.restart().delay(n, Math::random).toMillis();
        LOG.info("{}: restarting in {} ms (attempt {})", settings.label(), delay, n);
        try {
            scheduler.schedule(this::restart, delay, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            LOG.debug("{}: not restarting, the adapter is closed", settings.label());
        }
    }

    private void restart() {
        if (closed.get()) {
            return;
        }
        launch().whenComplete((client, failure) -> {
            if (failure != null) {
                LOG.error("{}: restart failed: {}", settings.label(), VenueCalls.unwrap(failure).getMessage());
                if (!closed.get()) {
                    scheduleRestart();
                }
                return;
            }
            restarts.incrementAndGet();
            attempt.set(0);
            LOG.info("{}: restarted (pid {})", settings.label(), client.pid());
            listener.up(true);
        });
    }

    private void startPinging() {
        try {
            pinger = scheduler.scheduleWithFixedDelay(this::ping, settings.pingIntervalMs(), settings.pingIntervalMs(),
                    TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            LOG.debug("{}: not pinging, the adapter is closed", settings.label());
        }
    }

    private void ping() {
        BridgeClient c = current;
        if (c == null || !ready || closed.get()) {
            return;
        }
        c.request("ping", null, settings.pingTimeoutMs()).whenComplete((pong, failure) -> {
            if (failure != null && current == c && !closed.get()
                    && VenueCalls.unwrap(failure) instanceof BridgeException.NoAnswer) {
                LOG.error("{}: no answer to a ping within {} ms; killing pid {}", settings.label(),
                        settings.pingTimeoutMs(), c.pid());
                c.kill();
            }
        });
    }

    /** Kills the current process (tests): the supervisor treats it as a crash. */
    void killForTest() {
        BridgeClient c = current;
        if (c != null) {
            c.kill();
        }
    }

    /** Stops pinging and restarting, and ends the process (end of input, then a kill). Idempotent. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        ScheduledFuture<?> p = pinger;
        if (p != null) {
            p.cancel(false);
        }
        BridgeClient c = current;
        ready = false;
        if (c != null) {
            c.stop(2000);
        }
    }
}

package io.fixbridge.venue.ccxt;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fixbridge.venue.kit.json.VenueJson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.IntConsumer;

/**
 * The sidecar protocol over one {@link SidecarProcess}: requests with ids, their answers matched to
 * {@link CompletableFuture}s whatever the order of arrival, a deadline per request, and the sidecar's
 * events handed to a consumer. When the process ends every request in flight fails with
 * {@link BridgeException.NoAnswer} ({@code written = true}), so nothing waits forever.
 *
 * <p>Threading: {@link #request} may be called from any thread and never blocks (a write to the pipe
 * aside). Futures complete on the {@code completions} executor (never on the reader thread, which must
 * keep reading); events are handed over on the reader thread, so their consumer must only enqueue.
 * Errors: futures fail only with {@link BridgeException}.
 */
final class BridgeClient implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(BridgeClient.class);
    private static final ObjectMapper JSON = VenueJson.mapper();

    private final String label;
    private final ScheduledExecutorService scheduler;
    private final Executor completions;
    private final Consumer<JsonNode> events;
    private final IntConsumer onExit;
    private final AtomicLong ids = new AtomicLong();
    private final Map<Long, Pending> pending = new ConcurrentHashMap<>();
    private final AtomicBoolean ended = new AtomicBoolean();
    private volatile SidecarProcess process;
    private volatile int exitCode = Integer.MIN_VALUE;

    private record Pending(String method, CompletableFuture<JsonNode> future, ScheduledFuture<?> deadline) {
    }

    private BridgeClient(String label, ScheduledExecutorService scheduler, Executor completions,
                         Consumer<JsonNode> events, IntConsumer onExit) {
        this.label = label;
        this.scheduler = scheduler;
        this.completions = completions;
        this.events = events;
        this.onExit = onExit;
    }

    /**
     * Spawns the sidecar and speaks the protocol with it.
     *
     * @param label       names threads and log lines
     * @param command     the command line ({@code node <bridge>/src/main.mjs})
     * @param directory   its working directory
     * @param scheduler   runs the per-request deadlines
     * @param completions completes the futures
     * @param events      receives each event line ({@code {"event": ...}}), on the reader thread
     * @param onExit      told the exit code once the process ended and every pending request failed
     * @throws IOException when the process cannot be spawned
     */
    static BridgeClient start(String label, List<String> command, Path directory, ScheduledExecutorService scheduler,
                              Executor completions, Consumer<JsonNode> events, IntConsumer onExit) throws IOException {
        BridgeClient c = new BridgeClient(label, scheduler, completions, events, onExit);
        c.process = SidecarProcess.start(label, command, directory, c::onLine, c::exited);
        return c;
    }

    /** The sidecar's process id. */
    long pid() {
        return process.pid();
    }

    /** Whether the process still runs. */
    boolean alive() {
        return !ended.get() && process.alive();
    }

    /**
     * Sends {@code method} with {@code params}; the future completes with the answer's {@code result}, or
     * fails with {@link BridgeException.Answered} (the sidecar's error) or {@link BridgeException.NoAnswer}
     * (not written, the process ended, or no answer within {@code timeoutMs}).
     */
    CompletableFuture<JsonNode> request(String method, ObjectNode params, long timeoutMs) {
        Objects.requireNonNull(method, "method");
        CompletableFuture<JsonNode> future = new CompletableFuture<>();
        if (ended.get()) {
            future.completeExceptionally(new BridgeException.NoAnswer("the sidecar is not running", false));
            return future;
        }
        long id = ids.incrementAndGet();
        ObjectNode msg = JSON.createObjectNode();
        msg.put("id", id);
        msg.put("method", method);
        msg.set("params", params == null ? JSON.createObjectNode() : params);
        String line;
        try {
            line = JSON.writeValueAsString(msg);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(method + ": parameters cannot be written as JSON", e);
        }
        ScheduledFuture<?> deadline;
        try {
            deadline = scheduler.schedule(() -> expire(id, timeoutMs), timeoutMs, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException closed) {
            future.completeExceptionally(new BridgeException.NoAnswer("the adapter is closing", false));
            return future;
        }
        pending.put(id, new Pending(method, future, deadline));
        try {
            process.writeLine(line);
        } catch (IOException e) {
            Pending p = pending.remove(id);
            if (p != null) {
                p.deadline().cancel(false);
                complete(p, null, new BridgeException.NoAnswer("writing to the sidecar failed: " + e.getMessage(),
                        false));
            }
            return future;
        }
        if (ended.get()) {
            // the process ended between the check and the write: exited() may have missed this one
            failPending();
        }
        return future;
    }

    private void expire(long id, long timeoutMs) {
        Pending p = pending.remove(id);
        if (p != null) {
            complete(p, null, new BridgeException.NoAnswer(p.method() + ": no answer from the sidecar within "
                    + timeoutMs + " ms", true));
        }
    }

    private void onLine(String line) {
        JsonNode node;
        try {
            node = JSON.readTree(line);
        } catch (JsonProcessingException e) {
            LOG.error("{}: a stdout line is not JSON and is ignored: {}", label, abbreviate(line));
            return;
        }
        if (node.hasNonNull("event")) {
            events.accept(node);
            return;
        }
        JsonNode idNode = node.get("id");
        if (idNode == null || !idNode.canConvertToLong()) {
            LOG.error("{}: a stdout line is neither an answer nor an event and is ignored: {}", label, abbreviate(line));
            return;
        }
        Pending p = pending.remove(idNode.asLong());
        if (p == null) {
            LOG.warn("{}: an answer to request {} came after its deadline and is ignored", label, idNode.asLong());
            return;
        }
        p.deadline().cancel(false);
        if (node.path("ok").asBoolean(false)) {
            complete(p, node.get("result"), null);
        } else {
            complete(p, null, new BridgeException.Answered(p.method(), error(node.path("error"))));
        }
    }

    static BridgeError error(JsonNode e) {
        List<String> classes = new ArrayList<>();
        e.path("classes").forEach(c -> classes.add(c.asText()));
        String cls = e.path("class").asText(classes.isEmpty() ? "ProtocolError" : classes.get(0));
        JsonNode code = e.get("code");
        return new BridgeError(cls, classes, e.path("message").asText(""),
                code == null || code.isNull() ? null : code.asText());
    }

    private void exited(int code) {
        exitCode = code;
        ended.set(true);
        failPending();
        onExit.accept(code);
    }

    private void failPending() {
        for (Long id : List.copyOf(pending.keySet())) {
            Pending p = pending.remove(id);
            if (p != null) {
                p.deadline().cancel(false);
                complete(p, null, new BridgeException.NoAnswer(p.method() + ": the sidecar ended"
                        + (exitCode == Integer.MIN_VALUE ? "" : " (exit code " + exitCode + ")")
                        + " before answering", true));
            }
        }
    }

    private void complete(Pending p, JsonNode result, BridgeException failure) {
        Runnable r = failure == null ? () -> p.future().complete(result) : () -> p.future().completeExceptionally(failure);
        try {
            completions.execute(r);
        } catch (RejectedExecutionException closed) {
            r.run();
        }
    }

    /** Kills the process at once (SIGKILL); its end fails what is in flight. */
    void kill() {
        process.kill();
    }

    /** Ends the sidecar: end of input, then a kill after {@code graceMs}. Never throws. */
    void stop(long graceMs) {
        process.stop(graceMs);
    }

    @Override
    public void close() {
        stop(2000);
    }

    private static String abbreviate(String line) {
        return line.length() <= 200 ? line : line.substring(0, 200) + "...";
    }
}

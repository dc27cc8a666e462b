package io.fixbridge.venue.binance;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fixbridge.venue.VenueTelemetry;
import io.fixbridge.venue.kit.Backoff;
import io.fixbridge.venue.kit.SerialExecutor;
import io.fixbridge.venue.kit.VenueExecutors;
import io.fixbridge.venue.kit.ws.ConnectionState;
import io.fixbridge.venue.kit.ws.StreamTelemetry;
import io.fixbridge.venue.kit.ws.WebSocketClient;
import io.fixbridge.venue.kit.ws.WebSocketConfig;
import io.fixbridge.venue.kit.ws.WebSocketListener;
import io.fixbridge.venue.kit.ws.WebSocketSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * One WebSocket connection to a Binance market stream endpoint ({@code <base>/ws}), carrying the
 * streams its owner wants through Binance's live {@code SUBSCRIBE}/{@code UNSUBSCRIBE} requests:
 * whatever is wanted and not subscribed goes out in one {@code SUBSCRIBE}, whatever is subscribed
 * and no longer wanted in one {@code UNSUBSCRIBE}, never two requests closer than the spacing that
 * keeps the connection under Binance's incoming message limit (spot 5 a second, futures 10, pings
 * and pongs included). The client connects on the first want and stays open until {@link #close};
 * after every reconnect everything wanted is subscribed again. The owner hears, on its serial
 * executor, of every frame, of each {@code SUBSCRIBE} Binance confirmed, of refused requests and
 * of a dropped connection.
 *
 * <p><b>Threading:</b> {@link #want}, {@link #unwant} and the {@link Handler} calls run on the
 * owner's serial executor; the WebSocket callbacks (on the kit's callback pool) hand their work to
 * it. {@link #close} may be called from any thread.
 */
final class StreamConnection implements WebSocketListener, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(StreamConnection.class);

    /** What the owner hears; every call is on the owner's serial executor. */
    interface Handler {
        /** A frame other than an answer to a request. */
        void onFrame(StreamConnection from, StreamFrames.MarketFrame frame, long receivedNanos);

        /** Binance confirmed a {@code SUBSCRIBE} of {@code streams} on the current connection. */
        void onSubscribed(StreamConnection from, Set<String> streams);

        /** The connection dropped; nothing is subscribed until it is back. */
        void onLost(StreamConnection from, String reason);
    }

    private record Request(String method, Set<String> streams) {
    }

    private final String venue;
    private final String name;
    private final SerialExecutor serial;
    private final ScheduledExecutorService scheduler;
    private final Handler handler;
    private final long spacingNanos;
    private final Duration refusedRetry;
    private final WebSocketClient client;
    // confined to serial
    private final Set<String> wanted = new LinkedHashSet<>();
    private final Set<String> subscribed = new LinkedHashSet<>();
    private final Map<Long, Request> pending = new HashMap<>();
    private WebSocketSession session;
    private boolean started;
    private boolean drainScheduled;
    private long lastSentNanos;
    private long nextId;
    private volatile boolean closed;

    /**
     * @param venue     the venue's name, for logs
     * @param name      the connection's bounded name for logs and telemetry, e.g. {@code market:spot}
     * @param url       the endpoint, e.g. {@code wss://stream.binance.com:9443/ws}
     * @param perSecond the incoming messages a second Binance allows on it
     */
    StreamConnection(String venue, String name, String url, int perSecond, BinanceConfig.Timeouts timeouts,
                     VenueExecutors executors, SerialExecutor serial, VenueTelemetry telemetry, Handler handler) {
        this.venue = venue;
        this.name = name;
        this.serial = serial;
        this.scheduler = executors.scheduler();
        this.handler = handler;
        // two of the allowed messages a second are left for pings and pongs
        this.spacingNanos = TimeUnit.MILLISECONDS.toNanos(1000L / Math.max(1, perSecond - 2) + 10);
        this.refusedRetry = Duration.ofMillis(timeouts.reconnectMaxMs());
        this.client = WebSocketClient.create(WebSocketConfig.builder(url)
                        .connectTimeout(Duration.ofMillis(timeouts.connectMs()))
                        .pingInterval(Duration.ofMillis(timeouts.wsPingMs()))
                        .deadAfter(Duration.ofMillis(timeouts.wsPingMs() * 3))
                        .backoff(Backoff.exponential(Duration.ofMillis(timeouts.reconnectMinMs()),
                                Duration.ofMillis(timeouts.reconnectMaxMs())))
                        .stream(StreamTelemetry.onConnect(telemetry, name))
                        .build(),
                this, executors);
    }

    String name() {
        return name;
    }

    /** Wants {@code streams} subscribed (connecting first if this is the first want). Serial executor. */
    void want(Set<String> streams) {
        wanted.addAll(streams);
        if (!started) {
            started = true;
            client.start();
            return;
        }
        drain();
    }

    /** No longer wants {@code streams}; those subscribed are unsubscribed. Serial executor. */
    void unwant(Set<String> streams) {
        wanted.removeAll(streams);
        drain();
    }

    /** Whether {@code stream} is subscribed on the current connection (its SUBSCRIBE was sent). Serial executor. */
    boolean subscribed(String stream) {
        return subscribed.contains(stream);
    }

    @Override
    public void onConnected(WebSocketSession connected) {
        serial.execute(() -> {
            session = connected;
            subscribed.clear();
            pending.clear();
            lastSentNanos = 0;
            LOG.debug("binance {}: {} connected (connection {})", venue, name, connected.connectionNumber());
            drain();
        });
    }

    @Override
    public void onMessage(WebSocketSession from, String text) {
        long receivedNanos = System.nanoTime();
        StreamFrames.MarketFrame frame;
        try {
            frame = StreamFrames.market(text);
        } catch (RuntimeException e) {
            LOG.warn("binance {}: a {} message does not parse ({}); reconnecting so that the books are rebuilt",
                    venue, name, e.getMessage());
            client.reconnect("unreadable message");
            return;
        }
        serial.execute(() -> {
            if (from != session) {
                return;
            }
            if (frame instanceof StreamFrames.RequestAnswer answer) {
                answered(answer);
            } else {
                handler.onFrame(this, frame, receivedNanos);
            }
        });
    }

    @Override
    public void onStateChange(ConnectionState state, String reason) {
        if (state != ConnectionState.DISCONNECTED) {
            LOG.debug("binance {}: {} {} ({})", venue, name, state, reason);
            return;
        }
        serial.execute(() -> {
            session = null;
            subscribed.clear();
            pending.clear();
            if (!closed) {
                LOG.info("binance {}: {} disconnected ({}); reconnecting", venue, name, reason);
                handler.onLost(this, reason);
            }
        });
    }

    private void answered(StreamFrames.RequestAnswer answer) {
        Request request = answer.id() == null ? null : pending.remove(answer.id());
        if (answer.ok()) {
            if (request != null && "SUBSCRIBE".equals(request.method())) {
                Set<String> live = new LinkedHashSet<>(request.streams());
                live.retainAll(subscribed);
                live.retainAll(wanted);
                if (!live.isEmpty()) {
                    handler.onSubscribed(this, live);
                }
            }
            return;
        }
        LOG.warn("binance {}: {} refused {} of {}: {} {}; trying again in {} ms", venue, name,
                request == null ? "a request" : request.method(), request == null ? "?" : request.streams(),
                answer.code(), answer.msg(), refusedRetry.toMillis());
        if (request != null && "SUBSCRIBE".equals(request.method())) {
            subscribed.removeAll(request.streams());
        }
        later(refusedRetry.toNanos());
    }

    /** Sends what is due: a SUBSCRIBE of what is wanted and missing, else an UNSUBSCRIBE of what is not wanted. */
    private void drain() {
        drainScheduled = false;
        WebSocketSession s = session;
        if (s == null || closed) {
            return;
        }
        Set<String> add = new LinkedHashSet<>(wanted);
        add.removeAll(subscribed);
        Set<String> drop = new LinkedHashSet<>(subscribed);
        drop.removeAll(wanted);
        if (add.isEmpty() && drop.isEmpty()) {
            return;
        }
        long wait = lastSentNanos == 0 ? 0 : lastSentNanos + spacingNanos - System.nanoTime();
        if (wait > 0) {
            later(wait);
            return;
        }
        String method = add.isEmpty() ? "UNSUBSCRIBE" : "SUBSCRIBE";
        Set<String> streams = add.isEmpty() ? drop : add;
        long id = ++nextId;
        ObjectNode request = BinanceJson.mapper().createObjectNode();
        request.put("method", method);
        ArrayNode params = request.putArray("params");
        streams.forEach(params::add);
        request.put("id", id);
        if (add.isEmpty()) {
            subscribed.removeAll(drop);
        } else {
            subscribed.addAll(add);
        }
        pending.put(id, new Request(method, Set.copyOf(streams)));
        lastSentNanos = System.nanoTime();
        s.send(request.toString()).whenComplete((ok, failure) -> {
            if (failure != null) {
                LOG.debug("binance {}: {} {} not sent ({}); the reconnect subscribes again", venue, name, method,
                        failure.toString());
            }
        });
        later(spacingNanos);
    }

    private void later(long delayNanos) {
        if (drainScheduled || closed) {
            return;
        }
        drainScheduled = true;
        try {
            scheduler.schedule(() -> serial.execute(this::drain), Math.max(1, delayNanos), TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException shutDown) {
            drainScheduled = false;
        }
    }

    /** Drops the connection now and reconnects, for a test or an unreadable stream. */
    void reconnect(String reason) {
        client.reconnect(reason);
    }

    @Override
    public void close() {
        closed = true;
        client.close();
    }
}

package io.fixbridge.venue.kit.ws;

import io.fixbridge.venue.kit.Durations;
import io.fixbridge.venue.kit.SerialExecutor;
import io.fixbridge.venue.kit.VenueExecutors;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientHandshakeException;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketVersion;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.concurrent.ScheduledFuture;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.channels.ClosedChannelException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A WebSocket client on Netty that stays connected: heartbeat, dead-connection detection, automatic
 * reconnect with capped exponential backoff, and an {@link WebSocketListener#onConnected} hook after
 * every (re)connect where the adapter authenticates and resubscribes.
 *
 * <pre>{@code
 * WebSocketClient ws = WebSocketClient.create(WebSocketConfig.builder("wss://stream.bybit.com/v5/private")
 *         .appPing("{\"op\":\"ping\"}").build(), listener, executors);
 * ws.start().orTimeout(10, TimeUnit.SECONDS);   // completes after the first onConnected returned
 * }</pre>
 *
 * <h2>Threading</h2>
 * Every method may be called from any thread and none blocks, except {@link #close()} (which waits
 * up to five seconds for the close handshake unless called from one of the kit's threads). Listener
 * callbacks run serially on the venue's callback pool as {@link WebSocketListener} describes; the
 * futures returned by {@link #start()}, {@link #send} and {@link #closeAsync()} complete on the
 * callback pool too. Internally every state change happens on one Netty event loop, so no locks.
 *
 * <h2>Connection life</h2>
 * A dropped connection (server close, reset, handshake failure, no traffic for {@code deadAfter},
 * {@link #reconnect}) produces {@link ConnectionState#DISCONNECTED} with the reason, then
 * {@link ConnectionState#RECONNECTING} with the delay, then a new attempt; attempts go on until
 * {@link #close()}. Server pings are answered with pongs; server close frames are answered and the
 * connection re-established. Binary frames are ignored (logged at debug).
 *
 * <h2>Telemetry</h2>
 * When {@link WebSocketConfig#stream()} names the stream, its state goes to
 * {@link io.fixbridge.venue.VenueTelemetry#streamState}: connected after the handshake and
 * {@code onConnected} (or, for {@link StreamTelemetry#confirmedByAdapter}, when the adapter calls
 * {@link #streamUsable}), disconnected when a connection reported connected is lost or the client is
 * closed. Reports are made only on a change, in order with the listener callbacks (on the callback pool).
 *
 * <p>Log lines and reasons name {@code scheme://host:port} only, never the path or query (a path
 * may carry a listen key).
 */
public final class WebSocketClient implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(WebSocketClient.class);

    private final WebSocketConfig config;
    private final Supplier<CompletableFuture<URI>> uriSource;
    private final WebSocketListener listener;
    private final VenueExecutors executors;
    private final boolean ownsExecutors;
    private final EventLoop loop;
    private final SerialExecutor events;
    private final CompletableFuture<Void> firstConnect = new CompletableFuture<>();
    private final CompletableFuture<Void> closedFuture = new CompletableFuture<>();
    private final AtomicInteger connects = new AtomicInteger();
    private final String where;

    // confined to loop
    private final Set<Connection> live = new HashSet<>();
    private boolean started;
    private boolean closing;
    private int failedAttempts;
    private ScheduledFuture<?> retryTask;

    private volatile Connection current;
    private volatile ConnectionState state;

    // confined to events: whether telemetry was last told the stream is connected
    private boolean reportedUp;

    private WebSocketClient(WebSocketConfig config, Supplier<CompletableFuture<URI>> uriSource,
            WebSocketListener listener, VenueExecutors executors, boolean ownsExecutors) {
        this.config = config;
        this.uriSource = uriSource;
        this.listener = listener;
        this.executors = executors;
        this.ownsExecutors = ownsExecutors;
        this.loop = executors.ioGroup().next();
        this.events = executors.newSerialExecutor();
        this.where = config.describe();
    }

    /** A client of {@code config.uri()} on shared executors (not closed with the client). Call {@link #start()}. */
    public static WebSocketClient create(WebSocketConfig config, WebSocketListener listener, VenueExecutors executors) {
        Objects.requireNonNull(config, "config");
        URI fixed = config.uri();
        return create(config, () -> CompletableFuture.completedFuture(fixed), listener, executors);
    }

    /**
     * A client that asks {@code uriSource} for the URL before every attempt, e.g. to create a fresh
     * listen key; a failed or null answer counts as a failed attempt and is retried with backoff.
     * The scheme, host and port must stay those of {@code config.uri()} (TLS is set up from it).
     */
    public static WebSocketClient create(WebSocketConfig config, Supplier<CompletableFuture<URI>> uriSource,
            WebSocketListener listener, VenueExecutors executors) {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(uriSource, "uriSource");
        Objects.requireNonNull(listener, "listener");
        Objects.requireNonNull(executors, "executors");
        if (config.isTls()) {
            config.tls().sslContext();
        }
        return new WebSocketClient(config, uriSource, listener, executors, false);
    }

    /** A client with its own executors (named {@code ws-<host>}), shut down by {@link #close()}. */
    public static WebSocketClient create(WebSocketConfig config, WebSocketListener listener) {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(listener, "listener");
        VenueExecutors own = VenueExecutors.create("ws-" + config.uri().getHost(), 1, 1);
        URI fixed = config.uri();
        return new WebSocketClient(config, () -> CompletableFuture.completedFuture(fixed), listener, own, true);
    }

    /**
     * Starts connecting (once; later calls return the same future). The future completes on the
     * callback pool when the first connection is up and its {@code onConnected} returned; it does
     * not fail while attempts go on (apply your own timeout), and fails with
     * {@link WebSocketNotConnectedException} if the client is closed first.
     */
    public CompletableFuture<Void> start() {
        loop.execute(() -> {
            if (started || closing) {
                return;
            }
            started = true;
            setState(ConnectionState.CONNECTING, "connecting to " + where);
            attempt();
        });
        return firstConnect;
    }

    /**
     * Sends a text message on the current connection. Fails with
     * {@link WebSocketNotConnectedException} when there is none; nothing is queued for later.
     */
    public CompletableFuture<Void> send(String text) {
        Objects.requireNonNull(text, "text");
        Connection c = current;
        if (c == null) {
            CompletableFuture<Void> f = new CompletableFuture<>();
            f.completeExceptionally(new WebSocketNotConnectedException("not connected to " + where));
            return f;
        }
        return c.send(text);
    }

    /**
     * For a stream configured with {@link StreamTelemetry#confirmedByAdapter}: the adapter says whether the
     * stream on {@code session} is usable now (its authentication or subscription was confirmed: true; the
     * venue ended the subscription: false). Ignored unless {@code session} is the current open connection.
     * Reported in order with the listener callbacks, after the one running now. Never blocks.
     */
    public void streamUsable(WebSocketSession session, boolean usable) {
        Objects.requireNonNull(session, "session");
        events.execute(() -> {
            if (session == current && session.isOpen()) {
                reportStream(usable);
            }
        });
    }

    /** The current state; null before {@link #start()}. */
    public ConnectionState state() {
        return state;
    }

    /** The open connection, if any. */
    public Optional<WebSocketSession> session() {
        return Optional.ofNullable(current);
    }

    /** Successful handshakes so far: 1 after the first connect, 2 after the first reconnect, ... */
    public int connectCount() {
        return connects.get();
    }

    /**
     * Drops the current connection at once (no close handshake) and reconnects after the backoff
     * delay, calling {@code onConnected} again; if a retry is waiting, attempts now instead. For a
     * venue that asks clients to reconnect, a renewed listen key, or a test.
     */
    public void reconnect(String reason) {
        Objects.requireNonNull(reason, "reason");
        loop.execute(() -> {
            if (closing || !started) {
                return;
            }
            Connection c = current;
            if (c != null) {
                c.abort("reconnect requested: " + reason);
            } else if (retryTask != null && !retryTask.isDone()) {
                retryTask.cancel(false);
                retryTask = null;
                attempt();
            }
        });
    }

    /**
     * Stops reconnecting and closes the connection with a close frame (status 1000). Completes on
     * the callback pool when the connection is closed; idempotent.
     */
    public CompletableFuture<Void> closeAsync() {
        loop.execute(() -> {
            if (closing) {
                return;
            }
            closing = true;
            if (retryTask != null) {
                retryTask.cancel(false);
                retryTask = null;
            }
            if (live.isEmpty()) {
                finishClose();
                return;
            }
            for (Connection c : Set.copyOf(live)) {
                c.closeGracefully();
            }
        });
        return closedFuture;
    }

    /**
     * {@link #closeAsync()} and waits up to five seconds for it, unless called on one of the kit's
     * own threads. Then shuts the executors down if the client created them. Never throws.
     */
    @Override
    public void close() {
        CompletableFuture<Void> done = closeAsync();
        String thread = Thread.currentThread().getName();
        boolean kitThread = loop.inEventLoop() || thread.startsWith(executors.name() + "-");
        if (!kitThread) {
            try {
                done.get(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (ExecutionException | TimeoutException e) {
                log.warn("closing the WebSocket to {} did not finish cleanly: {}", where, e.toString());
            }
        }
        if (ownsExecutors) {
            executors.close();
        }
    }

    @Override
    public String toString() {
        return "WebSocketClient[" + where + ", " + state + ", connects=" + connects.get() + "]";
    }

    // ---- everything below runs on loop ----

    private void attempt() {
        if (closing) {
            return;
        }
        CompletableFuture<URI> next;
        try {
            next = uriSource.get();
        } catch (RuntimeException e) {
            next = CompletableFuture.failedFuture(e);
        }
        if (next == null) {
            next = CompletableFuture.failedFuture(new IllegalStateException("the URL source returned nothing"));
        }
        next.whenComplete((uri, error) -> loop.execute(() -> {
            if (closing) {
                if (live.isEmpty()) {
                    finishClose();
                }
                return;
            }
            if (error != null || uri == null) {
                Throwable cause = error == null ? new IllegalStateException("null URL") : unwrap(error);
                log.warn("could not get the WebSocket URL for {}: {}", where, describe(cause));
                attemptFailed("could not get the URL: " + describe(cause));
                return;
            }
            connect(uri);
        }));
    }

    private void connect(URI uri) {
        String host = uri.getHost();
        int port = uri.getPort() > 0 ? uri.getPort() : config.port();
        Connection conn = new Connection();
        WebSocketClientProtocolConfig protocol = WebSocketClientProtocolConfig.newBuilder()
                .webSocketUri(uri)
                .version(WebSocketVersion.V13)
                .allowExtensions(false)
                .customHeaders(toNettyHeaders())
                .maxFramePayloadLength(config.maxMessageBytes())
                .handleCloseFrames(false)
                .sendCloseFrame(null)
                .dropPongFrames(true)
                .handshakeTimeoutMillis(config.handshakeTimeout().toMillis())
                .generateOriginHeader(false)
                .build();
        Bootstrap bootstrap = new Bootstrap()
                .group(loop)
                .channel(NioSocketChannel.class)
                .resolver(executors.resolver())
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(Integer.MAX_VALUE, config.connectTimeout().toMillis()))
                .option(ChannelOption.TCP_NODELAY, true)
                .handler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        if (config.isTls()) {
                            SslHandler ssl = config.tls().sslContext().newHandler(ch.alloc(), host, port);
                            ssl.setHandshakeTimeoutMillis(config.connectTimeout().toMillis());
                            ch.pipeline().addLast("tls", ssl);
                        }
                        ch.pipeline()
                                .addLast("activity", new ActivityTracker(conn))
                                .addLast("http", new HttpClientCodec())
                                .addLast("http-aggregate", new HttpObjectAggregator(64 * 1024))
                                .addLast("ws-protocol", new WebSocketClientProtocolHandler(protocol))
                                .addLast("ws-aggregate", new WebSocketFrameAggregator(config.maxMessageBytes()))
                                .addLast("ws-frames", new FrameHandler(conn));
                    }
                });
        ChannelFuture connectFuture = bootstrap.connect(InetSocketAddress.createUnresolved(host, port));
        conn.channel = connectFuture.channel();
        live.add(conn);
        connectFuture.addListener((ChannelFuture f) -> {
            if (!f.isSuccess() && conn.reason == null) {
                conn.reason = "connect failed: " + describe(f.cause());
            }
        });
        // runs after the connect listener has recorded its reason
        conn.channel.closeFuture().addListener(f -> loop.execute(() -> connectionClosed(conn)));
    }

    private void handshakeDone(Connection conn) {
        if (closing) {
            conn.closeGracefully();
            return;
        }
        if (!conn.channel.isActive()) {
            return;
        }
        conn.number = connects.incrementAndGet();
        conn.connectedAt = Instant.now();
        conn.established = true;
        failedAttempts = 0;
        current = conn;
        log.info("WebSocket connected to {} (connection #{})", where, conn.number);
        setState(ConnectionState.CONNECTED, "connection #" + conn.number + " to " + where);
        conn.startHeartbeat();
        events.execute(() -> {
            try {
                listener.onConnected(conn);
                if (!config.stream().confirmedByAdapter() && conn == current && conn.isOpen()) {
                    reportStream(true);
                }
                if (!firstConnect.isDone()) {
                    executors.runCallback(() -> firstConnect.complete(null));
                }
            } catch (RuntimeException | Error e) {
                log.warn("onConnected failed for connection #{} to {}; dropping it to retry", conn.number, where, e);
                loop.execute(() -> conn.abort("onConnected failed: " + describe(e)));
            }
        });
    }

    private void connectionClosed(Connection conn) {
        if (!live.remove(conn)) {
            return;
        }
        conn.stopHeartbeat();
        if (current == conn) {
            current = null;
        }
        if (conn.established) {
            events.execute(() -> reportStream(false));
        }
        String reason = conn.reason != null ? conn.reason
                : conn.established ? "connection closed by the peer" : "connection closed during the handshake";
        if (closing) {
            if (live.isEmpty()) {
                finishClose();
            }
            return;
        }
        if (conn.established) {
            log.warn("WebSocket to {} lost (connection #{}): {}", where, conn.number, reason);
        } else {
            log.warn("WebSocket attempt to {} failed: {}", where, reason);
        }
        attemptFailed(reason);
    }

    private void attemptFailed(String reason) {
        setState(ConnectionState.DISCONNECTED, reason);
        failedAttempts++;
        Duration delay = config.backoff().delay(failedAttempts, () -> ThreadLocalRandom.current().nextDouble());
        setState(ConnectionState.RECONNECTING, "attempt " + failedAttempts + " in " + Durations.human(delay));
        retryTask = loop.schedule(() -> {
            retryTask = null;
            attempt();
        }, delay.toNanos(), TimeUnit.NANOSECONDS);
    }

    private void finishClose() {
        if (state == ConnectionState.CLOSED) {
            return;
        }
        setState(ConnectionState.CLOSED, "closed by the client");
        log.info("WebSocket to {} closed", where);
        events.execute(() -> {
            reportStream(false);
            if (!firstConnect.isDone()) {
                firstConnect.completeExceptionally(new WebSocketNotConnectedException("closed before connecting to " + where));
            }
            closedFuture.complete(null);
        });
    }

    private void setState(ConnectionState next, String reason) {
        state = next;
        events.execute(() -> {
            try {
                listener.onStateChange(next, reason);
            } catch (RuntimeException | Error e) {
                log.warn("onStateChange({}) of the WebSocket to {} failed", next, where, e);
            }
        });
    }

    /** On events: tells telemetry of a change of the stream's state. */
    private void reportStream(boolean up) {
        StreamTelemetry t = config.stream();
        if (t == StreamTelemetry.NONE || reportedUp == up) {
            return;
        }
        reportedUp = up;
        t.telemetry().streamState(t.name(), up);
    }

    private DefaultHttpHeaders toNettyHeaders() {
        DefaultHttpHeaders h = new DefaultHttpHeaders();
        config.headers().forEach(h::add);
        return h;
    }

    private static Throwable unwrap(Throwable t) {
        Throwable c = t;
        while ((c instanceof java.util.concurrent.CompletionException || c instanceof ExecutionException) && c.getCause() != null) {
            c = c.getCause();
        }
        return c;
    }

    private static String describe(Throwable t) {
        if (t == null) {
            return "unknown cause";
        }
        if (t instanceof io.netty.channel.ConnectTimeoutException) {
            return "connect timed out";
        }
        if (t instanceof ConnectException) {
            return "connection refused";
        }
        if (t instanceof UnknownHostException) {
            return "unknown host";
        }
        if (t instanceof ClosedChannelException) {
            return "connection closed";
        }
        if (t instanceof WebSocketClientHandshakeException) {
            return "handshake refused: " + t.getMessage();
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getClass().getSimpleName() + ": " + t.getMessage();
    }

    /** One connection attempt and, after its handshake, one session. */
    private final class Connection implements WebSocketSession {
        volatile Channel channel;
        volatile boolean established;
        volatile int number;
        volatile Instant connectedAt;
        volatile long lastReadNanos = System.nanoTime();
        String reason;
        private ScheduledFuture<?> heartbeat;
        private long lastPingNanos;

        @Override
        public CompletableFuture<Void> send(String text) {
            Objects.requireNonNull(text, "text");
            CompletableFuture<Void> result = new CompletableFuture<>();
            if (!isOpen()) {
                result.completeExceptionally(new WebSocketNotConnectedException(
                        "connection #" + number + " to " + where + " is not open"));
                return result;
            }
            channel.writeAndFlush(new TextWebSocketFrame(text)).addListener(f -> executors.runCallback(() -> {
                if (f.isSuccess()) {
                    result.complete(null);
                } else {
                    result.completeExceptionally(new WebSocketNotConnectedException(
                            "sending on connection #" + number + " to " + where + " failed: " + describe(f.cause()), f.cause()));
                }
            }));
            return result;
        }

        @Override
        public boolean isOpen() {
            return established && current == this && channel.isActive();
        }

        @Override
        public int connectionNumber() {
            return number;
        }

        @Override
        public Instant connectedAt() {
            return connectedAt;
        }

        void abort(String why) {
            if (reason == null) {
                reason = why;
            }
            channel.close();
        }

        void closeGracefully() {
            if (reason == null) {
                reason = "closed by the client";
            }
            if (established && channel.isActive()) {
                channel.writeAndFlush(new CloseWebSocketFrame(1000, "client closing")).addListener(ChannelFutureListener.CLOSE);
                loop.schedule(() -> channel.close(), 1, TimeUnit.SECONDS);
            } else {
                channel.close();
            }
        }

        void startHeartbeat() {
            long ping = config.pingInterval().toNanos();
            long dead = config.deadAfter().toNanos();
            if (ping == 0 && dead == 0) {
                return;
            }
            long period = ping == 0 ? dead / 4 : dead == 0 ? ping : Math.min(ping, dead / 4);
            lastPingNanos = System.nanoTime();
            heartbeat = loop.scheduleAtFixedRate(() -> beat(ping, dead), period, Math.max(1, period), TimeUnit.NANOSECONDS);
        }

        void stopHeartbeat() {
            if (heartbeat != null) {
                heartbeat.cancel(false);
            }
        }

        private void beat(long ping, long dead) {
            long now = System.nanoTime();
            long quiet = now - lastReadNanos;
            if (dead > 0 && quiet > dead) {
                abort("no traffic for " + Durations.human(Duration.ofNanos(quiet)) + " (limit "
                        + Durations.human(config.deadAfter()) + ")");
                return;
            }
            if (ping > 0 && now - lastPingNanos >= ping && channel.isActive()) {
                lastPingNanos = now;
                WebSocketFrame frame = config.appPing() != null ? new TextWebSocketFrame(config.appPing())
                        : new PingWebSocketFrame(Unpooled.EMPTY_BUFFER);
                channel.writeAndFlush(frame).addListener(f -> {
                    if (!f.isSuccess()) {
                        log.debug("ping to {} failed: {}", where, describe(f.cause()));
                    }
                });
            }
        }

        @Override
        public String toString() {
            return "WebSocketSession[#" + number + " " + where + (isOpen() ? ", open]" : ", closed]");
        }
    }

    /** Notes the time of every inbound read (any frame, including pongs and pings). */
    private static final class ActivityTracker extends ChannelInboundHandlerAdapter {
        private final Connection conn;

        ActivityTracker(Connection conn) {
            this.conn = conn;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof ByteBuf) {
                conn.lastReadNanos = System.nanoTime();
            }
            ctx.fireChannelRead(msg);
        }
    }

    /** Handles handshake events, text, close and binary frames, and errors of one connection. */
    private final class FrameHandler extends SimpleChannelInboundHandler<WebSocketFrame> {
        private final Connection conn;

        FrameHandler(Connection conn) {
            this.conn = conn;
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
            if (evt == WebSocketClientProtocolHandler.ClientHandshakeStateEvent.HANDSHAKE_COMPLETE) {
                handshakeDone(conn);
            } else if (evt == WebSocketClientProtocolHandler.ClientHandshakeStateEvent.HANDSHAKE_TIMEOUT) {
                conn.abort("handshake timed out after " + Durations.human(config.handshakeTimeout()));
            }
            super.userEventTriggered(ctx, evt);
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, WebSocketFrame frame) {
            if (frame instanceof TextWebSocketFrame text) {
                String message = text.text();
                events.execute(() -> {
                    try {
                        listener.onMessage(conn, message);
                    } catch (RuntimeException | Error e) {
                        log.warn("onMessage failed for a message from {}", where, e);
                    }
                });
            } else if (frame instanceof CloseWebSocketFrame close) {
                int status = close.statusCode();
                String text = close.reasonText();
                if (conn.reason == null) {
                    conn.reason = "closed by the server (status " + status + (text == null || text.isEmpty() ? "" : ", " + text) + ")";
                }
                ctx.writeAndFlush(new CloseWebSocketFrame(1000, "")).addListener(ChannelFutureListener.CLOSE);
            } else if (frame instanceof BinaryWebSocketFrame) {
                log.debug("ignoring a binary frame of {} bytes from {}", frame.content().readableBytes(), where);
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            if (conn.reason == null) {
                conn.reason = "error: " + describe(cause);
            }
            log.debug("WebSocket error on {}: {}", where, describe(cause));
            ctx.close();
        }
    }
}

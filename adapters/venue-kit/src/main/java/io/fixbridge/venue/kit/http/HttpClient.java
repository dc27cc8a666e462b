package io.fixbridge.venue.kit.http;

import io.fixbridge.venue.kit.Durations;
import io.fixbridge.venue.kit.VenueExecutors;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpContentDecompressor;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.AttributeKey;
import io.netty.util.concurrent.ScheduledFuture;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.channels.ClosedChannelException;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An asynchronous HTTP/1.1 client for one base URL on Netty, with a pool of keep-alive connections.
 *
 * <pre>{@code
 * HttpClient http = HttpClient.create(HttpClientConfig.builder("https://api.binance.com").build(), executors);
 * http.send(HttpRequest.get("/api/v3/time").build())
 *     .thenApply(HttpResponse::bodyText);
 * }</pre>
 *
 * <h2>Threading</h2>
 * {@link #send} may be called from any thread and never blocks. The returned future completes on
 * the {@linkplain VenueExecutors#callbacks() callback pool} ({@code <venue>-callback-N}), never on a
 * Netty event loop and never on the caller's thread, so dependent stages may block briefly.
 *
 * <h2>Errors</h2>
 * Every HTTP status (2xx to 5xx) completes the future normally with an {@link HttpResponse}. The
 * future fails only with an {@link HttpTransportException} whose {@link HttpTransportException#sentRequest()}
 * says whether the venue may have seen the request; see that class for the mapping to venue
 * outcomes. Messages carry method, host and path, never the query string, headers or body.
 *
 * <h2>Connections</h2>
 * At most {@code maxConnections} connections are open; a request waits up to
 * {@code acquireTimeout} for a free one. A connection is reused while the server keeps it alive,
 * is closed after a read timeout or any error (its state is unknown), and after
 * {@code idleTimeout} unused. Responses compressed with gzip or deflate are decompressed.
 *
 * <h2>Telemetry</h2>
 * Every request that gets an answer or fails is reported once to the configured
 * {@link HttpClientConfig#telemetry()} as {@code request(endpoint, status, latency)}: the endpoint is
 * {@link HttpRequest#endpoint()} (never the query), the status the HTTP status, or 0 when no answer came
 * (connect failure, timeout, connection lost, malformed answer); the latency runs from handing the request
 * to the connection to its answer or failure (from {@link #send} when it never reached a connection).
 * Requests failed because the client was closed are not reported. The report is made on a Netty
 * event loop after the future's completion was handed to the callback pool.
 *
 * <p>{@link #close()} fails requests in flight, closes every connection and, when the client
 * created its own {@link VenueExecutors}, shuts them down. Idempotent.
 */
public final class HttpClient implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(HttpClient.class);
    private static final AttributeKey<Exchange> EXCHANGE = AttributeKey.valueOf(HttpClient.class, "exchange");

    private final HttpClientConfig config;
    private final VenueExecutors executors;
    private final boolean ownsExecutors;
    private final ConnectionPool pool;
    private final String host;
    private final String hostHeader;
    private final String prefix;
    private final Set<Channel> channels = ConcurrentHashMap.newKeySet();
    private final AtomicInteger connectionsOpened = new AtomicInteger();
    private final AtomicBoolean closed = new AtomicBoolean();

    private HttpClient(HttpClientConfig config, VenueExecutors executors, boolean ownsExecutors) {
        this.config = config;
        this.executors = executors;
        this.ownsExecutors = ownsExecutors;
        String uriHost = config.baseUri().getHost();
        this.host = uriHost.startsWith("[") && uriHost.endsWith("]") ? uriHost.substring(1, uriHost.length() - 1) : uriHost;
        boolean defaultPort = config.baseUri().getPort() <= 0
                || config.port() == (config.isTls() ? 443 : 80);
        this.hostHeader = defaultPort ? uriHost : uriHost + ":" + config.port();
        this.prefix = config.pathPrefix();
        Bootstrap bootstrap = new Bootstrap()
                .group(executors.ioGroup())
                .channel(NioSocketChannel.class)
                .resolver(executors.resolver())
                .remoteAddress(InetSocketAddress.createUnresolved(host, config.port()))
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(Integer.MAX_VALUE, config.connectTimeout().toMillis()))
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.SO_KEEPALIVE, true);
        bootstrap.handler(new ChannelInitializer<Channel>() {
            @Override
            protected void initChannel(Channel ch) {
                initConnection(ch);
            }
        });
        this.pool = new ConnectionPool(bootstrap, config.maxConnections(), config.acquireTimeout());
    }

    /**
     * A client for {@code config.baseUri()} on shared executors, which it does not close.
     *
     * @throws IllegalStateException when https is configured and no TLS context can be built
     */
    public static HttpClient create(HttpClientConfig config, VenueExecutors executors) {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(executors, "executors");
        if (config.isTls()) {
            config.tls().sslContext();
        }
        return new HttpClient(config, executors, false);
    }

    /** A client with its own executors (named {@code http-<host>}), closed with the client. */
    public static HttpClient create(HttpClientConfig config) {
        Objects.requireNonNull(config, "config");
        VenueExecutors own = VenueExecutors.create("http-" + config.baseUri().getHost(), 1, 1);
        try {
            if (config.isTls()) {
                config.tls().sslContext();
            }
            return new HttpClient(config, own, true);
        } catch (RuntimeException e) {
            own.close();
            throw e;
        }
    }

    /** The settings. */
    public HttpClientConfig config() {
        return config;
    }

    /**
     * Sends {@code request} on a pooled connection. Never blocks, never throws for a network
     * problem: see the class description for where the future completes and how it fails.
     */
    public CompletableFuture<HttpResponse> send(HttpRequest request) {
        Objects.requireNonNull(request, "request");
        CompletableFuture<HttpResponse> result = new CompletableFuture<>();
        long calledAt = System.nanoTime();
        if (closed.get()) {
            executors.runCallback(() -> result.completeExceptionally(connectFailure(request, "the HTTP client is closed", null)));
            return result;
        }
        pool.acquire(new ConnectionPool.Lease() {
            @Override
            public void granted(Channel channel) {
                SslHandler ssl = channel.pipeline().get(SslHandler.class);
                if (ssl == null || ssl.handshakeFuture().isSuccess()) {
                    dispatch(channel, request, result);
                    return;
                }
                ssl.handshakeFuture().addListener(handshake -> {
                    if (handshake.isSuccess()) {
                        dispatch(channel, request, result);
                    } else {
                        pool.release(channel, false);
                        boolean byClose = closed.get();
                        deliverFailure(result, connectFailure(request,
                                "TLS handshake failed: " + message(handshake.cause()), handshake.cause()));
                        report(request, 0, calledAt, byClose);
                    }
                });
            }

            @Override
            public void failed(Throwable cause) {
                boolean byClose = closed.get();
                deliverFailure(result, connectFailure(request, describeConnectFailure(cause), cause));
                report(request, 0, calledAt, byClose);
            }
        });
        return result;
    }

    /** Connections opened since the client was created (a diagnostic; reuse keeps it low). */
    public int connectionsOpened() {
        return connectionsOpened.get();
    }

    /** Connections open now. */
    public int openConnections() {
        return channels.size();
    }

    /** Fails requests in flight, closes every connection, and the executors if the client owns them. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        pool.close();
        for (Channel ch : channels) {
            ch.close();
        }
        if (ownsExecutors) {
            executors.close();
        }
    }

    @Override
    public String toString() {
        return "HttpClient[" + config.baseUri().getScheme() + "://" + config.hostAndPort() + prefix + "]";
    }

    private void dispatch(Channel channel, HttpRequest request, CompletableFuture<HttpResponse> result) {
        Exchange exchange = new Exchange(channel, request, result);
        channel.attr(EXCHANGE).set(exchange);
        if (closed.get()) {
            exchange.fail(new HttpConnectException(request.method().name(), request.path(), config.hostAndPort(),
                    "the HTTP client is closed", null));
            return;
        }
        Duration timeout = request.timeout().orElse(config.readTimeout());
        exchange.startTimer(timeout);
        exchange.writtenAt = System.nanoTime();
        channel.writeAndFlush(toNetty(request)).addListener(write -> {
            if (write.isSuccess()) {
                exchange.written = true;
            } else {
                exchange.fail(new HttpConnectionClosedException(request.method().name(), request.path(),
                        config.hostAndPort(), false, "could not write the request: " + message(write.cause()), write.cause()));
            }
        });
    }

    private DefaultFullHttpRequest toNetty(HttpRequest request) {
        DefaultFullHttpRequest r = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1,
                io.netty.handler.codec.http.HttpMethod.valueOf(request.method().name()),
                prefix + request.pathAndQuery(),
                Unpooled.wrappedBuffer(request.bodyUnsafe()));
        io.netty.handler.codec.http.HttpHeaders h = r.headers();
        config.defaultHeaders().forEach((name, value) -> {
            if (!request.headers().contains(name)) {
                h.add(name, value);
            }
        });
        request.headers().forEach(h::add);
        h.set(HttpHeaderNames.HOST, hostHeader);
        if (request.bodyLength() > 0 || request.method() == HttpMethod.POST || request.method() == HttpMethod.PUT
                || request.method() == HttpMethod.PATCH) {
            h.set(HttpHeaderNames.CONTENT_LENGTH, request.bodyLength());
        }
        return r;
    }

    private void deliverFailure(CompletableFuture<HttpResponse> result, HttpTransportException e) {
        log.debug("{}", e.getMessage());
        executors.runCallback(() -> result.completeExceptionally(e));
    }

    /**
     * Tells telemetry of one request's end; not for a failure caused by closing the client
     * ({@code byClose}: the client was closed when the failure was seen, before its future was completed).
     */
    private void report(HttpRequest request, int status, long startNanos, boolean byClose) {
        if (byClose) {
            return;
        }
        config.telemetry().request(request.endpoint(), status, Duration.ofNanos(Math.max(0, System.nanoTime() - startNanos)));
    }

    private HttpConnectException connectFailure(HttpRequest request, String problem, Throwable cause) {
        return new HttpConnectException(request.method().name(), request.path(), config.hostAndPort(), problem, cause);
    }

    private String describeConnectFailure(Throwable cause) {
        if (cause instanceof io.netty.channel.ConnectTimeoutException) {
            return "connect timed out after " + Durations.human(config.connectTimeout());
        }
        if (cause instanceof TimeoutException) {
            return "no free connection within " + Durations.human(config.acquireTimeout())
                    + " (all " + config.maxConnections() + " busy)";
        }
        if (cause instanceof ConnectException) {
            return "connection refused";
        }
        if (cause instanceof UnknownHostException) {
            return "unknown host";
        }
        if (closed.get()) {
            return "the HTTP client is closed";
        }
        return "could not connect: " + message(cause);
    }

    private static String message(Throwable t) {
        if (t == null) {
            return "unknown cause";
        }
        if (t instanceof ClosedChannelException) {
            return "connection closed";
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getClass().getSimpleName() + ": " + t.getMessage();
    }

    /** One request on one leased connection: finishes exactly once, then returns the connection. */
    private final class Exchange {
        private final Channel channel;
        private final HttpRequest request;
        private final CompletableFuture<HttpResponse> result;
        private final AtomicBoolean done = new AtomicBoolean();
        private volatile boolean written;
        private volatile long writtenAt = System.nanoTime();
        private volatile ScheduledFuture<?> timer;

        Exchange(Channel channel, HttpRequest request, CompletableFuture<HttpResponse> result) {
            this.channel = channel;
            this.request = request;
            this.result = result;
        }

        void startTimer(Duration timeout) {
            timer = channel.eventLoop().schedule(() -> fail(new HttpTimeoutException(request.method().name(),
                    request.path(), config.hostAndPort(), written, "no response within " + Durations.human(timeout), null)),
                    timeout.toNanos(), TimeUnit.NANOSECONDS);
        }

        void succeed(HttpResponse response, boolean keepAlive) {
            if (!finish()) {
                return;
            }
            pool.release(channel, keepAlive);
            executors.runCallback(() -> result.complete(response));
            report(request, response.status(), writtenAt, false);
        }

        void fail(HttpTransportException e) {
            if (!finish()) {
                return;
            }
            log.debug("{}", e.getMessage());
            pool.release(channel, false);
            boolean byClose = closed.get();
            executors.runCallback(() -> result.completeExceptionally(e));
            report(request, 0, writtenAt, byClose);
        }

        void failClosed(String problem, Throwable cause) {
            fail(new HttpConnectionClosedException(request.method().name(), request.path(), config.hostAndPort(),
                    written, problem, cause));
        }

        void failProtocol(String problem, Throwable cause) {
            fail(new HttpProtocolException(request.method().name(), request.path(), config.hostAndPort(), problem, cause));
        }

        private boolean finish() {
            if (!done.compareAndSet(false, true)) {
                return false;
            }
            ScheduledFuture<?> t = timer;
            if (t != null) {
                t.cancel(false);
            }
            channel.attr(EXCHANGE).compareAndSet(this, null);
            return true;
        }
    }

    /** Builds the pipeline of a new connection. */
    private void initConnection(Channel ch) {
        connectionsOpened.incrementAndGet();
        channels.add(ch);
        ch.closeFuture().addListener(f -> channels.remove(ch));
        if (config.isTls()) {
            SslHandler ssl = config.tls().sslContext().newHandler(ch.alloc(), host, config.port());
            ssl.setHandshakeTimeoutMillis(config.connectTimeout().toMillis());
            ch.pipeline().addLast("tls", ssl);
        }
        long idleMs = config.idleTimeout().toMillis();
        ch.pipeline()
                .addLast("idle", new IdleStateHandler(0, 0, idleMs, TimeUnit.MILLISECONDS))
                .addLast("codec", new HttpClientCodec())
                .addLast("decompress", new HttpContentDecompressor(0))
                .addLast("aggregate", new HttpObjectAggregator(config.maxResponseBytes()))
                .addLast("response", new ResponseHandler());
        if (closed.get()) {
            ch.close();
        }
    }

    /** Completes the connection's current exchange from the aggregated response or the failure. */
    private final class ResponseHandler extends SimpleChannelInboundHandler<FullHttpResponse> {
        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpResponse msg) {
            Exchange exchange = ctx.channel().attr(EXCHANGE).get();
            if (exchange == null) {
                log.debug("unexpected response from {} on an idle connection; closing it", config.hostAndPort());
                ctx.close();
                return;
            }
            if (!msg.decoderResult().isSuccess()) {
                exchange.failProtocol("malformed response: " + message(msg.decoderResult().cause()), msg.decoderResult().cause());
                return;
            }
            Headers.Builder headers = Headers.builder();
            for (Map.Entry<String, String> e : msg.headers()) {
                headers.add(e.getKey(), e.getValue());
            }
            byte[] body = ByteBufUtil.getBytes(msg.content());
            exchange.succeed(new HttpResponse(msg.status().code(), headers.build(), body), HttpUtil.isKeepAlive(msg));
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) throws Exception {
            Exchange exchange = ctx.channel().attr(EXCHANGE).get();
            if (exchange != null) {
                exchange.failClosed(closed.get() ? "the HTTP client was closed" : "connection closed before the response", null);
            }
            super.channelInactive(ctx);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            Exchange exchange = ctx.channel().attr(EXCHANGE).get();
            if (exchange == null) {
                log.debug("error on an idle connection to {}; closing it: {}", config.hostAndPort(), message(cause));
            } else if (cause instanceof TooLongFrameException || cause.getCause() instanceof TooLongFrameException) {
                exchange.failProtocol("response larger than " + config.maxResponseBytes() + " bytes", cause);
            } else if (cause instanceof DecoderException && !(cause.getCause() instanceof SSLException)) {
                exchange.failProtocol("malformed response: " + message(cause), cause);
            } else {
                exchange.failClosed("connection error: " + message(cause), cause);
            }
            ctx.close();
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
            if (evt instanceof IdleStateEvent && ctx.channel().attr(EXCHANGE).get() == null) {
                log.debug("closing a connection to {} idle for {}", config.hostAndPort(), Durations.human(config.idleTimeout()));
                ctx.close();
                return;
            }
            super.userEventTriggered(ctx, evt);
        }
    }
}

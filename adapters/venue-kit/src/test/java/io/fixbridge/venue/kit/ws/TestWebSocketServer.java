package io.fixbridge.venue.kit.ws;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.util.ReferenceCountUtil;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A Netty WebSocket server on 127.0.0.1 for tests: echoes text, records what it receives, and can
 * drop connections, go silent, ping, send fragmented messages and close frames.
 */
final class TestWebSocketServer implements AutoCloseable {
    final List<String> received = new CopyOnWriteArrayList<>();
    final List<String> paths = new CopyOnWriteArrayList<>();
    final List<Integer> closeStatuses = new CopyOnWriteArrayList<>();
    final AtomicInteger handshakes = new AtomicInteger();
    final AtomicInteger pings = new AtomicInteger();
    final AtomicInteger pongs = new AtomicInteger();
    volatile boolean muted;
    private final Set<Channel> open = ConcurrentHashMap.newKeySet();
    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final Channel serverChannel;

    TestWebSocketServer() throws InterruptedException {
        serverChannel = new ServerBootstrap()
                .group(group)
                .channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        ch.pipeline()
                                .addLast(new HttpServerCodec())
                                .addLast(new HttpObjectAggregator(65536))
                                .addLast(new PathRecorder())
                                .addLast(new Interceptor())
                                .addLast(new WebSocketServerProtocolHandler(io.netty.handler.codec.http.websocketx.WebSocketServerProtocolConfig.newBuilder()
                                        .websocketPath("/ws").checkStartsWith(true).maxFramePayloadLength(1 << 20)
                                        .sendCloseFrame(null).build()))
                                .addLast(new Echo())
                                .addLast(new NotFound());
                    }
                })
                .bind(new InetSocketAddress("127.0.0.1", 0)).sync().channel();
    }

    String url(String path) {
        return "ws://127.0.0.1:" + ((InetSocketAddress) serverChannel.localAddress()).getPort() + path;
    }

    int openConnections() {
        return open.size();
    }

    /** Drops every connection without a close frame. */
    void dropAll() {
        open.forEach(Channel::close);
    }

    void sendToAll(WebSocketFrame... frames) {
        for (Channel ch : open) {
            for (WebSocketFrame f : frames) {
                ch.write(f.retainedDuplicate());
            }
            ch.flush();
        }
        for (WebSocketFrame f : frames) {
            f.release();
        }
    }

    void sendFragmented(String first, String rest) {
        sendToAll(new TextWebSocketFrame(false, 0, first), new ContinuationWebSocketFrame(true, 0, rest));
    }

    void ping() {
        sendToAll(new PingWebSocketFrame(Unpooled.wrappedBuffer(new byte[] {1, 2, 3})));
    }

    void closeAll(int status, String reason) {
        sendToAll(new CloseWebSocketFrame(status, reason));
    }

    @Override
    public void close() {
        serverChannel.close().syncUninterruptibly();
        dropAll();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    private final class PathRecorder extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof io.netty.handler.codec.http.FullHttpRequest req) {
                paths.add(req.uri());
            }
            ctx.fireChannelRead(msg);
        }
    }

    /** Sees frames before the protocol handler: counts pings and pongs, and swallows everything when muted. */
    private final class Interceptor extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof WebSocketFrame) {
                if (msg instanceof PingWebSocketFrame) {
                    pings.incrementAndGet();
                } else if (msg instanceof PongWebSocketFrame) {
                    pongs.incrementAndGet();
                } else if (msg instanceof CloseWebSocketFrame close) {
                    closeStatuses.add(close.statusCode());
                }
                if (muted) {
                    ReferenceCountUtil.release(msg);
                    return;
                }
            }
            ctx.fireChannelRead(msg);
        }
    }

    /** Answers 404 to plain HTTP requests, except {@code /hang} which gets no answer at all. */
    private static final class NotFound extends SimpleChannelInboundHandler<io.netty.handler.codec.http.FullHttpRequest> {
        @Override
        protected void channelRead0(ChannelHandlerContext ctx, io.netty.handler.codec.http.FullHttpRequest req) {
            if (req.uri().startsWith("/hang")) {
                return;
            }
            io.netty.handler.codec.http.DefaultFullHttpResponse resp = new io.netty.handler.codec.http.DefaultFullHttpResponse(
                    io.netty.handler.codec.http.HttpVersion.HTTP_1_1, io.netty.handler.codec.http.HttpResponseStatus.NOT_FOUND);
            resp.headers().set(io.netty.handler.codec.http.HttpHeaderNames.CONTENT_LENGTH, 0);
            ctx.writeAndFlush(resp);
        }
    }

    private final class Echo extends SimpleChannelInboundHandler<WebSocketFrame> {
        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
            if (evt instanceof WebSocketServerProtocolHandler.HandshakeComplete) {
                open.add(ctx.channel());
                ctx.channel().closeFuture().addListener(f -> open.remove(ctx.channel()));
                handshakes.incrementAndGet();
            }
            super.userEventTriggered(ctx, evt);
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, WebSocketFrame frame) {
            if (frame instanceof TextWebSocketFrame text) {
                received.add(text.text());
                ctx.writeAndFlush(new TextWebSocketFrame(text.text()));
            }
        }
    }
}

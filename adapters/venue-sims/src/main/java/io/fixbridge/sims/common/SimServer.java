package io.fixbridge.sims.common;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.util.concurrent.DefaultThreadFactory;

import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * A simulator's Netty server on 127.0.0.1: one acceptor thread and two I/O threads; each
 * connection gets an HTTP codec, an aggregator and a fresh handler from the supplier (which
 * answers REST and hands WebSocket upgrades on). Thread-safe; {@link #close} is idempotent.
 */
public final class SimServer implements AutoCloseable {
    private final EventLoopGroup boss;
    private final EventLoopGroup workers;
    private final Supplier<ChannelHandler> gateways;
    private volatile Channel serverChannel;

    /**
     * @param threadPrefix names the threads ({@code <prefix>-accept}, {@code <prefix>-io})
     * @param gateways     makes the handler of each new connection
     */
    public SimServer(String threadPrefix, Supplier<ChannelHandler> gateways) {
        this.boss = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory(threadPrefix + "-accept", true),
                NioIoHandler.newFactory());
        this.workers = new MultiThreadIoEventLoopGroup(2, new DefaultThreadFactory(threadPrefix + "-io", true),
                NioIoHandler.newFactory());
        this.gateways = gateways;
    }

    /** Binds 127.0.0.1:{@code port} (0: any free port) and answers the bound port. */
    public int bind(int port) throws InterruptedException {
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(boss, workers)
                .channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast("http", new HttpServerCodec());
                        ch.pipeline().addLast("aggregator", new HttpObjectAggregator(1 << 20));
                        ch.pipeline().addLast("gateway", gateways.get());
                    }
                });
        serverChannel = bootstrap.bind(new InetSocketAddress("127.0.0.1", port)).sync().channel();
        return ((InetSocketAddress) serverChannel.localAddress()).getPort();
    }

    @Override
    public void close() {
        Channel ch = serverChannel;
        if (ch != null) {
            ch.close().awaitUninterruptibly(2, TimeUnit.SECONDS);
        }
        boss.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(3, TimeUnit.SECONDS);
        workers.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(3, TimeUnit.SECONDS);
    }
}

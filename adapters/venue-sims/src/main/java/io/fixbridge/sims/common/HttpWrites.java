package io.fixbridge.sims.common;

import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;

/**
 * Writes an HTTP response and keeps or closes the connection, telling the client which: a
 * connection closed after a response without {@code Connection: close} looks reusable to the
 * client's pool, whose next request on it then fails with no bytes read. Call on the channel's
 * event loop.
 */
public final class HttpWrites {
    private HttpWrites() {
    }

    /** Sends {@code response}; with {@code keepAlive} false it says {@code Connection: close} and closes after. */
    public static void send(ChannelHandlerContext ctx, FullHttpResponse response, boolean keepAlive) {
        if (keepAlive) {
            response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
            ctx.writeAndFlush(response);
        } else {
            response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
            ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
        }
    }
}

package io.fixbridge.sims.binance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.util.concurrent.ScheduledFuture;

import java.util.concurrent.TimeUnit;

/**
 * One user-data stream connection of a listen key ({@code /ws/<key>} raw, {@code /stream}
 * wrapped). From the handshake answer on it receives the account's events; the server pings it
 * periodically; a JSON request with an {@code id} (e.g. SUBSCRIBE) is answered
 * {@code {"result":null,"id":...}}.
 *
 * <p><b>Threading:</b> one instance per connection, on that connection's event loop.
 */
final class StreamHandler extends SimpleChannelInboundHandler<TextWebSocketFrame> {
    private final UserDataHub hub;
    private final ListenKeys.Key key;
    private final boolean combined;
    private final long pingMillis;
    private ScheduledFuture<?> pinger;

    StreamHandler(UserDataHub hub, ListenKeys.Key key, boolean combined, long pingMillis) {
        this.hub = hub;
        this.key = key;
        this.combined = combined;
        this.pingMillis = pingMillis;
    }

    /**
     * Joins the hub when this handler enters the pipeline, before the handshake answer is written,
     * not on {@code HandshakeComplete}: that event fires after the 101 has reached the socket, and a
     * client that places an order the moment it sees the 101 would otherwise lose that order's
     * events. Nothing can reach the client ahead of the 101: the upgrade runs on the channel's event
     * loop and writes the 101 before it returns, and the engine thread's writes are queued behind it
     * on that loop.
     */
    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        hub.add(new UserDataHub.StreamSink(ctx.channel(), key.market(), key.account(), key.value(), combined));
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt instanceof WebSocketServerProtocolHandler.HandshakeComplete) {
            if (pingMillis > 0) {
                pinger = ctx.executor().scheduleAtFixedRate(() -> ctx.writeAndFlush(new PingWebSocketFrame()),
                        pingMillis, pingMillis, TimeUnit.MILLISECONDS);
            }
        }
        super.userEventTriggered(ctx, evt);
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, TextWebSocketFrame frame) {
        JsonNode request = Json.parse(frame.text());
        if (request != null && request.has("id")) {
            ObjectNode answer = Json.object();
            answer.putNull("result");
            answer.set("id", request.get("id"));
            ctx.writeAndFlush(new TextWebSocketFrame(Json.write(answer)));
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        if (pinger != null) {
            pinger.cancel(false);
        }
        super.channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }
}

package io.fixbridge.sims.binance;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;

import java.time.Clock;
import java.util.List;
import java.util.Map;

/**
 * Where WebSocket upgrades go: {@code /ws-api/v3} becomes a spot WebSocket API session;
 * {@code /ws/<listenKey>}, {@code /private/ws?listenKey=<listenKey>} (the futures private route) and
 * {@code /stream?streams=<listenKey>} become user-data streams of that
 * key (an unknown or expired key is refused with HTTP 400 and -1125 before the handshake). The
 * upgrade replaces the HTTP gateway of the connection with Netty's WebSocket protocol handler
 * (handshake, close frames, ping/pong) and the session's frame handler.
 *
 * <p><b>Threading:</b> immutable and thread-safe; {@link #upgrade} runs on the connection's event
 * loop.
 */
final class WebSocketRoutes {
    static final String WS_API_PATH = "/ws-api/v3";
    /** USD-M futures' split private route: {@code /private/ws?listenKey=<key>} (raw events). */
    static final String PRIVATE_PATH = "/private/ws";

    private final UserDataHub hub;
    private final ListenKeys listenKeys;
    private final Authenticator auth;
    private final RateLimiter spotLimiter;
    private final Faults faults;
    private final Clock clock;
    private final long pingMillis;

    WebSocketRoutes(UserDataHub hub, ListenKeys listenKeys, Authenticator auth, RateLimiter spotLimiter,
                    Faults faults, Clock clock, long pingMillis) {
        this.hub = hub;
        this.listenKeys = listenKeys;
        this.auth = auth;
        this.spotLimiter = spotLimiter;
        this.faults = faults;
        this.clock = clock;
        this.pingMillis = pingMillis;
    }

    void upgrade(ChannelHandlerContext ctx, ChannelHandler gateway, FullHttpRequest req) {
        QueryStringDecoder decoder = new QueryStringDecoder(req.uri());
        String path = decoder.path();
        ChannelHandler frames;
        if (WS_API_PATH.equals(path)) {
            frames = new WsApiHandler(hub, auth, spotLimiter, faults, clock, pingMillis);
        } else if (path.startsWith("/ws/") || "/stream".equals(path) || PRIVATE_PATH.equals(path)) {
            String key = path.startsWith("/ws/") ? path.substring(4)
                    : PRIVATE_PATH.equals(path) ? first(decoder.parameters(), "listenKey")
                    : firstStream(decoder.parameters());
            ListenKeys.Key listenKey = key == null ? null : listenKeys.lookup(key);
            if (listenKey == null) {
                HttpGateway.write(ctx, RestResponse.error(Errors.listenKeyUnknown()), false);
                return;
            }
            frames = new StreamHandler(hub, listenKey, "/stream".equals(path), pingMillis);
        } else {
            HttpGateway.write(ctx, new RestResponse(404, Json.object(), Map.of()), false);
            return;
        }
        ChannelPipeline pipeline = ctx.pipeline();
        WebSocketServerProtocolConfig config = WebSocketServerProtocolConfig.newBuilder()
                .websocketPath(path)
                .checkStartsWith(true)
                .maxFramePayloadLength(1 << 20)
                .build();
        pipeline.addAfter(ctx.name(), "ws-protocol", new WebSocketServerProtocolHandler(config));
        pipeline.addAfter("ws-protocol", "ws-frames", frames);
        hub.register(ctx.channel());
        ctx.fireChannelRead(req.retain());
        pipeline.remove(gateway);
    }

    private static String first(Map<String, List<String>> query, String name) {
        List<String> values = query.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    private static String firstStream(Map<String, List<String>> query) {
        List<String> streams = query.get("streams");
        if (streams == null || streams.isEmpty()) {
            return null;
        }
        for (String s : streams.get(0).split("/")) {
            if (!s.contains("@")) {
                return s;
            }
        }
        return null;
    }
}

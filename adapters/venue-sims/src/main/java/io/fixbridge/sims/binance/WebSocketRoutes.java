package io.fixbridge.sims.binance;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Where WebSocket upgrades go:
 * <ul>
 *   <li>{@code /ws-api/v3} becomes a spot WebSocket API session;</li>
 *   <li>{@code /ws/<listenKey>}, {@code /private/ws?listenKey=<listenKey>} (the futures private
 *       route) and {@code /stream?streams=<listenKey>} become user-data streams of that key (an
 *       unknown or expired key is refused with HTTP 400 and -1125 before the handshake);</li>
 *   <li>spot public market streams, as on {@code stream.binance.com}: raw {@code /ws},
 *       {@code /ws/<stream>[/<stream>...]} (a path segment is a stream name when it contains
 *       {@code @}) and combined {@code /stream[/...][?streams=a/b]} (without a listen key among
 *       the streams);</li>
 *   <li>USD-M futures public market streams, as on {@code fstream.binance.com}'s routed paths:
 *       {@code /public/ws[/...]} and {@code /public/stream[/...][?streams=..]} (diff depth),
 *       {@code /market/ws[/...]} and {@code /market/stream[/...][?streams=..]} (aggregate trades).
 *       The legacy unrouted {@code /ws/<stream>} of the futures host is not served: on this one
 *       port {@code /ws} is spot's.</li>
 * </ul>
 * Path segments that are not stream names (ccxt appends a connection number, {@code /ws/0}) are
 * ignored on market routes. The upgrade replaces the HTTP gateway of the connection with Netty's
 * WebSocket protocol handler (handshake, close frames, ping/pong) and the session's frame handler.
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
    private final PublicStreams spotStreams;
    private final PublicStreams futuresStreams;

    WebSocketRoutes(UserDataHub hub, ListenKeys listenKeys, Authenticator auth, RateLimiter spotLimiter,
                    Faults faults, Clock clock, long pingMillis, PublicStreams spotStreams,
                    PublicStreams futuresStreams) {
        this.hub = hub;
        this.listenKeys = listenKeys;
        this.auth = auth;
        this.spotLimiter = spotLimiter;
        this.faults = faults;
        this.clock = clock;
        this.pingMillis = pingMillis;
        this.spotStreams = spotStreams;
        this.futuresStreams = futuresStreams;
    }

    void upgrade(ChannelHandlerContext ctx, ChannelHandler gateway, FullHttpRequest req) {
        QueryStringDecoder decoder = new QueryStringDecoder(req.uri());
        String path = decoder.path();
        ChannelHandler frames;
        boolean userData = true;
        MarketStreamHandler market = marketStreams(path, decoder.parameters());
        if (market != null) {
            frames = market;
            userData = false;
        } else if (WS_API_PATH.equals(path)) {
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
        if (userData) {
            hub.register(ctx.channel());
        }
        ctx.fireChannelRead(req.retain());
        pipeline.remove(gateway);
    }

    /** The market stream connection {@code path} asks for, or null when it is not a market route. */
    private MarketStreamHandler marketStreams(String path, Map<String, List<String>> query) {
        for (StreamName.Route futures : List.of(StreamName.Route.FUTURES_PUBLIC, StreamName.Route.FUTURES_MARKET)) {
            String prefix = futures == StreamName.Route.FUTURES_PUBLIC ? "/public" : "/market";
            if (path.startsWith(prefix + "/")) {
                String rest = path.substring(prefix.length());
                if (isRoute(rest, "/ws")) {
                    return new MarketStreamHandler(futuresStreams, futures, false, names(rest), pingMillis);
                }
                if (isRoute(rest, "/stream")) {
                    return new MarketStreamHandler(futuresStreams, futures, true, combinedNames(rest, query),
                            pingMillis);
                }
                return null;
            }
        }
        if ("/ws".equals(path) || "/ws/".equals(path) || (path.startsWith("/ws/") && path.contains("@"))) {
            return new MarketStreamHandler(spotStreams, StreamName.Route.SPOT, false, names(path), pingMillis);
        }
        if (isRoute(path, "/stream") && firstStream(query) == null) {
            return new MarketStreamHandler(spotStreams, StreamName.Route.SPOT, true, combinedNames(path, query),
                    pingMillis);
        }
        return null;
    }

    private static boolean isRoute(String path, String route) {
        return path.equals(route) || path.startsWith(route + "/");
    }

    /** The stream names among the path's segments (those with an {@code @}). */
    private static List<String> names(String path) {
        List<String> out = new ArrayList<>();
        for (String segment : path.split("/")) {
            if (segment.contains("@")) {
                out.add(segment);
            }
        }
        return out;
    }

    private static List<String> combinedNames(String path, Map<String, List<String>> query) {
        List<String> out = names(path);
        List<String> streams = query.get("streams");
        if (streams != null && !streams.isEmpty()) {
            for (String s : streams.get(0).split("/")) {
                if (s.contains("@")) {
                    out.add(s);
                }
            }
        }
        return out;
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

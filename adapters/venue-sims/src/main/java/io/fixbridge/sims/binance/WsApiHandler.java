package io.fixbridge.sims.binance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.util.concurrent.ScheduledFuture;

import java.time.Clock;
import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One spot WebSocket API session ({@code /ws-api/v3}): JSON requests {@code {id, method, params}}
 * answered {@code {id, status, result | error, rateLimits}}. Methods: {@code ping}, {@code time},
 * {@code session.logon}, {@code session.status}, {@code session.logout},
 * {@code userDataStream.subscribe} (after logon), {@code userDataStream.subscribe.signature}
 * (signed like any WebSocket API request) and {@code userDataStream.unsubscribe}. A subscription
 * receives {@code {"subscriptionId":N,"event":{...}}}. Each request counts against the spot
 * request weight.
 *
 * <p><b>Threading:</b> one instance per connection, on that connection's event loop (the latency
 * fault reschedules work on the same loop).
 */
final class WsApiHandler extends SimpleChannelInboundHandler<TextWebSocketFrame> {
    private final UserDataHub hub;
    private final Authenticator auth;
    private final RateLimiter limiter;
    private final Faults faults;
    private final Clock clock;
    private final long pingMillis;
    private final long connectedSince;
    private final Map<Integer, UserDataHub.WsApiSink> subscriptions = new LinkedHashMap<>();
    private SimAccount loggedOn;
    private long authorizedSince;
    private int nextSubscriptionId;
    private ScheduledFuture<?> pinger;

    WsApiHandler(UserDataHub hub, Authenticator auth, RateLimiter limiter, Faults faults, Clock clock,
                 long pingMillis) {
        this.hub = hub;
        this.auth = auth;
        this.limiter = limiter;
        this.faults = faults;
        this.clock = clock;
        this.pingMillis = pingMillis;
        this.connectedSince = clock.millis();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt instanceof WebSocketServerProtocolHandler.HandshakeComplete && pingMillis > 0) {
            pinger = ctx.executor().scheduleAtFixedRate(() -> ctx.writeAndFlush(new PingWebSocketFrame()),
                    pingMillis, pingMillis, TimeUnit.MILLISECONDS);
        }
        super.userEventTriggered(ctx, evt);
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, TextWebSocketFrame frame) {
        String text = frame.text();
        Duration latency = faults.latency();
        if (latency.isZero()) {
            handle(ctx, text);
        } else {
            ctx.executor().schedule(() -> handle(ctx, text), latency.toNanos(), TimeUnit.NANOSECONDS);
        }
    }

    private void handle(ChannelHandlerContext ctx, String text) {
        JsonNode request = Json.parse(text);
        JsonNode id = request != null && request.has("id") ? request.get("id") : NullNode.instance;
        try {
            if (request == null || !request.isObject() || !request.path("method").isTextual()) {
                throw Errors.invalidJson();
            }
            String method = request.get("method").asText();
            JsonNode params = request.path("params");
            if (!params.isObject()) {
                params = Json.object();
            }
            limiter.addWeight(weight(method));
            answer(ctx, id, 200, "result", dispatch(ctx, method, params));
        } catch (BinanceException e) {
            answer(ctx, id, e.httpStatus(), "error", Json.error(e.code(), e.msg()));
        }
    }

    private static int weight(String method) {
        return switch (method) {
            case "session.logon", "session.status", "session.logout", "userDataStream.subscribe",
                    "userDataStream.subscribe.signature", "userDataStream.unsubscribe" -> 2;
            default -> 1;
        };
    }

    private JsonNode dispatch(ChannelHandlerContext ctx, String method, JsonNode params) {
        return switch (method) {
            case "ping" -> Json.object();
            case "time" -> {
                ObjectNode n = Json.object();
                n.put("serverTime", clock.millis());
                yield n;
            }
            case "session.logon" -> {
                loggedOn = auth.signedWs(params);
                authorizedSince = clock.millis();
                yield sessionStatus();
            }
            case "session.status" -> sessionStatus();
            case "session.logout" -> {
                loggedOn = null;
                yield sessionStatus();
            }
            case "userDataStream.subscribe" -> {
                if (loggedOn == null) {
                    throw Errors.unauthorized();
                }
                yield subscribe(ctx, loggedOn);
            }
            case "userDataStream.subscribe.signature" -> subscribe(ctx, auth.signedWs(params));
            case "userDataStream.unsubscribe" -> unsubscribe(params);
            default -> throw Errors.unsupportedOperation();
        };
    }

    private ObjectNode subscribe(ChannelHandlerContext ctx, SimAccount account) {
        for (UserDataHub.WsApiSink s : subscriptions.values()) {
            if (s.account().equals(account.name())) {
                throw Errors.subscriptionActive();
            }
        }
        int subscriptionId = nextSubscriptionId++;
        UserDataHub.WsApiSink sink = new UserDataHub.WsApiSink(ctx.channel(), account.name(), subscriptionId);
        subscriptions.put(subscriptionId, sink);
        hub.add(sink);
        ObjectNode n = Json.object();
        n.put("subscriptionId", subscriptionId);
        return n;
    }

    private ObjectNode unsubscribe(JsonNode params) {
        if (subscriptions.isEmpty()) {
            throw Errors.subscriptionInactive();
        }
        if (params.has("subscriptionId")) {
            int wanted = params.get("subscriptionId").asInt(-1);
            UserDataHub.WsApiSink sink = subscriptions.remove(wanted);
            if (sink == null) {
                throw Errors.subscriptionInactive();
            }
            hub.remove(sink);
        } else {
            for (Iterator<UserDataHub.WsApiSink> it = subscriptions.values().iterator(); it.hasNext(); ) {
                hub.remove(it.next());
                it.remove();
            }
        }
        return Json.object();
    }

    private ObjectNode sessionStatus() {
        ObjectNode n = Json.object();
        if (loggedOn == null) {
            n.putNull("apiKey");
            n.putNull("authorizedSince");
        } else {
            n.put("apiKey", loggedOn.apiKey());
            n.put("authorizedSince", authorizedSince);
        }
        n.put("connectedSince", connectedSince);
        n.put("returnRateLimits", true);
        n.put("serverTime", clock.millis());
        n.put("userDataStream", !subscriptions.isEmpty());
        return n;
    }

    private void answer(ChannelHandlerContext ctx, JsonNode id, int status, String field, JsonNode value) {
        ObjectNode n = Json.object();
        n.set("id", id);
        n.put("status", status);
        n.set(field, value);
        ArrayNode limits = n.putArray("rateLimits");
        ObjectNode weight = limits.addObject();
        weight.put("rateLimitType", "REQUEST_WEIGHT");
        weight.put("interval", "MINUTE");
        weight.put("intervalNum", 1);
        weight.put("limit", limiter.limits().requestWeightPerMinute());
        weight.put("count", limiter.usedWeight());
        ctx.writeAndFlush(new TextWebSocketFrame(Json.write(n)));
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        if (pinger != null) {
            pinger.cancel(false);
        }
        subscriptions.values().forEach(hub::remove);
        super.channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }
}

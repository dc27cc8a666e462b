package io.fixbridge.sims.bybit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fixbridge.sims.common.SimJson;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One private WebSocket connection ({@code /v5/private}): JSON requests with {@code op}.
 *
 * <ul>
 *   <li>{@code {"op":"auth","args":[apiKey, expires, signature]}}: expires is a millisecond time
 *       in the future (number or string), signature the hex HMAC-SHA256 of
 *       {@code "GET/realtime" + expires} (expires as sent). Answer
 *       {@code {"success":true,"ret_msg":"","op":"auth","conn_id":..}}, or success false with
 *       {@code "Params Error"} (malformed or expired), {@code "API key is invalid."} or
 *       {@code "Signature verification failed"}.</li>
 *   <li>{@code {"op":"subscribe","args":["order","execution","position","wallet",...]}}: needs a
 *       successful auth first (else {@code "Request not authorized"}); every topic must be one
 *       the simulator serves (else {@code "Invalid topic: ..."} and none is subscribed).
 *       {@code unsubscribe} likewise.</li>
 *   <li>{@code {"op":"ping"}}: {@code {"op":"pong","args":["<ms>"],"conn_id":..}}.</li>
 * </ul>
 * A {@code req_id} is echoed first in every answer. The latency fault delays each message.
 *
 * <p><b>Threading:</b> one instance per connection, on its event loop.
 */
final class PrivateWsHandler extends SimpleChannelInboundHandler<TextWebSocketFrame> {
    private final PrivateHub hub;
    private final Authenticator auth;
    private final Faults faults;
    private final String connId = Ids.connId();
    private SimAccount account;

    PrivateWsHandler(PrivateHub hub, Authenticator auth, Faults faults) {
        this.hub = hub;
        this.auth = auth;
        this.faults = faults;
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
        JsonNode request = SimJson.parse(text);
        JsonNode reqId = request == null ? null : request.get("req_id");
        String op = request == null ? "" : request.path("op").asText("");
        JsonNode args = request == null ? null : request.get("args");
        switch (op) {
            case "auth" -> answer(ctx, reqId, "auth", authenticate(args));
            case "subscribe", "unsubscribe" -> answer(ctx, reqId, op, subscribe(ctx, op, args));
            case "ping" -> {
                ObjectNode n = SimJson.object();
                if (reqId != null) {
                    n.set("req_id", reqId);
                }
                n.put("op", "pong");
                n.putArray("args").add(Long.toString(auth.now()));
                n.put("conn_id", connId);
                write(ctx, n);
            }
            default -> {
                ObjectNode n = SimJson.object();
                if (reqId != null) {
                    n.set("req_id", reqId);
                }
                n.put("success", false);
                n.put("ret_msg", "error:invalid op");
                n.put("conn_id", connId);
                if (!op.isEmpty()) {
                    n.put("op", op);
                }
                write(ctx, n);
            }
        }
    }

    /** Answers the auth; the empty string means success. */
    private String authenticate(JsonNode args) {
        if (args == null || !args.isArray() || args.size() != 3 || !args.get(0).isTextual()
                || !args.get(2).isTextual() || !(args.get(1).isIntegralNumber() || args.get(1).isTextual())) {
            return "Params Error";
        }
        String expiresText = args.get(1).isTextual() ? args.get(1).asText() : args.get(1).bigIntegerValue().toString();
        long expires;
        try {
            expires = Long.parseLong(expiresText);
        } catch (NumberFormatException e) {
            return "Params Error";
        }
        if (expires <= auth.now()) {
            return "Params Error";
        }
        SimAccount candidate = auth.byKey(args.get(0).asText());
        if (candidate == null) {
            return "API key is invalid.";
        }
        if (!candidate.verifier().verifyHex("GET/realtime" + expiresText, args.get(2).asText())) {
            return "Signature verification failed";
        }
        if (account != null && !account.name().equals(candidate.name())) {
            return "Already authenticated with another API key";
        }
        account = candidate;
        return "";
    }

    private String subscribe(ChannelHandlerContext ctx, String op, JsonNode args) {
        if (account == null) {
            return "Request not authorized";
        }
        if (args == null || !args.isArray() || args.isEmpty()) {
            return "Params Error";
        }
        List<PrivateHub.Subscription> parsed = new ArrayList<>();
        List<String> invalid = new ArrayList<>();
        for (JsonNode a : args) {
            PrivateHub.Subscription s = a.isTextual() ? PrivateHub.parse(ctx.channel(), account.name(), a.asText())
                    : null;
            if (s == null) {
                invalid.add(a.asText(a.toString()));
            } else {
                parsed.add(s);
            }
        }
        if (!invalid.isEmpty()) {
            return "Invalid topic: " + invalid;
        }
        for (PrivateHub.Subscription s : parsed) {
            if ("subscribe".equals(op)) {
                hub.subscribe(s);
            } else {
                hub.unsubscribe(ctx.channel(), s.name());
            }
        }
        return "";
    }

    private void answer(ChannelHandlerContext ctx, JsonNode reqId, String op, String error) {
        ObjectNode n = SimJson.object();
        if (reqId != null) {
            n.set("req_id", reqId);
        }
        n.put("success", error.isEmpty());
        n.put("ret_msg", error);
        n.put("op", op);
        n.put("conn_id", connId);
        write(ctx, n);
    }

    private static void write(ChannelHandlerContext ctx, ObjectNode n) {
        ctx.writeAndFlush(new TextWebSocketFrame(SimJson.write(n)));
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }
}

package io.fixbridge.sims.binance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.util.concurrent.ScheduledFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * One public market stream connection: raw ({@code /ws/<streams>}, events as they are) or
 * combined ({@code /stream?streams=...}, events wrapped {@code {"stream":..,"data":..}}), with
 * the streams named in its URL subscribed from the start. On it the client may send Binance's
 * live requests: {@code SUBSCRIBE} and {@code UNSUBSCRIBE} ({@code params}: stream names),
 * {@code LIST_SUBSCRIPTIONS}, {@code SET_PROPERTY ["combined", bool]} and
 * {@code GET_PROPERTY ["combined"]}, answered {@code {"result":..,"id":..}}, or with Binance's
 * error messages ({@code {"code":0|1|2|3,"msg":..}}). A connection that sends more than its
 * route's incoming messages per second (spot 5, futures 10) is disconnected, as Binance does. The
 * server pings it periodically.
 *
 * <p><b>Threading:</b> one instance per connection; requests are handled on the connection's event
 * loop; {@link #deliver} is called from the engine thread (Netty queues the write onto the loop).
 */
final class MarketStreamHandler extends SimpleChannelInboundHandler<TextWebSocketFrame>
        implements PublicStreams.Subscriber {
    private static final Logger LOG = LoggerFactory.getLogger(MarketStreamHandler.class);
    private static final Pattern STRING_ID = Pattern.compile("^[A-Za-z0-9]{1,36}$");
    private static final String METHODS = "`SUBSCRIBE`, `UNSUBSCRIBE`, `LIST_SUBSCRIPTIONS`, `SET_PROPERTY`, "
            + "`GET_PROPERTY`";

    private final PublicStreams streams;
    private final StreamName.Route route;
    private final Set<String> subscribed = new CopyOnWriteArraySet<>();
    private final long pingMillis;
    private final ArrayDeque<Long> recentNanos = new ArrayDeque<>();
    private volatile boolean combined;
    private volatile Channel channel;
    private ScheduledFuture<?> pinger;

    /**
     * @param streams    the market's publisher
     * @param route      which streams this connection's path delivers
     * @param combined   whether events are wrapped ({@code /stream}) or raw ({@code /ws})
     * @param initial    stream names from the URL
     * @param pingMillis server ping interval; zero for none
     */
    MarketStreamHandler(PublicStreams streams, StreamName.Route route, boolean combined, Collection<String> initial,
                        long pingMillis) {
        this.streams = streams;
        this.route = route;
        this.combined = combined;
        this.subscribed.addAll(initial);
        this.pingMillis = pingMillis;
    }

    @Override
    public StreamName.Route route() {
        return route;
    }

    @Override
    public Set<String> streams() {
        return subscribed;
    }

    @Override
    public void deliver(String stream, String payload) {
        Channel c = channel;
        if (c == null || !c.isActive() || !subscribed.contains(stream)) {
            return;
        }
        String text = combined ? "{\"stream\":\"" + stream + "\",\"data\":" + payload + "}" : payload;
        c.writeAndFlush(new TextWebSocketFrame(text));
    }

    @Override
    public void drop() {
        Channel c = channel;
        if (c != null) {
            c.close();
        }
    }

    /** Joins the publisher before the handshake answer is written (see {@link StreamHandler#handlerAdded}). */
    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        channel = ctx.channel();
        streams.register(this);
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
        if (!withinMessageLimit()) {
            LOG.info("market stream connection sent more than {} messages in a second; disconnecting it",
                    route.messagesPerSecond());
            ctx.close();
            return;
        }
        ctx.writeAndFlush(new TextWebSocketFrame(Json.write(answer(frame.text()))));
    }

    private boolean withinMessageLimit() {
        long now = System.nanoTime();
        while (!recentNanos.isEmpty() && now - recentNanos.peekFirst() >= 1_000_000_000L) {
            recentNanos.pollFirst();
        }
        recentNanos.addLast(now);
        return recentNanos.size() <= route.messagesPerSecond();
    }

    private ObjectNode answer(String text) {
        JsonNode request = Json.parse(text);
        if (request == null) {
            return error(3, "Invalid JSON: expected value at line 1 column 1", null);
        }
        JsonNode method = request.get("method");
        if (method == null) {
            return error(2, "Invalid request: missing field `method` at line 1 column " + text.length(), null);
        }
        JsonNode id = request.get("id");
        if (!validId(id)) {
            return error(2, "Invalid request: request ID must be an unsigned integer", null);
        }
        JsonNode params = request.get("params");
        return switch (method.asText()) {
            case "SUBSCRIBE" -> change(params, id, true);
            case "UNSUBSCRIBE" -> change(params, id, false);
            case "LIST_SUBSCRIPTIONS" -> {
                ArrayNode list = Json.array();
                subscribed.forEach(list::add);
                yield result(list, id);
            }
            case "SET_PROPERTY" -> setProperty(params, id);
            case "GET_PROPERTY" -> getProperty(params, id);
            default -> {
                String variant = method.asText();
                int column = text.indexOf(variant) + variant.length() + 1;
                yield error(2, "Invalid request: unknown variant `" + variant + "`, expected one of " + METHODS
                        + " at line 1 column " + column, null);
            }
        };
    }

    private ObjectNode change(JsonNode params, JsonNode id, boolean subscribe) {
        if (params == null || !params.isArray()) {
            return error(2, "Invalid request: `params` must be an array of stream names", id);
        }
        for (JsonNode p : params) {
            if (!p.isTextual()) {
                return error(2, "Invalid request: `params` must be an array of stream names", id);
            }
        }
        for (JsonNode p : params) {
            if (subscribe) {
                subscribed.add(p.asText());
            } else {
                subscribed.remove(p.asText());
            }
        }
        return result(null, id);
    }

    private ObjectNode setProperty(JsonNode params, JsonNode id) {
        if (params == null || !params.isArray() || params.isEmpty() || !params.get(0).isTextual()) {
            return error(2, "Invalid request: property name must be a string", id);
        }
        if (params.size() > 2) {
            return error(2, "Invalid request: too many parameters", id);
        }
        if (!"combined".equals(params.get(0).asText())) {
            return error(0, "Unknown property", id);
        }
        if (params.size() < 2 || !params.get(1).isBoolean()) {
            return error(1, "Invalid value type: expected Boolean", id);
        }
        combined = params.get(1).asBoolean();
        return result(null, id);
    }

    private ObjectNode getProperty(JsonNode params, JsonNode id) {
        if (params == null || !params.isArray() || params.isEmpty() || !params.get(0).isTextual()) {
            return error(2, "Invalid request: property name must be a string", id);
        }
        if (params.size() > 1) {
            return error(2, "Invalid request: too many parameters", id);
        }
        if (!"combined".equals(params.get(0).asText())) {
            return error(0, "Unknown property", id);
        }
        ObjectNode n = Json.object();
        n.put("result", combined);
        n.set("id", id);
        return n;
    }

    /** A 64-bit integer, an alphanumeric string of at most 36 characters, or null (Binance's accepted ids). */
    private static boolean validId(JsonNode id) {
        if (id == null) {
            return false;
        }
        if (id.isNull()) {
            return true;
        }
        if (id.isIntegralNumber()) {
            return id.canConvertToLong();
        }
        return id.isTextual() && STRING_ID.matcher(id.asText()).matches();
    }

    private static ObjectNode result(JsonNode result, JsonNode id) {
        ObjectNode n = Json.object();
        if (result == null) {
            n.putNull("result");
        } else {
            n.set("result", result);
        }
        n.set("id", id);
        return n;
    }

    private static ObjectNode error(int code, String msg, JsonNode id) {
        ObjectNode n = Json.object();
        n.put("code", code);
        n.put("msg", msg);
        if (id != null) {
            n.set("id", id);
        }
        return n;
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        streams.unregister(this);
        if (pinger != null) {
            pinger.cancel(false);
        }
        super.channelInactive(ctx);
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        streams.unregister(this);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.debug("market stream connection failed: {}", cause.toString());
        ctx.close();
    }
}

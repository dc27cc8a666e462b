package io.fixbridge.sims.bybit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fixbridge.sims.common.EngineThread;
import io.fixbridge.sims.common.SimJson;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One public WebSocket connection of a category ({@code /v5/public/spot}, {@code /linear},
 * {@code /inverse}); no authentication.
 *
 * <ul>
 *   <li>{@code {"op":"subscribe","args":["orderbook.50.BTCUSDT","publicTrade.BTCUSDT"],"req_id":".."}}:
 *       every topic must be one the category serves ({@link PublicTopic}), else the whole request
 *       answers {@code "error:handler not found,topic:<first bad topic>"} and nothing is subscribed;
 *       a topic the connection already has answers {@code "error:already subscribed,topic:<topic>"}
 *       (the others are subscribed). Spot takes at most 10 args per request ({@code "args size >10"}).
 *       Success answers {@code {"success":true,"ret_msg":"","conn_id":..,"req_id":..,"op":"subscribe"}}
 *       ({@code ret_msg} {@code "subscribe"} on spot, as Bybit's spot stream says), then one
 *       orderbook snapshot per orderbook topic.</li>
 *   <li>{@code unsubscribe} likewise ({@code "unsubscribe"} on spot), without the duplicate check.</li>
 *   <li>{@code {"op":"ping"}}: {@code {"success":true,"ret_msg":"pong","conn_id":..,"req_id":..,"op":"ping"}}.</li>
 *   <li>Another op: {@code "error:invalid op"}; text that is not JSON:
 *       {@code "Failed to decode incoming data: ..."}.</li>
 * </ul>
 * {@code req_id} is echoed when sent; linear and inverse answer {@code ""} without one, spot leaves
 * it out. The latency fault delays each request.
 *
 * <p><b>Threading:</b> one instance per connection, on its event loop; subscriptions, their answers
 * and snapshots are made on the engine thread, so no delta can overtake a snapshot.
 */
final class PublicWsHandler extends SimpleChannelInboundHandler<TextWebSocketFrame> {
    private static final Logger LOG = LoggerFactory.getLogger(PublicWsHandler.class);
    /** Spot's limit of topics per subscribe request. */
    static final int SPOT_MAX_ARGS = 10;

    private final Category category;
    private final PublicHub hub;
    private final EngineThread engine;
    private final Map<String, Listing> listings;
    private final Faults faults;
    private final String connId = Ids.connId();

    PublicWsHandler(Category category, PublicHub hub, EngineThread engine, Map<String, Listing> listings,
                    Faults faults) {
        this.category = category;
        this.hub = hub;
        this.engine = engine;
        this.listings = listings;
        this.faults = faults;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        Channel ch = ctx.channel();
        ch.closeFuture().addListener(f -> engine.call(() -> {
            hub.closed(ch);
            return null;
        }));
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, TextWebSocketFrame frame) {
        String text = frame.text();
        Duration latency = faults.latency();
        if (latency.isZero()) {
            handle(ctx.channel(), text);
        } else {
            ctx.executor().schedule(() -> handle(ctx.channel(), text), latency.toNanos(), TimeUnit.NANOSECONDS);
        }
    }

    private void handle(Channel ch, String text) {
        JsonNode request = SimJson.parse(text);
        if (request == null || !request.isObject()) {
            ObjectNode n = answer(null, false, "Failed to decode incoming data: not a JSON object", null);
            write(ch, n);
            return;
        }
        JsonNode reqId = request.get("req_id");
        String op = request.path("op").asText("");
        switch (op) {
            case "subscribe", "unsubscribe" -> subscription(ch, op, reqId, request.get("args"));
            case "ping" -> write(ch, answer(reqId, true, "pong", "ping"));
            default -> write(ch, answer(reqId, false, "error:invalid op", op.isEmpty() ? null : op));
        }
    }

    private void subscription(Channel ch, String op, JsonNode reqId, JsonNode args) {
        if (args == null || !args.isArray() || args.isEmpty()) {
            write(ch, answer(reqId, false, "Params Error", op));
            return;
        }
        if (category == Category.SPOT && args.size() > SPOT_MAX_ARGS) {
            write(ch, answer(reqId, false, "args size >" + SPOT_MAX_ARGS, op));
            return;
        }
        List<PublicTopic> topics = new ArrayList<>();
        for (JsonNode a : args) {
            PublicTopic t = a.isTextual() ? PublicTopic.parse(category, a.asText(), listings) : null;
            if (t == null) {
                write(ch, answer(reqId, false, "error:handler not found,topic:" + a.asText(a.toString()), op));
                return;
            }
            topics.add(t);
        }
        boolean subscribing = "subscribe".equals(op);
        engine.call(() -> {
            if (!ch.isActive()) {
                return null;
            }
            if (!subscribing) {
                topics.forEach(t -> hub.unsubscribe(ch, category, t.name()));
                write(ch, answer(reqId, true, ok(op), op));
                return null;
            }
            List<PublicTopic> added = new ArrayList<>();
            String already = null;
            for (PublicTopic t : topics) {
                if (hub.subscribe(ch, category, t)) {
                    added.add(t);
                } else if (already == null) {
                    already = t.name();
                }
            }
            write(ch, already == null ? answer(reqId, true, ok(op), op)
                    : answer(reqId, false, "error:already subscribed,topic:" + already, op));
            for (PublicTopic t : added) {
                if (t.book()) {
                    write(ch, hub.snapshot(t));
                }
            }
            return null;
        }).whenComplete((ok, e) -> {
            if (e != null) {
                LOG.error("public {} subscription failed", category.wire(), e);
                ch.close();
            }
        });
    }

    /** The {@code ret_msg} of a successful (un)subscribe: spot names the op, linear and inverse say nothing. */
    private String ok(String op) {
        return category == Category.SPOT ? op : "";
    }

    private ObjectNode answer(JsonNode reqId, boolean success, String retMsg, String op) {
        ObjectNode n = SimJson.object();
        n.put("success", success);
        n.put("ret_msg", retMsg);
        n.put("conn_id", connId);
        if (reqId != null) {
            n.set("req_id", reqId);
        } else if (category != Category.SPOT) {
            n.put("req_id", "");
        }
        if (op != null) {
            n.put("op", op);
        }
        return n;
    }

    private static void write(Channel ch, ObjectNode n) {
        if (ch.isActive()) {
            ch.writeAndFlush(new TextWebSocketFrame(SimJson.write(n)));
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.debug("public WebSocket connection failed: {}", cause.toString());
        ctx.close();
    }
}

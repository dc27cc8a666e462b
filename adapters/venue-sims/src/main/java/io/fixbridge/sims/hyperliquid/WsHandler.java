package io.fixbridge.sims.hyperliquid;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fixbridge.sims.common.EngineThread;
import io.fixbridge.sims.common.SimJson;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.timeout.IdleStateEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * One {@code /ws} connection: {@code {"method":"ping"}} answers {@code {"channel":"pong"}};
 * {@code {"method":"subscribe"|"unsubscribe","subscription":{...}}} answers
 * {@code {"channel":"subscriptionResponse","data":{"method",...,"subscription":{as sent}}}} and, on
 * subscribe, the first data at once: userFills a snapshot ({@code isSnapshot true}), l2Book the
 * current book, allMids the current mids (orderUpdates and trades have no snapshot: trades come as
 * they happen). A bad request answers
 * {@code {"channel":"error","data":"<text>"}}. A connection that sends nothing for the idle timeout (default 60 s, see
 * {@link HyperliquidSimulator.Builder#wsIdleTimeout}) is closed.
 *
 * <p><b>Threading:</b> one instance per connection, on its event loop; subscriptions and their
 * snapshots are made on the engine thread, so no update can overtake the snapshot.
 */
final class WsHandler extends SimpleChannelInboundHandler<TextWebSocketFrame> {
    private static final Logger LOG = LoggerFactory.getLogger(WsHandler.class);
    private static final Pattern ADDRESS = Pattern.compile("0x[0-9a-fA-F]{40}");

    private final WsHub hub;
    private final EngineThread engineThread;
    private final HlVenue venue;

    WsHandler(WsHub hub, EngineThread engineThread, HlVenue venue) {
        this.hub = hub;
        this.engineThread = engineThread;
        this.venue = venue;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, TextWebSocketFrame frame) {
        JsonNode req = SimJson.parse(frame.text());
        String method = req == null ? "" : req.path("method").asText("");
        Channel ch = ctx.channel();
        switch (method) {
            case "ping" -> WsHub.send(ch, "{\"channel\":\"pong\"}");
            case "subscribe", "unsubscribe" -> subscription(ch, method, req.get("subscription"));
            default -> error(ch, "Error parsing JSON into valid websocket request: " + frame.text());
        }
    }

    private void subscription(Channel ch, String method, JsonNode sub) {
        WsHub.Sub parsed = parse(sub);
        if (parsed == null) {
            error(ch, "Invalid subscription " + (sub == null ? "null" : SimJson.write(sub)));
            return;
        }
        engineThread.call(() -> {
            boolean subscribing = "subscribe".equals(method);
            boolean changed = subscribing ? hub.subscribe(ch, parsed) : hub.unsubscribe(ch, parsed);
            if (!changed) {
                error(ch, (subscribing ? "Already subscribed: " : "Already unsubscribed: ") + SimJson.write(sub));
                return null;
            }
            ObjectNode ack = SimJson.object();
            ack.put("channel", "subscriptionResponse");
            ObjectNode data = ack.putObject("data");
            data.put("method", method);
            data.set("subscription", sub);
            WsHub.send(ch, SimJson.write(ack));
            if (subscribing) {
                ObjectNode first = snapshot(parsed);
                if (first != null) {
                    WsHub.send(ch, SimJson.write(first));
                }
            }
            return null;
        }).whenComplete((ok, e) -> {
            if (e != null) {
                LOG.error("WebSocket subscription failed", e);
                ch.close();
            }
        });
    }

    private ObjectNode snapshot(WsHub.Sub sub) {
        return switch (sub.type()) {
            case "userFills" -> {
                ArrayNode arr = SimJson.array();
                List<HlFill> fills = venue.fills(sub.user());
                for (int i = fills.size() - 1; i >= 0; i--) {
                    arr.add(Views.fill(fills.get(i)));
                }
                yield WsHub.fillsMessage(sub.user(), arr, true);
            }
            case "l2Book" -> {
                HlMarket m = venue.markets().byCoin(sub.coin());
                yield WsHub.bookMessage(Views.book(m, venue.engine(m).book(m.symbol()), venue.now()));
            }
            case "allMids" -> WsHub.midsMessage(venue.allMids());
            default -> null;
        };
    }

    private WsHub.Sub parse(JsonNode sub) {
        if (sub == null || !sub.isObject()) {
            return null;
        }
        String type = sub.path("type").asText("");
        switch (type) {
            case "orderUpdates", "userFills" -> {
                JsonNode user = sub.get("user");
                if (user == null || !user.isTextual() || !ADDRESS.matcher(user.asText()).matches()) {
                    return null;
                }
                return new WsHub.Sub(type, user.asText().toLowerCase(Locale.ROOT), null, sub);
            }
            case "l2Book", "trades" -> {
                JsonNode coin = sub.get("coin");
                if (coin == null || !coin.isTextual() || venue.markets().byCoin(coin.asText()) == null) {
                    return null;
                }
                return new WsHub.Sub(type, null, coin.asText(), sub);
            }
            case "allMids" -> {
                return new WsHub.Sub(type, null, null, sub);
            }
            default -> {
                return null;
            }
        }
    }

    private static void error(Channel ch, String text) {
        ObjectNode n = SimJson.object();
        n.put("channel", "error");
        n.put("data", text);
        WsHub.send(ch, SimJson.write(n));
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt instanceof IdleStateEvent) {
            ctx.close();
            return;
        }
        super.userEventTriggered(ctx, evt);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.debug("WebSocket connection failed: {}", cause.toString());
        ctx.close();
    }
}

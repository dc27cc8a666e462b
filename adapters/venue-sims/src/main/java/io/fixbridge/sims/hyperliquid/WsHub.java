package io.fixbridge.sims.hyperliquid;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fixbridge.sims.common.SimJson;
import io.netty.channel.Channel;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;

import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every open {@code /ws} connection and its subscriptions; publishes the venue's channel messages
 * ({@code orderUpdates}, {@code userFills}, {@code l2Book}, {@code trades}, {@code allMids}) to the
 * connections subscribed to them.
 *
 * <p><b>Threading:</b> thread-safe. Publishing happens on the engine thread (so messages leave in
 * the order the venue produced them); Netty queues each write on the channel's event loop.
 */
final class WsHub {
    /**
     * One subscription.
     *
     * @param type     orderUpdates, userFills, l2Book, trades or allMids
     * @param user     lower-case address for the user channels, else null
     * @param coin     coin for l2Book and trades, else null
     * @param original the subscription object as the client sent it (echoed in the ack)
     */
    record Sub(String type, String user, String coin, JsonNode original) {
        /** Identity without the echo. */
        String key() {
            return type + "|" + user + "|" + coin;
        }
    }

    private final Map<Channel, Map<String, Sub>> connections = new ConcurrentHashMap<>();

    void register(Channel ch) {
        connections.put(ch, new ConcurrentHashMap<>());
        ch.closeFuture().addListener(f -> connections.remove(ch));
    }

    /** Adds {@code sub}; false when the connection already has it (or is gone). */
    boolean subscribe(Channel ch, Sub sub) {
        Map<String, Sub> subs = connections.get(ch);
        return subs != null && subs.putIfAbsent(sub.key(), sub) == null;
    }

    boolean unsubscribe(Channel ch, Sub sub) {
        Map<String, Sub> subs = connections.get(ch);
        return subs != null && subs.remove(sub.key()) != null;
    }

    /** Whether any open connection subscribes {@code type} of {@code coin}. */
    boolean subscribed(String type, String coin) {
        return subscribers(type, coin) > 0;
    }

    /** How many open connections subscribe {@code type} ({@code l2Book}, {@code trades}) of {@code coin}. */
    int subscribers(String type, String coin) {
        String key = new Sub(type, null, coin, null).key();
        int n = 0;
        for (Map.Entry<Channel, Map<String, Sub>> e : connections.entrySet()) {
            if (e.getKey().isActive() && e.getValue().containsKey(key)) {
                n++;
            }
        }
        return n;
    }

    int openConnections() {
        return connections.size();
    }

    /** Closes every connection at once (the dropStreams fault). */
    void dropAll() {
        for (Channel ch : Set.copyOf(connections.keySet())) {
            ch.close();
        }
    }

    void orderUpdates(String user, ArrayNode updates) {
        ObjectNode msg = SimJson.object();
        msg.put("channel", "orderUpdates");
        msg.set("data", updates);
        publish(new Sub("orderUpdates", user, null, null), msg);
    }

    void userFills(String user, ArrayNode fills) {
        publish(new Sub("userFills", user, null, null), fillsMessage(user, fills, false));
    }

    static ObjectNode fillsMessage(String user, ArrayNode fills, boolean snapshot) {
        ObjectNode msg = SimJson.object();
        msg.put("channel", "userFills");
        ObjectNode data = msg.putObject("data");
        if (snapshot) {
            data.put("isSnapshot", true);
        }
        data.put("user", user);
        data.set("fills", fills);
        return msg;
    }

    void l2Book(String coin, ObjectNode book) {
        publish(new Sub("l2Book", null, coin, null), bookMessage(book));
    }

    static ObjectNode bookMessage(ObjectNode book) {
        ObjectNode msg = SimJson.object();
        msg.put("channel", "l2Book");
        msg.set("data", book);
        return msg;
    }

    /** {@code {"channel":"trades","data":[WsTrade, ...]}} to the subscribers of {@code coin}'s trades. */
    void trades(String coin, ArrayNode trades) {
        ObjectNode msg = SimJson.object();
        msg.put("channel", "trades");
        msg.set("data", trades);
        publish(new Sub("trades", null, coin, null), msg);
    }

    void allMids(ObjectNode mids) {
        publish(new Sub("allMids", null, null, null), midsMessage(mids));
    }

    static ObjectNode midsMessage(ObjectNode mids) {
        ObjectNode msg = SimJson.object();
        msg.put("channel", "allMids");
        msg.putObject("data").set("mids", mids);
        return msg;
    }

    private void publish(Sub target, ObjectNode msg) {
        String key = target.key();
        String text = null;
        for (Map.Entry<Channel, Map<String, Sub>> e : connections.entrySet()) {
            if (e.getValue().containsKey(key)) {
                if (text == null) {
                    text = SimJson.write(msg);
                }
                send(e.getKey(), text);
            }
        }
    }

    static void send(Channel ch, String text) {
        Objects.requireNonNull(ch, "channel");
        if (ch.isActive()) {
            ch.writeAndFlush(new TextWebSocketFrame(text));
        }
    }
}

package io.fixbridge.sims.bybit;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fixbridge.sims.common.SimJson;
import io.netty.channel.Channel;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;

import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Where private stream messages go: the topic subscriptions of authenticated private WebSocket
 * connections. Topics: {@code order}, {@code execution}, {@code position} (all categories) and
 * {@code wallet}, and the per-category {@code order.spot|linear|inverse},
 * {@code execution.spot|linear|inverse}, {@code position.linear|inverse}. A message carries the
 * topic name it was subscribed under and one data item:
 * {@code {"id":..,"topic":"order","creationTime":..,"data":[{...}]}} (execution messages put
 * {@code topic} first, as Bybit's do).
 *
 * <p><b>Threading:</b> thread-safe. Subscriptions change on the Netty event loops; messages are
 * published from the engine thread in the order things happen, and Netty keeps that order per
 * channel because all writes of one publish come from the same thread.
 */
final class PrivateHub {

    /** The private topics. */
    enum Topic {
        ORDER("order"), EXECUTION("execution"), POSITION("position"), WALLET("wallet");

        final String base;

        Topic(String base) {
            this.base = base;
        }
    }

    /** One topic subscription of one connection. */
    record Subscription(Channel channel, String account, String name, Topic topic, Category category) {
    }

    private final List<Subscription> subscriptions = new CopyOnWriteArrayList<>();
    private final Set<Channel> channels = ConcurrentHashMap.newKeySet();
    private final Clock clock;

    /** The time source of creationTime. */
    interface Clock {
        long millis();
    }

    PrivateHub(Clock clock) {
        this.clock = clock;
    }

    /** Tracks a private connection (for the drop fault and counts) until it closes. */
    void register(Channel channel) {
        channels.add(channel);
        channel.closeFuture().addListener(f -> {
            channels.remove(channel);
            subscriptions.removeIf(s -> s.channel() == channel);
        });
    }

    /** Parses a topic name; null when the simulator does not serve it. */
    static Subscription parse(Channel channel, String account, String name) {
        String[] parts = name.split("\\.", -1);
        Topic topic = null;
        for (Topic t : Topic.values()) {
            if (t.base.equals(parts[0])) {
                topic = t;
            }
        }
        if (topic == null || parts.length > 2) {
            return null;
        }
        Category category = null;
        if (parts.length == 2) {
            category = Category.ofWire(parts[1]);
            if (category == null || topic == Topic.WALLET
                    || (topic == Topic.POSITION && category == Category.SPOT)) {
                return null;
            }
        }
        return new Subscription(channel, account, name, topic, category);
    }

    void subscribe(Subscription s) {
        for (Subscription existing : subscriptions) {
            if (existing.channel() == s.channel() && existing.name().equals(s.name())) {
                return;
            }
        }
        subscriptions.add(Objects.requireNonNull(s, "subscription"));
    }

    void unsubscribe(Channel channel, String name) {
        subscriptions.removeIf(s -> s.channel() == channel && s.name().equals(name));
    }

    /** Sends one data item of {@code topic} (for {@code category}; null for wallet) to {@code account}'s subscribers. */
    void publish(String account, Topic topic, Category category, ObjectNode item) {
        for (Subscription s : subscriptions) {
            if (s.topic() != topic || !s.account().equals(account) || !s.channel().isActive()
                    || (s.category() != null && s.category() != category)) {
                continue;
            }
            ObjectNode message = SimJson.object();
            if (topic == Topic.EXECUTION) {
                message.put("topic", s.name());
                message.put("id", Ids.messageId());
            } else {
                message.put("id", Ids.messageId());
                message.put("topic", s.name());
            }
            message.put("creationTime", clock.millis());
            message.putArray("data").add(item);
            s.channel().writeAndFlush(new TextWebSocketFrame(SimJson.write(message)));
        }
    }

    /** Closes every private connection at once, without a close frame. */
    void dropAll() {
        for (Channel c : channels) {
            c.close();
        }
    }

    int openConnections() {
        int n = 0;
        for (Channel c : channels) {
            if (c.isActive()) {
                n++;
            }
        }
        return n;
    }
}

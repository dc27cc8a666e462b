package io.fixbridge.sims.binance;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.channel.Channel;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;

import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Where user-data events go: the spot WebSocket API subscriptions ({@code {"subscriptionId":N,
 * "event":{...}}}) and the listen-key streams ({@code /ws/<key>} raw events, {@code /stream}
 * wrapped as {@code {"stream":key,"data":{...}}}) of each account.
 *
 * <p><b>Threading:</b> thread-safe. Subscriptions come and go on the Netty event loops; events are
 * published from the engine thread in the order they happen, and Netty keeps that order per
 * channel because all writes of one publish come from the same thread.
 */
final class UserDataHub {

    /** One place events are delivered to. */
    sealed interface Sink permits WsApiSink, StreamSink {
        Channel channel();

        Market market();

        String account();
    }

    /** A WebSocket API subscription. */
    record WsApiSink(Channel channel, String account, int subscriptionId) implements Sink {
        @Override
        public Market market() {
            return Market.SPOT;
        }
    }

    /** A listen-key stream connection. */
    record StreamSink(Channel channel, Market market, String account, String listenKey, boolean combined)
            implements Sink {
    }

    private final List<Sink> sinks = new CopyOnWriteArrayList<>();
    private final Set<Channel> userDataChannels = ConcurrentHashMap.newKeySet();

    void add(Sink sink) {
        sinks.add(Objects.requireNonNull(sink, "sink"));
        userDataChannels.add(sink.channel());
    }

    void remove(Sink sink) {
        sinks.remove(sink);
    }

    /** Registers a user-data connection so that a drop fault reaches it even before it subscribes. */
    void register(Channel channel) {
        userDataChannels.add(channel);
        channel.closeFuture().addListener(f -> {
            userDataChannels.remove(channel);
            sinks.removeIf(s -> s.channel() == channel);
        });
    }

    /** Sends {@code event} to every sink of {@code account} in {@code market}. */
    void publish(Market market, String account, ObjectNode event) {
        String raw = null;
        for (Sink sink : sinks) {
            if (sink.market() != market || !sink.account().equals(account) || !sink.channel().isActive()) {
                continue;
            }
            String text;
            if (sink instanceof WsApiSink ws) {
                ObjectNode wrapped = Json.object();
                wrapped.put("subscriptionId", ws.subscriptionId());
                wrapped.set("event", event);
                text = Json.write(wrapped);
            } else if (sink instanceof StreamSink s && s.combined()) {
                ObjectNode wrapped = Json.object();
                wrapped.put("stream", s.listenKey());
                wrapped.set("data", event);
                text = Json.write(wrapped);
            } else {
                if (raw == null) {
                    raw = Json.write(event);
                }
                text = raw;
            }
            sink.channel().writeAndFlush(new TextWebSocketFrame(text));
        }
    }

    /** Sends {@code event} to the streams of one listen key (e.g. {@code listenKeyExpired}). */
    void publishToKey(String listenKey, ObjectNode event) {
        for (Sink sink : sinks) {
            if (sink instanceof StreamSink s && s.listenKey().equals(listenKey) && s.channel().isActive()) {
                sink.channel().writeAndFlush(new TextWebSocketFrame(Json.write(event)));
            }
        }
    }

    /** Closes the stream connections of one listen key. */
    void closeKey(String listenKey) {
        for (Sink sink : sinks) {
            if (sink instanceof StreamSink s && s.listenKey().equals(listenKey)) {
                s.channel().close();
            }
        }
    }

    /** Closes every user-data connection at once, without a close frame. */
    void dropAll() {
        for (Channel c : userDataChannels) {
            c.close();
        }
    }

    /** How many user-data connections are open now. */
    int openConnections() {
        int n = 0;
        for (Channel c : userDataChannels) {
            if (c.isActive()) {
                n++;
            }
        }
        return n;
    }
}

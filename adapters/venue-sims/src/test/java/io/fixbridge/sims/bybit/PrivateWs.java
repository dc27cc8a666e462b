package io.fixbridge.sims.bybit;

import com.fasterxml.jackson.databind.JsonNode;
import io.fixbridge.sims.common.Hmac;
import org.awaitility.Awaitility;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/** A JDK WebSocket client of the private stream for tests; keeps every JSON message it receives. */
final class PrivateWs implements WebSocket.Listener, AutoCloseable {
    final List<JsonNode> messages = new CopyOnWriteArrayList<>();
    private final StringBuilder partial = new StringBuilder();
    private volatile boolean closed;
    private final WebSocket socket;

    PrivateWs(String url) {
        try {
            this.socket = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5))
                    .buildAsync(URI.create(url), this).get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("cannot connect to " + url, e);
        }
    }

    /** Connects, authenticates and subscribes; waits for both answers. */
    static PrivateWs open(BybitSimulator sim, String apiKey, String secret, String... topics) {
        PrivateWs ws = new PrivateWs(sim.privateWsUrl());
        ws.auth(apiKey, secret, System.currentTimeMillis() + 10_000);
        JsonNode auth = ws.awaitMessage(m -> "auth".equals(m.path("op").asText()));
        if (!auth.path("success").asBoolean()) {
            throw new IllegalStateException("auth failed: " + auth);
        }
        ws.send("{\"op\":\"subscribe\",\"args\":[" + List.of(topics).stream().map(t -> "\"" + t + "\"")
                .collect(Collectors.joining(",")) + "]}");
        JsonNode sub = ws.awaitMessage(m -> "subscribe".equals(m.path("op").asText()));
        if (!sub.path("success").asBoolean()) {
            throw new IllegalStateException("subscribe failed: " + sub);
        }
        return ws;
    }

    void auth(String apiKey, String secret, long expires) {
        String signature = Hmac.hex(secret, "GET/realtime" + expires);
        send("{\"op\":\"auth\",\"args\":[\"" + apiKey + "\"," + expires + ",\"" + signature + "\"]}");
    }

    void send(String text) {
        socket.sendText(text, true).join();
    }

    /** Waits for a message matching {@code match} and answers the first one. */
    JsonNode awaitMessage(Predicate<JsonNode> match) {
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> messages.stream().anyMatch(match));
        return messages.stream().filter(match).findFirst().orElseThrow();
    }

    /** Every data item of {@code topic} messages so far that matches {@code match}, in arrival order. */
    List<JsonNode> items(String topic, Predicate<JsonNode> match) {
        return messages.stream().filter(m -> topic.equals(m.path("topic").asText()))
                .flatMap(m -> java.util.stream.StreamSupport.stream(m.path("data").spliterator(), false))
                .filter(match).collect(Collectors.toList());
    }

    /** Waits until {@code topic} has an item matching {@code match}; answers the first. */
    JsonNode awaitItem(String topic, Predicate<JsonNode> match) {
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> !items(topic, match).isEmpty());
        return items(topic, match).get(0);
    }

    boolean isClosed() {
        return closed;
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            try {
                messages.add(BybitClient.JSON.readTree(partial.toString()));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            partial.setLength(0);
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        closed = true;
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        closed = true;
    }

    @Override
    public void close() {
        if (!closed) {
            socket.abort();
        }
    }
}

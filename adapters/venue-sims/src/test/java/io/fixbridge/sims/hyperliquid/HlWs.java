package io.fixbridge.sims.hyperliquid;

import com.fasterxml.jackson.databind.JsonNode;
import io.fixbridge.sims.common.SimJson;
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

/** A JDK WebSocket client of {@code /ws} for tests; keeps every JSON message it receives. */
final class HlWs implements WebSocket.Listener, AutoCloseable {
    final List<JsonNode> messages = new CopyOnWriteArrayList<>();
    private final StringBuilder partial = new StringBuilder();
    private volatile boolean closed;
    private final WebSocket socket;

    HlWs(String url) {
        try {
            this.socket = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5))
                    .buildAsync(URI.create(url), this).get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("cannot connect to " + url, e);
        }
    }

    /** Sends a subscribe and waits for its ack. */
    void subscribe(String subscriptionJson) {
        send("{\"method\":\"subscribe\",\"subscription\":" + subscriptionJson + "}");
        JsonNode sub = SimJson.parse(subscriptionJson);
        awaitMessage(m -> "subscriptionResponse".equals(m.path("channel").asText())
                && sub.equals(m.path("data").path("subscription")));
    }

    void send(String text) {
        socket.sendText(text, true).join();
    }

    JsonNode awaitMessage(Predicate<JsonNode> match) {
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> messages.stream().anyMatch(match));
        return messages.stream().filter(match).findFirst().orElseThrow();
    }

    List<JsonNode> channel(String channel) {
        return messages.stream().filter(m -> channel.equals(m.path("channel").asText())).toList();
    }

    boolean isClosed() {
        return closed;
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            JsonNode n = SimJson.parse(partial.toString());
            if (n == null) {
                throw new IllegalStateException("not JSON: " + partial);
            }
            messages.add(n);
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

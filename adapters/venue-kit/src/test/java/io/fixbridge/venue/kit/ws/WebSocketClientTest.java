package io.fixbridge.venue.kit.ws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fixbridge.venue.kit.Backoff;
import io.fixbridge.venue.kit.VenueExecutors;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class WebSocketClientTest {
    private static final Duration WAIT = Duration.ofSeconds(5);

    private VenueExecutors executors;
    private TestWebSocketServer server;
    private WebSocketClient client;
    private final Recorder recorder = new Recorder();

    @BeforeEach
    void setUp() throws Exception {
        executors = VenueExecutors.create("testvenue", 1, 2);
        server = new TestWebSocketServer();
    }

    @AfterEach
    void tearDown() {
        if (client != null) {
            client.close();
        }
        server.close();
        executors.close();
    }

    private WebSocketConfig.Builder config(String path) {
        return WebSocketConfig.builder(server.url(path))
                .backoff(new Backoff(Duration.ofMillis(50), Duration.ofMillis(200), 2.0, 0.0))
                .pingInterval(Duration.ofSeconds(5))
                .deadAfter(Duration.ofSeconds(15));
    }

    private WebSocketClient start(WebSocketConfig cfg) throws Exception {
        client = WebSocketClient.create(cfg, recorder, executors);
        client.start().get(5, TimeUnit.SECONDS);
        return client;
    }

    /** Records every callback, the thread it ran on, and resubscribes on every connect. */
    static class Recorder implements WebSocketListener {
        final List<String> messages = new CopyOnWriteArrayList<>();
        final List<String> states = new CopyOnWriteArrayList<>();
        final List<String> threads = new CopyOnWriteArrayList<>();
        final List<WebSocketSession> sessions = new CopyOnWriteArrayList<>();
        final AtomicInteger failNextConnects = new AtomicInteger();

        @Override
        public void onMessage(WebSocketSession session, String text) {
            threads.add(Thread.currentThread().getName());
            messages.add(text);
        }

        @Override
        public void onConnected(WebSocketSession session) {
            threads.add(Thread.currentThread().getName());
            if (failNextConnects.getAndDecrement() > 0) {
                throw new IllegalStateException("resubscribe failed");
            }
            sessions.add(session);
            session.send("{\"subscribe\":" + session.connectionNumber() + "}");
        }

        @Override
        public void onStateChange(ConnectionState state, String reason) {
            threads.add(Thread.currentThread().getName());
            states.add(state + ": " + reason);
        }

        boolean sawState(String prefix) {
            return states.stream().anyMatch(s -> s.startsWith(prefix));
        }
    }

    @Test
    void connectsSubscribesAndEchoesOnTheCallbackPool() throws Exception {
        start(config("/ws").build());
        assertThat(client.state()).isEqualTo(ConnectionState.CONNECTED);
        assertThat(client.connectCount()).isEqualTo(1);
        await().atMost(WAIT).until(() -> server.received.contains("{\"subscribe\":1}"));
        client.send("hello").get(5, TimeUnit.SECONDS);
        await().atMost(WAIT).until(() -> recorder.messages.contains("hello"));
        assertThat(recorder.states.get(0)).startsWith("CONNECTING");
        assertThat(recorder.states.get(1)).startsWith("CONNECTED: connection #1");
        assertThat(recorder.threads).allMatch(t -> t.startsWith("testvenue-callback-"));
    }

    @Test
    void serverDropLeadsToReconnectAndResubscribe() throws Exception {
        start(config("/ws").build());
        await().atMost(WAIT).until(() -> server.openConnections() == 1);
        server.dropAll();
        await().atMost(WAIT).until(() -> client.connectCount() == 2 && client.state() == ConnectionState.CONNECTED);
        await().atMost(WAIT).until(() -> server.received.contains("{\"subscribe\":2}"));
        assertThat(recorder.sessions).hasSize(2);
        assertThat(recorder.states).anyMatch(st -> st.startsWith("DISCONNECTED: connection closed by the peer"));
        assertThat(recorder.states).anyMatch(st -> st.startsWith("RECONNECTING: attempt 1 in 50 ms"));
        assertThat(server.handshakes.get()).isEqualTo(2);
        client.send("after").get(5, TimeUnit.SECONDS);
        await().atMost(WAIT).until(() -> recorder.messages.contains("after"));
    }

    @Test
    void oldSessionCannotSendAfterReconnect() throws Exception {
        start(config("/ws").build());
        WebSocketSession first = recorder.sessions.get(0);
        assertThat(first.isOpen()).isTrue();
        client.reconnect("test");
        await().atMost(WAIT).until(() -> client.connectCount() == 2 && client.state() == ConnectionState.CONNECTED);
        assertThat(first.isOpen()).isFalse();
        assertThat(failure(first.send("stale"))).isInstanceOf(WebSocketNotConnectedException.class);
        assertThat(recorder.states).anyMatch(st -> st.startsWith("DISCONNECTED: reconnect requested: test"));
        assertThat(client.session()).get().extracting(WebSocketSession::connectionNumber).isEqualTo(2);
    }

    @Test
    void continuationFramesAreJoined() throws Exception {
        start(config("/ws").build());
        await().atMost(WAIT).until(() -> server.openConnections() == 1);
        server.sendFragmented("{\"e\":\"exec", "utionReport\"}");
        await().atMost(WAIT).until(() -> recorder.messages.contains("{\"e\":\"executionReport\"}"));
    }

    @Test
    void answersServerPingsWithPongs() throws Exception {
        start(config("/ws").build());
        await().atMost(WAIT).until(() -> server.openConnections() == 1);
        server.ping();
        await().atMost(WAIT).until(() -> server.pongs.get() == 1);
    }

    @Test
    void pingsKeepAHealthyConnection() throws Exception {
        start(config("/ws").pingInterval(Duration.ofMillis(100)).deadAfter(Duration.ofMillis(600)).build());
        await().atMost(WAIT).until(() -> server.pings.get() >= 8);
        assertThat(client.connectCount()).isEqualTo(1);
    }

    @Test
    void silentConnectionIsDeclaredDeadAndReplaced() throws Exception {
        start(config("/ws").pingInterval(Duration.ofMillis(100)).deadAfter(Duration.ofMillis(400)).build());
        server.muted = true;
        await().atMost(WAIT).until(() -> recorder.sawState("DISCONNECTED: no traffic for"));
        server.muted = false;
        await().atMost(WAIT).until(() -> client.connectCount() >= 2 && client.state() == ConnectionState.CONNECTED);
    }

    @Test
    void appPingIsSentAsText() throws Exception {
        start(config("/ws").appPing("{\"op\":\"ping\"}").pingInterval(Duration.ofMillis(100)).deadAfter(Duration.ofSeconds(2)).build());
        await().atMost(WAIT).until(() -> server.received.contains("{\"op\":\"ping\"}"));
        assertThat(server.pings.get()).isZero();
        await().atMost(WAIT).until(() -> recorder.messages.contains("{\"op\":\"ping\"}"));
    }

    @Test
    void serverCloseFrameIsAnsweredAndReconnected() throws Exception {
        start(config("/ws").build());
        await().atMost(WAIT).until(() -> server.openConnections() == 1);
        server.closeAll(1001, "going away");
        await().atMost(WAIT).until(() -> client.connectCount() == 2);
        assertThat(recorder.states).anyMatch(st -> st.startsWith("DISCONNECTED: closed by the server (status 1001, going away)"));
    }

    @Test
    void closeSendsCloseFrameAndStopsReconnecting() throws Exception {
        start(config("/ws").build());
        client.closeAsync().get(5, TimeUnit.SECONDS);
        assertThat(client.state()).isEqualTo(ConnectionState.CLOSED);
        await().atMost(WAIT).until(() -> server.closeStatuses.contains(1000));
        await().atMost(WAIT).until(() -> recorder.sawState("CLOSED"));
        assertThat(failure(client.send("x"))).isInstanceOf(WebSocketNotConnectedException.class);
        assertThat(client.connectCount()).isEqualTo(1);
        assertThat(recorder.states).noneMatch(st -> st.startsWith("RECONNECTING"));
    }

    @Test
    void retriesWithCappedBackoffWhileTheServerIsDown() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        client = WebSocketClient.create(WebSocketConfig.builder("ws://127.0.0.1:" + port + "/ws")
                .backoff(new Backoff(Duration.ofMillis(20), Duration.ofMillis(80), 2.0, 0.0)).build(), recorder, executors);
        CompletableFuture<Void> started = client.start();
        await().atMost(WAIT).until(() -> recorder.sawState("RECONNECTING: attempt 5 in 80 ms"));
        assertThat(recorder.states).anyMatch(st -> st.startsWith("RECONNECTING: attempt 1 in 20 ms"));
        assertThat(recorder.states).anyMatch(st -> st.startsWith("RECONNECTING: attempt 2 in 40 ms"));
        assertThat(recorder.states).anyMatch(st -> st.startsWith("DISCONNECTED: connect failed: connection refused"));
        assertThat(started).isNotDone();
        client.close();
        assertThat(failure(started)).isInstanceOf(WebSocketNotConnectedException.class);
    }

    @Test
    void uriSourceIsAskedBeforeEveryAttempt() throws Exception {
        AtomicInteger keys = new AtomicInteger();
        WebSocketConfig cfg = config("/ws").build();
        client = WebSocketClient.create(cfg, () -> CompletableFuture.completedFuture(
                URI.create(server.url("/ws/listenKey" + keys.incrementAndGet()))), recorder, executors);
        client.start().get(5, TimeUnit.SECONDS);
        client.reconnect("listen key renewed");
        await().atMost(WAIT).until(() -> client.connectCount() == 2);
        assertThat(server.paths).containsExactly("/ws/listenKey1", "/ws/listenKey2");
    }

    @Test
    void failingOnConnectedDropsAndRetries() throws Exception {
        recorder.failNextConnects.set(1);
        start(config("/ws").build());
        assertThat(client.connectCount()).isEqualTo(2);
        assertThat(recorder.states).anyMatch(st -> st.startsWith("DISCONNECTED: onConnected failed"));
        assertThat(recorder.sessions).extracting(WebSocketSession::connectionNumber).containsExactly(2);
    }

    @Test
    void refusedHandshakeIsRetried() throws Exception {
        client = WebSocketClient.create(config("/other").build(), recorder, executors);
        client.start();
        await().atMost(WAIT).until(() -> recorder.sawState("RECONNECTING: attempt 2"));
        assertThat(recorder.states).anyMatch(s -> s.startsWith("DISCONNECTED: error: handshake refused") && s.contains("404"));
    }

    @Test
    void handshakeTimeoutIsRetried() throws Exception {
        client = WebSocketClient.create(config("/hang").handshakeTimeout(Duration.ofMillis(200)).build(), recorder, executors);
        client.start();
        await().atMost(WAIT).until(() -> recorder.sawState("RECONNECTING: attempt 2"));
        assertThat(recorder.states).anyMatch(s -> s.startsWith("DISCONNECTED: handshake timed out after 200 ms"));
        assertThat(client.connectCount()).isZero();
    }

    @Test
    void backoffGrowsAndIsCapped() {
        Backoff b = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(1), 2.0, 0.5);
        assertThat(b.baseDelay(1)).isEqualTo(Duration.ofMillis(100));
        assertThat(b.baseDelay(2)).isEqualTo(Duration.ofMillis(200));
        assertThat(b.baseDelay(4)).isEqualTo(Duration.ofMillis(800));
        assertThat(b.baseDelay(5)).isEqualTo(Duration.ofSeconds(1));
        assertThat(b.baseDelay(500)).isEqualTo(Duration.ofSeconds(1));
        assertThat(b.delay(2, () -> 0.0)).isEqualTo(Duration.ofMillis(200));
        assertThat(b.delay(2, () -> 0.999)).isBetween(Duration.ofMillis(100), Duration.ofMillis(101));
    }

    private static Throwable failure(CompletableFuture<?> f) {
        try {
            f.get(5, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (Exception e) {
            throw new AssertionError("expected the future to fail, got " + e, e);
        }
        throw new AssertionError("expected the future to fail, it succeeded");
    }
}

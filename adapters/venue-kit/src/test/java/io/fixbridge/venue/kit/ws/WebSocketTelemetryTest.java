package io.fixbridge.venue.kit.ws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fixbridge.venue.kit.Backoff;
import io.fixbridge.venue.kit.RecordingTelemetry;
import io.fixbridge.venue.kit.VenueExecutors;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What the WebSocket client tells telemetry about its stream, over real sockets on 127.0.0.1. */
class WebSocketTelemetryTest {
    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final String STREAM = "user:main";

    private final RecordingTelemetry telemetry = new RecordingTelemetry();
    private VenueExecutors executors;
    private TestWebSocketServer server;
    private WebSocketClient client;

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

    private WebSocketConfig config(StreamTelemetry stream) {
        return WebSocketConfig.builder(server.url("/ws"))
                .backoff(new Backoff(Duration.ofMillis(50), Duration.ofMillis(200), 2.0, 0.0))
                .pingInterval(Duration.ofSeconds(5)).deadAfter(Duration.ofSeconds(15))
                .stream(stream).build();
    }

    /** Subscribes on every connect; remembers the sessions. */
    private static final class Subscriber implements WebSocketListener {
        final List<WebSocketSession> sessions = new CopyOnWriteArrayList<>();

        @Override
        public void onConnected(WebSocketSession session) {
            sessions.add(session);
            session.send("{\"subscribe\":" + session.connectionNumber() + "}");
        }

        @Override
        public void onMessage(WebSocketSession session, String text) {
        }
    }

    @Test
    void aStreamIsConnectedAfterConnectAndDisconnectedThenConnectedAgainAfterADrop() throws Exception {
        client = WebSocketClient.create(config(StreamTelemetry.onConnect(telemetry, STREAM)), new Subscriber(),
                executors);
        client.start().get(5, TimeUnit.SECONDS);
        await().atMost(WAIT).until(() -> telemetry.states(STREAM).equals(List.of(true)));

        server.dropAll();

        await().atMost(WAIT).until(() -> client.connectCount() == 2);
        await().atMost(WAIT).until(() -> telemetry.states(STREAM).equals(List.of(true, false, true)));

        client.close();
        await().atMost(WAIT).until(() -> telemetry.states(STREAM).equals(List.of(true, false, true, false)));
    }

    @Test
    void aStreamConfirmedByTheAdapterIsConnectedOnlyWhenTheAdapterSaysSo() throws Exception {
        Subscriber subscriber = new Subscriber();
        client = WebSocketClient.create(config(StreamTelemetry.confirmedByAdapter(telemetry, STREAM)), subscriber,
                executors);
        client.start().get(5, TimeUnit.SECONDS);
        await().atMost(WAIT).until(() -> server.received.contains("{\"subscribe\":1}"));
        // the stream is open but its subscription not confirmed: nothing reported yet
        WebSocketSession first = subscriber.sessions.get(0);
        client.streamUsable(first, true);
        await().atMost(WAIT).until(() -> telemetry.states(STREAM).equals(List.of(true)));

        server.dropAll();
        await().atMost(WAIT).until(() -> client.connectCount() == 2 && subscriber.sessions.size() == 2);
        await().atMost(WAIT).until(() -> telemetry.states(STREAM).equals(List.of(true, false)));

        // a confirmation about the connection that is gone changes nothing; the new one's does
        client.streamUsable(first, true);
        client.streamUsable(subscriber.sessions.get(1), true);
        await().atMost(WAIT).until(() -> telemetry.states(STREAM).equals(List.of(true, false, true)));

        // the venue ends the subscription on an open connection: not usable until confirmed again
        client.streamUsable(subscriber.sessions.get(1), false);
        client.streamUsable(subscriber.sessions.get(1), true);
        await().atMost(WAIT).until(() -> telemetry.states(STREAM).equals(List.of(true, false, true, false, true)));
    }
}

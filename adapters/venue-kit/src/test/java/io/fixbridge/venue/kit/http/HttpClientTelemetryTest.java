package io.fixbridge.venue.kit.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fixbridge.venue.kit.RecordingTelemetry;
import io.fixbridge.venue.kit.VenueExecutors;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What the HTTP client tells telemetry, over real sockets on 127.0.0.1. */
class HttpClientTelemetryTest {
    private static final Duration WAIT = Duration.ofSeconds(5);

    private final RecordingTelemetry telemetry = new RecordingTelemetry();
    private VenueExecutors executors;
    private TestHttpServer server;
    private HttpClient client;

    @BeforeEach
    void setUp() throws IOException {
        executors = VenueExecutors.create("testvenue", 1, 2);
        server = TestHttpServer.http();
        client = client(server.baseUrl());
    }

    @AfterEach
    void tearDown() {
        client.close();
        server.close();
        executors.close();
    }

    private HttpClient client(String baseUrl) {
        return HttpClient.create(HttpClientConfig.builder(baseUrl).readTimeout(Duration.ofSeconds(5))
                .connectTimeout(Duration.ofSeconds(2)).telemetry(telemetry).build(), executors);
    }

    private static void settle(CompletableFuture<?> f) throws InterruptedException {
        try {
            f.get(5, TimeUnit.SECONDS);
        } catch (ExecutionException expected) {
            // failures are what some tests are about; the telemetry is asserted
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("the request did not end", e);
        }
    }

    @Test
    void anAnsweredRequestIsReportedByMethodAndPathWithoutItsQuery() throws Exception {
        settle(client.send(HttpRequest.get("/api/v3/order?symbol=BTCUSDT&origClientOrderId=abc123&signature=ff")
                .build()));

        await().atMost(WAIT).until(() -> telemetry.requests.size() == 1);
        RecordingTelemetry.Request r = telemetry.requests.get(0);
        assertThat(r.endpoint()).isEqualTo("GET /api/v3/order");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.latency()).isPositive();
    }

    @Test
    void errorStatusesAreReportedAsTheyCame() throws Exception {
        settle(client.send(HttpRequest.post("/status/429").jsonBody("{}").endpoint("POST /status/{code}").build()));
        settle(client.send(HttpRequest.delete("/status/503").endpoint("DELETE /status/{code}").build()));

        await().atMost(WAIT).until(() -> telemetry.requests.size() == 2);
        assertThat(telemetry.requests).extracting(RecordingTelemetry.Request::endpoint, RecordingTelemetry.Request::status)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("POST /status/{code}", 429),
                        org.assertj.core.groups.Tuple.tuple("DELETE /status/{code}", 503));
    }

    @Test
    void anExplicitEndpointNameReplacesAPathWithIds() throws Exception {
        settle(client.send(HttpRequest.get("/orders/8812731").endpoint("GET /orders/{id}").build()));

        await().atMost(WAIT).until(() -> telemetry.requests.size() == 1);
        assertThat(telemetry.requests.get(0).endpoint()).isEqualTo("GET /orders/{id}");
        assertThat(telemetry.requests.get(0).status()).isEqualTo(200);
    }

    @Test
    void aTimeoutIsReportedWithStatusZero() throws Exception {
        settle(client.send(HttpRequest.get("/slow").timeout(Duration.ofMillis(300)).build()));

        await().atMost(WAIT).until(() -> telemetry.requests.size() == 1);
        RecordingTelemetry.Request r = telemetry.requests.get(0);
        assertThat(r.endpoint()).isEqualTo("GET /slow");
        assertThat(r.status()).isZero();
        assertThat(r.latency()).isGreaterThanOrEqualTo(Duration.ofMillis(300));
    }

    @Test
    void aRefusedConnectionIsReportedWithStatusZero() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        try (HttpClient refused = client("http://127.0.0.1:" + port)) {
            settle(refused.send(HttpRequest.post("/api/v3/order").formBody(QueryString.builder().add("a", 1).build())
                    .build()));
        }

        await().atMost(WAIT).until(() -> telemetry.requests.size() == 1);
        assertThat(telemetry.requests.get(0).endpoint()).isEqualTo("POST /api/v3/order");
        assertThat(telemetry.requests.get(0).status()).isZero();
    }

    @Test
    void aConnectionLostBeforeTheAnswerIsReportedWithStatusZero() throws Exception {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
             HttpClient dropping = client("http://127.0.0.1:" + s.getLocalPort())) {
            CompletableFuture<HttpResponse> f = dropping.send(HttpRequest.get("/v5/order/realtime?x=1").build());
            try (Socket accepted = s.accept()) {
                InputStream in = accepted.getInputStream();
                byte[] buffer = new byte[256];
                int read = in.read(buffer);
                assertThat(read).as("the request reached the server").isPositive();
            }
            settle(f);
        }

        await().atMost(WAIT).until(() -> telemetry.requests.size() == 1);
        assertThat(telemetry.requests.get(0).endpoint()).isEqualTo("GET /v5/order/realtime");
        assertThat(telemetry.requests.get(0).status()).isZero();
    }
}

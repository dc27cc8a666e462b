package io.fixbridge.venue.kit.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.fixbridge.venue.kit.VenueExecutors;
import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HttpClientTest {
    private VenueExecutors executors;
    private TestHttpServer server;
    private HttpClient client;

    @BeforeEach
    void setUp() throws IOException {
        executors = VenueExecutors.create("testvenue", 1, 2);
        server = TestHttpServer.http();
        client = HttpClient.create(HttpClientConfig.builder(server.baseUrl()).readTimeout(Duration.ofSeconds(5)).build(), executors);
    }

    @AfterEach
    void tearDown() {
        client.close();
        server.close();
        executors.close();
    }

    private static <T> T join(CompletableFuture<T> f) throws Exception {
        return f.get(5, TimeUnit.SECONDS);
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

    @Test
    void getReturnsStatusHeadersAndBody() throws Exception {
        HttpResponse r = join(client.send(HttpRequest.get("/api/v3/time?x=1").build()));
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.isSuccess()).isTrue();
        assertThat(r.bodyText()).isEqualTo("GET /api/v3/time?x=1 ");
        assertThat(r.headers().first("x-mbx-used-weight-1m")).contains("42");
        assertThat(r.headers().firstLong("X-MBX-USED-WEIGHT-1M")).hasValue(42);
        assertThat(server.requestHeaders.get(0).getFirst("User-Agent")).isEqualTo("fixbridge");
        assertThat(server.requestHeaders.get(0).getFirst("Host")).isEqualTo("127.0.0.1:" + server.port());
    }

    @Test
    void postSendsBodyAndHeaders() throws Exception {
        QueryString form = QueryString.builder().add("symbol", "BTCUSDT").add("price", new java.math.BigDecimal("0.10")).build();
        HttpResponse r = join(client.send(HttpRequest.post("/api/v3/order").header("X-MBX-APIKEY", "key1").formBody(form).build()));
        assertThat(r.bodyText()).isEqualTo("POST /api/v3/order symbol=BTCUSDT&price=0.10");
        assertThat(server.requestHeaders.get(0).getFirst("X-MBX-APIKEY")).isEqualTo("key1");
        assertThat(server.requestHeaders.get(0).getFirst("Content-Type")).isEqualTo("application/x-www-form-urlencoded");
    }

    @Test
    void basePathPrefixIsPrepended() throws Exception {
        try (HttpClient prefixed = HttpClient.create(HttpClientConfig.builder(server.baseUrl() + "/sim/").build(), executors)) {
            assertThat(join(prefixed.send(HttpRequest.delete("/api/v3/order?id=5").build())).bodyText())
                    .isEqualTo("DELETE /sim/api/v3/order?id=5 ");
        }
    }

    @Test
    void errorStatusesAreResponsesNotFailures() throws Exception {
        HttpResponse r = join(client.send(HttpRequest.get("/status/429").build()));
        assertThat(r.status()).isEqualTo(429);
        assertThat(r.isSuccess()).isFalse();
        assertThat(r.bodyText()).contains("-1003");
        assertThat(RetryAfter.until(r, java.time.Clock.fixed(java.time.Instant.parse("2030-01-01T00:00:00Z"), java.time.ZoneOffset.UTC)))
                .contains(java.time.Instant.parse("2030-01-01T00:00:07Z"));
    }

    @Test
    void keepAliveReusesOneConnectionForSequentialRequests() throws Exception {
        for (int i = 0; i < 5; i++) {
            assertThat(join(client.send(HttpRequest.get("/ping" + i).build())).status()).isEqualTo(200);
        }
        assertThat(server.clientPorts).hasSize(1);
        assertThat(client.connectionsOpened()).isEqualTo(1);
    }

    @Test
    void connectionCloseResponseIsNotReused() throws Exception {
        join(client.send(HttpRequest.get("/close").build()));
        join(client.send(HttpRequest.get("/after").build()));
        assertThat(server.clientPorts).hasSize(2);
    }

    @Test
    void maxConnectionsBoundsConcurrency() throws Exception {
        try (HttpClient two = HttpClient.create(HttpClientConfig.builder(server.baseUrl()).maxConnections(2).build(), executors)) {
            List<CompletableFuture<HttpResponse>> all = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                all.add(two.send(HttpRequest.get("/n" + i).build()));
            }
            for (CompletableFuture<HttpResponse> f : all) {
                assertThat(join(f).status()).isEqualTo(200);
            }
            assertThat(two.connectionsOpened()).isLessThanOrEqualTo(2);
        }
    }

    @Test
    void futuresCompleteOnTheCallbackPool() throws Exception {
        AtomicReference<String> thread = new AtomicReference<>();
        CompletableFuture<HttpResponse> f = client.send(HttpRequest.get("/t").build());
        join(f.whenComplete((r, e) -> thread.set(Thread.currentThread().getName())));
        assertThat(thread.get()).startsWith("testvenue-callback-");
    }

    @Test
    void readTimeoutAfterSendingIsOutcomeUnknownAndHidesTheQuery() {
        CompletableFuture<HttpResponse> f = client.send(HttpRequest.get("/slow?signature=s3cr3t&timestamp=1")
                .header("X-MBX-APIKEY", "apikey-value").timeout(Duration.ofMillis(300)).build());
        Throwable e = failure(f);
        assertThat(e).isInstanceOf(HttpTimeoutException.class);
        HttpTimeoutException t = (HttpTimeoutException) e;
        assertThat(t.sentRequest()).isTrue();
        assertThat(t.path()).isEqualTo("/slow");
        assertThat(t.getMessage()).contains("GET /slow", "127.0.0.1:" + server.port(), "300 ms", "outcome unknown")
                .doesNotContain("s3cr3t").doesNotContain("apikey-value").doesNotContain("timestamp");
        assertThat(HttpTransportException.find(new java.util.concurrent.CompletionException(e))).contains(t);
    }

    @Test
    void connectionRefusedIsNotSent() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        try (HttpClient refused = HttpClient.create(HttpClientConfig.builder("http://127.0.0.1:" + port).build(), executors)) {
            Throwable e = failure(refused.send(HttpRequest.post("/api/v3/order?signature=abc").build()));
            assertThat(e).isInstanceOf(HttpConnectException.class);
            assertThat(((HttpConnectException) e).sentRequest()).isFalse();
            assertThat(e.getMessage()).contains("connection refused", "request not sent").doesNotContain("abc");
        }
    }

    @Test
    void connectionDroppedAfterRequestIsSentAndUnknown() throws Exception {
        try (ServerSocket raw = new ServerSocket(0, 5, java.net.InetAddress.getLoopbackAddress())) {
            Thread acceptor = new Thread(() -> {
                try (Socket s = raw.accept()) {
                    InputStream in = s.getInputStream();
                    byte[] buf = new byte[1024];
                    int n = in.read(buf);
                    assertThat(n).isPositive();
                    s.setSoLinger(true, 0);
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            }, "test-dropper");
            acceptor.setDaemon(true);
            acceptor.start();
            try (HttpClient dropped = HttpClient.create(HttpClientConfig.builder("http://127.0.0.1:" + raw.getLocalPort()).build(), executors)) {
                Throwable e = failure(dropped.send(HttpRequest.post("/api/v3/order").jsonBody("{}").build()));
                assertThat(e).isInstanceOf(HttpConnectionClosedException.class);
                assertThat(((HttpTransportException) e).sentRequest()).isTrue();
            }
        }
    }

    @Test
    void oversizedResponseIsAProtocolFailure() throws Exception {
        try (HttpClient small = HttpClient.create(HttpClientConfig.builder(server.baseUrl()).maxResponseBytes(1024).build(), executors)) {
            Throwable e = failure(small.send(HttpRequest.get("/big").build()));
            assertThat(e).isInstanceOf(HttpProtocolException.class);
            assertThat(((HttpTransportException) e).sentRequest()).isTrue();
            assertThat(e.getMessage()).contains("larger than 1024 bytes");
        }
    }

    @Test
    void closedClientRefusesWithConnectException() {
        client.close();
        Throwable e = failure(client.send(HttpRequest.get("/x").build()));
        assertThat(e).isInstanceOf(HttpConnectException.class).hasMessageContaining("closed");
    }

    @Test
    void closeFailsRequestsInFlight() {
        CompletableFuture<HttpResponse> f = client.send(HttpRequest.get("/slow").build());
        await().atMost(Duration.ofSeconds(5)).until(() -> server.requestLines.contains("GET /slow"));
        client.close();
        Throwable e = failure(f);
        assertThat(e).isInstanceOf(HttpConnectionClosedException.class);
        assertThat(((HttpTransportException) e).sentRequest()).isTrue();
    }

    @Test
    void idleConnectionsAreClosed() throws Exception {
        try (HttpClient idle = HttpClient.create(HttpClientConfig.builder(server.baseUrl()).idleTimeout(Duration.ofMillis(200)).build(), executors)) {
            join(idle.send(HttpRequest.get("/a").build()));
            assertThat(idle.openConnections()).isEqualTo(1);
            await().atMost(Duration.ofSeconds(5)).until(() -> idle.openConnections() == 0);
            assertThat(join(idle.send(HttpRequest.get("/b").build())).status()).isEqualTo(200);
            assertThat(idle.connectionsOpened()).isEqualTo(2);
        }
    }

    @Test
    void ownExecutorsAreClosedWithTheClient() throws Exception {
        HttpClient own = HttpClient.create(HttpClientConfig.builder(server.baseUrl()).build());
        assertThat(join(own.send(HttpRequest.get("/own").build())).status()).isEqualTo(200);
        own.close();
        await().atMost(Duration.ofSeconds(5)).until(() -> Thread.getAllStackTraces().keySet().stream()
                .noneMatch(t -> t.getName().startsWith("http-127.0.0.1-io-") && t.isAlive()));
    }

    @Test
    void requestValidation() {
        assertThatThrownBy(() -> HttpRequest.get("api/v3/time")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> HttpRequest.get("/a b")).isInstanceOf(IllegalArgumentException.class);
        HttpRequest r = HttpRequest.get("/api/v3/order?signature=zzz").header("X-MBX-APIKEY", "k").build();
        assertThat(r.toString()).isEqualTo("GET /api/v3/order");
        assertThat(r.headers().toString()).doesNotContain("k]").contains("X-MBX-APIKEY");
        assertThat(r.query()).isEqualTo("signature=zzz");
        assertThatThrownBy(() -> HttpClientConfig.builder("ftp://x").build()).isInstanceOf(IllegalArgumentException.class);
    }
}

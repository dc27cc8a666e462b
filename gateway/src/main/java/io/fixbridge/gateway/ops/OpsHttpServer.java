package io.fixbridge.gateway.ops;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import io.fixbridge.gateway.config.OpsSettings;

/**
 * The operations HTTP endpoint on {@code ops.listen}:
 * <ul>
 *   <li>{@code GET /metrics}: every metric in the Prometheus text format;</li>
 *   <li>{@code GET /health/live}: 200 while the process runs;</li>
 *   <li>{@code GET /health/ready}: 200 when the gateway takes new orders, 503 when not, with a JSON
 *       body naming each component's state;</li>
 *   <li>{@code /admin/...}: the {@link AdminApi}, when {@code ops.adminToken} is set.</li>
 * </ul>
 * Anything else is 404, with the known paths.
 *
 * <p><b>Threading:</b> requests are served on two daemon threads (a kill switch waiting for its
 * cancels does not hold up a scrape); the suppliers must be thread-safe. {@link #close()} may be
 * called from any thread.
 */
public final class OpsHttpServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(OpsHttpServer.class);
    static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final ExecutorService executor;

    private OpsHttpServer(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    /**
     * Starts listening on {@code settings.listen()}.
     *
     * @throws UncheckedIOException the address cannot be bound; the message names it and the {@code ops.listen} setting
     */
    public static OpsHttpServer start(OpsSettings settings, Supplier<Health> health, Supplier<String> metrics, AdminApi admin) {
        InetSocketAddress address = settings.listen();
        HttpServer server;
        try {
            server = HttpServer.create(address, 16);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen for metrics and health checks on " + address.getHostString() + ":"
                    + address.getPort() + " (" + e.getMessage() + "); free the port or change ops.listen in gateway.yaml", e);
        }
        ExecutorService executor = Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "fixbridge-ops-http");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/", exchange -> serve(exchange, health, metrics, admin));
        server.start();
        return new OpsHttpServer(server, executor);
    }

    private static void serve(HttpExchange exchange, Supplier<Health> health, Supplier<String> metrics, AdminApi admin)
            throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            if (path.startsWith("/admin/")) {
                admin.handle(exchange);
            } else if (!"GET".equals(exchange.getRequestMethod())) {
                respond(exchange, 405, Map.of("error", "only GET is served here"));
            } else if ("/metrics".equals(path)) {
                respondText(exchange, 200, "text/plain; version=0.0.4; charset=utf-8", metrics.get());
            } else if ("/health/live".equals(path)) {
                respond(exchange, 200, Map.of("status", "live"));
            } else if ("/health/ready".equals(path)) {
                Health h = health.get();
                respond(exchange, h.ready() ? 200 : 503,
                        Map.of("status", h.ready() ? "ready" : "not ready", "components", new TreeMap<>(h.components())));
            } else {
                respond(exchange, 404, Map.of("error", "no such endpoint; known: /metrics, /health/live, /health/ready, /admin/..."));
            }
        } catch (RuntimeException e) {
            LOG.error("ops request {} {} failed", exchange.getRequestMethod(), exchange.getRequestURI().getPath(), e);
            throw e;
        }
    }

    /** Sends {@code body} as JSON. */
    static void respond(HttpExchange exchange, int status, Object body) throws IOException {
        byte[] bytes;
        try {
            bytes = JSON.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            bytes = ("{\"error\":\"" + e.getOriginalMessage().replace('"', '\'') + "\"}").getBytes(StandardCharsets.UTF_8);
            status = 500;
        }
        send(exchange, status, "application/json", bytes);
    }

    static void respondText(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        send(exchange, status, contentType, body.getBytes(StandardCharsets.UTF_8));
    }

    private static void send(HttpExchange exchange, int status, String contentType, byte[] bytes) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    /** The request body, at most {@code limit} bytes. */
    static byte[] body(HttpExchange exchange, int limit) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            byte[] bytes = in.readNBytes(limit + 1);
            if (bytes.length > limit) {
                throw new IllegalArgumentException("the request body is larger than " + limit + " bytes");
            }
            return bytes;
        }
    }

    /** Where it listens (the real port when 0 was asked for). */
    public InetSocketAddress address() {
        return server.getAddress();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}

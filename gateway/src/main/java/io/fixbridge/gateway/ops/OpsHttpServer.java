package io.fixbridge.gateway.ops;

import java.io.IOException;
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

/**
 * The operations HTTP endpoint: {@code GET /health/live} answers 200 while the process runs;
 * {@code GET /health/ready} answers 200 when the gateway takes new orders and 503 when it does
 * not, with a JSON body naming each component's state, e.g.
 * {@code {"status":"not ready","components":{"journal":"order journal in ... is unavailable: ...",...}}}.
 * Anything else is 404.
 *
 * <p><b>Threading:</b> requests are served on one daemon thread; {@code health} is called there
 * and must be thread-safe. {@link #close()} may be called from any thread.
 */
public final class OpsHttpServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(OpsHttpServer.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final ExecutorService executor;

    private OpsHttpServer(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    /**
     * Starts listening on {@code address}.
     *
     * @throws UncheckedIOException the address cannot be bound; the message names it and the {@code ops.listen} setting
     */
    public static OpsHttpServer start(InetSocketAddress address, Supplier<Health> health) {
        HttpServer server;
        try {
            server = HttpServer.create(address, 16);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen for health checks on " + address.getHostString() + ":"
                    + address.getPort() + " (" + e.getMessage() + "); free the port or change ops.listen in gateway.yaml", e);
        }
        ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "fixbridge-ops-http");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/", exchange -> serve(exchange, health));
        server.start();
        return new OpsHttpServer(server, executor);
    }

    private static void serve(HttpExchange exchange, Supplier<Health> health) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            if (!"GET".equals(exchange.getRequestMethod())) {
                respond(exchange, 405, Map.of("error", "only GET is served here"));
            } else if ("/health/live".equals(path)) {
                respond(exchange, 200, Map.of("status", "live"));
            } else if ("/health/ready".equals(path)) {
                Health h = health.get();
                respond(exchange, h.ready() ? 200 : 503,
                        Map.of("status", h.ready() ? "ready" : "not ready", "components", new TreeMap<>(h.components())));
            } else {
                respond(exchange, 404, Map.of("error", "no such endpoint; known: /health/live, /health/ready"));
            }
        } catch (RuntimeException e) {
            LOG.error("health request {} failed", exchange.getRequestURI(), e);
            throw e;
        }
    }

    private static void respond(HttpExchange exchange, int status, Object body) throws IOException {
        byte[] bytes;
        try {
            bytes = JSON.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            bytes = ("{\"error\":\"" + e.getOriginalMessage().replace('"', '\'') + "\"}").getBytes(StandardCharsets.UTF_8);
            status = 500;
        }
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
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

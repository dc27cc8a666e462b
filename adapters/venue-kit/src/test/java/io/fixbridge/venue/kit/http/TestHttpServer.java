package io.fixbridge.venue.kit.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutorService;
import javax.net.ssl.SSLContext;

/** A JDK HTTP(S) server on 127.0.0.1 for tests: echo, status, slow and header routes. */
final class TestHttpServer implements AutoCloseable {
    final HttpServer server;
    final Set<Integer> clientPorts = ConcurrentHashMap.newKeySet();
    final List<String> requestLines = new CopyOnWriteArrayList<>();
    final List<String> bodies = new CopyOnWriteArrayList<>();
    final List<com.sun.net.httpserver.Headers> requestHeaders = new CopyOnWriteArrayList<>();
    final CountDownLatch release = new CountDownLatch(1);
    private final ExecutorService pool = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "test-http-server");
        t.setDaemon(true);
        return t;
    });

    private TestHttpServer(HttpServer server) {
        this.server = server;
        server.setExecutor(pool);
        server.createContext("/", this::handle);
        server.start();
    }

    static TestHttpServer http() throws IOException {
        return new TestHttpServer(HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0));
    }

    static TestHttpServer https(SSLContext context) throws IOException {
        HttpsServer s = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        s.setHttpsConfigurator(new HttpsConfigurator(context));
        return new TestHttpServer(s);
    }

    int port() {
        return server.getAddress().getPort();
    }

    String baseUrl() {
        return (server instanceof HttpsServer ? "https" : "http") + "://127.0.0.1:" + port();
    }

    private void handle(HttpExchange ex) throws IOException {
        clientPorts.add(ex.getRemoteAddress().getPort());
        String path = ex.getRequestURI().getRawPath();
        String query = ex.getRequestURI().getRawQuery();
        requestLines.add(ex.getRequestMethod() + " " + path + (query == null ? "" : "?" + query));
        requestHeaders.add(ex.getRequestHeaders());
        String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        bodies.add(body);
        if (path.endsWith("/slow")) {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            respond(ex, 200, "late");
            return;
        }
        if (path.startsWith("/status/")) {
            int status = Integer.parseInt(path.substring("/status/".length()));
            ex.getResponseHeaders().add("Retry-After", "7");
            respond(ex, status, "{\"code\":-1003,\"msg\":\"Too many requests\"}");
            return;
        }
        if (path.endsWith("/close")) {
            ex.getResponseHeaders().add("Connection", "close");
            respond(ex, 200, "bye");
            return;
        }
        if (path.endsWith("/big")) {
            respond(ex, 200, "x".repeat(4096));
            return;
        }
        ex.getResponseHeaders().add("X-MBX-USED-WEIGHT-1M", "42");
        ex.getResponseHeaders().add("Content-Type", "application/json");
        respond(ex, 200, ex.getRequestMethod() + " " + path + (query == null ? "" : "?" + query) + " " + body);
    }

    private static void respond(HttpExchange ex, int status, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        ex.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        release.countDown();
        server.stop(0);
        pool.shutdownNow();
    }
}

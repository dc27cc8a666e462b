package io.fixbridge.sims.bybit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fixbridge.sims.common.Hmac;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * A minimal Bybit v5 REST client for tests over the JDK's HttpClient (HTTP/1.1): signs exactly as
 * Bybit documents (timestamp + apiKey + recvWindow + query string or JSON body), independently of
 * the simulator's own verifier.
 */
final class BybitClient {
    static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final String baseUrl;
    private final String apiKey;
    private final String secret;
    private final LongSupplier time;

    BybitClient(String baseUrl, String apiKey, String secret, LongSupplier time) {
        this.baseUrl = baseUrl;
        this.apiKey = apiKey;
        this.secret = secret;
        this.time = time;
    }

    BybitClient(BybitSimulator sim, String apiKey, String secret) {
        this(sim.baseUrl(), apiKey, secret, System::currentTimeMillis);
    }

    /** One answer. */
    record Resp(int status, JsonNode json, HttpResponse<String> raw) {
        Optional<String> header(String name) {
            return raw.headers().firstValue(name);
        }

        int retCode() {
            return json.path("retCode").asInt(Integer.MIN_VALUE);
        }

        String retMsg() {
            return json.path("retMsg").asText();
        }

        JsonNode result() {
            return json.path("result");
        }

        JsonNode list() {
            return json.path("result").path("list");
        }

        @Override
        public String toString() {
            return status + " " + (json == null ? raw.body() : json);
        }
    }

    /** A public GET. */
    Resp publicGet(String path, String query) {
        return send("GET", path, query, "", Map.of());
    }

    /** A signed GET; {@code query} is signed exactly as given. */
    Resp get(String path, String query) {
        return send("GET", path, query, "", signHeaders(query));
    }

    /** A signed POST of {@code body} (JSON text, signed exactly as given). */
    Resp post(String path, String body) {
        return send("POST", path, "", body, signHeaders(body));
    }

    /** The signature headers of {@code payload}, with the current time and recvWindow 5000. */
    Map<String, String> signHeaders(String payload) {
        String timestamp = Long.toString(time.getAsLong());
        return Map.of("X-BAPI-API-KEY", apiKey, "X-BAPI-TIMESTAMP", timestamp, "X-BAPI-RECV-WINDOW", "5000",
                "X-BAPI-SIGN", Hmac.hex(secret, timestamp + apiKey + "5000" + payload));
    }

    /** Sends exactly what it is given. */
    Resp send(String method, String path, String query, String body, Map<String, String> headers) {
        String uri = baseUrl + path + (query.isEmpty() ? "" : "?" + query);
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(uri)).timeout(Duration.ofSeconds(10));
        headers.forEach(b::header);
        if ("POST".equals(method)) {
            b.header("Content-Type", "application/json");
            b.POST(HttpRequest.BodyPublishers.ofString(body));
        } else {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        }
        try {
            HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
            JsonNode json;
            try {
                json = r.body().isEmpty() ? JSON.createObjectNode() : JSON.readTree(r.body());
            } catch (IOException notJson) {
                json = null;
            }
            return new Resp(r.statusCode(), json, r);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}

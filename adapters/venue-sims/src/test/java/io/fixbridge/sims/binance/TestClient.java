package io.fixbridge.sims.binance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;

/**
 * A minimal Binance REST client for tests, over the JDK's HttpClient (HTTP/1.1): signs requests
 * with HMAC-SHA256 or Ed25519 exactly as Binance documents (query string, then body).
 */
final class TestClient {
    static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final String baseUrl;
    private final String apiKey;
    private final String hmacSecret;
    private final PrivateKey ed25519;

    private TestClient(String baseUrl, String apiKey, String hmacSecret, PrivateKey ed25519) {
        this.baseUrl = baseUrl;
        this.apiKey = apiKey;
        this.hmacSecret = hmacSecret;
        this.ed25519 = ed25519;
    }

    static TestClient hmac(BinanceSimulator sim, String apiKey, String secret) {
        return hmac(sim.baseUrl(), apiKey, secret);
    }

    static TestClient hmac(String baseUrl, String apiKey, String secret) {
        return new TestClient(baseUrl, apiKey, secret, null);
    }

    static TestClient ed25519(BinanceSimulator sim, String apiKey, String privateKeyPem) {
        try {
            String b64 = privateKeyPem.replace("-----BEGIN PRIVATE KEY-----", "")
                    .replace("-----END PRIVATE KEY-----", "").replaceAll("\\s", "");
            PrivateKey key = KeyFactory.getInstance("Ed25519")
                    .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(b64)));
            return new TestClient(sim.baseUrl(), apiKey, null, key);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** One answer. */
    record Resp(int status, JsonNode json, HttpResponse<String> raw) {
        Optional<String> header(String name) {
            return raw.headers().firstValue(name);
        }

        int code() {
            return json.path("code").asInt();
        }

        String msg() {
            return json.path("msg").asText();
        }

        @Override
        public String toString() {
            return status + " " + json;
        }
    }

    /** An unsigned request; {@code query} may be empty. */
    Resp get(String path, String query) {
        return send("GET", path, query, "", false);
    }

    /** A request with only the API key header. */
    Resp keyed(String method, String path, String query) {
        return send(method, path, query, "", true);
    }

    /** A SIGNED request; parameters go in the query string for GET/DELETE and the form body otherwise. */
    Resp signed(String method, String path, String params) {
        String withTime = (params.isEmpty() ? "" : params + "&") + "timestamp=" + System.currentTimeMillis();
        boolean inQuery = "GET".equals(method) || "DELETE".equals(method);
        String signature = sign(withTime);
        String full = withTime + "&signature=" + signature;
        return inQuery ? send(method, path, full, "", true) : send(method, path, "", full, true);
    }

    /** A SIGNED request with parameters split between the query string and the body. */
    Resp signedMixed(String method, String path, String query, String body) {
        String bodyWithTime = body + "&timestamp=" + System.currentTimeMillis();
        String signature = sign(query + bodyWithTime);
        return send(method, path, query, bodyWithTime + "&signature=" + signature, true);
    }

    /** Sends exactly what it is given (for hand-made signatures and timestamps). */
    Resp raw(String method, String path, String query, String body) {
        return send(method, path, query, body, true);
    }

    String sign(String payload) {
        try {
            if (ed25519 != null) {
                Signature s = Signature.getInstance("Ed25519");
                s.initSign(ed25519);
                s.update(payload.getBytes(StandardCharsets.UTF_8));
                return URLEncoder.encode(Base64.getEncoder().encodeToString(s.sign()), StandardCharsets.UTF_8);
            }
            return hmacHex(hmacSecret, payload);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static String hmacHex(String secret, String payload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(payload.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private Resp send(String method, String path, String query, String body, boolean withKey) {
        String uri = baseUrl + path + (query.isEmpty() ? "" : "?" + query);
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(uri)).timeout(Duration.ofSeconds(10));
        if (withKey && apiKey != null) {
            b.header("X-MBX-APIKEY", apiKey);
        }
        if (body.isEmpty()) {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            b.header("Content-Type", "application/x-www-form-urlencoded");
            b.method(method, HttpRequest.BodyPublishers.ofString(body));
        }
        try {
            HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
            JsonNode json = r.body().isEmpty() ? JSON.createObjectNode() : JSON.readTree(r.body());
            return new Resp(r.statusCode(), json, r);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}

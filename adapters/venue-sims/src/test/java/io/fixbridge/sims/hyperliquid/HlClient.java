package io.fixbridge.sims.hyperliquid;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fixbridge.sims.common.SimJson;
import io.fixbridge.venue.kit.sign.eth.EcdsaSignature;
import io.fixbridge.venue.kit.sign.eth.EthAddress;
import io.fixbridge.venue.kit.sign.eth.EthSigningKey;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A test client: POSTs /info and signed /exchange requests with the JDK HTTP client. The signer
 * uses the venue-kit eth API (EIP-712 Agent digest over the L1 connectionId).
 */
final class HlClient {
    private static final AtomicLong LAST_NONCE = new AtomicLong();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String baseUrl;
    private final boolean mainnet;

    HlClient(HyperliquidSimulator sim) {
        this.baseUrl = sim.baseUrl();
        this.mainnet = !sim.testnet();
    }

    /** A fresh nonce: the clock, strictly increasing across the JVM. */
    static long nonce() {
        return LAST_NONCE.updateAndGet(last -> Math.max(last + 1, System.currentTimeMillis()));
    }

    HttpResponse<String> post(String path, String body) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(10))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException("POST " + path + " failed", e);
        }
    }

    /** POST /info; the answer must be HTTP 200 JSON. */
    JsonNode info(String body) {
        HttpResponse<String> r = post("/info", body);
        if (r.statusCode() != 200) {
            throw new IllegalStateException("/info answered " + r.statusCode() + ": " + r.body());
        }
        return SimJson.parse(r.body());
    }

    /** The signed envelope of {@code action}. */
    String envelope(JsonNode action, EthSigningKey key, long nonce, EthAddress vault, Long expiresAfter) {
        byte[] connectionId = L1Signature.connectionId(action, nonce, vault, expiresAfter);
        EcdsaSignature sig = key.signDigest(L1Signature.agentDigest(connectionId, mainnet));
        ObjectNode env = SimJson.object();
        env.set("action", action);
        env.put("nonce", nonce);
        ObjectNode s = env.putObject("signature");
        s.put("r", sig.rHex());
        s.put("s", sig.sHex());
        s.put("v", sig.v());
        if (vault == null) {
            env.putNull("vaultAddress");
        } else {
            env.put("vaultAddress", vault.hex());
        }
        if (expiresAfter != null) {
            env.put("expiresAfter", expiresAfter);
        }
        return SimJson.write(env);
    }

    HttpResponse<String> exchangeRaw(JsonNode action, EthSigningKey key, long nonce, EthAddress vault,
                                     Long expiresAfter) {
        return post("/exchange", envelope(action, key, nonce, vault, expiresAfter));
    }

    /** Signs and sends {@code action}; the answer must be HTTP 200 JSON. */
    JsonNode exchange(JsonNode action, EthSigningKey key) {
        return exchange(action, key, null);
    }

    JsonNode exchange(JsonNode action, EthSigningKey key, EthAddress vault) {
        HttpResponse<String> r = exchangeRaw(action, key, nonce(), vault, null);
        if (r.statusCode() != 200) {
            throw new IllegalStateException("/exchange answered " + r.statusCode() + ": " + r.body());
        }
        return SimJson.parse(r.body());
    }

    // ------------------------------------------------------------------ action builders

    static ObjectNode limit(int asset, boolean buy, String px, String sz, String tif, String cloid) {
        ObjectNode o = SimJson.object();
        o.put("a", asset);
        o.put("b", buy);
        o.put("p", px);
        o.put("s", sz);
        o.put("r", false);
        o.putObject("t").putObject("limit").put("tif", tif);
        if (cloid != null) {
            o.put("c", cloid);
        }
        return o;
    }

    static ObjectNode trigger(int asset, boolean buy, String px, String sz, boolean reduceOnly, boolean isMarket,
                              String triggerPx, String tpsl) {
        ObjectNode o = SimJson.object();
        o.put("a", asset);
        o.put("b", buy);
        o.put("p", px);
        o.put("s", sz);
        o.put("r", reduceOnly);
        ObjectNode t = o.putObject("t").putObject("trigger");
        t.put("isMarket", isMarket);
        t.put("triggerPx", triggerPx);
        t.put("tpsl", tpsl);
        return o;
    }

    static ObjectNode order(ObjectNode... orders) {
        ObjectNode a = SimJson.object();
        a.put("type", "order");
        var arr = a.putArray("orders");
        for (ObjectNode o : orders) {
            arr.add(o);
        }
        a.put("grouping", "na");
        return a;
    }

    static ObjectNode cancel(int asset, long oid) {
        ObjectNode a = SimJson.object();
        a.put("type", "cancel");
        ObjectNode c = a.putArray("cancels").addObject();
        c.put("a", asset);
        c.put("o", oid);
        return a;
    }

    static ObjectNode cancelByCloid(int asset, String cloid) {
        ObjectNode a = SimJson.object();
        a.put("type", "cancelByCloid");
        ObjectNode c = a.putArray("cancels").addObject();
        c.put("asset", asset);
        c.put("cloid", cloid);
        return a;
    }

    static ObjectNode modify(Object oidOrCloid, ObjectNode order) {
        ObjectNode a = SimJson.object();
        a.put("type", "modify");
        if (oidOrCloid instanceof Long l) {
            a.put("oid", l);
        } else {
            a.put("oid", (String) oidOrCloid);
        }
        a.set("order", order);
        return a;
    }

    /** The first per-order status of an ok answer. */
    static JsonNode status(JsonNode answer) {
        return answer.path("response").path("data").path("statuses").get(0);
    }
}

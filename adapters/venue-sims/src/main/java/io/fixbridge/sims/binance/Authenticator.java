package io.fixbridge.sims.binance;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Clock;
import java.util.Map;
import java.util.TreeMap;

/**
 * Binance's request security: the {@code X-MBX-APIKEY} header names the account (-2014 when
 * missing, -2015 when unknown); a SIGNED request also needs {@code timestamp} within
 * {@code recvWindow} (default 5000 ms) and no more than 1000 ms ahead of the server (-1021), and a
 * {@code signature} over the exact query string concatenated with the exact form body, with the
 * signature parameter itself left out (-1022). WebSocket API requests sign the alphabetically
 * sorted {@code key=value} pairs of their params instead. Secrets never leave this class's
 * verifiers and never reach a log or an error text.
 *
 * <p><b>Threading:</b> immutable after construction, thread-safe; runs on the event loops.
 */
final class Authenticator {
    private static final long DEFAULT_RECV_WINDOW = 5000;
    private static final long MAX_AHEAD = 1000;

    private final Map<String, SimAccount> byApiKey;
    private final Clock clock;

    Authenticator(Map<String, SimAccount> byApiKey, Clock clock) {
        this.byApiKey = Map.copyOf(byApiKey);
        this.clock = clock;
    }

    /** The account of the request's API key (USER_STREAM routes). */
    SimAccount apiKey(RestRequest request) {
        return account(request.header("X-MBX-APIKEY"));
    }

    /** The account of a key value; -2014 when absent, -2015 when unknown. */
    SimAccount account(String apiKey) {
        if (apiKey == null || apiKey.isBlank()) {
            throw Errors.apiKeyFormat();
        }
        SimAccount account = byApiKey.get(apiKey);
        if (account == null) {
            throw Errors.invalidApiKey();
        }
        return account;
    }

    /** The account of a SIGNED REST request, after checking its timestamp and signature. */
    SimAccount signed(RestRequest request, Params params) {
        SimAccount account = apiKey(request);
        checkTimestamp(params.requireLong("timestamp"), params.optLong("recvWindow").orElse(DEFAULT_RECV_WINDOW));
        String signature = params.require("signature");
        if (!account.verifier().verify(restPayload(request), signature)) {
            throw Errors.badSignature();
        }
        return account;
    }

    /** The account of a signed WebSocket API request ({@code params} includes apiKey, timestamp, signature). */
    SimAccount signedWs(JsonNode params) {
        Map<String, String> values = new TreeMap<>();
        for (Map.Entry<String, JsonNode> e : params.properties()) {
            values.put(e.getKey(), text(e.getValue()));
        }
        SimAccount account = account(values.get("apiKey"));
        Params p = new Params(values);
        checkTimestamp(p.requireLong("timestamp"), p.optLong("recvWindow").orElse(DEFAULT_RECV_WINDOW));
        String signature = p.require("signature");
        StringBuilder payload = new StringBuilder();
        values.forEach((k, v) -> {
            if (!"signature".equals(k)) {
                if (payload.length() > 0) {
                    payload.append('&');
                }
                payload.append(k).append('=').append(v);
            }
        });
        if (!account.verifier().verify(payload.toString(), signature)) {
            throw Errors.badSignature();
        }
        return account;
    }

    private void checkTimestamp(long timestamp, long recvWindow) {
        long now = clock.millis();
        if (timestamp >= now + MAX_AHEAD) {
            throw Errors.timestampAhead();
        }
        if (now - timestamp > recvWindow) {
            throw Errors.outsideRecvWindow();
        }
    }

    /** What Binance signs for REST: the query string then the body, each without the signature parameter. */
    static String restPayload(RestRequest request) {
        String body = request.hasFormBody() ? withoutSignature(request.rawBody()) : "";
        return withoutSignature(request.rawQuery()) + body;
    }

    private static String withoutSignature(String raw) {
        if (raw.isEmpty() || !raw.contains("signature=")) {
            return raw;
        }
        StringBuilder sb = new StringBuilder();
        for (String pair : raw.split("&", -1)) {
            if (pair.startsWith("signature=") || pair.equals("signature")) {
                continue;
            }
            if (sb.length() > 0) {
                sb.append('&');
            }
            sb.append(pair);
        }
        return sb.toString();
    }

    /** A JSON value as the text Binance signs: strings raw, numbers as written, booleans as true/false. */
    static String text(JsonNode v) {
        if (v.isBigDecimal()) {
            return v.decimalValue().toPlainString();
        }
        if (v.isValueNode()) {
            return v.asText();
        }
        return v.toString();
    }
}

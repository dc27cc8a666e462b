package io.fixbridge.venue.bybit;

import io.fixbridge.venue.kit.http.HttpRequest;
import io.fixbridge.venue.kit.sign.ApiCredentials;

import java.util.Objects;

/**
 * Bybit v5 request signing, as Bybit's guide defines it (pure functions over the kit's signer):
 * <ul>
 *   <li>REST: {@code X-BAPI-SIGN} = lower-case hex HMAC-SHA256 of
 *       {@code timestamp + apiKey + recvWindow + payload}, where the payload is the query string
 *       exactly as sent (GET) or the raw JSON body exactly as sent (POST); sent with
 *       {@code X-BAPI-API-KEY}, {@code X-BAPI-TIMESTAMP} (ms) and {@code X-BAPI-RECV-WINDOW}. Bybit
 *       accepts a timestamp with {@code serverTime - recvWindow <= timestamp < serverTime + 1000}.</li>
 *   <li>Private WebSocket: {@code {"op":"auth","args":[apiKey, expires, signature]}} with
 *       signature = hex HMAC-SHA256 of {@code "GET/realtime" + expires}, {@code expires} a ms
 *       timestamp in the future.</li>
 * </ul>
 */
public final class BybitSigning {
    public static final String API_KEY = "X-BAPI-API-KEY";
    public static final String TIMESTAMP = "X-BAPI-TIMESTAMP";
    public static final String RECV_WINDOW = "X-BAPI-RECV-WINDOW";
    public static final String SIGN = "X-BAPI-SIGN";

    private BybitSigning() {
    }

    /** The REST pre-sign string: {@code timestamp + apiKey + recvWindow + payload}. */
    public static String restPayload(long timestamp, String apiKey, long recvWindowMs, String queryOrBody) {
        return timestamp + apiKey + recvWindowMs + Objects.requireNonNull(queryOrBody, "queryOrBody");
    }

    /** The REST signature of {@code queryOrBody} (GET query string or POST JSON body, exactly as sent). */
    public static String restSignature(ApiCredentials credentials, long timestamp, long recvWindowMs,
                                       String queryOrBody) {
        return credentials.sign(restPayload(timestamp, credentials.apiKey(), recvWindowMs, queryOrBody));
    }

    /** The WebSocket auth pre-sign string: {@code "GET/realtime" + expires}. */
    public static String wsAuthPayload(long expires) {
        return "GET/realtime" + expires;
    }

    /** The WebSocket auth signature for {@code expires}. */
    public static String wsAuthSignature(ApiCredentials credentials, long expires) {
        return credentials.sign(wsAuthPayload(expires));
    }

    /** Adds the four authentication headers to a request whose payload is {@code queryOrBody}. */
    static HttpRequest.Builder signed(HttpRequest.Builder request, ApiCredentials credentials, long timestamp,
                                      long recvWindowMs, String queryOrBody) {
        return request.header(API_KEY, credentials.apiKey())
                .header(TIMESTAMP, String.valueOf(timestamp))
                .header(RECV_WINDOW, String.valueOf(recvWindowMs))
                .header(SIGN, restSignature(credentials, timestamp, recvWindowMs, queryOrBody));
    }
}

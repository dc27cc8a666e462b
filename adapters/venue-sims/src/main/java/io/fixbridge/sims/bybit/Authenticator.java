package io.fixbridge.sims.bybit;

import java.time.Clock;
import java.util.Map;

/**
 * Bybit v5 request security. A signed REST request carries {@code X-BAPI-API-KEY} (unknown or
 * missing: retCode 10003, HTTP 401), {@code X-BAPI-TIMESTAMP} in milliseconds and optionally
 * {@code X-BAPI-RECV-WINDOW} (default 5000); the timestamp must satisfy
 * {@code server - recvWindow <= timestamp < server + 1000} (else 10002), and
 * {@code X-BAPI-SIGN} must be the hex HMAC-SHA256 of
 * {@code timestamp + apiKey + recvWindow + (GET: the query string exactly as sent | POST: the
 * body exactly as sent)} (else 10004), where {@code recvWindow} is the header's text (empty when
 * the header is absent). The private WebSocket signs {@code "GET/realtime" + expires}.
 * Secrets never leave the accounts' verifiers and never reach a log or an error text.
 *
 * <p><b>Threading:</b> immutable after construction, thread-safe; runs on the event loops.
 */
final class Authenticator {
    static final long DEFAULT_RECV_WINDOW = 5000;
    private static final long MAX_AHEAD = 1000;

    private final Map<String, SimAccount> byApiKey;
    private final Clock clock;

    Authenticator(Map<String, SimAccount> byApiKey, Clock clock) {
        this.byApiKey = Map.copyOf(byApiKey);
        this.clock = clock;
    }

    /** The account of a signed REST request, after checking its key, timestamp and signature. */
    SimAccount signed(RestRequest r) {
        String apiKey = r.header("X-BAPI-API-KEY");
        SimAccount account = apiKey == null ? null : byApiKey.get(apiKey);
        if (account == null) {
            throw Errors.invalidApiKey();
        }
        String timestampText = r.header("X-BAPI-TIMESTAMP");
        String recvText = r.header("X-BAPI-RECV-WINDOW");
        long recvWindow = DEFAULT_RECV_WINDOW;
        if (recvText != null) {
            try {
                recvWindow = Long.parseLong(recvText);
            } catch (NumberFormatException e) {
                throw Errors.invalid("recv_window");
            }
        }
        long now = clock.millis();
        long timestamp;
        try {
            timestamp = Long.parseLong(timestampText == null ? "" : timestampText);
        } catch (NumberFormatException e) {
            throw Errors.timestamp(timestampText == null ? "" : timestampText, now, recvWindow);
        }
        if (timestamp < now - recvWindow || timestamp >= now + MAX_AHEAD) {
            throw Errors.timestamp(timestampText, now, recvWindow);
        }
        String payload = "GET".equals(r.method()) ? r.rawQuery() : r.rawBody();
        String prehash = timestampText + apiKey + (recvText == null ? "" : recvText) + payload;
        if (!account.verifier().verifyHex(prehash, r.header("X-BAPI-SIGN"))) {
            throw Errors.badSign();
        }
        return account;
    }

    /** The account of a private WebSocket auth, or null when the key is unknown. */
    SimAccount byKey(String apiKey) {
        return apiKey == null ? null : byApiKey.get(apiKey);
    }

    long now() {
        return clock.millis();
    }
}

package io.fixbridge.sims.binance;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Map;

/**
 * A Binance error answer: HTTP status, Binance error code and message, optionally a {@code data}
 * object (cancelReplace) and extra headers ({@code Retry-After}). Thrown anywhere in request
 * handling and turned into the wire answer by the gateway. Carries no stack trace: it is a normal
 * answer, not a fault. Immutable.
 */
final class BinanceException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int httpStatus;
    private final int code;
    private final transient JsonNode data;
    private final transient Map<String, String> headers;

    BinanceException(int httpStatus, int code, String msg) {
        this(httpStatus, code, msg, null, Map.of());
    }

    BinanceException(int httpStatus, int code, String msg, JsonNode data, Map<String, String> headers) {
        super(msg, null, false, false);
        this.httpStatus = httpStatus;
        this.code = code;
        this.data = data;
        this.headers = Map.copyOf(headers);
    }

    int httpStatus() {
        return httpStatus;
    }

    int code() {
        return code;
    }

    String msg() {
        return getMessage();
    }

    /** The {@code data} member of the error body, or null. */
    JsonNode data() {
        return data;
    }

    Map<String, String> headers() {
        return headers;
    }
}

package io.fixbridge.venue.binance;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What Binance answered to a failed request, kept as the cause of the {@link
 * io.fixbridge.venue.VenueException} the request fails with, for the callers that need more than the
 * classification (a cancel-replace reads which half failed from {@link #data()}). Holds Binance's
 * code and text only, never anything of the request (which carries keys and signatures).
 */
public final class BinanceApiError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int httpStatus;
    private final Integer code;
    private final transient JsonNode data;

    public BinanceApiError(String what, int httpStatus, Integer code, String msg, JsonNode data) {
        super(what + ": HTTP " + httpStatus + (code == null ? "" : " code " + code) + (msg == null ? "" : " " + msg));
        this.httpStatus = httpStatus;
        this.code = code;
        this.data = data;
    }

    /** The HTTP status (or the WebSocket API's status). */
    public int httpStatus() {
        return httpStatus;
    }

    /** Binance's code, or null. */
    public Integer code() {
        return code;
    }

    /** The error body's {@code data} (cancel-replace detail), or null. */
    public JsonNode data() {
        return data;
    }
}

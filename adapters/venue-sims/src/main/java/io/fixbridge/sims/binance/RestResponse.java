package io.fixbridge.sims.binance;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One HTTP answer before it is written: status, JSON body and extra headers. Immutable once
 * built; {@link #withHeaders} returns a copy.
 *
 * @param status  HTTP status
 * @param body    JSON body
 * @param headers extra headers (rate-limit counters, {@code Retry-After})
 */
record RestResponse(int status, JsonNode body, Map<String, String> headers) {

    RestResponse {
        headers = Map.copyOf(headers);
    }

    static RestResponse ok(JsonNode body) {
        return new RestResponse(200, body, Map.of());
    }

    /** Binance's error answer for {@code e}. */
    static RestResponse error(BinanceException e) {
        com.fasterxml.jackson.databind.node.ObjectNode body = Json.error(e.code(), e.msg());
        if (e.data() != null) {
            body.set("data", e.data());
        }
        return new RestResponse(e.httpStatus(), body, e.headers());
    }

    RestResponse withHeaders(Map<String, String> more) {
        Map<String, String> all = new LinkedHashMap<>(more);
        all.putAll(headers);
        return new RestResponse(status, body, all);
    }
}

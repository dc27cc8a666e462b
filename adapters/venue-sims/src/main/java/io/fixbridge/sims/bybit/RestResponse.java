package io.fixbridge.sims.bybit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fixbridge.sims.common.SimJson;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One HTTP answer before it is written: status, body text, content type and extra headers.
 * Immutable; {@link #withHeaders} returns a copy.
 *
 * @param status      HTTP status
 * @param body        the body text
 * @param contentType its content type
 * @param headers     extra headers (rate-limit counters)
 * @param retCode     the envelope's retCode (0 for success; -1 for non-envelope answers)
 */
record RestResponse(int status, String body, String contentType, Map<String, String> headers, int retCode) {
    static final String JSON = "application/json; charset=utf-8";
    static final String HTML = "text/html; charset=utf-8";

    RestResponse {
        headers = Map.copyOf(headers);
    }

    /** Bybit's success envelope around {@code result}. */
    static RestResponse ok(JsonNode result, long time) {
        return new RestResponse(200, SimJson.write(envelope(0, "OK", result, time)), JSON, Map.of(), 0);
    }

    /** Bybit's error envelope: {@code {"retCode":..,"retMsg":..,"result":{},"retExtInfo":{},"time":..}}. */
    static RestResponse error(BybitException e, long time) {
        return new RestResponse(e.httpStatus(), SimJson.write(envelope(e.retCode(), e.retMsg(), SimJson.object(), time)),
                JSON, Map.of(), e.retCode());
    }

    /** A plain HTML page with {@code status} (5xx faults, the 403 ban page). */
    static RestResponse html(int status, String page) {
        return new RestResponse(status, page, HTML, Map.of(), -1);
    }

    static ObjectNode envelope(int retCode, String retMsg, JsonNode result, long time) {
        ObjectNode n = SimJson.object();
        n.put("retCode", retCode);
        n.put("retMsg", retMsg);
        n.set("result", result);
        n.putObject("retExtInfo");
        n.put("time", time);
        return n;
    }

    RestResponse withHeaders(Map<String, String> more) {
        Map<String, String> all = new LinkedHashMap<>(headers);
        all.putAll(more);
        return new RestResponse(status, body, contentType, all, retCode);
    }
}

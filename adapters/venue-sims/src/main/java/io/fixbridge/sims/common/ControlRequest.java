package io.fixbridge.sims.common;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * One control-plane request ({@code /_sim/...}), detached from Netty's buffers so it can be
 * handled off the event loop. Immutable and thread-safe.
 *
 * @param method HTTP method, upper case
 * @param path   the path without the query string
 * @param query  query parameters, the first value of each name, URL-decoded
 * @param body   the body as sent (UTF-8); empty when none
 */
public record ControlRequest(String method, String path, Map<String, String> query, String body) {

    public ControlRequest {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(path, "path");
        query = Map.copyOf(query);
        body = body == null ? "" : body;
    }

    /**
     * A query parameter that must be present and non-empty.
     *
     * @throws ControlError 400 naming the parameter when it is missing
     */
    public String requireQuery(String name) {
        String v = query.get(name);
        if (v == null || v.isBlank()) {
            throw ControlError.badRequest("query parameter '" + name + "' is required, e.g. " + path + "?" + name
                    + "=...");
        }
        return v;
    }

    /**
     * The body as a JSON object.
     *
     * @throws ControlError 400 when the body is empty, not JSON, or not an object
     */
    public ObjectNode jsonObject() {
        if (body.isBlank()) {
            throw ControlError.badRequest(method + " " + path + " needs a JSON object body");
        }
        JsonNode node = SimJson.parse(body);
        if (node == null) {
            throw ControlError.badRequest("the body is not valid JSON");
        }
        if (!(node instanceof ObjectNode object)) {
            throw ControlError.badRequest("the body must be a JSON object, got "
                    + node.getNodeType().name().toLowerCase(Locale.ROOT));
        }
        return object;
    }
}

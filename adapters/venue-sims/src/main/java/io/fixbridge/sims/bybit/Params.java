package io.fixbridge.sims.bybit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fixbridge.sims.common.SimJson;

import java.math.BigDecimal;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The parameters of one request: a GET's query string, or a POST's JSON object body. Types follow
 * Bybit's documentation strictly: in a JSON body, {@code qty}, {@code price}, {@code triggerPrice},
 * ids and enums are strings, {@code positionIdx} and {@code triggerDirection} integers,
 * {@code reduceOnly} and {@code closeOnTrigger} booleans; anything else is retCode 10001. A JSON
 * {@code null} and an empty query value count as absent. Not thread-safe: one instance serves one
 * request.
 */
final class Params {
    private final Map<String, String> query;
    private final ObjectNode body;

    private Params(Map<String, String> query, ObjectNode body) {
        this.query = query;
        this.body = body;
    }

    /** The parameters of {@code request}: its query string for GET, its JSON body otherwise. */
    static Params of(RestRequest request) {
        if ("GET".equals(request.method())) {
            return new Params(decode(request.rawQuery()), null);
        }
        String raw = request.rawBody().isBlank() ? "{}" : request.rawBody();
        JsonNode json = SimJson.parse(raw);
        if (!(json instanceof ObjectNode object)) {
            throw Errors.params("the request body must be one JSON object");
        }
        return new Params(null, object);
    }

    static Map<String, String> decode(String raw) {
        Map<String, String> out = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return out;
        }
        for (String pair : raw.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            try {
                String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                out.putIfAbsent(name, value);
            } catch (IllegalArgumentException e) {
                throw Errors.params("malformed query string");
            }
        }
        return out;
    }

    /** Whether {@code name} was sent with a value (null, an empty string and an empty query value count as absent). */
    boolean has(String name) {
        if (body != null) {
            JsonNode v = body.get(name);
            return v != null && !v.isNull() && !(v.isTextual() && v.asText().isEmpty());
        }
        return query.containsKey(name) && !query.get(name).isEmpty();
    }

    /** A string parameter. */
    Optional<String> text(String name) {
        if (body != null) {
            JsonNode v = body.get(name);
            if (v == null || v.isNull()) {
                return Optional.empty();
            }
            if (!v.isTextual()) {
                throw Errors.params(name + " must be a string");
            }
            return v.asText().isEmpty() ? Optional.empty() : Optional.of(v.asText());
        }
        String v = query.get(name);
        return v == null || v.isEmpty() ? Optional.empty() : Optional.of(v);
    }

    String requireText(String name) {
        return text(name).orElseThrow(() -> Errors.missing(name));
    }

    /** A decimal sent as a string; {@code invalid} makes the error for a malformed one. */
    Optional<BigDecimal> decimal(String name, java.util.function.Supplier<BybitException> invalid) {
        return text(name).map(t -> {
            BigDecimal d = Fmt.parse(t);
            if (d == null) {
                throw invalid.get();
            }
            return d;
        });
    }

    Optional<BigDecimal> decimal(String name) {
        return decimal(name, () -> Errors.invalid(name));
    }

    /** An integer: a JSON integral number in a body, digits in a query string. */
    Optional<Integer> integer(String name) {
        if (body != null) {
            JsonNode v = body.get(name);
            if (v == null || v.isNull()) {
                return Optional.empty();
            }
            if (!v.isIntegralNumber() || !v.canConvertToInt()) {
                throw Errors.params(name + " must be an integer");
            }
            return Optional.of(v.intValue());
        }
        return text(name).map(t -> {
            try {
                return Integer.parseInt(t);
            } catch (NumberFormatException e) {
                throw Errors.invalid(name);
            }
        });
    }

    /** A long: a JSON integral number in a body, digits in a query string. */
    Optional<Long> longValue(String name) {
        if (body != null) {
            JsonNode v = body.get(name);
            if (v == null || v.isNull()) {
                return Optional.empty();
            }
            if (!v.isIntegralNumber() || !v.canConvertToLong()) {
                throw Errors.params(name + " must be an integer");
            }
            return Optional.of(v.longValue());
        }
        return text(name).map(t -> {
            try {
                return Long.parseLong(t);
            } catch (NumberFormatException e) {
                throw Errors.invalid(name);
            }
        });
    }

    /** A boolean: a JSON boolean in a body, {@code true}/{@code false} in a query string. */
    Optional<Boolean> bool(String name) {
        if (body != null) {
            JsonNode v = body.get(name);
            if (v == null || v.isNull()) {
                return Optional.empty();
            }
            if (!v.isBoolean()) {
                throw Errors.params(name + " must be a boolean");
            }
            return Optional.of(v.booleanValue());
        }
        return text(name).map(t -> switch (t) {
            case "true" -> Boolean.TRUE;
            case "false" -> Boolean.FALSE;
            default -> throw Errors.invalid(name);
        });
    }

    /** The category parameter, required and one the simulator serves. */
    Category category() {
        String raw = requireText("category");
        Category c = Category.ofWire(raw);
        if (c == null) {
            throw Errors.params("Illegal category");
        }
        return c;
    }

    /** The raw category text, or empty (for rate-limit keys before validation). */
    String rawCategory() {
        try {
            return text("category").orElse("");
        } catch (BybitException e) {
            return "";
        }
    }
}

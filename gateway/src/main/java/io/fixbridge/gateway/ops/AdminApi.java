package io.fixbridge.gateway.ops;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;

import io.fixbridge.gateway.risk.KillSwitch;

/**
 * The admin endpoints, each guarded by {@code Authorization: Bearer <ops.adminToken>}:
 * <pre>
 *   GET    /admin/sessions                      the FIX sessions and their state
 *   GET    /admin/venues                        the venues, up or why not, their streams
 *   GET    /admin/kill-switches                 the engaged kill switches
 *   POST   /admin/kill-switches                 {"scope":"global|venue|account|session","venue":..,"account":..,"session":..,"reason":..}
 *   DELETE /admin/kill-switches/{id}            release one
 *   POST   /admin/sessions/{compId}/logout      log a session out
 *   GET    /admin/risk                          the pre-trade limits in force and each scope's use of them
 *   POST   /admin/risk/reload                   read gateway.yaml's risk section again and put it in force
 * </pre>
 * Without {@code ops.adminToken} they answer 404 saying how to enable them; a missing or wrong
 * token is 401 and logged at WARN with the caller's address (never the token). Bad requests are
 * 400 with a message that says what is allowed.
 *
 * <p>Called on the ops HTTP threads; thread-safe.
 */
public final class AdminApi {
    private static final Logger LOG = LoggerFactory.getLogger(AdminApi.class);
    private static final int MAX_BODY = 4096;

    private final Optional<byte[]> token;
    private final Operator operator;
    private final RiskControl risk;

    public AdminApi(Optional<String> token, Operator operator, RiskControl risk) {
        this.token = token.map(t -> t.getBytes(StandardCharsets.UTF_8));
        this.operator = operator;
        this.risk = risk;
    }

    void handle(HttpExchange exchange) throws IOException {
        if (token.isEmpty()) {
            OpsHttpServer.respond(exchange, 404, Map.of("error", "the admin endpoints are disabled; set ops.adminToken in gateway.yaml"));
            return;
        }
        if (!authorized(exchange)) {
            LOG.warn("admin request {} {} from {} refused: missing or wrong bearer token", exchange.getRequestMethod(),
                    exchange.getRequestURI().getPath(), exchange.getRemoteAddress().getAddress().getHostAddress());
            exchange.getResponseHeaders().set("WWW-Authenticate", "Bearer realm=\"fixbridge-admin\"");
            OpsHttpServer.respond(exchange, 401, Map.of("error", "send the admin token as 'Authorization: Bearer <ops.adminToken>'"));
            return;
        }
        try {
            route(exchange, exchange.getRequestMethod(), exchange.getRequestURI().getPath().split("/"));
        } catch (IllegalArgumentException e) {
            OpsHttpServer.respond(exchange, 400, Map.of("error", e.getMessage()));
        }
    }

    private boolean authorized(HttpExchange exchange) {
        String header = exchange.getRequestHeaders().getFirst("Authorization");
        if (header == null || !header.startsWith("Bearer ")) {
            return false;
        }
        return MessageDigest.isEqual(token.get(), header.substring("Bearer ".length()).trim().getBytes(StandardCharsets.UTF_8));
    }

    // path parts: "", "admin", ...
    private void route(HttpExchange exchange, String method, String[] parts) throws IOException {
        String what = parts.length > 2 ? parts[2] : "";
        switch (method + " " + what + "/" + (parts.length - 3)) {
            case "GET sessions/0" -> OpsHttpServer.respond(exchange, 200, Map.of("sessions", operator.sessions()));
            case "GET venues/0" -> OpsHttpServer.respond(exchange, 200, Map.of("venues", operator.venues()));
            case "GET kill-switches/0" -> OpsHttpServer.respond(exchange, 200,
                    Map.of("killSwitches", operator.killSwitches().stream().map(AdminApi::view).toList()));
            case "POST kill-switches/0" -> engage(exchange);
            case "DELETE kill-switches/1" -> {
                Optional<KillSwitch> released = operator.release(parts[3]);
                if (released.isPresent()) {
                    OpsHttpServer.respond(exchange, 200, Map.of("released", view(released.get())));
                } else {
                    OpsHttpServer.respond(exchange, 404, Map.of("error", "no kill switch '" + parts[3] + "' is engaged"));
                }
            }
            case "GET risk/0" -> OpsHttpServer.respond(exchange, 200, risk.view());
            case "POST risk/1" -> {
                if ("reload".equals(parts[3])) {
                    OpsHttpServer.respond(exchange, 200, risk.reload());
                } else {
                    notFound(exchange);
                }
            }
            case "POST sessions/2" -> {
                if (!"logout".equals(parts[4])) {
                    notFound(exchange);
                } else if (operator.logout(parts[3])) {
                    OpsHttpServer.respond(exchange, 202, Map.of("session", parts[3], "loggingOut", true));
                } else {
                    OpsHttpServer.respond(exchange, 409, Map.of("error", "session " + parts[3] + " is not logged on"));
                }
            }
            default -> notFound(exchange);
        }
    }

    private void engage(HttpExchange exchange) throws IOException {
        JsonNode body;
        try {
            body = OpsHttpServer.JSON.readTree(OpsHttpServer.body(exchange, MAX_BODY));
        } catch (JacksonException e) {
            throw new IllegalArgumentException("the body is not JSON: " + e.getOriginalMessage());
        }
        if (body == null || !body.isObject()) {
            throw new IllegalArgumentException("the body must be a JSON object like {\"scope\":\"venue\",\"venue\":\"binance\",\"reason\":\"...\"}");
        }
        Operator.Engaged engaged = operator.engage(text(body, "scope"), text(body, "venue"), text(body, "account"),
                text(body, "session"), text(body, "reason"));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("killSwitch", view(engaged.killSwitch()));
        out.put("ordersCanceling", engaged.ordersCanceling());
        OpsHttpServer.respond(exchange, 201, out);
    }

    private static String text(JsonNode body, String field) {
        JsonNode v = body.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    private static void notFound(HttpExchange exchange) throws IOException {
        OpsHttpServer.respond(exchange, 404, Map.of("error", "no such admin endpoint; known: GET /admin/sessions, GET /admin/venues, "
                + "GET|POST /admin/kill-switches, DELETE /admin/kill-switches/{id}, POST /admin/sessions/{compId}/logout, "
                + "GET /admin/risk, POST /admin/risk/reload"));
    }

    static Map<String, Object> view(KillSwitch k) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", k.id());
        m.put("scope", k.scope().label());
        if (!k.venue().isEmpty()) {
            m.put("venue", k.venue());
        }
        if (!k.account().isEmpty()) {
            m.put("account", k.account());
        }
        if (!k.session().isEmpty()) {
            m.put("session", k.session());
        }
        m.put("reason", k.reason());
        m.put("engagedAt", k.engagedAt().toString());
        return m;
    }
}

package io.fixbridge.sims.bybit;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.concurrent.CompletableFuture;

/**
 * One REST route: where it lives, whether it is signed, which rate limit counts it, what
 * maintenance and the lost-response fault do to it, and the handler. Immutable.
 *
 * @param method  HTTP method
 * @param path    exact path
 * @param signed  whether it needs the X-BAPI-* signature headers
 * @param limit   which per-UID limit counts it
 * @param role    READ, TRADE (refused in maintenance) or CREATE (also: its response may be lost)
 * @param handler answers the request with the envelope's {@code result}
 */
record Endpoint(String method, String path, boolean signed, Limit limit, Role role, Handler handler) {

    /** Which per-UID limit a route counts against. */
    enum Limit {
        NONE, TRADE, AMEND, QUERY, POSITION;

        /** The limit per second for this route in {@code category}; zero means unlimited. */
        int perSecond(RateLimits limits, String category) {
            boolean spot = "spot".equals(category);
            return switch (this) {
                case NONE -> 0;
                case TRADE -> spot ? limits.spotTrade() : limits.derivativesTrade();
                case AMEND -> spot ? limits.spotAmend() : limits.derivativesTrade();
                case QUERY -> limits.queries();
                case POSITION -> limits.derivativesTrade();
            };
        }
    }

    /** What the route does. */
    enum Role {
        READ, TRADE, CREATE
    }

    /** Answers one request; runs on an event loop and must not block. */
    @FunctionalInterface
    interface Handler {
        CompletableFuture<JsonNode> handle(Call call);
    }

    /**
     * One request as a handler sees it.
     *
     * @param request the request
     * @param params  its parameters
     * @param account the authenticated account, or null for public routes
     */
    record Call(RestRequest request, Params params, SimAccount account) {
    }
}

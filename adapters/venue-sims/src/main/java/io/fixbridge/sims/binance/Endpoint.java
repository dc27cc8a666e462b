package io.fixbridge.sims.binance;

import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.ToIntFunction;

/**
 * One REST route: where it lives, how it is secured, what it weighs and counts, which parameters
 * it reads, and the handler that answers it. Immutable.
 *
 * @param market      the API family it belongs to (its rate limits)
 * @param method      HTTP method
 * @param path        exact path
 * @param security    NONE, USER_STREAM (API key) or SIGNED (API key, timestamp, signature)
 * @param weight      request weight, possibly depending on the parameters
 * @param orders      how many orders a request counts against the ORDERS limits
 * @param role        what maintenance and the lost-response fault do to it
 * @param params      every parameter name it reads; others are refused with -1104
 * @param handler     the handler
 */
record Endpoint(Market market, String method, String path, Security security, ToIntFunction<Params> weight,
                int orders, Role role, Set<String> params, Handler handler) {

    /** How a route is secured. */
    enum Security {
        NONE, USER_STREAM, SIGNED
    }

    /** What the route does, for maintenance mode and the lost-response fault. */
    enum Role {
        /** Reads only. */
        READ,
        /** Places orders: refused in maintenance; its response may be lost on purpose. */
        PLACE,
        /** Changes or cancels orders: refused in maintenance. */
        CANCEL
    }

    /** Answers one authenticated request; runs on an event loop and must not block. */
    @FunctionalInterface
    interface Handler {
        CompletableFuture<RestResponse> handle(Call call);
    }

    /**
     * One request as a handler sees it.
     *
     * @param request the request
     * @param params  its parameters
     * @param account the authenticated account, or null for public routes
     */
    record Call(RestRequest request, Params params, SimAccount account) {
        String accountName() {
            return account == null ? null : account.name();
        }
    }

    static ToIntFunction<Params> fixed(int weight) {
        return p -> weight;
    }
}

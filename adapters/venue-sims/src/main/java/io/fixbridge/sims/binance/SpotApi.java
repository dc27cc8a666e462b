package io.fixbridge.sims.binance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fixbridge.sims.binance.Endpoint.Call;
import io.fixbridge.sims.binance.Endpoint.Role;
import io.fixbridge.sims.binance.Endpoint.Security;
import io.fixbridge.sims.common.EngineThread;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.function.ToIntFunction;

/**
 * The spot REST routes ({@code /api/v3/...}) with Binance's weights, order counts, security types
 * and parameter lists, and their handlers. Handlers parse and validate on the engine thread and
 * call {@link SpotVenue}; they never block an event loop.
 *
 * <p><b>Threading:</b> immutable after {@link #register}; handlers may run on any event loop.
 */
final class SpotApi {
    private static final Set<String> OCO_PARAMS = Set.of("symbol", "listClientOrderId", "side", "quantity",
            "aboveType", "aboveClientOrderId", "aboveIcebergQty", "abovePrice", "aboveStopPrice",
            "aboveTrailingDelta", "aboveTimeInForce", "aboveStrategyId", "aboveStrategyType", "belowType",
            "belowClientOrderId", "belowIcebergQty", "belowPrice", "belowStopPrice", "belowTrailingDelta",
            "belowTimeInForce", "belowStrategyId", "belowStrategyType", "newOrderRespType",
            "selfTradePreventionMode");

    private final SpotVenue venue;
    private final EngineThread engine;
    private final ListenKeys listenKeys;
    private final RateLimiter limiter;
    private final Faults faults;
    private final Clock clock;
    private final PublicStreams streams;

    SpotApi(SpotVenue venue, EngineThread engine, ListenKeys listenKeys, RateLimiter limiter, Faults faults,
            Clock clock, PublicStreams streams) {
        this.streams = streams;
        this.venue = venue;
        this.engine = engine;
        this.listenKeys = listenKeys;
        this.limiter = limiter;
        this.faults = faults;
        this.clock = clock;
    }

    void register(Router r) {
        route(r, "GET", "/api/v3/ping", Security.NONE, Endpoint.fixed(1), 0, Role.READ, Set.of(),
                c -> done(Json.object()));
        route(r, "GET", "/api/v3/time", Security.NONE, Endpoint.fixed(1), 0, Role.READ, Set.of(), c -> {
            ObjectNode n = Json.object();
            n.put("serverTime", clock.millis());
            return done(n);
        });
        route(r, "GET", "/api/v3/exchangeInfo", Security.NONE, Endpoint.fixed(20), 0, Role.READ,
                Set.of("symbol", "symbols", "permissions", "showPermissionSets", "symbolStatus"), this::exchangeInfo);
        route(r, "GET", "/api/v3/depth", Security.NONE, SpotApi::depthWeight, 0, Role.READ,
                Set.of("symbol", "limit", "symbolStatus"), c -> onEngine(() -> {
                    int limit = (int) Math.min(5000, Math.max(1, c.params().optLong("limit").orElse(100L)));
                    return streams.depth(c.params().require("symbol"), limit);
                }));
        route(r, "GET", "/api/v3/ticker/price", Security.NONE, p -> p.has("symbol") ? 2 : 4, 0, Role.READ,
                Set.of("symbol", "symbols", "symbolStatus"), c -> onEngine(() -> {
                    if (c.params().has("symbol")) {
                        return venue.tickerPrice(c.params().require("symbol"));
                    }
                    ArrayNode out = Json.array();
                    venue.listings().keySet().forEach(s -> out.add(venue.tickerPrice(s)));
                    return out;
                }));
        route(r, "GET", "/api/v3/ticker/bookTicker", Security.NONE, p -> p.has("symbol") ? 2 : 4, 0, Role.READ,
                Set.of("symbol", "symbols"), c -> onEngine(() -> {
                    if (c.params().has("symbol")) {
                        return venue.bookTicker(c.params().require("symbol"));
                    }
                    ArrayNode out = Json.array();
                    chosenListings(c.params()).forEach(l -> out.add(venue.bookTicker(l.symbol())));
                    return out;
                }));
        route(r, "GET", "/api/v3/ticker/24hr", Security.NONE, SpotApi::ticker24hWeight, 0, Role.READ,
                Set.of("symbol", "symbols", "type"), this::ticker24h);
        route(r, "POST", "/api/v3/order", Security.SIGNED, Endpoint.fixed(1), 1, Role.PLACE,
                SpotOrderParser.ORDER_PARAMS, c -> onEngine(() -> {
                    SpotOrderSpec spec = SpotOrderParser.parse(c.params(), venue.listings());
                    return SpotJson.response(venue.place(c.accountName(), spec), spec.respType());
                }));
        route(r, "DELETE", "/api/v3/order", Security.SIGNED, Endpoint.fixed(1), 0, Role.CANCEL,
                Set.of("symbol", "orderId", "origClientOrderId", "newClientOrderId", "cancelRestrictions"),
                c -> onEngine(() -> {
                    Params p = c.params();
                    String symbol = p.require("symbol");
                    Long orderId = p.optLong("orderId").orElse(null);
                    String orig = p.opt("origClientOrderId").orElse(null);
                    if (orderId == null && orig == null) {
                        throw Errors.eitherParam("origClientOrderId", "orderId");
                    }
                    String newId = p.optClientId("newClientOrderId", Params.SPOT_CLIENT_ID).orElse(null);
                    return venue.cancel(c.accountName(), symbol, orderId, orig, newId, cancelRestrictions(p));
                }));
        route(r, "GET", "/api/v3/order", Security.SIGNED, Endpoint.fixed(4), 0, Role.READ,
                Set.of("symbol", "orderId", "origClientOrderId"), c -> onEngine(() -> {
                    Params p = c.params();
                    String symbol = p.require("symbol");
                    Long orderId = p.optLong("orderId").orElse(null);
                    String orig = p.opt("origClientOrderId").orElse(null);
                    if (orderId == null && orig == null) {
                        throw Errors.eitherParam("origClientOrderId", "orderId");
                    }
                    return venue.query(c.accountName(), symbol, orderId, orig);
                }));
        route(r, "GET", "/api/v3/openOrders", Security.SIGNED, p -> p.has("symbol") ? 6 : 80, 0, Role.READ,
                Set.of("symbol"), c -> onEngine(() ->
                        venue.openOrdersJson(c.accountName(), c.params().opt("symbol").orElse(null))));
        route(r, "DELETE", "/api/v3/openOrders", Security.SIGNED, Endpoint.fixed(1), 0, Role.CANCEL,
                Set.of("symbol"), c -> onEngine(() -> venue.cancelAll(c.accountName(), c.params().require("symbol"))));
        route(r, "GET", "/api/v3/allOrders", Security.SIGNED, Endpoint.fixed(20), 0, Role.READ,
                Set.of("symbol", "orderId", "startTime", "endTime", "limit"), c -> onEngine(() -> {
                    Params p = c.params();
                    String symbol = p.require("symbol");
                    long limit = p.optLong("limit").orElse(500L);
                    if (limit < 1 || limit > 1000) {
                        throw Errors.invalidParameter("limit");
                    }
                    return venue.allOrders(c.accountName(), symbol, p.optLong("orderId").orElse(null),
                            p.optLong("startTime").orElse(null), p.optLong("endTime").orElse(null), (int) limit);
                }));
        route(r, "GET", "/api/v3/myTrades", Security.SIGNED, p -> p.has("orderId") ? 5 : 20, 0, Role.READ,
                Set.of("symbol", "orderId", "startTime", "endTime", "fromId", "limit"), c -> onEngine(() -> {
                    Params p = c.params();
                    String symbol = p.require("symbol");
                    long limit = p.optLong("limit").orElse(500L);
                    if (limit < 1 || limit > 1000) {
                        throw Errors.invalidParameter("limit");
                    }
                    return venue.myTrades(c.accountName(), symbol, p.optLong("orderId").orElse(null),
                            p.optLong("fromId").orElse(null), p.optLong("startTime").orElse(null),
                            p.optLong("endTime").orElse(null), (int) limit);
                }));
        route(r, "GET", "/api/v3/account", Security.SIGNED, Endpoint.fixed(20), 0, Role.READ,
                Set.of("omitZeroBalances"), c -> onEngine(() -> venue.account(c.accountName(),
                        c.params().optBoolean("omitZeroBalances").orElse(false))));
        route(r, "GET", "/api/v3/rateLimit/order", Security.SIGNED, Endpoint.fixed(40), 0, Role.READ, Set.of(),
                c -> {
                    int[] counts = limiter.orderCounts(c.accountName());
                    ArrayNode arr = Json.array();
                    ObjectNode shortWindow = arr.addObject();
                    shortWindow.put("rateLimitType", "ORDERS");
                    shortWindow.put("interval", "SECOND");
                    shortWindow.put("intervalNum", 10);
                    shortWindow.put("limit", limiter.limits().ordersPer10Seconds());
                    shortWindow.put("count", counts[0]);
                    ObjectNode day = arr.addObject();
                    day.put("rateLimitType", "ORDERS");
                    day.put("interval", "DAY");
                    day.put("intervalNum", 1);
                    day.put("limit", limiter.limits().ordersPerLongWindow());
                    day.put("count", counts[1]);
                    return done(arr);
                });
        Set<String> replaceParams = new LinkedHashSet<>(SpotOrderParser.ORDER_PARAMS);
        replaceParams.addAll(Set.of("cancelReplaceMode", "cancelNewClientOrderId", "cancelOrigClientOrderId",
                "cancelOrderId", "orderRateLimitExceededMode", "cancelRestrictions"));
        route(r, "POST", "/api/v3/order/cancelReplace", Security.SIGNED, Endpoint.fixed(1), 1, Role.PLACE,
                replaceParams, this::cancelReplace);
        route(r, "POST", "/api/v3/orderList/oco", Security.SIGNED, Endpoint.fixed(1), 2, Role.PLACE, OCO_PARAMS,
                this::oco);
        route(r, "DELETE", "/api/v3/orderList", Security.SIGNED, Endpoint.fixed(1), 0, Role.CANCEL,
                Set.of("symbol", "orderListId", "listClientOrderId", "newClientOrderId"), c -> onEngine(() -> {
                    Params p = c.params();
                    String symbol = p.require("symbol");
                    Long listId = p.optLong("orderListId").orElse(null);
                    String listClientId = p.opt("listClientOrderId").orElse(null);
                    if (listId == null && listClientId == null) {
                        throw Errors.eitherParam("orderListId", "listClientOrderId");
                    }
                    return venue.lists.cancel(c.accountName(), symbol, listId, listClientId,
                            p.optClientId("newClientOrderId", Params.SPOT_CLIENT_ID).orElse(null));
                }));
        route(r, "POST", "/api/v3/userDataStream", Security.USER_STREAM, Endpoint.fixed(2), 0, Role.READ, Set.of(),
                c -> {
                    ObjectNode n = Json.object();
                    n.put("listenKey", listenKeys.create(Market.SPOT, c.accountName()));
                    return done(n);
                });
        route(r, "PUT", "/api/v3/userDataStream", Security.USER_STREAM, Endpoint.fixed(2), 0, Role.READ,
                Set.of("listenKey"), c -> {
                    listenKeys.keepAlive(Market.SPOT, c.accountName(), c.params().require("listenKey"));
                    return done(Json.object());
                });
        route(r, "DELETE", "/api/v3/userDataStream", Security.USER_STREAM, Endpoint.fixed(2), 0, Role.READ,
                Set.of("listenKey"), c -> {
                    listenKeys.close(Market.SPOT, c.accountName(), c.params().require("listenKey"));
                    return done(Json.object());
                });
    }

    private CompletableFuture<RestResponse> exchangeInfo(Call c) {
        return onEngine(() -> ExchangeInfoJson.spot(chosenListings(c.params()), limiter.limits(), clock.millis(),
                faults.maintenance()));
    }

    /** The listings named by {@code symbol} or {@code symbols} (a JSON array), else all of them. */
    private List<SpotListing> chosenListings(Params p) {
        List<SpotListing> chosen = new ArrayList<>();
        if (p.has("symbol")) {
            chosen.add(venue.listing(p.require("symbol")));
        } else if (p.has("symbols")) {
            JsonNode arr = Json.parse(p.require("symbols"));
            if (arr == null || !arr.isArray()) {
                throw Errors.illegalChars("symbols", "^\\[(\"[A-Z0-9-_.]{1,20}\"(,\"[A-Z0-9-_.]{1,20}\"){0,}){0,1}\\]$");
            }
            for (JsonNode s : arr) {
                chosen.add(venue.listing(s.asText()));
            }
        } else {
            chosen.addAll(venue.listings().values());
        }
        return chosen;
    }

    /** GET /api/v3/ticker/24hr: one object for {@code symbol}, else an array; type FULL (default) or MINI. */
    private CompletableFuture<RestResponse> ticker24h(Call c) {
        Params p = c.params();
        String type = p.opt("type").orElse("FULL");
        if (!"FULL".equals(type) && !"MINI".equals(type)) {
            return CompletableFuture.failedFuture(Errors.invalidParameter("type"));
        }
        boolean full = "FULL".equals(type);
        return onEngine(() -> {
            if (p.has("symbol")) {
                return venue.ticker24h(p.require("symbol"), full);
            }
            ArrayNode out = Json.array();
            chosenListings(p).forEach(l -> out.add(venue.ticker24h(l.symbol(), full)));
            return out;
        });
    }

    /** Binance's weights: 2 per 20 symbols (1..20: 2, 21..100: 40, more: 80), 80 without symbols. */
    private static int ticker24hWeight(Params p) {
        if (p.has("symbol")) {
            return 2;
        }
        if (!p.has("symbols")) {
            return 80;
        }
        JsonNode arr = Json.parse(p.require("symbols"));
        int n = arr == null || !arr.isArray() ? 1 : arr.size();
        return n <= 20 ? 2 : n <= 100 ? 40 : 80;
    }

    private CompletableFuture<RestResponse> cancelReplace(Call c) {
        return engine.call(() -> {
            Params p = c.params();
            String mode = p.require("cancelReplaceMode");
            if (!"STOP_ON_FAILURE".equals(mode) && !"ALLOW_FAILURE".equals(mode)) {
                throw Errors.invalidParameter("cancelReplaceMode");
            }
            Long cancelOrderId = p.optLong("cancelOrderId").orElse(null);
            String cancelOrig = p.opt("cancelOrigClientOrderId").orElse(null);
            if (cancelOrderId == null && cancelOrig == null) {
                throw Errors.eitherParam("cancelOrigClientOrderId", "cancelOrderId");
            }
            String cancelNew = p.optClientId("cancelNewClientOrderId", Params.SPOT_CLIENT_ID).orElse(null);
            p.opt("orderRateLimitExceededMode").ifPresent(v -> {
                if (!"DO_NOTHING".equals(v) && !"CANCEL_ONLY".equals(v)) {
                    throw Errors.invalidParameter("orderRateLimitExceededMode");
                }
            });
            String restrictions = cancelRestrictions(p);
            SpotOrderSpec spec = SpotOrderParser.parse(p, venue.listings());
            SpotVenue.CancelReplaceOutcome outcome = venue.cancelReplace(c.accountName(), spec,
                    "ALLOW_FAILURE".equals(mode), cancelOrderId, cancelOrig, cancelNew, restrictions);
            return outcome.error() != null ? RestResponse.error(outcome.error()) : RestResponse.ok(outcome.body());
        });
    }

    private CompletableFuture<RestResponse> oco(Call c) {
        return onEngine(() -> {
            Params p = c.params();
            SpotListing listing = SpotOrderParser.listing(p, venue.listings());
            String side = p.require("side");
            SpotOrderParser.side(side);
            String quantity = p.require("quantity");
            String aboveType = p.require("aboveType");
            String belowType = p.require("belowType");
            SpotOrderLists.checkTypes(SpotOrderParser.side(side), aboveType, belowType);
            String listClientId = p.optClientId("listClientOrderId", Params.SPOT_CLIENT_ID)
                    .orElseGet(Ids::clientOrderId);
            SpotOrderSpec above = leg(p, listing.symbol(), side, quantity, "above", aboveType);
            SpotOrderSpec below = leg(p, listing.symbol(), side, quantity, "below", belowType);
            if (above.clientOrderId().equals(below.clientOrderId())) {
                throw Errors.newOrderRejected(Errors.DUPLICATE_ORDER);
            }
            return venue.lists.place(c.accountName(), below, above, listClientId);
        });
    }

    /** One OCO leg as a new-order request, with the leg's own parameter names in the errors. */
    private SpotOrderSpec leg(Params p, String symbol, String side, String quantity, String prefix, String type) {
        boolean priced = "LIMIT_MAKER".equals(type) || type.endsWith("_LIMIT");
        boolean conditional = !"LIMIT_MAKER".equals(type);
        boolean takesTif = type.endsWith("_LIMIT");
        Map<String, String> values = new HashMap<>();
        values.put("symbol", symbol);
        values.put("side", side);
        values.put("type", type);
        values.put("quantity", quantity);
        copy(p, prefix + "Price", "price", priced, values);
        copy(p, prefix + "StopPrice", "stopPrice", conditional, values);
        copy(p, prefix + "TimeInForce", "timeInForce", takesTif, values);
        p.opt(prefix + "IcebergQty").ifPresent(v -> values.put("icebergQty", v));
        p.opt(prefix + "ClientOrderId").ifPresent(v -> values.put("newClientOrderId", v));
        p.opt(prefix + "StrategyId").ifPresent(v -> values.put("strategyId", v));
        p.opt(prefix + "StrategyType").ifPresent(v -> values.put("strategyType", v));
        if (p.has(prefix + "TrailingDelta")) {
            values.put("trailingDelta", p.require(prefix + "TrailingDelta"));
        }
        p.opt("selfTradePreventionMode").ifPresent(v -> values.put("selfTradePreventionMode", v));
        values.put("newOrderRespType", "RESULT");
        return SpotOrderParser.parse(new Params(values), venue.listings());
    }

    private static String cancelRestrictions(Params p) {
        String v = p.opt("cancelRestrictions").orElse(null);
        if (v != null && !"ONLY_NEW".equals(v) && !"ONLY_PARTIALLY_FILLED".equals(v)) {
            throw Errors.of(-1145, "Invalid cancelRestrictions");
        }
        return v;
    }

    private static void copy(Params p, String from, String to, boolean required, Map<String, String> into) {
        if (required) {
            into.put(to, p.require(from));
        } else if (p.has(from)) {
            throw Errors.notRequired(from);
        }
    }

    private static int depthWeight(Params p) {
        Long limit = p.has("limit") ? Fmt.parseLong(p.require("limit")) : null;
        long l = limit == null ? 100 : limit;
        if (l <= 100) {
            return 5;
        }
        if (l <= 500) {
            return 25;
        }
        return l <= 1000 ? 50 : 250;
    }

    private CompletableFuture<RestResponse> onEngine(Callable<JsonNode> work) {
        return engine.call(work).thenApply(RestResponse::ok);
    }

    private static CompletableFuture<RestResponse> done(JsonNode body) {
        return CompletableFuture.completedFuture(RestResponse.ok(body));
    }

    private static void route(Router r, String method, String path, Security security, ToIntFunction<Params> weight,
                              int orders, Role role, Set<String> params, Endpoint.Handler handler) {
        Set<String> all = security == Security.SIGNED ? Params.withSigned(params.toArray(String[]::new))
                : new LinkedHashSet<>(params);
        r.add(new Endpoint(Market.SPOT, method, path, security, weight, orders, role, all, handler));
    }
}

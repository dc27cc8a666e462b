package io.fixbridge.sims.binance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fixbridge.sims.binance.Endpoint.Role;
import io.fixbridge.sims.binance.Endpoint.Security;
import io.fixbridge.sims.common.EngineThread;

import java.math.BigDecimal;
import java.time.Clock;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.function.ToIntFunction;

/**
 * The USD-M futures REST routes ({@code /fapi/v1}, {@code /fapi/v2}, {@code /fapi/v3}) with
 * Binance's weights, order counts, security types and parameter lists, and their handlers, which
 * run the work on the engine thread and call {@link FuturesVenue}.
 *
 * <p><b>Threading:</b> immutable after {@link #register}; handlers may run on any event loop.
 */
final class FuturesApi {
    private final FuturesVenue venue;
    private final EngineThread engine;
    private final ListenKeys listenKeys;
    private final RateLimiter limiter;
    private final Clock clock;
    private final PublicStreams streams;

    FuturesApi(FuturesVenue venue, EngineThread engine, ListenKeys listenKeys, RateLimiter limiter, Clock clock,
               PublicStreams streams) {
        this.streams = streams;
        this.venue = venue;
        this.engine = engine;
        this.listenKeys = listenKeys;
        this.limiter = limiter;
        this.clock = clock;
    }

    void register(Router r) {
        route(r, "GET", "/fapi/v1/ping", Security.NONE, Endpoint.fixed(1), 0, Role.READ, Set.of(),
                c -> done(Json.object()));
        route(r, "GET", "/fapi/v1/time", Security.NONE, Endpoint.fixed(1), 0, Role.READ, Set.of(), c -> {
            ObjectNode n = Json.object();
            n.put("serverTime", clock.millis());
            return done(n);
        });
        route(r, "GET", "/fapi/v1/exchangeInfo", Security.NONE, Endpoint.fixed(1), 0, Role.READ, Set.of(),
                c -> onEngine(() -> ExchangeInfoJson.futures(venue.listings().values(), limiter.limits(),
                        clock.millis())));
        route(r, "GET", "/fapi/v1/depth", Security.NONE, FuturesApi::depthWeight, 0, Role.READ,
                Set.of("symbol", "limit"), c -> onEngine(() -> {
                    int limit = (int) Math.min(1000, Math.max(5, c.params().optLong("limit").orElse(500L)));
                    return streams.depth(c.params().require("symbol"), limit);
                }));
        route(r, "GET", "/fapi/v1/ticker/price", Security.NONE, p -> p.has("symbol") ? 1 : 2, 0, Role.READ,
                Set.of("symbol"), c -> onEngine(() -> {
                    if (c.params().has("symbol")) {
                        return venue.tickerPrice(c.params().require("symbol"));
                    }
                    ArrayNode out = Json.array();
                    venue.listings().keySet().forEach(s -> out.add(venue.tickerPrice(s)));
                    return out;
                }));
        route(r, "GET", "/fapi/v1/ticker/bookTicker", Security.NONE, p -> p.has("symbol") ? 2 : 5, 0, Role.READ,
                Set.of("symbol"), c -> onEngine(() -> {
                    if (c.params().has("symbol")) {
                        return venue.bookTicker(c.params().require("symbol"));
                    }
                    ArrayNode out = Json.array();
                    venue.listings().keySet().forEach(s -> out.add(venue.bookTicker(s)));
                    return out;
                }));
        route(r, "GET", "/fapi/v1/ticker/24hr", Security.NONE, p -> p.has("symbol") ? 1 : 40, 0, Role.READ,
                Set.of("symbol"), c -> onEngine(() -> {
                    if (c.params().has("symbol")) {
                        return venue.ticker24h(c.params().require("symbol"));
                    }
                    ArrayNode out = Json.array();
                    venue.listings().keySet().forEach(s -> out.add(venue.ticker24h(s)));
                    return out;
                }));
        route(r, "GET", "/fapi/v1/premiumIndex", Security.NONE, p -> p.has("symbol") ? 1 : 10, 0, Role.READ,
                Set.of("symbol"), c -> onEngine(() -> {
                    if (c.params().has("symbol")) {
                        return venue.premiumIndex(c.params().require("symbol"));
                    }
                    ArrayNode out = Json.array();
                    venue.listings().keySet().forEach(s -> out.add(venue.premiumIndex(s)));
                    return out;
                }));
        route(r, "POST", "/fapi/v1/order", Security.SIGNED, Endpoint.fixed(0), 1, Role.PLACE,
                FuturesOrderParser.ORDER_PARAMS, c -> onEngine(() -> {
                    FuturesOrderSpec spec = FuturesOrderParser.parse(c.params(), venue.listings(), clock.millis());
                    FuturesOrder o = venue.place(c.accountName(), spec);
                    return "RESULT".equals(spec.respType()) ? FuturesJson.order(o) : FuturesJson.ack(o);
                }));
        route(r, "PUT", "/fapi/v1/order", Security.SIGNED, Endpoint.fixed(0), 1, Role.CANCEL,
                Set.of("orderId", "origClientOrderId", "symbol", "side", "quantity", "price", "priceMatch"),
                c -> onEngine(() -> {
                    Params p = c.params();
                    String symbol = p.require("symbol");
                    Long orderId = p.optLong("orderId").orElse(null);
                    String orig = p.opt("origClientOrderId").orElse(null);
                    if (orderId == null && orig == null) {
                        throw Errors.eitherParam("orderId", "origClientOrderId");
                    }
                    if (p.opt("priceMatch").filter(v -> !"NONE".equals(v)).isPresent()) {
                        throw Errors.of(-5037, "Invalid price match");
                    }
                    var side = SpotOrderParser.side(p.require("side"));
                    BigDecimal quantity = p.requireDecimal("quantity");
                    BigDecimal price = p.requireDecimal("price");
                    return FuturesJson.modified(venue.modify(c.accountName(), symbol, orderId, orig, side, quantity,
                            price));
                }));
        route(r, "DELETE", "/fapi/v1/order", Security.SIGNED, Endpoint.fixed(1), 0, Role.CANCEL,
                Set.of("symbol", "orderId", "origClientOrderId"), c -> onEngine(() -> {
                    Params p = c.params();
                    String symbol = p.require("symbol");
                    Long orderId = p.optLong("orderId").orElse(null);
                    String orig = p.opt("origClientOrderId").orElse(null);
                    if (orderId == null && orig == null) {
                        throw Errors.eitherParam("orderId", "origClientOrderId");
                    }
                    return FuturesJson.order(venue.cancel(c.accountName(), symbol, orderId, orig));
                }));
        route(r, "DELETE", "/fapi/v1/allOpenOrders", Security.SIGNED, Endpoint.fixed(1), 0, Role.CANCEL,
                Set.of("symbol"), c -> onEngine(() -> venue.cancelAll(c.accountName(), c.params().require("symbol"))));
        route(r, "GET", "/fapi/v1/order", Security.SIGNED, Endpoint.fixed(1), 0, Role.READ,
                Set.of("symbol", "orderId", "origClientOrderId"), c -> onEngine(() -> {
                    Params p = c.params();
                    String symbol = p.require("symbol");
                    Long orderId = p.optLong("orderId").orElse(null);
                    String orig = p.opt("origClientOrderId").orElse(null);
                    if (orderId == null && orig == null) {
                        throw Errors.eitherParam("orderId", "origClientOrderId");
                    }
                    return FuturesJson.query(venue.query(c.accountName(), symbol, orderId, orig));
                }));
        route(r, "GET", "/fapi/v1/openOrder", Security.SIGNED, Endpoint.fixed(1), 0, Role.READ,
                Set.of("symbol", "orderId", "origClientOrderId"), c -> onEngine(() -> {
                    Params p = c.params();
                    String symbol = p.require("symbol");
                    Long orderId = p.optLong("orderId").orElse(null);
                    String orig = p.opt("origClientOrderId").orElse(null);
                    if (orderId == null && orig == null) {
                        throw Errors.eitherParam("orderId", "origClientOrderId");
                    }
                    return FuturesJson.query(venue.openOrder(c.accountName(), symbol, orderId, orig));
                }));
        route(r, "GET", "/fapi/v1/allOrders", Security.SIGNED, Endpoint.fixed(5), 0, Role.READ,
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
        route(r, "GET", "/fapi/v3/account", Security.SIGNED, Endpoint.fixed(5), 0, Role.READ, Set.of(),
                c -> onEngine(() -> venue.views.accountV3(c.accountName())));
        route(r, "GET", "/fapi/v1/openOrders", Security.SIGNED, p -> p.has("symbol") ? 1 : 40, 0, Role.READ,
                Set.of("symbol"), c -> onEngine(() ->
                        venue.openOrdersJson(c.accountName(), c.params().opt("symbol").orElse(null))));
        route(r, "GET", "/fapi/v1/userTrades", Security.SIGNED, Endpoint.fixed(5), 0, Role.READ,
                Set.of("symbol", "orderId", "startTime", "endTime", "fromId", "limit"), c -> onEngine(() -> {
                    Params p = c.params();
                    String symbol = p.require("symbol");
                    long limit = p.optLong("limit").orElse(500L);
                    if (limit < 1 || limit > 1000) {
                        throw Errors.invalidParameter("limit");
                    }
                    return venue.userTrades(c.accountName(), symbol, p.optLong("orderId").orElse(null),
                            p.optLong("fromId").orElse(null), p.optLong("startTime").orElse(null),
                            p.optLong("endTime").orElse(null), (int) limit);
                }));
        for (String version : new String[] {"v2", "v3"}) {
            route(r, "GET", "/fapi/" + version + "/balance", Security.SIGNED, Endpoint.fixed(5), 0, Role.READ,
                    Set.of(), c -> onEngine(() -> venue.views.balances(c.accountName())));
            boolean v3 = "v3".equals(version);
            route(r, "GET", "/fapi/" + version + "/positionRisk", Security.SIGNED, Endpoint.fixed(5), 0, Role.READ,
                    Set.of("symbol"), c -> onEngine(() -> venue.views.positionRisk(c.accountName(),
                            c.params().opt("symbol").orElse(null), v3)));
        }
        route(r, "GET", "/fapi/v1/leverageBracket", Security.SIGNED, Endpoint.fixed(1), 0, Role.READ,
                Set.of("symbol"), c -> onEngine(() -> venue.views.leverageBrackets(
                        c.params().opt("symbol").orElse(null))));
        route(r, "POST", "/fapi/v1/leverage", Security.SIGNED, Endpoint.fixed(1), 0, Role.READ,
                Set.of("symbol", "leverage"), c -> onEngine(() -> venue.changeLeverage(c.accountName(),
                        c.params().require("symbol"), c.params().requireLong("leverage"))));
        route(r, "GET", "/fapi/v1/positionSide/dual", Security.SIGNED, Endpoint.fixed(30), 0, Role.READ, Set.of(),
                c -> onEngine(() -> {
                    ObjectNode n = Json.object();
                    n.put("dualSidePosition", venue.dualSidePosition(c.accountName()));
                    return n;
                }));
        route(r, "POST", "/fapi/v1/positionSide/dual", Security.SIGNED, Endpoint.fixed(1), 0, Role.READ,
                Set.of("dualSidePosition"), c -> onEngine(() -> {
                    boolean dual = c.params().optBoolean("dualSidePosition")
                            .orElseThrow(() -> Errors.mandatory("dualSidePosition"));
                    venue.changeDualSidePosition(c.accountName(), dual);
                    ObjectNode n = Json.object();
                    n.put("code", 200);
                    n.put("msg", "success");
                    return n;
                }));
        route(r, "POST", "/fapi/v1/algoOrder", Security.SIGNED, Endpoint.fixed(0), 1, Role.PLACE,
                FuturesOrderParser.ALGO_PARAMS, c -> onEngine(() -> FuturesJson.algo(venue.algos.place(c.accountName(),
                        AlgoSpec.parse(c.params(), venue.listings(), clock.millis())))));
        route(r, "DELETE", "/fapi/v1/algoOrder", Security.SIGNED, Endpoint.fixed(1), 0, Role.CANCEL,
                Set.of("symbol", "algoId", "clientAlgoId"), c -> onEngine(() -> {
                    AlgoOrder a = venue.algos.cancel(c.accountName(), c.params().opt("symbol").orElse(null),
                            algoId(c.params()), c.params().opt("clientAlgoId").orElse(null));
                    ObjectNode n = Json.object();
                    n.put("algoId", a.algoId);
                    n.put("clientAlgoId", a.clientAlgoId);
                    n.put("code", "200");
                    n.put("msg", "success");
                    return n;
                }));
        route(r, "DELETE", "/fapi/v1/algoOpenOrders", Security.SIGNED, Endpoint.fixed(1), 0, Role.CANCEL,
                Set.of("symbol"), c -> onEngine(() -> venue.algos.cancelAll(c.accountName(),
                        c.params().require("symbol"))));
        route(r, "GET", "/fapi/v1/algoOrder", Security.SIGNED, Endpoint.fixed(1), 0, Role.READ,
                Set.of("symbol", "algoId", "clientAlgoId"), c -> onEngine(() -> FuturesJson.algoQuery(
                        venue.algos.query(c.accountName(), c.params().opt("symbol").orElse(null),
                                algoId(c.params()), c.params().opt("clientAlgoId").orElse(null)))));
        route(r, "GET", "/fapi/v1/openAlgoOrders", Security.SIGNED, p -> p.has("symbol") ? 1 : 40, 0, Role.READ,
                Set.of("algoType", "symbol", "algoId"), c -> onEngine(() -> venue.algos.json(c.accountName(),
                        c.params().opt("symbol").orElse(null), c.params().optLong("algoId").orElse(null), true)));
        route(r, "GET", "/fapi/v1/allAlgoOrders", Security.SIGNED, Endpoint.fixed(5), 0, Role.READ,
                Set.of("symbol", "algoId", "startTime", "endTime", "page", "limit"), c -> onEngine(() ->
                        venue.algos.json(c.accountName(), c.params().require("symbol"),
                                c.params().optLong("algoId").orElse(null), false)));
        route(r, "POST", "/fapi/v1/listenKey", Security.USER_STREAM, Endpoint.fixed(1), 0, Role.READ, Set.of(), c -> {
            ObjectNode n = Json.object();
            n.put("listenKey", listenKeys.create(Market.FUTURES, c.accountName()));
            return done(n);
        });
        route(r, "PUT", "/fapi/v1/listenKey", Security.USER_STREAM, Endpoint.fixed(1), 0, Role.READ, Set.of(), c -> {
            ObjectNode n = Json.object();
            n.put("listenKey", listenKeys.keepAlive(Market.FUTURES, c.accountName(), null));
            return done(n);
        });
        route(r, "DELETE", "/fapi/v1/listenKey", Security.USER_STREAM, Endpoint.fixed(1), 0, Role.READ, Set.of(),
                c -> {
                    listenKeys.close(Market.FUTURES, c.accountName(), null);
                    return done(Json.object());
                });
    }

    private static Long algoId(Params p) {
        Long id = p.optLong("algoId").orElse(null);
        if (id == null && !p.has("clientAlgoId")) {
            throw Errors.eitherParam("algoId", "clientAlgoId");
        }
        return id;
    }

    private static int depthWeight(Params p) {
        Long limit = p.has("limit") ? Fmt.parseLong(p.require("limit")) : null;
        long l = limit == null ? 500 : limit;
        if (l <= 50) {
            return 2;
        }
        if (l <= 100) {
            return 5;
        }
        return l <= 500 ? 10 : 20;
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
        r.add(new Endpoint(Market.FUTURES, method, path, security, weight, orders, role, all, handler));
    }
}

package io.fixbridge.sims.bybit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fixbridge.sims.bybit.Endpoint.Call;
import io.fixbridge.sims.bybit.Endpoint.Limit;
import io.fixbridge.sims.bybit.Endpoint.Role;
import io.fixbridge.sims.common.EngineThread;
import io.fixbridge.sims.common.SimJson;
import io.fixbridge.venue.Side;
import io.fixbridge.venue.paper.engine.BookLevel;
import io.fixbridge.venue.paper.engine.OrderBook;

import java.math.BigDecimal;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * The REST endpoints: market time, instruments, tickers and orderbook (public); order create, amend,
 * cancel, cancel-all, realtime and history; execution list; position list and switch-mode;
 * wallet balance (signed). Handlers read their parameters on the event loop and run everything
 * that touches the venue on the engine thread.
 *
 * <p><b>Threading:</b> immutable after {@link #register}; handlers run on the event loops and
 * never block.
 */
final class BybitApi {

    /** {@code /v5/market/orderbook}'s limits: spot 1..200 (default 1), linear and inverse 1..500 (default 25). */
    static final int SPOT_BOOK_MAX = 200;
    static final int DERIVATIVE_BOOK_MAX = 500;

    private final BybitVenue venue;
    private final PublicHub publicHub;
    private final EngineThread engine;
    private final Clock clock;

    BybitApi(BybitVenue venue, PublicHub publicHub, EngineThread engine, Clock clock) {
        this.venue = venue;
        this.publicHub = publicHub;
        this.engine = engine;
        this.clock = clock;
    }

    void register(Router r) {
        r.add(new Endpoint("GET", "/v5/market/time", false, Limit.NONE, Role.READ, this::time));
        r.add(new Endpoint("GET", "/v5/market/instruments-info", false, Limit.NONE, Role.READ, this::instruments));
        r.add(new Endpoint("GET", "/v5/market/tickers", false, Limit.NONE, Role.READ, this::tickers));
        r.add(new Endpoint("GET", "/v5/market/orderbook", false, Limit.NONE, Role.READ, this::orderbook));
        r.add(new Endpoint("POST", "/v5/order/create", true, Limit.TRADE, Role.CREATE, this::create));
        r.add(new Endpoint("POST", "/v5/order/amend", true, Limit.AMEND, Role.TRADE, this::amend));
        r.add(new Endpoint("POST", "/v5/order/cancel", true, Limit.TRADE, Role.TRADE, this::cancel));
        r.add(new Endpoint("POST", "/v5/order/cancel-all", true, Limit.TRADE, Role.TRADE, this::cancelAll));
        r.add(new Endpoint("GET", "/v5/order/realtime", true, Limit.QUERY, Role.READ, c -> orders(c, false)));
        r.add(new Endpoint("GET", "/v5/order/history", true, Limit.QUERY, Role.READ, c -> orders(c, true)));
        r.add(new Endpoint("GET", "/v5/execution/list", true, Limit.QUERY, Role.READ, this::executions));
        r.add(new Endpoint("GET", "/v5/position/list", true, Limit.QUERY, Role.READ, this::positions));
        r.add(new Endpoint("POST", "/v5/position/switch-mode", true, Limit.POSITION, Role.TRADE, this::switchMode));
        r.add(new Endpoint("GET", "/v5/account/wallet-balance", true, Limit.QUERY, Role.READ, this::wallet));
    }

    private <T> CompletableFuture<T> onEngine(Callable<T> task) {
        return engine.call(task);
    }

    private static <T> CompletableFuture<T> failed(BybitException e) {
        return CompletableFuture.failedFuture(e);
    }

    // ------------------------------------------------------------------ market

    private CompletableFuture<JsonNode> time(Call call) {
        long now = clock.millis();
        ObjectNode n = SimJson.object();
        n.put("timeSecond", Long.toString(now / 1000));
        n.put("timeNano", now + "000000");
        return CompletableFuture.completedFuture(n);
    }

    private CompletableFuture<JsonNode> instruments(Call call) {
        Params p = call.params();
        Category c = p.category();
        String symbol = p.text("symbol").orElse(null);
        String status = p.text("status").orElse(symbol == null ? "Trading" : null);
        String baseCoin = p.text("baseCoin").orElse(null);
        ObjectNode result = SimJson.object();
        result.put("category", c.wire());
        ArrayNode list = SimJson.array();
        int id = 0;
        for (Listing l : venue.listings().values()) {
            id++;
            if (l.category() != c || (symbol != null && !symbol.equals(l.symbol()))
                    || (status != null && !status.equals(l.status))
                    || (baseCoin != null && !baseCoin.equals(l.spec.baseCoin()))) {
                continue;
            }
            list.add(Views.instrument(l, id));
        }
        result.set("list", list);
        if (c != Category.SPOT) {
            result.put("nextPageCursor", "");
        }
        return CompletableFuture.completedFuture(result);
    }

    private CompletableFuture<JsonNode> tickers(Call call) {
        Params p = call.params();
        Category c = p.category();
        String symbol = p.text("symbol").orElse(null);
        return onEngine(() -> venue.transact(() -> {
            ObjectNode result = SimJson.object();
            result.put("category", c.wire());
            ArrayNode list = result.putArray("list");
            for (Listing l : venue.listings().values()) {
                if (l.category() == c && (symbol == null || symbol.equals(l.symbol()))) {
                    list.add(ticker(l));
                }
            }
            return result;
        }));
    }

    /**
     * {@code GET /v5/market/orderbook?category=&symbol=[&limit=]}: {@code {"s","a","b","ts","u","seq","cts"}},
     * sequenced like the public orderbook stream of the smallest depth that covers the limit.
     */
    private CompletableFuture<JsonNode> orderbook(Call call) {
        Params p = call.params();
        Category c = p.category();
        String symbol = p.requireText("symbol");
        Listing l = venue.listings().get(Listing.key(c, symbol));
        if (l == null) {
            return failed(Errors.invalid("symbol"));
        }
        int max = c == Category.SPOT ? SPOT_BOOK_MAX : DERIVATIVE_BOOK_MAX;
        int limit = p.integer("limit").orElse(c == Category.SPOT ? 1 : 25);
        if (limit < 1 || limit > max) {
            return failed(Errors.params("limit must be 1.." + max));
        }
        return onEngine(() -> publicHub.restBook(l, limit));
    }

    private ObjectNode ticker(Listing l) {
        OrderBook book = venue.book(l);
        BookLevel bid = book.depth(Side.BUY, 1).stream().findFirst().orElse(null);
        BookLevel ask = book.depth(Side.SELL, 1).stream().findFirst().orElse(null);
        BigDecimal last = venue.lastPrice(l);
        ObjectNode n = SimJson.object();
        n.put("symbol", l.symbol());
        n.put("lastPrice", l.price(last));
        if (l.category() != Category.SPOT) {
            n.put("indexPrice", l.price(venue.mid(l)));
            n.put("markPrice", l.price(venue.mid(l)));
        }
        n.put("prevPrice24h", l.price(last));
        n.put("price24hPcnt", "0");
        n.put("highPrice24h", l.price(last));
        n.put("lowPrice24h", l.price(last));
        n.put("turnover24h", "0");
        n.put("volume24h", "0");
        if (l.category() != Category.SPOT) {
            n.put("fundingRate", "0.0001");
            n.put("nextFundingTime", Long.toString(clock.millis() - Math.floorMod(clock.millis(), 28_800_000L)
                    + 28_800_000L));
            n.put("openInterest", "0");
            n.put("openInterestValue", "0"); // openInterest x markPrice; ccxt tells a contract ticker from a spot one by it
        }
        n.put("bid1Price", bid == null ? "" : l.price(bid.price()));
        n.put("bid1Size", bid == null ? "" : l.qty(bid.quantity()));
        n.put("ask1Price", ask == null ? "" : l.price(ask.price()));
        n.put("ask1Size", ask == null ? "" : l.qty(ask.quantity()));
        return n;
    }

    // ------------------------------------------------------------------ orders

    private CompletableFuture<JsonNode> create(Call call) {
        Params p = call.params();
        Category c = p.category();
        return onEngine(() -> {
            Listing l = OrderParser.listing(venue.listings(), c, p.requireText("symbol"));
            OrderSpec spec = OrderParser.parse(p, c, venue.listings(), venue.lastPrice(l));
            SimOrder o = venue.place(call.account(), spec);
            return ids(o);
        });
    }

    private static ObjectNode ids(SimOrder o) {
        ObjectNode n = SimJson.object();
        n.put("orderId", o.orderId);
        n.put("orderLinkId", o.orderLinkId);
        return n;
    }

    private static String[] orderRef(Params p) {
        String orderId = p.text("orderId").orElse(null);
        String orderLinkId = p.text("orderLinkId").orElse(null);
        if (orderId == null && orderLinkId == null) {
            throw Errors.params("orderId or orderLinkId is required");
        }
        return new String[] {orderId, orderLinkId};
    }

    private CompletableFuture<JsonNode> amend(Call call) {
        Params p = call.params();
        Category c = p.category();
        String symbol = p.requireText("symbol");
        String[] ref = orderRef(p);
        for (String name : OrderParser.UNSUPPORTED) {
            if (p.has(name)) {
                return failed(Errors.params(name + " is not supported by the simulator"));
            }
        }
        boolean spot = c == Category.SPOT;
        BigDecimal qty = p.decimal("qty", () -> spot ? Errors.spotInvalidParam("qty") : Errors.invalid("qty"))
                .orElse(null);
        BigDecimal price = p.decimal("price", () -> spot ? Errors.spotInvalidParam("price") : Errors.invalid("price"))
                .orElse(null);
        BigDecimal trigger = p.decimal("triggerPrice", () -> Errors.invalid("triggerPrice")).orElse(null);
        String triggerBy = p.text("triggerBy").orElse(null);
        if (triggerBy != null && !OrderParser.TRIGGER_BY.contains(triggerBy)) {
            return failed(Errors.invalid("triggerBy"));
        }
        return onEngine(() -> ids(venue.amend(call.account(), c, symbol, ref[0], ref[1], qty, price, trigger,
                triggerBy)));
    }

    private CompletableFuture<JsonNode> cancel(Call call) {
        Params p = call.params();
        Category c = p.category();
        String symbol = p.requireText("symbol");
        String[] ref = orderRef(p);
        String filter = c == Category.SPOT ? p.text("orderFilter").orElse(null) : null;
        return onEngine(() -> ids(venue.cancel(call.account(), c, symbol, ref[0], ref[1], filter)));
    }

    private CompletableFuture<JsonNode> cancelAll(Call call) {
        Params p = call.params();
        Category c = p.category();
        String symbol = p.text("symbol").orElse(null);
        String baseCoin = p.text("baseCoin").orElse(null);
        String settleCoin = p.text("settleCoin").orElse(null);
        String filter = p.text("orderFilter").orElse(null);
        return onEngine(() -> {
            List<SimOrder> cancelled = venue.cancelAll(call.account(), c, symbol, baseCoin, settleCoin, filter);
            ObjectNode result = SimJson.object();
            ArrayNode list = result.putArray("list");
            cancelled.forEach(o -> list.add(ids(o)));
            result.put("success", "1");
            return result;
        });
    }

    private CompletableFuture<JsonNode> orders(Call call, boolean history) {
        Params p = call.params();
        Category c = p.category();
        String symbol = p.text("symbol").orElse(null);
        String baseCoin = p.text("baseCoin").orElse(null);
        String settleCoin = p.text("settleCoin").orElse(null);
        String orderId = p.text("orderId").orElse(null);
        String orderLinkId = p.text("orderLinkId").orElse(null);
        String filter = p.text("orderFilter").orElse(null);
        String status = history ? p.text("orderStatus").orElse(null) : null;
        int openOnly = history ? 0 : p.integer("openOnly").orElse(0);
        int limit = limit(p, 20, 50);
        int offset = offset(p);
        if (!history && c == Category.LINEAR && symbol == null && baseCoin == null && settleCoin == null
                && orderId == null && orderLinkId == null) {
            return failed(Errors.params("symbol or settleCoin or baseCoin is required for linear"));
        }
        return onEngine(() -> {
            List<SimOrder> chosen = new ArrayList<>();
            for (SimOrder o : venue.ordersOf(call.account().name())) {
                if (o.category() != c || (symbol != null && !symbol.equals(o.listing.symbol()))
                        || (baseCoin != null && !baseCoin.equals(o.listing.spec.baseCoin()))
                        || (settleCoin != null && !settleCoin.equals(o.listing.spec.settleCoin()))
                        || (orderId != null && !orderId.equals(o.orderId))
                        || (orderLinkId != null && !orderLinkId.equals(o.orderLinkId))
                        || (filter != null && !matchesFilter(o, filter))
                        || (status != null && !status.equals(o.orderStatus))) {
                    continue;
                }
                boolean byId = orderId != null || orderLinkId != null;
                if (!history && !byId && (openOnly == 0) != o.isOpen()) {
                    continue;
                }
                chosen.add(o);
            }
            chosen.sort(Comparator.comparingLong((SimOrder o) -> o.createdTime).reversed());
            ObjectNode result = SimJson.object();
            ArrayNode list = result.putArray("list");
            page(chosen, offset, limit, o -> Views.orderRest(o, history)).forEach(list::add);
            result.put("nextPageCursor", next(chosen.size(), offset, limit));
            result.put("category", c.wire());
            return result;
        });
    }

    private static boolean matchesFilter(SimOrder o, String filter) {
        if (o.category() == Category.SPOT) {
            return filter.equals(o.orderFilter);
        }
        return switch (filter) {
            case "Order" -> !o.isConditional();
            case "StopOrder" -> o.isConditional();
            default -> false;
        };
    }

    private CompletableFuture<JsonNode> executions(Call call) {
        Params p = call.params();
        Category c = p.category();
        String symbol = p.text("symbol").orElse(null);
        String orderId = p.text("orderId").orElse(null);
        String orderLinkId = p.text("orderLinkId").orElse(null);
        String baseCoin = p.text("baseCoin").orElse(null);
        Long start = p.longValue("startTime").orElse(null);
        Long end = p.longValue("endTime").orElse(null);
        String execType = p.text("execType").orElse(null);
        int limit = limit(p, 50, 100);
        int offset = offset(p);
        return onEngine(() -> {
            List<SimExecution> chosen = new ArrayList<>();
            for (SimExecution e : venue.executionsOf(call.account().name())) {
                SimOrder o = e.order();
                if (o.category() != c || (symbol != null && !symbol.equals(o.listing.symbol()))
                        || (orderId != null && !orderId.equals(o.orderId))
                        || (orderLinkId != null && !orderLinkId.equals(o.orderLinkId))
                        || (baseCoin != null && !baseCoin.equals(o.listing.spec.baseCoin()))
                        || (start != null && e.time() < start) || (end != null && e.time() > end)
                        || (execType != null && !"Trade".equals(execType))) {
                    continue;
                }
                chosen.add(e);
            }
            chosen.sort(Comparator.comparingLong(SimExecution::time).thenComparingLong(SimExecution::seq).reversed());
            ObjectNode result = SimJson.object();
            result.put("nextPageCursor", next(chosen.size(), offset, limit));
            result.put("category", c.wire());
            ArrayNode list = result.putArray("list");
            page(chosen, offset, limit, Views::executionRest).forEach(list::add);
            return result;
        });
    }

    // ------------------------------------------------------------------ positions and wallet

    private CompletableFuture<JsonNode> positions(Call call) {
        Params p = call.params();
        Category c = p.category();
        if (c == Category.SPOT) {
            return failed(Errors.params("category spot has no positions"));
        }
        String symbol = p.text("symbol").orElse(null);
        String settleCoin = p.text("settleCoin").orElse(null);
        String baseCoin = p.text("baseCoin").orElse(null);
        if (c == Category.LINEAR && symbol == null && settleCoin == null) {
            return failed(Errors.params("symbol or settleCoin is required for linear"));
        }
        return onEngine(() -> {
            String account = call.account().name();
            ObjectNode result = SimJson.object();
            ArrayNode list = result.putArray("list");
            if (symbol != null) {
                Listing l = OrderParser.listing(venue.listings(), c, symbol);
                venue.positionStates(account, l, false).forEach(s -> list.add(Views.positionRest(s)));
            } else {
                for (Listing l : venue.positionListings(account)) {
                    if (l.category() != c || (settleCoin != null && !settleCoin.equals(l.spec.settleCoin()))
                            || (baseCoin != null && !baseCoin.equals(l.spec.baseCoin()))) {
                        continue;
                    }
                    for (Views.PositionState s : venue.positionStates(account, l, false)) {
                        if (s.size().signum() != 0) {
                            list.add(Views.positionRest(s));
                        }
                    }
                }
            }
            result.put("nextPageCursor", "");
            result.put("category", c.wire());
            return result;
        });
    }

    private CompletableFuture<JsonNode> switchMode(Call call) {
        Params p = call.params();
        Category c = p.category();
        if (p.text("symbol").isEmpty() && p.text("coin").isEmpty()) {
            return failed(Errors.params("symbol or coin is required"));
        }
        int mode = p.integer("mode").orElseThrow(() -> Errors.missing("mode"));
        return onEngine(() -> {
            venue.switchMode(call.account(), c, mode);
            return SimJson.object();
        });
    }

    private CompletableFuture<JsonNode> wallet(Call call) {
        Params p = call.params();
        String type = p.requireText("accountType");
        if (!"UNIFIED".equals(type)) {
            return failed(Errors.accountTypeOnlyUnified());
        }
        Set<String> coins = p.text("coin").map(s -> new HashSet<>(Arrays.asList(s.split(",")))).orElse(null);
        return onEngine(() -> {
            ObjectNode result = SimJson.object();
            result.putArray("list").add(Views.wallet(venue.coins(call.account().name(), coins)));
            return result;
        });
    }

    // ------------------------------------------------------------------ paging

    private static int limit(Params p, int defaultLimit, int max) {
        int limit = p.integer("limit").orElse(defaultLimit);
        if (limit < 1 || limit > max) {
            throw Errors.invalid("limit");
        }
        return limit;
    }

    /** A cursor this simulator handed out: {@code offset%3D<n>} (sent back decoded or not). */
    private static int offset(Params p) {
        String cursor = p.text("cursor").orElse(null);
        if (cursor == null) {
            return 0;
        }
        String n = cursor.startsWith("offset=") ? cursor.substring(7)
                : cursor.startsWith("offset%3D") ? cursor.substring(9) : null;
        try {
            return n == null ? failInvalidCursor() : Math.max(0, Integer.parseInt(n));
        } catch (NumberFormatException e) {
            return failInvalidCursor();
        }
    }

    private static int failInvalidCursor() {
        throw Errors.invalid("cursor");
    }

    private static <T> List<JsonNode> page(List<T> all, int offset, int limit, Function<T, JsonNode> view) {
        List<JsonNode> out = new ArrayList<>();
        for (int i = offset; i < all.size() && out.size() < limit; i++) {
            out.add(view.apply(all.get(i)));
        }
        return out;
    }

    private static String next(int size, int offset, int limit) {
        return offset + limit < size ? "offset%3D" + (offset + limit) : "";
    }
}

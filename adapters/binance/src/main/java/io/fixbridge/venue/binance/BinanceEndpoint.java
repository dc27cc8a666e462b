package io.fixbridge.venue.binance;

/**
 * Every Binance REST endpoint the adapter calls, with its method, path, security and published
 * request weight ({@code X-MBX-USED-WEIGHT-1M}) and whether it counts against the order limits
 * ({@code X-MBX-ORDER-COUNT-10S}). Weights are Binance's published ones (spot: api/v3 docs;
 * futures: fapi docs); where a weight depends on a parameter the heavier one is given by
 * {@link #weightWithoutSymbol()}.
 */
public enum BinanceEndpoint {
    SPOT_PING(BinanceMarket.SPOT, "GET", "/api/v3/ping", Security.NONE, 1, 1, 0),
    SPOT_TIME(BinanceMarket.SPOT, "GET", "/api/v3/time", Security.NONE, 1, 1, 0),
    SPOT_EXCHANGE_INFO(BinanceMarket.SPOT, "GET", "/api/v3/exchangeInfo", Security.NONE, 20, 20, 0),
    SPOT_BOOK_TICKER(BinanceMarket.SPOT, "GET", "/api/v3/ticker/bookTicker", Security.NONE, 2, 4, 0),
    SPOT_TICKER_PRICE(BinanceMarket.SPOT, "GET", "/api/v3/ticker/price", Security.NONE, 2, 4, 0),
    /** Weight by {@code limit}: see {@link #depthWeight}; the weights here are those of the default limit 100. */
    SPOT_DEPTH(BinanceMarket.SPOT, "GET", "/api/v3/depth", Security.NONE, 5, 5, 0),
    SPOT_NEW_ORDER(BinanceMarket.SPOT, "POST", "/api/v3/order", Security.SIGNED, 1, 1, 1),
    SPOT_CANCEL_ORDER(BinanceMarket.SPOT, "DELETE", "/api/v3/order", Security.SIGNED, 1, 1, 0),
    SPOT_QUERY_ORDER(BinanceMarket.SPOT, "GET", "/api/v3/order", Security.SIGNED, 4, 4, 0),
    SPOT_OPEN_ORDERS(BinanceMarket.SPOT, "GET", "/api/v3/openOrders", Security.SIGNED, 6, 80, 0),
    SPOT_CANCEL_REPLACE(BinanceMarket.SPOT, "POST", "/api/v3/order/cancelReplace", Security.SIGNED, 1, 1, 1),
    SPOT_NEW_OCO(BinanceMarket.SPOT, "POST", "/api/v3/orderList/oco", Security.SIGNED, 1, 1, 2),
    SPOT_ACCOUNT(BinanceMarket.SPOT, "GET", "/api/v3/account", Security.SIGNED, 20, 20, 0),
    SPOT_MY_TRADES(BinanceMarket.SPOT, "GET", "/api/v3/myTrades", Security.SIGNED, 5, 20, 0),

    FUTURES_PING(BinanceMarket.FUTURES, "GET", "/fapi/v1/ping", Security.NONE, 1, 1, 0),
    FUTURES_TIME(BinanceMarket.FUTURES, "GET", "/fapi/v1/time", Security.NONE, 1, 1, 0),
    FUTURES_EXCHANGE_INFO(BinanceMarket.FUTURES, "GET", "/fapi/v1/exchangeInfo", Security.NONE, 1, 1, 0),
    FUTURES_BOOK_TICKER(BinanceMarket.FUTURES, "GET", "/fapi/v1/ticker/bookTicker", Security.NONE, 2, 5, 0),
    /** Weight by {@code limit}: see {@link #depthWeight}; the weights here are those of the default limit 500. */
    FUTURES_DEPTH(BinanceMarket.FUTURES, "GET", "/fapi/v1/depth", Security.NONE, 10, 10, 0),
    /** Binance's page says 1 for any call; counted as 10 without a symbol, as older pages (and the simulator) have it. */
    FUTURES_PREMIUM_INDEX(BinanceMarket.FUTURES, "GET", "/fapi/v1/premiumIndex", Security.NONE, 1, 10, 0),
    FUTURES_NEW_ORDER(BinanceMarket.FUTURES, "POST", "/fapi/v1/order", Security.SIGNED, 0, 0, 1),
    FUTURES_MODIFY_ORDER(BinanceMarket.FUTURES, "PUT", "/fapi/v1/order", Security.SIGNED, 1, 1, 1),
    FUTURES_CANCEL_ORDER(BinanceMarket.FUTURES, "DELETE", "/fapi/v1/order", Security.SIGNED, 1, 1, 0),
    FUTURES_QUERY_ORDER(BinanceMarket.FUTURES, "GET", "/fapi/v1/order", Security.SIGNED, 1, 1, 0),
    FUTURES_OPEN_ORDERS(BinanceMarket.FUTURES, "GET", "/fapi/v1/openOrders", Security.SIGNED, 1, 40, 0),
    FUTURES_USER_TRADES(BinanceMarket.FUTURES, "GET", "/fapi/v1/userTrades", Security.SIGNED, 5, 5, 0),
    FUTURES_BALANCE(BinanceMarket.FUTURES, "GET", "/fapi/v2/balance", Security.SIGNED, 5, 5, 0),
    FUTURES_POSITION_RISK(BinanceMarket.FUTURES, "GET", "/fapi/v2/positionRisk", Security.SIGNED, 5, 5, 0),
    FUTURES_LEVERAGE(BinanceMarket.FUTURES, "POST", "/fapi/v1/leverage", Security.SIGNED, 1, 1, 0),
    FUTURES_LISTEN_KEY_CREATE(BinanceMarket.FUTURES, "POST", "/fapi/v1/listenKey", Security.API_KEY, 1, 1, 0),
    FUTURES_LISTEN_KEY_KEEPALIVE(BinanceMarket.FUTURES, "PUT", "/fapi/v1/listenKey", Security.API_KEY, 1, 1, 0),
    FUTURES_NEW_ALGO_ORDER(BinanceMarket.FUTURES, "POST", "/fapi/v1/algoOrder", Security.SIGNED, 0, 0, 1),
    FUTURES_CANCEL_ALGO_ORDER(BinanceMarket.FUTURES, "DELETE", "/fapi/v1/algoOrder", Security.SIGNED, 1, 1, 0),
    FUTURES_QUERY_ALGO_ORDER(BinanceMarket.FUTURES, "GET", "/fapi/v1/algoOrder", Security.SIGNED, 1, 1, 0),
    FUTURES_OPEN_ALGO_ORDERS(BinanceMarket.FUTURES, "GET", "/fapi/v1/openAlgoOrders", Security.SIGNED, 1, 40, 0);

    /** The {@code limit}s at which spot depth weights step up: 1-100 weigh 5, -500 25, -1000 50, -5000 250. */
    private static final int[] SPOT_DEPTH_LIMITS = {100, 500, 1000, 5000};
    /** The {@code limit}s futures depth accepts: 5, 10, 20, 50 weigh 2, 100 5, 500 10, 1000 20. */
    private static final int[] FUTURES_DEPTH_LIMITS = {5, 10, 20, 50, 100, 500, 1000};

    /**
     * The depth snapshot {@code limit} behind a book of {@code bookDepth} levels per side: the first
     * limit Binance offers (spot: where the weight steps up; futures: the values it accepts) at or
     * above twice {@code bookDepth}, else the largest. The margin keeps levels that surface when the
     * top ones are taken known: a diff stream only reports levels that change.
     */
    public static int depthLimit(BinanceMarket market, int bookDepth) {
        int[] limits = market == BinanceMarket.SPOT ? SPOT_DEPTH_LIMITS : FUTURES_DEPTH_LIMITS;
        long wanted = 2L * bookDepth;
        for (int limit : limits) {
            if (limit >= wanted) {
                return limit;
            }
        }
        return limits[limits.length - 1];
    }

    /** The published request weight of a depth snapshot of {@code limit} levels. */
    public static int depthWeight(BinanceMarket market, int limit) {
        if (market == BinanceMarket.SPOT) {
            return limit <= 100 ? 5 : limit <= 500 ? 25 : limit <= 1000 ? 50 : 250;
        }
        return limit <= 50 ? 2 : limit <= 100 ? 5 : limit <= 500 ? 10 : 20;
    }

    /** How a request is authenticated. */
    public enum Security {
        /** Public. */
        NONE,
        /** API key header only (listen keys). */
        API_KEY,
        /** API key header, timestamp, recvWindow and signature. */
        SIGNED
    }

    private final BinanceMarket market;
    private final String method;
    private final String path;
    private final Security security;
    private final int weight;
    private final int weightWithoutSymbol;
    private final int orders;

    BinanceEndpoint(BinanceMarket market, String method, String path, Security security, int weight,
                    int weightWithoutSymbol, int orders) {
        this.market = market;
        this.method = method;
        this.path = path;
        this.security = security;
        this.weight = weight;
        this.weightWithoutSymbol = weightWithoutSymbol;
        this.orders = orders;
    }

    public BinanceMarket market() {
        return market;
    }

    /** GET, POST, PUT or DELETE. */
    public String method() {
        return method;
    }

    /** Path below the market's base URL, e.g. {@code /api/v3/order}. */
    public String path() {
        return path;
    }

    public Security security() {
        return security;
    }

    /** Request weight with the usual parameters (a symbol, an order id). */
    public int weight() {
        return weight;
    }

    /** Request weight when no symbol (or order id) narrows the request. */
    public int weightWithoutSymbol() {
        return weightWithoutSymbol;
    }

    /** How many orders the request places, for the ORDERS limits. */
    public int orders() {
        return orders;
    }
}

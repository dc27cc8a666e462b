package io.fixbridge.venue.bybit;

/**
 * Every Bybit v5 REST endpoint the adapter calls, with its method, path, whether it is signed, and
 * the per-account rate limit it counts against ({@link BybitConfig#rateLimits()}; a per-category
 * limit is named with the category appended, e.g. {@code orderCreateSpot}). Every request also
 * counts against the IP limit.
 */
public enum BybitEndpoint {
    MARKET_TIME("GET", "/v5/market/time", false, null, false),
    INSTRUMENTS("GET", "/v5/market/instruments-info", false, null, false),
    TICKERS("GET", "/v5/market/tickers", false, null, false),
    ORDER_CREATE("POST", "/v5/order/create", true, "orderCreate", true),
    ORDER_AMEND("POST", "/v5/order/amend", true, "orderAmend", true),
    ORDER_CANCEL("POST", "/v5/order/cancel", true, "orderCancel", true),
    ORDER_REALTIME("GET", "/v5/order/realtime", true, "orderQuery", false),
    ORDER_HISTORY("GET", "/v5/order/history", true, "orderQuery", false),
    EXECUTIONS("GET", "/v5/execution/list", true, "executionQuery", false),
    POSITIONS("GET", "/v5/position/list", true, "positionQuery", false),
    WALLET_BALANCE("GET", "/v5/account/wallet-balance", true, "walletQuery", false);

    private final String method;
    private final String path;
    private final boolean signed;
    private final String limit;
    private final boolean perCategory;

    BybitEndpoint(String method, String path, boolean signed, String limit, boolean perCategory) {
        this.method = method;
        this.path = path;
        this.signed = signed;
        this.limit = limit;
        this.perCategory = perCategory;
    }

    /** GET or POST. */
    public String method() {
        return method;
    }

    /** The path below the REST base URL. */
    public String path() {
        return path;
    }

    /** Whether requests carry the X-BAPI authentication headers. */
    public boolean signed() {
        return signed;
    }

    /** Whether it is a POST with a JSON body. */
    public boolean post() {
        return method.equals("POST");
    }

    /**
     * The name of the per-account limit in {@link BybitConfig.RateLimits}, or null for a public
     * endpoint (IP limit only).
     *
     * @param category the request's category, for per-category limits
     */
    public String limitName(BybitCategory category) {
        if (limit == null) {
            return null;
        }
        if (!perCategory) {
            return limit;
        }
        String c = category.wireName();
        return limit + Character.toUpperCase(c.charAt(0)) + c.substring(1);
    }

    @Override
    public String toString() {
        return method + " " + path;
    }
}

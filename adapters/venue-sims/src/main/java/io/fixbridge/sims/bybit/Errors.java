package io.fixbridge.sims.bybit;

import java.math.BigDecimal;

/**
 * Every Bybit error the simulator answers, in one place. Codes and texts are those of Bybit's v5
 * error table ({@code docs/v5/error.mdx}) unless noted; where Bybit's live text is known to
 * differ from the table (10002, 10006, 110017) the live text is used. retCode 10001 texts
 * ("params error: ...") name the offending parameter; Bybit's own 10001 texts vary, so clients
 * must key off the code. Stateless.
 */
final class Errors {
    private Errors() {
    }

    // ------------------------------------------------------------------ request / security

    static BybitException params(String detail) {
        return new BybitException(10001, "params error: " + detail);
    }

    static BybitException missing(String name) {
        return params(name + " is required");
    }

    static BybitException invalid(String name) {
        return params(name + " invalid");
    }

    /** 10002, with Bybit's live text. */
    static BybitException timestamp(String requested, long server, long recvWindow) {
        return new BybitException(10002, "invalid request, please check your server timestamp or recv_window param."
                + " req_timestamp[" + requested + "],server_timestamp[" + server + "],recv_window[" + recvWindow
                + "]");
    }

    /** 10003, HTTP 401. */
    static BybitException invalidApiKey() {
        return new BybitException(10003, "API key is invalid.", 401);
    }

    static BybitException badSign() {
        return new BybitException(10004, "Error sign, please check your signature generation algorithm.");
    }

    /** 10006, with Bybit's live text (the table says "Too many visits. Exceeded the API Rate Limit."). */
    static BybitException tooManyVisits() {
        return new BybitException(10006, "Too many visits!");
    }

    static BybitException serverError() {
        return new BybitException(10016, "Server error.");
    }

    static BybitException routeNotFound() {
        return new BybitException(10017, "Route not found.", 404);
    }

    static BybitException accountTypeOnlyUnified() {
        return params("accountType only support UNIFIED");
    }

    // ------------------------------------------------------------------ derivatives orders

    static BybitException orderNotExists(Category c) {
        return c == Category.SPOT ? new BybitException(170213, "Order does not exist.")
                : new BybitException(110001, "Order does not exist");
    }

    static BybitException priceOutOfRange() {
        return new BybitException(110003, "Order price exceeds the allowable range.");
    }

    static BybitException walletInsufficient() {
        return new BybitException(110004, "Wallet balance is insufficient");
    }

    static BybitException availableInsufficient() {
        return new BybitException(110007, "Available balance is insufficient");
    }

    static BybitException insufficientAvailable() {
        return new BybitException(110012, "Insufficient available balance.");
    }

    /** 110017 when there is no position to reduce (Bybit's live text). */
    static BybitException reduceOnlyZeroPosition() {
        return new BybitException(110017, "current position is zero, cannot fix reduce-only order qty");
    }

    /** 110017 when a reduce-only order would increase the position (Bybit's live text). */
    static BybitException reduceOnlyRule() {
        return new BybitException(110017, "Reduce-only rule not satisfied");
    }

    static BybitException tooManyActiveOrders(Category c, int max) {
        return c == Category.SPOT
                ? new BybitException(170810, "Cannot exceed maximum of " + max + " conditional, TP/SL and active orders.")
                : new BybitException(110020, "Not allowed to have more than " + max + " active orders.");
    }

    static BybitException positionModeWithPosition() {
        return new BybitException(110024, "You have an existing position, so the position mode cannot be switched.");
    }

    static BybitException positionModeNotModified() {
        return new BybitException(110025, "Position mode has not been modified.");
    }

    static BybitException positionModeWithOrders() {
        return new BybitException(110028, "You have existing open orders, so the position mode cannot be switched.");
    }

    static BybitException hedgeModeNotSupported() {
        return new BybitException(110029, "Hedge mode is not supported for this symbol.");
    }

    static BybitException amendBelowFilled(Category c) {
        return c == Category.SPOT
                ? new BybitException(170313, "The modified contract quantity cannot be less than to the filled quantity")
                : new BybitException(110064,
                "The modified contract quantity cannot be less than or equal to the filled quantity.");
    }

    static BybitException duplicateOrderLinkId(Category c) {
        return c == Category.SPOT ? new BybitException(170141, "Duplicate clientOrderId")
                : new BybitException(110072, "OrderLinkedID is duplicate");
    }

    static BybitException notLive(Category c) {
        return c == Category.SPOT ? new BybitException(170157, "The trading pair is not available for api trading")
                : new BybitException(110074, "This contract is not live");
    }

    /** 110092: a rising trigger that already holds. */
    static BybitException expectRising(BigDecimal trigger, BigDecimal current, String triggerBy) {
        return new BybitException(110092, "expect Rising, but trigger_price[" + Fmt.plain(trigger) + "] <= current["
                + Fmt.plain(current) + "]??" + triggerBy);
    }

    /** 110093: a falling trigger that already holds. */
    static BybitException expectFalling(BigDecimal trigger, BigDecimal current, String triggerBy) {
        return new BybitException(110093, "expect Falling, but trigger_price[" + Fmt.plain(trigger) + "] >= current["
                + Fmt.plain(current) + "]??" + triggerBy);
    }

    static BybitException belowMinNotional() {
        return new BybitException(110094, "Order notional value below the lower limit");
    }

    static BybitException qtyBelowMin() {
        return params("The number of contracts exceeds minimum limit allowed");
    }

    static BybitException qtyAboveMax(BigDecimal qty, BigDecimal max) {
        return params("The number of contracts exceeds maximum limit allowed: too large, order_qty:"
                + Fmt.plain(qty) + " > max_qty:" + Fmt.plain(max));
    }

    static BybitException unchanged() {
        return new BybitException(10001, "The order remains unchanged as the parameters entered match the existing"
                + " ones.");
    }

    // ------------------------------------------------------------------ spot orders

    static BybitException spotInvalidSymbol() {
        return new BybitException(170121, "Invalid symbol.");
    }

    static BybitException spotAmountTooLarge() {
        return new BybitException(170124, "Order amount too large.");
    }

    static BybitException spotInvalidParam(String name) {
        return new BybitException(170130, "Data sent for paramter '" + name + "' is not valid.");
    }

    static BybitException spotBalanceInsufficient() {
        return new BybitException(170131, "Balance insufficient");
    }

    static BybitException spotPriceDecimals() {
        return new BybitException(170134, "Order price decimal too long.");
    }

    static BybitException spotQtyBelowMin() {
        return new BybitException(170136, "Order quantity lower than the minimum.");
    }

    static BybitException spotQtyDecimals() {
        return new BybitException(170137, "Order volume decimal too long");
    }

    static BybitException spotValueBelowMin() {
        return new BybitException(170140, "Order value exceeded lower limit");
    }

    static BybitException spotMarketAmountDecimals() {
        return new BybitException(170148, "Market order amount decimal too long");
    }

    static BybitException spotQtyTooLarge() {
        return new BybitException(170381, "Order quantity too large.");
    }
}

package io.fixbridge.sims.binance;

import java.util.Map;

/**
 * Every Binance error this simulator answers, with Binance's own codes and texts (from the spot
 * {@code errors.md}, the USD-M futures error-code page and the matching-engine message table), in
 * one place. Stateless.
 */
final class Errors {
    static final int BAD_REQUEST = 400;
    static final int UNAUTHORIZED = 401;
    static final int CONFLICT = 409;

    static final String UNKNOWN_ORDER = "Unknown order sent.";
    static final String DUPLICATE_ORDER = "Duplicate order sent.";
    static final String MARKET_CLOSED = "Market is closed.";
    static final String INSUFFICIENT_BALANCE = "Account has insufficient balance for requested action.";
    static final String WOULD_MATCH = "Order would immediately match and take.";
    static final String WOULD_TRIGGER = "Order would trigger immediately.";
    static final String BAD_OCO_PRICES = "The relationship of the prices for the orders is not correct.";
    static final String UNSUPPORTED_COMBINATION = "Unsupported order combination";
    static final String ICEBERG_EXCEEDS = "IcebergQty exceeds QTY.";
    static final String REST_TRADING_DISABLED = "Rest API trading is not enabled.";
    static final String DECIMAL_RANGE = "^([0-9]{1,20})(\\.[0-9]{1,20})?$";
    static final String INTEGER_RANGE = "^[0-9]{1,20}$";
    static final String CLIENT_ID_RANGE = "^[a-zA-Z0-9-_]{1,36}$";

    private Errors() {
    }

    static BinanceException of(int code, String msg) {
        return new BinanceException(BAD_REQUEST, code, msg);
    }

    // ------------------------------------------------------------------ security

    static BinanceException invalidApiKey() {
        return new BinanceException(UNAUTHORIZED, -2015, "Invalid API-key, IP, or permissions for action.");
    }

    static BinanceException apiKeyFormat() {
        return new BinanceException(UNAUTHORIZED, -2014, "API-key format invalid.");
    }

    static BinanceException badSignature() {
        return of(-1022, "Signature for this request is not valid.");
    }

    static BinanceException timestampAhead() {
        return of(-1021, "Timestamp for this request was 1000ms ahead of the server's time.");
    }

    static BinanceException outsideRecvWindow() {
        return of(-1021, "Timestamp for this request is outside of the recvWindow.");
    }

    static BinanceException unauthorized() {
        return new BinanceException(UNAUTHORIZED, -1002, "You are not authorized to execute this request.");
    }

    // ------------------------------------------------------------------ parameters

    static BinanceException mandatory(String name) {
        return of(-1102, "Mandatory parameter '" + name + "' was not sent, was empty/null, or malformed.");
    }

    static BinanceException eitherParam(String a, String b) {
        return of(-1102, "Param '" + a + "' or '" + b + "' must be sent, but both were empty/null!");
    }

    static BinanceException illegalChars(String name, String range) {
        return of(-1100, "Illegal characters found in parameter '" + name + "'; legal range is '" + range + "'.");
    }

    static BinanceException notRequired(String name) {
        return of(-1106, "Parameter '" + name + "' sent when not required.");
    }

    static BinanceException duplicateParameter() {
        return of(-1101, "Duplicate values for a parameter detected.");
    }

    static BinanceException unreadParameters(int read, int sent) {
        return of(-1104, "Not all sent parameters were read; read '" + read + "' parameter(s) but was sent '"
                + sent + "'.");
    }

    static BinanceException emptyParameter(String name) {
        return of(-1105, "Parameter '" + name + "' was empty.");
    }

    static BinanceException invalidSymbol() {
        return of(-1121, "Invalid symbol.");
    }

    static BinanceException invalidSide() {
        return of(-1117, "Invalid side.");
    }

    static BinanceException invalidOrderType() {
        return of(-1116, "Invalid orderType.");
    }

    static BinanceException invalidTimeInForce() {
        return of(-1115, "Invalid timeInForce.");
    }

    static BinanceException invalidParameter(String name) {
        return of(-1130, "Data sent for parameter '" + name + "' is not valid.");
    }

    static BinanceException tooMuchPrecision(String name) {
        return of(-1111, "Parameter '" + name + "' has too much precision.");
    }

    static BinanceException unsupportedCombination() {
        return of(-1014, "Unsupported order combination.");
    }

    static BinanceException invalidJson() {
        return of(-1135, "Invalid JSON Request");
    }

    static BinanceException unsupportedOperation() {
        return of(-1020, "This operation is not supported.");
    }

    // ------------------------------------------------------------------ filters and the matching engine

    static BinanceException filter(String filterType) {
        return of(-1013, "Filter failure: " + filterType);
    }

    static BinanceException marketClosed() {
        return of(-1013, MARKET_CLOSED);
    }

    static BinanceException newOrderRejected(String msg) {
        return of(-2010, msg);
    }

    static BinanceException cancelRejected(String msg) {
        return of(-2011, msg);
    }

    static BinanceException unknownOrderOnCancel() {
        return cancelRejected(UNKNOWN_ORDER);
    }

    static BinanceException noSuchOrder() {
        return of(-2013, "Order does not exist.");
    }

    static BinanceException clientIdMismatch() {
        return of(-2039, "Client order ID is not correct for this order ID.");
    }

    static BinanceException ocoTypeRejected() {
        return of(-1158, "Order type not supported in OCO.");
    }

    static BinanceException listenKeyUnknown() {
        return of(-1125, "This listenKey does not exist.");
    }

    static BinanceException subscriptionActive() {
        return of(-2035, "User Data Stream subscription already active.");
    }

    static BinanceException subscriptionInactive() {
        return of(-2036, "User Data Stream subscription not active.");
    }

    // ------------------------------------------------------------------ USD-M futures

    static BinanceException marginInsufficient() {
        return of(-2019, "Margin is insufficient.");
    }

    static BinanceException gtxRejected() {
        return of(-5022, "Due to the order could not be executed as maker, the Post Only order will be rejected.");
    }

    static BinanceException fokRejected() {
        return of(-5021, "Due to the order could not be filled immediately, the FOK order has been rejected.");
    }

    static BinanceException reduceOnlyRejected() {
        return of(-2022, "ReduceOnly Order is rejected.");
    }

    static BinanceException futuresDuplicateClientId() {
        return of(-4116, "clientOrderId is duplicated.");
    }

    static BinanceException useAlgoEndpoint() {
        return of(-4120, "Order type not supported for this endpoint. Please use the Algo Order API endpoints instead.");
    }

    static BinanceException positionSideMismatch() {
        return of(-4061, "Order's position side does not match user's setting.");
    }

    static BinanceException invalidPositionSide() {
        return of(-4060, "Invalid position side.");
    }

    static BinanceException futuresMinNotional(String notional) {
        return of(-4164, "Order's notional must be no smaller than " + notional + " (unless you choose reduce only)");
    }

    static BinanceException futuresPrecision() {
        return of(-1111, "Precision is over the maximum defined for this asset.");
    }

    static BinanceException priceTick() {
        return of(-4014, "Price not increased by tick size.");
    }

    static BinanceException priceBelowMin() {
        return of(-4013, "Price less than min price.");
    }

    static BinanceException priceAboveMax() {
        return of(-4002, "Price greater than max price.");
    }

    static BinanceException quantityBelowMin() {
        return of(-4004, "Quantity less than min quantity.");
    }

    static BinanceException quantityAboveMax() {
        return of(-4005, "Quantity greater than max quantity.");
    }

    static BinanceException quantityStep() {
        return of(-4023, "Qty not increased by step size.");
    }

    static BinanceException wouldImmediatelyTrigger() {
        return of(-2021, "Order would immediately trigger.");
    }

    static BinanceException limitOnly() {
        return of(-5025, "Only limit order is supported.");
    }

    static BinanceException sameOrder() {
        return of(-5027, "No need to modify the order.");
    }

    static BinanceException goodTillDate() {
        return of(-5040, "The goodTillDate timestamp must be greater than the current time plus 600 seconds and "
                + "smaller than 253402300799000 (UTC 9999-12-31 23:59:59)");
    }

    static BinanceException invalidLeverage(String value) {
        return of(-4028, "Leverage " + value + " is not valid");
    }

    static BinanceException noNeedToChangePositionSide() {
        return of(-4059, "No need to change position side.");
    }

    static BinanceException positionSideChangeWithOrders() {
        return of(-4067, "Position side cannot be changed if there exists open orders.");
    }

    static BinanceException positionSideChangeWithPosition() {
        return of(-4068, "Position side cannot be changed if there exists position.");
    }

    static BinanceException quantityWithClosePosition() {
        return of(-4137, "Quantity must be zero with closePosition equals true");
    }

    static BinanceException serviceUnavailable() {
        return new BinanceException(503, -1016, "This service is no longer available.");
    }

    // ------------------------------------------------------------------ limits and server faults

    static BinanceException tooMuchWeight(Market market, int limit, long retryAfterSeconds) {
        String msg = market == Market.SPOT
                ? "Too much request weight used; current limit is " + limit
                        + " request weight per 1 MINUTE. Please use WebSocket Streams for live updates to avoid polling the API."
                : "Too many requests; current limit is " + limit
                        + " requests per minute. Please use the websocket for live updates to avoid polling the API.";
        return new BinanceException(429, -1003, msg, null, Map.of("Retry-After", Long.toString(retryAfterSeconds)));
    }

    static BinanceException banned(Market market, long untilMillis, long retryAfterSeconds) {
        String msg = market == Market.SPOT
                ? "Way too much request weight used; IP banned until " + untilMillis
                        + ". Please use WebSocket Streams for live updates to avoid bans."
                : "Way too many requests; IP banned until " + untilMillis
                        + ". Please use the websocket for live updates to avoid bans.";
        return new BinanceException(418, -1003, msg, null, Map.of("Retry-After", Long.toString(retryAfterSeconds)));
    }

    static BinanceException tooManyOrders(int limit, String interval) {
        return new BinanceException(429, -1015, "Too many new orders; current limit is " + limit + " orders per "
                + interval + ".");
    }

    static BinanceException internalError(int httpStatus) {
        return new BinanceException(httpStatus, -1001, "Internal error; unable to process your request. Please try again.");
    }

    static BinanceException unknown() {
        return new BinanceException(500, -1000, "An unknown error occurred while processing the request.");
    }
}

package io.fixbridge.venue.bybit;

import io.fixbridge.venue.RejectReason;
import io.fixbridge.venue.VenueError;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The one place that turns what Bybit answers into a {@link VenueError}: every {@code retCode} and
 * HTTP status becomes REJECTED (with a {@link RejectReason}), RETRYABLE or OUTCOME_UNKNOWN, and some
 * also call for something the adapter must do ({@link Consequence}). Bybit's code is carried as
 * {@link VenueError#code()} and Bybit's text in the message. Pure functions; thread-safe.
 *
 * <table>
 *   <caption>How Bybit answers are classified</caption>
 *   <tr><th>Bybit</th><th>outcome</th><th>adapter does</th></tr>
 *   <tr><td>10001 parameter error (and spot 170130)</td><td>REJECTED, reason by text: a quantity step,
 *       precision or size INCORRECT_QUANTITY, a price tick or precision INVALID_PRICE_INCREMENT, an order
 *       value BELOW_MIN_NOTIONAL, else OTHER</td><td></td></tr>
 *   <tr><td>10002 request time outside recvWindow</td><td>RETRYABLE</td><td>resync the clock offset from
 *       /v5/market/time, send once more</td></tr>
 *   <tr><td>10003, 10004, 10005, 10007, 10010, 33004, -2015 (key invalid, signature, permission,
 *       authentication, IP not bound, key expired), HTTP 401</td><td>REJECTED OTHER</td><td>refuse the
 *       account's orders until a signed probe passes; ERROR log without secrets</td></tr>
 *   <tr><td>10006 too many visits, 170005 / 170222 spot too many orders, HTTP 429</td><td>RETRYABLE with the
 *       time to the reset</td><td>hold the limit's bucket at zero until X-Bapi-Limit-Reset-Timestamp; send
 *       once more if that is within maxWait</td></tr>
 *   <tr><td>HTTP 403 (IP rate limit exceeded or IP banned)</td><td>RETRYABLE</td><td>pause every request
 *       of the venue for ipBanPauseMs; health down meanwhile</td></tr>
 *   <tr><td>10000 server timeout, 10016 server error, 10014 duplicate request, 170001, 170007, 170032,
 *       170035, 170146, 170147, 170212, 170234, 170310, 40004, 3400214</td><td>OUTCOME_UNKNOWN</td><td></td></tr>
 *   <tr><td>110079 order is processing, try later</td><td>RETRYABLE</td><td></td></tr>
 *   <tr><td>110001, 170213, 170143 order does not exist</td><td>REJECTED UNKNOWN_ORDER (the adapter turns it
 *       into TOO_LATE when it knows the order is done)</td><td></td></tr>
 *   <tr><td>110008, 110010, 170139, 170142, 170190 order already filled or canceled</td><td>REJECTED
 *       TOO_LATE</td><td></td></tr>
 *   <tr><td>110004, 110006, 110007, 110012, 110044, 110045, 110051, 110052, 110053, 170033, 170131</td>
 *       <td>REJECTED INSUFFICIENT_FUNDS</td><td></td></tr>
 *   <tr><td>110017 "orderQty will be truncated to zero": Bybit's answer to a reduce-only order with
 *       no position (or a smaller one on the other side) to reduce</td><td>REJECTED
 *       REDUCE_ONLY_WOULD_INCREASE</td><td></td></tr>
 *   <tr><td>110009, 110020, 110021, 110090, 170810 too many orders or position limits</td><td>REJECTED
 *       LIMIT_EXCEEDED</td><td></td></tr>
 *   <tr><td>110072 duplicate orderLinkId, 170141 duplicate clientOrderId (spot)</td><td>REJECTED
 *       DUPLICATE_ORDER</td><td>a submit settles it by querying the orderLinkId: if the order found is
 *       this order, the submit completes as Accepted (it is the same order, never a second one)</td></tr>
 *   <tr><td>110094, 170140 order value below the minimum</td><td>REJECTED BELOW_MIN_NOTIONAL</td><td></td></tr>
 *   <tr><td>170134, 170371, 170372 price precision or limit; 170136, 170137, 170148, 170124, 170381, 170382,
 *       110064, 170313 quantity</td><td>REJECTED INVALID_PRICE_INCREMENT / INCORRECT_QUANTITY (price
 *       limits: OTHER)</td><td></td></tr>
 *   <tr><td>170218 LIMIT-MAKER at an invalid (crossing) price</td><td>REJECTED WOULD_TAKE_LIQUIDITY</td><td></td></tr>
 *   <tr><td>170121, 10029 invalid symbol</td><td>REJECTED UNKNOWN_SYMBOL</td><td></td></tr>
 *   <tr><td>110066, 110074, 170151, 170157 trading not allowed, contract not live</td><td>REJECTED
 *       VENUE_CLOSED</td><td></td></tr>
 *   <tr><td>170115, 170116, 170117, 170227, 170312, 110098, 110103</td><td>REJECTED
 *       UNSUPPORTED_ORDER_CHARACTERISTIC</td><td></td></tr>
 *   <tr><td>HTTP 5xx (any body)</td><td>OUTCOME_UNKNOWN</td><td></td></tr>
 *   <tr><td>any other HTTP 4xx without a retCode</td><td>REJECTED OTHER (Bybit's gateway refused the
 *       request before any engine saw it)</td><td></td></tr>
 *   <tr><td>any other retCode</td><td>see below</td><td></td></tr>
 * </table>
 *
 * <h2>Codes this table does not know</h2>
 * Only definitive evidence rejects an order. A code this adapter does not know is no such
 * evidence (Bybit adds codes, and some are raised after the request reached the trading
 * service), so it is OUTCOME_UNKNOWN, settled by a status query; a query that fails this way is
 * simply asked again.
 */
public final class BybitErrors {

    /** What the adapter must do beyond failing the request. */
    public enum Consequence {
        NONE,
        /** Resync the clock offset from /v5/market/time and send the request once more. */
        RESYNC_CLOCK,
        /** The account's credentials are refused: refuse its orders until a signed probe passes, alert. */
        AUTH_FAILURE,
        /** The endpoint's rate limit is reached: hold its bucket until the reset. */
        RATE_LIMITED,
        /** HTTP 403: this machine's IP is over Bybit's limit or banned; pause the whole venue. */
        IP_BANNED,
        /** The orderLinkId is taken: a submit settles it by a query by orderLinkId. */
        DUPLICATE_ORDER_LINK_ID
    }

    /**
     * A classified answer.
     *
     * @param error       what it means for the request
     * @param consequence what the adapter must do about it
     */
    public record Classified(VenueError error, Consequence consequence) {
        public Classified {
            Objects.requireNonNull(error, "error");
            Objects.requireNonNull(consequence, "consequence");
        }
    }

    private static final Duration DEFAULT_RATE_LIMIT_PAUSE = Duration.ofSeconds(1);
    /** The shortest hold after a rate-limit refusal, so a reset time of "now" never makes a busy loop. */
    private static final Duration MIN_RATE_LIMIT_PAUSE = Duration.ofMillis(50);

    private static final Set<Integer> AUTH = Set.of(10003, 10004, 10005, 10007, 10010, 33004, -2015);
    private static final Set<Integer> UNKNOWN_OUTCOME = Set.of(10000, 10016, 10014, 170001, 170007, 170032, 170035,
            170146, 170147, 170212, 170234, 170310, 40004, 3400214);
    private static final Set<Integer> RATE = Set.of(10006, 170005, 170222);
    private static final Set<Integer> DUPLICATE_LINK = Set.of(110072, 170141);
    private static final Map<Integer, RejectReason> REJECTS = Map.ofEntries(
            Map.entry(110001, RejectReason.UNKNOWN_ORDER),
            Map.entry(170213, RejectReason.UNKNOWN_ORDER),
            Map.entry(170143, RejectReason.UNKNOWN_ORDER),
            Map.entry(110008, RejectReason.TOO_LATE),
            Map.entry(110010, RejectReason.TOO_LATE),
            Map.entry(170139, RejectReason.TOO_LATE),
            Map.entry(170142, RejectReason.TOO_LATE),
            Map.entry(170190, RejectReason.TOO_LATE),
            Map.entry(110004, RejectReason.INSUFFICIENT_FUNDS),
            Map.entry(110006, RejectReason.INSUFFICIENT_FUNDS),
            Map.entry(110007, RejectReason.INSUFFICIENT_FUNDS),
            Map.entry(110012, RejectReason.INSUFFICIENT_FUNDS),
            Map.entry(110044, RejectReason.INSUFFICIENT_FUNDS),
            Map.entry(110045, RejectReason.INSUFFICIENT_FUNDS),
            Map.entry(110051, RejectReason.INSUFFICIENT_FUNDS),
            Map.entry(110052, RejectReason.INSUFFICIENT_FUNDS),
            Map.entry(110053, RejectReason.INSUFFICIENT_FUNDS),
            Map.entry(170033, RejectReason.INSUFFICIENT_FUNDS),
            Map.entry(170131, RejectReason.INSUFFICIENT_FUNDS),
            Map.entry(110017, RejectReason.REDUCE_ONLY_WOULD_INCREASE),
            Map.entry(110009, RejectReason.LIMIT_EXCEEDED),
            Map.entry(110020, RejectReason.LIMIT_EXCEEDED),
            Map.entry(110021, RejectReason.LIMIT_EXCEEDED),
            Map.entry(110090, RejectReason.LIMIT_EXCEEDED),
            Map.entry(170810, RejectReason.LIMIT_EXCEEDED),
            Map.entry(110094, RejectReason.BELOW_MIN_NOTIONAL),
            Map.entry(170140, RejectReason.BELOW_MIN_NOTIONAL),
            Map.entry(170134, RejectReason.INVALID_PRICE_INCREMENT),
            Map.entry(170136, RejectReason.INCORRECT_QUANTITY),
            Map.entry(170137, RejectReason.INCORRECT_QUANTITY),
            Map.entry(170148, RejectReason.INCORRECT_QUANTITY),
            Map.entry(170124, RejectReason.INCORRECT_QUANTITY),
            Map.entry(170381, RejectReason.INCORRECT_QUANTITY),
            Map.entry(170382, RejectReason.INCORRECT_QUANTITY),
            Map.entry(110064, RejectReason.INCORRECT_QUANTITY),
            Map.entry(170313, RejectReason.INCORRECT_QUANTITY),
            Map.entry(170218, RejectReason.WOULD_TAKE_LIQUIDITY),
            Map.entry(170121, RejectReason.UNKNOWN_SYMBOL),
            Map.entry(10029, RejectReason.UNKNOWN_SYMBOL),
            Map.entry(110066, RejectReason.VENUE_CLOSED),
            Map.entry(110074, RejectReason.VENUE_CLOSED),
            Map.entry(170151, RejectReason.VENUE_CLOSED),
            Map.entry(170157, RejectReason.VENUE_CLOSED),
            Map.entry(170115, RejectReason.UNSUPPORTED_ORDER_CHARACTERISTIC),
            Map.entry(170116, RejectReason.UNSUPPORTED_ORDER_CHARACTERISTIC),
            Map.entry(170117, RejectReason.UNSUPPORTED_ORDER_CHARACTERISTIC),
            Map.entry(170227, RejectReason.UNSUPPORTED_ORDER_CHARACTERISTIC),
            Map.entry(170312, RejectReason.UNSUPPORTED_ORDER_CHARACTERISTIC),
            Map.entry(110098, RejectReason.UNSUPPORTED_ORDER_CHARACTERISTIC),
            Map.entry(110103, RejectReason.UNSUPPORTED_ORDER_CHARACTERISTIC));

    private BybitErrors() {
    }

    /**
     * Classifies an error answer.
     *
     * @param httpStatus the HTTP status
     * @param retCode    Bybit's {@code retCode}, or null when the body had none
     * @param retMsg     Bybit's {@code retMsg}, or the body's start, or null
     * @param retryAfter for rate limits: the time until the limit resets (X-Bapi-Limit-Reset-Timestamp or
     *                   Retry-After), or null
     */
    public static Classified classify(int httpStatus, Integer retCode, String retMsg, Duration retryAfter) {
        String text = retMsg == null || retMsg.isBlank() ? "HTTP " + httpStatus : retMsg.strip();
        String code = retCode == null ? "HTTP " + httpStatus : String.valueOf(retCode);
        if (httpStatus == 403) {
            return new Classified(VenueError.retryable(code, "Bybit refused this machine with HTTP 403: its IP "
                    + "is over Bybit's rate limit (600 requests per 5 s) or banned (" + text + "); every request "
                    + "to the venue is paused", retryAfter), Consequence.IP_BANNED);
        }
        if (httpStatus == 429 || retCode != null && RATE.contains(retCode)) {
            Duration pause = retryAfter == null ? DEFAULT_RATE_LIMIT_PAUSE
                    : retryAfter.compareTo(MIN_RATE_LIMIT_PAUSE) < 0 ? MIN_RATE_LIMIT_PAUSE : retryAfter;
            return new Classified(VenueError.retryable(code, "Bybit rate limit exceeded (" + text
                    + "); nothing was done", pause), Consequence.RATE_LIMITED);
        }
        if (httpStatus >= 500) {
            return none(VenueError.outcomeUnknown(code, "Bybit failed with HTTP " + httpStatus + " (" + text
                    + "); the outcome is unknown until the order is queried"));
        }
        if (httpStatus == 401) {
            return new Classified(VenueError.rejected(RejectReason.OTHER, code,
                    "Bybit refused the account's credentials: " + text), Consequence.AUTH_FAILURE);
        }
        if (retCode == null) {
            if (httpStatus >= 400) {
                return none(VenueError.rejected(RejectReason.OTHER, code, "Bybit refused the request: " + text));
            }
            return none(VenueError.outcomeUnknown(code, "Bybit answered without a retCode (" + text + ")"));
        }
        return byCode(retCode, text);
    }

    private static Classified byCode(int retCode, String text) {
        String code = String.valueOf(retCode);
        if (retCode == 10002) {
            return new Classified(VenueError.retryable(code, text + " (the clock offset is resynchronised from "
                    + "Bybit's /v5/market/time before one more try)", null), Consequence.RESYNC_CLOCK);
        }
        if (AUTH.contains(retCode)) {
            return new Classified(VenueError.rejected(RejectReason.OTHER, code,
                    "Bybit refused the account's credentials: " + text), Consequence.AUTH_FAILURE);
        }
        if (UNKNOWN_OUTCOME.contains(retCode)) {
            return none(VenueError.outcomeUnknown(code, text + " (the outcome is unknown until the order is "
                    + "queried)"));
        }
        if (retCode == 110079) {
            return none(VenueError.retryable(code, text + " (nothing was done)", null));
        }
        if (DUPLICATE_LINK.contains(retCode)) {
            return new Classified(VenueError.rejected(RejectReason.DUPLICATE_ORDER, code, text),
                    Consequence.DUPLICATE_ORDER_LINK_ID);
        }
        if (retCode == 10001 || retCode == 170130) {
            return none(VenueError.rejected(reasonFromText(text), code, text));
        }
        RejectReason known = REJECTS.get(retCode);
        if (known != null) {
            return none(VenueError.rejected(known, code, text));
        }
        // a code this table does not know is no definitive evidence that nothing was done
        return none(VenueError.outcomeUnknown(code, text + " (an error code this adapter does not know; "
                + "the outcome is unknown until the order is queried)"));
    }

    /** A request that never left this machine (connect failure, pool exhausted): nothing was done. */
    public static VenueError notSent(String detail) {
        return VenueError.retryable(null, "the request was not sent to Bybit: " + detail, null);
    }

    /** A request that was sent but got no answer (timeout, connection closed): anything may have happened. */
    public static VenueError noAnswer(String detail) {
        return VenueError.outcomeUnknown(null, "Bybit did not answer: " + detail
                + "; the outcome is unknown until the order is queried");
    }

    /** Why Bybit refused a parameter (10001, 170130), from its text. */
    public static RejectReason reasonFromText(String text) {
        if (text == null) {
            return RejectReason.OTHER;
        }
        String t = text.toLowerCase(Locale.ROOT);
        if (t.contains("tick") || t.contains("price") && (t.contains("decimal") || t.contains("precision")
                || t.contains("scale") || t.contains("step") || t.contains("multiple"))) {
            return RejectReason.INVALID_PRICE_INCREMENT;
        }
        if (t.contains("qty") || t.contains("quantity")) {
            return RejectReason.INCORRECT_QUANTITY;
        }
        if (t.contains("order value") || t.contains("notional") || t.contains("amount too small")) {
            return RejectReason.BELOW_MIN_NOTIONAL;
        }
        if (t.contains("symbol") && (t.contains("invalid") || t.contains("not exist") || t.contains("not found"))) {
            return RejectReason.UNKNOWN_SYMBOL;
        }
        return RejectReason.OTHER;
    }

    /**
     * Why Bybit's matching engine refused or ended an order, from the stream's {@code rejectReason}
     * ({@code EC_...}).
     */
    public static RejectReason reasonFromRejectReason(String rejectReason) {
        if (rejectReason == null) {
            return RejectReason.OTHER;
        }
        return switch (rejectReason) {
            case "EC_PostOnlyWillTakeLiquidity" -> RejectReason.WOULD_TAKE_LIQUIDITY;
            case "EC_DuplicatedClOrdID" -> RejectReason.DUPLICATE_ORDER;
            case "EC_InvalidSymbolStatus", "EC_InCallAuctionStatus" -> RejectReason.VENUE_CLOSED;
            case "EC_InvalidPriceScale", "EC_LimitOrderInvalidPrice" -> RejectReason.INVALID_PRICE_INCREMENT;
            case "EC_QtyCannotBeZero", "EC_EcInvalidQty", "EC_InvalidAmount", "EC_InvalidBaseValue" ->
                    RejectReason.INCORRECT_QUANTITY;
            case "EC_ReachMaxTradeNum" -> RejectReason.LIMIT_EXCEEDED;
            case "EC_MarketOrderCannotBePostOnly", "EC_UnknownOrderType", "EC_UnknownTimeInForce",
                    "EC_MarketOrderNoSupportTIF", "EC_MarketQuoteNoSuppSell" ->
                    RejectReason.UNSUPPORTED_ORDER_CHARACTERISTIC;
            case "EC_OrigClOrdIDDoesNotExist", "EC_OrderNotExist" -> RejectReason.UNKNOWN_ORDER;
            case "EC_TooLateToCancel" -> RejectReason.TOO_LATE;
            default -> {
                String t = rejectReason.toLowerCase(Locale.ROOT);
                if (t.contains("insufficient") || t.contains("balance") || t.contains("margin")) {
                    yield RejectReason.INSUFFICIENT_FUNDS;
                }
                if (t.contains("reduceonly") || t.contains("reduce_only")) {
                    yield RejectReason.REDUCE_ONLY_WOULD_INCREASE;
                }
                yield RejectReason.OTHER;
            }
        };
    }


    private static Classified none(VenueError error) {
        return new Classified(error, Consequence.NONE);
    }
}

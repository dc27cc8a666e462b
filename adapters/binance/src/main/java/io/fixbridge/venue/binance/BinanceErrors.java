package io.fixbridge.venue.binance;

import io.fixbridge.venue.RejectReason;
import io.fixbridge.venue.VenueError;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * The one place that turns what Binance answers into a {@link VenueError}: each error code and
 * HTTP status becomes REJECTED (with a {@link RejectReason}), RETRYABLE or OUTCOME_UNKNOWN, and
 * some also call for something the adapter must do ({@link Consequence}). The Binance code is
 * always carried as {@link VenueError#code()} and Binance's text as its message. Pure functions;
 * thread-safe.
 *
 * <table>
 *   <caption>How Binance answers are classified</caption>
 *   <tr><th>Binance</th><th>outcome</th><th>adapter does</th></tr>
 *   <tr><td>-1021 timestamp outside recvWindow</td><td>RETRYABLE</td><td>resync the clock from /time, retry once</td></tr>
 *   <tr><td>-1022, -2014, -2015, -1002, HTTP 401</td><td>REJECTED OTHER</td><td>mark the account's credentials bad, log an ERROR (no secret)</td></tr>
 *   <tr><td>-1003, -1015, HTTP 429, HTTP 418</td><td>RETRYABLE with Retry-After</td><td>pause the market's rate limiter</td></tr>
 *   <tr><td>-1013 (filter failure)</td><td>REJECTED by filter: PRICE_FILTER INVALID_PRICE_INCREMENT, LOT_SIZE and
 *       MARKET_LOT_SIZE INCORRECT_QUANTITY, NOTIONAL and MIN_NOTIONAL BELOW_MIN_NOTIONAL, MAX_NUM_* LIMIT_EXCEEDED</td><td></td></tr>
 *   <tr><td>-2010 new order rejected</td><td>REJECTED by text: INSUFFICIENT_FUNDS, WOULD_TAKE_LIQUIDITY, DUPLICATE_ORDER,
 *       VENUE_CLOSED (market closed), UNSUPPORTED_ORDER_CHARACTERISTIC, ...</td><td></td></tr>
 *   <tr><td>-2011, -2013, -2026</td><td>REJECTED UNKNOWN_ORDER, or TOO_LATE when the text says the order is done</td><td></td></tr>
 *   <tr><td>-1121</td><td>REJECTED UNKNOWN_SYMBOL</td><td></td></tr>
 *   <tr><td>-1000, -1006, -1007 (execution status unknown) on any HTTP status, a lost answer</td><td>OUTCOME_UNKNOWN</td><td></td></tr>
 *   <tr><td>-1001, -1008 on a 4xx, request never sent</td><td>RETRYABLE</td><td></td></tr>
 *   <tr><td>HTTP 503 "Unknown error, please check your request or try again later."</td><td>OUTCOME_UNKNOWN
 *       (Binance: sent, no answer in time)</td><td></td></tr>
 *   <tr><td>HTTP 503 -1001 "Internal error; unable to process your request."</td><td>RETRYABLE (Binance: the
 *       request failed, resend if needed)</td><td></td></tr>
 *   <tr><td>-1016, HTTP 503 with exactly Binance's "Service Unavailable."</td><td>REJECTED VENUE_CLOSED</td><td>mark
 *       the market down until a health probe finds it trading</td></tr>
 *   <tr><td>any other HTTP 5xx (another code, an HTML page of a proxy, no body)</td><td>OUTCOME_UNKNOWN: only
 *       definitive evidence rejects; the order may be live</td><td></td></tr>
 *   <tr><td>-2010/-2011 "Rest API trading is not enabled."</td><td>REJECTED VENUE_CLOSED</td><td>mark the
 *       market down likewise</td></tr>
 *   <tr><td>futures -2018, -2019</td><td>REJECTED INSUFFICIENT_FUNDS</td><td></td></tr>
 *   <tr><td>futures -2022, -4118</td><td>REJECTED REDUCE_ONLY_WOULD_INCREASE</td><td></td></tr>
 *   <tr><td>futures -4014, -4013, -4023, -4003/-4004/-4005, -4164</td><td>REJECTED INVALID_PRICE_INCREMENT,
 *       INCORRECT_QUANTITY, BELOW_MIN_NOTIONAL</td><td></td></tr>
 *   <tr><td>futures -5022 (GTX would take)</td><td>REJECTED WOULD_TAKE_LIQUIDITY</td><td></td></tr>
 *   <tr><td>futures -4116 (duplicate client id)</td><td>REJECTED DUPLICATE_ORDER</td><td></td></tr>
 *   <tr><td>futures -4120 (conditional order on /fapi/v1/order)</td><td>REJECTED UNSUPPORTED_ORDER_CHARACTERISTIC; never
 *       happens: conditional orders go to /fapi/v1/algoOrder</td><td></td></tr>
 *   <tr><td>any other code on a 4xx answer</td><td>REJECTED OTHER</td><td></td></tr>
 * </table>
 */
public final class BinanceErrors {

    /** What the adapter must do beyond failing the request. */
    public enum Consequence {
        NONE,
        /** Resync the clock offset from /time and retry the request once. */
        RESYNC_CLOCK,
        /** The account's credentials are refused: mark the adapter unhealthy, alert. */
        AUTH_FAILURE,
        /** Pause the market's requests for {@link VenueError#retryAfter()}. */
        RATE_LIMITED,
        /** Binance is down or in maintenance: refuse new orders until a health probe answers. */
        VENUE_DOWN
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

    /** Text of requests refused while Binance is in maintenance. */
    public static final String MAINTENANCE_TEXT =
            "Binance is in maintenance; orders are refused until it answers again";

    /** Binance's HTTP 503 body while it is in maintenance. */
    static final String MAINTENANCE_503_TEXT = "Service Unavailable.";

    private static final Duration DEFAULT_RATE_LIMIT_PAUSE = Duration.ofSeconds(1);

    private BinanceErrors() {
    }

    /**
     * Classifies an error answer.
     *
     * @param market     which API answered
     * @param httpStatus the HTTP status (or the WebSocket API's status)
     * @param code       Binance's code, or null when the body had none
     * @param msg        Binance's text, or null
     * @param retryAfter the Retry-After header, or null
     */
    public static Classified classify(BinanceMarket market, int httpStatus, Integer code, String msg,
                                      Duration retryAfter) {
        String text = msg == null || msg.isBlank() ? "HTTP " + httpStatus : msg;
        String codeText = code == null ? "HTTP " + httpStatus : String.valueOf(code);
        if (httpStatus == 429 || httpStatus == 418 || code != null && (code == -1003 || code == -1015)) {
            Duration pause = retryAfter != null ? retryAfter : DEFAULT_RATE_LIMIT_PAUSE;
            String why = httpStatus == 418 ? "Binance has banned this IP for exceeding its rate limits: " + text
                    : "Binance rate limit exceeded: " + text;
            return new Classified(VenueError.retryable(codeText, why, pause), Consequence.RATE_LIMITED);
        }
        String lower = text.toLowerCase(Locale.ROOT);
        if (code != null && (code == -1000 || code == -1006 || code == -1007)) {
            // "execution status unknown", whatever the HTTP status: the order may be live
            return none(VenueError.outcomeUnknown(codeText, text));
        }
        if (httpStatus == 503 && (code != null && code == -1001 || lower.contains("unable to process"))) {
            return none(VenueError.retryable(codeText, "Binance could not process the request (" + text
                    + "); nothing was done", null));
        }
        if (httpStatus == 503 && lower.contains("unknown error")) {
            return none(VenueError.outcomeUnknown(codeText,
                    "Binance accepted the request but did not answer in time (" + text + "); the outcome is unknown"));
        }
        if (code != null && code == -1016 || httpStatus == 503 && isMaintenanceText(text)) {
            return new Classified(VenueError.rejected(RejectReason.VENUE_CLOSED, codeText,
                    MAINTENANCE_TEXT + " (" + text + ")"), Consequence.VENUE_DOWN);
        }
        if (httpStatus >= 500) {
            return none(VenueError.outcomeUnknown(codeText, "Binance failed with HTTP " + httpStatus + " (" + text
                    + "); the outcome is unknown"));
        }
        if (text.toLowerCase(Locale.ROOT).contains("trading is not enabled")) {
            return new Classified(VenueError.rejected(RejectReason.VENUE_CLOSED, codeText,
                    MAINTENANCE_TEXT + " (" + text + ")"), Consequence.VENUE_DOWN);
        }
        if (code == null) {
            return byHttpStatus(httpStatus, text);
        }
        return byCode(market, code, text);
    }

    /** A request that never left this machine (connect failure, pool exhausted): nothing was done. */
    public static VenueError notSent(String detail) {
        return VenueError.retryable(null, "the request was not sent to Binance: " + detail, null);
    }

    /** A request that was sent but got no answer (timeout, connection closed): anything may have happened. */
    public static VenueError noAnswer(String detail) {
        return VenueError.outcomeUnknown(null, "Binance did not answer: " + detail
                + "; the outcome is unknown until the order is queried");
    }

    /** Why Binance refused a new order, from the text it gave (stream reject reasons and -2010 texts). */
    public static RejectReason reasonFromText(String text) {
        if (text == null) {
            return RejectReason.OTHER;
        }
        String t = text.toLowerCase(Locale.ROOT);
        if (t.contains("filter failure")) {
            return byFilter(t);
        }
        if (t.contains("insufficient")) {
            return RejectReason.INSUFFICIENT_FUNDS;
        }
        if (t.contains("immediately match and take") || t.contains("post only") || t.contains("as maker")
                || t.contains("would_match")) {
            return RejectReason.WOULD_TAKE_LIQUIDITY;
        }
        if (t.contains("duplicate")) {
            return RejectReason.DUPLICATE_ORDER;
        }
        if (t.contains("unknown order") || t.contains("does not exist") || t.contains("unknown_order")) {
            return RejectReason.UNKNOWN_ORDER;
        }
        if (t.contains("market is closed") || t.contains("not trading") || t.contains("market_closed")) {
            return RejectReason.VENUE_CLOSED;
        }
        if (t.contains("reduceonly") || t.contains("reduce only") || t.contains("reduce-only")) {
            return RejectReason.REDUCE_ONLY_WOULD_INCREASE;
        }
        if (t.contains("not supported") || t.contains("unsupported")) {
            return RejectReason.UNSUPPORTED_ORDER_CHARACTERISTIC;
        }
        if (t.contains("icebergqty exceeds qty") || t.contains("price * qty is zero")) {
            return RejectReason.INCORRECT_QUANTITY;
        }
        return RejectReason.OTHER;
    }

    private static Classified byHttpStatus(int httpStatus, String text) {
        if (httpStatus == 401) {
            return new Classified(VenueError.rejected(RejectReason.OTHER, "HTTP 401",
                    "Binance refused the API key: " + text), Consequence.AUTH_FAILURE);
        }
        if (httpStatus == 403) {
            return none(VenueError.rejected(RejectReason.OTHER, "HTTP 403",
                    "Binance's web application firewall refused the request: " + text));
        }
        if (httpStatus >= 400) {
            return none(VenueError.rejected(RejectReason.OTHER, "HTTP " + httpStatus, text));
        }
        return none(VenueError.outcomeUnknown("HTTP " + httpStatus,
                "Binance answered with an unexpected HTTP " + httpStatus + " (" + text + ")"));
    }

    private static Classified byCode(BinanceMarket market, int code, String text) {
        String c = String.valueOf(code);
        switch (code) {
            case -1021:
                return new Classified(VenueError.retryable(c, text + " (the clock offset is resynchronised from "
                        + "Binance's /time before a retry)", null), Consequence.RESYNC_CLOCK);
            case -1022, -2014, -2015, -1002:
                return new Classified(VenueError.rejected(RejectReason.OTHER, c,
                        "Binance refused the account's credentials: " + text), Consequence.AUTH_FAILURE);
            case -1000, -1006, -1007:
                return none(VenueError.outcomeUnknown(c, text));
            case -1001, -1008:
                return none(VenueError.retryable(c, text, null));
            case -1013:
                return none(VenueError.rejected(reasonFromText(text), c, text));
            case -1121:
                return none(VenueError.rejected(RejectReason.UNKNOWN_SYMBOL, c, text));
            case -1014, -1020, -1115, -1116, -1106, -1114:
                return none(VenueError.rejected(RejectReason.UNSUPPORTED_ORDER_CHARACTERISTIC, c, text));
            case -1111:
                return none(VenueError.rejected(text.toLowerCase(Locale.ROOT).contains("price")
                        ? RejectReason.INVALID_PRICE_INCREMENT : RejectReason.INCORRECT_QUANTITY, c, text));
            case -2010:
                return none(VenueError.rejected(reasonFromText(text), c, text));
            case -2011, -2013, -2026:
                return none(VenueError.rejected(tooLate(text) ? RejectReason.TOO_LATE : RejectReason.UNKNOWN_ORDER,
                        c, text));
            default:
                break;
        }
        if (market == BinanceMarket.FUTURES) {
            RejectReason futures = futuresReason(code);
            if (futures != null) {
                return none(VenueError.rejected(futures, c, text));
            }
        }
        return none(VenueError.rejected(reasonFromText(text), c, text));
    }

    private static RejectReason futuresReason(int code) {
        return switch (code) {
            case -2018, -2019 -> RejectReason.INSUFFICIENT_FUNDS;
            case -2022, -4118 -> RejectReason.REDUCE_ONLY_WOULD_INCREASE;
            case -2025, -2027, -2028 -> RejectReason.LIMIT_EXCEEDED;
            case -4013, -4014, -4016, -4024 -> RejectReason.INVALID_PRICE_INCREMENT;
            case -4003, -4004, -4005, -4023 -> RejectReason.INCORRECT_QUANTITY;
            case -4164 -> RejectReason.BELOW_MIN_NOTIONAL;
            case -5022 -> RejectReason.WOULD_TAKE_LIQUIDITY;
            case -4116 -> RejectReason.DUPLICATE_ORDER;
            case -4120 -> RejectReason.UNSUPPORTED_ORDER_CHARACTERISTIC;
            default -> null;
        };
    }

    private static RejectReason byFilter(String lowerText) {
        if (lowerText.contains("percent_price")) {
            return RejectReason.OTHER;
        }
        if (lowerText.contains("price_filter")) {
            return RejectReason.INVALID_PRICE_INCREMENT;
        }
        if (lowerText.contains("lot_size") || lowerText.contains("iceberg_parts")) {
            return RejectReason.INCORRECT_QUANTITY;
        }
        if (lowerText.contains("notional")) {
            return RejectReason.BELOW_MIN_NOTIONAL;
        }
        if (lowerText.contains("max_num_") || lowerText.contains("max_position")) {
            return RejectReason.LIMIT_EXCEEDED;
        }
        return RejectReason.OTHER;
    }

    private static boolean tooLate(String text) {
        String t = text.toLowerCase(Locale.ROOT);
        return t.contains("too late") || t.contains("already") || t.contains("filled") || t.contains("restriction");
    }

    /**
     * Binance's own maintenance answer, exactly: the body {@code Service Unavailable.} Not any page
     * that mentions it (a proxy's or load balancer's HTML 503 says nothing about the order).
     */
    private static boolean isMaintenanceText(String text) {
        return MAINTENANCE_503_TEXT.equalsIgnoreCase(text.strip());
    }

    private static Classified none(VenueError error) {
        return new Classified(error, Consequence.NONE);
    }
}

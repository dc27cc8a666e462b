package io.fixbridge.venue.binance;

import com.fasterxml.jackson.databind.JsonNode;
import io.fixbridge.venue.RejectReason;
import io.fixbridge.venue.VenueError;
import io.fixbridge.venue.VenueError.Outcome;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** Every classification rule of {@link BinanceErrors}, on the answers in {@code http_errors.json}. */
class BinanceErrorsTest {

    private static BinanceErrors.Classified classify(BinanceMarket market, String caseName) {
        JsonNode c = Fixtures.errorCase("http_errors.json", caseName);
        JsonNode body = c.get("body");
        Integer code = body.isObject() && body.has("code") ? body.get("code").asInt() : null;
        String msg = body.isObject() ? body.path("msg").asText(null) : body.asText();
        JsonNode retryAfter = c.get("headers").get("Retry-After");
        return BinanceErrors.classify(market, c.get("status").asInt(), code, msg,
                retryAfter == null ? null : Duration.ofSeconds(retryAfter.asLong()));
    }

    @ParameterizedTest(name = "{0} -> {1} {2}")
    @CsvSource({
            "filter_price, INVALID_PRICE_INCREMENT, -1013",
            "filter_lot, INCORRECT_QUANTITY, -1013",
            "filter_market_lot, INCORRECT_QUANTITY, -1013",
            "filter_notional, BELOW_MIN_NOTIONAL, -1013",
            "filter_min_notional, BELOW_MIN_NOTIONAL, -1013",
            "filter_max_num_orders, LIMIT_EXCEEDED, -1013",
            "filter_percent_price, OTHER, -1013",
            "insufficient_balance, INSUFFICIENT_FUNDS, -2010",
            "would_take, WOULD_TAKE_LIQUIDITY, -2010",
            "duplicate, DUPLICATE_ORDER, -2010",
            "market_closed, VENUE_CLOSED, -2010",
            "unknown_order_cancel, UNKNOWN_ORDER, -2011",
            "no_such_order, UNKNOWN_ORDER, -2013",
            "bad_symbol, UNKNOWN_SYMBOL, -1121",
    })
    void spotRejectsCarryReasonCodeAndText(String caseName, RejectReason reason, String code) {
        BinanceErrors.Classified c = classify(BinanceMarket.SPOT, caseName);

        assertThat(c.error().outcome()).isEqualTo(Outcome.REJECTED);
        assertThat(c.error().reason()).isEqualTo(reason);
        assertThat(c.error().code()).isEqualTo(code);
        assertThat(c.error().message()).isEqualTo(Fixtures.errorCase("http_errors.json", caseName)
                .get("body").get("msg").asText());
        assertThat(c.consequence()).isEqualTo(BinanceErrors.Consequence.NONE);
    }

    @ParameterizedTest(name = "{0} -> {1} {2}")
    @CsvSource({
            "futures_margin, INSUFFICIENT_FUNDS, -2019",
            "futures_reduce_only, REDUCE_ONLY_WOULD_INCREASE, -2022",
            "futures_tick, INVALID_PRICE_INCREMENT, -4014",
            "futures_step, INCORRECT_QUANTITY, -4023",
            "futures_notional, BELOW_MIN_NOTIONAL, -4164",
            "futures_gtx, WOULD_TAKE_LIQUIDITY, -5022",
            "futures_duplicate, DUPLICATE_ORDER, -4116",
            "futures_algo_endpoint, UNSUPPORTED_ORDER_CHARACTERISTIC, -4120",
            "futures_unknown_order, UNKNOWN_ORDER, -2011",
            "futures_no_such_order, UNKNOWN_ORDER, -2013",
    })
    void futuresRejectsCarryReasonAndCode(String caseName, RejectReason reason, String code) {
        BinanceErrors.Classified c = classify(BinanceMarket.FUTURES, caseName);

        assertThat(c.error().outcome()).isEqualTo(Outcome.REJECTED);
        assertThat(c.error().reason()).isEqualTo(reason);
        assertThat(c.error().code()).isEqualTo(code);
    }

    @Test
    void invalidTimestampAsksForAClockResyncAndIsRetryable() {
        BinanceErrors.Classified c = classify(BinanceMarket.SPOT, "invalid_timestamp");

        assertThat(c.error().outcome()).isEqualTo(Outcome.RETRYABLE);
        assertThat(c.error().code()).isEqualTo("-1021");
        assertThat(c.consequence()).isEqualTo(BinanceErrors.Consequence.RESYNC_CLOCK);
    }

    @ParameterizedTest
    @CsvSource({"invalid_signature, -1022", "bad_api_key_format, -2014", "rejected_mbx_key, -2015"})
    void credentialFailuresRejectAndRaiseTheAlarm(String caseName, String code) {
        BinanceErrors.Classified c = classify(BinanceMarket.SPOT, caseName);

        assertThat(c.error().outcome()).isEqualTo(Outcome.REJECTED);
        assertThat(c.error().reason()).isEqualTo(RejectReason.OTHER);
        assertThat(c.error().code()).isEqualTo(code);
        assertThat(c.consequence()).isEqualTo(BinanceErrors.Consequence.AUTH_FAILURE);
    }

    @ParameterizedTest
    @CsvSource({"too_many_requests_429, 7", "ip_banned_418, 60", "too_many_orders, 3"})
    void rateLimitsAreRetryableAfterTheVenuesRetryAfter(String caseName, long seconds) {
        BinanceErrors.Classified c = classify(BinanceMarket.SPOT, caseName);

        assertThat(c.error().outcome()).isEqualTo(Outcome.RETRYABLE);
        assertThat(c.error().retryAfter()).isEqualTo(Duration.ofSeconds(seconds));
        assertThat(c.consequence()).isEqualTo(BinanceErrors.Consequence.RATE_LIMITED);
    }

    @ParameterizedTest
    @CsvSource({"backend_timeout, -1007", "unexpected_resp, -1006", "internal_502, HTTP 502", "internal_500, -1001"})
    void timeoutsAndServerErrorsLeaveTheOutcomeUnknown(String caseName, String code) {
        BinanceErrors.Classified c = classify(BinanceMarket.SPOT, caseName);

        assertThat(c.error().outcome()).isEqualTo(Outcome.OUTCOME_UNKNOWN);
        assertThat(c.error().code()).isEqualTo(code);
    }

    @Test
    void serviceUnavailableIsMaintenanceRefusingWithVenueClosed() {
        BinanceErrors.Classified c = classify(BinanceMarket.SPOT, "service_unavailable");

        assertThat(c.error().outcome()).isEqualTo(Outcome.REJECTED);
        assertThat(c.error().reason()).isEqualTo(RejectReason.VENUE_CLOSED);
        assertThat(c.error().message()).contains("maintenance");
        assertThat(c.consequence()).isEqualTo(BinanceErrors.Consequence.VENUE_DOWN);
        assertThat(classify(BinanceMarket.SPOT, "shutting_down").consequence())
                .isEqualTo(BinanceErrors.Consequence.VENUE_DOWN);
    }

    @ParameterizedTest(name = "{0} -> OUTCOME_UNKNOWN {1}")
    @CsvSource({
            "backend_timeout_503, -1007",
            "unexpected_resp_503, -1006",
            "unknown_1000_503, -1000",
            "proxy_html_503, HTTP 503",
            "cloudfront_html_503, HTTP 503",
            "empty_503, HTTP 503",
            "server_busy_503, -1008",
    })
    void a503ThatIsNotBinancesMaintenanceAnswerLeavesTheOutcomeUnknown(String caseName, String code) {
        BinanceErrors.Classified c = classify(BinanceMarket.SPOT, caseName);

        assertThat(c.error().outcome()).as("the order may be live: only definitive evidence rejects")
                .isEqualTo(Outcome.OUTCOME_UNKNOWN);
        assertThat(c.error().code()).isEqualTo(code);
        assertThat(c.consequence()).as("not maintenance").isEqualTo(BinanceErrors.Consequence.NONE);
    }

    @Test
    void executionStatusUnknownCodesAreOutcomeUnknownOnFuturesToo() {
        BinanceErrors.Classified c = classify(BinanceMarket.FUTURES, "backend_timeout_503");

        assertThat(c.error().outcome()).isEqualTo(Outcome.OUTCOME_UNKNOWN);
        assertThat(c.error().message()).contains("execution status unknown");
    }

    @Test
    void shuttingDownOn503IsMaintenance() {
        BinanceErrors.Classified c = classify(BinanceMarket.FUTURES, "shutting_down_503");

        assertThat(c.error().reason()).isEqualTo(RejectReason.VENUE_CLOSED);
        assertThat(c.error().code()).isEqualTo("-1016");
        assertThat(c.consequence()).isEqualTo(BinanceErrors.Consequence.VENUE_DOWN);
    }

    @Test
    void tradingNotEnabledIsMaintenance() {
        BinanceErrors.Classified c = classify(BinanceMarket.SPOT, "trading_disabled");

        assertThat(c.error().reason()).isEqualTo(RejectReason.VENUE_CLOSED);
        assertThat(c.error().code()).isEqualTo("-2010");
        assertThat(c.error().message()).contains("Rest API trading is not enabled.");
        assertThat(c.consequence()).isEqualTo(BinanceErrors.Consequence.VENUE_DOWN);
    }

    @Test
    void unknownError503IsOutcomeUnknown() {
        BinanceErrors.Classified c = classify(BinanceMarket.SPOT, "unknown_error_503");

        assertThat(c.error().outcome()).isEqualTo(Outcome.OUTCOME_UNKNOWN);
        assertThat(c.consequence()).as("a backend timeout is not maintenance")
                .isEqualTo(BinanceErrors.Consequence.NONE);
    }

    @Test
    void internalErrorOn503IsRetryableWithoutMarkingTheVenueDown() {
        BinanceErrors.Classified c = classify(BinanceMarket.SPOT, "internal_503");

        assertThat(c.error().outcome()).isEqualTo(Outcome.RETRYABLE);
        assertThat(c.error().code()).isEqualTo("-1001");
        assertThat(c.consequence()).isEqualTo(BinanceErrors.Consequence.NONE);
    }

    @Test
    void marketClosedIsVenueClosed() {
        assertThat(classify(BinanceMarket.SPOT, "market_closed_1013").error().reason())
                .isEqualTo(RejectReason.VENUE_CLOSED);
    }

    @Test
    void serverBusyIsRetryable() {
        assertThat(classify(BinanceMarket.SPOT, "server_busy").error().outcome()).isEqualTo(Outcome.RETRYABLE);
    }

    @Test
    void transportFailuresSplitOnWhetherTheRequestWasSent() {
        VenueError notSent = BinanceErrors.notSent("connection refused");
        VenueError noAnswer = BinanceErrors.noAnswer("read timed out after 10 s");

        assertThat(notSent.outcome()).isEqualTo(Outcome.RETRYABLE);
        assertThat(noAnswer.outcome()).isEqualTo(Outcome.OUTCOME_UNKNOWN);
        assertThat(noAnswer.message()).contains("queried");
    }

    @Test
    void tooLateWhenTheTextSaysTheOrderIsDone() {
        VenueError e = BinanceErrors.classify(BinanceMarket.SPOT, 400, -2011,
                "Order was not canceled due to cancel restrictions.", null).error();

        assertThat(e.reason()).isEqualTo(RejectReason.TOO_LATE);
    }
}

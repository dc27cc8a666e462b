package io.fixbridge.venue.bybit;

import com.fasterxml.jackson.databind.JsonNode;
import io.fixbridge.venue.RejectReason;
import io.fixbridge.venue.VenueError;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every case of http_errors.json (a retCode or HTTP status per classification rule) classified as its
 * {@code expect} says, with Bybit's code and text carried.
 */
class BybitErrorsTest {

    private static BybitErrors.Classified classify(JsonNode c) {
        JsonNode body = c.get("body");
        int status = c.get("status").asInt();
        if (body.isObject()) {
            return BybitErrors.classify(status, body.get("retCode").asInt(), body.get("retMsg").asText(),
                    Duration.ofMillis(500));
        }
        return BybitErrors.classify(status, null, body.asText(), null);
    }

    @TestFactory
    List<DynamicTest> everyCaseIsClassifiedAsExpected() {
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonNode c : Fixtures.file("http_errors.json").get("cases")) {
            tests.add(DynamicTest.dynamicTest(c.get("name").asText(), () -> {
                BybitErrors.Classified got = classify(c);
                JsonNode expect = c.get("expect");
                VenueError e = got.error();
                assertThat(e.outcome().name()).isEqualTo(expect.get("outcome").asText());
                assertThat(got.consequence().name()).isEqualTo(expect.get("consequence").asText());
                if (expect.has("reason")) {
                    assertThat(e.reason().name()).isEqualTo(expect.get("reason").asText());
                }
                JsonNode body = c.get("body");
                if (body.isObject()) {
                    assertThat(e.code()).isEqualTo(body.get("retCode").asText());
                    assertThat(e.message()).contains(body.get("retMsg").asText());
                } else {
                    assertThat(e.code()).isEqualTo("HTTP " + c.get("status").asInt());
                }
            }));
        }
        assertThat(tests).hasSizeGreaterThan(30);
        return tests;
    }

    @Test
    void theIssuesCodesAreAllCovered() {
        List<Integer> codes = new ArrayList<>();
        for (JsonNode c : Fixtures.file("http_errors.json").get("cases")) {
            if (c.get("body").isObject()) {
                codes.add(c.get("body").get("retCode").asInt());
            }
        }
        assertThat(codes).contains(10001, 10002, 10003, 10004, 10005, 10006, 10010, 10016, 110001, 170213, 110004,
                110007, 110012, 170131, 110017, 110020, 110072);
    }

    @Test
    void aRateLimitCarriesTheTimeToTheReset() {
        VenueError e = BybitErrors.classify(200, 10006, "Too many visits!", Duration.ofMillis(700)).error();

        assertThat(e.retryAfter()).isEqualTo(Duration.ofMillis(700));
        assertThat(BybitErrors.classify(429, null, "", null).error().retryAfter()).isPositive();
    }

    @Test
    void transportFailuresSayWhetherAnythingWasSent() {
        assertThat(BybitErrors.notSent("connection refused").outcome()).isEqualTo(VenueError.Outcome.RETRYABLE);
        assertThat(BybitErrors.noAnswer("no response within 2 s").outcome())
                .isEqualTo(VenueError.Outcome.OUTCOME_UNKNOWN);
    }

    @Test
    void streamRejectReasonsMapToReasons() {
        assertThat(BybitErrors.reasonFromRejectReason("EC_PostOnlyWillTakeLiquidity"))
                .isEqualTo(RejectReason.WOULD_TAKE_LIQUIDITY);
        assertThat(BybitErrors.reasonFromRejectReason("EC_InvalidSymbolStatus")).isEqualTo(RejectReason.VENUE_CLOSED);
        assertThat(BybitErrors.reasonFromRejectReason("EC_ReachMaxTradeNum")).isEqualTo(RejectReason.LIMIT_EXCEEDED);
        assertThat(BybitErrors.reasonFromRejectReason("EC_InvalidPriceScale"))
                .isEqualTo(RejectReason.INVALID_PRICE_INCREMENT);
        assertThat(BybitErrors.reasonFromRejectReason("EC_Others")).isEqualTo(RejectReason.OTHER);
    }

    @Test
    void theApiKeyBybitEchoesInASignatureErrorIsRedacted() {
        BybitRest.Signing s = new BybitRest.Signing("alice", new io.fixbridge.venue.kit.sign.ApiCredentials(
                "KEY-1234567890", io.fixbridge.venue.kit.sign.HmacSha256.of("secret")));
        String text = "error sign! origin_string[1754000009000KEY-12345678905000{\"category\":\"spot\"}]";

        String shown = BybitRest.redact(text, s);

        assertThat(shown).isEqualTo("error sign! origin_string[<redacted>]");
        assertThat(BybitRest.redact("key KEY-1234567890 is invalid", s)).isEqualTo("key <apiKey> is invalid");
    }
}

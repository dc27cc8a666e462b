package io.fixbridge.venue.hyperliquid;

import io.fixbridge.venue.RejectReason;
import io.fixbridge.venue.VenueError;
import io.fixbridge.venue.hyperliquid.HyperliquidErrors.Classified;
import io.fixbridge.venue.hyperliquid.HyperliquidErrors.Consequence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** The mapping table of Hyperliquid's texts, with the varying suffixes and numbers. */
class HyperliquidErrorsTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "Insufficient margin to place order. asset=0|INSUFFICIENT_FUNDS",
            "Insufficient margin to place order. asset=173|INSUFFICIENT_FUNDS",
            "Insufficient spot balance asset=10000|INSUFFICIENT_FUNDS",
            "Price must be divisible by tick size. asset=0|INVALID_PRICE_INCREMENT",
            "Order has invalid price.|INVALID_PRICE_INCREMENT",
            "Order has invalid size.|INCORRECT_QUANTITY",
            "Order must have minimum value of $10. asset=0|BELOW_MIN_NOTIONAL",
            "Order must have minimum value of 10 USDC. asset=10001|BELOW_MIN_NOTIONAL",
            "Reduce only order would increase position. asset=2|REDUCE_ONLY_WOULD_INCREASE",
            "Post only order would have immediately matched, bbo was 1.0@2.0. asset=0|WOULD_TAKE_LIQUIDITY",
            "Post only order would have immediately matched, bbo was 149.99@150.01. asset=2|WOULD_TAKE_LIQUIDITY",
            "Order could not immediately match against any resting orders. asset=0|OTHER",
            "Order was never placed, already canceled, or filled. asset=0|UNKNOWN_ORDER",
            "Cannot modify canceled or filled order|TOO_LATE",
            "Too many open orders. asset=0|LIMIT_EXCEEDED",
            "Order has duplicate cloid|DUPLICATE_ORDER",
            "Trading is halted for this asset. asset=5|OTHER",
            "Something Hyperliquid adds tomorrow|OTHER"})
    void orderErrorsAreDefinitiveRejects(String text, RejectReason reason) {
        Classified c = HyperliquidErrors.orderError(text);

        assertThat(c.error().outcome()).isEqualTo(VenueError.Outcome.REJECTED);
        assertThat(c.error().reason()).isEqualTo(reason);
        assertThat(c.error().message()).contains(text);
    }

    @Test
    void anUnknownSignerIsUnknownAccountAndNamesTheAddress() {
        String text = "User or API Wallet 0x8BA1f109551bD432803012645Ac136ddd64DBA72 does not exist.";
        Classified c = HyperliquidErrors.requestError(text);

        assertThat(c.consequence()).isEqualTo(Consequence.UNKNOWN_SIGNER);
        assertThat(c.error().reason()).isEqualTo(RejectReason.UNKNOWN_ACCOUNT);
        assertThat(HyperliquidErrors.unknownSigner(text)).hasValue("0x8ba1f109551bd432803012645ac136ddd64dba72");
        assertThat(HyperliquidErrors.unknownSigner("Order has invalid size.")).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "Invalid nonce: duplicate nonce|NONCE",
            "Invalid nonce: nonce too low|NONCE",
            "Nonce too high|NONCE",
            "Too many cumulative requests sent (10001 > 10000) for cumulative volume traded $0.0. Try again after "
                    + "trading more: each 1 USDC traded allows 1 more request.|ADDRESS_BUDGET"})
    void nonceAndBudgetRefusalsAreRetryable(String text, Consequence consequence) {
        Classified c = HyperliquidErrors.requestError(text);

        assertThat(c.error().outcome()).isEqualTo(VenueError.Outcome.RETRYABLE);
        assertThat(c.consequence()).isEqualTo(consequence);
    }

    @Test
    void httpAnswers() {
        Classified tooMany = HyperliquidErrors.httpStatus(429, "Too Many Requests", null);
        assertThat(tooMany.error().outcome()).isEqualTo(VenueError.Outcome.RETRYABLE);
        assertThat(tooMany.consequence()).isEqualTo(Consequence.RATE_LIMITED);
        assertThat(tooMany.error().retryAfter()).isEqualTo(HyperliquidErrors.DEFAULT_429_PAUSE);
        assertThat(HyperliquidErrors.httpStatus(429, "", Duration.ofSeconds(7)).error().retryAfter())
                .isEqualTo(Duration.ofSeconds(7));
        assertThat(HyperliquidErrors.httpStatus(502, "<html>bad gateway</html>", null).error().outcome())
                .isEqualTo(VenueError.Outcome.OUTCOME_UNKNOWN);
        Classified malformed = HyperliquidErrors.httpStatus(422, "Failed to deserialize the JSON body into the "
                + "target type", null);
        assertThat(malformed.error().reason()).isEqualTo(RejectReason.OTHER);
        assertThat(malformed.error().message()).contains("Failed to deserialize");
        assertThat(HyperliquidErrors.notSent("connection refused").outcome()).isEqualTo(VenueError.Outcome.RETRYABLE);
        assertThat(HyperliquidErrors.noAnswer("read timeout").outcome()).isEqualTo(VenueError.Outcome.OUTCOME_UNKNOWN);
    }
}

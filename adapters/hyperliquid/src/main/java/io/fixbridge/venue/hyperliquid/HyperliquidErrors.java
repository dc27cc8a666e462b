package io.fixbridge.venue.hyperliquid;

import io.fixbridge.venue.RejectReason;
import io.fixbridge.venue.VenueError;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one place that turns what Hyperliquid answers into a {@link VenueError}. Hyperliquid has no
 * error codes: its texts are matched case-insensitively on their stable part (the {@code " asset=N"}
 * suffix, prices, sizes and addresses vary), and the venue's text is carried as the message. Pure
 * functions; thread-safe.
 *
 * <table>
 *   <caption>How Hyperliquid answers are classified</caption>
 *   <tr><th>Hyperliquid text (per order {@code {"error"}} or whole request {@code {"status":"err"}})</th>
 *       <th>outcome</th><th>adapter does</th></tr>
 *   <tr><td>Insufficient margin to place order; Insufficient spot balance</td><td>REJECTED INSUFFICIENT_FUNDS</td><td></td></tr>
 *   <tr><td>Price must be divisible by tick size; Order has invalid price</td><td>REJECTED INVALID_PRICE_INCREMENT</td><td></td></tr>
 *   <tr><td>Order has invalid size; Order has zero size</td><td>REJECTED INCORRECT_QUANTITY</td><td></td></tr>
 *   <tr><td>Order must have minimum value of ...</td><td>REJECTED BELOW_MIN_NOTIONAL</td><td></td></tr>
 *   <tr><td>Reduce only order would increase position</td><td>REJECTED REDUCE_ONLY_WOULD_INCREASE</td><td></td></tr>
 *   <tr><td>Post only order would have immediately matched</td><td>REJECTED WOULD_TAKE_LIQUIDITY</td><td></td></tr>
 *   <tr><td>Order could not immediately match against any resting orders (IOC, market)</td><td>REJECTED OTHER:
 *       nothing was placed and Hyperliquid gives such an order no id</td><td></td></tr>
 *   <tr><td>duplicate cloid</td><td>REJECTED DUPLICATE_ORDER</td><td>a submit asks orderStatus by cloid</td></tr>
 *   <tr><td>User or API Wallet 0x... does not exist</td><td>REJECTED UNKNOWN_ACCOUNT</td><td>the account is marked
 *       unhealthy; ERROR log naming the signer (approve the API wallet)</td></tr>
 *   <tr><td>Invalid nonce, Nonce too low/high</td><td>RETRYABLE (nothing was done)</td><td>WARN log (check the
 *       clock); the nonce source already issues every nonce above all earlier ones of that signer, so
 *       there is nothing to move</td></tr>
 *   <tr><td>Too many cumulative requests sent</td><td>RETRYABLE</td><td>the local count is set to zero, so the
 *       address budget is read again before the next request</td></tr>
 *   <tr><td>Order was never placed, already canceled, or filled</td><td>REJECTED UNKNOWN_ORDER (TOO_LATE when the
 *       adapter saw the order end)</td><td></td></tr>
 *   <tr><td>Cannot modify canceled or filled order</td><td>REJECTED TOO_LATE</td><td></td></tr>
 *   <tr><td>too many open orders, open interest cap, max position</td><td>REJECTED LIMIT_EXCEEDED</td><td></td></tr>
 *   <tr><td>any other text</td><td>REJECTED OTHER: Hyperliquid refused this request or order definitively</td><td></td></tr>
 *   <tr><td>HTTP 429</td><td>RETRYABLE</td><td>every request pauses</td></tr>
 *   <tr><td>HTTP 5xx, an HTTP 200 that is not a Hyperliquid answer</td><td>OUTCOME_UNKNOWN</td><td></td></tr>
 *   <tr><td>HTTP 4xx (422 "Failed to deserialize ...")</td><td>REJECTED OTHER</td><td></td></tr>
 *   <tr><td>no answer after the request was written (timeout, reset)</td><td>OUTCOME_UNKNOWN</td><td>settled by
 *       orderStatus by cloid, never resent</td></tr>
 *   <tr><td>not sent (refused connection, DNS, pool)</td><td>RETRYABLE</td><td></td></tr>
 * </table>
 */
public final class HyperliquidErrors {

    /** What the adapter must do beyond failing the request. */
    public enum Consequence {
        NONE,
        /** The signer is not known to Hyperliquid (an API wallet not approved): mark the account unhealthy. */
        UNKNOWN_SIGNER,
        /** Hyperliquid refused the nonce: logged (the nonce source is already past every nonce it issued). */
        NONCE,
        /** The address's cumulative request budget is used up: read userRateLimit again. */
        ADDRESS_BUDGET,
        /** HTTP 429: pause every request. */
        RATE_LIMITED,
        /** The cloid is taken: settle by orderStatus. */
        DUPLICATE_CLOID
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

    /** The pause after an HTTP 429 without Retry-After. */
    public static final Duration DEFAULT_429_PAUSE = Duration.ofSeconds(2);

    private static final Pattern SIGNER = Pattern.compile("(?i)user or api wallet (0x[0-9a-f]{40}) does not exist");

    private record Rule(String fragment, RejectReason reason) {
    }

    private static final List<Rule> REJECTS = List.of(
            new Rule("insufficient margin", RejectReason.INSUFFICIENT_FUNDS),
            new Rule("insufficient spot balance", RejectReason.INSUFFICIENT_FUNDS),
            new Rule("insufficient balance", RejectReason.INSUFFICIENT_FUNDS),
            new Rule("divisible by tick size", RejectReason.INVALID_PRICE_INCREMENT),
            new Rule("invalid price", RejectReason.INVALID_PRICE_INCREMENT),
            new Rule("invalid size", RejectReason.INCORRECT_QUANTITY),
            new Rule("zero size", RejectReason.INCORRECT_QUANTITY),
            new Rule("minimum value of", RejectReason.BELOW_MIN_NOTIONAL),
            new Rule("reduce only order would increase", RejectReason.REDUCE_ONLY_WOULD_INCREASE),
            new Rule("reduce-only order would increase", RejectReason.REDUCE_ONLY_WOULD_INCREASE),
            new Rule("post only order would have immediately matched", RejectReason.WOULD_TAKE_LIQUIDITY),
            new Rule("post-only order would have immediately matched", RejectReason.WOULD_TAKE_LIQUIDITY),
            new Rule("never placed, already canceled, or filled", RejectReason.UNKNOWN_ORDER),
            new Rule("cannot modify canceled or filled order", RejectReason.TOO_LATE),
            new Rule("too many open orders", RejectReason.LIMIT_EXCEEDED),
            new Rule("open interest", RejectReason.LIMIT_EXCEEDED),
            new Rule("max position", RejectReason.LIMIT_EXCEEDED));

    private HyperliquidErrors() {
    }

    /** A per-order {@code {"error": text}} of an order, cancel or modify answer. */
    public static Classified orderError(String text) {
        return classify(text);
    }

    /** A whole-request refusal: {@code {"status":"err","response": text}}. */
    public static Classified requestError(String text) {
        return classify(text);
    }

    /**
     * A non-200 HTTP answer.
     *
     * @param status     the HTTP status
     * @param body       the body's start (Hyperliquid sends plain text), for the message
     * @param retryAfter Retry-After for a 429, or null
     */
    public static Classified httpStatus(int status, String body, Duration retryAfter) {
        String text = body == null || body.isBlank() ? "HTTP " + status : "HTTP " + status + ": " + body.strip();
        String code = "HTTP " + status;
        if (status == 429) {
            return new Classified(VenueError.retryable(code, "Hyperliquid rate limit exceeded (" + text
                    + "); nothing was done", retryAfter == null ? DEFAULT_429_PAUSE : retryAfter), Consequence.RATE_LIMITED);
        }
        if (status >= 500) {
            return none(VenueError.outcomeUnknown(code, "Hyperliquid failed with " + text
                    + "; the outcome is unknown until the order is queried"));
        }
        return none(VenueError.rejected(RejectReason.OTHER, code, "Hyperliquid refused the request (" + text + ")"));
    }

    /** The request was never sent (refused connection, DNS, pool full): nothing was done. */
    public static VenueError notSent(String detail) {
        return VenueError.retryable(null, "the request did not reach Hyperliquid (" + detail + "); nothing was done",
                null);
    }

    /** A read (POST /info) got no answer: it changes nothing at the venue, so asking again is safe. */
    public static VenueError readUnanswered(String detail) {
        return VenueError.retryable(null, "no answer from Hyperliquid to a read (" + detail
                + "); reads change nothing, so it may be asked again", null);
    }

    /** The request was written but no answer came (timeout, reset): it may have taken effect. */
    public static VenueError noAnswer(String detail) {
        return VenueError.outcomeUnknown(null, "no answer from Hyperliquid (" + detail
                + "); the request may have taken effect; the order's state is settled by a query by cloid");
    }

    /** An HTTP 200 whose body is not a Hyperliquid answer. */
    public static VenueError notAnAnswer(String detail) {
        return VenueError.outcomeUnknown(null, "Hyperliquid answered with something that is not an answer ("
                + detail + "); the outcome is unknown");
    }

    /** The signer address an "unknown user or API wallet" text names, if it is one. */
    public static Optional<String> unknownSigner(String text) {
        if (text == null) {
            return Optional.empty();
        }
        Matcher m = SIGNER.matcher(text);
        return m.find() ? Optional.of(m.group(1).toLowerCase(Locale.ROOT)) : Optional.empty();
    }

    private static Classified classify(String raw) {
        String text = raw == null || raw.isBlank() ? "(no text)" : raw.strip();
        String t = text.toLowerCase(Locale.ROOT);
        if (t.contains("does not exist") && (t.contains("api wallet") || t.contains("user"))) {
            return new Classified(VenueError.rejected(RejectReason.UNKNOWN_ACCOUNT, null, text
                    + " (Hyperliquid does not know the signing key's address: an API wallet must be approved by the "
                    + "account, or the account has no deposit)"), Consequence.UNKNOWN_SIGNER);
        }
        if (t.contains("nonce")) {
            return new Classified(VenueError.retryable(null, text + " (Hyperliquid refused the nonce; nothing was done)",
                    null), Consequence.NONCE);
        }
        if (t.contains("too many cumulative requests")) {
            return new Classified(VenueError.retryable(null, text + " (the address's request budget is used up; it "
                    + "grows with volume traded)", Duration.ofSeconds(10)), Consequence.ADDRESS_BUDGET);
        }
        if (t.contains("duplicate") && t.contains("cloid")) {
            return new Classified(VenueError.rejected(RejectReason.DUPLICATE_ORDER, null, text),
                    Consequence.DUPLICATE_CLOID);
        }
        if (t.contains("could not immediately match")) {
            return none(VenueError.rejected(RejectReason.OTHER, null, text
                    + " (an IOC or market order found nothing to trade against; nothing was placed)"));
        }
        for (Rule r : REJECTS) {
            if (t.contains(r.fragment())) {
                return none(VenueError.rejected(r.reason(), null, text));
            }
        }
        return none(VenueError.rejected(RejectReason.OTHER, null, text));
    }

    private static Classified none(VenueError e) {
        return new Classified(e, Consequence.NONE);
    }
}

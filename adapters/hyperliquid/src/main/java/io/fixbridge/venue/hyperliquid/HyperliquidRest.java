package io.fixbridge.venue.hyperliquid;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fixbridge.venue.RejectReason;
import io.fixbridge.venue.VenueError;
import io.fixbridge.venue.VenueException;
import io.fixbridge.venue.VenueTelemetry;
import io.fixbridge.venue.kit.VenueCalls;
import io.fixbridge.venue.kit.VenueExecutors;
import io.fixbridge.venue.kit.http.HttpClient;
import io.fixbridge.venue.kit.http.HttpClientConfig;
import io.fixbridge.venue.kit.http.HttpRequest;
import io.fixbridge.venue.kit.http.HttpResponse;
import io.fixbridge.venue.kit.http.HttpTransportException;
import io.fixbridge.venue.kit.http.RetryAfter;
import io.fixbridge.venue.kit.ratelimit.Cost;
import io.fixbridge.venue.kit.ratelimit.LimitTelemetry;
import io.fixbridge.venue.kit.ratelimit.RateLimit;
import io.fixbridge.venue.kit.ratelimit.RateLimitExceededException;
import io.fixbridge.venue.kit.ratelimit.RateLimitPolicy;
import io.fixbridge.venue.kit.ratelimit.RateLimitSnapshot;
import io.fixbridge.venue.kit.ratelimit.RateLimiter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Supplier;

/**
 * Hyperliquid's two REST endpoints over the kit's HTTP client, rate limited: {@code POST /info}
 * (unsigned, weighted by request type: 2 for l2Book, allMids, clearinghouseState, orderStatus,
 * spotClearinghouseState, exchangeStatus; 60 for userRole; 20 for the others, plus 1 per 20 items
 * returned by the fill and history lists) and {@code POST /exchange} (a signed action weighing
 * 1 + floor(batch / 40)), all against one budget of {@code rateLimit.weightPerMinute} per IP.
 *
 * <p>Errors: futures fail only with {@link VenueException} classified by {@link HyperliquidErrors}. A
 * request not sent (rate limit beyond maxWait, refused connection) is RETRYABLE; a request written
 * without an answer (timeout, reset) is OUTCOME_UNKNOWN and never resent here; HTTP 429 pauses every
 * request and is RETRYABLE. The signing of an action happens after its weight is granted, so its nonce
 * is as fresh as possible.
 *
 * <p>Telemetry: Hyperliquid has one path per kind, the request type travels in the JSON body, so every
 * answer or failure is reported under {@code POST /info <type>} ({@code "POST /info orderStatus"}) or
 * {@code POST /exchange <action>} ({@code "POST /exchange order"}): the types are the adapter's own
 * constants, never ids. The limit is {@code IP_WEIGHT:1m}. An order action names its client order ids
 * ({@link #exchange(String, String, int, Supplier, List)}), reported with
 * {@link VenueTelemetry#orderRequestSent} once weighed and signed, just before the request is handed to the
 * HTTP client.
 *
 * <p>Thread-safe; futures complete on the kit's callback threads. A request body is built (an
 * exchange action signed: secp256k1, a few hundred microseconds) on those threads too, never on the
 * caller's, so a caller that hands many venues their orders (the gateway's committer) is not held up.
 */
final class HyperliquidRest implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(HyperliquidRest.class);
    static final String IP_WEIGHT = "IP_WEIGHT";
    private static final Set<String> LIGHT = Set.of("l2Book", "allMids", "clearinghouseState", "orderStatus",
            "spotClearinghouseState", "exchangeStatus");
    private static final Set<String> PER_20_ITEMS = Set.of("recentTrades", "historicalOrders", "userFills",
            "userFillsByTime", "fundingHistory", "userFunding", "nonUserFundingUpdates", "twapHistory",
            "userTwapSliceFills", "userTwapSliceFillsByTime", "delegatorHistory", "delegatorRewards", "validatorStats");

    /** What the adapter does about some refusals (unknown signer, nonce, address budget). */
    interface Hooks {
        void refused(String account, HyperliquidErrors.Classified classified, String venueText);
    }

    private final HttpClient http;
    private final RateLimiter limiter;
    private final Clock clock;
    private final Hooks hooks;
    private final VenueTelemetry telemetry;
    private final java.util.concurrent.Executor signing;

    HyperliquidRest(HyperliquidConfig config, VenueExecutors executors, Clock clock, Hooks hooks,
                    VenueTelemetry telemetry) {
        this.telemetry = Objects.requireNonNull(telemetry, "telemetry");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.hooks = Objects.requireNonNull(hooks, "hooks");
        this.signing = executors.callbacks();
        Duration maxWait = config.rateLimit().maxWait();
        this.limiter = new RateLimiter("hyperliquid", List.of(new RateLimit(IP_WEIGHT,
                config.rateLimit().weightPerMinute(), Duration.ofMinutes(1))),
                maxWait.isZero() ? RateLimitPolicy.failFast() : RateLimitPolicy.waitUpTo(maxWait), clock,
                executors.timer(), LimitTelemetry.of(telemetry));
        this.http = HttpClient.create(HttpClientConfig.builder(config.restUrl())
                .connectTimeout(config.timeouts().connect()).readTimeout(config.timeouts().request())
                .telemetry(telemetry).build(), executors);
    }

    /** The weight of an info request of {@code type}, before what it returns. */
    static int infoWeight(String type) {
        if (LIGHT.contains(type)) {
            return 2;
        }
        return "userRole".equals(type) ? 60 : 20;
    }

    /** The weight of an exchange action batching {@code batch} orders, cancels or modifies. */
    static int exchangeWeight(int batch) {
        return 1 + batch / 40;
    }

    /** The rate limit's state, for operations. */
    List<RateLimitSnapshot> rateLimits() {
        return limiter.snapshot();
    }

    /** {@code POST /info}; completes with the parsed answer. */
    CompletableFuture<JsonNode> info(ObjectNode request) {
        String type = request.path("type").asText();
        Cost cost = Cost.of(IP_WEIGHT, infoWeight(type));
        String body = HyperliquidJson.write(request);
        return send("/info " + type, cost, () -> body, null, List.of()).thenApply(answer -> {
            if (PER_20_ITEMS.contains(type) && answer.isArray() && answer.size() >= 20) {
                Cost extra = Cost.of(IP_WEIGHT, answer.size() / 20);
                if (!limiter.tryAcquire(extra)) {
                    LOG.debug("hyperliquid: the extra weight {} of /info {} could not be counted now", extra, type);
                }
            }
            return answer;
        });
    }

    /**
     * {@code POST /exchange} of a signed action of {@code account}; completes with the {@code response}
     * of a {@code {"status":"ok"}} answer.
     *
     * @param batch      how many orders, cancels or modifies the action carries
     * @param signedBody signs the action with a fresh nonce when called, giving the request body
     */
    CompletableFuture<JsonNode> exchange(String account, String what, int batch, Supplier<String> signedBody) {
        return exchange(account, what, batch, signedBody, List.of());
    }

    /**
     * {@link #exchange(String, String, int, Supplier)} of an action that places or changes orders:
     * {@code orderIds} (the gateway's client order ids, a modify's new one) are reported to telemetry as
     * sent just before the request is handed to the HTTP client.
     */
    CompletableFuture<JsonNode> exchange(String account, String what, int batch, Supplier<String> signedBody,
                                         List<String> orderIds) {
        return send("/exchange " + what, Cost.of(IP_WEIGHT, exchangeWeight(batch)), signedBody, account,
                List.copyOf(orderIds))
                .thenApply(answer -> {
                    String status = answer.path("status").asText("");
                    if ("ok".equals(status)) {
                        return answer.path("response");
                    }
                    if ("err".equals(status)) {
                        String text = answer.path("response").asText(answer.path("response").toString());
                        HyperliquidErrors.Classified c = HyperliquidErrors.requestError(text);
                        hooks.refused(account, c, text);
                        throw new VenueException(c.error());
                    }
                    throw new VenueException(HyperliquidErrors.notAnAnswer("no status ok or err"));
                });
    }

    private CompletableFuture<JsonNode> send(String what, Cost cost, Supplier<String> body, String account,
                                             List<String> orderIds) {
        return limiter.acquire(cost).handle((ok, refused) -> refused).thenComposeAsync(refused -> {
            if (refused != null) {
                return CompletableFuture.failedFuture(rateLimited(what, VenueCalls.unwrap(refused)));
            }
            String payload;
            try {
                payload = body.get();
            } catch (VenueException e) {
                limiter.release(cost);
                return CompletableFuture.failedFuture(e);
            } catch (RuntimeException e) {
                limiter.release(cost);
                return CompletableFuture.failedFuture(new VenueException(VenueError.rejected(RejectReason.OTHER, null,
                        "could not sign " + what + ": " + e.getClass().getSimpleName()), e));
            }
            HttpRequest request = HttpRequest.post(what.startsWith("/info") ? "/info" : "/exchange")
                    .jsonBody(payload).endpoint("POST " + what).build();
            orderIds.forEach(telemetry::orderRequestSent);
            return http.send(request).handle((response, failure) -> answered(what, cost, response, failure, account));
        }, signing);
    }

    private JsonNode answered(String what, Cost cost, HttpResponse response, Throwable failure, String account) {
        if (failure != null) {
            Throwable t = VenueCalls.unwrap(failure);
            HttpTransportException te = HttpTransportException.find(t).orElse(null);
            if (te != null && !te.sentRequest()) {
                limiter.release(cost);
                throw new VenueException(HyperliquidErrors.notSent(te.getMessage()), te);
            }
            if (te != null && what.startsWith("/info")) {
                // a read changes nothing at the venue: asking again is always safe
                throw new VenueException(HyperliquidErrors.readUnanswered(te.getMessage()), te);
            }
            if (te != null) {
                throw new VenueException(HyperliquidErrors.noAnswer(te.getMessage()), te);
            }
            if (t instanceof RejectedExecutionException) {
                throw new VenueException(VenueError.rejected(RejectReason.VENUE_CLOSED, null,
                        "the Hyperliquid adapter is closed"), t);
            }
            throw new VenueException(VenueError.outcomeUnknown(null, what + " failed unexpectedly: " + t), t);
        }
        if (response.status() != 200) {
            Duration retryAfter = RetryAfter.until(response, clock).map(u -> Duration.between(clock.instant(), u))
                    .filter(d -> !d.isNegative()).orElse(null);
            HyperliquidErrors.Classified c = HyperliquidErrors.httpStatus(response.status(),
                    abbreviate(response.bodyText()), retryAfter);
            if (c.consequence() == HyperliquidErrors.Consequence.RATE_LIMITED) {
                Instant until = clock.instant().plus(c.error().retryAfter());
                limiter.pauseUntil(until, "HTTP 429 from Hyperliquid");
            }
            LOG.debug("hyperliquid: {} answered HTTP {}", what, response.status());
            throw new VenueException(c.error());
        }
        try {
            return HyperliquidJson.tree(response.bodyText());
        } catch (IllegalArgumentException e) {
            throw new VenueException(HyperliquidErrors.notAnAnswer(abbreviate(response.bodyText())), e);
        }
    }

    private VenueException rateLimited(String what, Throwable refused) {
        if (refused instanceof RateLimitExceededException e) {
            return new VenueException(VenueError.retryable(null, "Hyperliquid " + what + " not sent: " + e.getMessage(),
                    e.retryAfter().orElse(null)), e);
        }
        return new VenueException(VenueError.rejected(RejectReason.VENUE_CLOSED, null,
                "the Hyperliquid adapter is closed"), refused);
    }

    @Override
    public void close() {
        limiter.close();
        http.close();
    }

    private static String abbreviate(String text) {
        String t = text == null ? "" : text.strip();
        return t.length() > 200 ? t.substring(0, 200) + "..." : t;
    }

}

package io.fixbridge.venue.bybit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.fixbridge.venue.RejectReason;
import io.fixbridge.venue.VenueError;
import io.fixbridge.venue.VenueException;
import io.fixbridge.venue.VenueTelemetry;
import io.fixbridge.venue.bybit.dto.Envelope;
import io.fixbridge.venue.bybit.dto.ServerTime;
import io.fixbridge.venue.kit.VenueCalls;
import io.fixbridge.venue.kit.VenueExecutors;
import io.fixbridge.venue.kit.http.HttpClient;
import io.fixbridge.venue.kit.http.HttpClientConfig;
import io.fixbridge.venue.kit.http.HttpRequest;
import io.fixbridge.venue.kit.http.HttpResponse;
import io.fixbridge.venue.kit.http.HttpTransportException;
import io.fixbridge.venue.kit.http.QueryString;
import io.fixbridge.venue.kit.http.RetryAfter;
import io.fixbridge.venue.kit.ratelimit.Cost;
import io.fixbridge.venue.kit.ratelimit.LimitTelemetry;
import io.fixbridge.venue.kit.ratelimit.RateLimit;
import io.fixbridge.venue.kit.ratelimit.RateLimitExceededException;
import io.fixbridge.venue.kit.ratelimit.RateLimitPolicy;
import io.fixbridge.venue.kit.ratelimit.RateLimitSnapshot;
import io.fixbridge.venue.kit.ratelimit.RateLimiter;
import io.fixbridge.venue.kit.sign.ApiCredentials;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;

/**
 * Bybit v5 REST: rate limiting, signing, sending and classifying every answer, on the kit's HTTP
 * client and rate limiter. One instance serves every account and category.
 *
 * <ul>
 *   <li>Every request first takes one token of the IP limit ({@code ipPer5s}) and, when signed, one
 *       of its account's limit for the endpoint (and category): {@code <account>/orderCreateSpot} and
 *       so on. It waits up to the configured maxWait, else fails RETRYABLE with the limiter's text
 *       (nothing was sent, nothing is dropped silently).</li>
 *   <li>Bybit's {@code X-Bapi-Limit-Status} (requests left in the window) and
 *       {@code X-Bapi-Limit-Reset-Timestamp} correct the account's bucket through
 *       {@link RateLimiter#observeRemaining}; {@code X-Bapi-Limit}, Bybit's own limit, is honoured
 *       through that remaining count (a lower limit at Bybit shows as fewer left), and a difference to
 *       the configured limit is logged once.</li>
 *   <li>retCode 10006 holds the bucket at zero until the reset timestamp and sends the request once
 *       more through the limiter: it waits for the reset when that is within maxWait, else fails
 *       RETRYABLE. HTTP 403 (IP limit, ban) pauses every request for {@code ipBanPauseMs} and tells the
 *       adapter, whose health is down until then.</li>
 *   <li>Signed requests carry X-BAPI-API-KEY, X-BAPI-TIMESTAMP (Bybit's time by the
 *       {@link ClockOffset}), X-BAPI-RECV-WINDOW and X-BAPI-SIGN over exactly the query string or JSON
 *       body sent ({@link BybitSigning}). A 10002 resynchronises the clock from /v5/market/time and
 *       sends the request once more, signed anew.</li>
 *   <li>A request that never left (connect failure) fails RETRYABLE and gives its tokens back; one
 *       that got no answer fails OUTCOME_UNKNOWN; an error answer fails with {@link BybitErrors}'
 *       classification and a {@link BybitApiError} cause.</li>
 * </ul>
 *
 * <p>Telemetry: every answer or failure is reported as {@code METHOD /path} (Bybit v5 paths carry no ids:
 * they travel in the query or JSON body); the limits as {@code ip:5s} and {@code <account>/<limit>:1s}
 * ({@code main/orderCreateLinear:1s}); an order request names its client order ids
 * ({@link #post(BybitEndpoint, Signing, BybitCategory, Map, List)}), reported with
 * {@link VenueTelemetry#orderRequestSent} once rate-limited and signed, just before the HTTP request is
 * handed to the client: once per request, not again when a 10002 or a 10006 sends it once more.
 *
 * <p>Thread-safe; never blocks. Futures complete on the kit's callback pool (or the scheduler after a
 * rate-limit wait). Log lines and exception messages name the endpoint, never parameters, keys or
 * signatures.
 */
final class BybitRest implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(BybitRest.class);

    /** The IP limit's name in the limiter. */
    static final String IP_LIMIT = "ip";
    static final String LIMIT_STATUS = "X-Bapi-Limit-Status";
    static final String LIMIT = "X-Bapi-Limit";
    static final String LIMIT_RESET = "X-Bapi-Limit-Reset-Timestamp";
    private static final java.util.regex.Pattern ORIGIN_STRING = java.util.regex.Pattern.compile(
            "origin_string\\[[^\\]]*]?");

    /** What the adapter must hear about. */
    interface Hooks {
        /** Bybit refused an account's credentials. */
        void authFailure(String account, VenueError error);

        /** Bybit refused this machine (HTTP 403) until {@code until}. */
        void ipBanned(Instant until, VenueError error);
    }

    /** An account's name and credentials, for signed requests. */
    record Signing(String account, ApiCredentials credentials) {
        Signing {
            Objects.requireNonNull(account, "account");
            Objects.requireNonNull(credentials, "credentials");
        }

        @Override
        public String toString() {
            return "Signing[" + account + "]";
        }
    }

    private final HttpClient http;
    private final RateLimiter limiter;
    private final ClockOffset clock;
    private final Clock wallClock;
    private final long recvWindowMs;
    private final Duration ipBanPause;
    private final Duration maxWait;
    private final Hooks hooks;
    private final Map<String, Long> capacities = new ConcurrentHashMap<>();
    private final Set<String> limitNoticed = ConcurrentHashMap.newKeySet();
    private final VenueTelemetry telemetry;

    BybitRest(BybitConfig config, Collection<String> accounts, VenueExecutors executors, Clock wallClock, Hooks hooks,
              VenueTelemetry telemetry) {
        this.telemetry = Objects.requireNonNull(telemetry, "telemetry");
        this.wallClock = Objects.requireNonNull(wallClock, "wallClock");
        this.hooks = Objects.requireNonNull(hooks, "hooks");
        this.recvWindowMs = config.recvWindowMs();
        this.ipBanPause = Duration.ofMillis(config.ipBanPauseMs());
        this.maxWait = Duration.ofMillis(config.rateLimitMaxWaitMs());
        this.clock = new ClockOffset(wallClock);
        List<RateLimit> limits = new ArrayList<>();
        limits.add(new RateLimit(IP_LIMIT, config.rateLimits().ipPer5s(), Duration.ofSeconds(5)));
        for (String account : accounts) {
            config.rateLimits().perSecond().forEach((name, perSecond) -> {
                limits.add(new RateLimit(bucket(account, name), perSecond, Duration.ofSeconds(1)));
                capacities.put(bucket(account, name), (long) perSecond);
            });
        }
        RateLimitPolicy policy = config.rateLimitMaxWaitMs() == 0 ? RateLimitPolicy.failFast()
                : RateLimitPolicy.waitUpTo(Duration.ofMillis(config.rateLimitMaxWaitMs()));
        this.limiter = new RateLimiter("bybit", limits, policy, wallClock, executors.timer(),
                LimitTelemetry.of(telemetry));
        this.http = HttpClient.create(HttpClientConfig.builder(config.restUrl())
                .connectTimeout(Duration.ofMillis(config.timeouts().connectMs()))
                .readTimeout(Duration.ofMillis(config.timeouts().requestMs()))
                .telemetry(telemetry)
                .build(), executors);
    }

    /** The bucket name of an account's limit. */
    static String bucket(String account, String limitName) {
        return account + "/" + limitName;
    }

    ClockOffset clock() {
        return clock;
    }

    /** Every limit's state, for operations. */
    List<RateLimitSnapshot> rateLimits() {
        return limiter.snapshot();
    }

    /**
     * A GET; completes with the answer's {@code result} (an empty object when Bybit sent none), or
     * fails with a {@link VenueException}.
     *
     * @param signing  the account, for signed endpoints; null for public ones
     * @param category the request's category, for per-category limits (may be null otherwise)
     */
    CompletableFuture<JsonNode> get(BybitEndpoint endpoint, Signing signing, BybitCategory category, QueryString query) {
        return attempt(new Call(endpoint, signing, category, query, null, deadline()), true, List.of())
                .thenApply(Reply::result);
    }

    /**
     * A successful answer: its {@code result} (an empty object when Bybit sent none) and the envelope's
     * {@code time} (epoch ms; null when Bybit sent none).
     */
    record Reply(JsonNode result, Long time) {
    }

    /** {@link #get}, completing with the envelope's {@code time} as well as its result. */
    CompletableFuture<Reply> getReply(BybitEndpoint endpoint, Signing signing, BybitCategory category,
                                      QueryString query) {
        return attempt(new Call(endpoint, signing, category, query, null, deadline()), true, List.of());
    }

    /** A POST with a JSON body, in the map's order; otherwise as {@link #get}. */
    CompletableFuture<JsonNode> post(BybitEndpoint endpoint, Signing signing, BybitCategory category,
                                     Map<String, Object> body) {
        return post(endpoint, signing, category, body, List.of());
    }

    /**
     * {@link #post(BybitEndpoint, Signing, BybitCategory, Map)} of an order request: {@code orderIds} (the
     * gateway's client order ids it places or changes, a replace's new one) are reported to telemetry as
     * sent just before the request is handed to the HTTP client.
     */
    CompletableFuture<JsonNode> post(BybitEndpoint endpoint, Signing signing, BybitCategory category,
                                     Map<String, Object> body, List<String> orderIds) {
        return attempt(new Call(endpoint, signing, category, null, BybitJson.write(body), deadline()), true,
                List.copyOf(orderIds)).thenApply(Reply::result);
    }

    /** Sets the clock offset from {@code GET /v5/market/time}; completes with the offset in ms. */
    CompletableFuture<Long> syncClock() {
        long sentAt = clock.localNow();
        return attempt(new Call(BybitEndpoint.MARKET_TIME, null, null, QueryString.empty(), null, deadline()), false,
                List.of())
                .thenApply(Reply::result)
                .thenApply(result -> {
                    long receivedAt = clock.localNow();
                    ServerTime t = BybitJson.convert(result, ServerTime.class);
                    long serverMs;
                    if (t.timeNano() != null && !t.timeNano().isBlank()) {
                        serverMs = Long.parseLong(t.timeNano().trim()) / 1_000_000L;
                    } else {
                        serverMs = Long.parseLong(t.timeSecond().trim()) * 1000L;
                    }
                    long offset = clock.update(serverMs, sentAt, receivedAt);
                    LOG.info("bybit: clock offset {} ms", offset);
                    return offset;
                });
    }

    @Override
    public void close() {
        limiter.close();
        http.close();
    }

    // ------------------------------------------------------------------ internals

    /** Until when a request may wait for Bybit's rate limits, all tries together: now plus maxWait. */
    private Instant deadline() {
        return wallClock.instant().plus(maxWait);
    }

    /**
     * One request as the caller asked for it; signed anew on every attempt.
     *
     * @param deadline until when it may still be sent after Bybit's rate limit refused it (maxWait)
     */
    private record Call(BybitEndpoint endpoint, Signing signing, BybitCategory category, QueryString query,
                        String body, Instant deadline) {
        String bucket() {
            String limit = endpoint.limitName(category == null ? BybitCategory.SPOT : category);
            return limit == null || signing == null ? null : BybitRest.bucket(signing.account(), limit);
        }
    }

    /** @param orderIds reported as sent before this attempt's request goes out (empty for a second try) */
    private CompletableFuture<Reply> attempt(Call call, boolean mayResync, List<String> orderIds) {
        BybitEndpoint endpoint = call.endpoint();
        if (endpoint.signed() && call.signing() == null) {
            throw new IllegalArgumentException(endpoint + " needs an account");
        }
        String bucket = call.bucket();
        Cost cost = bucket == null ? Cost.of(IP_LIMIT, 1) : Cost.of(IP_LIMIT, 1).and(bucket, 1);
        return limiter.acquire(cost).handle((ok, refused) -> refused)
                .thenCompose(refused -> {
                    if (refused != null) {
                        return CompletableFuture.failedFuture(rateLimited(endpoint, VenueCalls.unwrap(refused)));
                    }
                    HttpRequest request;
                    try {
                        request = build(call);
                    } catch (RuntimeException e) {
                        limiter.release(cost);
                        return CompletableFuture.failedFuture(new VenueException(VenueError.rejected(
                                RejectReason.OTHER, null, "could not sign " + endpoint + ": "
                                        + e.getClass().getSimpleName()), e));
                    }
                    orderIds.forEach(telemetry::orderRequestSent);
                    return http.send(request).handle(Answer::new)
                            .thenCompose(a -> answered(call, cost, a, mayResync));
                });
    }

    private record Answer(HttpResponse response, Throwable failure) {
    }

    private CompletableFuture<Reply> answered(Call call, Cost cost, Answer a, boolean mayResync) {
        BybitEndpoint endpoint = call.endpoint();
        String what = endpoint.toString();
        if (a.failure() != null) {
            Throwable t = VenueCalls.unwrap(a.failure());
            HttpTransportException te = HttpTransportException.find(t).orElse(null);
            if (te != null && !te.sentRequest()) {
                limiter.release(cost);
                return CompletableFuture.failedFuture(new VenueException(BybitErrors.notSent(te.getMessage()), te));
            }
            if (te != null) {
                return CompletableFuture.failedFuture(new VenueException(BybitErrors.noAnswer(te.getMessage()), te));
            }
            if (t instanceof RejectedExecutionException) {
                return CompletableFuture.failedFuture(new VenueException(VenueError.rejected(RejectReason.VENUE_CLOSED,
                        null, "the Bybit adapter is closed"), t));
            }
            return CompletableFuture.failedFuture(new VenueException(VenueError.outcomeUnknown(null,
                    what + " failed unexpectedly: " + t), t));
        }
        HttpResponse response = a.response();
        Instant resetAt = observe(call.bucket(), response);
        Integer retCode = null;
        String retMsg = null;
        JsonNode result = null;
        Long time = null;
        String body = response.bodyText();
        try {
            Envelope env = BybitJson.read(body, Envelope.class);
            retCode = env.retCode();
            retMsg = env.retMsg();
            result = env.result();
            time = env.time();
        } catch (RuntimeException notJson) {
            retMsg = abbreviate(body);
        }
        retMsg = redact(retMsg, call.signing());
        if (response.isSuccess() && retCode != null && retCode == 0) {
            return CompletableFuture.completedFuture(new Reply(result == null || result.isNull()
                    ? JsonNodeFactory.instance.objectNode() : result, time));
        }
        if (response.isSuccess() && retCode == null) {
            return CompletableFuture.failedFuture(new VenueException(VenueError.outcomeUnknown(null,
                    "Bybit answered " + what + " with something that is not a v5 answer")));
        }
        Instant now = wallClock.instant();
        Duration retryAfter = resetAt != null ? Duration.between(now, resetAt)
                : RetryAfter.until(response, wallClock).map(until -> Duration.between(now, until)).orElse(null);
        if (retryAfter != null && retryAfter.isNegative()) {
            retryAfter = Duration.ZERO;
        }
        BybitErrors.Classified c = BybitErrors.classify(response.status(), retCode, retMsg, retryAfter);
        BybitApiError cause = new BybitApiError(what, response.status(), retCode, retMsg);
        switch (c.consequence()) {
            case RESYNC_CLOCK -> {
                if (mayResync) {
                    LOG.warn("bybit: {} refused the request time ({}); resynchronising the clock and sending it "
                            + "once more", what, retMsg);
                    return syncClock().handle((offset, err) -> err)
                            .thenCompose(err -> err != null
                                    ? CompletableFuture.failedFuture(new VenueException(c.error(), cause))
                                    : attempt(call, false, List.of()));
                }
            }
            case AUTH_FAILURE -> hooks.authFailure(call.signing() == null ? null : call.signing().account(), c.error());
            case RATE_LIMITED -> {
                Duration pause = c.error().retryAfter();
                Instant until = resetAt != null && resetAt.isAfter(now) ? resetAt : now.plus(pause);
                String bucket = call.bucket();
                if (bucket != null) {
                    limiter.observeRemaining(bucket, 0, until);
                } else {
                    limiter.pauseUntil(until, "HTTP " + response.status() + (retCode == null ? "" : " retCode "
                            + retCode));
                }
                LOG.warn("bybit: {} hit Bybit's rate limit ({} {}); {} holds until {}", what, retCode, retMsg,
                        bucket == null ? "every request" : bucket, until);
                if (!until.isAfter(call.deadline())) {
                    // not processed: send it again once the window resets, as long as maxWait allows
                    return attempt(call, mayResync, List.of());
                }
                return CompletableFuture.failedFuture(new VenueException(VenueError.retryable(c.error().code(),
                        c.error().message() + "; " + (bucket == null ? "every request" : bucket) + " is held until "
                                + until + ", beyond maxWait " + maxWait.toMillis() + " ms", pause), cause));
            }
            case IP_BANNED -> {
                Instant until = now.plus(ipBanPause);
                limiter.pauseUntil(until, "HTTP 403 from Bybit");
                VenueError e = VenueError.retryable(c.error().code(), c.error().message() + " until " + until,
                        ipBanPause);
                hooks.ipBanned(until, e);
                return CompletableFuture.failedFuture(new VenueException(e, cause));
            }
            case DUPLICATE_ORDER_LINK_ID, NONE -> {
            }
        }
        return CompletableFuture.failedFuture(new VenueException(c.error(), cause));
    }

    /**
     * Corrects the account's bucket from Bybit's count of what is left, returns the reset time (for a
     * 10006), or null.
     */
    private Instant observe(String bucket, HttpResponse response) {
        OptionalLong reset = response.headers().firstLong(LIMIT_RESET);
        Instant resetAt = reset.isPresent() ? Instant.ofEpochMilli(reset.getAsLong()) : null;
        if (bucket == null) {
            return resetAt;
        }
        OptionalLong remaining = response.headers().firstLong(LIMIT_STATUS);
        if (remaining.isPresent()) {
            limiter.observeRemaining(bucket, remaining.getAsLong(),
                    resetAt != null && resetAt.isAfter(wallClock.instant()) ? resetAt : null);
        }
        OptionalLong venueLimit = response.headers().firstLong(LIMIT);
        Long configured = capacities.get(bucket);
        if (venueLimit.isPresent() && configured != null && venueLimit.getAsLong() != configured
                && limitNoticed.add(bucket)) {
            LOG.info("bybit: Bybit's limit for {} is {} per window (X-Bapi-Limit), the configured one {}; the "
                    + "limiter follows Bybit's count of what is left (X-Bapi-Limit-Status)", bucket,
                    venueLimit.getAsLong(), configured);
        }
        return resetAt;
    }

    private HttpRequest build(Call call) {
        BybitEndpoint endpoint = call.endpoint();
        HttpRequest.Builder b;
        String payload;
        if (endpoint.post()) {
            payload = call.body();
            b = HttpRequest.post(endpoint.path()).jsonBody(payload);
        } else {
            payload = call.query() == null ? "" : call.query().encoded();
            b = HttpRequest.get(payload.isEmpty() ? endpoint.path() : endpoint.path() + "?" + payload);
        }
        if (endpoint.signed()) {
            BybitSigning.signed(b, call.signing().credentials(), clock.venueNow(), recvWindowMs, payload);
        }
        return b.endpoint(endpoint.toString()).build();
    }

    private VenueException rateLimited(BybitEndpoint endpoint, Throwable refused) {
        if (refused instanceof RateLimitExceededException e) {
            return new VenueException(VenueError.retryable(null, "Bybit " + endpoint + " not sent: "
                    + e.getMessage(), e.retryAfter().orElse(null)), e);
        }
        return new VenueException(VenueError.rejected(RejectReason.VENUE_CLOSED, null, "the Bybit adapter is closed"),
                refused);
    }

    /**
     * Bybit's text without what it may echo of the request: a 10004 answer quotes the signed string
     * ({@code origin_string[timestamp + apiKey + recvWindow + payload]}), which holds the API key.
     */
    static String redact(String text, Signing signing) {
        if (text == null) {
            return null;
        }
        String t = ORIGIN_STRING.matcher(text).replaceAll("origin_string[<redacted>]");
        if (signing != null) {
            t = t.replace(signing.credentials().apiKey(), "<apiKey>");
        }
        return t;
    }

    private static String abbreviate(String text) {
        String t = text == null ? "" : text.strip();
        return t.length() > 200 ? t.substring(0, 200) + "..." : t;
    }

}

package io.fixbridge.venue.binance;

import com.fasterxml.jackson.databind.JsonNode;
import io.fixbridge.venue.RejectReason;
import io.fixbridge.venue.VenueError;
import io.fixbridge.venue.VenueException;
import io.fixbridge.venue.VenueTelemetry;
import io.fixbridge.venue.binance.dto.ServerTime;
import io.fixbridge.venue.kit.VenueCalls;
import io.fixbridge.venue.kit.VenueExecutors;
import io.fixbridge.venue.kit.http.HttpClient;
import io.fixbridge.venue.kit.http.HttpClientConfig;
import io.fixbridge.venue.kit.http.HttpMethod;
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
import io.fixbridge.venue.kit.ratelimit.RateLimiter;
import io.fixbridge.venue.kit.sign.ApiCredentials;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;

/**
 * Binance REST for one market (spot api/v3 or futures fapi): rate limiting, signing, sending and
 * classifying every answer, on the kit's HTTP client and rate limiter.
 *
 * <ul>
 *   <li>Every request first takes its published weight from the market's REQUEST_WEIGHT limit and,
 *       for order placement, one per order from ORDERS (per 10 s); it waits up to the configured
 *       maxWait, else fails RETRYABLE with the limiter's text (nothing was sent). Both limits are
 *       corrected from {@code X-MBX-USED-WEIGHT-1M} and {@code X-MBX-ORDER-COUNT-10S}; a 429/418
 *       pauses the market for Retry-After.</li>
 *   <li>Signed requests carry {@code recvWindow}, {@code timestamp} (Binance's time by the
 *       {@link ClockOffset}) and {@code signature} over exactly the parameter string sent (query for
 *       GET/DELETE, form body for POST/PUT), and the API key header.</li>
 *   <li>A -1021 resynchronises the clock from {@code /time} and sends the request once more,
 *       signed anew.</li>
 *   <li>A request that never left (connect failure) fails RETRYABLE and gives its permits back; one
 *       that got no answer fails OUTCOME_UNKNOWN; an error answer fails with
 *       {@link BinanceErrors}' classification and a {@link BinanceApiError} cause.</li>
 * </ul>
 *
 * <p>Telemetry: every answer or failure is reported as {@code METHOD /path} (Binance's paths carry no ids;
 * parameters travel in the query or form body, which is never part of the name); the limits as
 * {@code <market>:REQUEST_WEIGHT:1m} and {@code <market>:ORDERS:10s}; an order-placing request names
 * its client order ids ({@link #send(BinanceEndpoint, Signing, QueryString, boolean, List)}), reported
 * with {@link VenueTelemetry#orderRequestSent} once it is rate-limited and signed, just before it is
 * handed to the HTTP client (once per request: not again when a -1021 makes it go out a second time).
 *
 * <p>Thread-safe; never blocks. Futures complete on the kit's callback pool. Log lines and exception
 * messages name the endpoint, never parameters, keys or signatures.
 */
final class BinanceRest implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(BinanceRest.class);

    static final String WEIGHT = "REQUEST_WEIGHT";
    static final String ORDERS = "ORDERS";

    /** What the adapter must hear about. */
    interface Hooks {
        /** Binance refused an account's credentials. */
        void authFailure(String account, VenueError error);

        /** Binance is down or in maintenance. */
        void venueDown(BinanceMarket market, VenueError error);
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

    private final BinanceMarket market;
    private final HttpClient http;
    private final RateLimiter limiter;
    private final ClockOffset clock;
    private final Clock wallClock;
    private final long recvWindowMs;
    private final Hooks hooks;
    private final RateLimit weightLimit;
    private final RateLimit ordersLimit;
    private final VenueTelemetry telemetry;

    BinanceRest(BinanceMarket market, String baseUrl, BinanceConfig config, VenueExecutors executors, Clock wallClock,
                Hooks hooks, VenueTelemetry telemetry) {
        this.market = Objects.requireNonNull(market, "market");
        this.telemetry = Objects.requireNonNull(telemetry, "telemetry");
        this.wallClock = Objects.requireNonNull(wallClock, "wallClock");
        this.hooks = Objects.requireNonNull(hooks, "hooks");
        this.recvWindowMs = config.recvWindowMs();
        this.clock = new ClockOffset(wallClock);
        BinanceConfig.RateLimits rl = config.rateLimits();
        boolean spot = market == BinanceMarket.SPOT;
        this.weightLimit = new RateLimit(WEIGHT, spot ? rl.spotWeightPerMinute() : rl.futuresWeightPerMinute(),
                Duration.ofMinutes(1));
        this.ordersLimit = new RateLimit(ORDERS, spot ? rl.spotOrdersPer10s() : rl.futuresOrdersPer10s(),
                Duration.ofSeconds(10));
        RateLimitPolicy policy = config.rateLimitMaxWaitMs() == 0 ? RateLimitPolicy.failFast()
                : RateLimitPolicy.waitUpTo(Duration.ofMillis(config.rateLimitMaxWaitMs()));
        this.limiter = new RateLimiter("binance " + market.configName(), List.of(weightLimit, ordersLimit), policy,
                wallClock, executors.timer(), LimitTelemetry.scoped(telemetry, market.configName()));
        this.http = HttpClient.create(HttpClientConfig.builder(baseUrl)
                .connectTimeout(Duration.ofMillis(config.timeouts().connectMs()))
                .readTimeout(Duration.ofMillis(config.timeouts().requestMs()))
                .telemetry(telemetry)
                .build(), executors);
    }

    BinanceMarket market() {
        return market;
    }

    ClockOffset clock() {
        return clock;
    }

    /**
     * Sends a request and completes with the answer's body text (2xx), or fails with a
     * {@link VenueException}.
     *
     * @param endpoint the endpoint
     * @param signing  the account for API-key and signed endpoints, null for public ones
     * @param params   parameters in the order to send, without timestamp, recvWindow and signature
     * @param narrow   whether a symbol (or order id) narrows the request, for its weight
     */
    CompletableFuture<String> send(BinanceEndpoint endpoint, Signing signing, QueryString params, boolean narrow) {
        return attempt(endpoint, signing, params, narrow, true, List.of());
    }

    /**
     * {@link #send(BinanceEndpoint, Signing, QueryString, boolean)} of a request that places orders:
     * {@code orderIds} (the gateway's client order ids of the orders it places, a replace's new one) are
     * reported to telemetry as sent just before the request is handed to the HTTP client.
     */
    CompletableFuture<String> send(BinanceEndpoint endpoint, Signing signing, QueryString params, boolean narrow,
                                   List<String> orderIds) {
        return attempt(endpoint, signing, params, narrow, true, List.copyOf(orderIds));
    }

    /** {@link #send(BinanceEndpoint, Signing, QueryString, boolean, List)} parsed as {@code type}. */
    <T> CompletableFuture<T> send(BinanceEndpoint endpoint, Signing signing, QueryString params, boolean narrow,
                                  List<String> orderIds, Class<T> type) {
        return send(endpoint, signing, params, narrow, orderIds).thenApply(body -> parse(endpoint, body, type));
    }

    /** {@link #send} parsed as {@code type}. */
    <T> CompletableFuture<T> send(BinanceEndpoint endpoint, Signing signing, QueryString params, boolean narrow,
                                  Class<T> type) {
        return send(endpoint, signing, params, narrow).thenApply(body -> parse(endpoint, body, type));
    }

    /**
     * A public request whose weight depends on its parameters (a depth snapshot's {@code limit}),
     * taking {@code weight} from the REQUEST_WEIGHT limit, parsed as {@code type}.
     */
    <T> CompletableFuture<T> sendWeighted(BinanceEndpoint endpoint, QueryString params, int weight, Class<T> type) {
        if (endpoint.security() != BinanceEndpoint.Security.NONE || endpoint.orders() > 0) {
            throw new IllegalArgumentException(endpoint + " is not a public query");
        }
        return attempt(endpoint, null, params, Cost.of(WEIGHT, weight), true, List.of())
                .thenApply(body -> parse(endpoint, body, type));
    }

    /** Sets the clock offset from {@code GET /time}; completes with the offset in ms. */
    CompletableFuture<Long> syncClock() {
        BinanceEndpoint time = market == BinanceMarket.SPOT ? BinanceEndpoint.SPOT_TIME : BinanceEndpoint.FUTURES_TIME;
        long sentAt = clock.localNow();
        return attempt(time, null, QueryString.empty(), true, false, List.of()).thenApply(body -> {
            long offset = clock.update(parse(time, body, ServerTime.class).serverTime(), sentAt, clock.localNow());
            LOG.info("binance {}: clock offset {} ms", market.configName(), offset);
            return offset;
        });
    }

    /** Pings the market (health probe). */
    CompletableFuture<String> ping() {
        return send(market == BinanceMarket.SPOT ? BinanceEndpoint.SPOT_PING : BinanceEndpoint.FUTURES_PING, null,
                QueryString.empty(), true);
    }

    @Override
    public void close() {
        limiter.close();
        http.close();
    }

    // ------------------------------------------------------------------ internals

    private CompletableFuture<String> attempt(BinanceEndpoint endpoint, Signing signing, QueryString params,
                                              boolean narrow, boolean mayResync, List<String> orderIds) {
        return attempt(endpoint, signing, params, cost(endpoint, narrow), mayResync, orderIds);
    }

    private CompletableFuture<String> attempt(BinanceEndpoint endpoint, Signing signing, QueryString params,
                                              Cost cost, boolean mayResync, List<String> orderIds) {
        Objects.requireNonNull(endpoint, "endpoint");
        if (endpoint.market() != market) {
            throw new IllegalArgumentException(endpoint + " is not a " + market + " endpoint");
        }
        if (endpoint.security() != BinanceEndpoint.Security.NONE && signing == null) {
            throw new IllegalArgumentException(endpoint + " needs an account");
        }
        CompletableFuture<Void> permit = cost == null ? CompletableFuture.completedFuture(null) : limiter.acquire(cost);
        return permit.handle((ok, refused) -> refused)
                .thenCompose(refused -> {
                    if (refused != null) {
                        return CompletableFuture.failedFuture(rateLimited(endpoint, VenueCalls.unwrap(refused)));
                    }
                    HttpRequest request;
                    try {
                        request = build(endpoint, signing, params);
                    } catch (RuntimeException e) {
                        if (cost != null) {
                            limiter.release(cost);
                        }
                        return CompletableFuture.failedFuture(new VenueException(VenueError.rejected(RejectReason.OTHER,
                                null, "could not sign " + endpoint.method() + " " + endpoint.path() + ": "
                                        + e.getClass().getSimpleName()), e));
                    }
                    orderIds.forEach(telemetry::orderRequestSent);
                    return http.send(request).handle((response, failure) -> new Answer(response, failure))
                            .thenCompose(a -> answered(endpoint, signing, params, mayResync, cost, a));
                });
    }

    private record Answer(HttpResponse response, Throwable failure) {
    }

    private CompletableFuture<String> answered(BinanceEndpoint endpoint, Signing signing, QueryString params,
                                               boolean mayResync, Cost cost, Answer a) {
        String what = endpoint.method() + " " + endpoint.path();
        if (a.failure() != null) {
            Throwable t = VenueCalls.unwrap(a.failure());
            HttpTransportException te = HttpTransportException.find(t).orElse(null);
            if (te != null && !te.sentRequest()) {
                if (cost != null) {
                    limiter.release(cost);
                }
                return CompletableFuture.failedFuture(new VenueException(BinanceErrors.notSent(te.getMessage()), te));
            }
            if (te != null) {
                return CompletableFuture.failedFuture(new VenueException(BinanceErrors.noAnswer(te.getMessage()), te));
            }
            if (t instanceof RejectedExecutionException) {
                return CompletableFuture.failedFuture(new VenueException(VenueError.rejected(RejectReason.VENUE_CLOSED,
                        null, "the Binance adapter is closed"), t));
            }
            return CompletableFuture.failedFuture(new VenueException(VenueError.outcomeUnknown(null,
                    what + " failed unexpectedly: " + t), t));
        }
        HttpResponse response = a.response();
        observe(response);
        if (response.isSuccess()) {
            return CompletableFuture.completedFuture(response.bodyText());
        }
        Integer code = null;
        String msg = null;
        JsonNode data = null;
        String body = response.bodyText();
        try {
            JsonNode node = BinanceJson.tree(body);
            if (node.isObject() && node.has("code")) {
                code = node.get("code").asInt();
                msg = node.path("msg").asText(null);
                data = node.get("data");
            } else {
                msg = abbreviate(body);
            }
        } catch (RuntimeException notJson) {
            msg = abbreviate(body);
        }
        Duration retryAfter = RetryAfter.until(response, wallClock)
                .map(until -> Duration.between(wallClock.instant(), until))
                .filter(d -> !d.isNegative()).orElse(null);
        BinanceErrors.Classified c = BinanceErrors.classify(market, response.status(), code, msg, retryAfter);
        BinanceApiError cause = new BinanceApiError(what, response.status(), code, msg, data);
        switch (c.consequence()) {
            case RESYNC_CLOCK -> {
                if (mayResync) {
                    LOG.warn("binance {}: {} refused the timestamp ({}); resynchronising the clock and retrying once",
                            market.configName(), what, msg);
                    return syncClock().handle((offset, err) -> err)
                            .thenCompose(err -> err != null ? CompletableFuture.failedFuture(
                                    new VenueException(c.error(), cause))
                                    : attempt(endpoint, signing, params, cost, false, List.of()));
                }
            }
            case AUTH_FAILURE -> hooks.authFailure(signing == null ? null : signing.account(), c.error());
            case RATE_LIMITED -> limiter.pauseUntil(wallClock.instant().plus(c.error().retryAfter()),
                    "HTTP " + response.status() + (code == null ? "" : " code " + code));
            case VENUE_DOWN -> hooks.venueDown(market, c.error());
            case NONE -> {
            }
        }
        return CompletableFuture.failedFuture(new VenueException(c.error(), cause));
    }

    /**
     * Corrects the limiter from Binance's counters when Binance counted more than the limiter did
     * (other clients of the same key or IP). A counter lower than the limiter's own count is
     * ignored: it was taken before requests still in flight reached Binance, and loosening the
     * limiter on it would let more through than the limit.
     */
    private void observe(HttpResponse response) {
        Instant now = wallClock.instant();
        response.headers().firstLong("X-MBX-USED-WEIGHT-1M").ifPresent(used -> correct(weightLimit, used, now));
        response.headers().firstLong("X-MBX-ORDER-COUNT-10S").ifPresent(used -> correct(ordersLimit, used, now));
    }

    private void correct(RateLimit limit, long venueUsed, Instant now) {
        long localUsed = limiter.snapshot().stream().filter(s -> s.name().equals(limit.name())).findFirst()
                .map(s -> s.capacity() - s.available()).orElse(0L);
        if (venueUsed > localUsed) {
            limiter.observeUsed(limit.name(), venueUsed, limit.nextWindowStart(now));
        }
    }

    private HttpRequest build(BinanceEndpoint endpoint, Signing signing, QueryString params) {
        QueryString q = params;
        if (endpoint.security() == BinanceEndpoint.Security.SIGNED) {
            q = signed(withTimestamp(q, recvWindowMs, clock.venueNow()), signing.credentials());
        }
        HttpMethod method = HttpMethod.valueOf(endpoint.method());
        boolean form = method == HttpMethod.POST || method == HttpMethod.PUT;
        HttpRequest.Builder b;
        if (form) {
            b = HttpRequest.builder(method, endpoint.path());
            if (!q.isEmpty()) {
                b.formBody(q);
            }
        } else {
            b = HttpRequest.builder(method, q.isEmpty() ? endpoint.path() : endpoint.path() + "?" + q.encoded());
        }
        if (endpoint.security() != BinanceEndpoint.Security.NONE) {
            b.header("X-MBX-APIKEY", signing.credentials().apiKey());
        }
        return b.endpoint(endpoint.method() + " " + endpoint.path()).build();
    }

    /** {@code params} with {@code recvWindow} and {@code timestamp} appended, as signed requests carry them. */
    static QueryString withTimestamp(QueryString params, long recvWindowMs, long timestamp) {
        return params.with("recvWindow", recvWindowMs).with("timestamp", timestamp);
    }

    /**
     * {@code payload} with {@code signature} appended: the signature of exactly
     * {@code payload.encoded()}, the parameter string that is sent (HMAC-SHA256 hex, or Ed25519
     * base64, which the query encoding percent-encodes).
     */
    static QueryString signed(QueryString payload, ApiCredentials credentials) {
        return payload.with("signature", credentials.sign(payload.encoded()));
    }

    private Cost cost(BinanceEndpoint endpoint, boolean narrow) {
        int weight = narrow ? endpoint.weight() : endpoint.weightWithoutSymbol();
        Cost cost = null;
        if (weight > 0) {
            cost = Cost.of(WEIGHT, weight);
        }
        if (endpoint.orders() > 0) {
            cost = cost == null ? Cost.of(ORDERS, endpoint.orders()) : cost.and(ORDERS, endpoint.orders());
        }
        return cost;
    }

    private VenueException rateLimited(BinanceEndpoint endpoint, Throwable refused) {
        if (refused instanceof RateLimitExceededException e) {
            return new VenueException(VenueError.retryable(null, "Binance " + market.configName() + " "
                    + endpoint.method() + " " + endpoint.path() + " not sent: " + e.getMessage(),
                    e.retryAfter().orElse(null)), e);
        }
        return new VenueException(VenueError.rejected(RejectReason.VENUE_CLOSED, null,
                "the Binance adapter is closed"), refused);
    }

    private <T> T parse(BinanceEndpoint endpoint, String body, Class<T> type) {
        try {
            return BinanceJson.read(body, type);
        } catch (RuntimeException e) {
            throw new VenueException(VenueError.outcomeUnknown(null, "Binance answered " + endpoint.method() + " "
                    + endpoint.path() + " with something that is not " + type.getSimpleName() + " JSON"), e);
        }
    }

    private static String abbreviate(String text) {
        String t = text == null ? "" : text.strip();
        return t.length() > 200 ? t.substring(0, 200) + "..." : t;
    }

}

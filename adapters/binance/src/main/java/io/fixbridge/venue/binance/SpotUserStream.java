package io.fixbridge.venue.binance;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fixbridge.venue.VenueError;
import io.fixbridge.venue.VenueException;
import io.fixbridge.venue.VenueTelemetry;
import io.fixbridge.venue.binance.dto.ErrorResponse;
import io.fixbridge.venue.binance.dto.ExecutionReport;
import io.fixbridge.venue.kit.Backoff;
import io.fixbridge.venue.kit.VenueExecutors;
import io.fixbridge.venue.kit.http.QueryString;
import io.fixbridge.venue.kit.sign.ApiCredentials;
import io.fixbridge.venue.kit.ws.ConnectionState;
import io.fixbridge.venue.kit.ws.StreamTelemetry;
import io.fixbridge.venue.kit.ws.WebSocketClient;
import io.fixbridge.venue.kit.ws.WebSocketConfig;
import io.fixbridge.venue.kit.ws.WebSocketListener;
import io.fixbridge.venue.kit.ws.WebSocketSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * One account's spot user-data stream over the WebSocket API: after every (re)connect it sends
 * {@code userDataStream.subscribe.signature} (params {@code apiKey}, {@code recvWindow},
 * {@code timestamp}, {@code signature} over those sorted by name), and events then arrive as
 * {@code {"subscriptionId":N,"event":{...}}}. An {@code eventStreamTerminated} is answered by
 * subscribing again. Once a subscription succeeds on a reconnected connection (or after a
 * termination), {@code onGap} runs so the adapter fills what the stream may have missed over REST.
 *
 * <p>A refused subscription is retried with backoff: -1021 after resynchronising the clock,
 * credential refusals after telling the adapter (which alerts); a credential refusal of the first
 * subscription also fails {@link #start()}, so connect says why at once.
 *
 * <p>Telemetry: the stream is {@code user:<account>}, connected once a subscription is confirmed (not
 * merely when the socket is open), disconnected when the connection drops or Binance ends the
 * subscription ({@code eventStreamTerminated}), connected again when the new subscription is confirmed.
 *
 * <p>Threading: the kit calls the listener methods serially on its callback pool; execution reports
 * are handed to {@code onReport} there (the adapter hops to its event thread). Thread-safe.
 */
final class SpotUserStream implements WebSocketListener, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SpotUserStream.class);
    static final String METHOD = "userDataStream.subscribe.signature";

    private final String venue;
    private final String account;
    private final ApiCredentials credentials;
    private final BinanceRest rest;
    private final long recvWindowMs;
    private final Consumer<ExecutionReport> onReport;
    private final Runnable onGap;
    private final BinanceRest.Hooks hooks;
    private final VenueExecutors executors;
    private final Backoff retry;
    private final WebSocketClient client;
    private final CompletableFuture<Void> firstSubscription = new CompletableFuture<>();
    private final AtomicInteger failedSubscriptions = new AtomicInteger();
    private volatile String pendingId;
    private volatile boolean gapOnSubscribe;

    SpotUserStream(String venue, String account, BinanceConfig config, ApiCredentials credentials, BinanceRest rest,
                   VenueExecutors executors, Consumer<ExecutionReport> onReport, Runnable onGap,
                   BinanceRest.Hooks hooks, VenueTelemetry telemetry) {
        this.venue = venue;
        this.account = account;
        this.credentials = Objects.requireNonNull(credentials, "credentials");
        this.rest = rest;
        this.recvWindowMs = config.recvWindowMs();
        this.onReport = onReport;
        this.onGap = onGap;
        this.hooks = hooks;
        this.executors = executors;
        BinanceConfig.Timeouts t = config.timeouts();
        this.retry = Backoff.exponential(Duration.ofMillis(t.reconnectMinMs()), Duration.ofMillis(t.reconnectMaxMs()));
        this.client = WebSocketClient.create(WebSocketConfig.builder(config.urls().spotWsApi())
                .connectTimeout(Duration.ofMillis(t.connectMs()))
                .pingInterval(Duration.ofMillis(t.wsPingMs()))
                .deadAfter(Duration.ofMillis(t.wsPingMs() * 3))
                .backoff(retry)
                .stream(StreamTelemetry.confirmedByAdapter(telemetry, streamName(account)))
                .build(), this, executors);
    }

    /** The stream's bounded name for telemetry. */
    static String streamName(String account) {
        return "user:" + account;
    }

    /** Connects; completes when the first subscription is confirmed. */
    CompletableFuture<Void> start() {
        client.start();
        return firstSubscription;
    }

    @Override
    public void onConnected(WebSocketSession session) {
        gapOnSubscribe = session.connectionNumber() > 1;
        subscribe(session);
    }

    @Override
    public void onMessage(WebSocketSession session, String text) {
        StreamFrames.SpotFrame frame;
        try {
            frame = StreamFrames.spot(text);
        } catch (RuntimeException e) {
            LOG.error("binance {} account {}: a spot stream message does not parse ({}); the account's "
                    + "open orders are checked over REST instead", venue, account, e.getMessage());
            onGap.run();
            return;
        }
        if (frame instanceof StreamFrames.Execution x) {
            onReport.accept(x.report());
        } else if (frame instanceof StreamFrames.Answer a) {
            answered(session, a);
        } else if (frame instanceof StreamFrames.Terminated) {
            LOG.warn("binance {} account {}: the user data stream subscription ended; subscribing again",
                    venue, account);
            gapOnSubscribe = true;
            client.streamUsable(session, false);
            subscribe(session);
        }
    }

    @Override
    public void onStateChange(ConnectionState state, String reason) {
        if (state == ConnectionState.DISCONNECTED) {
            LOG.warn("binance {} account {}: spot user stream disconnected ({})", venue, account, reason);
        } else {
            LOG.info("binance {} account {}: spot user stream {} ({})", venue, account, state, reason);
        }
    }

    @Override
    public void close() {
        client.close();
        firstSubscription.completeExceptionally(new IllegalStateException("the stream was closed"));
    }

    // ------------------------------------------------------------------ internals

    private void subscribe(WebSocketSession session) {
        String id = UUID.randomUUID().toString();
        pendingId = id;
        session.send(request(id)).whenComplete((ok, failure) -> {
            if (failure != null) {
                LOG.debug("binance {} account {}: subscription not sent ({}); the reconnect will retry", venue,
                        account, failure.getMessage());
            }
        });
    }

    private String request(String id) {
        return subscribeRequest(id, credentials, recvWindowMs, rest.clock().venueNow());
    }

    /**
     * The {@code userDataStream.subscribe.signature} request: params {@code apiKey},
     * {@code recvWindow}, {@code timestamp} and their {@code signature}.
     */
    static String subscribeRequest(String id, ApiCredentials credentials, long recvWindowMs, long timestamp) {
        QueryString params = QueryString.builder()
                .add("apiKey", credentials.apiKey())
                .add("recvWindow", recvWindowMs)
                .add("timestamp", timestamp)
                .build();
        ObjectNode root = BinanceJson.mapper().createObjectNode();
        root.put("id", id);
        root.put("method", METHOD);
        ObjectNode p = root.putObject("params");
        p.put("apiKey", credentials.apiKey());
        p.put("recvWindow", recvWindowMs);
        p.put("timestamp", timestamp);
        p.put("signature", wsSignature(params, credentials));
        return root.toString();
    }

    /**
     * A WebSocket API signature: over every parameter but {@code signature}, sorted by name and
     * joined as {@code k=v} with {@code &}, values not percent-encoded.
     */
    static String wsSignature(QueryString params, ApiCredentials credentials) {
        return credentials.sign(params.sortedRaw("signature"));
    }

    private void answered(WebSocketSession session, StreamFrames.Answer a) {
        if (!Objects.equals(a.response().id(), pendingId)) {
            return;
        }
        Integer status = a.response().status();
        if (status != null && status == 200) {
            failedSubscriptions.set(0);
            LOG.info("binance {} account {}: spot user data subscribed (connection {})", venue, account,
                    session.connectionNumber());
            boolean gap = gapOnSubscribe;
            gapOnSubscribe = false;
            client.streamUsable(session, true);
            firstSubscription.complete(null);
            if (gap) {
                onGap.run();
            }
            return;
        }
        ErrorResponse error = a.response().error();
        BinanceErrors.Classified c = BinanceErrors.classify(BinanceMarket.SPOT, status == null ? 400 : status,
                error == null ? null : error.code(), error == null ? null : error.msg(), null);
        VenueError e = c.error();
        LOG.warn("binance {} account {}: the user data subscription was refused ({} {}); retrying", venue, account,
                e.code(), e.message());
        CompletableFuture<?> before = CompletableFuture.completedFuture(null);
        switch (c.consequence()) {
            case RESYNC_CLOCK -> before = rest.syncClock();
            case AUTH_FAILURE -> {
                hooks.authFailure(account, e);
                firstSubscription.completeExceptionally(new VenueException(e));
            }
            default -> {
            }
        }
        Duration delay = retry.delay(failedSubscriptions.incrementAndGet(), Math::random);
        before.whenComplete((ok, failure) -> later(delay, () -> {
            if (session.isOpen()) {
                subscribe(session);
            }
        }));
    }

    private void later(Duration delay, Runnable task) {
        try {
            executors.scheduler().schedule(task, delay.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException closed) {
            LOG.debug("binance {} account {}: not resubscribing, closed", venue, account);
        }
    }
}

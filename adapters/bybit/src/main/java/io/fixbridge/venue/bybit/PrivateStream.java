package io.fixbridge.venue.bybit;

import com.fasterxml.jackson.databind.JsonNode;
import io.fixbridge.venue.RejectReason;
import io.fixbridge.venue.VenueError;
import io.fixbridge.venue.VenueException;
import io.fixbridge.venue.VenueTelemetry;
import io.fixbridge.venue.bybit.dto.BybitOrder;
import io.fixbridge.venue.bybit.dto.Execution;
import io.fixbridge.venue.kit.Backoff;
import io.fixbridge.venue.kit.VenueExecutors;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * One account's private WebSocket ({@code /v5/private}): after every (re)connect it authenticates
 * ({@code {"op":"auth","args":[apiKey, expires, signature]}}, signature over
 * {@code "GET/realtime" + expires}), and once Bybit confirms, subscribes to {@code order},
 * {@code execution}, {@code position} and {@code wallet}. The kit sends {@code {"op":"ping"}} every
 * wsPingMs and drops a connection silent for three of them. Once a subscription is confirmed on a
 * reconnected connection, {@code onGap} runs so the adapter fills what the stream may have missed.
 *
 * <p>{@code order} and {@code execution} entries go to the adapter; {@code position} and
 * {@code wallet} are subscribed (so the account's stream is complete) and only logged at debug:
 * positions and balances are answered over REST. A refused authentication is an ERROR, tells the
 * adapter (its orders are refused until a signed probe passes) and is retried with backoff; a
 * refusal of the first one also fails {@link #start()}, so connect says why at once.
 *
 * <p>Telemetry: the stream is {@code user:<account>}, connected once authenticated and subscribed (Bybit
 * confirmed the subscription), disconnected when the connection drops or is closed.
 *
 * <p>Threading: the kit calls the listener methods serially on its callback pool. Thread-safe.
 */
final class PrivateStream implements WebSocketListener, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PrivateStream.class);
    static final List<String> TOPICS = List.of("order", "execution", "position", "wallet");
    /** How far in the future the auth's {@code expires} lies. */
    static final long AUTH_EXPIRES_MS = 10_000;

    private final String venue;
    private final String account;
    private final ApiCredentials credentials;
    private final ClockOffset clock;
    private final Consumer<BybitOrder> onOrder;
    private final Consumer<Execution> onExecution;
    private final Runnable onGap;
    private final BybitRest.Hooks hooks;
    private final VenueExecutors executors;
    private final Backoff retry;
    private final WebSocketClient client;
    private final CompletableFuture<Void> firstSubscription = new CompletableFuture<>();
    private final AtomicInteger failures = new AtomicInteger();
    private final AtomicInteger requestIds = new AtomicInteger();
    private volatile boolean gapOnSubscribe;
    private volatile boolean everSubscribed;

    PrivateStream(String venue, String account, BybitConfig config, ApiCredentials credentials, ClockOffset clock,
                  VenueExecutors executors, Consumer<BybitOrder> onOrder, Consumer<Execution> onExecution,
                  Runnable onGap, BybitRest.Hooks hooks, VenueTelemetry telemetry) {
        this.venue = venue;
        this.account = account;
        this.credentials = Objects.requireNonNull(credentials, "credentials");
        this.clock = clock;
        this.onOrder = onOrder;
        this.onExecution = onExecution;
        this.onGap = onGap;
        this.hooks = hooks;
        this.executors = executors;
        BybitConfig.Timeouts t = config.timeouts();
        this.retry = Backoff.exponential(Duration.ofMillis(t.reconnectMinMs()), Duration.ofMillis(t.reconnectMaxMs()));
        this.client = WebSocketClient.create(WebSocketConfig.builder(config.privateWsUrl())
                .connectTimeout(Duration.ofMillis(t.connectMs()))
                .pingInterval(Duration.ofMillis(t.wsPingMs()))
                .deadAfter(Duration.ofMillis(t.wsPingMs() * 3))
                .appPing("{\"op\":\"ping\"}")
                .backoff(retry)
                .stream(StreamTelemetry.confirmedByAdapter(telemetry, streamName(account)))
                .build(), this, executors);
    }

    /** The stream's bounded name for telemetry. */
    static String streamName(String account) {
        return "user:" + account;
    }

    /** Connects; completes when the first subscription is confirmed, fails when the first auth is refused. */
    CompletableFuture<Void> start() {
        client.start();
        return firstSubscription;
    }

    /** Successful connections so far. */
    int connectCount() {
        return client.connectCount();
    }

    /** Drops the connection now and reconnects (tests, operations). */
    void reconnect(String why) {
        client.reconnect(why);
    }

    @Override
    public void onConnected(WebSocketSession session) {
        gapOnSubscribe = gapOnSubscribe || everSubscribed;
        long expires = clock.venueNow() + AUTH_EXPIRES_MS;
        Map<String, Object> auth = new LinkedHashMap<>();
        auth.put("req_id", "auth-" + requestIds.incrementAndGet());
        auth.put("op", "auth");
        auth.put("args", List.of(credentials.apiKey(), expires, BybitSigning.wsAuthSignature(credentials, expires)));
        session.send(BybitJson.write(auth));
    }

    @Override
    public void onMessage(WebSocketSession session, String text) {
        JsonNode node;
        try {
            node = BybitJson.tree(text);
        } catch (RuntimeException e) {
            LOG.error("bybit {} account {}: a private stream message does not parse ({}); the account's orders are "
                    + "checked over REST instead", venue, account, e.getMessage());
            onGap.run();
            return;
        }
        String topic = node.path("topic").asText("");
        if (!topic.isEmpty()) {
            topic(topic, node);
            return;
        }
        String op = node.path("op").asText("");
        boolean success = node.path("success").asBoolean(false);
        String msg = node.path("ret_msg").asText("").replace(credentials.apiKey(), "<apiKey>");
        switch (op) {
            case "auth" -> {
                if (success) {
                    Map<String, Object> sub = new LinkedHashMap<>();
                    sub.put("req_id", "sub-" + requestIds.incrementAndGet());
                    sub.put("op", "subscribe");
                    sub.put("args", TOPICS);
                    session.send(BybitJson.write(sub));
                } else {
                    VenueError e = VenueError.rejected(RejectReason.OTHER, null,
                            "Bybit refused the private stream's authentication: " + msg);
                    hooks.authFailure(account, e);
                    firstSubscription.completeExceptionally(new VenueException(e));
                    retryLater("authentication refused: " + msg);
                }
            }
            case "subscribe" -> {
                if (success) {
                    failures.set(0);
                    everSubscribed = true;
                    client.streamUsable(session, true);
                    LOG.info("bybit {} account {}: private stream subscribed to {} (connection {})", venue, account,
                            TOPICS, session.connectionNumber());
                    firstSubscription.complete(null);
                    if (gapOnSubscribe) {
                        gapOnSubscribe = false;
                        onGap.run();
                    }
                } else {
                    LOG.error("bybit {} account {}: Bybit refused the private subscription ({})", venue, account, msg);
                    retryLater("subscription refused: " + msg);
                }
            }
            case "pong", "ping" -> {
            }
            default -> LOG.debug("bybit {} account {}: private stream message with op '{}' ignored", venue, account,
                    op);
        }
    }

    private void topic(String topic, JsonNode node) {
        try {
            switch (topic) {
                case "order" -> BybitJson.data(node, BybitOrder.class).forEach(onOrder);
                case "execution" -> BybitJson.data(node, Execution.class).forEach(onExecution);
                case "position", "wallet" -> LOG.debug("bybit {} account {}: {} update ({} entries)", venue, account,
                        topic, node.path("data").size());
                default -> LOG.debug("bybit {} account {}: message of topic {} ignored", venue, account, topic);
            }
        } catch (RuntimeException e) {
            LOG.error("bybit {} account {}: a {} message could not be read ({}); the account's orders are checked "
                    + "over REST instead", venue, account, topic, e.getMessage());
            onGap.run();
        }
    }

    @Override
    public void onStateChange(ConnectionState state, String reason) {
        if (state == ConnectionState.DISCONNECTED) {
            LOG.warn("bybit {} account {}: private stream disconnected ({})", venue, account, reason);
        } else {
            LOG.info("bybit {} account {}: private stream {} ({})", venue, account, state, reason);
        }
    }

    @Override
    public void close() {
        client.close();
        firstSubscription.completeExceptionally(new IllegalStateException("the stream was closed"));
    }

    /** Reconnects after a growing delay (the kit's own backoff restarts at every successful handshake). */
    private void retryLater(String why) {
        int n = failures.incrementAndGet();
        Duration delay = retry.delay(n, Math::random);
        try {
            executors.scheduler().schedule(() -> client.reconnect(why), delay.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException closed) {
            LOG.debug("bybit {} account {}: not reconnecting, the adapter is closed", venue, account);
        }
    }
}

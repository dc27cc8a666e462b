package io.fixbridge.venue.hyperliquid;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fixbridge.venue.VenueTelemetry;
import io.fixbridge.venue.hyperliquid.dto.OrderUpdate;
import io.fixbridge.venue.hyperliquid.dto.UserFillsMessage;
import io.fixbridge.venue.kit.Backoff;
import io.fixbridge.venue.kit.VenueExecutors;
import io.fixbridge.venue.kit.ws.ConnectionState;
import io.fixbridge.venue.kit.ws.StreamTelemetry;
import io.fixbridge.venue.kit.ws.WebSocketClient;
import io.fixbridge.venue.kit.ws.WebSocketConfig;
import io.fixbridge.venue.kit.ws.WebSocketListener;
import io.fixbridge.venue.kit.ws.WebSocketSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * One account's WebSocket ({@code /ws}): after every (re)connect it subscribes to {@code orderUpdates}
 * and {@code userFills} of the account's user (the vault's address when trading a vault); the kit sends
 * {@code {"method":"ping"}} every {@code timeouts.wsPing} (Hyperliquid closes a connection silent for 60 s)
 * and drops a connection silent for two of them. The first userFills message of every subscription is a
 * snapshot of recent fills (the adapter drops those it already reported, by tid). Once both
 * subscriptions of a reconnected connection are confirmed, {@code onGap} runs with the time the stream was
 * last heard of before it went down (any message, pongs included), so the adapter re-reads the fills from
 * then on and re-queries every order it knows open.
 *
 * <p>Telemetry: the stream is {@code user:<account>}, connected once both subscriptions of a connection are
 * confirmed, disconnected when it drops or is closed.
 *
 * <p>Threading: the kit calls the listener serially on its callback pool; the consumers are called
 * there. Thread-safe.
 */
final class UserStream implements WebSocketListener, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(UserStream.class);

    private final String venue;
    private final String account;
    private final String user;
    private final Consumer<List<OrderUpdate>> onOrders;
    private final Consumer<UserFillsMessage> onFills;
    private final Consumer<Instant> onGap;
    private final Clock clock;
    private volatile Instant lastHeard;
    private volatile Instant gapSince;
    private final WebSocketClient client;
    private final CompletableFuture<Void> firstSubscription = new CompletableFuture<>();
    private volatile int acks;
    private volatile boolean everSubscribed;
    private volatile boolean gapPending;

    UserStream(String venue, String account, String user, HyperliquidConfig config, VenueExecutors executors,
               Consumer<List<OrderUpdate>> onOrders, Consumer<UserFillsMessage> onFills, Consumer<Instant> onGap,
               Clock clock, VenueTelemetry telemetry) {
        this.venue = venue;
        this.account = account;
        this.user = Objects.requireNonNull(user, "user");
        this.onOrders = onOrders;
        this.onFills = onFills;
        this.onGap = onGap;
        this.clock = Objects.requireNonNull(clock, "clock");
        this.lastHeard = clock.instant();
        this.client = WebSocketClient.create(wsConfig(config).toBuilder()
                .stream(StreamTelemetry.confirmedByAdapter(telemetry, streamName(account))).build(), this, executors);
    }

    /** The stream's bounded name for telemetry. */
    static String streamName(String account) {
        return "user:" + account;
    }

    static WebSocketConfig wsConfig(HyperliquidConfig config) {
        HyperliquidConfig.Timeouts t = config.timeouts();
        return WebSocketConfig.builder(config.wsUrl()).connectTimeout(t.connect()).pingInterval(t.wsPing())
                .deadAfter(t.wsPing().multipliedBy(2)).appPing("{\"method\":\"ping\"}")
                .backoff(Backoff.exponential(t.reconnectMin(), t.reconnectMax())).build();
    }

    /** Connects; completes when the first subscriptions are confirmed. */
    CompletableFuture<Void> start() {
        client.start();
        return firstSubscription;
    }

    /** Drops the connection now and reconnects (tests, operations). */
    void reconnect(String why) {
        client.reconnect(why);
    }

    @Override
    public void onConnected(WebSocketSession session) {
        acks = 0;
        if (everSubscribed && !gapPending) {
            gapPending = true;
            gapSince = lastHeard;
        }
        session.send(subscribe("orderUpdates"));
        session.send(subscribe("userFills"));
    }

    private String subscribe(String type) {
        ObjectNode msg = HyperliquidJson.object();
        msg.put("method", "subscribe");
        ObjectNode sub = msg.putObject("subscription");
        sub.put("type", type);
        sub.put("user", user);
        return HyperliquidJson.write(msg);
    }

    @Override
    public void onMessage(WebSocketSession session, String text) {
        if (!gapPending) {
            lastHeard = clock.instant();
        }
        JsonNode node;
        try {
            node = HyperliquidJson.tree(text);
        } catch (IllegalArgumentException e) {
            LOG.error("hyperliquid {} account {}: a stream message does not parse ({}); it is skipped", venue, account,
                    e.getMessage());
            return;
        }
        String channel = node.path("channel").asText("");
        try {
            switch (channel) {
                case "orderUpdates" -> onOrders.accept(HyperliquidJson.list(node.path("data"), OrderUpdate.class));
                case "userFills" -> onFills.accept(HyperliquidJson.convert(node.path("data"), UserFillsMessage.class));
                case "subscriptionResponse" -> subscribed(session);
                case "pong" -> {
                }
                case "error" -> LOG.error("hyperliquid {} account {}: the stream reported an error: {}", venue, account,
                        node.path("data").asText(node.path("data").toString()));
                default -> LOG.debug("hyperliquid {} account {}: message of channel '{}' ignored", venue, account,
                        channel);
            }
        } catch (RuntimeException e) {
            LOG.error("hyperliquid {} account {}: a {} message could not be applied ({}); it is skipped", venue,
                    account, channel, e.getMessage());
        }
    }

    private void subscribed(WebSocketSession session) {
        if (++acks < 2) {
            return;
        }
        everSubscribed = true;
        client.streamUsable(session, true);
        LOG.info("hyperliquid {} account {}: subscribed to orderUpdates and userFills of {} (connection {})", venue,
                account, user, session.connectionNumber());
        firstSubscription.complete(null);
        if (gapPending) {
            gapPending = false;
            onGap.accept(gapSince);
        }
    }

    @Override
    public void onStateChange(ConnectionState state, String reason) {
        if (state == ConnectionState.DISCONNECTED) {
            LOG.warn("hyperliquid {} account {}: stream disconnected ({})", venue, account, reason);
        } else {
            LOG.info("hyperliquid {} account {}: stream {} ({})", venue, account, state, reason);
        }
    }

    @Override
    public void close() {
        client.close();
        firstSubscription.completeExceptionally(new IllegalStateException("the stream was closed"));
    }
}

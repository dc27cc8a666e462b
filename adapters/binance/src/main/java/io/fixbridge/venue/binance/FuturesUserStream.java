package io.fixbridge.venue.binance;

import io.fixbridge.venue.VenueError;
import io.fixbridge.venue.VenueException;
import io.fixbridge.venue.VenueTelemetry;
import io.fixbridge.venue.binance.dto.ListenKey;
import io.fixbridge.venue.kit.Backoff;
import io.fixbridge.venue.kit.VenueCalls;
import io.fixbridge.venue.kit.VenueExecutors;
import io.fixbridge.venue.kit.http.QueryString;
import io.fixbridge.venue.kit.ws.ConnectionState;
import io.fixbridge.venue.kit.ws.StreamTelemetry;
import io.fixbridge.venue.kit.ws.WebSocketClient;
import io.fixbridge.venue.kit.ws.WebSocketConfig;
import io.fixbridge.venue.kit.ws.WebSocketListener;
import io.fixbridge.venue.kit.ws.WebSocketSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * One account's USD-M futures user-data stream: before every (re)connect a listen key is created
 * (or extended) with {@code POST /fapi/v1/listenKey} and the stream opened at
 * {@code <futuresWsUrl>/ws/<listenKey>}; the key is kept alive with {@code PUT /fapi/v1/listenKey}
 * every keepalive interval; {@code listenKeyExpired} (or a keepalive refused with -1125) reconnects
 * with a fresh key. After every reconnect {@code onGap} runs so the adapter fills what was missed.
 * The listen key is a bearer credential: it is never logged.
 *
 * <p>Telemetry: the stream is {@code futures-user:<account>}, connected as soon as the socket is open (a
 * listen-key stream needs no subscription), disconnected when it drops or is closed.
 *
 * <p>Threading: the kit calls the listener methods serially on its callback pool; frames are handed
 * to {@code onFrame} there. Thread-safe.
 */
final class FuturesUserStream implements WebSocketListener, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(FuturesUserStream.class);

    private final String venue;
    private final String account;
    private final BinanceRest rest;
    private final BinanceRest.Signing signing;
    private final String wsBase;
    private final Consumer<StreamFrames.FuturesFrame> onFrame;
    private final Runnable onGap;
    private final WebSocketClient client;
    private final ScheduledFuture<?> keepalive;

    FuturesUserStream(String venue, BinanceConfig config, BinanceRest rest, BinanceRest.Signing signing,
                      VenueExecutors executors, Consumer<StreamFrames.FuturesFrame> onFrame, Runnable onGap,
                      VenueTelemetry telemetry) {
        this.venue = venue;
        this.account = signing.account();
        this.rest = rest;
        this.signing = signing;
        this.wsBase = config.urls().futuresWs();
        this.onFrame = onFrame;
        this.onGap = onGap;
        BinanceConfig.Timeouts t = config.timeouts();
        this.client = WebSocketClient.create(WebSocketConfig.builder(wsBase + "/ws")
                        .connectTimeout(Duration.ofMillis(t.connectMs()))
                        .pingInterval(Duration.ofMillis(t.wsPingMs()))
                        .deadAfter(Duration.ofMillis(t.wsPingMs() * 3))
                        .backoff(Backoff.exponential(Duration.ofMillis(t.reconnectMinMs()),
                                Duration.ofMillis(t.reconnectMaxMs())))
                        .stream(StreamTelemetry.onConnect(telemetry, streamName(account)))
                        .build(),
                this::streamUri, this, executors);
        long minutes = config.listenKeyKeepaliveMinutes();
        ScheduledFuture<?> task;
        try {
            task = executors.scheduler().scheduleAtFixedRate(this::keepAlive, minutes, minutes, TimeUnit.MINUTES);
        } catch (RejectedExecutionException closed) {
            task = null;
        }
        this.keepalive = task;
    }

    /** The stream's bounded name for telemetry. */
    static String streamName(String account) {
        return "futures-user:" + account;
    }

    /** Connects; completes when the stream is first up. */
    CompletableFuture<Void> start() {
        return client.start();
    }

    @Override
    public void onConnected(WebSocketSession session) {
        if (session.connectionNumber() > 1) {
            onGap.run();
        }
    }

    @Override
    public void onMessage(WebSocketSession session, String text) {
        StreamFrames.FuturesFrame frame;
        try {
            frame = StreamFrames.futures(text);
        } catch (RuntimeException e) {
            LOG.error("binance {} account {}: a futures stream message does not parse ({}); the account's "
                    + "open orders are checked over REST instead", venue, account, e.getMessage());
            onGap.run();
            return;
        }
        if (frame instanceof StreamFrames.ListenKeyExpired) {
            LOG.warn("binance {} account {}: the futures listen key expired; reconnecting with a new one", venue,
                    account);
            client.reconnect("listen key expired");
            return;
        }
        onFrame.accept(frame);
    }

    @Override
    public void onStateChange(ConnectionState state, String reason) {
        if (state == ConnectionState.DISCONNECTED) {
            LOG.warn("binance {} account {}: futures user stream disconnected ({})", venue, account, reason);
        } else {
            LOG.info("binance {} account {}: futures user stream {} ({})", venue, account, state, reason);
        }
    }

    @Override
    public void close() {
        if (keepalive != null) {
            keepalive.cancel(false);
        }
        client.close();
    }

    private CompletableFuture<URI> streamUri() {
        return rest.send(BinanceEndpoint.FUTURES_LISTEN_KEY_CREATE, signing, QueryString.empty(), true,
                ListenKey.class).thenApply(k -> URI.create(wsBase + "/ws/" + k.listenKey()));
    }

    private void keepAlive() {
        rest.send(BinanceEndpoint.FUTURES_LISTEN_KEY_KEEPALIVE, signing, QueryString.empty(), true)
                .whenComplete((ok, failure) -> {
                    if (failure == null) {
                        LOG.debug("binance {} account {}: futures listen key kept alive", venue, account);
                        return;
                    }
                    Throwable t = VenueCalls.unwrap(failure);
                    VenueError e = t instanceof VenueException v ? v.error() : null;
                    if (e != null && "-1125".equals(e.code())) {
                        LOG.warn("binance {} account {}: the futures listen key is gone; reconnecting with a new one",
                                venue, account);
                        client.reconnect("listen key gone");
                    } else {
                        LOG.warn("binance {} account {}: keeping the futures listen key alive failed ({}); retrying at "
                                + "the next interval", venue, account, t.getMessage());
                    }
                });
    }
}

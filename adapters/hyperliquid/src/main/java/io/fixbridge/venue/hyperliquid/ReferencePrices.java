package io.fixbridge.venue.hyperliquid;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fixbridge.venue.ReferencePrice;
import io.fixbridge.venue.hyperliquid.dto.AllMids;
import io.fixbridge.venue.kit.VenueExecutors;
import io.fixbridge.venue.kit.ws.ConnectionState;
import io.fixbridge.venue.kit.ws.WebSocketClient;
import io.fixbridge.venue.kit.ws.WebSocketListener;
import io.fixbridge.venue.kit.ws.WebSocketSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * The reference price of every listed instrument ({@link io.fixbridge.venue.VenueAdapter#referencePrice}):
 * Hyperliquid's {@code allMids} WebSocket channel, one subscription for every coin's mid (perpetuals and
 * spot pairs), on a connection of its own, resubscribed after every reconnect; seeded at {@link #start()} by
 * {@code POST /info {"type":"allMids"}} for the instruments the stream has not priced yet. allMids carries
 * no time, so a price is as of its receipt. No polling, so no setting of its own: the connection uses the
 * venue's {@code wsUrl} and {@code timeouts} like the account streams.
 *
 * <p>Errors: nothing here fails {@code connect} or an order. A lost connection, a refused subscription or a
 * failed seed is logged at WARN once per failure streak (and at INFO when prices flow again); meanwhile the
 * prices held simply age. Not a reported telemetry stream: it does not decide whether the venue is up.
 *
 * <p>Threading: {@link #price} answers from a {@link ConcurrentHashMap}, without I/O or locks, from any
 * thread. Messages arrive serially on the kit's callback pool. Thread-safe.
 */
final class ReferencePrices implements WebSocketListener, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ReferencePrices.class);
    private static final String SUBSCRIBE = "{\"method\":\"subscribe\",\"subscription\":{\"type\":\"allMids\"}}";

    private final String venue;
    private final HyperliquidRest rest;
    private final Clock clock;
    private final Supplier<Markets> markets;
    private final WebSocketClient client;
    private final Map<String, ReferencePrice> prices = new ConcurrentHashMap<>();
    private final AtomicBoolean started = new AtomicBoolean();
    /** Whether a failure has been logged and no price has arrived since: the streak goes on quietly. */
    private final AtomicBoolean failing = new AtomicBoolean();
    private volatile boolean closed;

    ReferencePrices(String venue, HyperliquidConfig config, HyperliquidRest rest, VenueExecutors executors,
                    Clock clock, Supplier<Markets> markets) {
        this.venue = venue;
        this.rest = rest;
        this.clock = clock;
        this.markets = markets;
        this.client = WebSocketClient.create(UserStream.wsConfig(config), this, executors);
    }

    /** The latest reference price of {@code symbol}; empty before the first one or for a symbol not listed. */
    Optional<ReferencePrice> price(String symbol) {
        return symbol == null ? Optional.empty() : Optional.ofNullable(prices.get(symbol));
    }

    /** Successful connects of the stream so far (tests, operations). */
    int connects() {
        return client.connectCount();
    }

    /** Opens the stream and asks for the seed (once; later calls do nothing); returns at once. */
    void start() {
        if (!started.compareAndSet(false, true)) {
            return;
        }
        client.start();
        rest.info(HyperliquidJson.info("allMids")).whenComplete((answer, failure) -> {
            if (failure != null) {
                failed("the allMids seed failed (" + failure.getMessage() + ")");
                return;
            }
            try {
                HyperliquidTranslator.referencePrices(allMidsAnswer(answer), this::symbolOf, clock.instant())
                        .forEach(p -> prices.putIfAbsent(p.symbol(), p));
            } catch (RuntimeException e) {
                failed("the allMids seed could not be read (" + e.getMessage() + ")");
            }
        });
    }

    /** The answer to {@code POST /info allMids} (the mids object itself) as {@link AllMids}. */
    static AllMids allMidsAnswer(JsonNode body) {
        ObjectNode wrapped = HyperliquidJson.object();
        wrapped.set("mids", body);
        return HyperliquidJson.convert(wrapped, AllMids.class);
    }

    private Optional<String> symbolOf(String coin) {
        return markets.get().coin(coin).map(HyperliquidMarket::symbol);
    }

    @Override
    public void onConnected(WebSocketSession session) {
        session.send(SUBSCRIBE);
    }

    @Override
    public void onMessage(WebSocketSession session, String text) {
        JsonNode node;
        try {
            node = HyperliquidJson.tree(text);
        } catch (IllegalArgumentException e) {
            failed("a market data message does not parse (" + e.getMessage() + ")");
            return;
        }
        switch (node.path("channel").asText("")) {
            case "allMids" -> apply(node.path("data"));
            case "subscriptionResponse" -> LOG.debug("hyperliquid {}: subscribed to allMids (connection {})", venue,
                    session.connectionNumber());
            case "error" -> failed("the market data stream reported an error: "
                    + node.path("data").asText(node.path("data").toString()));
            default -> {
            }
        }
    }

    private void apply(JsonNode data) {
        AllMids mids;
        try {
            mids = HyperliquidJson.convert(data, AllMids.class);
        } catch (IllegalArgumentException e) {
            failed("an allMids message could not be read (" + e.getMessage() + ")");
            return;
        }
        HyperliquidTranslator.referencePrices(mids, this::symbolOf, clock.instant())
                .forEach(p -> prices.put(p.symbol(), p));
        if (failing.compareAndSet(true, false)) {
            LOG.info("hyperliquid {}: reference prices flow again from allMids", venue);
        }
    }

    @Override
    public void onStateChange(ConnectionState state, String reason) {
        if (state == ConnectionState.DISCONNECTED && !closed) {
            failed("the allMids stream disconnected (" + reason + "); reference prices age until it is back");
        } else {
            LOG.debug("hyperliquid {}: allMids stream {} ({})", venue, state, reason);
        }
    }

    /** WARN for the first failure of a streak; the rest of the streak at DEBUG. */
    private void failed(String what) {
        if (failing.compareAndSet(false, true)) {
            LOG.warn("hyperliquid {}: {}", venue, what);
        } else {
            LOG.debug("hyperliquid {}: {}", venue, what);
        }
    }

    @Override
    public void close() {
        closed = true;
        client.close();
    }
}

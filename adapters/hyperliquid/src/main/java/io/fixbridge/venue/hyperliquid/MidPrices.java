package io.fixbridge.venue.hyperliquid;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fixbridge.venue.RejectReason;
import io.fixbridge.venue.VenueError;
import io.fixbridge.venue.VenueException;
import io.fixbridge.venue.hyperliquid.dto.L2Book;
import io.fixbridge.venue.kit.VenueExecutors;
import io.fixbridge.venue.kit.ws.ConnectionState;
import io.fixbridge.venue.kit.ws.WebSocketClient;
import io.fixbridge.venue.kit.ws.WebSocketListener;
import io.fixbridge.venue.kit.ws.WebSocketSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Mid prices for market orders: the {@code l2Book} channel of every coin a market order was sent for
 * (subscribed on first use, on one shared WebSocket), and {@code POST /info l2Book} when no book younger
 * than {@code midMaxAge} is at hand. A book with an empty side has no mid: such an order is refused
 * (REJECTED OTHER, nothing to price it against). Thread-safe.
 */
final class MidPrices implements WebSocketListener, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(MidPrices.class);

    private record Mid(BigDecimal price, Instant at) {
    }

    private final String venue;
    private final HyperliquidRest rest;
    private final Clock clock;
    private final Duration maxAge;
    private final WebSocketClient client;
    private final Map<String, Mid> mids = new ConcurrentHashMap<>();
    private final Set<String> coins = ConcurrentHashMap.newKeySet();
    private volatile boolean started;

    MidPrices(String venue, HyperliquidConfig config, HyperliquidRest rest, VenueExecutors executors, Clock clock) {
        this.venue = venue;
        this.rest = rest;
        this.clock = clock;
        this.maxAge = config.midMaxAge();
        this.client = WebSocketClient.create(UserStream.wsConfig(config), this, executors);
    }

    /** The mid of {@code coin}: from the stream when fresh, else from a REST l2Book. */
    CompletableFuture<BigDecimal> mid(String coin) {
        watch(coin);
        Mid m = mids.get(coin);
        if (m != null && m.at().plus(maxAge).isAfter(clock.instant())) {
            return CompletableFuture.completedFuture(m.price());
        }
        ObjectNode req = HyperliquidJson.info("l2Book", "coin", coin);
        return rest.info(req).thenApply(node -> {
            L2Book book = HyperliquidJson.convert(node, L2Book.class);
            return midOf(book).orElseThrow(() -> new VenueException(VenueError.rejected(RejectReason.OTHER, null,
                    "the " + coin + " book on Hyperliquid has no bid or no ask; a market order has no price to go by")));
        });
    }

    /** The mid of a book: (best bid + best ask) / 2, if both sides have a level. */
    static Optional<BigDecimal> midOf(L2Book book) {
        if (book == null || book.levels().size() < 2 || book.levels().get(0) == null || book.levels().get(1) == null
                || book.levels().get(0).isEmpty() || book.levels().get(1).isEmpty()) {
            return Optional.empty();
        }
        BigDecimal bid = new BigDecimal(book.levels().get(0).get(0).px());
        BigDecimal ask = new BigDecimal(book.levels().get(1).get(0).px());
        return Optional.of(bid.add(ask).divide(BigDecimal.valueOf(2), MathContext.DECIMAL64));
    }

    private void watch(String coin) {
        if (!coins.add(coin)) {
            return;
        }
        if (!started) {
            synchronized (this) {
                if (!started) {
                    started = true;
                    client.start();
                    return;
                }
            }
        }
        client.send(subscribe(coin)).whenComplete((ok, failure) -> {
            if (failure != null) {
                LOG.debug("hyperliquid {}: l2Book {} is subscribed on the next connect ({})", venue, coin,
                        failure.getMessage());
            }
        });
    }

    private static String subscribe(String coin) {
        ObjectNode msg = HyperliquidJson.object();
        msg.put("method", "subscribe");
        msg.putObject("subscription").put("type", "l2Book").put("coin", coin);
        return HyperliquidJson.write(msg);
    }

    @Override
    public void onConnected(WebSocketSession session) {
        coins.forEach(c -> session.send(subscribe(c)));
    }

    @Override
    public void onMessage(WebSocketSession session, String text) {
        JsonNode node = HyperliquidJson.tree(text);
        if (!"l2Book".equals(node.path("channel").asText())) {
            return;
        }
        L2Book book = HyperliquidJson.convert(node.path("data"), L2Book.class);
        midOf(book).ifPresentOrElse(m -> mids.put(book.coin(), new Mid(m, clock.instant())), () -> mids.remove(book.coin()));
    }

    @Override
    public void onStateChange(ConnectionState state, String reason) {
        LOG.debug("hyperliquid {}: market data stream {} ({})", venue, state, reason);
    }

    @Override
    public void close() {
        client.close();
    }
}

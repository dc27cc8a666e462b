package io.fixbridge.venue.hyperliquid;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fixbridge.venue.RejectReason;
import io.fixbridge.venue.VenueError;
import io.fixbridge.venue.VenueException;
import io.fixbridge.venue.hyperliquid.dto.L2Book;

import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Mid prices for market orders: the {@code l2Book} channel of every coin a market order was sent for
 * (kept subscribed from the first use, on the adapter's one {@link MarketStream}, shared with market
 * data subscriptions), and {@code POST /info l2Book} when no book younger than {@code midMaxAge} is at
 * hand. A book with an empty side has no mid: such an order is refused (REJECTED OTHER, nothing to price
 * it against). Thread-safe.
 */
final class MidPrices {
    private final HyperliquidRest rest;
    private final MarketStream stream;
    private final Clock clock;
    private final Duration maxAge;

    MidPrices(HyperliquidConfig config, HyperliquidRest rest, MarketStream stream, Clock clock) {
        this.rest = rest;
        this.stream = stream;
        this.clock = clock;
        this.maxAge = config.midMaxAge();
    }

    /** The mid of {@code coin}: from the stream when fresh, else from a REST l2Book. */
    CompletableFuture<BigDecimal> mid(String coin) {
        stream.watchMid(coin);
        Optional<MarketStream.Mid> m = stream.mid(coin);
        if (m.isPresent() && m.get().at().plus(maxAge).isAfter(clock.instant())) {
            return CompletableFuture.completedFuture(m.get().price());
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
}

package io.fixbridge.venue.bybit;

import io.fixbridge.venue.ReferencePrice;
import io.fixbridge.venue.bybit.dto.Ticker;
import io.fixbridge.venue.kit.Poller;
import io.fixbridge.venue.kit.http.QueryString;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Supplier;

/**
 * The reference prices of every loaded instrument ({@link io.fixbridge.venue.VenueAdapter#referencePrice}),
 * polled from Bybit: per configured category one {@code GET /v5/market/tickers?category=...} for every
 * symbol each {@code referencePriceIntervalMs}, through {@link BybitRest} and its IP rate limit.
 *
 * <ul>
 *   <li>A symbol's price is the mid of {@code bid1Price} and {@code ask1Price}, else its mark price
 *       (linear, inverse), else its last price ({@link BybitTranslator#referencePrice}), as of the
 *       answer's {@code time} (the receipt time when Bybit sends none).</li>
 *   <li>Symbols the adapter has not loaded are skipped; a symbol without any usable price keeps its
 *       previous one, which ages.</li>
 *   <li>A failed poll changes nothing (the prices age; {@link ReferencePrice#asOf()} shows it) and is logged
 *       at WARN once per streak of failures, at INFO when polling works again.</li>
 * </ul>
 *
 * <p>Threading: polls run on the adapter's scheduler, one at a time per category: the next is scheduled
 * when the previous one has finished, so a slow answer never piles requests up. {@link #get} reads a
 * {@link ConcurrentHashMap}; it never blocks and is safe from any thread. Nothing here throws into the
 * scheduler.
 */
final class ReferencePrices implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ReferencePrices.class);

    private final BybitRest rest;
    private final Supplier<Symbols> symbols;
    private final Clock clock;
    private final Map<String, ReferencePrice> prices = new ConcurrentHashMap<>();
    private final List<Poller> pollers = new ArrayList<>();

    ReferencePrices(String venue, BybitRest rest, Set<BybitCategory> categories, Supplier<Symbols> symbols,
                    ScheduledExecutorService scheduler, Duration interval, Clock clock) {
        Objects.requireNonNull(venue, "venue");
        this.rest = Objects.requireNonNull(rest, "rest");
        this.symbols = Objects.requireNonNull(symbols, "symbols");
        this.clock = Objects.requireNonNull(clock, "clock");
        for (BybitCategory c : Set.copyOf(categories)) {
            pollers.add(new Poller("bybit venue " + venue + ": reference prices of " + c.wireName(), scheduler, interval,
                    () -> poll(c), LOG));
        }
    }

    /** Starts polling every category at once, then every interval; later calls do nothing. Never blocks. */
    void start() {
        pollers.forEach(Poller::start);
    }

    /** The latest price of {@code unifiedSymbol}, if a poll found one. */
    Optional<ReferencePrice> get(String unifiedSymbol) {
        return Optional.ofNullable(prices.get(unifiedSymbol));
    }

    /** Stops polling; a poll in flight finishes and schedules nothing more. */
    @Override
    public void close() {
        pollers.forEach(Poller::close);
    }

    private CompletableFuture<Void> poll(BybitCategory category) {
        return rest.getReply(BybitEndpoint.TICKERS, null, category,
                QueryString.builder().add("category", category.wireName()).build()).thenAccept(reply -> {
                    Instant asOf = reply.time() == null ? clock.instant() : Instant.ofEpochMilli(reply.time());
                    BybitTranslator.referencePrices(category, BybitJson.list(reply.result(), Ticker.class),
                            symbols.get(), asOf).forEach(p -> prices.put(p.symbol(), p));
                });
    }
}

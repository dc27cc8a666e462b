package io.fixbridge.venue.binance;

import io.fixbridge.venue.ReferencePrice;
import io.fixbridge.venue.binance.dto.BookTicker;
import io.fixbridge.venue.binance.dto.PremiumIndex;
import io.fixbridge.venue.binance.dto.TickerPrice;
import io.fixbridge.venue.kit.Poller;
import io.fixbridge.venue.kit.http.QueryString;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
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
 * polled from Binance: per market one request for every symbol each {@code referencePriceIntervalMs},
 * {@code GET /api/v3/ticker/bookTicker} (weight 4) and {@code GET /fapi/v1/ticker/bookTicker} (weight 5),
 * through the market's {@link BinanceRest} and its rate limiter.
 *
 * <ul>
 *   <li>A symbol's price is the mid of its best bid and ask ({@link BinanceTranslator#midPrice}), as of the
 *       answer's receipt (a futures entry's {@code time} is when its book last changed, not how current it is).</li>
 *   <li>When a TRADING instrument's book is one-sided, the same poll asks once for the fallback of every
 *       symbol: the mark price on futures ({@code GET /fapi/v1/premiumIndex}), the last price on spot
 *       ({@code GET /api/v3/ticker/price}). Binance's books of trading symbols are two-sided, so this costs
 *       nothing in the usual case; a symbol that is not trading keeps its previous price, which ages.</li>
 *   <li>Symbols the adapter has not loaded are skipped.</li>
 *   <li>A failed poll changes nothing (the prices age; {@link ReferencePrice#asOf()} shows it) and is logged
 *       at WARN once per streak of failures, at INFO when polling works again.</li>
 * </ul>
 *
 * <p>Threading: polls run on the adapter's scheduler, one at a time per market: the next is scheduled when
 * the previous one has finished, so a slow answer never piles requests up. {@link #get} reads a
 * {@link ConcurrentHashMap}; it never blocks and is safe from any thread. Nothing here throws into the
 * scheduler.
 */
final class ReferencePrices implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ReferencePrices.class);

    private final Map<BinanceMarket, BinanceRest> rest;
    private final Supplier<Symbols> symbols;
    private final Clock clock;
    private final Map<String, ReferencePrice> prices = new ConcurrentHashMap<>();
    private final Map<BinanceMarket, Poller> pollers = new EnumMap<>(BinanceMarket.class);

    ReferencePrices(String venue, Map<BinanceMarket, BinanceRest> rest, Supplier<Symbols> symbols,
                    ScheduledExecutorService scheduler, Duration interval, Clock clock) {
        Objects.requireNonNull(venue, "venue");
        this.rest = Map.copyOf(rest);
        this.symbols = Objects.requireNonNull(symbols, "symbols");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.rest.keySet().forEach(m -> pollers.put(m, new Poller("binance venue " + venue + ": reference prices of "
                + m.configName(), scheduler, interval, () -> poll(m), LOG)));
    }

    /** Starts polling every market at once, then every interval; later calls do nothing. Never blocks. */
    void start() {
        pollers.values().forEach(Poller::start);
    }

    /** The latest price of {@code unifiedSymbol}, if a poll found one. */
    Optional<ReferencePrice> get(String unifiedSymbol) {
        return Optional.ofNullable(prices.get(unifiedSymbol));
    }

    /** Stops polling; a poll in flight finishes and schedules nothing more. */
    @Override
    public void close() {
        pollers.values().forEach(Poller::close);
    }

    private CompletableFuture<Void> poll(BinanceMarket market) {
        BinanceRest r = rest.get(market);
        BinanceEndpoint endpoint = market == BinanceMarket.SPOT ? BinanceEndpoint.SPOT_BOOK_TICKER
                : BinanceEndpoint.FUTURES_BOOK_TICKER;
        return r.send(endpoint, null, QueryString.empty(), false, BookTicker[].class).thenCompose(tickers -> {
            BinanceTranslator.MidPrices mids = BinanceTranslator.midPrices(market, tickers, symbols.get(),
                    clock.instant());
            mids.prices().forEach(this::put);
            return mids.oneSided().isEmpty() ? CompletableFuture.completedFuture(null)
                    : fallback(market, r, mids.oneSided());
        });
    }

    /** Mark (futures) or last (spot) prices for the Binance symbols {@code oneSided}, in one request. */
    private CompletableFuture<Void> fallback(BinanceMarket market, BinanceRest r, Set<String> oneSided) {
        if (market == BinanceMarket.FUTURES) {
            return r.send(BinanceEndpoint.FUTURES_PREMIUM_INDEX, null, QueryString.empty(), false,
                    PremiumIndex[].class).thenAccept(all -> BinanceTranslator.markPrices(all, oneSided, symbols.get())
                    .forEach(this::put));
        }
        return r.send(BinanceEndpoint.SPOT_TICKER_PRICE, null, QueryString.empty(), false, TickerPrice[].class)
                .thenAccept(all -> BinanceTranslator.lastPrices(all, oneSided, symbols.get(), clock.instant())
                        .forEach(this::put));
    }

    private void put(ReferencePrice price) {
        prices.put(price.symbol(), price);
    }
}

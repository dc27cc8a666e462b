package io.fixbridge.venue.ccxt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fixbridge.venue.Instrument;
import io.fixbridge.venue.ReferencePrice;
import io.fixbridge.venue.ccxt.dto.CcxtPrice;
import io.fixbridge.venue.kit.Poller;
import io.fixbridge.venue.kit.json.VenueJson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Supplier;

/**
 * The reference price of every loaded market ({@link io.fixbridge.venue.VenueAdapter#referencePrice}), polled
 * through the sidecar's {@code fetchReferencePrices} (ccxt's fetchBidsAsks where the exchange has it, else
 * fetchTickers; one call per market type) on the first account's ccxt instance (market data is public), every
 * {@code referencePriceIntervalMs} after the previous answer (never two polls at once), from {@link #start()}
 * until {@link #close()}. A price is as of the answer's receipt ({@link CcxtTranslator#referencePrice}). ccxt's
 * watchTickers/watchBidsAsks are not used: a snapshot a second is what the checks need, on every exchange alike.
 *
 * <p>Errors: a failed poll (no markets yet, sidecar restarting, network, exchange error, an answer that does not
 * read) is logged at WARN once per failure streak (INFO when polls succeed again, {@link Poller}) and the poll
 * goes on at the same pace; meanwhile the prices held age. Nothing here throws into the scheduler.
 *
 * <p>Threading: {@link #price} answers from a {@link ConcurrentHashMap}, from any thread, without I/O. Polls run
 * on the adapter's scheduler and the sidecar's threads. Thread-safe.
 */
final class ReferencePrices implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ReferencePrices.class);
    private static final ObjectMapper JSON = VenueJson.mapper();

    private final String account;
    private final long timeoutMs;
    private final Sidecar sidecar;
    private final Supplier<Markets> markets;
    private final Clock clock;
    private final Map<String, ReferencePrice> prices = new ConcurrentHashMap<>();
    private final Poller poller;

    ReferencePrices(String label, CcxtConfig config, ScheduledExecutorService scheduler, Sidecar sidecar,
                    Supplier<Markets> markets, Clock clock) {
        this.account = config.accountNames().get(0);
        this.timeoutMs = config.answerTimeoutMs();
        this.sidecar = sidecar;
        this.markets = markets;
        this.clock = clock;
        this.poller = new Poller(label + ": reference prices", scheduler,
                Duration.ofMillis(config.referencePriceIntervalMs()), this::poll, LOG);
    }

    /** The latest reference price of {@code symbol}; empty before the first one or for a symbol not loaded. */
    Optional<ReferencePrice> price(String symbol) {
        return symbol == null ? Optional.empty() : Optional.ofNullable(prices.get(symbol));
    }

    /** Starts polling now (once; later calls do nothing); returns at once. */
    void start() {
        poller.start();
    }

    /** One fetchReferencePrices of every loaded market; fails while there is nothing to ask or no sidecar to ask. */
    private CompletableFuture<Void> poll() {
        List<Instrument> instruments = markets.get().instruments();
        if (instruments.isEmpty()) {
            return CompletableFuture.failedFuture(new IllegalStateException("no markets are loaded yet"));
        }
        if (!sidecar.isUp()) {
            // restarting: its supervisor reports that; the prices age meanwhile
            return CompletableFuture.failedFuture(new IllegalStateException("the sidecar is not up"));
        }
        ObjectNode p = JSON.createObjectNode();
        p.put("account", account);
        ArrayNode symbols = p.putArray("symbols");
        instruments.forEach(i -> symbols.add(i.symbol()));
        return sidecar.request("fetchReferencePrices", p, timeoutMs).thenAccept(this::apply);
    }

    private void apply(JsonNode answer) {
        List<CcxtPrice> list = new ArrayList<>();
        for (JsonNode n : answer.path("prices")) {
            try {
                list.add(JSON.treeToValue(n, CcxtPrice.class));
            } catch (com.fasterxml.jackson.core.JsonProcessingException | IllegalArgumentException e) {
                throw new UnknownVenueValueException("the sidecar sent a price this adapter cannot read: "
                        + e.getMessage());
            }
        }
        CcxtTranslator.referencePrices(list, clock.instant()).forEach(r -> prices.put(r.symbol(), r));
    }

    @Override
    public void close() {
        poller.close();
    }
}

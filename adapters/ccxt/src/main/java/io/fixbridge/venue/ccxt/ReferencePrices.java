package io.fixbridge.venue.ccxt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fixbridge.venue.Instrument;
import io.fixbridge.venue.ReferencePrice;
import io.fixbridge.venue.ccxt.dto.CcxtPrice;
import io.fixbridge.venue.kit.json.VenueJson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * The reference price of every loaded market ({@link io.fixbridge.venue.VenueAdapter#referencePrice}), polled
 * through the sidecar's {@code fetchReferencePrices} (ccxt's fetchBidsAsks where the exchange has it, else
 * fetchTickers; one call per market type) on the first account's ccxt instance (market data is public), every
 * {@code referencePriceIntervalMs} after the previous answer (never two polls at once), from {@link #start()}
 * until {@link #close()}. A price is as of the answer's receipt ({@link CcxtTranslator#referencePrice}). ccxt's
 * watchTickers/watchBidsAsks are not used: a snapshot a second is what the checks need, on every exchange alike.
 *
 * <p>Errors: a failed poll (sidecar restarting, network, exchange error) is logged at WARN once per failure
 * streak (INFO when prices come again) and the poll goes on at the same pace; meanwhile the prices held age.
 * Nothing here throws into the scheduler.
 *
 * <p>Threading: {@link #price} answers from a {@link ConcurrentHashMap}, from any thread, without I/O. Polls run
 * on the adapter's scheduler and the sidecar's threads. Thread-safe.
 */
final class ReferencePrices implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ReferencePrices.class);
    private static final ObjectMapper JSON = VenueJson.mapper();

    private final String label;
    private final String account;
    private final long intervalMs;
    private final long timeoutMs;
    private final ScheduledExecutorService scheduler;
    private final Sidecar sidecar;
    private final Supplier<Markets> markets;
    private final Clock clock;
    private final Map<String, ReferencePrice> prices = new ConcurrentHashMap<>();
    private final AtomicBoolean started = new AtomicBoolean();
    /** Whether a failure has been logged and no answer has come since: the streak goes on quietly. */
    private final AtomicBoolean failing = new AtomicBoolean();
    private volatile boolean closed;
    private volatile ScheduledFuture<?> next;

    ReferencePrices(String label, CcxtConfig config, ScheduledExecutorService scheduler, Sidecar sidecar,
                    Supplier<Markets> markets, Clock clock) {
        this.label = label;
        this.account = config.accountNames().get(0);
        this.intervalMs = config.referencePriceIntervalMs();
        this.timeoutMs = config.answerTimeoutMs();
        this.scheduler = scheduler;
        this.sidecar = sidecar;
        this.markets = markets;
        this.clock = clock;
    }

    /** The latest reference price of {@code symbol}; empty before the first one or for a symbol not loaded. */
    Optional<ReferencePrice> price(String symbol) {
        return symbol == null ? Optional.empty() : Optional.ofNullable(prices.get(symbol));
    }

    /** Starts polling now (once; later calls do nothing); returns at once. */
    void start() {
        if (started.compareAndSet(false, true)) {
            schedule(0);
        }
    }

    private void schedule(long delayMs) {
        if (closed) {
            return;
        }
        try {
            next = scheduler.schedule(this::poll, delayMs, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            LOG.debug("{}: reference prices stop, the scheduler is shut down", label);
        }
    }

    private void poll() {
        try {
            List<Instrument> instruments = markets.get().instruments();
            if (closed || instruments.isEmpty() || !sidecar.isUp()) {
                // not connected yet, or the sidecar restarting (its supervisor reports that): the prices age
                schedule(intervalMs);
                return;
            }
            ObjectNode p = JSON.createObjectNode();
            p.put("account", account);
            ArrayNode symbols = p.putArray("symbols");
            instruments.forEach(i -> symbols.add(i.symbol()));
            sidecar.request("fetchReferencePrices", p, timeoutMs).whenComplete((answer, failure) -> {
                try {
                    if (failure != null) {
                        failed(failure.getMessage());
                    } else {
                        apply(answer);
                    }
                } catch (RuntimeException e) {
                    failed("the answer could not be read: " + e.getMessage());
                } finally {
                    schedule(intervalMs);
                }
            });
        } catch (RuntimeException e) {
            failed(e.toString());
            schedule(intervalMs);
        }
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
        if (failing.compareAndSet(true, false)) {
            LOG.info("{}: reference prices come again ({})", label, answer.path("source").asText());
        }
    }

    /** WARN for the first failure of a streak; the rest of the streak at DEBUG. */
    private void failed(String why) {
        if (closed) {
            return;
        }
        if (failing.compareAndSet(false, true)) {
            LOG.warn("{}: fetching the reference prices failed ({}); they age until a poll succeeds, tried every {} ms",
                    label, why, intervalMs);
        } else {
            LOG.debug("{}: fetching the reference prices failed again ({})", label, why);
        }
    }

    @Override
    public void close() {
        closed = true;
        ScheduledFuture<?> task = next;
        if (task != null) {
            task.cancel(false);
        }
    }
}

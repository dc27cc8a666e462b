package io.fixbridge.venue.bybit;

import io.fixbridge.venue.kit.EventGate;
import io.fixbridge.venue.kit.GapFillRetry;

import io.fixbridge.venue.OrderEvent;
import io.fixbridge.venue.bybit.dto.BybitOrder;
import io.fixbridge.venue.bybit.dto.Execution;
import io.fixbridge.venue.kit.VenueCalls;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Supplier;

/**
 * Turns what the private streams report into order events, and fills the gap after a stream
 * reconnects. Stream messages arrive on the kit's callback threads and are handed to the
 * {@link EventGate}'s thread, where the {@link OrderTracker} decides what reaches the gateway.
 *
 * <p>Gap fill: once a reconnected stream is authenticated and subscribed again, every order of that
 * account the tracker does not know to be done is queried over REST with its executions
 * ({@link OrderQueries}) and whatever the stream missed is emitted: fills by their execIds (the
 * tracker drops the ones already reported), the end of the order. An order Bybit does not have (a
 * submit whose outcome was unknown and that never arrived) is forgotten, unless its request was in
 * flight when it was queried or still is: Bybit not having it yet proves nothing, and the request's
 * own answer settles it. A query that fails is asked again after a growing delay
 * ({@link GapFillRetry}) for as long as the order is remembered: an open order's missed fill has no
 * other way back to the gateway. A stream message that cannot be read is made up for the same way:
 * the stream asks for a gap fill of its account.
 *
 * <p>Messages of orders without an orderLinkId (placed elsewhere, not by the gateway) are skipped. A
 * status Bybit adds later fails the translation loudly: an ERROR names the value and the message is
 * not applied (never guessed).
 */
final class StreamEvents {
    private static final Logger LOG = LoggerFactory.getLogger(StreamEvents.class);

    /** Where an order stands at Bybit: {@link OrderQueries#fetch}. */
    @FunctionalInterface
    interface Lookup {
        CompletableFuture<Optional<OrderQueries.State>> fetch(BybitRest.Signing signing, BybitInstrument instrument,
                                                              String clientOrderId);
    }

    private final String venue;
    private final EventGate<OrderTracker> gate;
    private final GapFillRetry gapRetry;
    private final Lookup queries;
    private final Supplier<Symbols> symbols;
    private final Map<String, BybitRest.Signing> signings;
    private final Clock clock;

    StreamEvents(String venue, EventGate<OrderTracker> gate, ScheduledExecutorService scheduler, Lookup queries,
                 Supplier<Symbols> symbols, Map<String, BybitRest.Signing> signings, Clock clock) {
        this.venue = venue;
        this.gate = gate;
        this.gapRetry = new GapFillRetry("bybit venue " + venue, scheduler);
        this.queries = queries;
        this.symbols = symbols;
        this.signings = Map.copyOf(signings);
        this.clock = clock;
    }

    /** One entry of an {@code order} topic message of {@code account}. */
    void order(String account, BybitOrder o) {
        if (o.orderLinkId() == null || o.orderLinkId().isBlank()) {
            LOG.debug("bybit venue {} account {}: order {} has no orderLinkId (not placed by the gateway); skipped",
                    venue, account, o.orderId());
            return;
        }
        gate.run(() -> {
            try {
                List<OrderEvent> translated = BybitTranslator.orderEvents(account, o, clock.instant());
                OrderTracker tracker = gate.tracker();
                tracker.locate(account, o.orderLinkId(), instrument(o.category(), o.symbol()));
                List<OrderEvent> out = new ArrayList<>();
                translated.forEach(e -> out.addAll(tracker.apply(e)));
                if (BybitOrderStatus.FILLED.wire().equals(o.orderStatus())) {
                    tracker.finished(account, o.orderLinkId(), BybitTranslator.dec(o.cumExecQty()));
                }
                gate.emit(out);
            } catch (UnknownVenueValueException e) {
                LOG.error("bybit venue {} account {}: {} (order {}); the update is not applied", venue, account,
                        e.getMessage(), o.orderLinkId());
            } catch (RuntimeException e) {
                LOG.error("bybit venue {} account {}: an order update of {} could not be applied", venue, account,
                        o.orderLinkId(), e);
            }
        });
    }

    /** One entry of an {@code execution} topic message of {@code account}. */
    void execution(String account, Execution e) {
        if (e.orderLinkId() == null || e.orderLinkId().isBlank() || !BybitTranslator.isOrderTrade(e)) {
            LOG.debug("bybit venue {} account {}: execution {} ({}) is not a fill of a gateway order; skipped", venue,
                    account, e.execId(), e.execType());
            return;
        }
        gate.run(() -> {
            try {
                BybitInstrument inst = instrument(e.category(), e.symbol());
                Optional<OrderEvent.Fill> fill = BybitTranslator.fill(account, e, inst);
                if (fill.isPresent()) {
                    gate.tracker().locate(account, e.orderLinkId(), inst);
                    gate.emit(gate.tracker().apply(fill.get()));
                }
            } catch (RuntimeException ex) {
                LOG.error("bybit venue {} account {}: execution {} of order {} could not be applied", venue, account,
                        e.execId(), e.orderLinkId(), ex);
            }
        });
    }

    /**
     * After a reconnect: query every order of {@code account} the tracker remembers, open or done
     * lately: an order's Filled update can arrive and its execution be lost with the connection.
     * Fills are deduplicated by execId and an order ends once, so asking again is harmless.
     */
    void fillGap(String account) {
        gate.run(() -> {
            List<OrderTracker.Tracked> open = gate.tracker().remembered(account);
            LOG.info("bybit venue {} account {}: private stream reconnected; checking {} recent orders over REST",
                    venue, account, open.size());
            BybitRest.Signing s = signings.get(account);
            for (OrderTracker.Tracked t : open) {
                try {
                    queryForGap(s, account, t, 1);
                } catch (RuntimeException e) {
                    LOG.error("bybit venue {} account {}: the gap fill of order {} failed unexpectedly; the "
                            + "gateway's status query will settle it", venue, account, t.clientOrderId(), e);
                }
            }
        });
    }

    /** On the event thread: queries one order and applies what its state tells; a failure is retried. */
    private void queryForGap(BybitRest.Signing s, String account, OrderTracker.Tracked t, int attempt) {
        if (t.symbol() == null) {
            return;
        }
        Optional<BybitInstrument> inst = symbols.get().unified(t.symbol());
        if (inst.isEmpty()) {
            return;
        }
        String id = t.clientOrderId();
        boolean inFlightWhenAsked = t.inFlight();
        queries.fetch(s, inst.get(), id).whenCompleteAsync((state, failure) -> {
            try {
                if (failure != null) {
                    retryGap(s, account, t, attempt, VenueCalls.unwrap(failure).getMessage());
                } else if (state.isPresent()) {
                    gate.emit(stateEvents(account, id, state.get(), inst.get()));
                } else if (inFlightWhenAsked || gate.tracker().inFlight(account, id)) {
                    LOG.debug("bybit venue {} account {}: Bybit does not have order {} yet; its request is in "
                            + "flight, so it is kept", venue, account, id);
                } else {
                    gate.tracker().forget(account, id);
                }
            } catch (RuntimeException e) {
                LOG.error("bybit venue {} account {}: the gap fill of order {} failed unexpectedly; the "
                        + "gateway's status query will settle it", venue, account, id, e);
            }
        }, gate.executor());
    }

    /** After a failed gap-fill query: asks again later while the order is still remembered. */
    private void retryGap(BybitRest.Signing s, String account, OrderTracker.Tracked t, int attempt, String why) {
        String id = t.clientOrderId();
        gapRetry.failed(account, id, attempt, why, next -> gate.run(() -> {
            if (gate.tracker().remembered(account).stream().anyMatch(r -> r.clientOrderId().equals(id))) {
                queryForGap(s, account, t, next);
            }
        }));
    }

    /**
     * On the event thread: what one order's state tells, through the tracker. When the answer cannot
     * be applied, the error is logged and nothing of it is emitted.
     */
    List<OrderEvent> stateEvents(String account, String clientOrderId, OrderQueries.State st, BybitInstrument inst) {
        OrderTracker tracker = gate.tracker();
        List<OrderEvent> out = new ArrayList<>();
        try {
            List<OrderEvent> events = BybitTranslator.stateEvents(account, st.order(), st.executions(), inst,
                    clock.instant());
            events.forEach(e -> out.addAll(tracker.apply(e)));
            if (BybitOrderStatus.FILLED.wire().equals(st.order().orderStatus())) {
                tracker.finished(account, clientOrderId, BybitTranslator.dec(st.order().cumExecQty()));
            }
        } catch (UnknownVenueValueException e) {
            LOG.error("bybit venue {} account {}: {}; the state of order {} is not applied", venue, account,
                    e.getMessage(), clientOrderId);
        }
        return out;
    }

    private BybitInstrument instrument(String category, String venueSymbol) {
        if (category == null || venueSymbol == null) {
            return null;
        }
        try {
            return symbols.get().venue(BybitCategory.fromWire(category), venueSymbol).orElse(null);
        } catch (UnknownVenueValueException e) {
            return null;
        }
    }
}

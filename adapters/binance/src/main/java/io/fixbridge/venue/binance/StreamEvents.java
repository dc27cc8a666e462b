package io.fixbridge.venue.binance;

import io.fixbridge.venue.kit.EventGate;
import io.fixbridge.venue.kit.GapFillRetry;

import io.fixbridge.venue.OrderEvent;
import io.fixbridge.venue.binance.dto.ExecutionReport;
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
 * Turns what the user-data streams report into order events, and fills the gap after a stream
 * reconnects. Stream frames arrive on the kit's callback threads and are handed to the
 * {@link EventGate}'s thread, where the {@link OrderTracker} decides what reaches the gateway.
 *
 * <p>Gap fill: after a spot subscription is renewed or a futures stream reconnects, every order of
 * that account and market the tracker does not know to be done is queried over REST with its
 * trades ({@link OrderQueries}) and whatever the stream missed is emitted: fills with the venue's
 * trade ids (the tracker drops the ones already reported), the end of the order (Canceled,
 * Expired; FILLED marks it done and its last fill says so). An order Binance does not have (a submit
 * whose outcome was unknown and that never arrived) is forgotten, unless its request was in flight
 * when it was queried or still is: then Binance not having it yet proves nothing, and the request's
 * own answer settles it. A query that fails, or an answer that cannot be applied, is logged (ERROR
 * for the unexpected) and the other orders are still filled; the gateway's own status query settles
 * such an order.
 *
 * <p>A status, execution type or side Binance adds later fails the translation loudly: an ERROR
 * names the value and the event is not applied (never guessed).
 */
final class StreamEvents {
    private static final Logger LOG = LoggerFactory.getLogger(StreamEvents.class);

    /** Where an order stands at Binance: {@link OrderQueries#fetch}. */
    @FunctionalInterface
    interface Lookup {
        CompletableFuture<Optional<OrderQueries.State>> fetch(BinanceRest.Signing signing, BinanceInstrument instrument,
                                                              String clientOrderId, boolean algoFirst);
    }

    private final String venue;
    private final EventGate<OrderTracker> gate;
    private final GapFillRetry gapRetry;
    private final Lookup queries;
    private final Supplier<Symbols> symbols;
    private final Map<String, BinanceRest.Signing> signings;
    private final Clock clock;

    StreamEvents(String venue, EventGate<OrderTracker> gate, ScheduledExecutorService scheduler, Lookup queries,
                 Supplier<Symbols> symbols, Map<String, BinanceRest.Signing> signings, Clock clock) {
        this.venue = venue;
        this.gate = gate;
        this.gapRetry = new GapFillRetry("binance venue " + venue, scheduler);
        this.queries = queries;
        this.symbols = symbols;
        this.signings = Map.copyOf(signings);
        this.clock = clock;
    }

    /** A spot executionReport of {@code account}. */
    void spotReport(String account, ExecutionReport report) {
        gate.run(() -> {
            List<OrderEvent> translated;
            try {
                translated = BinanceTranslator.events(account, report);
            } catch (UnknownVenueValueException e) {
                LOG.error("binance venue {} account {}: {} (order {}); the event is not applied", venue, account,
                        e.getMessage(), report.ownClientOrderId());
                return;
            }
            OrderTracker tracker = gate.tracker();
            List<OrderEvent> out = new ArrayList<>();
            translated.forEach(e -> out.addAll(tracker.apply(e)));
            if ("FILLED".equals(report.orderStatus())) {
                tracker.finished(account, report.ownClientOrderId());
            }
            gate.emit(out);
        });
    }

    /** A futures user-stream frame of {@code account}. */
    void futuresFrame(String account, StreamFrames.FuturesFrame frame) {
        gate.run(() -> {
            OrderTracker tracker = gate.tracker();
            try {
                if (frame instanceof StreamFrames.OrderUpdate u) {
                    var o = u.update().order();
                    gate.emit(tracker.applyFutures(account, o.symbol(), o.orderId(), o.strategyId(),
                            BinanceTranslator.events(account, u.update()), "FILLED".equals(o.orderStatus())));
                } else if (frame instanceof StreamFrames.AlgoOrderUpdate a) {
                    List<OrderEvent> out = new ArrayList<>();
                    BinanceTranslator.events(account, a.update()).forEach(e -> out.addAll(tracker.apply(e)));
                    var o = a.update().order();
                    if (o.actualOrderId() != null && !o.actualOrderId().isBlank()) {
                        out.addAll(tracker.linkChild(account, o.clientAlgoId(), String.valueOf(o.algoId()),
                                o.actualOrderId()));
                    }
                    gate.emit(out);
                }
            } catch (UnknownVenueValueException e) {
                LOG.error("binance venue {} account {}: {}; the futures event is not applied", venue, account,
                        e.getMessage());
            }
        });
    }

    /** After a reconnect: query every order of {@code account} on {@code market} not known to be done. */
    void fillGap(String account, BinanceMarket market) {
        gate.run(() -> {
            List<OrderTracker.Tracked> open = gate.tracker().open(account, market);
            LOG.info("binance venue {} account {}: {} stream reconnected; checking {} open orders over REST", venue,
                    account, market.configName(), open.size());
            BinanceRest.Signing s = signings.get(account);
            for (OrderTracker.Tracked t : open) {
                try {
                    queryForGap(s, account, t, 1);
                } catch (RuntimeException e) {
                    LOG.error("binance venue {} account {}: the gap fill of order {} failed unexpectedly; the "
                            + "gateway's status query will settle it", venue, account, t.clientOrderId(), e);
                }
            }
        });
    }

    /** On the event thread: queries one order and applies what its state tells; a failure is retried. */
    private void queryForGap(BinanceRest.Signing s, String account, OrderTracker.Tracked t, int attempt) {
        Optional<BinanceInstrument> inst = symbols.get().unified(t.symbol());
        if (inst.isEmpty()) {
            return;
        }
        String id = t.clientOrderId();
        boolean inFlightWhenAsked = t.inFlight();
        queries.fetch(s, inst.get(), id, t.algo()).whenCompleteAsync((state, failure) -> {
            try {
                if (failure != null) {
                    String why = VenueCalls.unwrap(failure).getMessage();
                    gapRetry.failed(account, id, attempt, why, next -> gate.run(() -> {
                        if (gate.tracker().open(account, t.market()).stream()
                                .anyMatch(o -> o.clientOrderId().equals(id))) {
                            queryForGap(s, account, t, next);
                        }
                    }));
                } else if (state.isPresent()) {
                    gate.emit(stateEvents(account, id, state.get()));
                } else if (inFlightWhenAsked || gate.tracker().inFlight(account, id)) {
                    LOG.debug("binance venue {} account {}: Binance does not have order {} yet; its request is in "
                            + "flight, so it is kept", venue, account, id);
                } else {
                    gate.tracker().forget(account, id);
                }
            } catch (RuntimeException e) {
                LOG.error("binance venue {} account {}: the gap fill of order {} failed unexpectedly; the "
                        + "gateway's status query will settle it", venue, account, id, e);
            }
        }, gate.executor());
    }

    /**
     * On the event thread: what one order's state tells, through the tracker. When the answer cannot
     * be applied, the error is logged and what already passed the tracker is still returned (it must
     * reach the gateway: the tracker will not let it through again).
     */
    List<OrderEvent> stateEvents(String account, String clientOrderId, OrderQueries.State st) {
        OrderTracker tracker = gate.tracker();
        List<OrderEvent> out = new ArrayList<>();
        try {
            if (st.algo() != null) {
                String id = st.algo().clientAlgoId();
                List<OrderEvent> events = BinanceTranslator.stateEvents(account, st.algo(), st.child(), st.trades(),
                        clock.instant());
                if (st.child() != null) {
                    out.addAll(tracker.linkChild(account, id, String.valueOf(st.algo().algoId()),
                            String.valueOf(st.child().orderId())));
                }
                events.forEach(e -> out.addAll(tracker.apply(e)));
                if (st.child() != null && "FILLED".equals(st.child().status())) {
                    tracker.finished(account, id);
                }
            } else {
                List<OrderEvent> events = BinanceTranslator.stateEvents(account, st.order(), st.trades(),
                        clock.instant());
                events.forEach(e -> out.addAll(tracker.apply(e)));
                if ("FILLED".equals(st.order().status())) {
                    tracker.finished(account, st.order().clientOrderId());
                }
            }
        } catch (UnknownVenueValueException e) {
            LOG.error("binance venue {} account {}: {}; the gap fill of order {} is not applied", venue, account,
                    e.getMessage(), clientOrderId);
        } catch (RuntimeException e) {
            LOG.error("binance venue {} account {}: Binance's answer for order {} could not be applied; the "
                    + "gateway's status query will settle it", venue, account, clientOrderId, e);
        }
        return out;
    }
}

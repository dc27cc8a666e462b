package io.fixbridge.venue.bybit;

import io.fixbridge.venue.OrderEvent;
import io.fixbridge.venue.OrderRequest;
import io.fixbridge.venue.VenueError;
import io.fixbridge.venue.kit.TradeIds;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What the adapter knows about each order it has seen, and the one gate every order event passes
 * before it reaches the gateway. Bybit reports most things twice (the REST acknowledgement and the
 * private stream, and a gap fill after a reconnect), so the tracker:
 * <ul>
 *   <li>lets one Accepted through per order, one terminal event (Canceled, Expired, Rejected) per
 *       order, and each fill once (by execId);</li>
 *   <li>puts an order's Accepted before its first fill or end, so the gateway never hears of a fill
 *       for an order it does not know;</li>
 *   <li>turns a Rejected that arrives after the order was acknowledged (Bybit's create answer is an
 *       acknowledgement; the engine may still refuse, or cancel a post-only order that would take)
 *       into a Canceled with the reject's reason: the gateway already holds the order as live, and
 *       only an order never acknowledged can be rejected. A Rejected before any acknowledgement is
 *       remembered, so the create answer that comes later fails its submit with the same reason;</li>
 *   <li>marks the last fill {@code orderFilled} when Bybit's order update says Filled and the fills
 *       reach its filled quantity (executions usually say so themselves with leavesQty 0); marks the
 *       order done, so gap fills skip it and a cancel of it is TOO_LATE;</li>
 *   <li>lets an amend's Replaced through once per quantity and prices;</li>
 *   <li>keeps an order whose request (submit) is in flight: from {@link #submitted} until
 *       {@link #answered} it is never forgotten, since Bybit not knowing it yet proves nothing.</li>
 * </ul>
 *
 * <p>Retention: an order known to be done is remembered for {@link #RETENTION} after it was last
 * heard of (to drop late duplicates); any other order for the idle limit after it was last heard of,
 * then it is forgotten with a WARN: such an order was never settled here.
 *
 * <p>Not thread-safe: confined to the adapter's event thread.
 */
final class OrderTracker {
    private static final Logger LOG = LoggerFactory.getLogger(OrderTracker.class);

    /** How long terminal orders are remembered for de-duplication. */
    static final Duration RETENTION = Duration.ofMinutes(15);

    private final Duration idleLimit;
    private final Clock clock;
    private final Map<Key, Tracked> orders = new LinkedHashMap<>();

    OrderTracker(Duration idleLimit, Clock clock) {
        this.idleLimit = Objects.requireNonNull(idleLimit, "idleLimit");
        this.clock = Objects.requireNonNull(clock, "clock");
        if (idleLimit.compareTo(RETENTION) < 0) {
            throw new IllegalArgumentException("idleLimit " + idleLimit + " is shorter than the retention " + RETENTION);
        }
    }

    private record Key(String account, String clientOrderId) {
    }

    /** One order. */
    static final class Tracked {
        final String account;
        final String clientOrderId;
        BybitCategory category;
        String symbol;
        boolean spotStopOrder;
        String venueOrderId;
        boolean accepted;
        boolean terminal;
        /** The reject that passed before any acknowledgement, or null. */
        VenueError rejection;
        final TradeIds tradeIds = new TradeIds();
        BigDecimal filledSum = BigDecimal.ZERO;
        /** The filled quantity of Bybit's Filled update, or null. */
        BigDecimal venueFilledQuantity;
        boolean lastFillFlagged;
        BigDecimal lastReplacedQuantity;
        BigDecimal lastReplacedPrice;
        BigDecimal lastReplacedStopPrice;
        Instant lastUpdate;
        int inFlight;

        Tracked(String account, String clientOrderId, Instant now) {
            this.account = account;
            this.clientOrderId = clientOrderId;
            this.lastUpdate = now;
        }

        boolean open() {
            return !terminal;
        }

        boolean inFlight() {
            return inFlight > 0;
        }

        String account() {
            return account;
        }

        String clientOrderId() {
            return clientOrderId;
        }

        BybitCategory category() {
            return category;
        }

        String symbol() {
            return symbol;
        }

        boolean spotStopOrder() {
            return spotStopOrder;
        }

        String venueOrderId() {
            return venueOrderId;
        }
    }

    // ------------------------------------------------------------------ registration

    /** An order about to be sent: in flight until {@link #answered}. */
    void submitted(OrderRequest order, BybitInstrument instrument, boolean spotStopOrder) {
        Tracked t = track(order.account(), order.clientOrderId());
        t.category = instrument.category();
        t.symbol = instrument.symbol();
        t.spotStopOrder = spotStopOrder;
        t.inFlight++;
    }

    /**
     * An open order this adapter did not place in this process (the gateway placed it before a
     * restart and asks about it now): followed from now on like one it placed, so a stream gap is
     * filled for it too. What an earlier stream event already taught about it (venue order id,
     * accepted, done, execIds) is kept; no-op when its instrument is already known. Event thread only.
     */
    void adopt(String account, String clientOrderId, BybitInstrument instrument, boolean spotStopOrder) {
        Tracked known = orders.get(new Key(account, clientOrderId));
        if (known != null && known.category != null) {
            return;
        }
        Tracked t = track(account, clientOrderId);
        t.category = instrument.category();
        t.symbol = instrument.symbol();
        t.spotStopOrder = spotStopOrder;
    }

    /** The answer (or failure) of the request {@link #submitted} announced is being handled. */
    void answered(String account, String clientOrderId) {
        Tracked t = orders.get(new Key(account, clientOrderId));
        if (t != null && t.inFlight > 0) {
            t.inFlight--;
            t.lastUpdate = clock.instant();
        }
    }

    /** Whether a request about the order is in flight. */
    boolean inFlight(String account, String clientOrderId) {
        Tracked t = orders.get(new Key(account, clientOrderId));
        return t != null && t.inFlight();
    }

    /** Notes the instrument of an order first heard of from the stream or a query. */
    void locate(String account, String clientOrderId, BybitInstrument instrument) {
        Tracked t = orders.get(new Key(account, clientOrderId));
        if (t != null && t.category == null && instrument != null) {
            t.category = instrument.category();
            t.symbol = instrument.symbol();
        }
    }

    // ------------------------------------------------------------------ events

    /**
     * The events to emit for one event Bybit reported (stream, REST or a gap fill), after
     * de-duplication and the rules above. Events of orders never seen are let through and remembered.
     */
    List<OrderEvent> apply(OrderEvent e) {
        Tracked t = track(e.account(), e.clientOrderId());
        List<OrderEvent> out = new ArrayList<>(2);
        if (e instanceof OrderEvent.Accepted a) {
            if (t.venueOrderId == null) {
                t.venueOrderId = a.venueOrderId();
            }
            if (!t.accepted && !t.terminal) {
                t.accepted = true;
                out.add(a);
            }
            return out;
        }
        if (e instanceof OrderEvent.Fill f) {
            if (!t.tradeIds.add(f.tradeId())) {
                return out;
            }
            out.addAll(ensureAccepted(t, f.venueOrderId(), f.timestamp()));
            t.filledSum = t.filledSum.add(f.quantity());
            OrderEvent.Fill shown = f;
            if (!f.orderFilled() && t.venueFilledQuantity != null
                    && t.filledSum.compareTo(t.venueFilledQuantity) >= 0) {
                shown = BybitTranslator.withOrderFilled(f, true);
            }
            t.lastFillFlagged = shown.orderFilled();
            out.add(shown);
            return out;
        }
        if (e instanceof OrderEvent.Replaced r) {
            if (same(t.lastReplacedQuantity, r.quantity()) && same(t.lastReplacedPrice, r.price())
                    && same(t.lastReplacedStopPrice, r.stopPrice())) {
                return out;
            }
            t.lastReplacedQuantity = r.quantity();
            t.lastReplacedPrice = r.price();
            t.lastReplacedStopPrice = r.stopPrice();
            out.addAll(ensureAccepted(t, r.venueOrderId(), r.timestamp()));
            out.add(r);
            return out;
        }
        if (e instanceof OrderEvent.CancelRejected) {
            out.add(e);
            return out;
        }
        if (t.terminal) {
            return out;
        }
        if (e instanceof OrderEvent.Rejected r) {
            t.terminal = true;
            if (t.accepted) {
                VenueError err = r.error();
                out.add(new OrderEvent.Canceled(t.account, t.clientOrderId, t.venueOrderId,
                        err.message() + (err.code() == null ? "" : " [" + err.code() + "]"), r.timestamp()));
            } else {
                t.rejection = r.error();
                out.add(r);
            }
            return out;
        }
        String venueOrderId = e instanceof OrderEvent.Canceled c ? c.venueOrderId()
                : ((OrderEvent.Expired) e).venueOrderId();
        out.addAll(ensureAccepted(t, venueOrderId, e.timestamp()));
        t.terminal = true;
        out.add(e);
        return out;
    }

    /**
     * Bybit reports the order Filled with {@code filledQuantity}: it is done (no event; its fills are
     * the events). A fill still to come that completes this quantity is marked {@code orderFilled}.
     */
    void finished(String account, String clientOrderId, BigDecimal filledQuantity) {
        Tracked t = orders.get(new Key(account, clientOrderId));
        if (t != null) {
            t.terminal = true;
            t.lastUpdate = clock.instant();
            if (filledQuantity != null && filledQuantity.signum() > 0) {
                t.venueFilledQuantity = filledQuantity;
            }
        }
    }

    /** The reject that passed for this order before any acknowledgement, if any. */
    Optional<VenueError> rejection(String account, String clientOrderId) {
        Tracked t = orders.get(new Key(account, clientOrderId));
        return t == null ? Optional.empty() : Optional.ofNullable(t.rejection);
    }

    /**
     * Forgets orders known to be done and not heard of for {@link #RETENTION}, and orders not known
     * to be done, with no request in flight, not heard of for the idle limit (logged).
     */
    void expire() {
        Instant now = clock.instant();
        Instant doneHorizon = now.minus(RETENTION);
        Instant idleHorizon = now.minus(idleLimit);
        for (Iterator<Tracked> it = orders.values().iterator(); it.hasNext(); ) {
            Tracked t = it.next();
            boolean done = t.terminal && t.lastUpdate.isBefore(doneHorizon);
            boolean idle = !t.terminal && !t.inFlight() && t.lastUpdate.isBefore(idleHorizon);
            if (done || idle) {
                if (idle) {
                    LOG.warn("bybit account {}: forgetting order {} (venue order {}), not known to be done and not "
                            + "heard of since {} (idle limit {}); its end, if any, was never reported to this "
                            + "adapter", t.account, t.clientOrderId, t.venueOrderId, t.lastUpdate, idleLimit);
                }
                it.remove();
            }
        }
    }

    /** How many orders are remembered (for tests and diagnostics). */
    int size() {
        return orders.size();
    }

    Optional<Tracked> find(String account, String clientOrderId) {
        return Optional.ofNullable(orders.get(new Key(account, clientOrderId)));
    }

    /** Orders of {@code account} not known to be done, for a gap fill. */
    List<Tracked> open(String account) {
        return orders.values().stream().filter(t -> t.account.equals(account) && t.open()).toList();
    }

    /**
     * Every order of {@code account} still remembered: the open ones and those done within
     * {@link #RETENTION}, whose last executions a dropped connection may have carried away after
     * their order update (Bybit sends order and execution as separate messages).
     */
    List<Tracked> remembered(String account) {
        return orders.values().stream().filter(t -> t.account.equals(account)).toList();
    }

    /**
     * Forgets an order that was never placed (its submit was refused, or Bybit does not have it). An
     * order that was accepted or traded, or whose request is in flight, is kept.
     *
     * @return whether it was forgotten
     */
    boolean forget(String account, String clientOrderId) {
        Tracked t = orders.get(new Key(account, clientOrderId));
        if (t != null && !t.accepted && t.tradeIds.isEmpty() && !t.inFlight()) {
            orders.remove(new Key(account, clientOrderId));
            return true;
        }
        return false;
    }

    // ------------------------------------------------------------------ internals

    private Tracked track(String account, String clientOrderId) {
        Instant now = clock.instant();
        Tracked t = orders.computeIfAbsent(new Key(account, clientOrderId), k -> new Tracked(account, clientOrderId,
                now));
        t.lastUpdate = now;
        return t;
    }

    private List<OrderEvent> ensureAccepted(Tracked t, String venueOrderId, Instant at) {
        if (t.accepted) {
            return List.of();
        }
        if (t.venueOrderId == null) {
            t.venueOrderId = venueOrderId;
        }
        if (t.venueOrderId == null) {
            return List.of();
        }
        t.accepted = true;
        return List.of(new OrderEvent.Accepted(t.account, t.clientOrderId, t.venueOrderId, at));
    }

    private static boolean same(BigDecimal a, BigDecimal b) {
        return a == null ? b == null : b != null && a.compareTo(b) == 0;
    }
}

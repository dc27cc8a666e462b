package io.fixbridge.venue.hyperliquid;

import io.fixbridge.venue.OrderEvent;
import io.fixbridge.venue.OrderRequest;
import io.fixbridge.venue.OrderType;
import io.fixbridge.venue.TimeInForce;
import io.fixbridge.venue.VenueError;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What the adapter knows about each order it placed, and the one gate every order event passes before
 * it reaches the gateway. Hyperliquid reports things more than once (the /exchange answer, orderUpdates,
 * userFills and its snapshot after every reconnect, a gap-fill query), so the tracker:
 * <ul>
 *   <li>lets one Accepted through per order, one end (Canceled, Expired, Rejected) per order, and each
 *       fill once, by its {@code tid};</li>
 *   <li>puts an order's Accepted before its first fill or end;</li>
 *   <li>turns a Rejected after the order was accepted into a Canceled with the reason;</li>
 *   <li>marks the fill that completes the order's quantity {@code orderFilled};</li>
 *   <li>follows a modify: Hyperliquid cancels the order and gives the replacement a new oid and (here)
 *       the replacement's cloid. While the modify is in flight, stream entries of the new cloid are held
 *       and a cancel of the old oid is held; when it succeeds the order is known by the new client id,
 *       oid and quantity from then on (held entries of the new cloid are applied, the old oid's cancel
 *       is dropped); when it fails the held cancel is applied.</li>
 * </ul>
 * Orders are found by client order id, by cloid (old and new) and by oid (old and new).
 *
 * <p>Retention: an order known to be done is remembered for {@link #RETENTION} after it was last heard of;
 * any other for the idle limit, then forgotten with a WARN.
 *
 * <p>Not thread-safe: confined to the adapter's event thread.
 */
final class OrderTracker {
    private static final Logger LOG = LoggerFactory.getLogger(OrderTracker.class);
    static final Duration RETENTION = Duration.ofMinutes(15);

    private final Duration idleLimit;
    private final Clock clock;
    private final Map<Key, Tracked> byId = new LinkedHashMap<>();
    private final Map<Key, Tracked> byCloid = new HashMap<>();
    private final Map<Key, Tracked> byOid = new HashMap<>();

    private record Key(String account, String value) {
    }

    /** One order. */
    static final class Tracked {
        final String account;
        String clientOrderId;
        String cloid;
        String symbol;
        Long oid;
        boolean immediate;
        BigDecimal quantity;
        boolean accepted;
        boolean terminal;
        VenueError rejection;
        final Set<String> tradeIds = new HashSet<>();
        final Set<Long> oids = new HashSet<>();
        BigDecimal filled = BigDecimal.ZERO;
        final Instant placedAt;
        Instant lastUpdate;
        int inFlight;
        /** A modify in flight: the replacement's client id and cloid, and what the stream said meanwhile. */
        String pendingId;
        String pendingCloid;
        final List<OrderEvent> heldNew = new ArrayList<>();
        final List<OrderEvent> heldOldEnd = new ArrayList<>();
        Long pendingOid;
        /** The quantity Hyperliquid's answer says an IOC or market order filled in all, and its end held until then. */
        BigDecimal endAfterFilled;
        OrderEvent heldEnd;
        /** What had filled when the last modify succeeded (the new oid's own fills count on top). */
        BigDecimal filledBeforeModify = BigDecimal.ZERO;

        Tracked(String account, String clientOrderId, Instant now) {
            this.account = account;
            this.clientOrderId = clientOrderId;
            this.placedAt = now;
            this.lastUpdate = now;
        }

        boolean open() {
            return !terminal;
        }

        String clientOrderId() {
            return clientOrderId;
        }

        String cloid() {
            return cloid;
        }

        Long oid() {
            return oid;
        }

        String symbol() {
            return symbol;
        }

        boolean immediate() {
            return immediate;
        }

        Set<Long> oids() {
            return Set.copyOf(oids);
        }

        Instant placedAt() {
            return placedAt;
        }

        BigDecimal filled() {
            return filled;
        }
    }

    OrderTracker(Duration idleLimit, Clock clock) {
        this.idleLimit = Objects.requireNonNull(idleLimit, "idleLimit");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    // ------------------------------------------------------------------ registration

    /** An order about to be sent: in flight until {@link #answered}. */
    Tracked submitted(OrderRequest order, String symbol, String cloid) {
        Tracked t = track(order.account(), order.clientOrderId());
        t.cloid = cloid;
        t.symbol = symbol;
        t.quantity = order.quantity();
        t.immediate = order.type() == OrderType.MARKET || order.timeInForce() == TimeInForce.IOC;
        byCloid.put(new Key(order.account(), cloid), t);
        t.inFlight++;
        return t;
    }

    /** The answer (or failure) of the request {@link #submitted} announced is being handled. */
    void answered(String account, String clientOrderId) {
        Tracked t = byId.get(new Key(account, clientOrderId));
        if (t != null && t.inFlight > 0) {
            t.inFlight--;
            t.lastUpdate = clock.instant();
        }
    }

    /**
     * An order whose request is not known here (placed before a restart) is tracked from now on, so a
     * modify of it can be followed.
     */
    Tracked adopt(OrderRequest order, String symbol, String cloid, String venueOrderId) {
        Tracked t = track(order.account(), order.clientOrderId());
        t.cloid = cloid;
        t.symbol = symbol;
        t.quantity = order.quantity();
        t.accepted = true;
        byCloid.put(new Key(order.account(), cloid), t);
        noteOid(t, venueOrderId);
        return t;
    }

    /**
     * Hyperliquid answered that an IOC or market order filled {@code total} in all: when that is less than
     * its quantity the rest is over, and the order ends (Expired, or the cancel the stream reports) once
     * the fills reach {@code total}.
     */
    List<OrderEvent> venueFilled(Tracked t, BigDecimal total, Instant now) {
        if (total == null || !t.immediate || t.quantity == null || total.compareTo(t.quantity) >= 0 || t.terminal) {
            return List.of();
        }
        t.endAfterFilled = total;
        if (t.heldEnd == null) {
            t.heldEnd = new OrderEvent.Expired(t.account, t.clientOrderId, t.oid == null ? null : String.valueOf(t.oid),
                    now);
        }
        return releaseEnd(t);
    }

    /**
     * Hyperliquid reports that the order's current oid has filled {@code filledOfThisOrder} in all (its
     * origSz - sz in an order update that ends it): the end is held until the fills reach that quantity, so
     * the gateway hears of the fills before the end. Fills of the order before a modify count on top.
     */
    void venueFilledSoFar(Tracked t, BigDecimal filledOfThisOrder) {
        if (filledOfThisOrder == null || filledOfThisOrder.signum() <= 0 || t.terminal) {
            return;
        }
        BigDecimal target = t.filledBeforeModify.add(filledOfThisOrder);
        if (t.endAfterFilled == null || target.compareTo(t.endAfterFilled) > 0) {
            t.endAfterFilled = target;
        }
    }

    /**
     * Ends held for fills that have not come within {@code patience} are let through (logged): the fills
     * will be reported when they arrive, or found by the gateway's query.
     */
    List<OrderEvent> releaseStaleEnds(Duration patience) {
        Instant horizon = clock.instant().minus(patience);
        List<OrderEvent> out = new ArrayList<>();
        for (Tracked t : byId.values()) {
            if (t.heldEnd != null && !t.terminal && t.lastUpdate.isBefore(horizon)) {
                LOG.warn("hyperliquid account {}: order {} ended with {} filled of the {} Hyperliquid reported; "
                        + "its end is reported without waiting longer for the fills", t.account, t.clientOrderId,
                        t.filled, t.endAfterFilled);
                out.add(t.heldEnd);
                t.heldEnd = null;
                t.terminal = true;
            }
        }
        return out;
    }

    private List<OrderEvent> releaseEnd(Tracked t) {
        if (t.heldEnd == null || t.terminal || t.endAfterFilled == null || t.filled.compareTo(t.endAfterFilled) < 0) {
            return List.of();
        }
        OrderEvent end = t.heldEnd;
        t.heldEnd = null;
        t.terminal = true;
        return List.of(end);
    }

    /** Notes the oid of an order. */
    void oid(Tracked t, long oid) {
        if (t.oid == null) {
            t.oid = oid;
        }
        t.oids.add(oid);
        byOid.put(new Key(t.account, String.valueOf(oid)), t);
    }

    Optional<Tracked> find(String account, String clientOrderId) {
        return Optional.ofNullable(byId.get(new Key(account, clientOrderId)));
    }

    Optional<Tracked> byCloid(String account, String cloid) {
        return cloid == null ? Optional.empty() : Optional.ofNullable(byCloid.get(new Key(account,
                cloid.toLowerCase(java.util.Locale.ROOT))));
    }

    Optional<Tracked> byOid(String account, Long oid) {
        return oid == null ? Optional.empty() : Optional.ofNullable(byOid.get(new Key(account, String.valueOf(oid))));
    }

    /** Orders of {@code account} not known to be done, for a gap fill. */
    List<Tracked> open(String account) {
        return byId.values().stream().filter(t -> t.account.equals(account) && t.open()).distinct().toList();
    }

    /** Forgets an order that was never placed, unless accepted, traded or in flight. */
    boolean forget(String account, String clientOrderId) {
        Tracked t = byId.get(new Key(account, clientOrderId));
        if (t != null && !t.accepted && t.tradeIds.isEmpty() && t.inFlight == 0) {
            remove(t);
            return true;
        }
        return false;
    }

    /** The reject that passed for this order before any acknowledgement, if any. */
    Optional<VenueError> rejection(String account, String clientOrderId) {
        return find(account, clientOrderId).map(t -> t.rejection);
    }

    // ------------------------------------------------------------------ modify

    /** A modify of {@code t} to {@code newId} / {@code newCloid} is about to be sent. */
    void modifying(Tracked t, String newId, String newCloid) {
        t.pendingId = newId;
        t.pendingCloid = newCloid;
        t.pendingOid = null;
        t.heldNew.clear();
        t.heldOldEnd.clear();
        byCloid.put(new Key(t.account, newCloid), t);
        t.inFlight++;
    }

    /**
     * The modify succeeded: {@code t} is known by the new client id, cloid, oid and total quantity from
     * now on. Returns the Replaced (first) and the events the stream reported meanwhile about the new order.
     */
    List<OrderEvent> modified(Tracked t, Long newOid, OrderEvent.Replaced replaced) {
        t.inFlight = Math.max(0, t.inFlight - 1);
        Key oldKey = new Key(t.account, t.clientOrderId);
        if (!t.clientOrderId.equals(t.pendingId)) {
            byId.remove(oldKey);
            t.clientOrderId = t.pendingId;
            byId.put(new Key(t.account, t.clientOrderId), t);
        }
        t.cloid = t.pendingCloid;
        Long oid = newOid != null ? newOid : t.pendingOid;
        if (oid != null) {
            t.oid = oid;
            t.oids.add(oid);
            byOid.put(new Key(t.account, String.valueOf(oid)), t);
        }
        t.quantity = replaced.quantity();
        t.filledBeforeModify = t.filled;
        t.lastUpdate = clock.instant();
        List<OrderEvent> held = new ArrayList<>(t.heldNew);
        clearPending(t);
        List<OrderEvent> out = new ArrayList<>();
        out.add(replaced);
        for (OrderEvent e : held) {
            out.addAll(apply(e));
        }
        return out;
    }

    /** The modify failed: the order stands as it was; an end the stream reported meanwhile is applied. */
    List<OrderEvent> modifyFailed(Tracked t) {
        t.inFlight = Math.max(0, t.inFlight - 1);
        byCloid.remove(new Key(t.account, t.pendingCloid));
        List<OrderEvent> held = new ArrayList<>(t.heldOldEnd);
        clearPending(t);
        List<OrderEvent> out = new ArrayList<>();
        for (OrderEvent e : held) {
            out.addAll(apply(e));
        }
        return out;
    }

    private static void clearPending(Tracked t) {
        t.pendingId = null;
        t.pendingCloid = null;
        t.pendingOid = null;
        t.heldNew.clear();
        t.heldOldEnd.clear();
    }

    /**
     * A stream entry about the order known by {@code cloid} / {@code oid}, while a modify of it may be in
     * flight: entries of the replacement are held, an end of the old order is held; others go through.
     *
     * @param event the event, already carrying the tracked order's current client id
     */
    List<OrderEvent> fromStream(Tracked t, String cloid, Long oid, OrderEvent event) {
        if (t.pendingId != null) {
            // the replacement is known by its new oid once seen, else by its cloid on an oid that is not the
            // old order's (a replace may keep the client order id, and so the cloid)
            boolean ofNew = oid != null && oid.equals(t.pendingOid)
                    || cloid != null && cloid.equalsIgnoreCase(t.pendingCloid) && (oid == null || !t.oids.contains(oid));
            if (ofNew) {
                if (oid != null) {
                    t.pendingOid = oid;
                }
                if (!(event instanceof OrderEvent.Accepted)) {
                    t.heldNew.add(event);
                }
                return List.of();
            }
            if (event instanceof OrderEvent.Canceled || event instanceof OrderEvent.Expired
                    || event instanceof OrderEvent.Rejected) {
                t.heldOldEnd.add(event);
                return List.of();
            }
        } else if (oid != null && t.oid != null && !oid.equals(t.oid) && t.oids.contains(oid)
                && !(event instanceof OrderEvent.Fill)) {
            // the old order of a completed modify: its cancel is the modify itself
            return List.of();
        }
        return apply(event);
    }

    // ------------------------------------------------------------------ events

    /**
     * The events to emit for one event Hyperliquid reported, after de-duplication and the rules above.
     * Events of orders never seen are let through and remembered.
     */
    List<OrderEvent> apply(OrderEvent e) {
        Tracked t = track(e.account(), e.clientOrderId());
        List<OrderEvent> out = new ArrayList<>(2);
        if (e instanceof OrderEvent.Accepted a) {
            noteOid(t, a.venueOrderId());
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
            noteOid(t, f.venueOrderId());
            out.addAll(ensureAccepted(t, f.venueOrderId(), f.timestamp()));
            t.filled = t.filled.add(f.quantity());
            boolean complete = t.quantity != null && t.filled.compareTo(t.quantity) >= 0;
            out.add(complete && !f.orderFilled() ? withOrderFilled(f) : f);
            if (complete) {
                t.terminal = true;
            }
            out.addAll(releaseEnd(t));
            return out;
        }
        if (e instanceof OrderEvent.Replaced || e instanceof OrderEvent.CancelRejected) {
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
                out.add(new OrderEvent.Canceled(t.account, t.clientOrderId, t.oid == null ? null : String.valueOf(t.oid),
                        err.message() + (err.code() == null ? "" : " [" + err.code() + "]"), r.timestamp()));
            } else {
                t.rejection = r.error();
                out.add(r);
            }
            return out;
        }
        String venueOrderId = e instanceof OrderEvent.Canceled c ? c.venueOrderId()
                : ((OrderEvent.Expired) e).venueOrderId();
        if (t.endAfterFilled != null && t.filled.compareTo(t.endAfterFilled) < 0) {
            t.heldEnd = e;
            return out;
        }
        out.addAll(ensureAccepted(t, venueOrderId, e.timestamp()));
        t.terminal = true;
        out.add(e);
        return out;
    }

    /** Hyperliquid reports the order filled: it is done (its fills are the events). */
    void finished(Tracked t) {
        t.terminal = true;
        t.lastUpdate = clock.instant();
    }

    /** Forgets done orders not heard of for {@link #RETENTION} and others idle for the idle limit (logged). */
    void expire() {
        Instant now = clock.instant();
        List<Tracked> gone = new ArrayList<>();
        for (Iterator<Tracked> it = byId.values().iterator(); it.hasNext(); ) {
            Tracked t = it.next();
            boolean done = t.terminal && t.lastUpdate.isBefore(now.minus(RETENTION));
            boolean idle = !t.terminal && t.inFlight == 0 && t.lastUpdate.isBefore(now.minus(idleLimit));
            if (done || idle) {
                if (idle) {
                    LOG.warn("hyperliquid account {}: forgetting order {} (oid {}), not known to be done and not heard "
                            + "of since {}", t.account, t.clientOrderId, t.oid, t.lastUpdate);
                }
                gone.add(t);
            }
        }
        gone.forEach(this::remove);
    }

    int size() {
        return byId.size();
    }

    private void remove(Tracked t) {
        byId.values().removeIf(x -> x == t);
        byCloid.values().removeIf(x -> x == t);
        byOid.values().removeIf(x -> x == t);
    }

    private Tracked track(String account, String clientOrderId) {
        Instant now = clock.instant();
        Tracked t = byId.computeIfAbsent(new Key(account, clientOrderId), k -> new Tracked(account, clientOrderId, now));
        t.lastUpdate = now;
        return t;
    }

    private void noteOid(Tracked t, String venueOrderId) {
        if (venueOrderId == null) {
            return;
        }
        try {
            oid(t, Long.parseLong(venueOrderId));
        } catch (NumberFormatException e) {
            LOG.debug("hyperliquid account {}: venue order id {} is not an oid", t.account, venueOrderId);
        }
    }

    private List<OrderEvent> ensureAccepted(Tracked t, String venueOrderId, Instant at) {
        if (t.accepted) {
            return List.of();
        }
        String id = t.oid != null ? String.valueOf(t.oid) : venueOrderId;
        if (id == null) {
            return List.of();
        }
        t.accepted = true;
        return List.of(new OrderEvent.Accepted(t.account, t.clientOrderId, id, at));
    }

    private static OrderEvent.Fill withOrderFilled(OrderEvent.Fill f) {
        return new OrderEvent.Fill(f.account(), f.clientOrderId(), f.venueOrderId(), f.tradeId(), f.quantity(),
                f.price(), f.commission(), f.commissionAsset(), f.liquidity(), f.timestamp(), true);
    }
}

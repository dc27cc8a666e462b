package io.fixbridge.venue.hyperliquid;

import io.fixbridge.venue.OrderEvent;
import io.fixbridge.venue.OrderRequest;
import io.fixbridge.venue.OrderSnapshot;
import io.fixbridge.venue.OrderType;
import io.fixbridge.venue.TimeInForce;
import io.fixbridge.venue.VenueError;
import io.fixbridge.venue.kit.TradeIds;
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
import java.util.concurrent.CompletableFuture;

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
 *       is dropped); when it fails the held cancel is applied. Every oid the order had before a
 *       modify is retired: a later cancel of it is the modify itself and is dropped. Only a definitive
 *       refusal of the modify counts as failed; when its outcome is unknown the held entries stay held
 *       until the adapter has settled it ({@link #modified} or {@link #modifyFailed});</li>
 *   <li>holds an order's end until the fills Hyperliquid says made it have been reported
 *       ({@link #venueFilledSoFar}, {@link #venueFilled}); a cancel confirmed by the REST answer waits
 *       the same way ({@link #cancelConfirmed}), and {@link #releaseStaleEnds} lets a held end through
 *       when the fills do not come;</li>
 *   <li>holds an end the stream reports while the order's own answer is awaited: a refusal in the answer
 *       (a definitive REJECTED, which the submit reports) drops it, so the stream's status for such an order
 *       (an IOC's {@code iocCancelRejected}) is never a second end; any other answer, or none, lets it
 *       through ({@link #releaseEndBeforeAnswer}); an order Hyperliquid refused is remembered as done.</li>
 * </ul>
 * Orders are found by client order id, by cloid (old and new) and by oid (old and new).
 *
 * <p>Retention: an order known to be done is remembered for {@link #RETENTION} after it was last heard of,
 * then forgotten; an order not known to be done is never forgotten (it may still trade).
 *
 * <p>Not thread-safe: confined to the adapter's event thread.
 */
final class OrderTracker {
    private static final Logger LOG = LoggerFactory.getLogger(OrderTracker.class);
    static final Duration RETENTION = Duration.ofMinutes(15);

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
        final TradeIds tradeIds = new TradeIds();
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
        /** The oids the order had before a modify: their cancels are the modify itself. */
        final Set<Long> retiredOids = new HashSet<>();
        /** Whether the fills of a filled order that did not all come were fetched once. */
        boolean fillsFetched;
        /** An end the stream reported while the order's own answer was still awaited. */
        OrderEvent endBeforeAnswer;
        /** A cancel Hyperliquid confirmed, waiting for the order's end to be reported. */
        CompletableFuture<OrderEvent.Canceled> endWaiter;

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

        /** The replacement's cloid while a modify is in flight, else null. */
        String pendingCloid() {
            return pendingCloid;
        }

        /** The replacement's client order id while a modify is in flight, else null. */
        String pendingId() {
            return pendingId;
        }

        /** An immutable copy of what a query needs, for use off the event thread. */
        View view() {
            return new View(account, clientOrderId, cloid, oid, immediate, Set.copyOf(oids), filled, quantity,
                    filledBeforeModify, !retiredOids.isEmpty(), placedAt);
        }
    }

    /**
     * An immutable copy of a tracked order's identity, safe to read on any thread.
     *
     * @param oids               every oid the order has had (a modify gives a new one)
     * @param quantity           the order's total quantity (after a modify: the replacement's total)
     * @param filledBeforeModify what had filled when the last modify took effect
     * @param modified           whether the order was modified (its current oid is not its first)
     * @param placedAt           when the adapter first sent or saw the order
     */
    record View(String account, String clientOrderId, String cloid, Long oid, boolean immediate, Set<Long> oids,
                BigDecimal filled, BigDecimal quantity, BigDecimal filledBeforeModify, boolean modified,
                Instant placedAt) {
    }

    OrderTracker(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    // ------------------------------------------------------------------ registration

    /** An order about to be sent: in flight until {@link #answered}. */
    Tracked submitted(OrderRequest order, String symbol, String cloid) {
        Tracked earlier = byId.get(new Key(order.account(), order.clientOrderId()));
        if (earlier != null && earlier.terminal && !earlier.accepted && earlier.inFlight == 0) {
            remove(earlier);
        }
        Tracked t = track(order.account(), order.clientOrderId());
        t.cloid = cloid;
        t.symbol = symbol;
        t.quantity = order.quantity();
        t.immediate = order.type() == OrderType.MARKET || order.timeInForce() == TimeInForce.IOC;
        byCloid.put(new Key(order.account(), cloid), t);
        t.inFlight++;
        return t;
    }

    /** Whether an order with this client id is accepted or has a request in flight (a new one is a duplicate). */
    boolean busy(String account, String clientOrderId) {
        Tracked t = byId.get(new Key(account, clientOrderId));
        return t != null && (t.accepted || t.inFlight > 0);
    }

    /**
     * Hyperliquid refused the order definitively ({@code {"error"}} answer): it is done, and stream entries
     * about it (an IOC's {@code iocCancelRejected}) are dropped; it is forgotten after {@link #RETENTION}.
     */
    void refused(String account, String clientOrderId, VenueError error) {
        Tracked t = byId.get(new Key(account, clientOrderId));
        if (t != null && !t.accepted) {
            t.terminal = true;
            t.endBeforeAnswer = null;
            t.rejection = error;
            t.lastUpdate = clock.instant();
        }
    }

    /**
     * Hyperliquid confirmed a cancel of {@code t} ({@code "success"}). The Canceled goes out only after the
     * fills that Hyperliquid says the order had: {@code filledOfThisOrder} is what its current oid filled
     * (origSz - sz of an orderStatus answer), or null when that is not known, in which case the end waits
     * for the stream's canceled update (which carries it) or {@link #releaseStaleEnds}.
     *
     * @return the events to emit now (the Canceled, or nothing while it is held)
     */
    List<OrderEvent> cancelConfirmed(Tracked t, OrderEvent.Canceled canceled, BigDecimal filledOfThisOrder) {
        if (t.terminal) {
            return List.of();
        }
        if (filledOfThisOrder == null) {
            if (t.heldEnd == null) {
                t.heldEnd = canceled;
            }
            t.lastUpdate = clock.instant();
            return List.of();
        }
        venueFilledSoFar(t, filledOfThisOrder);
        return apply(canceled);
    }

    /**
     * The order's answer was not a refusal (it was accepted, or its outcome is unknown): an end the stream
     * reported meanwhile is applied now.
     */
    List<OrderEvent> releaseEndBeforeAnswer(String account, String clientOrderId) {
        Tracked t = byId.get(new Key(account, clientOrderId));
        if (t == null || t.endBeforeAnswer == null) {
            return List.of();
        }
        OrderEvent e = t.endBeforeAnswer;
        t.endBeforeAnswer = null;
        return apply(e);
    }

    /** {@code waiter} is completed (by the adapter) when {@code t}'s end is reported. */
    void awaitEnd(Tracked t, CompletableFuture<OrderEvent.Canceled> waiter) {
        t.endWaiter = waiter;
    }

    /** The cancel waiting for {@code t}'s end, once: the adapter completes it as the end goes out. */
    Optional<CompletableFuture<OrderEvent.Canceled>> takeEndWaiter(Tracked t) {
        CompletableFuture<OrderEvent.Canceled> w = t.endWaiter;
        t.endWaiter = null;
        return Optional.ofNullable(w);
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
     * An open order this adapter did not place in this process (the gateway placed it before a restart and
     * asks about it now): followed from now on like one it placed, so a stream gap is filled for it too.
     * {@code found} is what Hyperliquid answered about it: the order is accepted, its oid noted, and the fills
     * the answer carries count as reported (the gateway has them from the answer). What an earlier stream
     * event already taught about it is kept; no-op when it is already known by its cloid. Event thread only.
     */
    void adopt(OrderSnapshot found, String cloid) {
        Tracked known = byId.get(new Key(found.account(), found.clientOrderId()));
        if (known != null && known.cloid != null) {
            return;
        }
        Tracked t = track(found.account(), found.clientOrderId());
        t.cloid = cloid;
        t.symbol = found.symbol();
        if (t.quantity == null) {
            t.quantity = found.quantity();
        }
        t.accepted = true;
        byCloid.put(new Key(t.account, cloid), t);
        noteOid(t, found.venueOrderId());
        for (OrderEvent.Fill f : found.fills()) {
            if (t.tradeIds.add(f.tradeId())) {
                t.filled = t.filled.add(f.quantity());
            }
        }
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
        if (t.pendingId != null) {
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
        if (t.pendingId == null) {
            return List.of();
        }
        t.inFlight = Math.max(0, t.inFlight - 1);
        Key oldKey = new Key(t.account, t.clientOrderId);
        if (!t.clientOrderId.equals(t.pendingId)) {
            byId.remove(oldKey);
            t.clientOrderId = t.pendingId;
            byId.put(new Key(t.account, t.clientOrderId), t);
        }
        t.cloid = t.pendingCloid;
        Long oid = newOid != null ? newOid : t.pendingOid;
        t.retiredOids.addAll(t.oids);
        if (oid != null) {
            t.retiredOids.remove(oid);
        }
        // until the new oid is known, none is current: the next oid seen for the new cloid is it
        t.oid = oid;
        if (oid != null) {
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

    /**
     * The modify's request is answered but its outcome is not known yet (no answer, not an answer): what
     * the stream reports about the old and the new order stays held until {@link #modified} or
     * {@link #modifyFailed} settles it.
     */
    void modifyInDoubt(Tracked t) {
        t.inFlight = Math.max(0, t.inFlight - 1);
        t.lastUpdate = clock.instant();
    }

    /**
     * The modify failed (a definitive refusal, or the replacement does not exist): the order stands as it
     * was; an end the stream reported meanwhile is applied.
     */
    List<OrderEvent> modifyFailed(Tracked t) {
        if (t.pendingId == null) {
            return List.of();
        }
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
        } else if (oid != null && t.retiredOids.contains(oid) && !(event instanceof OrderEvent.Fill)) {
            // the old order of a completed modify: its cancel is the modify itself
            return List.of();
        } else if (t.inFlight > 0 && !t.accepted && !t.terminal && (event instanceof OrderEvent.Canceled
                || event instanceof OrderEvent.Expired || event instanceof OrderEvent.Rejected)) {
            // the order's own answer decides: a refusal there is the end, anything else lets this through
            t.endBeforeAnswer = event;
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

    /**
     * Hyperliquid reports the order's current oid filled, {@code filledOfThisOrder} in all (its origSz):
     * it is done; its fills are the events, and {@link #missingFills} names it when they do not all come.
     */
    void finished(Tracked t, BigDecimal filledOfThisOrder) {
        venueFilledSoFar(t, filledOfThisOrder);
        t.terminal = true;
        t.lastUpdate = clock.instant();
    }

    /**
     * Filled orders whose fills have not all come within {@code patience} of the venue saying so, once
     * each: the adapter fetches their fills ({@code userFillsByTime}).
     */
    List<Tracked> missingFills(Duration patience) {
        Instant horizon = clock.instant().minus(patience);
        List<Tracked> out = new ArrayList<>();
        for (Tracked t : byId.values()) {
            if (t.terminal && !t.fillsFetched && t.endAfterFilled != null && t.filled.compareTo(t.endAfterFilled) < 0
                    && t.lastUpdate.isBefore(horizon)) {
                t.fillsFetched = true;
                out.add(t);
            }
        }
        return out;
    }

    /**
     * Forgets done orders not heard of for {@link #RETENTION}. An order not known to be done is kept however
     * long it rests: it may still trade.
     */
    void expire() {
        Instant now = clock.instant();
        List<Tracked> gone = new ArrayList<>();
        for (Iterator<Tracked> it = byId.values().iterator(); it.hasNext(); ) {
            Tracked t = it.next();
            if (t.terminal && t.heldEnd == null && t.pendingId == null && t.endWaiter == null
                    && t.lastUpdate.isBefore(now.minus(RETENTION))) {
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

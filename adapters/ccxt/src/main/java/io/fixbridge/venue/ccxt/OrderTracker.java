package io.fixbridge.venue.ccxt;

import io.fixbridge.venue.OrderEvent;
import io.fixbridge.venue.OrderRequest;
import io.fixbridge.venue.OrderSnapshot;
import io.fixbridge.venue.OrderType;
import io.fixbridge.venue.RejectReason;
import io.fixbridge.venue.TimeInForce;
import io.fixbridge.venue.VenueError;
import io.fixbridge.venue.ccxt.CcxtTranslator.Status;
import io.fixbridge.venue.ccxt.dto.CcxtOrder;
import io.fixbridge.venue.ccxt.dto.CcxtTrade;
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
 * What the adapter knows about each order it placed, and the one gate every order event passes before it
 * reaches the gateway. ccxt reports the same thing several ways (the createOrder answer, watchOrders,
 * watchMyTrades, polling, a gap-fill query after a sidecar restart), so the tracker:
 * <ul>
 *   <li>lets one Accepted through per order, before its first fill or end; one end per order; each fill
 *       once, by its trade id;</li>
 *   <li>holds an order's end (canceled, expired, closed short of its quantity) until the fills reach what
 *       ccxt said was filled, so the gateway hears of the fills first; an end held longer than the patience
 *       is handed to the adapter ({@link #staleEnds}) to fetch the order's trades, and released with an ERROR
 *       ({@link #giveUp}) only when they are still missing;</li>
 *   <li>keeps a trade of no known order for {@link #UNMATCHED_PATIENCE} by its exchange order id and applies it
 *       when an order gets that id (a stream trade can arrive before the createOrder answer that names the
 *       order's id);</li>
 *   <li>treats a {@code closed} order with an unknown {@code filled} as unknown, not as an end: the adapter
 *       queries it ({@link Tracked#queryNeeded});</li>
 *   <li>marks the fill that completes the quantity {@code orderFilled};</li>
 *   <li>reports a canceled IOC, FOK or market order the gateway did not ask to cancel as Expired;</li>
 *   <li>turns a rejected status after acceptance into a Canceled with the reason.</li>
 * </ul>
 * Orders are found by client order id and by the exchange's order id (old and new after an edit). An order
 * not known to be done is never forgotten (the adapter refreshes open orders periodically); done orders are
 * forgotten after {@link #RETENTION}.
 *
 * <p>Not thread-safe: confined to the adapter's event thread.
 */
final class OrderTracker {
    private static final Logger LOG = LoggerFactory.getLogger(OrderTracker.class);
    static final Duration RETENTION = Duration.ofMinutes(15);
    /** How long a trade of no known order waits for an order to get its exchange order id. */
    static final Duration UNMATCHED_PATIENCE = Duration.ofSeconds(30);

    private final Clock clock;
    private final Map<Key, Tracked> byId = new LinkedHashMap<>();
    private final Map<Key, Tracked> byVenueId = new HashMap<>();
    private final Map<Key, List<Unmatched>> unmatched = new HashMap<>();

    private record Key(String account, String value) {
    }

    private record Unmatched(CcxtTrade trade, Instant since) {
    }

    /** One order. */
    static final class Tracked {
        final String account;
        String clientOrderId;
        final String symbol;
        String venueOrderId;
        BigDecimal quantity;
        final boolean immediate;
        /** The order's type as placed (null for an order adopted without it). */
        final OrderType type;
        boolean accepted;
        boolean terminal;
        boolean cancelRequested;
        int inFlight;
        final Set<String> tradeIds = new HashSet<>();
        final Set<String> retiredIds = new HashSet<>();
        /** An edit in flight: the replacement's client order id, and the stream news held meanwhile. */
        String pendingClientOrderId;
        final List<Object> held = new ArrayList<>();
        BigDecimal filled = BigDecimal.ZERO;
        BigDecimal venueFilled = BigDecimal.ZERO;
        /** What filled before a cancel-replace gave the order a new venue id (its fills count on top). */
        BigDecimal filledBase = BigDecimal.ZERO;
        OrderEvent heldEnd;
        Instant heldSince;
        /** The held end outlived the patience: the order's trades are being fetched. */
        boolean missingFillsAsked;
        /** ccxt said closed without saying how much filled: the adapter must query the order. */
        boolean queryNeeded;
        /** Trades that arrived before the order had their exchange order id, to be applied now. */
        final List<CcxtTrade> early = new ArrayList<>();
        final Instant placedAt;
        Instant lastUpdate;

        Tracked(String account, String clientOrderId, String symbol, BigDecimal quantity, boolean immediate,
                OrderType type, Instant now) {
            this.account = account;
            this.type = type;
            this.clientOrderId = clientOrderId;
            this.symbol = symbol;
            this.quantity = quantity;
            this.immediate = immediate;
            this.placedAt = now;
            this.lastUpdate = now;
        }

        boolean open() {
            return !terminal;
        }

        String clientOrderId() {
            return clientOrderId;
        }

        String venueOrderId() {
            return venueOrderId;
        }

        String symbol() {
            return symbol;
        }

        String account() {
            return account;
        }

        OrderType type() {
            return type;
        }

        Instant placedAt() {
            return placedAt;
        }

        BigDecimal filled() {
            return filled;
        }

        /** The most the exchange reported filled (ccxt's {@code filled}, across a cancel-replace). */
        BigDecimal venueFilled() {
            return venueFilled;
        }

        /** Whether {@code venueOrderId} is (or was, before a cancel-replace) this order's exchange id. */
        boolean hasVenueId(String venueOrderId) {
            return venueOrderId != null && (venueOrderId.equals(this.venueOrderId) || retiredIds.contains(venueOrderId));
        }
    }

    OrderTracker(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** An order about to be sent (in flight until {@link #answered}); an existing entry is returned as it is. */
    Tracked submitted(OrderRequest order) {
        Key k = new Key(order.account(), order.clientOrderId());
        Tracked t = byId.get(k);
        if (t == null) {
            boolean immediate = order.type() == OrderType.MARKET || order.timeInForce() == TimeInForce.IOC
                    || order.timeInForce() == TimeInForce.FOK;
            t = new Tracked(order.account(), order.clientOrderId(), order.symbol(), order.quantity(), immediate,
                    order.type(), clock.instant());
            byId.put(k, t);
        }
        t.inFlight++;
        return t;
    }

    /** The request {@link #submitted} announced was answered (or failed). */
    void answered(Tracked t) {
        t.inFlight = Math.max(0, t.inFlight - 1);
        t.lastUpdate = clock.instant();
    }

    /** Adopts an order placed before this adapter knew of it (a replace after a restart). */
    Tracked adopt(OrderRequest order, String venueOrderId) {
        Tracked t = submitted(order);
        t.inFlight--;
        t.accepted = true;
        venueId(t, venueOrderId);
        return t;
    }

    /**
     * An open order this adapter did not place in this process (the gateway placed it before a restart and asks
     * about it now): followed from now on like one it placed, so its stream news is reported and a gap fill or
     * the periodic refresh queries it. {@code found} is what the exchange answered: the order is accepted, its
     * exchange id noted, and the fills the answer carries count as reported (the gateway has them from the
     * answer). An order already tracked is left as it is and returned. Event thread only.
     *
     * @param symbol    the unified symbol it was asked for
     * @param immediate whether it is an IOC, FOK or market order
     */
    Tracked adopt(OrderSnapshot found, String symbol, boolean immediate) {
        Key k = new Key(found.account(), found.clientOrderId());
        Tracked known = byId.get(k);
        if (known != null) {
            return known;
        }
        Tracked t = new Tracked(found.account(), found.clientOrderId(), symbol, found.quantity(), immediate, null,
                clock.instant());
        byId.put(k, t);
        t.accepted = true;
        for (OrderEvent.Fill f : found.fills()) {
            if (f.tradeId() != null && t.tradeIds.add(f.tradeId())) {
                t.filled = t.filled.add(f.quantity());
            }
        }
        t.venueFilled = found.filledQuantity() == null ? t.filled : found.filledQuantity().max(t.filled);
        venueId(t, found.venueOrderId());
        return t;
    }

    /** Forgets an order that was definitively never placed (nothing accepted, traded or in flight). */
    void forget(Tracked t) {
        if (!t.accepted && t.tradeIds.isEmpty() && t.inFlight == 0) {
            remove(t);
        }
    }

    Optional<Tracked> find(String account, String clientOrderId) {
        return Optional.ofNullable(byId.get(new Key(account, clientOrderId)));
    }

    Optional<Tracked> byVenueId(String account, String venueOrderId) {
        return venueOrderId == null ? Optional.empty()
                : Optional.ofNullable(byVenueId.get(new Key(account, venueOrderId)));
    }

    /** The tracked order a ccxt order or trade is about: by client order id, else by the exchange's id. */
    Optional<Tracked> locate(String account, String clientOrderId, String venueOrderId) {
        Optional<Tracked> t = clientOrderId == null ? Optional.empty() : find(account, clientOrderId);
        return t.isPresent() ? t : byVenueId(account, venueOrderId);
    }

    /** Orders of {@code account} not known to be done (for a gap fill). */
    List<Tracked> open(String account) {
        return byId.values().stream().filter(t -> t.account.equals(account) && t.open()).toList();
    }

    /** Every order not known to be done. */
    List<Tracked> open() {
        return byId.values().stream().filter(Tracked::open).toList();
    }

    void venueId(Tracked t, String venueOrderId) {
        if (venueOrderId == null) {
            return;
        }
        t.venueOrderId = venueOrderId;
        Key k = new Key(t.account, venueOrderId);
        byVenueId.put(k, t);
        List<Unmatched> waiting = unmatched.remove(k);
        if (waiting != null) {
            waiting.forEach(u -> t.early.add(u.trade()));
        }
    }

    /**
     * A trade no tracked order claims (yet): kept for {@link #UNMATCHED_PATIENCE} under its exchange order id,
     * and applied when an order gets that id. A trade without an order id is dropped (false).
     */
    boolean unmatched(String account, CcxtTrade tr) {
        if (tr.order() == null || tr.id() == null) {
            return false;
        }
        List<Unmatched> list = unmatched.computeIfAbsent(new Key(account, tr.order()), k -> new ArrayList<>());
        if (list.stream().noneMatch(u -> tr.id().equals(u.trade().id()))) {
            list.add(new Unmatched(tr, clock.instant()));
        }
        return true;
    }

    /** How many unmatched trades wait for their order (tests, operations). */
    int unmatchedCount() {
        return unmatched.values().stream().mapToInt(List::size).sum();
    }

    /** Applies the trades that waited for {@code t}'s exchange order id. */
    private void applyEarly(Tracked t, List<OrderEvent> out) {
        while (!t.early.isEmpty()) {
            out.addAll(applyTrade(t, t.early.remove(0)));
        }
    }

    /** The gateway asked to cancel: a cancel that follows is not an expiry. */
    void cancelRequested(Tracked t) {
        t.cancelRequested = true;
    }

    /** Whether an edit of {@code t} is in flight (stream news about it is then held). */
    boolean editing(Tracked t) {
        return t.pendingClientOrderId != null;
    }

    /** An edit of {@code t} to client order id {@code newClientOrderId} is about to be sent. */
    void editStarted(Tracked t, String newClientOrderId) {
        t.pendingClientOrderId = newClientOrderId;
        t.held.clear();
        byId.putIfAbsent(new Key(t.account, newClientOrderId), t);
        t.inFlight++;
    }

    /** Stream news (a {@link CcxtOrder} or {@link CcxtTrade}) about {@code t} while its edit is in flight. */
    void hold(Tracked t, Object news) {
        t.held.add(news);
    }

    /**
     * The edit ended: on success the order is known by {@code newClientOrderId} and {@code newVenueOrderId}
     * from now on, with the new total quantity (the old venue id's news then counts only for its trades);
     * on failure it stands as it was. Returns the news held meanwhile, to be applied now.
     */
    List<Object> editEnded(Tracked t, boolean success, String newClientOrderId, String newVenueOrderId,
                           BigDecimal quantity) {
        t.inFlight = Math.max(0, t.inFlight - 1);
        String pending = t.pendingClientOrderId;
        t.pendingClientOrderId = null;
        if (success) {
            if (!t.clientOrderId.equals(newClientOrderId)) {
                byId.remove(new Key(t.account, t.clientOrderId));
                t.clientOrderId = newClientOrderId;
                byId.put(new Key(t.account, newClientOrderId), t);
            }
            if (newVenueOrderId != null && t.venueOrderId != null && !newVenueOrderId.equals(t.venueOrderId)) {
                t.retiredIds.add(t.venueOrderId);
                // the cancel-replace's new order counts its own fills; the order's total goes on
                t.filledBase = t.filled;
                t.venueFilled = t.filled;
            }
            venueId(t, newVenueOrderId);
            t.held.addAll(t.early);
            t.early.clear();
            t.quantity = quantity;
            t.cancelRequested = false;
        } else if (pending != null && !pending.equals(t.clientOrderId)) {
            byId.remove(new Key(t.account, pending), t);
        }
        t.lastUpdate = clock.instant();
        List<Object> held = new ArrayList<>(t.held);
        t.held.clear();
        return held;
    }

    // ------------------------------------------------------------------ events

    /** The events a ccxt order (answer, stream, poll or query) means for tracked order {@code t}. */
    List<OrderEvent> order(Tracked t, CcxtOrder o) {
        Status status = Status.parse(o.status());
        List<OrderEvent> out = new ArrayList<>(2);
        t.lastUpdate = clock.instant();
        if (o.id() != null && t.retiredIds.contains(o.id())) {
            return out; // the order a cancel-replace ended: its cancel is the replace itself
        }
        if (o.id() != null && !o.id().equals(t.venueOrderId)) {
            venueId(t, o.id());
        }
        Instant at = CcxtTranslator.instant(o.timestamp() != null && o.timestamp() > 0 ? o.lastTradeTimestamp() != null
                ? o.lastTradeTimestamp() : o.timestamp() : null);
        if (status != Status.REJECTED) {
            out.addAll(ensureAccepted(t, at));
        }
        for (CcxtTrade tr : o.trades()) {
            out.addAll(applyTrade(t, tr));
        }
        applyEarly(t, out);
        if (o.filled() != null && t.filledBase.add(o.filled()).compareTo(t.venueFilled) > 0) {
            t.venueFilled = t.filledBase.add(o.filled());
        }
        if (status == null || status == Status.OPEN || t.terminal) {
            return out;
        }
        if (status == Status.CLOSED && o.filled() == null) {
            // closed without a filled amount (e.g. a triggered Binance USD-M algo order): not an end, unknown
            t.queryNeeded = true;
            return out;
        }
        OrderEvent end = switch (status) {
            case CLOSED -> t.quantity != null && t.venueFilled.compareTo(t.quantity) < 0
                    ? new OrderEvent.Expired(t.account, t.clientOrderId, t.venueOrderId, at) : null;
            case CANCELED -> t.immediate && !t.cancelRequested
                    ? new OrderEvent.Expired(t.account, t.clientOrderId, t.venueOrderId, at)
                    : new OrderEvent.Canceled(t.account, t.clientOrderId, t.venueOrderId, null, at);
            case EXPIRED -> new OrderEvent.Expired(t.account, t.clientOrderId, t.venueOrderId, at);
            case REJECTED -> rejected(t, at);
            case OPEN -> throw new IllegalStateException("handled above");
        };
        if (end == null) {
            // closed and complete: the fills end it; nothing else to report
            if (t.filled.compareTo(t.venueFilled) >= 0) {
                t.terminal = true;
            } else {
                t.heldEnd = null;
                t.heldSince = clock.instant();
            }
            return out;
        }
        t.heldEnd = end;
        t.heldSince = clock.instant();
        out.addAll(releaseEnd(t));
        return out;
    }

    private OrderEvent rejected(Tracked t, Instant at) {
        if (t.accepted) {
            return new OrderEvent.Canceled(t.account, t.clientOrderId, t.venueOrderId, "rejected by the exchange", at);
        }
        return new OrderEvent.Rejected(t.account, t.clientOrderId, VenueError.rejected(RejectReason.OTHER, null,
                "the exchange rejected the order (status rejected)"), at);
    }

    /** The events a ccxt trade of tracked order {@code t} means: its fill, once, by trade id. */
    List<OrderEvent> trade(Tracked t, CcxtTrade tr) {
        List<OrderEvent> out = new ArrayList<>(applyTrade(t, tr));
        applyEarly(t, out);
        return out;
    }

    private List<OrderEvent> applyTrade(Tracked t, CcxtTrade tr) {
        if (tr.id() == null || !t.tradeIds.add(tr.id())) {
            return List.of();
        }
        if (t.venueOrderId == null && tr.order() != null) {
            venueId(t, tr.order());
        }
        List<OrderEvent> out = new ArrayList<>(3);
        t.lastUpdate = clock.instant();
        OrderEvent.Fill f = CcxtTranslator.fill(t.account, t.clientOrderId, tr, false);
        if (f.venueOrderId() == null && t.venueOrderId != null) {
            f = new OrderEvent.Fill(f.account(), f.clientOrderId(), t.venueOrderId, f.tradeId(), f.quantity(),
                    f.price(), f.commission(), f.commissionAsset(), f.liquidity(), f.timestamp(), false);
        }
        out.addAll(ensureAccepted(t, f.timestamp()));
        t.filled = t.filled.add(f.quantity());
        boolean complete = t.quantity != null && t.filled.compareTo(t.quantity) >= 0;
        out.add(complete ? withOrderFilled(f) : f);
        if (complete) {
            t.terminal = true;
            t.heldEnd = null;
        } else if (t.heldEnd == null && t.heldSince != null && t.filled.compareTo(t.venueFilled) >= 0) {
            t.terminal = true; // closed, and every fill ccxt reported is in
        }
        out.addAll(releaseEnd(t));
        return out;
    }

    /** The order was accepted by the exchange with {@code venueOrderId} (a createOrder answer). */
    List<OrderEvent> accepted(Tracked t, String venueOrderId, Instant at) {
        venueId(t, venueOrderId);
        List<OrderEvent> out = new ArrayList<>(ensureAccepted(t, at));
        applyEarly(t, out);
        return out;
    }

    /**
     * The least that has filled of {@code t} while its edit is in flight (for the size of a replacement): the
     * largest of its reported fills plus the trades held meanwhile, ccxt's {@code filled} (as reported, held,
     * or in {@code cancelAnswer}, which may be null).
     */
    BigDecimal filledAtLeast(Tracked t, CcxtOrder cancelAnswer) {
        BigDecimal fromTrades = t.filled;
        BigDecimal reported = t.venueFilled;
        Set<String> seen = new HashSet<>(t.tradeIds);
        for (Object news : t.held) {
            if (news instanceof CcxtTrade tr && tr.id() != null && tr.amount() != null && seen.add(tr.id())) {
                fromTrades = fromTrades.add(tr.amount());
            } else if (news instanceof CcxtOrder o && o.filled() != null && !t.retiredIds.contains(o.id())) {
                reported = reported.max(t.filledBase.add(o.filled()));
            }
        }
        if (cancelAnswer != null && cancelAnswer.filled() != null) {
            reported = reported.max(t.filledBase.add(cancelAnswer.filled()));
        }
        return fromTrades.max(reported);
    }

    /** The gateway's cancel was confirmed: the order's end, unless it ended already. */
    List<OrderEvent> canceled(Tracked t, Instant at) {
        if (t.terminal) {
            return List.of();
        }
        t.heldEnd = new OrderEvent.Canceled(t.account, t.clientOrderId, t.venueOrderId, null, at);
        t.heldSince = clock.instant();
        List<OrderEvent> out = new ArrayList<>(ensureAccepted(t, at));
        out.addAll(releaseEnd(t));
        return out;
    }

    private List<OrderEvent> releaseEnd(Tracked t) {
        if (t.heldEnd == null || t.terminal || t.filled.compareTo(t.venueFilled) < 0) {
            return List.of();
        }
        OrderEvent end = t.heldEnd;
        t.heldEnd = null;
        t.terminal = true;
        return List.of(end);
    }

    /**
     * Orders whose end has been held longer than {@code patience} for fills that did not come, each once: the
     * adapter fetches their trades, then calls {@link #giveUp} if they are still missing. Nothing is released
     * here.
     */
    List<Tracked> staleEnds(Duration patience) {
        Instant horizon = clock.instant().minus(patience);
        List<Tracked> out = new ArrayList<>();
        for (Tracked t : byId.values()) {
            if (!t.terminal && !t.missingFillsAsked && t.heldSince != null && t.heldSince.isBefore(horizon)) {
                t.missingFillsAsked = true;
                out.add(t);
            }
        }
        return out;
    }

    /**
     * The fills of {@code t}'s held end are still missing after its trades were fetched ({@code why}): the end
     * is reported as it is (nothing for a fully filled order), with an ERROR; a fill that comes later is still
     * reported.
     */
    List<OrderEvent> giveUp(Tracked t, String why) {
        if (t.terminal) {
            return List.of();
        }
        LOG.error("ccxt account {}: order {} ({}) ended with {} filled of the {} the exchange reported, and its trades "
                + "were not found ({}); its end is reported without them", t.account, t.clientOrderId, t.venueOrderId,
                t.filled.toPlainString(), t.venueFilled.toPlainString(), why);
        List<OrderEvent> out = t.heldEnd == null ? List.of() : List.of(t.heldEnd);
        t.heldEnd = null;
        t.terminal = true;
        return out;
    }

    /**
     * Forgets done orders not heard of for {@link #RETENTION} and trades that waited
     * {@link #UNMATCHED_PATIENCE} for an order in vain. An order not known to be done is never forgotten.
     */
    void expire() {
        Instant now = clock.instant();
        List<Tracked> gone = new ArrayList<>();
        for (Tracked t : byId.values()) {
            if (t.terminal && t.lastUpdate.isBefore(now.minus(RETENTION))) {
                gone.add(t);
            }
        }
        gone.forEach(this::remove);
        Instant horizon = now.minus(UNMATCHED_PATIENCE);
        for (Iterator<Map.Entry<Key, List<Unmatched>>> it = unmatched.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<Key, List<Unmatched>> e = it.next();
            e.getValue().removeIf(u -> {
                boolean old = u.since().isBefore(horizon);
                if (old) {
                    LOG.debug("ccxt account {}: trade {} of order {} is no order of the gateway's; dropped",
                            e.getKey().account(), u.trade().id(), e.getKey().value());
                }
                return old;
            });
            if (e.getValue().isEmpty()) {
                it.remove();
            }
        }
    }

    int size() {
        return byId.size();
    }

    private void remove(Tracked t) {
        byId.values().removeIf(x -> x == t);
        byVenueId.values().removeIf(x -> x == t);
    }

    private List<OrderEvent> ensureAccepted(Tracked t, Instant at) {
        if (t.accepted || t.venueOrderId == null) {
            return List.of();
        }
        t.accepted = true;
        return List.of(new OrderEvent.Accepted(t.account, t.clientOrderId, t.venueOrderId, at));
    }

    private static OrderEvent.Fill withOrderFilled(OrderEvent.Fill f) {
        return new OrderEvent.Fill(f.account(), f.clientOrderId(), f.venueOrderId(), f.tradeId(), f.quantity(),
                f.price(), f.commission(), f.commissionAsset(), f.liquidity(), f.timestamp(), true);
    }
}

package io.fixbridge.venue.binance;

import io.fixbridge.venue.OrderEvent;
import io.fixbridge.venue.OrderRequest;
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
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What the adapter knows about each order it has seen, and the one gate every order event
 * passes before it reaches the gateway. Binance reports most things twice (the REST answer and
 * the user-data stream, and a gap fill after a reconnect), and reports a cancel-replace as a
 * cancel of one order and a new one, so the tracker:
 * <ul>
 *   <li>lets one Accepted through per order, one terminal event (Canceled, Expired, Rejected) per
 *       order, and each fill once (by trade id);</li>
 *   <li>puts an order's Accepted (or, for a replacement, its Replaced) before its first other
 *       event, so the gateway never hears of a fill for an order it does not know;</li>
 *   <li>turns a spot cancel-replace into one Replaced: the CANCELED of the original and the NEW
 *       of the replacement are swallowed, whichever of the REST answer and the stream comes first
 *       emits the Replaced; a held cancel is released as a Canceled if the replacement never
 *       appears (the new order failed after the cancel, or nothing was heard within the hold time),
 *       and a refusal of the replacement is left to the replace's future;</li>
 *   <li>marks an order done when Binance reports it FILLED, so gap fills skip it and a cancel of it
 *       is TOO_LATE;</li>
 *   <li>lets a futures modify's Replaced through once (the REST answer and the AMENDMENT event
 *       carry the same quantity and price);</li>
 *   <li>links a futures conditional (algo) order with the regular order Binance places when it
 *       triggers: that order's events are relabelled with the conditional order's client id and
 *       algo id, so the gateway sees one order. The link is made by the ALGO_UPDATE's actual order
 *       id ({@code ai}), the ORDER_TRADE_UPDATE's strategy id ({@code si}) = algo id, or the
 *       client id itself; events of an unknown futures order on a symbol with an untriggered
 *       conditional order wait (up to the hold time) for that link;</li>
 *   <li>keeps an order whose request (submit, OCO, cancel-replace) is in flight: from
 *       {@link #submitted}/{@link #replacing} until {@link #answered} it is never forgotten, since
 *       Binance not knowing it yet proves nothing;</li>
 *   <li>lets a futures modify's Replaced through in Binance's order of amendments: one older (by
 *       Binance's update time) than the last one let through is dropped.</li>
 * </ul>
 *
 * <p>Retention: an order known to be done is remembered for {@link #RETENTION} after it was last
 * heard of (to drop late duplicates); any other order for the idle limit (default
 * {@link #DEFAULT_IDLE_LIMIT}) after it was last heard of, then it is forgotten with a WARN: such
 * an order was never settled here (a submit whose outcome stayed unknown, an order of another
 * client on the same account). An open order is heard of at least once a day: Binance closes every
 * user-data connection within 24 hours and the gap fill after the reconnect queries it.
 *
 * <p>Not thread-safe: confined to the adapter's event thread.
 */
final class OrderTracker {
    private static final Logger LOG = LoggerFactory.getLogger(OrderTracker.class);

    /** How long terminal orders are remembered for de-duplication. */
    static final Duration RETENTION = Duration.ofMinutes(15);
    /** How often {@link #expire} looks for orders past their retention or idle limit. */
    static final Duration SWEEP_INTERVAL = Duration.ofSeconds(30);
    /** How long an order not known to be done is remembered without news of it, by default. */
    static final Duration DEFAULT_IDLE_LIMIT = Duration.ofHours(48);

    private final Duration holdTime;
    private final Duration idleLimit;
    private final Clock clock;
    private final Map<Key, Tracked> orders = new LinkedHashMap<>();
    /** Futures regular order ids (a triggered algo order's child) and algo ids to their tracked order. */
    private final Map<String, Tracked> byFuturesOrderId = new HashMap<>();
    private final List<Buffered> buffered = new ArrayList<>();
    /** The orders holding a cancel (a subset of {@code orders}), so that releasing them does not scan every order. */
    private final Set<Tracked> holding = new LinkedHashSet<>();
    /** When {@link #expire} next looks for orders past their retention (a scan of every order). */
    private Instant nextSweep = Instant.MIN;

    /**
     * @param holdTime how long a held cancel or an unclaimed futures event waits; longer than a
     *                 REST request may take
     * @param clock    local time for holds and retention
     */
    OrderTracker(Duration holdTime, Clock clock) {
        this(holdTime, DEFAULT_IDLE_LIMIT, clock);
    }

    /**
     * @param holdTime  how long a held cancel or an unclaimed futures event waits; longer than a
     *                  REST request may take
     * @param idleLimit how long an order not known to be done is remembered after it was last heard
     *                  of; longer than RETENTION
     * @param clock     local time for holds and retention
     */
    OrderTracker(Duration holdTime, Duration idleLimit, Clock clock) {
        this.holdTime = Objects.requireNonNull(holdTime, "holdTime");
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
        final BinanceMarket market;
        final String venueSymbol;
        final String symbol;
        final boolean algo;
        String venueOrderId;
        String childOrderId;
        boolean accepted;
        boolean terminal;
        final TradeIds tradeIds = new TradeIds();
        /** Set on the original while a cancel-replace to this id is under way. */
        String replacingTo;
        /** Set on a replacement: the id it replaces, and what the Replaced event must say. */
        String replacedFrom;
        BigDecimal replaceQuantity;
        BigDecimal replacePrice;
        BigDecimal replaceStopPrice;
        OrderEvent.Replaced replacedEvent;
        OrderEvent.Canceled heldCancel;
        Instant heldSince;
        BigDecimal lastReplacedQuantity;
        BigDecimal lastReplacedPrice;
        /** Binance's time of the last amendment let through (futures modify), or null. */
        Instant lastAmendedAt;
        Instant lastUpdate;
        /** Requests about this order sent and not yet answered (submit, OCO, cancel-replace). */
        int inFlight;
        /** Its keys in {@code byFuturesOrderId}, so forgetting it is O(1). */
        final List<String> indexKeys = new ArrayList<>(2);

        Tracked(String account, String clientOrderId, BinanceMarket market, String venueSymbol, String symbol,
                boolean algo, Instant now) {
            this.account = account;
            this.clientOrderId = clientOrderId;
            this.market = market;
            this.venueSymbol = venueSymbol;
            this.symbol = symbol;
            this.algo = algo;
            this.lastUpdate = now;
        }

        boolean open() {
            return !terminal;
        }

        /** Whether a request about it has been sent and not yet answered. */
        boolean inFlight() {
            return inFlight > 0;
        }

        String clientOrderId() {
            return clientOrderId;
        }

        String account() {
            return account;
        }

        BinanceMarket market() {
            return market;
        }

        String venueSymbol() {
            return venueSymbol;
        }

        String symbol() {
            return symbol;
        }

        boolean algo() {
            return algo;
        }

        String venueOrderId() {
            return venueOrderId;
        }

        String childOrderId() {
            return childOrderId;
        }
    }

    private record Buffered(String account, String venueSymbol, Long orderId, Long strategyId, OrderEvent event,
                            boolean filled, Instant since) {
    }

    // ------------------------------------------------------------------ registration

    /** An order about to be sent: in flight until {@link #answered}. */
    void submitted(OrderRequest order, BinanceInstrument instrument, boolean algo) {
        Instant now = clock.instant();
        Tracked t = orders.computeIfAbsent(new Key(order.account(), order.clientOrderId()), k -> new Tracked(
                order.account(), order.clientOrderId(), instrument.market(), instrument.venueSymbol(),
                instrument.symbol(), algo, now));
        t.inFlight++;
        t.lastUpdate = now;
    }

    /**
     * An order this adapter did not place in this process (the gateway placed it before a
     * restart and asks about it now): followed from now on like one it placed, so a stream gap is
     * filled for it too. What an earlier stream event already taught about it is kept.
     */
    void adopt(String account, String clientOrderId, BinanceInstrument instrument, boolean algo) {
        Key key = new Key(account, clientOrderId);
        Tracked known = orders.get(key);
        if (known != null && known.market != null) {
            return;
        }
        Tracked t = new Tracked(account, clientOrderId, instrument.market(), instrument.venueSymbol(),
                instrument.symbol(), algo, clock.instant());
        if (known != null) {
            t.venueOrderId = known.venueOrderId;
            t.accepted = known.accepted;
            t.terminal = known.terminal;
            t.tradeIds.addAll(known.tradeIds);
        }
        orders.put(key, t);
    }

    /**
     * The answer (or the failure) of the request {@link #submitted} or {@link #replacing} announced
     * for these orders is being handled: they are no longer in flight.
     */
    void answered(String account, List<String> clientOrderIds) {
        Instant now = clock.instant();
        for (String id : clientOrderIds) {
            Tracked t = orders.get(new Key(account, id));
            if (t != null && t.inFlight > 0) {
                t.inFlight--;
                t.lastUpdate = now;
            }
        }
    }

    /** Whether a request about the order is in flight. */
    boolean inFlight(String account, String clientOrderId) {
        Tracked t = orders.get(new Key(account, clientOrderId));
        return t != null && t.inFlight();
    }

    /**
     * A spot cancel-replace about to be sent: {@code original} is to become {@code replacement}
     * with the given total quantity and prices.
     */
    void replacing(String account, String original, OrderRequest replacement, BinanceInstrument instrument) {
        Instant now = clock.instant();
        Tracked from = orders.computeIfAbsent(new Key(account, original), k -> new Tracked(account, original,
                instrument.market(), instrument.venueSymbol(), instrument.symbol(), false, now));
        from.replacingTo = replacement.clientOrderId();
        from.inFlight++;
        Tracked to = new Tracked(account, replacement.clientOrderId(), instrument.market(), instrument.venueSymbol(),
                instrument.symbol(), false, now);
        to.replacedFrom = original;
        to.replaceQuantity = replacement.quantity();
        to.replacePrice = replacement.price();
        to.replaceStopPrice = replacement.stopPrice();
        to.inFlight = 1;
        orders.put(new Key(account, replacement.clientOrderId()), to);
    }

    /**
     * The cancel-replace succeeded: emits the Replaced unless the stream already did, and returns
     * it (the instance emitted first) as the last element.
     */
    List<OrderEvent> replaceSucceeded(String account, String original, String replacement, String venueOrderId,
                                      Instant at) {
        Tracked to = find(account, replacement).orElseThrow(() -> new IllegalStateException(
                "no replacement " + replacement + " registered"));
        List<OrderEvent> out = new ArrayList<>(2);
        if (to.venueOrderId == null) {
            to.venueOrderId = venueOrderId;
        }
        if (to.replacedEvent == null) {
            out.addAll(emitReplaced(to, at));
        }
        to.accepted = true;
        find(account, original).ifPresent(from -> {
            from.replacingTo = null;
            unhold(from);
            from.terminal = true;
        });
        List<OrderEvent> result = new ArrayList<>(out);
        result.add(to.replacedEvent);
        return result;
    }

    /**
     * The cancel-replace failed. When the original was canceled anyway (the new order failed
     * after the cancel), its cancel is emitted now.
     */
    List<OrderEvent> replaceFailed(String account, String original, String replacement, boolean originalCanceled,
                                   String originalVenueOrderId, Instant at) {
        find(account, replacement).ifPresent(to -> {
            to.terminal = true;
            to.replacedFrom = null;
        });
        Optional<Tracked> from = find(account, original);
        if (from.isEmpty()) {
            return List.of();
        }
        Tracked t = from.get();
        t.replacingTo = null;
        OrderEvent.Canceled held = t.heldCancel;
        unhold(t);
        if (originalCanceled || held != null) {
            OrderEvent.Canceled c = held != null ? held : new OrderEvent.Canceled(account, original,
                    originalVenueOrderId != null ? originalVenueOrderId : t.venueOrderId,
                    "canceled by a cancel-replace whose new order Binance refused", at);
            return apply(c);
        }
        return List.of();
    }

    /** A futures conditional order's placed regular order is {@code childOrderId}. */
    List<OrderEvent> linkChild(String account, String clientAlgoId, String algoId, String childOrderId) {
        Optional<Tracked> found = find(account, clientAlgoId);
        if (found.isEmpty() || childOrderId == null || childOrderId.isBlank()) {
            return List.of();
        }
        Tracked t = found.get();
        t.childOrderId = childOrderId;
        if (algoId != null) {
            index(account + ":" + algoId, t);
        }
        index(account + ":" + childOrderId, t);
        return releaseBuffered(account, b -> childOrderId.equals(String.valueOf(b.orderId()))
                || algoId != null && algoId.equals(String.valueOf(b.strategyId())));
    }

    // ------------------------------------------------------------------ events

    /**
     * The events to emit for one event Binance reported (stream or REST), after de-duplication
     * and the rules above. Events of orders never seen are let through and remembered.
     */
    List<OrderEvent> apply(OrderEvent e) {
        Instant now = clock.instant();
        Tracked t = orders.computeIfAbsent(new Key(e.account(), e.clientOrderId()), k -> new Tracked(e.account(),
                e.clientOrderId(), null, null, null, false, now));
        t.lastUpdate = now;
        List<OrderEvent> out = new ArrayList<>(2);
        if (e instanceof OrderEvent.Accepted a) {
            if (t.venueOrderId == null) {
                t.venueOrderId = a.venueOrderId();
            }
            if (t.algo && t.venueOrderId != null) {
                index(t.account + ":" + t.venueOrderId, t);
            }
            if (!t.accepted) {
                if (t.replacedFrom != null) {
                    out.addAll(emitReplaced(t, a.timestamp()));
                } else {
                    t.accepted = true;
                    out.add(a);
                }
            }
            return out;
        }
        if (e instanceof OrderEvent.Canceled c && t.replacingTo != null) {
            if (t.heldCancel == null) {
                t.heldCancel = c;
                t.heldSince = now;
                holding.add(t);
            }
            return out;
        }
        if (e instanceof OrderEvent.Fill f) {
            if (!t.tradeIds.add(f.tradeId())) {
                return out;
            }
            out.addAll(ensureAccepted(t, f.venueOrderId(), f.timestamp()));
            out.add(f);
            return out;
        }
        if (e instanceof OrderEvent.Replaced r) {
            Instant amendedAt = r.timestamp();
            if (t.lastAmendedAt != null && amendedAt != null && amendedAt.isBefore(t.lastAmendedAt)) {
                // an earlier amendment reported late (the REST answer of an older modify, a stream
                // event overtaken): the order already stands as a newer one left it
                return out;
            }
            if (sameDecimal(t.lastReplacedQuantity, r.quantity()) && sameDecimal(t.lastReplacedPrice, r.price())) {
                return out;
            }
            t.lastReplacedQuantity = r.quantity();
            t.lastReplacedPrice = r.price();
            if (amendedAt != null) {
                t.lastAmendedAt = amendedAt;
            }
            out.addAll(ensureAccepted(t, r.venueOrderId(), r.timestamp()));
            out.add(r);
            return out;
        }
        if (e instanceof OrderEvent.CancelRejected) {
            out.add(e);
            return out;
        }
        if (e instanceof OrderEvent.Rejected && t.replacedFrom != null && !t.accepted) {
            // the replacement of a cancel-replace was refused: the replace future reports it
            t.terminal = true;
            return out;
        }
        // Canceled, Expired, Rejected
        if (t.terminal) {
            return out;
        }
        if (!(e instanceof OrderEvent.Rejected)) {
            String venueOrderId = e instanceof OrderEvent.Canceled c ? c.venueOrderId()
                    : ((OrderEvent.Expired) e).venueOrderId();
            out.addAll(ensureAccepted(t, venueOrderId, e.timestamp()));
        }
        t.terminal = true;
        out.add(e);
        return out;
    }

    /**
     * The events to emit for a futures ORDER_TRADE_UPDATE's events: relabelled when the order is a
     * triggered conditional order's child, held while such a link may still come, applied
     * otherwise.
     */
    List<OrderEvent> applyFutures(String account, String venueSymbol, Long orderId, Long strategyId,
                                  List<OrderEvent> events) {
        return applyFutures(account, venueSymbol, orderId, strategyId, events, false);
    }

    /**
     * As {@link #applyFutures(String, String, Long, Long, List)}; {@code filled}: Binance reports the
     * order FILLED, so the order (or the conditional order it belongs to) is done.
     */
    List<OrderEvent> applyFutures(String account, String venueSymbol, Long orderId, Long strategyId,
                                  List<OrderEvent> events, boolean filled) {
        if (events.isEmpty()) {
            return List.of();
        }
        String clientOrderId = events.get(0).clientOrderId();
        Optional<Tracked> own = find(account, clientOrderId);
        if (own.isPresent() && !own.get().algo) {
            List<OrderEvent> out = applyAll(events);
            if (filled) {
                finished(account, clientOrderId);
            }
            return out;
        }
        Tracked parent = own.filter(Tracked::algo)
                .or(() -> Optional.ofNullable(orderId == null ? null : byFuturesOrderId.get(account + ":" + orderId)))
                .or(() -> Optional.ofNullable(strategyId == null || strategyId <= 0 ? null
                        : byFuturesOrderId.get(account + ":" + strategyId)))
                .orElse(null);
        if (parent != null) {
            if (parent.childOrderId == null && orderId != null) {
                parent.childOrderId = String.valueOf(orderId);
                index(account + ":" + orderId, parent);
            }
            List<OrderEvent> out = new ArrayList<>();
            for (OrderEvent e : events) {
                out.addAll(apply(BinanceTranslator.relabel(e, parent.clientOrderId, parent.venueOrderId)));
            }
            if (filled) {
                finished(account, parent.clientOrderId);
            }
            return out;
        }
        if (own.isEmpty() && awaitsTrigger(account, venueSymbol)) {
            for (OrderEvent e : events) {
                buffered.add(new Buffered(account, venueSymbol, orderId, strategyId, e, filled, clock.instant()));
            }
            return List.of();
        }
        List<OrderEvent> out = applyAll(events);
        if (filled) {
            finished(account, clientOrderId);
        }
        return out;
    }

    /**
     * Releases what has waited longer than the hold time: held cancels of replaces whose
     * replacement never appeared, and futures events no conditional order claimed. Then forgets
     * orders known to be done and not heard of for {@link #RETENTION}, and orders not known to be
     * done, with no request about them in flight, and not heard of for the idle limit (logged); these
     * two at most once per {@link #SWEEP_INTERVAL}.
     */
    List<OrderEvent> expire() {
        Instant now = clock.instant();
        List<OrderEvent> out = new ArrayList<>();
        for (Tracked t : List.copyOf(holding)) {
            if (t.heldCancel != null && t.heldSince.plus(holdTime).isBefore(now)) {
                OrderEvent.Canceled c = t.heldCancel;
                unhold(t);
                t.replacingTo = null;
                out.addAll(apply(c));
            }
        }
        out.addAll(releaseBuffered(null, b -> b.since().plus(holdTime).isBefore(now)));
        if (now.isBefore(nextSweep)) {
            return out;
        }
        // retention is minutes to hours: a scan of every order every SWEEP_INTERVAL is precise enough
        // and keeps this once-a-second call cheap whatever the number of orders remembered
        nextSweep = now.plus(SWEEP_INTERVAL);
        Instant doneHorizon = now.minus(RETENTION);
        Instant idleHorizon = now.minus(idleLimit);
        for (Iterator<Tracked> it = orders.values().iterator(); it.hasNext(); ) {
            Tracked t = it.next();
            if (t.heldCancel != null) {
                continue;
            }
            boolean done = t.terminal && t.lastUpdate.isBefore(doneHorizon);
            boolean idle = !t.terminal && !t.inFlight() && t.lastUpdate.isBefore(idleHorizon);
            if (done || idle) {
                if (idle) {
                    LOG.warn("binance account {}: forgetting order {} (venue order {}), not known to be done and not "
                            + "heard of since {} (idle limit {}); its end, if any, was never reported to this "
                            + "adapter", t.account, t.clientOrderId, t.venueOrderId, t.lastUpdate, idleLimit);
                }
                it.remove();
                unindex(t);
            }
        }
        return out;
    }

    /** How many orders are remembered (for tests and diagnostics). */
    int size() {
        return orders.size();
    }

    // ------------------------------------------------------------------ queries

    Optional<Tracked> find(String account, String clientOrderId) {
        return Optional.ofNullable(orders.get(new Key(account, clientOrderId)));
    }

    /** The conditional order whose triggered child is futures order {@code orderId}, if known. */
    Optional<Tracked> parentOfChild(String account, String orderId) {
        Tracked t = byFuturesOrderId.get(account + ":" + orderId);
        return t != null && t.algo && orderId.equals(t.childOrderId) ? Optional.of(t) : Optional.empty();
    }

    /** Orders of {@code account} on {@code market} that are not known to be done, for a gap fill. */
    List<Tracked> open(String account, BinanceMarket market) {
        return orders.values().stream().filter(t -> t.account.equals(account) && t.market == market && t.open())
                .toList();
    }

    /**
     * Binance reports the order FILLED: it is done (no event; its fills were the events). Later
     * duplicates of its terminal events are dropped, a cancel of it is too late, and gap fills skip it.
     */
    void finished(String account, String clientOrderId) {
        Tracked t = orders.get(new Key(account, clientOrderId));
        if (t != null) {
            t.terminal = true;
            t.lastUpdate = clock.instant();
        }
    }

    /**
     * Forgets an order that was never placed (its submit was refused, or Binance does not have it).
     * An order that was accepted or traded, or whose request is still in flight (Binance may not
     * have it <em>yet</em>), is kept.
     *
     * @return whether it was forgotten
     */
    boolean forget(String account, String clientOrderId) {
        Tracked t = orders.get(new Key(account, clientOrderId));
        if (t != null && !t.accepted && t.tradeIds.isEmpty() && !t.inFlight()) {
            orders.remove(new Key(account, clientOrderId));
            unindex(t);
            return true;
        }
        return false;
    }

    // ------------------------------------------------------------------ internals

    private void unhold(Tracked t) {
        t.heldCancel = null;
        holding.remove(t);
    }

    private List<OrderEvent> applyAll(List<OrderEvent> events) {
        List<OrderEvent> out = new ArrayList<>();
        for (OrderEvent e : events) {
            out.addAll(apply(e));
        }
        return out;
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
        if (t.replacedFrom != null) {
            return emitReplaced(t, at);
        }
        t.accepted = true;
        return List.of(new OrderEvent.Accepted(t.account, t.clientOrderId, t.venueOrderId, at));
    }

    private List<OrderEvent> emitReplaced(Tracked to, Instant at) {
        to.accepted = true;
        if (to.replacedEvent != null) {
            return List.of();
        }
        to.replacedEvent = new OrderEvent.Replaced(to.account, to.replacedFrom, to.clientOrderId, to.venueOrderId,
                to.replaceQuantity, to.replacePrice, to.replaceStopPrice, at);
        to.lastReplacedQuantity = to.replaceQuantity;
        to.lastReplacedPrice = to.replacePrice;
        find(to.account, to.replacedFrom).ifPresent(from -> {
            from.replacingTo = null;
            unhold(from);
            from.terminal = true;
        });
        return List.of(to.replacedEvent);
    }

    private boolean awaitsTrigger(String account, String venueSymbol) {
        return orders.values().stream().anyMatch(t -> t.algo && t.account.equals(account) && t.open()
                && t.childOrderId == null && Objects.equals(t.venueSymbol, venueSymbol));
    }

    private List<OrderEvent> releaseBuffered(String account, java.util.function.Predicate<Buffered> which) {
        List<Buffered> release = new ArrayList<>();
        for (Iterator<Buffered> it = buffered.iterator(); it.hasNext(); ) {
            Buffered b = it.next();
            if ((account == null || b.account().equals(account)) && which.test(b)) {
                release.add(b);
                it.remove();
            }
        }
        List<OrderEvent> out = new ArrayList<>();
        for (Buffered b : release) {
            out.addAll(applyFutures(b.account(), null, b.orderId(), b.strategyId(), List.of(b.event()), b.filled()));
        }
        return out;
    }

    private void index(String key, Tracked t) {
        Tracked before = byFuturesOrderId.put(key, t);
        if (before != t) {
            if (before != null) {
                before.indexKeys.remove(key);
            }
            t.indexKeys.add(key);
        }
    }

    /** Drops a forgotten order from the indexes beside {@code orders}. */
    private void unindex(Tracked t) {
        holding.remove(t);
        for (String key : t.indexKeys) {
            byFuturesOrderId.remove(key, t);
        }
        t.indexKeys.clear();
    }

    private static boolean sameDecimal(BigDecimal a, BigDecimal b) {
        return a == null ? b == null : b != null && a.compareTo(b) == 0;
    }

}

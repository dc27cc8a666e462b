package io.fixbridge.sims.bybit;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fixbridge.sims.bybit.PrivateHub.Topic;
import io.fixbridge.venue.Balance;
import io.fixbridge.venue.Liquidity;
import io.fixbridge.venue.OrderRequest;
import io.fixbridge.venue.OrderType;
import io.fixbridge.venue.Position;
import io.fixbridge.venue.RejectReason;
import io.fixbridge.venue.Side;
import io.fixbridge.venue.TimeInForce;
import io.fixbridge.venue.paper.engine.BookLevel;
import io.fixbridge.venue.paper.engine.Contracts;
import io.fixbridge.venue.paper.engine.EngineListener;
import io.fixbridge.venue.paper.engine.EngineResult;
import io.fixbridge.venue.paper.engine.Execution;
import io.fixbridge.venue.paper.engine.FeeSchedule;
import io.fixbridge.venue.paper.engine.MatchingEngine;
import io.fixbridge.venue.paper.engine.OrderBook;
import io.fixbridge.venue.paper.engine.OrderView;
import io.fixbridge.venue.paper.engine.PublicTrade;
import io.fixbridge.venue.paper.engine.SyntheticMarket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * Bybit's unified trading account on one paper engine: spot, linear and inverse instruments share
 * the engine, so one wallet per account (USDT, BTC, ...) funds spot trades, linear margin and,
 * for the base coin, inverse margin, as a UTA does.
 *
 * <ul>
 *   <li>Regular orders go to the engine at once. A derivative market order is an IOC limit at a
 *       protection price 2 % through the last price (its {@code price} field), as Bybit converts
 *       market orders; a spot market order is an engine market order (a buy by value is turned
 *       into the base quantity the book offers for that amount). A PostOnly order that would take
 *       is created and immediately Cancelled with rejectReason {@code EC_PostOnlyWillTakeLiquidity}.</li>
 *   <li>Conditional orders (derivatives with triggerPrice/triggerDirection; spot with orderFilter
 *       StopOrder or tpslOrder) wait here, {@code Untriggered}, holding no funds, until the last
 *       price (last trade, or the mid after a requote) reaches the trigger; then they are
 *       {@code Triggered} and submitted under the same ids. One that cannot be placed then is
 *       Cancelled.</li>
 *   <li>Reduce-only: refused with 110017 when there is no position or the order would increase
 *       it; a quantity above the position is cut to the position ("fix reduce-only order qty").
 *       Hedge mode (linear) maps positionIdx 1/2 onto the net position: the closing side is
 *       reduce-only.</li>
 * </ul>
 * Every change is published to the private streams: order and execution items as they happen,
 * then one position item per derivative that traded and one wallet item per account that
 * changed, when the request's transaction ends.
 *
 * <p><b>Threading:</b> confined to the engine thread; every request runs as one
 * {@linkplain #transact transaction}. Bad requests throw {@link BybitException} and change
 * nothing.
 */
final class BybitVenue implements EngineListener {
    private static final Logger LOG = LoggerFactory.getLogger(BybitVenue.class);
    private static final BigDecimal PROTECTION = new BigDecimal("0.02");

    private final Clock clock;
    private final PrivateHub hub;
    private final PublicHub publicHub;
    private final FeeSchedule fees;
    private final BigDecimal leverage;
    private final int maxActiveOrders;
    private final Map<String, Listing> listings = new LinkedHashMap<>();
    private final Map<String, Listing> byUnified = new HashMap<>();
    private final Map<String, Boolean> hedgeMode = new HashMap<>();
    private final Map<String, List<SimOrder>> byAccount = new HashMap<>();
    private final Map<String, SimOrder> byOrderId = new HashMap<>();
    /** Per account, the orders that may still be open (those that closed are dropped when next read): keeps per-order work O(open). */
    private final Map<String, Set<SimOrder>> maybeOpen = new HashMap<>();
    /** account|category|orderLinkId to its order: Bybit refuses a used orderLinkId, so there is one. */
    private final Map<String, SimOrder> byLinkId = new HashMap<>();
    private final Map<String, SimOrder> byEngineClientId = new HashMap<>();
    private final Map<String, Set<String>> usedLinkIds = new HashMap<>();
    private final List<SimOrder> untriggered = new ArrayList<>();
    private final Map<String, Map<String, PositionTracker>> trackers = new HashMap<>();
    private final Map<String, List<SimExecution>> executions = new HashMap<>();
    private MatchingEngine engine;
    private SyntheticMarket synthetic;
    private long engineSequence;
    private long seq = 1_000_000;

    private record Outbound(String account, Topic topic, Category category, ObjectNode item) {
    }

    private final List<Outbound> outbox = new ArrayList<>();
    private final Set<String> walletTouched = new LinkedHashSet<>();
    private final Map<String, Set<Listing>> positionsTouched = new LinkedHashMap<>();
    private boolean inTransaction;

    BybitVenue(Clock clock, PrivateHub hub, PublicHub publicHub, Collection<BybitSymbol> symbols,
               Collection<SimAccount> accounts, FeeSchedule fees, int leverage, int maxActiveOrders) {
        this.clock = clock;
        this.hub = hub;
        this.publicHub = publicHub;
        this.fees = fees;
        this.leverage = BigDecimal.valueOf(leverage);
        this.maxActiveOrders = maxActiveOrders;
        for (BybitSymbol s : symbols) {
            Listing l = new Listing(s);
            if (listings.putIfAbsent(Listing.key(s.category(), s.symbol()), l) != null) {
                throw new IllegalArgumentException(s.category().wire() + " " + s.symbol() + " is listed twice");
            }
            if (byUnified.putIfAbsent(l.unified(), l) != null) {
                throw new IllegalArgumentException(l.unified() + " is listed twice");
            }
        }
        for (SimAccount a : accounts) {
            hedgeMode.put(a.name(), a.hedgeMode());
        }
    }

    void attach(MatchingEngine matchingEngine, SyntheticMarket market) {
        this.engine = matchingEngine;
        this.synthetic = market;
    }

    Map<String, Listing> listings() {
        return listings;
    }

    /** The listing of {@code symbol} in {@code category}, for controls; IllegalArgumentException when unknown. */
    Listing control(Category category, String symbol) {
        Listing l = listings.get(Listing.key(category, symbol));
        if (l == null) {
            throw new IllegalArgumentException("the simulator does not list " + category.wire() + " " + symbol);
        }
        return l;
    }

    BigDecimal leverage() {
        return leverage;
    }

    long now() {
        return clock.millis();
    }

    // ------------------------------------------------------------------ transactions

    /** Runs {@code body}; then fires due triggers and publishes what happened. Nested calls join. */
    <T> T transact(Supplier<T> body) {
        if (inTransaction) {
            return body.get();
        }
        inTransaction = true;
        try {
            return body.get();
        } finally {
            try {
                settle();
            } finally {
                inTransaction = false;
            }
        }
    }

    private void settle() {
        int rounds = 0;
        try {
            while (fireTriggers()) {
                if (++rounds > 10_000) {
                    LOG.error("conditional orders did not settle; giving up this round");
                    break;
                }
            }
        } catch (RuntimeException e) {
            LOG.error("trigger checks failed", e);
        }
        for (Outbound o : outbox) {
            hub.publish(o.account(), o.topic(), o.category(), o.item());
        }
        outbox.clear();
        Map<String, Set<Listing>> positions = new LinkedHashMap<>(positionsTouched);
        positionsTouched.clear();
        Set<String> wallets = new LinkedHashSet<>(walletTouched);
        walletTouched.clear();
        positions.forEach((account, touched) -> {
            for (Listing l : touched) {
                for (Views.PositionState p : positionStates(account, l, true)) {
                    hub.publish(account, Topic.POSITION, l.category(), Views.positionWs(p));
                }
            }
        });
        for (String account : wallets) {
            try {
                hub.publish(account, Topic.WALLET, null, Views.wallet(coins(account, null)));
            } catch (RuntimeException e) {
                LOG.error("wallet update of {} failed", account, e);
            }
        }
    }

    void step() {
        transact(() -> {
            synthetic.step();
            return null;
        });
    }

    void moveMid(Listing l, long ticks) {
        transact(() -> {
            synthetic.moveMid(l.unified(), ticks);
            return null;
        });
    }

    OrderBook book(Listing l) {
        return engine.book(l.unified());
    }

    BigDecimal mid(Listing l) {
        return synthetic.mid(l.unified());
    }

    /** The last price: the last trade or the last requote's mid, whichever is newer. */
    BigDecimal lastPrice(Listing l) {
        return engine.referencePrice(l.unified()).orElse(mid(l));
    }

    private void emitOrder(SimOrder o) {
        outbox.add(new Outbound(o.account, Topic.ORDER, o.category(), Views.orderWs(o)));
        walletTouched.add(o.account);
    }

    // ------------------------------------------------------------------ create

    SimOrder place(SimAccount account, OrderSpec spec) {
        return transact(() -> placeInTransaction(account.name(), spec));
    }

    private SimOrder placeInTransaction(String account, OrderSpec s) {
        Listing l = s.listing();
        Category c = l.category();
        if (!l.trading()) {
            throw Errors.notLive(c);
        }
        if (!s.orderLinkId().isEmpty() && usedLinkIds.getOrDefault(linkKey(account, c), Set.of())
                .contains(s.orderLinkId())) {
            throw Errors.duplicateOrderLinkId(c);
        }
        if (activeOrders(account, l) >= maxActiveOrders) {
            throw Errors.tooManyActiveOrders(c, maxActiveOrders);
        }
        checkPositionIdx(account, l, s.positionIdx());
        BigDecimal qty = s.qty();
        BigDecimal last = lastPrice(l);
        boolean conditional = s.triggerPrice() != null;
        if (c.isDerivative() && !conditional && closes(account, l, s.side(), s.positionIdx(), s.reduceOnly())) {
            qty = reducible(account, l, s.side(), true).min(qty);
        }
        int direction = s.triggerDirection();
        if (conditional) {
            if (c == Category.SPOT) {
                direction = s.triggerPrice().compareTo(last) >= 0 ? 1 : 2;
            } else {
                checkNotTriggered(direction, s.triggerPrice(), last, s.triggerBy());
            }
        }
        BigDecimal price = s.price();
        if (s.isMarket() && c.isDerivative()) {
            price = protectionPrice(l, s.side(), last);
        }
        SimOrder o = new SimOrder(account, l, Ids.orderId(c), s.orderLinkId(), s.side(), s.orderType(),
                s.marketUnit(), qty, price, s.timeInForce(), s.orderFilter(), s.reduceOnly(), s.closeOnTrigger(),
                s.positionIdx(), s.triggerPrice(), direction, s.triggerBy(), last, now());
        register(o);
        if (conditional) {
            o.orderStatus = SimOrder.UNTRIGGERED;
            untriggered.add(o);
            emitOrder(o);
            return o;
        }
        try {
            activate(o, false);
        } catch (BybitException e) {
            unregister(o);
            throw e;
        }
        return o;
    }

    private void register(SimOrder o) {
        byAccount.computeIfAbsent(o.account, a -> new ArrayList<>()).add(o);
        byOrderId.put(o.orderId, o);
        maybeOpen.computeIfAbsent(o.account, a -> new LinkedHashSet<>()).add(o);
        if (!o.orderLinkId.isEmpty()) {
            byLinkId.putIfAbsent(linkKey(o.account, o.category()) + "|" + o.orderLinkId, o);
            usedLinkIds.computeIfAbsent(linkKey(o.account, o.category()), k -> new HashSet<>()).add(o.orderLinkId);
        }
    }

    private void unregister(SimOrder o) {
        byAccount.get(o.account).remove(o);
        byOrderId.remove(o.orderId);
        maybeOpen.getOrDefault(o.account, Set.of()).remove(o);
        if (!o.orderLinkId.isEmpty()) {
            byLinkId.remove(linkKey(o.account, o.category()) + "|" + o.orderLinkId, o);
            usedLinkIds.get(linkKey(o.account, o.category())).remove(o.orderLinkId);
        }
    }

    private static String linkKey(String account, Category c) {
        return account + "|" + c.wire();
    }

    private long activeOrders(String account, Listing l) {
        return openOf(account).stream().filter(o -> o.listing == l).count();
    }

    /** The account's open orders, oldest first (an order that closed never opens again, so it is dropped here). */
    private Set<SimOrder> openOf(String account) {
        Set<SimOrder> open = maybeOpen.get(account);
        if (open == null) {
            return Set.of();
        }
        open.removeIf(o -> !o.isOpen());
        return open;
    }

    private void checkPositionIdx(String account, Listing l, int positionIdx) {
        if (l.category() == Category.SPOT) {
            return;
        }
        boolean hedge = l.category() == Category.LINEAR && isHedge(account);
        if (hedge ? positionIdx == 0 : positionIdx != 0) {
            throw Errors.params("position idx not match position mode");
        }
    }

    boolean isHedge(String account) {
        return hedgeMode.getOrDefault(account, false);
    }

    /** Whether an order of {@code side} closes a position (reduce-only in the engine). */
    private boolean closes(String account, Listing l, Side side, int positionIdx, boolean reduceOnly) {
        if (l.category() == Category.SPOT) {
            return false;
        }
        return reduceOnly || (positionIdx == 1 && side == Side.SELL) || (positionIdx == 2 && side == Side.BUY);
    }

    /**
     * What a closing order of {@code side} may trade: the position on the other side. With
     * {@code refuse}, a flat or same-side position is answered with 110017.
     */
    private BigDecimal reducible(String account, Listing l, Side side, boolean refuse) {
        BigDecimal position = tracker(account, l).size;
        if (position.signum() == 0) {
            if (refuse) {
                throw Errors.reduceOnlyZeroPosition();
            }
            return BigDecimal.ZERO;
        }
        BigDecimal reducible = side == Side.SELL ? position : position.negate();
        if (reducible.signum() <= 0) {
            if (refuse) {
                throw Errors.reduceOnlyRule();
            }
            return BigDecimal.ZERO;
        }
        return reducible;
    }

    private static void checkNotTriggered(int direction, BigDecimal trigger, BigDecimal last, String triggerBy) {
        if (direction == 1 && trigger.compareTo(last) <= 0) {
            throw Errors.expectRising(trigger, last, triggerBy);
        }
        if (direction == 2 && trigger.compareTo(last) >= 0) {
            throw Errors.expectFalling(trigger, last, triggerBy);
        }
    }

    private static BigDecimal protectionPrice(Listing l, Side side, BigDecimal last) {
        BigDecimal tick = l.spec.tickSize();
        if (side == Side.BUY) {
            BigDecimal p = last.multiply(BigDecimal.ONE.add(PROTECTION));
            BigDecimal floor = Fmt.floorToStep(p, tick);
            p = floor.compareTo(p) == 0 ? floor : floor.add(tick);
            return p.min(l.spec.maxPrice());
        }
        BigDecimal p = Fmt.floorToStep(last.multiply(BigDecimal.ONE.subtract(PROTECTION)), tick);
        return p.max(l.spec.minPrice());
    }

    /**
     * Sends a new or just-triggered order to the engine. At placement a refusal throws (and the
     * caller forgets the order); at a trigger it cancels the order.
     */
    private void activate(SimOrder o, boolean atTrigger) {
        Listing l = o.listing;
        boolean closing = closes(o.account, l, o.side, o.positionIdx, o.reduceOnly);
        BigDecimal quantity = o.qty;
        if (o.byValue()) {
            quantity = baseForValue(l, o.side, o.qty);
            if (quantity.signum() == 0) {
                if (!atTrigger) {
                    throw Errors.spotQtyBelowMin();
                }
                finishUnsent(o, SimOrder.CANCELLED, "UNKNOWN", "EC_NoImmediateQtyToFill");
                return;
            }
        }
        if (atTrigger && closing) {
            BigDecimal reducible = reducible(o.account, l, o.side, false);
            if (reducible.signum() == 0) {
                finishUnsent(o, SimOrder.CANCELLED, "CancelByReduceOnly", "EC_NoError");
                return;
            }
            if (quantity.compareTo(reducible) > 0) {
                quantity = reducible;
                o.qty = reducible;
            }
        }
        if ("PostOnly".equals(o.timeInForce) && wouldTake(l, o.side, o.price)) {
            finishUnsent(o, SimOrder.CANCELLED, "UNKNOWN", "EC_PostOnlyWillTakeLiquidity");
            return;
        }
        boolean engineMarket = o.isMarket() && l.category() == Category.SPOT;
        TimeInForce tif = switch (o.timeInForce) {
            case "IOC" -> TimeInForce.IOC;
            case "FOK" -> TimeInForce.FOK;
            default -> TimeInForce.GTC;
        };
        o.engineClientId = "bybit-" + (++engineSequence);
        OrderRequest request = OrderRequest.builder()
                .account(o.account)
                .clientOrderId(o.engineClientId)
                .symbol(l.unified())
                .side(o.side)
                .type(engineMarket ? OrderType.MARKET : OrderType.LIMIT)
                .timeInForce(engineMarket ? TimeInForce.GTC : tif)
                .quantity(quantity)
                .price(engineMarket ? null : o.price)
                .postOnly("PostOnly".equals(o.timeInForce))
                .reduceOnly(closing)
                .build();
        o.engineRequest = request;
        byEngineClientId.put(o.engineClientId, o);
        EngineResult result = engine.submit(request);
        if (result instanceof EngineResult.Refused refused) {
            byEngineClientId.remove(o.engineClientId);
            o.engineClientId = null;
            o.engineRequest = null;
            if (!atTrigger) {
                throw refusal(o, refused);
            }
            LOG.debug("conditional order {} cancelled at its trigger: {}", o.orderId, refused.text());
            finishUnsent(o, SimOrder.CANCELLED, "UNKNOWN", "EC_Others");
        }
    }

    /** Ends an order that never reached (or could not reach) the engine. */
    private void finishUnsent(SimOrder o, String status, String cancelType, String rejectReason) {
        o.orderStatus = status;
        o.cancelType = cancelType;
        o.rejectReason = rejectReason;
        o.updatedTime = now();
        emitOrder(o);
    }

    private BybitException refusal(SimOrder o, EngineResult.Refused r) {
        Category c = o.category();
        return switch (r.reason()) {
            case INSUFFICIENT_FUNDS -> {
                if (c == Category.SPOT) {
                    yield Errors.spotBalanceInsufficient();
                }
                BigDecimal wallet = balance(o.account, o.listing.spec.settleCoin()).map(Balance::total)
                        .orElse(BigDecimal.ZERO);
                yield wallet.signum() <= 0 ? Errors.walletInsufficient() : Errors.availableInsufficient();
            }
            case REDUCE_ONLY_WOULD_INCREASE -> Errors.reduceOnlyRule();
            case INCORRECT_QUANTITY -> c == Category.SPOT ? Errors.spotQtyBelowMin() : Errors.qtyBelowMin();
            case INVALID_PRICE_INCREMENT -> c == Category.SPOT ? Errors.spotPriceDecimals()
                    : Errors.params("price is not a multiple of tickSize");
            case BELOW_MIN_NOTIONAL -> c == Category.SPOT ? Errors.spotValueBelowMin() : Errors.belowMinNotional();
            case VENUE_CLOSED -> Errors.notLive(c);
            default -> Errors.params(r.text());
        };
    }

    private Optional<Balance> balance(String account, String coin) {
        return engine.balances(account).stream().filter(b -> b.asset().equals(coin)).findFirst();
    }

    private boolean wouldTake(Listing l, Side side, BigDecimal price) {
        if (price == null) {
            return true;
        }
        Optional<BigDecimal> best = engine.book(l.unified()).best(side.opposite());
        return best.isPresent() && (side == Side.BUY ? price.compareTo(best.get()) >= 0
                : price.compareTo(best.get()) <= 0);
    }

    /** The base quantity {@code amount} of the quote coin buys (or sells for) against the book now. */
    private BigDecimal baseForValue(Listing l, Side side, BigDecimal amount) {
        BigDecimal remaining = amount;
        BigDecimal base = BigDecimal.ZERO;
        for (BookLevel level : engine.book(l.unified()).depth(side.opposite(), 1000)) {
            BigDecimal cost = level.price().multiply(level.quantity());
            if (remaining.compareTo(cost) >= 0) {
                base = base.add(level.quantity());
                remaining = remaining.subtract(cost);
            } else {
                base = base.add(remaining.divide(level.price(), 16, RoundingMode.DOWN));
                break;
            }
        }
        return Fmt.floorToStep(base, l.spec.qtyStep());
    }

    // ------------------------------------------------------------------ triggers

    /** Fires the first conditional order whose trigger holds; true when one fired. */
    private boolean fireTriggers() {
        for (SimOrder o : untriggered) {
            BigDecimal last = lastPrice(o.listing);
            boolean holds = o.triggerDirection == 1 ? last.compareTo(o.triggerPrice) >= 0
                    : last.compareTo(o.triggerPrice) <= 0;
            if (holds) {
                untriggered.remove(o);
                o.orderStatus = SimOrder.TRIGGERED;
                o.updatedTime = now();
                emitOrder(o);
                activate(o, true);
                return true;
            }
        }
        return false;
    }

    // ------------------------------------------------------------------ amend and cancel

    SimOrder amend(SimAccount account, Category c, String symbol, String orderId, String orderLinkId,
                   BigDecimal qty, BigDecimal price, BigDecimal triggerPrice, String triggerBy) {
        Listing l = OrderParser.listing(listings, c, symbol);
        return transact(() -> {
            SimOrder o = find(account.name(), c, orderId, orderLinkId);
            if (o == null || !o.isOpen() || o.listing != l) {
                throw Errors.orderNotExists(c);
            }
            boolean untriggered = SimOrder.UNTRIGGERED.equals(o.orderStatus);
            if ((triggerPrice != null || triggerBy != null) && !untriggered) {
                throw Errors.params("triggerPrice and triggerBy can only be amended on an untriggered conditional"
                        + " order");
            }
            if (price != null && o.isMarket()) {
                throw Errors.params("a market order has no price to amend");
            }
            checkAmendValues(l, o, qty, price, triggerPrice);
            boolean changed = (qty != null && qty.compareTo(o.qty) != 0)
                    || (price != null && (o.price == null || price.compareTo(o.price) != 0))
                    || (triggerPrice != null && triggerPrice.compareTo(o.triggerPrice) != 0)
                    || (triggerBy != null && !triggerBy.equals(o.triggerBy));
            if (!changed) {
                throw Errors.unchanged();
            }
            if (untriggered) {
                if (triggerPrice != null && c.isDerivative()) {
                    checkNotTriggered(o.triggerDirection, triggerPrice, lastPrice(l),
                            triggerBy != null ? triggerBy : o.triggerBy);
                }
                o.triggerBy = triggerBy != null ? triggerBy : o.triggerBy;
                o.qty = qty != null ? qty : o.qty;
                o.price = price != null ? price : o.price;
                o.triggerPrice = triggerPrice != null ? triggerPrice : o.triggerPrice;
                o.updatedTime = now();
                emitOrder(o);
                return o;
            }
            BigDecimal newQty = qty != null ? qty : o.qty;
            BigDecimal newPrice = price != null ? price : o.price;
            if (newQty.compareTo(o.cumExecQty) <= 0) {
                throw Errors.amendBelowFilled(c);
            }
            if ("PostOnly".equals(o.timeInForce) && wouldTake(l, o.side, newPrice)) {
                o.pendingCancelType = "UNKNOWN";
                o.pendingRejectReason = "EC_PostOnlyWillTakeLiquidity";
                engine.cancel(o.account, null, null, o.engineId);
                return o;
            }
            OrderRequest replacement = o.engineRequest.toBuilder().quantity(newQty).price(newPrice).build();
            EngineResult r = engine.amend(o.account, null, o.engineId, replacement);
            if (r instanceof EngineResult.Refused refused) {
                throw switch (refused.reason()) {
                    case INSUFFICIENT_FUNDS -> c == Category.SPOT ? Errors.spotBalanceInsufficient()
                            : Errors.insufficientAvailable();
                    case REDUCE_ONLY_WOULD_INCREASE -> Errors.reduceOnlyRule();
                    case UNKNOWN_ORDER, TOO_LATE -> Errors.orderNotExists(c);
                    case INCORRECT_QUANTITY -> Errors.amendBelowFilled(c);
                    default -> Errors.params(refused.text());
                };
            }
            o.engineRequest = replacement;
            return o;
        });
    }

    private static void checkAmendValues(Listing l, SimOrder o, BigDecimal qty, BigDecimal price, BigDecimal trigger) {
        BybitSymbol s = l.spec;
        boolean spot = l.category() == Category.SPOT;
        if (qty != null) {
            if (!Fmt.isMultiple(qty, s.qtyStep())) {
                throw spot ? Errors.spotQtyDecimals() : Errors.params("qty " + Fmt.plain(qty)
                        + " is not a multiple of qtyStep " + s.qtyStep().toPlainString());
            }
            if (qty.compareTo(s.minOrderQty()) < 0) {
                throw spot ? Errors.spotQtyBelowMin() : Errors.qtyBelowMin();
            }
            if (qty.compareTo(s.maxOrderQty()) > 0) {
                throw spot ? Errors.spotQtyTooLarge() : Errors.qtyAboveMax(qty, s.maxOrderQty());
            }
        }
        for (BigDecimal p : new BigDecimal[] {price, trigger}) {
            if (p == null) {
                continue;
            }
            if (spot) {
                if (p.signum() <= 0 || !Fmt.isMultiple(p, s.tickSize())) {
                    throw Errors.spotPriceDecimals();
                }
            } else {
                OrderParser.checkPrice(s, p, p == price ? "price" : "triggerPrice");
            }
        }
    }

    SimOrder cancel(SimAccount account, Category c, String symbol, String orderId, String orderLinkId,
                    String orderFilter) {
        Listing l = OrderParser.listing(listings, c, symbol);
        return transact(() -> {
            SimOrder o = find(account.name(), c, orderId, orderLinkId);
            if (o == null || !o.isOpen() || o.listing != l
                    || (c == Category.SPOT && !o.orderFilter.equals(orderFilter == null ? "Order" : orderFilter))) {
                throw Errors.orderNotExists(c);
            }
            cancelOpen(o);
            return o;
        });
    }

    private void cancelOpen(SimOrder o) {
        if (SimOrder.UNTRIGGERED.equals(o.orderStatus)) {
            untriggered.remove(o);
            finishUnsent(o, SimOrder.DEACTIVATED, "CancelByUser", "EC_PerCancelRequest");
            return;
        }
        engine.cancel(o.account, null, null, o.engineId);
    }

    List<SimOrder> cancelAll(SimAccount account, Category c, String symbol, String baseCoin, String settleCoin,
                             String orderFilter) {
        if (c == Category.LINEAR && symbol == null && baseCoin == null && settleCoin == null) {
            throw Errors.params("symbol or baseCoin or settleCoin is required for linear");
        }
        Listing only = symbol == null ? null : OrderParser.listing(listings, c, symbol);
        return transact(() -> {
            List<SimOrder> cancelled = new ArrayList<>();
            for (SimOrder o : new ArrayList<>(openOf(account.name()))) {
                if (o.category() != c || !o.isOpen() || (only != null && o.listing != only)
                        || (baseCoin != null && !baseCoin.equals(o.listing.spec.baseCoin()))
                        || (settleCoin != null && !settleCoin.equals(o.listing.spec.settleCoin()))
                        || (orderFilter != null && c == Category.SPOT && !orderFilter.equals(o.orderFilter))) {
                    continue;
                }
                cancelOpen(o);
                cancelled.add(o);
            }
            return cancelled;
        });
    }

    /** The account's order by orderId (which wins) or orderLinkId in {@code c}; null when none. */
    SimOrder find(String account, Category c, String orderId, String orderLinkId) {
        if (orderId != null) {
            SimOrder o = byOrderId.get(orderId);
            return o == null || !o.account.equals(account) || o.category() != c ? null : o;
        }
        if (orderLinkId != null) {
            return byLinkId.get(linkKey(account, c) + "|" + orderLinkId);
        }
        return null;
    }

    // ------------------------------------------------------------------ position mode

    void switchMode(SimAccount account, Category c, int mode) {
        if (c != Category.LINEAR) {
            if (mode == 3) {
                throw Errors.hedgeModeNotSupported();
            }
            throw Errors.positionModeNotModified();
        }
        if (mode != 0 && mode != 3) {
            throw Errors.invalid("mode");
        }
        transact(() -> {
            boolean hedge = mode == 3;
            if (isHedge(account.name()) == hedge) {
                throw Errors.positionModeNotModified();
            }
            for (SimOrder o : openOf(account.name())) {
                if (o.category() == Category.LINEAR && o.isOpen()) {
                    throw Errors.positionModeWithOrders();
                }
            }
            for (PositionTracker t : trackers.getOrDefault(account.name(), Map.of()).values()) {
                if (t.listing.category() == Category.LINEAR && t.size.signum() != 0) {
                    throw Errors.positionModeWithPosition();
                }
            }
            hedgeMode.put(account.name(), hedge);
            return null;
        });
    }

    // ------------------------------------------------------------------ queries

    List<SimOrder> ordersOf(String account) {
        return List.copyOf(byAccount.getOrDefault(account, List.of()));
    }

    List<SimExecution> executionsOf(String account) {
        return List.copyOf(executions.getOrDefault(account, List.of()));
    }

    OrderView engineView(SimOrder o) {
        return o.engineId == null ? null : engine.orderByVenueId(o.engineId).orElse(null);
    }

    List<Balance> engineBalances(String account) {
        return engine.balances(account);
    }

    List<Position> enginePositions(String account) {
        return engine.positions(account);
    }

    PositionTracker tracker(String account, Listing l) {
        return trackers.computeIfAbsent(account, a -> new LinkedHashMap<>())
                .computeIfAbsent(l.unified(), s -> new PositionTracker(l, now()));
    }

    /** The derivative listings in which {@code account} has ever had a position. */
    List<Listing> positionListings(String account) {
        List<Listing> out = new ArrayList<>();
        for (PositionTracker t : trackers.getOrDefault(account, Map.of()).values()) {
            out.add(t.listing);
        }
        return out;
    }

    /**
     * The positions of {@code account} in {@code l} as Bybit shows them: one (positionIdx 0) in
     * one-way mode, two (1 buy side, 2 sell side) in hedge mode, or with {@code changedOnly} only
     * the side that holds the position (or last traded).
     */
    List<Views.PositionState> positionStates(String account, Listing l, boolean changedOnly) {
        PositionTracker t = tracker(account, l);
        BigDecimal mark = mid(l);
        if (l.category() != Category.LINEAR || !isHedge(account)) {
            return List.of(new Views.PositionState(t, 0, t.size, t.entry, mark, leverage));
        }
        int holding = t.size.signum() > 0 ? 1 : t.size.signum() < 0 ? 2 : t.lastIdx == 0 ? 1 : t.lastIdx;
        List<Views.PositionState> out = new ArrayList<>(2);
        for (int idx = 1; idx <= 2; idx++) {
            if (changedOnly && idx != holding) {
                continue;
            }
            boolean holds = idx == holding && t.size.signum() != 0;
            out.add(new Views.PositionState(t, idx, holds ? t.size : BigDecimal.ZERO,
                    holds ? t.entry : BigDecimal.ZERO, mark, leverage));
        }
        return out;
    }

    /** The unified wallet of {@code account}, every coin or those in {@code only}. */
    List<CoinState> coins(String account, Set<String> only) {
        Map<String, BigDecimal> locked = new HashMap<>();
        Map<String, BigDecimal> orderIM = new HashMap<>();
        for (SimOrder o : openOf(account)) {
            if (o.engineId == null || !o.isOpen() || o.price == null) {
                continue;
            }
            BigDecimal leaves = o.leavesQty();
            Listing l = o.listing;
            if (l.category() == Category.SPOT) {
                if (o.side == Side.BUY) {
                    locked.merge(l.spec.quoteCoin(), leaves.multiply(o.price), BigDecimal::add);
                } else {
                    locked.merge(l.spec.baseCoin(), leaves, BigDecimal::add);
                }
            } else if (!o.engineRequest.reduceOnly()) {
                BigDecimal im = Contracts.settleValue(l.instrument, leaves, o.price)
                        .divide(leverage, 16, RoundingMode.HALF_EVEN);
                orderIM.merge(l.spec.settleCoin(), im, BigDecimal::add);
            }
        }
        Map<String, BigDecimal[]> positions = new HashMap<>();
        for (PositionTracker t : trackers.getOrDefault(account, Map.of()).values()) {
            Views.PositionState p = new Views.PositionState(t, 0, t.size, t.entry, mid(t.listing), leverage);
            BigDecimal[] sums = positions.computeIfAbsent(t.listing.spec.settleCoin(),
                    c -> new BigDecimal[] {BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO});
            sums[0] = sums[0].add(p.im());
            sums[1] = sums[1].add(p.mm());
            sums[2] = sums[2].add(p.upl());
            sums[3] = sums[3].add(t.cumRealised);
        }
        List<CoinState> out = new ArrayList<>();
        Set<String> seen = new TreeSet<>();
        for (Balance b : engine.balances(account)) {
            if ((only != null && !only.contains(b.asset())) || !seen.add(b.asset())) {
                continue;
            }
            BigDecimal[] p = positions.getOrDefault(b.asset(),
                    new BigDecimal[] {BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO});
            out.add(new CoinState(b.asset(), b.total(), b.available(),
                    locked.getOrDefault(b.asset(), BigDecimal.ZERO), orderIM.getOrDefault(b.asset(), BigDecimal.ZERO),
                    p[0], p[1], p[2], p[3], usdPrice(b.asset())));
        }
        return out;
    }

    /** A coin's USD price: 1 for USD stablecoins, else the mid of its spot, linear or inverse listing. */
    private BigDecimal usdPrice(String coin) {
        if (coin.equals("USDT") || coin.equals("USDC") || coin.equals("USD")) {
            return BigDecimal.ONE;
        }
        for (Category c : Category.values()) {
            for (Listing l : listings.values()) {
                if (l.category() == c && l.spec.baseCoin().equals(coin)) {
                    return mid(l);
                }
            }
        }
        return BigDecimal.ZERO;
    }

    // ------------------------------------------------------------------ engine events

    @Override
    public void onAccepted(OrderView v) {
        SimOrder o = byEngineClientId.get(v.clientOrderId());
        if (o == null) {
            return;
        }
        o.engineId = v.venueOrderId();
        o.orderStatus = SimOrder.NEW;
        o.updatedTime = now();
        emitOrder(o);
    }

    @Override
    public void onFill(OrderView v, Execution e) {
        SimOrder o = byEngineClientId.get(v.clientOrderId());
        if (o == null) {
            return;
        }
        Listing l = o.listing;
        long time = e.timestamp().toEpochMilli();
        BigDecimal value = Contracts.settleValue(l.instrument, e.quantity(), e.price());
        o.cumExecQty = o.cumExecQty.add(e.quantity());
        o.cumExecValue = o.cumExecValue.add(value);
        o.cumExecFee = o.cumExecFee.add(e.commission());
        o.orderStatus = v.status() == io.fixbridge.venue.OrderSnapshot.Status.FILLED ? SimOrder.FILLED
                : SimOrder.PARTIALLY_FILLED;
        o.updatedTime = time;
        long seqNo = ++seq;
        BigDecimal pnl = BigDecimal.ZERO;
        BigDecimal closed = BigDecimal.ZERO;
        if (l.category().isDerivative()) {
            PositionTracker t = tracker(o.account, l);
            BigDecimal signed = o.side == Side.BUY ? e.quantity() : e.quantity().negate();
            PositionTracker.Applied applied = t.apply(signed, e.price(), e.commission(), time, seqNo);
            pnl = applied.pnl();
            closed = applied.closed();
            if (o.positionIdx != 0) {
                t.lastIdx = o.positionIdx;
            }
            o.closedPnl = o.closedPnl.add(pnl);
            positionsTouched.computeIfAbsent(o.account, a -> new LinkedHashSet<>()).add(l);
        }
        boolean maker = e.liquidity() == Liquidity.MAKER;
        BigDecimal leaves = v.quantity().subtract(v.filledQuantity()).max(BigDecimal.ZERO);
        SimExecution x = new SimExecution(Ids.execId(l.category()), e.tradeId(), o, o.price, o.qty, e.price(),
                e.quantity(), value, e.commission(), maker ? fees.maker() : fees.taker(), e.commissionAsset(), maker,
                leaves, closed, pnl, mid(l), seqNo, time);
        o.executions.add(x);
        executions.computeIfAbsent(o.account, a -> new ArrayList<>()).add(x);
        outbox.add(new Outbound(o.account, Topic.EXECUTION, l.category(), Views.executionWs(x)));
        emitOrder(o);
    }

    @Override
    public void onCanceled(OrderView v, String reason) {
        SimOrder o = byEngineClientId.get(v.clientOrderId());
        if (o == null) {
            return;
        }
        if (o.pendingCancelType != null) {
            o.cancelType = o.pendingCancelType;
            o.rejectReason = o.pendingRejectReason;
        } else if (MatchingEngine.REDUCE_ONLY_EXHAUSTED.equals(reason)) {
            o.cancelType = "CancelByReduceOnly";
            o.rejectReason = "EC_NoError";
        } else {
            o.cancelType = "CancelByUser";
            o.rejectReason = "EC_PerCancelRequest";
        }
        o.orderStatus = cancelledStatus(o);
        o.updatedTime = now();
        emitOrder(o);
    }

    @Override
    public void onExpired(OrderView v) {
        SimOrder o = byEngineClientId.get(v.clientOrderId());
        if (o == null) {
            return;
        }
        o.cancelType = "UNKNOWN";
        o.rejectReason = "FOK".equals(o.timeInForce) ? "EC_CancelForNoFullFill" : "EC_NoImmediateQtyToFill";
        o.orderStatus = cancelledStatus(o);
        o.updatedTime = now();
        emitOrder(o);
    }

    private static String cancelledStatus(SimOrder o) {
        return o.category() == Category.SPOT && o.cumExecQty.signum() > 0 ? SimOrder.PARTIALLY_FILLED_CANCELED
                : SimOrder.CANCELLED;
    }

    @Override
    public void onReplaced(OrderView v, String previousClientOrderId) {
        SimOrder o = byEngineClientId.get(v.clientOrderId());
        if (o == null) {
            return;
        }
        o.qty = v.quantity();
        o.price = v.price();
        o.updatedTime = now();
        emitOrder(o);
    }

    @Override
    public void onRejected(OrderRequest request, RejectReason reason, String text) {
        // refusals are answered on the request itself
    }

    /** Every trade of the engine (the market maker's included) goes to the publicTrade stream at once. */
    @Override
    public void onTrade(PublicTrade trade) {
        Listing l = byUnified.get(trade.symbol());
        if (l != null) {
            publicHub.trade(l, trade);
        }
    }
}

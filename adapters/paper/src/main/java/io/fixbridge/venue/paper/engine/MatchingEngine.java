package io.fixbridge.venue.paper.engine;

import io.fixbridge.venue.Balance;
import io.fixbridge.venue.Instrument;
import io.fixbridge.venue.Liquidity;
import io.fixbridge.venue.MarketType;
import io.fixbridge.venue.OrderRequest;
import io.fixbridge.venue.OrderSnapshot.Status;
import io.fixbridge.venue.OrderType;
import io.fixbridge.venue.Position;
import io.fixbridge.venue.RejectReason;
import io.fixbridge.venue.ReplaceMode;
import io.fixbridge.venue.Side;
import io.fixbridge.venue.TimeInForce;
import io.fixbridge.venue.VenueCapabilities;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A price-time priority matching engine for every instrument and every account of one venue.
 *
 * <h2>Threading</h2>
 * Single-threaded by contract: not thread-safe, and every call (including the
 * {@link SyntheticMarket}'s) must come from one thread at a time, serialised by the caller. The
 * {@link EngineListener} is called synchronously from inside the call that caused the event.
 *
 * <h2>Errors</h2>
 * Requests a participant makes ({@link #submit}, {@link #cancel}, {@link #amend}) never throw for
 * a bad request: they answer {@link EngineResult.Refused} with a reason and a text, and change
 * nothing. Only a programming error throws: null arguments, an unknown account or symbol in
 * {@link #balances}, {@link #positions} and {@link #book}.
 *
 * <h2>Behaviour</h2>
 * <ul>
 *   <li>Trades happen at the resting order's price. Both sides of a trade carry the same trade
 *       id, {@code "T" + n}; venue order ids are {@code "1", "2", ...}.</li>
 *   <li>MARKET orders walk the book; the unfilled rest of a MARKET or IOC order expires. A FOK
 *       order that cannot fill completely at once expires without any fill.</li>
 *   <li>STOP and TAKE_PROFIT orders become market orders, STOP_LIMIT orders limit orders at their
 *       price, when the reference price (the last trade, or the mid after a market-maker requote,
 *       whichever came last) reaches the stop price in the order's
 *       {@link OrderRequest#effectiveTriggerDirection() trigger direction}. Triggers are checked
 *       after every request and every requote; a trigger that already holds at submit fires at
 *       once, after the acceptance.</li>
 *   <li>Post-only orders that would cross are refused at submit (or canceled when a post-only
 *       stop-limit would cross at its trigger).</li>
 *   <li>Reduce-only (perpetuals only): refused at submit when it would increase or flip the
 *       position. At fill time each fill is clipped to the position left to reduce, and an order
 *       with nothing left to reduce is canceled (reason text says so) rather than left working.</li>
 *   <li>Icebergs show only their display quantity; when that is consumed it refreshes with
 *       {@code min(display, leaves)} at the back of its level's queue.</li>
 *   <li>Amend changes price, stop price and total quantity in place: the order keeps its venue
 *       order id and is known by the new client order id afterwards (the old one still finds it).
 *       A quantity decrease at the same price keeps time priority; a price change or a quantity
 *       increase loses it, and an amend that makes the order marketable matches at once.</li>
 *   <li>Funds are checked at submit and held while the order works. Spot: a buy holds
 *       {@code limit price * leaves} of the quote asset (a waiting stop or take-profit
 *       {@code stop price * leaves}), nothing for fees, which are deducted on fill; a sell holds
 *       {@code leaves} of the base asset. Perpetual: an order that is not reduce-only holds
 *       initial margin {@code notional / leverage} of the settle asset, a position
 *       {@code |size| * entry / leverage}. A spot market buy (and a spot stop or take-profit buy
 *       when it triggers) needs {@code estimate * (1 + taker rate)} of the quote asset, where the
 *       estimate walks the book for the order's quantity and prices any quantity beyond the book
 *       at the last level seen (the reference price when the book is empty); a perpetual market
 *       order needs the initial margin of that estimate. A conditional order that lacks the funds
 *       when it triggers is canceled with a reason. Fees are {@code notional * rate}, charged in
 *       the quote asset on spot and in the settle asset on perpetuals; reducing a perpetual
 *       position credits realised PnL to the settle asset. There is no liquidation.</li>
 *   <li>Inverse perpetuals (BTC/USD:BTC; not in {@link #CAPABILITIES}, so a builder that wants
 *       them passes capabilities that list {@code INVERSE_PERPETUAL}) follow the perpetual rules
 *       with values from {@link Contracts}: {@code notional} is {@code quantity * contractSize /
 *       price} in the base coin, which holds the margin and pays fees and PnL
 *       ({@code contracts * contractSize * (1/entry - 1/exit)} for a long); a minimum notional is
 *       in the quote currency ({@code quantity * contractSize}); entries average harmonically.
 *       An {@link OrderView}'s average price stays the quantity-weighted arithmetic mean.</li>
 *   <li>Client order ids are unique per account over the engine's life: a reused id is refused
 *       with DUPLICATE_ORDER even when the first order is done.</li>
 * </ul>
 * The internal market maker (see {@link #replaceMakerQuotes}) has no balances, is never checked,
 * and its orders and fills are never reported to the listener.
 */
public final class MatchingEngine {

    /** What the engine can do. */
    public static final VenueCapabilities CAPABILITIES = new VenueCapabilities(
            EnumSet.of(MarketType.SPOT, MarketType.LINEAR_PERPETUAL),
            EnumSet.allOf(OrderType.class),
            EnumSet.of(TimeInForce.GTC, TimeInForce.IOC, TimeInForce.FOK),
            true,
            EnumSet.of(MarketType.LINEAR_PERPETUAL),
            true,
            false,
            true,
            ReplaceMode.NATIVE_AMEND,
            false);

    /** The text of a post-only refusal. */
    public static final String POST_ONLY_TEXT = "post-only order would take liquidity";

    /** The cancel reason of a reduce-only order with nothing left to reduce. */
    public static final String REDUCE_ONLY_EXHAUSTED = "reduce-only order canceled: no position left to reduce";

    private final Map<String, Instrument> instruments = new LinkedHashMap<>();
    private final Map<String, OrderBook> books = new HashMap<>();
    private final Map<String, List<WorkingOrder>> makerOrders = new HashMap<>();
    private final Map<String, List<WorkingOrder>> waitingConditionals = new HashMap<>();
    private final Map<String, BigDecimal> reference = new HashMap<>();
    /** Every order the engine knows, oldest first (so the oldest done ones can be forgotten first). */
    private final Map<String, WorkingOrder> byVenueId = new LinkedHashMap<>();
    private final Map<String, Map<String, WorkingOrder>> byClientId = new HashMap<>();
    private final Map<String, WorkingOrder> live = new LinkedHashMap<>();
    private final Ledger ledger;
    private final FeeSchedule fees;
    private final VenueCapabilities capabilities;
    private final Clock clock;
    private final EngineListener listener;
    private long orderSequence;
    /** Done orders kept for queries; 0 keeps all. */
    private final int orderHistory;
    /** Done orders past {@link #orderHistory} tolerated before a sweep, so a sweep is paid once per many orders. */
    private static final int HISTORY_SLACK = 1_000;
    private long makerSequence;
    private long tradeSequence;

    private MatchingEngine(Builder b) {
        this.orderHistory = b.orderHistory;
        this.ledger = new Ledger(b.leverage);
        this.fees = b.fees;
        this.capabilities = b.capabilities;
        this.clock = b.clock;
        this.listener = Objects.requireNonNull(b.listener, "listener");
        for (Instrument i : b.instruments) {
            if (!capabilities.markets().contains(i.marketType())) {
                throw new IllegalArgumentException(i.symbol() + ": the engine trades only "
                        + capabilities.markets() + " instruments, not " + i.marketType());
            }
            if (instruments.putIfAbsent(i.symbol(), i) != null) {
                throw new IllegalArgumentException("instrument " + i.symbol() + " is listed twice");
            }
            books.put(i.symbol(), new OrderBook(i));
            makerOrders.put(i.symbol(), new ArrayList<>());
            waitingConditionals.put(i.symbol(), new ArrayList<>());
        }
        b.accounts.forEach((name, balances) -> {
            ledger.open(name, balances);
            byClientId.put(name, new HashMap<>());
        });
    }

    public static Builder builder() {
        return new Builder();
    }

    // ------------------------------------------------------------------ participant requests

    /**
     * Places an order. On acceptance the listener hears {@code onAccepted}, then whatever the order
     * does at once (fills, expiry, trigger); the answer is the order as it stands afterwards.
     */
    public EngineResult submit(OrderRequest request) {
        Objects.requireNonNull(request, "request");
        EngineResult.Refused refusal = checkStatic(request);
        WorkingOrder order = null;
        if (refusal == null) {
            order = newOrder(request, instruments.get(request.symbol()));
            refusal = checkState(order);
        }
        if (refusal != null) {
            listener.onRejected(request, refusal.reason(), refusal.text());
            return refusal;
        }
        orderSequence++;
        forgetOldestDoneOrders();
        byVenueId.put(order.venueOrderId, order);
        byClientId.get(order.account).put(order.clientOrderId, order);
        live.put(order.venueOrderId, order);
        ledger.relock(order);
        listener.onAccepted(order.view());
        if (order.isWaitingForTrigger()) {
            waitingConditionals.get(order.symbol()).add(order);
        } else {
            activate(order);
        }
        fireTriggers(order.symbol());
        return new EngineResult.Done(order.view());
    }

    /**
     * Cancels a live order, found by client order id (current or any earlier one) or else by
     * venue order id within {@code account}; {@code symbol}, when not null, must match.
     */
    public EngineResult cancel(String account, String symbol, String clientOrderId, String venueOrderId) {
        Objects.requireNonNull(account, "account");
        EngineResult.Refused refusal = findRefusal(account, symbol, clientOrderId, venueOrderId);
        if (refusal != null) {
            return refusal;
        }
        WorkingOrder order = find(account, symbol, clientOrderId, venueOrderId);
        cancelOrder(order, null);
        return new EngineResult.Done(order.view());
    }

    /**
     * Amends a live order in place to stand as {@code replacement} says: new client order id,
     * price, stop price and total quantity (including what has filled). Anything else must be
     * unchanged.
     */
    public EngineResult amend(String account, String clientOrderId, String venueOrderId, OrderRequest replacement) {
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(replacement, "replacement");
        EngineResult.Refused refusal = findRefusal(account, null, clientOrderId, venueOrderId);
        if (refusal != null) {
            return refusal;
        }
        WorkingOrder order = find(account, null, clientOrderId, venueOrderId);
        refusal = checkAmend(order, replacement);
        if (refusal != null) {
            return refusal;
        }
        BigDecimal newPrice = order.type.requiresPrice() ? replacement.price() : null;
        BigDecimal newStop = order.type.requiresStopPrice() ? replacement.stopPrice() : null;
        BigDecimal newQuantity = replacement.quantity();
        OrderBook book = books.get(order.symbol());
        boolean resting = book.contains(order);
        boolean losesPriority = !Decimals.same(newPrice, order.price) || newQuantity.compareTo(order.quantity) > 0;
        if (resting && losesPriority) {
            book.remove(order);
        }
        String previous = order.clientOrderId;
        order.clientOrderId = replacement.clientOrderId();
        byClientId.get(account).put(order.clientOrderId, order);
        order.quantity = newQuantity;
        order.price = newPrice;
        order.stopPrice = newStop;
        order.updatedAt = clock.instant();
        if (resting && !losesPriority) {
            order.visible = order.visible.min(order.leaves());
        }
        ledger.relock(order);
        listener.onReplaced(order.view(), previous);
        if (resting && losesPriority) {
            match(order);
            if (!order.isDone()) {
                rest(order);
            }
        }
        fireTriggers(order.symbol());
        return new EngineResult.Done(order.view());
    }

    // ------------------------------------------------------------------ market maker

    /**
     * Withdraws every market-maker quote of {@code symbol} and places {@code bids} and
     * {@code asks} (each best first) instead, as the internal participant. A new quote that
     * crosses participants' resting orders trades with them at their price (they are makers).
     * Then the reference price becomes {@code mid} and triggers are checked.
     */
    public void replaceMakerQuotes(String symbol, BigDecimal mid, List<BookLevel> bids, List<BookLevel> asks) {
        Objects.requireNonNull(mid, "mid");
        OrderBook book = book(symbol);
        List<WorkingOrder> quotes = makerOrders.get(symbol);
        for (WorkingOrder q : quotes) {
            book.remove(q);
        }
        quotes.clear();
        placeMakerQuotes(book.instrument(), Side.BUY, bids, quotes);
        placeMakerQuotes(book.instrument(), Side.SELL, asks, quotes);
        reference.put(symbol, mid);
        fireTriggers(symbol);
    }

    private void placeMakerQuotes(Instrument instrument, Side side, List<BookLevel> levels, List<WorkingOrder> quotes) {
        Instant now = clock.instant();
        for (BookLevel level : levels) {
            WorkingOrder quote = new WorkingOrder("mm-" + (++makerSequence), null, null, instrument, side,
                    OrderType.LIMIT, TimeInForce.GTC, level.quantity(), level.price(), null, null, false, false,
                    null, now);
            quotes.add(quote);
            match(quote);
            if (!quote.isDone()) {
                rest(quote);
            }
        }
    }

    // ------------------------------------------------------------------ queries

    /** The order {@code account} knows by {@code clientOrderId} (current or earlier id). */
    public Optional<OrderView> order(String account, String clientOrderId) {
        Map<String, WorkingOrder> orders = byClientId.get(account);
        WorkingOrder o = orders == null ? null : orders.get(clientOrderId);
        return Optional.ofNullable(o).map(WorkingOrder::view);
    }

    /** The order with this venue order id, whoever owns it. */
    public Optional<OrderView> orderByVenueId(String venueOrderId) {
        return Optional.ofNullable(byVenueId.get(venueOrderId)).map(WorkingOrder::view);
    }

    /** The live orders of {@code account}, oldest first. */
    public List<OrderView> openOrders(String account) {
        List<OrderView> out = new ArrayList<>();
        for (WorkingOrder o : live.values()) {
            if (o.account.equals(account)) {
                out.add(o.view());
            }
        }
        return out;
    }

    /** Balances of {@code account}; throws IllegalArgumentException for an unknown account. */
    public List<Balance> balances(String account) {
        return ledger.balances(requireAccount(account));
    }

    /** Perpetual positions of {@code account}; throws IllegalArgumentException for an unknown account. */
    public List<Position> positions(String account) {
        return ledger.positions(requireAccount(account));
    }

    public boolean hasAccount(String account) {
        return ledger.has(account);
    }

    /** Account names, in the order they were opened. */
    public Set<String> accounts() {
        return Set.copyOf(ledger.accountNames());
    }

    /** The instruments, in the order they were added. */
    public List<Instrument> instruments() {
        return List.copyOf(instruments.values());
    }

    public Optional<Instrument> instrument(String symbol) {
        return Optional.ofNullable(instruments.get(symbol));
    }

    /** The book of {@code symbol}; throws IllegalArgumentException for an unknown symbol. */
    public OrderBook book(String symbol) {
        OrderBook book = books.get(symbol);
        if (book == null) {
            throw new IllegalArgumentException("unknown symbol " + symbol);
        }
        return book;
    }

    /** The price triggers are compared with: the last trade or the last requote's mid, whichever is newer. */
    public Optional<BigDecimal> referencePrice(String symbol) {
        return Optional.ofNullable(reference.get(symbol));
    }

    public VenueCapabilities capabilities() {
        return capabilities;
    }

    public FeeSchedule fees() {
        return fees;
    }

    // ------------------------------------------------------------------ checks

    private EngineResult.Refused checkStatic(OrderRequest r) {
        if (!ledger.has(r.account())) {
            return OrderChecks.refuse(RejectReason.UNKNOWN_ACCOUNT, "unknown account '" + r.account()
                    + "'; this venue's accounts are " + ledger.accountNames());
        }
        Instrument instrument = instruments.get(r.symbol());
        if (instrument == null) {
            return OrderChecks.refuse(RejectReason.UNKNOWN_SYMBOL, "unknown symbol '" + r.symbol()
                    + "'; this venue lists " + instruments.keySet());
        }
        if (r.clientOrderId().isBlank()) {
            return OrderChecks.refuse(RejectReason.OTHER, "the client order id must not be blank");
        }
        WorkingOrder existing = byClientId.get(r.account()).get(r.clientOrderId());
        if (existing != null) {
            return OrderChecks.refuse(RejectReason.DUPLICATE_ORDER, "client order id " + r.clientOrderId()
                    + " is already used by order " + existing.venueOrderId + " in account " + r.account());
        }
        return OrderChecks.check(r, instrument, capabilities, reference.get(r.symbol()));
    }

    private EngineResult.Refused checkState(WorkingOrder o) {
        if (o.reduceOnly) {
            BigDecimal reducible = ledger.reducible(o);
            if (o.quantity.compareTo(reducible) > 0) {
                return OrderChecks.refuse(RejectReason.REDUCE_ONLY_WOULD_INCREASE, "reduce-only " + o.side + " of "
                        + Decimals.text(o.quantity) + " would increase the position: " + describePosition(o));
            }
        }
        if (o.postOnly && !o.isWaitingForTrigger() && wouldTake(o.side, o.price, o.symbol())) {
            return OrderChecks.refuse(RejectReason.WOULD_TAKE_LIQUIDITY, POST_ONLY_TEXT);
        }
        return checkFunds(o, o.lockPrice(o.price, o.stopPrice), o.leaves());
    }

    private EngineResult.Refused checkAmend(WorkingOrder o, OrderRequest r) {
        if (!r.account().equals(o.account) || !r.symbol().equals(o.symbol()) || r.side() != o.side) {
            return OrderChecks.refuse(RejectReason.UNSUPPORTED_ORDER_CHARACTERISTIC,
                    "an amend cannot change the account, the symbol or the side");
        }
        List<String> changed = new ArrayList<>(2);
        if (r.type() != o.type) {
            changed.add("order type");
        }
        if (r.timeInForce() != o.timeInForce) {
            changed.add("time in force");
        }
        if (r.postOnly() != o.postOnly) {
            changed.add("post-only flag");
        }
        if (r.reduceOnly() != o.reduceOnly) {
            changed.add("reduce-only flag");
        }
        if (!Decimals.same(r.displayQuantity(), o.displayQuantity)) {
            changed.add("display quantity");
        }
        if (r.type().requiresStopPrice() && r.effectiveTriggerDirection() != o.triggerDirection) {
            changed.add("trigger direction");
        }
        if (!changed.isEmpty()) {
            return OrderChecks.refuse(RejectReason.UNSUPPORTED_ORDER_CHARACTERISTIC,
                    "an amend can change only the price, the stop price and the quantity; this one changes the "
                            + String.join(", ", changed));
        }
        WorkingOrder other = byClientId.get(o.account).get(r.clientOrderId());
        if (other != null && other != o) {
            return OrderChecks.refuse(RejectReason.DUPLICATE_ORDER, "client order id " + r.clientOrderId()
                    + " is already used by order " + other.venueOrderId + " in account " + o.account);
        }
        EngineResult.Refused basic = OrderChecks.check(r, o.instrument, capabilities, reference.get(o.symbol()));
        if (basic != null) {
            return basic;
        }
        if (r.quantity().compareTo(o.filled) <= 0) {
            return OrderChecks.refuse(RejectReason.INCORRECT_QUANTITY, "the new quantity "
                    + Decimals.text(r.quantity()) + " must exceed the quantity already filled, "
                    + Decimals.text(o.filled));
        }
        BigDecimal newPrice = o.type.requiresPrice() ? r.price() : null;
        BigDecimal newStop = o.type.requiresStopPrice() ? r.stopPrice() : null;
        BigDecimal newLeaves = r.quantity().subtract(o.filled);
        if (o.reduceOnly && newLeaves.compareTo(ledger.reducible(o)) > 0) {
            return OrderChecks.refuse(RejectReason.REDUCE_ONLY_WOULD_INCREASE, "reduce-only " + o.side + " of "
                    + Decimals.text(newLeaves) + " would increase the position: " + describePosition(o));
        }
        if (o.postOnly && !o.isWaitingForTrigger() && wouldTake(o.side, newPrice, o.symbol())) {
            return OrderChecks.refuse(RejectReason.WOULD_TAKE_LIQUIDITY, POST_ONLY_TEXT);
        }
        return checkFunds(o, o.lockPrice(newPrice, newStop), newLeaves);
    }

    /** Whether {@code o} has the funds to work {@code leaves} at {@code lockPrice} (null: as a market order now). */
    private EngineResult.Refused checkFunds(WorkingOrder o, BigDecimal lockPrice, BigDecimal leaves) {
        BigDecimal needed;
        if (lockPrice == null && !o.isWaitingForTrigger() && needsEstimate(o)) {
            BigDecimal notional = estimateNotional(o, leaves);
            needed = o.instrument.marketType() == MarketType.SPOT
                    ? notional.add(notional.multiply(fees.taker()))
                    : ledger.initialMargin(notional);
        } else {
            needed = ledger.requiredLock(o, lockPrice, leaves);
        }
        if (needed.signum() <= 0) {
            return null;
        }
        String asset = Ledger.lockAsset(o);
        BigDecimal available = ledger.available(o.account, asset).add(o.locked);
        if (available.compareTo(needed) < 0) {
            return OrderChecks.refuse(RejectReason.INSUFFICIENT_FUNDS, "insufficient " + asset + " in account "
                    + o.account + ": needed " + Decimals.text(needed) + ", available " + Decimals.text(available));
        }
        return null;
    }

    private boolean needsEstimate(WorkingOrder o) {
        if (o.instrument.marketType() == MarketType.SPOT) {
            return o.side == Side.BUY;
        }
        return !o.reduceOnly;
    }

    /** The value (in the settle asset, see {@link Contracts}) of trading {@code quantity} as a market order now. */
    private BigDecimal estimateNotional(WorkingOrder o, BigDecimal quantity) {
        BigDecimal remaining = quantity;
        BigDecimal notional = BigDecimal.ZERO;
        BigDecimal lastPrice = reference.get(o.symbol());
        for (WorkingOrder maker : books.get(o.symbol()).inPriorityOrder(o.side.opposite())) {
            if (remaining.signum() <= 0) {
                break;
            }
            BigDecimal take = remaining.min(maker.leaves());
            notional = notional.add(Contracts.settleValue(o.instrument, take, maker.price));
            remaining = remaining.subtract(take);
            lastPrice = maker.price;
        }
        if (remaining.signum() > 0 && lastPrice != null) {
            notional = notional.add(Contracts.settleValue(o.instrument, remaining, lastPrice));
        }
        return notional;
    }

    private String describePosition(WorkingOrder o) {
        BigDecimal position = ledger.position(o.account, o.symbol());
        if (position.signum() == 0) {
            return "the position in " + o.symbol() + " is flat";
        }
        return "the position in " + o.symbol() + " is " + Decimals.text(position.abs())
                + (position.signum() > 0 ? " long" : " short");
    }

    private boolean wouldTake(Side side, BigDecimal price, String symbol) {
        Optional<BigDecimal> opposite = books.get(symbol).best(side.opposite());
        if (opposite.isEmpty()) {
            return false;
        }
        return side == Side.BUY ? price.compareTo(opposite.get()) >= 0 : price.compareTo(opposite.get()) <= 0;
    }

    private EngineResult.Refused findRefusal(String account, String symbol, String clientOrderId, String venueOrderId) {
        if (!ledger.has(account)) {
            return OrderChecks.refuse(RejectReason.UNKNOWN_ACCOUNT, "unknown account '" + account
                    + "'; this venue's accounts are " + ledger.accountNames());
        }
        WorkingOrder order = find(account, symbol, clientOrderId, venueOrderId);
        if (order == null) {
            return OrderChecks.refuse(RejectReason.UNKNOWN_ORDER, "no order with client order id " + clientOrderId
                    + (venueOrderId == null ? "" : " or venue order id " + venueOrderId) + " in account " + account
                    + (symbol == null ? "" : " for " + symbol));
        }
        if (order.isDone()) {
            return OrderChecks.refuse(RejectReason.TOO_LATE, "order " + order.venueOrderId + " ("
                    + order.clientOrderId + ") is already " + order.status);
        }
        return null;
    }

    private WorkingOrder find(String account, String symbol, String clientOrderId, String venueOrderId) {
        Map<String, WorkingOrder> orders = byClientId.get(account);
        WorkingOrder o = clientOrderId == null ? null : orders.get(clientOrderId);
        if (o == null && venueOrderId != null) {
            WorkingOrder candidate = byVenueId.get(venueOrderId);
            o = candidate != null && account.equals(candidate.account) ? candidate : null;
        }
        if (o != null && symbol != null && !symbol.equals(o.symbol())) {
            return null;
        }
        return o;
    }

    private String requireAccount(String account) {
        if (!ledger.has(account)) {
            throw new IllegalArgumentException("unknown account '" + account + "'; accounts are " + ledger.accountNames());
        }
        return account;
    }

    // ------------------------------------------------------------------ order life

    private WorkingOrder newOrder(OrderRequest r, Instrument instrument) {
        return new WorkingOrder(String.valueOf(orderSequence + 1), r.account(), r.clientOrderId(), instrument,
                r.side(), r.type(), r.timeInForce(), r.quantity(), r.type().requiresPrice() ? r.price() : null,
                r.type().requiresStopPrice() ? r.stopPrice() : null, r.effectiveTriggerDirection(), r.postOnly(),
                r.reduceOnly(), r.displayQuantity(), clock.instant());
    }

    /** An order that trades now (new, or just triggered): FOK test, match, then rest or expire. */
    private void activate(WorkingOrder o) {
        if (o.timeInForce == TimeInForce.FOK && fillableNow(o).compareTo(o.leaves()) < 0) {
            expire(o);
            return;
        }
        match(o);
        if (o.isDone()) {
            return;
        }
        if (o.workingType() == OrderType.MARKET || o.timeInForce != TimeInForce.GTC) {
            expire(o);
        } else {
            rest(o);
        }
    }

    private void rest(WorkingOrder o) {
        o.visible = o.displayRefill();
        books.get(o.symbol()).add(o);
    }

    /** What {@code o} could fill against the book right now. */
    private BigDecimal fillableNow(WorkingOrder o) {
        BigDecimal fillable = BigDecimal.ZERO;
        for (WorkingOrder maker : books.get(o.symbol()).inPriorityOrder(o.side.opposite())) {
            if (!o.crosses(maker.price) || fillable.compareTo(o.leaves()) >= 0) {
                break;
            }
            fillable = fillable.add(capacity(maker, maker.leaves()));
        }
        return capacity(o, fillable);
    }

    /** {@code wanted}, clipped for a reduce-only order to what its position allows. */
    private BigDecimal capacity(WorkingOrder o, BigDecimal wanted) {
        return o.reduceOnly ? wanted.min(ledger.reducible(o)) : wanted;
    }

    private void match(WorkingOrder taker) {
        OrderBook book = books.get(taker.symbol());
        Side makerSide = taker.side.opposite();
        while (!taker.isDone() && taker.leaves().signum() > 0) {
            WorkingOrder maker = book.first(makerSide);
            if (maker == null || !taker.crosses(maker.price)) {
                return;
            }
            BigDecimal takerCapacity = capacity(taker, taker.leaves());
            if (takerCapacity.signum() == 0) {
                cancelOrder(taker, REDUCE_ONLY_EXHAUSTED);
                return;
            }
            BigDecimal makerCapacity = capacity(maker, maker.visible);
            if (makerCapacity.signum() == 0) {
                cancelOrder(maker, REDUCE_ONLY_EXHAUSTED);
                continue;
            }
            trade(book, taker, maker, takerCapacity.min(makerCapacity));
        }
    }

    private void trade(OrderBook book, WorkingOrder taker, WorkingOrder maker, BigDecimal quantity) {
        BigDecimal price = maker.price;
        String tradeId = "T" + (++tradeSequence);
        Instant now = clock.instant();
        maker.visible = maker.visible.subtract(quantity);
        Execution makerFill = fill(maker, quantity, price, Liquidity.MAKER, tradeId, now);
        Execution takerFill = fill(taker, quantity, price, Liquidity.TAKER, tradeId, now);
        if (maker.isDone()) {
            book.remove(maker);
        } else if (maker.visible.signum() == 0) {
            maker.visible = maker.displayRefill();
            book.requeue(maker);
        }
        reference.put(taker.symbol(), price);
        if (makerFill != null) {
            listener.onFill(maker.view(), makerFill);
        }
        if (takerFill != null) {
            listener.onFill(taker.view(), takerFill);
        }
        listener.onTrade(new PublicTrade(taker.symbol(), tradeId, price, quantity, taker.side, now));
        cancelExhaustedReduceOnly(maker);
        cancelExhaustedReduceOnly(taker);
    }

    /** Books a fill on one order; returns its execution, or null for the market maker. */
    private Execution fill(WorkingOrder o, BigDecimal quantity, BigDecimal price, Liquidity liquidity,
                           String tradeId, Instant now) {
        o.filled = o.filled.add(quantity);
        o.filledNotional = o.filledNotional.add(quantity.multiply(price));
        o.status = o.leaves().signum() == 0 ? Status.FILLED : Status.PARTIALLY_FILLED;
        o.updatedAt = now;
        if (o.isMarketMaker()) {
            return null;
        }
        if (o.isDone()) {
            live.remove(o.venueOrderId);
        }
        BigDecimal rate = liquidity == Liquidity.MAKER ? fees.maker() : fees.taker();
        BigDecimal fee = Decimals.clean(Contracts.settleValue(o.instrument, quantity, price).multiply(rate));
        ledger.settle(o, quantity, price, fee);
        ledger.relock(o);
        String feeAsset = o.instrument.marketType() == MarketType.SPOT
                ? o.instrument.quoteAsset() : o.instrument.settleAsset();
        Execution execution = new Execution(tradeId, o.clientOrderId, quantity, price, fee, feeAsset, liquidity, now);
        o.executions.add(execution);
        return execution;
    }

    /** After a fill of {@code o}'s account, cancels its reduce-only orders in that symbol that can no longer reduce. */
    private void cancelExhaustedReduceOnly(WorkingOrder filled) {
        if (filled.isMarketMaker() || filled.instrument.marketType() == MarketType.SPOT) {
            return;
        }
        List<WorkingOrder> exhausted = new ArrayList<>();
        for (WorkingOrder o : live.values()) {
            if (o.reduceOnly && o.account.equals(filled.account) && o.symbol().equals(filled.symbol())
                    && ledger.reducible(o).signum() == 0) {
                exhausted.add(o);
            }
        }
        for (WorkingOrder o : exhausted) {
            cancelOrder(o, REDUCE_ONLY_EXHAUSTED);
        }
    }

    private void fireTriggers(String symbol) {
        List<WorkingOrder> waiting = waitingConditionals.get(symbol);
        while (true) {
            BigDecimal ref = reference.get(symbol);
            if (ref == null) {
                return;
            }
            WorkingOrder next = null;
            for (WorkingOrder candidate : waiting) {
                if (candidate.triggerHolds(ref)) {
                    next = candidate;
                    break;
                }
            }
            if (next == null) {
                return;
            }
            waiting.remove(next);
            trigger(next);
        }
    }

    private void trigger(WorkingOrder o) {
        o.triggered = true;
        o.updatedAt = clock.instant();
        listener.onTriggered(o.view());
        if (o.postOnly && wouldTake(o.side, o.price, o.symbol())) {
            cancelOrder(o, POST_ONLY_TEXT);
            return;
        }
        EngineResult.Refused funds = checkFunds(o, o.lockPrice(o.price, o.stopPrice), o.leaves());
        if (funds != null) {
            cancelOrder(o, "canceled at trigger: " + funds.text());
            return;
        }
        ledger.relock(o);
        activate(o);
    }

    private void cancelOrder(WorkingOrder o, String reason) {
        finish(o, Status.CANCELED);
        listener.onCanceled(o.view(), reason);
    }

    private void expire(WorkingOrder o) {
        finish(o, Status.EXPIRED);
        listener.onExpired(o.view());
    }

    private void finish(WorkingOrder o, Status status) {
        books.get(o.symbol()).remove(o);
        waitingConditionals.get(o.symbol()).remove(o);
        o.status = status;
        o.updatedAt = clock.instant();
        live.remove(o.venueOrderId);
        ledger.relock(o);
    }

    /**
     * Builds a {@link MatchingEngine}. Defaults: no fees, leverage 10, {@link #CAPABILITIES},
     * the system UTC clock. A listener is required. Not thread-safe.
     */
    /**
     * Keeps memory flat at any order rate: past {@link #orderHistory} done orders (plus some slack),
     * the oldest done orders are forgotten; a query for one then finds no such order, as on a venue
     * past its history window.
     */
    private void forgetOldestDoneOrders() {
        if (orderHistory == 0 || byVenueId.size() - live.size() <= orderHistory + HISTORY_SLACK) {
            return;
        }
        int excess = byVenueId.size() - live.size() - orderHistory;
        java.util.Iterator<WorkingOrder> oldest = byVenueId.values().iterator();
        while (excess > 0 && oldest.hasNext()) {
            WorkingOrder o = oldest.next();
            if (!live.containsKey(o.venueOrderId)) {
                oldest.remove();
                byClientId.get(o.account).remove(o.clientOrderId, o);
                excess--;
            }
        }
    }

    public static final class Builder {
        private final List<Instrument> instruments = new ArrayList<>();
        private int orderHistory;
        private final Map<String, Map<String, BigDecimal>> accounts = new LinkedHashMap<>();
        private FeeSchedule fees = FeeSchedule.NONE;
        private BigDecimal leverage = BigDecimal.TEN;
        private VenueCapabilities capabilities = CAPABILITIES;
        private Clock clock = Clock.systemUTC();
        private EngineListener listener;

        private Builder() {
        }

        public Builder instrument(Instrument instrument) {
            instruments.add(Objects.requireNonNull(instrument, "instrument"));
            return this;
        }

        public Builder instruments(Collection<Instrument> all) {
            all.forEach(this::instrument);
            return this;
        }

        /** Opens an account with starting balances (asset to amount). */
        public Builder account(String name, Map<String, BigDecimal> balances) {
            Objects.requireNonNull(name, "name");
            if (accounts.putIfAbsent(name, Collections.unmodifiableMap(new LinkedHashMap<>(balances))) != null) {
                throw new IllegalArgumentException("account '" + name + "' is listed twice");
            }
            return this;
        }

        public Builder fees(FeeSchedule v) {
            this.fees = Objects.requireNonNull(v, "fees");
            return this;
        }

        public Builder leverage(BigDecimal v) {
            this.leverage = Objects.requireNonNull(v, "leverage");
            return this;
        }

        /** Narrows what the engine accepts, e.g. to a simulated venue's capabilities. */
        public Builder capabilities(VenueCapabilities v) {
            this.capabilities = Objects.requireNonNull(v, "capabilities");
            return this;
        }

        public Builder clock(Clock v) {
            this.clock = Objects.requireNonNull(v, "clock");
            return this;
        }

        public Builder listener(EngineListener v) {
            this.listener = Objects.requireNonNull(v, "listener");
            return this;
        }

        /** How many done orders to keep for queries, the oldest forgotten first; 0 (the default) keeps all. */
        public Builder orderHistory(int v) {
            if (v < 0) {
                throw new IllegalArgumentException("orderHistory must be 0 or more");
            }
            this.orderHistory = v;
            return this;
        }

        public MatchingEngine build() {
            return new MatchingEngine(this);
        }
    }
}

package io.fixbridge.venue.bybit;

import io.fixbridge.venue.Balance;
import io.fixbridge.venue.Instrument;
import io.fixbridge.venue.Liquidity;
import io.fixbridge.venue.MarketTrade;
import io.fixbridge.venue.OrderEvent;
import io.fixbridge.venue.OrderRequest;
import io.fixbridge.venue.OrderSnapshot;
import io.fixbridge.venue.OrderType;
import io.fixbridge.venue.Position;
import io.fixbridge.venue.ReferencePrice;
import io.fixbridge.venue.RejectReason;
import io.fixbridge.venue.ReplaceRequest;
import io.fixbridge.venue.Side;
import io.fixbridge.venue.TimeInForce;
import io.fixbridge.venue.TradingStatus;
import io.fixbridge.venue.TriggerDirection;
import io.fixbridge.venue.VenueError;
import io.fixbridge.venue.VenueException;
import io.fixbridge.venue.bybit.dto.BybitOrder;
import io.fixbridge.venue.bybit.dto.Execution;
import io.fixbridge.venue.bybit.dto.InstrumentInfo;
import io.fixbridge.venue.bybit.dto.OrderResult;
import io.fixbridge.venue.bybit.dto.OrderbookMessage;
import io.fixbridge.venue.bybit.dto.PositionInfo;
import io.fixbridge.venue.bybit.dto.PublicTradeMessage;
import io.fixbridge.venue.bybit.dto.Ticker;
import io.fixbridge.venue.bybit.dto.WalletBalance;
import io.fixbridge.venue.kit.rules.Decimals;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Pure functions between Bybit's v5 JSON ({@code dto}) and the venue-neutral model: symbols,
 * instruments, request bodies, stream messages and REST answers to {@link OrderEvent}s and
 * {@link OrderSnapshot}s, balances and positions. No I/O, no state; thread-safe.
 *
 * <h2>Symbols and instruments</h2>
 * Spot {@code BTCUSDT} is {@code BTC/USDT}; the linear perpetual {@code BTCUSDT} is
 * {@code BTC/USDT:USDT} (USDC perpetuals {@code BTCPERP} are {@code BTC/USDC:USDC}); the inverse
 * perpetual {@code BTCUSD} is {@code BTC/USD:BTC}. Dated futures (LinearFutures, InverseFutures) are
 * not loaded. Spot: tick {@code priceFilter.tickSize}, lot {@code lotSizeFilter.basePrecision},
 * minimum and maximum {@code minOrderQty}/{@code maxOrderQty}, minimum notional {@code minOrderAmt}.
 * Derivatives: lot {@code qtyStep}, minimum notional {@code minNotionalValue} (zero when absent).
 * Inverse quantities are contracts of 1 USD each (Bybit's inverse contracts are worth one unit of the
 * quote currency), so an inverse instrument's contract size is 1 in USD, as CCXT states it; Bybit has
 * no contract-size field. An inverse instrument has no minimum notional here: its value in USD is its
 * quantity, not quantity times price, and Bybit's minimum is the minimum quantity. Status Trading is TRADING; PreLaunch, Delivering and Settling are HALTED;
 * Closed is DELISTED; any other status HALTED (never TRADING by guess).
 *
 * <h2>Orders</h2>
 * See {@link #createBody}. Conditional orders (STOP, STOP_LIMIT, TAKE_PROFIT) carry
 * {@code triggerPrice}; on linear and inverse also {@code triggerDirection} (1 rises above, 2
 * falls below) from {@link OrderRequest#effectiveTriggerDirection()}; on spot
 * {@code orderFilter=StopOrder} (Bybit takes {@code triggerDirection} on derivatives only and
 * infers a spot conditional order's direction from its trigger price against the last price).
 *
 * <h2>Events</h2>
 * Order statuses parse strictly ({@link UnknownVenueValueException}); see {@link #orderEvents}.
 * Fills come from executions of type Trade only, with {@code execId} as the trade id.
 *
 * <h2>Public market data</h2>
 * {@link #orderbook} reads an {@code orderbook.{depth}.{symbol}} message into the levels to apply
 * ({@link BookMessage}); {@link #publicTrades} a {@code publicTrade.{symbol}} message into
 * {@link MarketTrade}s whose aggressor is Bybit's {@code S}, the taker's side.
 */
public final class BybitTranslator {
    private static final BigDecimal TWO = BigDecimal.valueOf(2);
    /** Bybit's rejectReason of a post-only order that would have taken liquidity. */
    public static final String POST_ONLY_WOULD_TAKE = "EC_PostOnlyWillTakeLiquidity";
    /** Bybit's limit on orderLinkId: up to 36 letters, digits, dashes and underscores. */
    private static final Pattern ORDER_LINK_ID = Pattern.compile("^[A-Za-z0-9_-]{1,36}$");
    private static final Set<String> EXPIRY_REASONS = Set.of("EC_NoImmediateQtyToFill", "EC_CancelForNoFullFill",
            "EC_NoEnoughQtyToFill", "EC_ReachMarketPriceLimit", "EC_CancelByMatchValueZero",
            "EC_CancelByOrderValueZero");
    /** Execution types that are not fills of an order (funding, settlement, liquidation, ADL, ...). */
    private static final Set<String> NON_ORDER_EXEC_TYPES = Set.of("Funding", "AdlTrade", "BustTrade", "Delivery",
            "Settle", "SessionSettlePnL", "MovePosition", "FutureSpread", "UNKNOWN");

    private BybitTranslator() {
    }

    // ------------------------------------------------------------------ symbols and instruments

    /** The unified symbol: {@code BTC/USDT}, {@code BTC/USDT:USDT}, {@code BTC/USD:BTC}. */
    public static String unifiedSymbol(BybitCategory category, String base, String quote, String settle) {
        return category == BybitCategory.SPOT ? base + "/" + quote : base + "/" + quote + ":" + settle;
    }

    /**
     * A Bybit symbol in a category.
     *
     * @param category the category
     * @param symbol   Bybit's symbol
     */
    public record VenueSymbol(BybitCategory category, String symbol) {
    }

    /**
     * The category and Bybit symbol a unified symbol names, by Bybit's naming: {@code BTC/USDT} spot
     * {@code BTCUSDT}; {@code BTC/USDT:USDT} linear {@code BTCUSDT}, {@code BTC/USDC:USDC} linear
     * {@code BTCPERP}; {@code BTC/USD:BTC} inverse {@code BTCUSD}. Empty for other forms (dated futures).
     */
    public static Optional<VenueSymbol> venueSymbolOf(String unified) {
        int slash = unified.indexOf('/');
        if (slash <= 0) {
            return Optional.empty();
        }
        String base = unified.substring(0, slash);
        String rest = unified.substring(slash + 1);
        int colon = rest.indexOf(':');
        if (colon < 0) {
            return rest.isEmpty() ? Optional.empty() : Optional.of(new VenueSymbol(BybitCategory.SPOT, base + rest));
        }
        String quote = rest.substring(0, colon);
        String settle = rest.substring(colon + 1);
        if (settle.equals(quote)) {
            return Optional.of(new VenueSymbol(BybitCategory.LINEAR, "USDC".equals(quote) ? base + "PERP" : base + quote));
        }
        if (settle.equals(base)) {
            return Optional.of(new VenueSymbol(BybitCategory.INVERSE, base + quote));
        }
        return Optional.empty();
    }

    /** Bybit's instrument status as a venue-neutral one. */
    public static TradingStatus tradingStatus(String venueStatus) {
        if ("Trading".equals(venueStatus)) {
            return TradingStatus.TRADING;
        }
        if ("Closed".equals(venueStatus)) {
            return TradingStatus.DELISTED;
        }
        return TradingStatus.HALTED;
    }

    /** Every instrument of an instruments-info page this adapter trades. */
    public static List<BybitInstrument> instruments(BybitCategory category, List<InstrumentInfo> list) {
        List<BybitInstrument> out = new ArrayList<>(list.size());
        for (InstrumentInfo i : list) {
            instrument(category, i).ifPresent(out::add);
        }
        return List.copyOf(out);
    }

    /**
     * The instrument of one instruments-info entry; empty for what the adapter does not trade (dated
     * futures) or an entry without a usable tick or lot.
     */
    public static Optional<BybitInstrument> instrument(BybitCategory category, InstrumentInfo i) {
        if (i.priceFilter() == null || i.lotSizeFilter() == null || i.symbol() == null || i.baseCoin() == null
                || i.quoteCoin() == null) {
            return Optional.empty();
        }
        InstrumentInfo.LotSizeFilter lot = i.lotSizeFilter();
        BigDecimal tick = dec(i.priceFilter().tickSize());
        BigDecimal step;
        BigDecimal minNotional;
        String settle;
        switch (category) {
            case SPOT -> {
                step = dec(lot.basePrecision());
                minNotional = dec(lot.minOrderAmt());
                settle = i.quoteCoin();
            }
            case LINEAR -> {
                if (i.contractType() != null && !"LinearPerpetual".equals(i.contractType())) {
                    return Optional.empty();
                }
                step = dec(lot.qtyStep());
                minNotional = dec(lot.minNotionalValue());
                settle = i.settleCoin() != null && !i.settleCoin().isBlank() ? i.settleCoin() : i.quoteCoin();
            }
            case INVERSE -> {
                if (i.contractType() != null && !"InversePerpetual".equals(i.contractType())) {
                    return Optional.empty();
                }
                step = dec(lot.qtyStep());
                // an inverse order's value is its contracts times 1 USD, which Instrument.notional (quantity
                // times price) cannot express; Bybit's minimum (minNotionalValue, in USD) is met by the
                // minimum quantity, so none is given here
                minNotional = BigDecimal.ZERO;
                settle = i.settleCoin() != null && !i.settleCoin().isBlank() ? i.settleCoin() : i.baseCoin();
            }
            default -> throw new IllegalStateException("category " + category);
        }
        BigDecimal max = dec(lot.maxOrderQty());
        if (!positive(tick) || !positive(step) || !positive(max)) {
            return Optional.empty();
        }
        BigDecimal min = dec(lot.minOrderQty());
        Instrument instrument = Instrument.builder()
                .symbol(unifiedSymbol(category, i.baseCoin(), i.quoteCoin(), settle))
                .venueSymbol(i.symbol())
                .marketType(category.marketType())
                .baseAsset(i.baseCoin())
                .quoteAsset(i.quoteCoin())
                .settleAsset(settle)
                .tickSize(tick.stripTrailingZeros())
                .lotSize(step.stripTrailingZeros())
                .minQuantity((positive(min) ? min : step).stripTrailingZeros())
                .maxQuantity(max.stripTrailingZeros())
                .minNotional(minNotional == null ? BigDecimal.ZERO : minNotional.stripTrailingZeros())
                .contractSize(BigDecimal.ONE)
                .status(tradingStatus(i.status()))
                .build();
        return Optional.of(new BybitInstrument(instrument, category, String.valueOf(i.status()),
                category == BybitCategory.SPOT ? strip(dec(lot.quotePrecision())) : null,
                category == BybitCategory.SPOT ? strip(dec(lot.minOrderAmt())) : null,
                category == BybitCategory.SPOT ? strip(dec(lot.maxOrderAmt())) : null));
    }

    // ------------------------------------------------------------------ requests

    /**
     * The JSON body of {@code POST /v5/order/create}, keys in the order sent.
     *
     * <ul>
     *   <li>MARKET and LIMIT as {@code orderType} Market and Limit; STOP is Market with a trigger,
     *       STOP_LIMIT Limit with a trigger, TAKE_PROFIT Market with a trigger (its direction the other
     *       way round, as the request's effective trigger direction says).</li>
     *   <li>{@code timeInForce}: PostOnly for a post-only order (a limit price, GTC only); GTC, IOC or
     *       FOK for limit orders; none for market orders, which Bybit always executes IOC (FOK and GTD
     *       are refused for them; GTD for all: Bybit has no good-till-date).</li>
     *   <li>Spot market orders state {@code marketUnit}: baseCoin for a quantity, quoteCoin for a cash
     *       quantity (the only orders sized in the quote currency; elsewhere refused). Without it Bybit
     *       reads a spot market buy's qty as quote currency.</li>
     *   <li>{@code reduceOnly} on linear and inverse only. In hedge mode {@code positionIdx} names the
     *       position: 1 (long) for a Buy, 2 (short) for a Sell; a reduce-only order closes the opposite
     *       one: a reduce-only Sell reduces the long (1), a reduce-only Buy the short (2).</li>
     *   <li>{@code orderLinkId} = the client order id (Bybit allows up to 36 of
     *       {@code [A-Za-z0-9_-]}).</li>
     * </ul>
     *
     * @throws VenueException REJECTED UNSUPPORTED_ORDER_CHARACTERISTIC (or OTHER for a bad id), with a
     *                        sentence saying why, for what Bybit cannot take
     */
    public static Map<String, Object> createBody(OrderRequest o, BybitInstrument inst, boolean hedgeMode) {
        BybitCategory c = inst.category();
        requireOrderLinkId(o.clientOrderId());
        if (o.timeInForce() == TimeInForce.GTD || o.expireTime() != null) {
            throw unsupported("Bybit has no good-till-date orders (GTD); use GTC, IOC or FOK");
        }
        if (o.displayQuantity() != null) {
            throw unsupported("Bybit has no iceberg orders (MaxFloor)");
        }
        if (o.reduceOnly() && !c.isDerivative()) {
            throw unsupported("reduce-only orders exist on Bybit linear and inverse perpetuals only, not on spot");
        }
        if (o.cashQuantity() != null && (c != BybitCategory.SPOT || o.type() != OrderType.MARKET)) {
            throw unsupported("Bybit sizes only spot MARKET orders in the quote currency (CashOrderQty); "
                    + o.type() + " on " + inst.symbol() + " needs a quantity"
                    + (c == BybitCategory.INVERSE ? " in contracts" : ""));
        }
        boolean limit = o.type().requiresPrice();
        if (o.postOnly() && !limit) {
            throw unsupported("a post-only order needs a limit price; " + o.type() + " orders cannot be post-only");
        }
        if (o.postOnly() && o.timeInForce() != TimeInForce.GTC) {
            throw unsupported("Bybit post-only is its own time in force (PostOnly); it cannot be combined with "
                    + o.timeInForce());
        }
        if (!limit && o.timeInForce() == TimeInForce.FOK) {
            throw unsupported("Bybit executes market orders IOC; time in force FOK needs a limit price");
        }
        Map<String, Object> b = new LinkedHashMap<>();
        b.put("category", c.wireName());
        b.put("symbol", inst.venueSymbol());
        b.put("side", side(o.side()));
        b.put("orderType", limit ? "Limit" : "Market");
        if (o.cashQuantity() != null) {
            b.put("qty", Decimals.plain(o.cashQuantity()));
            b.put("marketUnit", "quoteCoin");
        } else {
            b.put("qty", Decimals.plain(require(o.quantity(), "an order needs a quantity")));
            if (c == BybitCategory.SPOT && !limit) {
                b.put("marketUnit", "baseCoin");
            }
        }
        if (limit) {
            b.put("price", Decimals.plain(require(o.price(), "a " + o.type() + " order needs a limit price")));
            b.put("timeInForce", o.postOnly() ? "PostOnly" : o.timeInForce().name());
        }
        if (o.type().requiresStopPrice()) {
            b.put("triggerPrice", Decimals.plain(require(o.stopPrice(), "a " + o.type()
                    + " order needs a stop price")));
            if (c.isDerivative()) {
                b.put("triggerDirection", o.effectiveTriggerDirection() == TriggerDirection.RISES_ABOVE ? 1 : 2);
            } else {
                if (o.triggerDirection() != null && o.triggerDirection() != TriggerDirection.implied(o.type(), o.side())) {
                    throw unsupported("Bybit spot takes no trigger direction: it fires a conditional order when the "
                            + "last price reaches the trigger price from where it stood at placement; a " + o.side()
                            + " " + o.type() + " that fires " + o.triggerDirection() + " cannot be placed on spot");
                }
                b.put("orderFilter", "StopOrder");
            }
        }
        if (c.isDerivative() && hedgeMode) {
            b.put("positionIdx", positionIdx(o.side(), o.reduceOnly()));
        }
        if (o.reduceOnly()) {
            b.put("reduceOnly", true);
        }
        b.put("orderLinkId", o.clientOrderId());
        return b;
    }

    /** Whether an order is a spot conditional order, which Bybit keeps apart ({@code orderFilter=StopOrder}). */
    public static boolean isSpotStopOrder(OrderRequest o, BybitInstrument inst) {
        return inst.category() == BybitCategory.SPOT && o.type().requiresStopPrice();
    }

    /**
     * Whether an order Bybit reports is a spot conditional order: it says so ({@code orderFilter}
     * StopOrder), or, when it leaves orderFilter out, it has a trigger price.
     */
    public static boolean isSpotStopOrder(BybitOrder o, BybitInstrument inst) {
        if (inst.category() != BybitCategory.SPOT) {
            return false;
        }
        if (o.orderFilter() != null && !o.orderFilter().isBlank()) {
            return "StopOrder".equals(o.orderFilter());
        }
        return positive(dec(o.triggerPrice()));
    }

    /**
     * Hedge mode's {@code positionIdx}: 1 (long) for a Buy and 2 (short) for a Sell that open or add;
     * a reduce-only order closes the opposite: a Sell reduces the long (1), a Buy the short (2).
     */
    public static int positionIdx(Side side, boolean reduceOnly) {
        boolean buy = side == Side.BUY;
        return buy != reduceOnly ? 1 : 2;
    }

    /**
     * The JSON body of {@code POST /v5/order/amend}: the order by orderLinkId, with only what changes,
     * as Bybit asks ("do not pass it if not modify"): {@code qty} = the replacement's new total
     * quantity, including what has filled (Bybit's amend qty is the order quantity, and it refuses one
     * at or below the filled quantity, 110064/170313); {@code price} for a limit price;
     * {@code triggerPrice} for a stop price. When nothing of these changes the quantity is sent
     * (Bybit then answers for the order as it stands).
     *
     * @throws VenueException REJECTED UNSUPPORTED_ORDER_CHARACTERISTIC when the replacement changes
     *                        what an amend cannot (type, time in force, post-only, reduce-only, trigger
     *                        direction, sizing in the quote currency)
     */
    public static Map<String, Object> amendBody(ReplaceRequest r, BybitInstrument inst) {
        OrderRequest from = r.original();
        OrderRequest to = r.replacement();
        if (to.type() != from.type() || to.timeInForce() != from.timeInForce() || to.postOnly() != from.postOnly()
                || to.reduceOnly() != from.reduceOnly()
                || !Objects.equals(to.effectiveTriggerDirection(), from.effectiveTriggerDirection())) {
            throw unsupported("Bybit amends an order's quantity, price and trigger price only; cancel it and "
                    + "place a new one to change its type, time in force, post-only, reduce-only or trigger "
                    + "direction");
        }
        if (to.cashQuantity() != null || from.cashQuantity() != null) {
            throw unsupported("a market order sized in the quote currency cannot be amended on Bybit");
        }
        if (to.displayQuantity() != null) {
            throw unsupported("Bybit has no iceberg orders (MaxFloor)");
        }
        Map<String, Object> b = new LinkedHashMap<>();
        b.put("category", inst.category().wireName());
        b.put("symbol", inst.venueSymbol());
        b.put("orderLinkId", from.clientOrderId());
        boolean any = false;
        if (!same(to.quantity(), from.quantity())) {
            b.put("qty", Decimals.plain(require(to.quantity(), "the replacement needs a quantity")));
            any = true;
        }
        if (to.type().requiresPrice() && !same(to.price(), from.price())) {
            b.put("price", Decimals.plain(require(to.price(), "the replacement needs a limit price")));
            any = true;
        }
        if (to.type().requiresStopPrice() && !same(to.stopPrice(), from.stopPrice())) {
            b.put("triggerPrice", Decimals.plain(require(to.stopPrice(), "the replacement needs a stop price")));
            any = true;
        }
        if (!any) {
            b.put("qty", Decimals.plain(require(to.quantity(), "the replacement needs a quantity")));
        }
        return b;
    }

    /**
     * The JSON body of {@code POST /v5/order/cancel} by orderLinkId; {@code spotOrderFilter} (Order,
     * StopOrder) for spot, where Bybit keeps conditional orders apart, else null.
     */
    public static Map<String, Object> cancelBody(String clientOrderId, BybitInstrument inst, String spotOrderFilter) {
        Map<String, Object> b = new LinkedHashMap<>();
        b.put("category", inst.category().wireName());
        b.put("symbol", inst.venueSymbol());
        b.put("orderLinkId", clientOrderId);
        if (inst.category() == BybitCategory.SPOT && spotOrderFilter != null) {
            b.put("orderFilter", spotOrderFilter);
        }
        return b;
    }

    // ------------------------------------------------------------------ events

    /** The acknowledgement of a create. */
    public static OrderEvent.Accepted accepted(String account, String clientOrderId, OrderResult r, Instant at) {
        return new OrderEvent.Accepted(account, clientOrderId, requireText(r.orderId(), "orderId"), at);
    }

    /** The acknowledgement of a cancel. */
    public static OrderEvent.Canceled canceled(String account, String clientOrderId, OrderResult r, Instant at) {
        return new OrderEvent.Canceled(account, clientOrderId, r == null ? null : blankToNull(r.orderId()), null, at);
    }

    /**
     * The acknowledgement of an amend: the order keeps its orderId and orderLinkId, so
     * {@code newClientOrderId} is the original client order id (as {@link OrderEvent.Replaced} says
     * of venues whose amend keeps it); quantity and prices are the replacement's.
     */
    public static OrderEvent.Replaced replaced(String account, ReplaceRequest r, String venueOrderId, Instant at) {
        String id = r.original().clientOrderId();
        return new OrderEvent.Replaced(account, id, id, venueOrderId, r.replacement().quantity(),
                r.replacement().price(), r.replacement().stopPrice(), at);
    }

    /**
     * What one order update (the {@code order} topic, or a REST order) says, without fills (those come
     * from executions):
     * <ul>
     *   <li>New, PartiallyFilled, Untriggered, Triggered, Filled: Accepted (the first is let through;
     *       Triggered is nothing new).</li>
     *   <li>Cancelled or PartiallyFilledCanceled with rejectReason EC_PostOnlyWillTakeLiquidity: Rejected
     *       WOULD_TAKE_LIQUIDITY (Bybit cancels a post-only order that would take, before it rests);
     *       the order tracker turns it into a Canceled with that reason when the order had already been
     *       acknowledged.</li>
     *   <li>Cancelled or PartiallyFilledCanceled of an IOC, FOK or market order not canceled by the
     *       user, or with an expiry reason (EC_NoImmediateQtyToFill, EC_CancelForNoFullFill, ...):
     *       Expired.</li>
     *   <li>Other Cancelled, PartiallyFilledCanceled: Canceled, the reason naming Bybit's cancelType and
     *       rejectReason unless the user canceled it. Deactivated (a conditional order canceled before
     *       it triggered): Canceled.</li>
     *   <li>Rejected: Rejected with the reason from rejectReason (the tracker makes it a Canceled when
     *       the order had already been acknowledged).</li>
     * </ul>
     *
     * @throws UnknownVenueValueException for a status this adapter does not know
     */
    public static List<OrderEvent> orderEvents(String account, BybitOrder o, Instant fallback) {
        BybitOrderStatus status = BybitOrderStatus.parse(o.orderStatus());
        String id = o.orderLinkId();
        Instant at = time(o.updatedTime(), fallback);
        return switch (status) {
            case NEW, PARTIALLY_FILLED, UNTRIGGERED, TRIGGERED, FILLED ->
                    List.of(new OrderEvent.Accepted(account, id, o.orderId(), at));
            case CANCELLED, PARTIALLY_FILLED_CANCELED -> {
                if (isPostOnlyRejection(o)) {
                    yield List.of(new OrderEvent.Rejected(account, id, VenueError.rejected(
                            RejectReason.WOULD_TAKE_LIQUIDITY, POST_ONLY_WOULD_TAKE,
                            "Bybit canceled the post-only order because it would have taken liquidity ("
                                    + POST_ONLY_WOULD_TAKE + ")"), at));
                }
                if (isExpiry(o)) {
                    yield List.of(new OrderEvent.Expired(account, id, o.orderId(), at));
                }
                yield List.of(new OrderEvent.Canceled(account, id, o.orderId(), cancelReason(o), at));
            }
            case DEACTIVATED -> List.of(new OrderEvent.Canceled(account, id, o.orderId(),
                    "deactivated before it triggered" + suffix(o.cancelType()), at));
            case REJECTED -> List.of(new OrderEvent.Rejected(account, id, VenueError.rejected(
                    BybitErrors.reasonFromRejectReason(o.rejectReason()), o.rejectReason(),
                    "Bybit rejected the order (" + o.rejectReason() + ")"), at));
        };
    }

    /**
     * The fill of one execution; empty for executions that are not trades of an order (funding,
     * settlement, liquidation, ...) and for ones without a client order id (orders placed elsewhere).
     * {@code orderFilled} when Bybit reports nothing left of the order ({@code leavesQty} 0).
     *
     * @param inst the instrument, for the fee coin when Bybit leaves {@code feeCurrency} empty: the
     *             settle coin on derivatives; on spot the coin received (base for a buy, quote for a sell)
     */
    public static Optional<OrderEvent.Fill> fill(String account, Execution e, BybitInstrument inst) {
        if (!isOrderTrade(e) || e.orderLinkId() == null || e.orderLinkId().isBlank()) {
            return Optional.empty();
        }
        BigDecimal qty = dec(e.execQty());
        if (!positive(qty)) {
            return Optional.empty();
        }
        BigDecimal leaves = dec(e.leavesQty());
        boolean done = leaves != null && leaves.signum() == 0;
        return Optional.of(new OrderEvent.Fill(account, e.orderLinkId(), e.orderId(), requireText(e.execId(),
                "execId"), qty, requireDec(e.execPrice(), "execPrice"), orZero(dec(e.execFee())),
                feeAsset(e, inst), Boolean.TRUE.equals(e.isMaker()) ? Liquidity.MAKER : Liquidity.TAKER,
                time(e.execTime(), Instant.EPOCH), done));
    }

    /** Whether an execution is a trade of an order (Trade, BlockTrade, and types Bybit adds later that are not known non-trades). */
    public static boolean isOrderTrade(Execution e) {
        return e.execType() == null || !NON_ORDER_EXEC_TYPES.contains(e.execType());
    }

    /**
     * The fills of an order from its executions, oldest first, the last marked {@code orderFilled}
     * when Bybit reports the order Filled.
     */
    public static List<OrderEvent.Fill> fills(String account, BybitOrder o, List<Execution> executions,
                                              BybitInstrument inst) {
        List<Execution> own = executions.stream().filter(e -> Objects.equals(e.orderId(), o.orderId()))
                .sorted(Comparator.comparing((Execution e) -> time(e.execTime(), Instant.EPOCH))
                        .thenComparing(e -> e.seq() == null ? 0L : e.seq()))
                .toList();
        List<OrderEvent.Fill> out = new ArrayList<>(own.size());
        for (Execution e : own) {
            Execution labelled = blank(e.orderLinkId()) ? new Execution(e.category(), e.symbol(), e.orderId(),
                    o.orderLinkId(), e.side(), e.orderType(), e.orderQty(), e.orderPrice(), e.execId(), e.execPrice(),
                    e.execQty(), e.execValue(), e.execFee(), e.feeCurrency(), e.feeRate(), e.execType(), e.isMaker(),
                    e.execTime(), e.leavesQty(), e.seq()) : e;
            fill(account, labelled, inst).ifPresent(f -> out.add(withOrderFilled(f, false)));
        }
        if (!out.isEmpty() && BybitOrderStatus.parse(o.orderStatus()) == BybitOrderStatus.FILLED) {
            out.set(out.size() - 1, withOrderFilled(out.get(out.size() - 1), true));
        }
        return out;
    }

    /**
     * The events that bring the gateway up to date with an order's state (after a stream gap, or a
     * duplicate orderLinkId): its acceptance, its fills, then its end if it ended.
     */
    public static List<OrderEvent> stateEvents(String account, BybitOrder o, List<Execution> executions,
                                               BybitInstrument inst, Instant now) {
        List<OrderEvent> status = orderEvents(account, o, now);
        List<OrderEvent.Fill> fills = fills(account, o, executions, inst);
        List<OrderEvent> out = new ArrayList<>(status.size() + fills.size());
        if (status.get(0) instanceof OrderEvent.Accepted) {
            out.addAll(status);
            out.addAll(fills);
        } else {
            out.addAll(fills);
            out.addAll(status);
        }
        return out;
    }

    /** The answer to a status query. */
    public static OrderSnapshot snapshot(String account, String symbol, BybitOrder o, List<Execution> executions,
                                         BybitInstrument inst) {
        BybitOrderStatus status = BybitOrderStatus.parse(o.orderStatus());
        OrderSnapshot.Status s = status.snapshotStatus();
        if (status == BybitOrderStatus.CANCELLED || status == BybitOrderStatus.PARTIALLY_FILLED_CANCELED) {
            if (isPostOnlyRejection(o)) {
                s = OrderSnapshot.Status.REJECTED;
            } else if (isExpiry(o)) {
                s = OrderSnapshot.Status.EXPIRED;
            }
        }
        BigDecimal price = "Market".equals(o.orderType()) ? null : dec(o.price());
        return new OrderSnapshot(account, o.orderLinkId(), o.orderId(), symbol, side(o.side()), s,
                orZero(dec(o.qty())), orZero(dec(o.cumExecQty())), positive(price) ? price : null,
                fills(account, o, executions, inst));
    }

    // ------------------------------------------------------------------ account

    /**
     * Balances of the unified account: total = {@code walletBalance}; available = total less what
     * open spot orders lock ({@code locked}) and open derivatives orders hold as initial margin
     * ({@code totalOrderIM}), never below zero ({@code availableToWithdraw} is deprecated for unified
     * accounts and often empty).
     */
    public static List<Balance> balances(List<WalletBalance> accounts) {
        List<Balance> out = new ArrayList<>();
        for (WalletBalance a : accounts) {
            for (WalletBalance.Coin c : a.coin()) {
                BigDecimal total = dec(c.walletBalance());
                if (c.coin() == null || total == null) {
                    continue;
                }
                BigDecimal available = total.subtract(orZero(dec(c.locked()))).subtract(orZero(dec(c.totalOrderIM())));
                available = available.max(BigDecimal.ZERO).min(total.max(BigDecimal.ZERO));
                out.add(new Balance(c.coin(), total, available));
            }
        }
        return List.copyOf(out);
    }

    /**
     * Open positions (size above zero): quantity positive for Buy (long), negative for Sell (short),
     * in contracts on inverse; entry price {@code avgPrice}; realised profit {@code cumRealisedPnl}.
     * In hedge mode a symbol may have a long and a short position, reported as two.
     */
    public static List<Position> positions(List<PositionInfo> list, Function<String, String> unifiedOf) {
        List<Position> out = new ArrayList<>();
        for (PositionInfo p : list) {
            BigDecimal size = dec(p.size());
            String symbol = unifiedOf.apply(p.symbol());
            if (!positive(size) || symbol == null) {
                continue;
            }
            BigDecimal signed = "Sell".equals(p.side()) ? size.negate() : size;
            BigDecimal entry = dec(p.avgPrice() != null ? p.avgPrice() : p.entryPrice());
            out.add(new Position(symbol, signed, orZero(entry), orZero(dec(p.cumRealisedPnl()))));
        }
        return List.copyOf(out);
    }

    // ------------------------------------------------------------------ helpers

    /** Whether Bybit ended the order as a post-only order that would have taken liquidity, unfilled. */
    public static boolean isPostOnlyRejection(BybitOrder o) {
        BigDecimal filled = dec(o.cumExecQty());
        return POST_ONLY_WOULD_TAKE.equals(o.rejectReason()) && (filled == null || filled.signum() == 0);
    }

    /** Whether a canceled order ended by running out of time (IOC, FOK, a market remainder), not by a cancel. */
    static boolean isExpiry(BybitOrder o) {
        if (o.rejectReason() != null && EXPIRY_REASONS.contains(o.rejectReason())) {
            return true;
        }
        boolean immediate = "IOC".equals(o.timeInForce()) || "FOK".equals(o.timeInForce())
                || "Market".equals(o.orderType());
        return immediate && !"CancelByUser".equals(o.cancelType());
    }

    private static String cancelReason(BybitOrder o) {
        boolean byUser = "CancelByUser".equals(o.cancelType()) || blank(o.cancelType())
                || "UNKNOWN".equals(o.cancelType());
        boolean noReason = blank(o.rejectReason()) || "EC_NoError".equals(o.rejectReason())
                || "EC_PerCancelRequest".equals(o.rejectReason());
        if (byUser && noReason) {
            return null;
        }
        StringBuilder b = new StringBuilder("canceled by Bybit");
        if (!byUser) {
            b.append(": ").append(o.cancelType());
        }
        if (!noReason) {
            b.append(byUser ? ": " : ", ").append(o.rejectReason());
        }
        return b.toString();
    }

    private static String suffix(String cancelType) {
        return blank(cancelType) || "UNKNOWN".equals(cancelType) ? "" : " (" + cancelType + ")";
    }

    private static String feeAsset(Execution e, BybitInstrument inst) {
        if (!blank(e.feeCurrency())) {
            return e.feeCurrency();
        }
        if (inst == null) {
            return null;
        }
        if (inst.category().isDerivative()) {
            return inst.instrument().settleAsset();
        }
        return "Buy".equals(e.side()) ? inst.instrument().baseAsset() : inst.instrument().quoteAsset();
    }

    static OrderEvent.Fill withOrderFilled(OrderEvent.Fill f, boolean orderFilled) {
        if (f.orderFilled() == orderFilled) {
            return f;
        }
        return new OrderEvent.Fill(f.account(), f.clientOrderId(), f.venueOrderId(), f.tradeId(), f.quantity(),
                f.price(), f.commission(), f.commissionAsset(), f.liquidity(), f.timestamp(), orderFilled);
    }

    /** Bybit's side. */
    public static String side(Side side) {
        return side == Side.BUY ? "Buy" : "Sell";
    }

    /** The side Bybit spells {@code value}. */
    public static Side side(String value) {
        if ("Buy".equals(value)) {
            return Side.BUY;
        }
        if ("Sell".equals(value)) {
            return Side.SELL;
        }
        throw UnknownVenueValueException.of("side", value, new Object[]{"Buy", "Sell"});
    }

    /**
     * The reference price of one tickers entry: the mid of {@code bid1Price} and {@code ask1Price},
     * else {@code markPrice} (linear and inverse), else {@code lastPrice}, as of {@code asOf} (the
     * answer's {@code time}). Empty when none of them is a positive number.
     */
    public static Optional<ReferencePrice> referencePrice(String unifiedSymbol, Ticker ticker, Instant asOf) {
        BigDecimal bid = positive(ticker.bid1Price());
        BigDecimal ask = positive(ticker.ask1Price());
        if (bid != null && ask != null) {
            return Optional.of(new ReferencePrice(unifiedSymbol, bid.add(ask).divide(TWO), ReferencePrice.Kind.MID,
                    asOf));
        }
        BigDecimal mark = positive(ticker.markPrice());
        if (mark != null) {
            return Optional.of(new ReferencePrice(unifiedSymbol, mark, ReferencePrice.Kind.MARK, asOf));
        }
        BigDecimal last = positive(ticker.lastPrice());
        return last == null ? Optional.empty()
                : Optional.of(new ReferencePrice(unifiedSymbol, last, ReferencePrice.Kind.LAST, asOf));
    }

    /**
     * The reference prices of a tickers answer of {@code category} for the instruments in {@code loaded};
     * symbols it does not hold, and entries without a usable price, are skipped.
     */
    static List<ReferencePrice> referencePrices(BybitCategory category, List<Ticker> tickers, Symbols loaded,
                                                Instant asOf) {
        List<ReferencePrice> out = new ArrayList<>();
        for (Ticker t : tickers) {
            String unified = t == null ? null : loaded.unifiedOf(category, t.symbol());
            if (unified != null) {
                referencePrice(unified, t, asOf).ifPresent(out::add);
            }
        }
        return out;
    }

    // ------------------------------------------------------------------ public market data

    /** The orderbook topic of {@code venueSymbol} at {@code depth}: {@code orderbook.50.BTCUSDT}. */
    public static String orderbookTopic(int depth, String venueSymbol) {
        return "orderbook." + depth + "." + venueSymbol;
    }

    /** The public trade topic of {@code venueSymbol}: {@code publicTrade.BTCUSDT}. */
    public static String publicTradeTopic(String venueSymbol) {
        return "publicTrade." + venueSymbol;
    }

    /**
     * An orderbook message as levels to apply: a {@code snapshot} replaces the book, a {@code delta} sets
     * each listed level's absolute size (zero removes it). Its time is {@code cts} (the matching
     * engine's), else {@code ts}.
     *
     * @throws IllegalArgumentException when the message lacks its symbol, update id or time, a level is
     *         not a {@code [price, size]} pair of decimals, or the type is neither snapshot nor delta
     */
    static BookMessage orderbook(OrderbookMessage m) {
        OrderbookMessage.Data d = m.data();
        if (d == null) {
            throw new IllegalArgumentException("Bybit sent an orderbook message without data");
        }
        boolean snapshot;
        if ("snapshot".equals(m.type())) {
            snapshot = true;
        } else if ("delta".equals(m.type())) {
            snapshot = false;
        } else {
            throw new IllegalArgumentException("Bybit sent an orderbook message of type '" + m.type()
                    + "'; expected snapshot or delta");
        }
        Long time = m.cts() != null ? m.cts() : m.ts();
        if (time == null) {
            throw new IllegalArgumentException("Bybit sent an orderbook message without ts");
        }
        return new BookMessage(requireText(d.s(), "orderbook symbol (data.s)"), snapshot,
                requireField(d.u(), "orderbook update id (data.u)"), bookLevels(d.b()), bookLevels(d.a()),
                Instant.ofEpochMilli(time));
    }

    private static <T> T requireField(T value, String field) {
        if (value == null) {
            throw new IllegalArgumentException("Bybit sent no " + field);
        }
        return value;
    }

    private static List<BookMessage.Level> bookLevels(List<List<String>> levels) {
        if (levels == null) {
            return List.of();
        }
        List<BookMessage.Level> out = new ArrayList<>(levels.size());
        for (List<String> l : levels) {
            if (l == null || l.size() < 2) {
                throw new IllegalArgumentException("Bybit sent an orderbook level that is not [price, size]: " + l);
            }
            BigDecimal price = requireDec(l.get(0), "level price");
            BigDecimal size = requireDec(l.get(1), "level size");
            if (price.signum() <= 0 || size.signum() < 0) {
                throw new IllegalArgumentException("Bybit sent an orderbook level " + l
                        + "; a level needs a positive price and a size of zero or more");
            }
            out.add(new BookMessage.Level(price, size));
        }
        return out;
    }

    /**
     * The trades of a {@code publicTrade} message, in Bybit's order, as {@link MarketTrade}s of
     * {@code unifiedSymbol}: id {@code i}, price {@code p}, quantity {@code v}, aggressor the taker's side
     * {@code S}, time {@code T}.
     *
     * @throws IllegalArgumentException when a trade lacks one of those fields
     * @throws UnknownVenueValueException when its side is neither Buy nor Sell
     */
    static List<MarketTrade> publicTrades(String unifiedSymbol, PublicTradeMessage m, long receivedNanos) {
        List<MarketTrade> out = new ArrayList<>();
        if (m.data() == null) {
            return out;
        }
        for (PublicTradeMessage.Trade t : m.data()) {
            out.add(new MarketTrade(unifiedSymbol, requireText(t.i(), "trade id (i)"), requireDec(t.p(), "trade price (p)"),
                    requireDec(t.v(), "trade quantity (v)"), side(t.S()),
                    Instant.ofEpochMilli(requireField(t.T(), "trade time (T)")), receivedNanos));
        }
        return out;
    }

    /** A positive decimal from Bybit's text; null for null, blank, zero, negative or not a number. */
    private static BigDecimal positive(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            BigDecimal v = new BigDecimal(text.trim());
            return v.signum() > 0 ? v : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** A decimal from Bybit's text; null for null or blank. */
    public static BigDecimal dec(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return new BigDecimal(text.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Bybit sent '" + text + "' where a decimal number belongs", e);
        }
    }

    static Instant time(String epochMs, Instant fallback) {
        if (epochMs == null || epochMs.isBlank()) {
            return fallback;
        }
        try {
            return Instant.ofEpochMilli(Long.parseLong(epochMs.trim()));
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    private static void requireOrderLinkId(String id) {
        if (!ORDER_LINK_ID.matcher(id).matches()) {
            throw new VenueException(VenueError.rejected(RejectReason.OTHER, null, "client order id '" + id
                    + "' cannot be a Bybit orderLinkId (up to 36 letters, digits, '-' and '_')"));
        }
    }

    private static BigDecimal requireDec(String text, String field) {
        BigDecimal d = dec(text);
        if (d == null) {
            throw new IllegalArgumentException("Bybit sent no " + field);
        }
        return d;
    }

    private static String requireText(String text, String field) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("Bybit sent no " + field);
        }
        return text;
    }

    private static <T> T require(T value, String problem) {
        if (value == null) {
            throw new VenueException(VenueError.rejected(RejectReason.OTHER, null, problem));
        }
        return value;
    }

    private static boolean same(BigDecimal a, BigDecimal b) {
        return a == null ? b == null : b != null && a.compareTo(b) == 0;
    }

    private static boolean positive(BigDecimal v) {
        return v != null && v.signum() > 0;
    }

    private static BigDecimal orZero(BigDecimal v) {
        return v == null ? BigDecimal.ZERO : v;
    }

    private static BigDecimal strip(BigDecimal v) {
        return v == null ? null : v.stripTrailingZeros();
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static String blankToNull(String s) {
        return blank(s) ? null : s;
    }

    private static VenueException unsupported(String text) {
        return new VenueException(VenueError.rejected(RejectReason.UNSUPPORTED_ORDER_CHARACTERISTIC, null, text));
    }
}

package io.fixbridge.gateway.risk;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.LongSupplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.fixbridge.gateway.config.RiskLimits;
import io.fixbridge.gateway.config.RiskSettings;
import io.fixbridge.venue.OrderType;
import io.fixbridge.venue.ReferencePrice;
import io.fixbridge.venue.RejectReason;
import io.fixbridge.venue.Side;

/**
 * The pre-trade limits of gateway.yaml's {@code risk} section, checked for every new order and
 * replace before anything reaches a venue: each of the order's two scopes (its session and its
 * venue account) that has limits checks them in the order of {@link RiskLimits#NAMES}, and the
 * first breach refuses the order. An order that passes is counted at once (open orders, rate,
 * open quantity and notional), so the next order sees it; the engine then reports every change of
 * the order ({@link #update}) and the counts follow.
 *
 * <p>Reference prices come from the venue adapters ({@code VenueAdapter.referencePrice}); one
 * older than {@code risk.referencePrice.maxAgeMs}, or none, refuses the order when a check needs
 * it, or skips that check with a WARN when {@code whenMissing: allow}.
 *
 * <p><b>Threading:</b> confined to the order engine thread, except {@link #reload} and
 * {@link #settings}, which any thread may call (the settings are swapped as a whole and the next
 * check uses the new ones). Never throws for an order; a breach is a return value.
 */
public final class PreTradeRisk {
    private static final Logger LOG = LoggerFactory.getLogger(PreTradeRisk.class);
    private static final MathContext MC = MathContext.DECIMAL64;
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);
    private static final long MILLIS_PER_DAY = 86_400_000L;

    /** Where reference prices come from: the venue adapter's latest. Must not block. */
    @FunctionalInterface
    public interface ReferencePrices {
        /** The latest reference price of {@code symbol} on {@code venue}; empty when it has none. */
        Optional<ReferencePrice> latest(String venue, String symbol);
    }

    private final ReferencePrices prices;
    private final RiskObserver observer;
    private final Clock clock;
    private final LongSupplier nanoTime;
    private final RiskBook book = new RiskBook();
    /** The day {@link #today()} last returned (engine thread). */
    private LocalDate today;
    private volatile RiskSettings settings;

    /**
     * @param settings the limits at start
     * @param prices   the venues' reference prices
     * @param observer metrics
     * @param clock    wall time, for the UTC day and the age of reference prices
     * @param nanoTime monotonic time, for the order rate
     */
    public PreTradeRisk(RiskSettings settings, ReferencePrices prices, RiskObserver observer, Clock clock,
                        LongSupplier nanoTime) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.prices = Objects.requireNonNull(prices, "prices");
        this.observer = Objects.requireNonNull(observer, "observer");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
    }

    /** The limits in force; any thread. */
    public RiskSettings settings() {
        return settings;
    }

    /** Puts new limits in force for the orders checked from now on; any thread. */
    public void reload(RiskSettings next) {
        settings = Objects.requireNonNull(next, "next");
    }

    /**
     * Checks a new order against its session's and account's limits; when it passes, counts it as
     * open and admitted now. Empty: the order may go to its venue.
     */
    public Optional<RiskBreach> admitNew(RiskOrder order) {
        RiskSettings s = settings;
        book.rollTo(today());
        Reference ref = new Reference(order.venue(), order.symbol(), s);
        Candidate c = Candidate.ofNew(order, ref);
        Optional<RiskBreach> breach = check(s, order, c, ref);
        if (breach.isEmpty()) {
            admit(order);
            // only an order without a price of its own counts its open notional at the reference price
            book.update(order, order.ownPrice() == null && order.quantity() != null ? ref.priceOrNull() : null);
        }
        return breach;
    }

    /**
     * Checks a replace of {@code current} by {@code replacement} (same order, new quantity or
     * prices) against the limits; when it passes, counts the replace in the order rate. The open
     * quantity and notional follow once the engine reports the replaced order ({@link #update}).
     */
    public Optional<RiskBreach> admitReplace(RiskOrder current, RiskOrder replacement) {
        RiskSettings s = settings;
        book.rollTo(today());
        Reference ref = new Reference(replacement.venue(), replacement.symbol(), s);
        Candidate c = Candidate.ofReplace(current, replacement, ref);
        Optional<RiskBreach> breach = check(s, replacement, c, ref);
        if (breach.isEmpty()) {
            admit(replacement);
        }
        return breach;
    }

    /** Counts {@code order} as it stands now (after any report of it, and for each order replayed at start). */
    public void update(RiskOrder order) {
        book.rollTo(today());
        book.update(order, book.knows(order.orderId()) || order.ownPrice() != null ? null
                : new Reference(order.venue(), order.symbol(), settings).priceOrNull());
    }

    /** Stops tracking a done order the engine forgot; its fills stay counted. */
    public void forget(String orderId) {
        book.forget(orderId);
    }

    /** Each scope's open orders, open and filled notional and positions; engine thread. */
    public Map<String, Map<String, Object>> usage() {
        book.rollTo(today());
        return book.usage();
    }

    // ---------------------------------------------------------------- the checks

    private void admit(RiskOrder order) {
        long now = nanoTime.getAsLong();
        for (String label : new String[] {RiskBook.sessionScope(order.session()), RiskBook.accountScope(order.venue(), order.account())}) {
            RiskBook.Scope scope = book.scope(label);
            scope.total.rate.add(now);
            scope.symbol(order.symbol()).rate.add(now);
        }
    }

    private Optional<RiskBreach> check(RiskSettings s, RiskOrder order, Candidate c, Reference ref) {
        RiskSettings.Scope session = s.sessions().get(order.session());
        if (session != null) {
            Optional<RiskBreach> b = checkScope(session, RiskBook.sessionScope(order.session()), "session " + order.session(), order, c, ref);
            if (b.isPresent()) {
                return b;
            }
        }
        String account = order.venue() + "/" + order.account();
        RiskSettings.Scope accountLimits = s.accounts().get(account);
        if (accountLimits != null) {
            return checkScope(accountLimits, RiskBook.accountScope(order.venue(), order.account()), "account " + account, order, c, ref);
        }
        return Optional.empty();
    }

    private Optional<RiskBreach> checkScope(RiskSettings.Scope cfg, String label, String who, RiskOrder o, Candidate c,
                                            Reference ref) {
        RiskLimits l = cfg.forSymbol(o.symbol());
        RiskLimits scopeWide = cfg.limits();
        RiskLimits override = cfg.instruments().getOrDefault(o.symbol(), RiskLimits.NONE);
        RiskBook.Scope book = this.book.scope(label);
        Exposure total = book.total;
        Exposure onSymbol = book.symbol(o.symbol());
        Check k = new Check(label, who, o.symbol(), ref);

        if (l.maxOrderQty() != null && o.quantity() != null && o.quantity().compareTo(l.maxOrderQty()) > 0) {
            return k.breach("maxOrderQty", l.maxOrderQty(), "the order's OrderQty(38) is " + plain(o.quantity()));
        }
        if (l.maxOrderNotional() != null) {
            Optional<BigDecimal> notional = c.orderNotional(k, "maxOrderNotional");
            if (k.refused != null) {
                return k.refusal();
            }
            if (notional.isPresent() && notional.get().compareTo(l.maxOrderNotional()) > 0) {
                return k.breach("maxOrderNotional", l.maxOrderNotional(), "the order's notional is " + plain(notional.get())
                        + c.notionalBasis());
            }
        }
        if (l.priceCollarPercent() != null && o.type() == OrderType.LIMIT && o.price() != null) {
            Optional<ReferencePrice> p = k.reference("priceCollarPercent");
            if (k.refused != null) {
                return k.refusal();
            }
            if (p.isPresent()) {
                BigDecimal through = o.price().subtract(p.get().price()).multiply(BigDecimal.valueOf(o.sign()))
                        .multiply(HUNDRED).divide(p.get().price(), MC);
                if (through.compareTo(l.priceCollarPercent()) > 0) {
                    return k.breach("priceCollarPercent", l.priceCollarPercent(), "the " + (o.side() == Side.BUY ? "buy" : "sell")
                            + " Price(44) " + plain(o.price()) + " is " + through.setScale(2, RoundingMode.HALF_UP).toPlainString() + "% "
                            + (o.side() == Side.BUY ? "above" : "below") + " the venue's reference price "
                            + plain(p.get().price()) + " (" + p.get().kind() + " of " + p.get().asOf() + ")");
                }
            }
        }
        if (c.opens()) {
            if (scopeWide.maxOpenOrders() != null && total.openOrders + 1 > scopeWide.maxOpenOrders()) {
                return k.breachScopeWide("maxOpenOrders", scopeWide.maxOpenOrders(), total.openOrders + " orders are open already");
            }
            if (override.maxOpenOrders() != null && onSymbol.openOrders + 1 > override.maxOpenOrders()) {
                return k.breach("maxOpenOrders", override.maxOpenOrders(), onSymbol.openOrders + " orders on it are open already");
            }
        }
        if (l.maxPosition() != null) {
            Optional<BigDecimal> qty = c.quantityDelta(k, "maxPosition");
            if (k.refused != null) {
                return k.refusal();
            }
            if (qty.isPresent()) {
                BigDecimal open = o.side() == Side.BUY ? onSymbol.openBuyQty : onSymbol.openSellQty;
                BigDecimal after = onSymbol.position.add(open.add(qty.get()).multiply(BigDecimal.valueOf(o.sign())));
                if (after.abs().compareTo(l.maxPosition()) > 0) {
                    return k.breach("maxPosition", l.maxPosition(), "position " + plain(onSymbol.position) + " with the open "
                            + (o.side() == Side.BUY ? "buys " : "sells ") + plain(open) + " and this order's "
                            + plain(qty.get()) + " filled would be " + plain(after));
                }
            }
        }
        if (l.maxGrossNotional() != null) {
            Optional<BigDecimal> notional = c.notionalDelta(k, "maxGrossNotional");
            Optional<BigDecimal> positionNotional = onSymbol.position.signum() == 0 ? Optional.of(BigDecimal.ZERO)
                    : k.reference("maxGrossNotional").map(p -> onSymbol.position.abs().multiply(p.price()));
            if (k.refused != null) {
                return k.refusal();
            }
            if (notional.isPresent() && positionNotional.isPresent()) {
                BigDecimal after = positionNotional.get().add(onSymbol.openNotional).add(notional.get());
                if (after.compareTo(l.maxGrossNotional()) > 0) {
                    return k.breach("maxGrossNotional", l.maxGrossNotional(), "position notional " + plain(positionNotional.get())
                            + " + open orders " + plain(onSymbol.openNotional) + " + this order " + plain(notional.get())
                            + " would be " + plain(after));
                }
            }
        }
        long now = nanoTime.getAsLong();
        if (scopeWide.maxOrdersPerSecond() != null && total.rate.inLastSecond(now) + 1 > scopeWide.maxOrdersPerSecond()) {
            return k.breachScopeWide("maxOrdersPerSecond", scopeWide.maxOrdersPerSecond(),
                    total.rate.inLastSecond(now) + " orders and replaces were sent in the last second");
        }
        if (override.maxOrdersPerSecond() != null && onSymbol.rate.inLastSecond(now) + 1 > override.maxOrdersPerSecond()) {
            return k.breach("maxOrdersPerSecond", override.maxOrdersPerSecond(),
                    onSymbol.rate.inLastSecond(now) + " orders and replaces on it were sent in the last second");
        }
        if (scopeWide.maxDailyNotional() != null || override.maxDailyNotional() != null) {
            Optional<BigDecimal> notional = c.notionalDelta(k, "maxDailyNotional");
            if (k.refused != null) {
                return k.refusal();
            }
            if (notional.isPresent()) {
                if (scopeWide.maxDailyNotional() != null) {
                    BigDecimal after = total.filledToday.add(total.openNotional).add(notional.get());
                    if (after.compareTo(scopeWide.maxDailyNotional()) > 0) {
                        return k.breachScopeWide("maxDailyNotional", scopeWide.maxDailyNotional(), daily(total, notional.get(), after));
                    }
                }
                if (override.maxDailyNotional() != null) {
                    BigDecimal after = onSymbol.filledToday.add(onSymbol.openNotional).add(notional.get());
                    if (after.compareTo(override.maxDailyNotional()) > 0) {
                        return k.breach("maxDailyNotional", override.maxDailyNotional(), daily(onSymbol, notional.get(), after));
                    }
                }
            }
        }
        return Optional.empty();
    }

    private static String daily(Exposure e, BigDecimal order, BigDecimal after) {
        return "filled today (UTC) " + plain(e.filledToday) + " + open orders " + plain(e.openNotional) + " + this order "
                + plain(order) + " would be " + plain(after);
    }

    /** The UTC day now; made once a day (LocalDate.ofInstant builds the zone's rules on every call). */
    private LocalDate today() {
        long epochDay = Math.floorDiv(clock.millis(), MILLIS_PER_DAY);
        if (today == null || today.toEpochDay() != epochDay) {
            today = LocalDate.ofEpochDay(epochDay);
        }
        return today;
    }

    static String plain(BigDecimal v) {
        return v.stripTrailingZeros().toPlainString();
    }

    /** The venue's reference price for one order, looked up once, when a check first needs it. */
    private final class Reference {
        private final String venue;
        private final String symbol;
        private final Duration maxAge;
        private final boolean refuseWithout;
        private Optional<ReferencePrice> price;
        private String why;

        Reference(String venue, String symbol, RiskSettings s) {
            this.venue = venue;
            this.symbol = symbol;
            this.maxAge = s.referencePriceMaxAge();
            this.refuseWithout = s.refuseWithoutReference();
        }

        Optional<ReferencePrice> get() {
            if (price == null) {
                Optional<ReferencePrice> latest = prices.latest(venue, symbol);
                if (latest.isEmpty()) {
                    why = "venue " + venue + " has no reference price for " + symbol;
                    price = Optional.empty();
                } else if (Duration.between(latest.get().asOf(), clock.instant()).compareTo(maxAge) > 0) {
                    why = "venue " + venue + "'s reference price for " + symbol + " is from " + latest.get().asOf()
                            + ", older than risk.referencePrice.maxAgeMs " + maxAge.toMillis();
                    price = Optional.empty();
                } else {
                    price = latest;
                }
            }
            return price;
        }

        BigDecimal priceOrNull() {
            return get().map(ReferencePrice::price).orElse(null);
        }
    }

    /** One scope's checks of one order: builds the breach texts, and the refusal for a missing reference price. */
    private final class Check {
        private final String label;
        private final String who;
        private final String symbol;
        private final Reference ref;
        /** The limits skipped for want of a price, warned about once per order; null until the first. */
        private java.util.Set<String> warned;
        RiskBreach refused;

        Check(String label, String who, String symbol, Reference ref) {
            this.label = label;
            this.who = who;
            this.symbol = symbol;
            this.ref = ref;
        }

        /** The reference price {@code limit} needs; empty and either refused or warned about when missing. */
        Optional<ReferencePrice> reference(String limit) {
            Optional<ReferencePrice> p = ref.get();
            if (p.isEmpty()) {
                observer.referenceMissing(ref.venue, ref.refuseWithout);
                if (ref.refuseWithout) {
                    refused = new RiskBreach("referencePrice", label, RejectReason.OTHER, ref.why + "; " + limit + " of "
                            + who + " needs it, and risk.referencePrice.whenMissing is refuse");
                } else if ((warned == null ? warned = new java.util.HashSet<>() : warned).add(limit)) {
                    LOG.warn("risk check {} of {} skipped for an order on {}: {} (risk.referencePrice.whenMissing is allow)",
                            limit, who, symbol, ref.why);
                }
            }
            return p;
        }

        Optional<RiskBreach> refusal() {
            observer.breach(refused.limit(), refused.scope());
            LOG.warn("order refused by risk: {}", refused.text());
            return Optional.of(refused);
        }

        Optional<RiskBreach> breach(String limit, Object value, String order) {
            return report(new RiskBreach(limit, label, RejectReason.LIMIT_EXCEEDED, "risk limit " + limit + " of " + who
                    + " on " + symbol + " is " + show(value) + "; " + order));
        }

        Optional<RiskBreach> breachScopeWide(String limit, Object value, String order) {
            return report(new RiskBreach(limit, label, RejectReason.LIMIT_EXCEEDED, "risk limit " + limit + " of " + who
                    + " is " + show(value) + "; " + order));
        }

        private Optional<RiskBreach> report(RiskBreach b) {
            observer.breach(b.limit(), b.scope());
            LOG.warn("order refused by risk: {}", b.text());
            return Optional.of(b);
        }

        private String show(Object value) {
            return value instanceof BigDecimal d ? plain(d) : value.toString();
        }
    }

    /**
     * What a new order or a replace adds: quantity and notional (a replace: the change of its
     * remaining ones) and whether it opens an order.
     */
    private static final class Candidate {
        private final RiskOrder order;
        private final boolean opens;
        private final BigDecimal baseQty;
        private final BigDecimal baseNotional;
        private final BigDecimal qtyNow;
        private final Reference ref;

        private Candidate(RiskOrder order, boolean opens, BigDecimal baseQty, BigDecimal baseNotional, BigDecimal qtyNow,
                          Reference ref) {
            this.order = order;
            this.opens = opens;
            this.baseQty = baseQty;
            this.baseNotional = baseNotional;
            this.qtyNow = qtyNow;
            this.ref = ref;
        }

        static Candidate ofNew(RiskOrder order, Reference ref) {
            return new Candidate(order, true, BigDecimal.ZERO, BigDecimal.ZERO, order.quantity(), ref);
        }

        /** A replace: what the order has open now is subtracted, at the price it is counted at now. */
        static Candidate ofReplace(RiskOrder current, RiskOrder replacement, Reference ref) {
            BigDecimal leaves = current.quantity() == null ? BigDecimal.ZERO
                    : current.quantity().subtract(current.cumQty()).max(BigDecimal.ZERO);
            BigDecimal price = current.ownPrice();
            BigDecimal notional = price == null ? null : leaves.multiply(price);
            BigDecimal newLeaves = replacement.quantity() == null ? null
                    : replacement.quantity().subtract(replacement.cumQty()).max(BigDecimal.ZERO);
            return new Candidate(replacement, false, leaves, notional, newLeaves, ref);
        }

        boolean opens() {
            return opens;
        }

        /** The whole order's notional (a new order's; a replacement's remaining). */
        Optional<BigDecimal> orderNotional(Check k, String limit) {
            if (order.quantity() == null) {
                return Optional.of(order.cashQuantity());
            }
            BigDecimal price = order.ownPrice();
            if (price != null) {
                return Optional.of(qtyNow.multiply(price));
            }
            return k.reference(limit).map(p -> qtyNow.multiply(p.price()));
        }

        String notionalBasis() {
            if (order.quantity() == null) {
                return " (CashOrderQty(152))";
            }
            BigDecimal price = order.ownPrice();
            return " (" + plain(qtyNow) + " at " + (price != null ? plain(price) : "the reference price "
                    + ref.get().map(p -> plain(p.price())).orElse("?")) + ")";
        }

        /** What the open notional grows by. */
        Optional<BigDecimal> notionalDelta(Check k, String limit) {
            if (baseNotional == null) {
                return Optional.empty(); // a replace of an order without a price: its notional does not change here
            }
            return orderNotional(k, limit).map(n -> n.subtract(baseNotional));
        }

        /** What the open quantity on the order's side grows by. */
        Optional<BigDecimal> quantityDelta(Check k, String limit) {
            if (qtyNow != null) {
                return Optional.of(qtyNow.subtract(baseQty));
            }
            return k.reference(limit).map(p -> order.cashQuantity().divide(p.price(), MC));
        }
    }
}

package io.fixbridge.gateway.risk;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The exposure of every session and account, kept current from the orders the engine reports:
 * each order's share (open or not, remaining quantity and notional, what has filled) is added to
 * its session's and its account's {@link Exposure}, overall and for its instrument, and replaced by
 * its new share on every change, so a count never drifts from the orders behind it.
 *
 * <p>Positions are the net of every fill the gateway has seen of the scope's orders (rebuilt from
 * the journal's orders on restart); the notional filled today restarts at 00:00 UTC.
 *
 * <p>Not thread-safe: the order engine thread's.
 */
final class RiskBook {
    private final Map<String, Scope> scopes = new HashMap<>();
    private final Map<String, Share> shares = new HashMap<>();
    private LocalDate day;

    /** One scope's overall exposure and its exposure per instrument. */
    static final class Scope {
        final Exposure total = new Exposure();
        final Map<String, Exposure> bySymbol = new HashMap<>();

        Exposure symbol(String symbol) {
            return bySymbol.computeIfAbsent(symbol, s -> new Exposure());
        }
    }

    /** What one order adds to its two scopes now. */
    private static final class Share {
        /** Its session's and its account's scopes (kept for the book's lifetime). */
        final Scope sessionScope;
        final Scope accountScope;
        final String symbol;
        final int sign;
        /** The price its notional counts at when it has none of its own (the reference price when admitted). */
        final BigDecimal notionalPrice;
        boolean open;
        BigDecimal openQty = BigDecimal.ZERO;
        BigDecimal openNotional = BigDecimal.ZERO;
        BigDecimal countedQty = BigDecimal.ZERO;
        BigDecimal countedNotional = BigDecimal.ZERO;

        Share(RiskOrder o, BigDecimal notionalPrice, Scope sessionScope, Scope accountScope) {
            this.sessionScope = sessionScope;
            this.accountScope = accountScope;
            this.symbol = o.symbol();
            this.sign = o.sign();
            this.notionalPrice = notionalPrice;
        }
    }

    static String sessionScope(String compId) {
        return "session:" + compId;
    }

    static String accountScope(String venue, String account) {
        return "account:" + venue + "/" + account;
    }

    /** The scope's exposure; created empty on first use. */
    Scope scope(String label) {
        return scopes.computeIfAbsent(label, l -> new Scope());
    }

    /** Starts a new day's notional count when {@code today} is a new UTC day. */
    void rollTo(LocalDate today) {
        if (today.equals(day)) {
            return;
        }
        if (day != null) {
            for (Scope s : scopes.values()) {
                s.total.filledToday = BigDecimal.ZERO;
                s.bySymbol.values().forEach(e -> e.filledToday = BigDecimal.ZERO);
            }
        }
        day = today;
    }

    /**
     * Counts {@code order} as it stands now, replacing what it counted before. An order seen for
     * the first time counts at {@code notionalPrice} where it has no price of its own.
     */
    void update(RiskOrder order, BigDecimal notionalPrice) {
        Share share = shares.computeIfAbsent(order.orderId(), id -> new Share(order, notionalPrice,
                scope(sessionScope(order.session())), scope(accountScope(order.venue(), order.account()))));
        boolean open = order.open();
        BigDecimal leaves = order.quantity() == null || !open ? BigDecimal.ZERO
                : order.quantity().subtract(order.cumQty()).max(BigDecimal.ZERO);
        BigDecimal openNotional;
        if (!open) {
            openNotional = BigDecimal.ZERO;
        } else if (order.quantity() == null) {
            openNotional = order.cashQuantity().subtract(order.cumNotional()).max(BigDecimal.ZERO);
        } else {
            BigDecimal price = order.ownPrice() != null ? order.ownPrice() : share.notionalPrice;
            openNotional = price == null ? BigDecimal.ZERO : leaves.multiply(price);
        }
        int openDelta = (open ? 1 : 0) - (share.open ? 1 : 0);
        BigDecimal qtyDelta = leaves.subtract(share.openQty);
        BigDecimal notionalDelta = openNotional.subtract(share.openNotional);
        BigDecimal filledQty = order.cumQty().subtract(share.countedQty);
        BigDecimal filledNotional = order.cumNotional().subtract(share.countedNotional);
        for (Scope scope : new Scope[] {share.sessionScope, share.accountScope}) {
            for (Exposure e : new Exposure[] {scope.total, scope.symbol(share.symbol)}) {
                e.openOrders += openDelta;
                if (share.sign > 0) {
                    e.openBuyQty = e.openBuyQty.add(qtyDelta);
                } else {
                    e.openSellQty = e.openSellQty.add(qtyDelta);
                }
                e.openNotional = e.openNotional.add(notionalDelta);
                e.position = e.position.add(share.sign > 0 ? filledQty : filledQty.negate());
                e.filledToday = e.filledToday.add(filledNotional);
            }
        }
        share.open = open;
        share.openQty = leaves;
        share.openNotional = openNotional;
        share.countedQty = order.cumQty();
        share.countedNotional = order.cumNotional();
    }

    /** Whether the book counts {@code orderId}. */
    boolean knows(String orderId) {
        return shares.containsKey(orderId);
    }

    /** Stops tracking a done order; what it filled stays counted. */
    void forget(String orderId) {
        Share share = shares.get(orderId);
        if (share != null && !share.open) {
            shares.remove(orderId);
        }
    }

    /** Every scope's overall exposure, for the admin endpoint. */
    Map<String, Map<String, Object>> usage() {
        Map<String, Map<String, Object>> out = new LinkedHashMap<>();
        scopes.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> {
            Map<String, Object> u = new LinkedHashMap<>();
            Exposure t = e.getValue().total;
            u.put("openOrders", t.openOrders);
            u.put("openNotional", t.openNotional.stripTrailingZeros().toPlainString());
            u.put("filledNotionalToday", t.filledToday.stripTrailingZeros().toPlainString());
            Map<String, Object> positions = new LinkedHashMap<>();
            e.getValue().bySymbol.entrySet().stream().sorted(Map.Entry.comparingByKey())
                    .filter(s -> s.getValue().position.signum() != 0)
                    .forEach(s -> positions.put(s.getKey(), s.getValue().position.stripTrailingZeros().toPlainString()));
            u.put("positions", positions);
            out.put(e.getKey(), u);
        });
        return out;
    }
}

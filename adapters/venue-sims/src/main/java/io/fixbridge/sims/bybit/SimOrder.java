package io.fixbridge.sims.bybit;

import io.fixbridge.venue.OrderRequest;
import io.fixbridge.venue.Side;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * One Bybit order as the simulator records it: Bybit's fields (ids, type, quantities, statuses,
 * trigger, cumulative fills) and the link to the engine order that carries it once it works.
 * A conditional order waits here, outside the engine, until its trigger fires; then it is
 * submitted to the engine under the same Bybit ids.
 *
 * <p><b>Threading:</b> confined to the engine thread.
 */
final class SimOrder {
    static final String NEW = "New";
    static final String PARTIALLY_FILLED = "PartiallyFilled";
    static final String FILLED = "Filled";
    static final String CANCELLED = "Cancelled";
    static final String PARTIALLY_FILLED_CANCELED = "PartiallyFilledCanceled";
    static final String UNTRIGGERED = "Untriggered";
    static final String TRIGGERED = "Triggered";
    static final String DEACTIVATED = "Deactivated";
    private static final Set<String> OPEN = Set.of(NEW, PARTIALLY_FILLED, UNTRIGGERED);

    final String account;
    final Listing listing;
    final String orderId;
    final String orderLinkId;
    final Side side;
    /** {@code Market} or {@code Limit}. */
    final String orderType;
    /** {@code baseCoin} or {@code quoteCoin} for spot market orders; empty otherwise. */
    final String marketUnit;
    final String timeInForce;
    final String orderFilter;
    final boolean reduceOnly;
    final boolean closeOnTrigger;
    final int positionIdx;
    final long createdTime;
    final BigDecimal lastPriceOnCreated;
    final List<SimExecution> executions = new ArrayList<>();

    /** The quantity as Bybit shows it (a quote amount for a spot market order by value). */
    BigDecimal qty;
    /** The price as Bybit shows it: the limit, a derivative market order's protection price, else null. */
    BigDecimal price;
    BigDecimal triggerPrice;
    String triggerBy;
    /** 0 none, 1 rises to the trigger, 2 falls to it. */
    int triggerDirection;
    String orderStatus;
    String rejectReason = "EC_NoError";
    String cancelType = "UNKNOWN";
    long updatedTime;
    BigDecimal cumExecQty = BigDecimal.ZERO;
    BigDecimal cumExecValue = BigDecimal.ZERO;
    BigDecimal cumExecFee = BigDecimal.ZERO;
    BigDecimal closedPnl = BigDecimal.ZERO;

    /** The engine's client order id of the working order; null while it waits for its trigger. */
    String engineClientId;
    /** The engine's venue order id; null until the engine accepted it. */
    String engineId;
    OrderRequest engineRequest;
    /** cancelType and rejectReason to report when the engine cancels it next (instead of a user cancel's). */
    String pendingCancelType;
    String pendingRejectReason;

    SimOrder(String account, Listing listing, String orderId, String orderLinkId, Side side, String orderType,
             String marketUnit, BigDecimal qty, BigDecimal price, String timeInForce, String orderFilter,
             boolean reduceOnly, boolean closeOnTrigger, int positionIdx, BigDecimal triggerPrice,
             int triggerDirection, String triggerBy, BigDecimal lastPriceOnCreated, long now) {
        this.account = account;
        this.listing = listing;
        this.orderId = orderId;
        this.orderLinkId = orderLinkId;
        this.side = side;
        this.orderType = orderType;
        this.marketUnit = marketUnit;
        this.qty = qty;
        this.price = price;
        this.timeInForce = timeInForce;
        this.orderFilter = orderFilter;
        this.reduceOnly = reduceOnly;
        this.closeOnTrigger = closeOnTrigger;
        this.positionIdx = positionIdx;
        this.triggerPrice = triggerPrice;
        this.triggerDirection = triggerDirection;
        this.triggerBy = triggerBy;
        this.lastPriceOnCreated = lastPriceOnCreated;
        this.createdTime = now;
        this.updatedTime = now;
    }

    Category category() {
        return listing.category();
    }

    boolean isOpen() {
        return OPEN.contains(orderStatus);
    }

    boolean isConditional() {
        return triggerPrice != null;
    }

    boolean isMarket() {
        return "Market".equals(orderType);
    }

    /** Whether the quantity is a quote amount (a spot market order by value). */
    boolean byValue() {
        return "quoteCoin".equals(marketUnit);
    }

    /** Bybit's stopOrderType: {@code Stop} for conditional orders, {@code tpslOrder} for spot TP/SL, else none. */
    String stopOrderType() {
        if (!isConditional()) {
            return "";
        }
        return "tpslOrder".equals(orderFilter) ? "tpslOrder" : "Stop";
    }

    /** What is left to fill in base units (contracts); zero once the order is done. */
    BigDecimal leavesQty() {
        if (!isOpen()) {
            return BigDecimal.ZERO;
        }
        if (byValue()) {
            return BigDecimal.ZERO;
        }
        return qty.subtract(cumExecQty).max(BigDecimal.ZERO);
    }

    /** The value of what is left, in the settle coin. */
    BigDecimal leavesValue() {
        BigDecimal leaves = leavesQty();
        if (leaves.signum() == 0 || price == null) {
            return BigDecimal.ZERO;
        }
        return listing.inverse() ? Fmt.divide(leaves.multiply(listing.spec.contractSize()), price)
                : leaves.multiply(price);
    }

    /** The average fill price: value over quantity, or quantity over value for inverse; null without fills. */
    BigDecimal avgPrice() {
        if (cumExecQty.signum() == 0) {
            return null;
        }
        if (listing.inverse()) {
            return Fmt.divide(cumExecQty.multiply(listing.spec.contractSize()), cumExecValue);
        }
        return Fmt.divide(cumExecValue, cumExecQty);
    }
}

package io.fixbridge.venue.paper.engine;

import io.fixbridge.venue.Instrument;
import io.fixbridge.venue.OrderSnapshot.Status;
import io.fixbridge.venue.OrderType;
import io.fixbridge.venue.Side;
import io.fixbridge.venue.TimeInForce;
import io.fixbridge.venue.TriggerDirection;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The engine's mutable record of one order, a participant's or the market maker's. Confined to
 * the engine's thread; the outside world sees {@link OrderView}s.
 */
final class WorkingOrder {
    final String venueOrderId;
    /** Owning account; null for the internal market maker. */
    final String account;
    final Instrument instrument;
    final Side side;
    final OrderType type;
    final TimeInForce timeInForce;
    final TriggerDirection triggerDirection;
    final boolean postOnly;
    final boolean reduceOnly;
    final BigDecimal displayQuantity;
    final Instant acceptedAt;
    final List<Execution> executions = new ArrayList<>();

    String clientOrderId;
    BigDecimal quantity;
    BigDecimal price;
    BigDecimal stopPrice;
    BigDecimal filled = BigDecimal.ZERO;
    BigDecimal filledNotional = BigDecimal.ZERO;
    /** What the book shows of it while it rests: the iceberg tip, else everything left. */
    BigDecimal visible = BigDecimal.ZERO;
    /** Funds (or margin) held for it now, in {@link Ledger#lockAsset}. */
    BigDecimal locked = BigDecimal.ZERO;
    boolean triggered;
    Status status = Status.NEW;
    Instant updatedAt;

    WorkingOrder(String venueOrderId, String account, String clientOrderId, Instrument instrument, Side side,
                 OrderType type, TimeInForce timeInForce, BigDecimal quantity, BigDecimal price,
                 BigDecimal stopPrice, TriggerDirection triggerDirection, boolean postOnly, boolean reduceOnly,
                 BigDecimal displayQuantity, Instant acceptedAt) {
        this.venueOrderId = venueOrderId;
        this.account = account;
        this.clientOrderId = clientOrderId;
        this.instrument = instrument;
        this.side = side;
        this.type = type;
        this.timeInForce = timeInForce;
        this.quantity = quantity;
        this.price = price;
        this.stopPrice = stopPrice;
        this.triggerDirection = triggerDirection;
        this.postOnly = postOnly;
        this.reduceOnly = reduceOnly;
        this.displayQuantity = displayQuantity;
        this.acceptedAt = acceptedAt;
        this.updatedAt = acceptedAt;
        this.triggered = !type.requiresStopPrice();
    }

    boolean isMarketMaker() {
        return account == null;
    }

    String symbol() {
        return instrument.symbol();
    }

    BigDecimal leaves() {
        return quantity.subtract(filled);
    }

    boolean isDone() {
        return status.isTerminal();
    }

    /** Whether it is a conditional order still waiting for its trigger. */
    boolean isWaitingForTrigger() {
        return !triggered;
    }

    /** The type it trades as now: a triggered stop or take-profit is a market order, a stop-limit a limit. */
    OrderType workingType() {
        if (!triggered) {
            return type;
        }
        return switch (type) {
            case STOP, TAKE_PROFIT -> OrderType.MARKET;
            case STOP_LIMIT -> OrderType.LIMIT;
            default -> type;
        };
    }

    /** Whether it may trade at {@code makerPrice} as the incoming side. */
    boolean crosses(BigDecimal makerPrice) {
        if (workingType() == OrderType.MARKET) {
            return true;
        }
        return side == Side.BUY ? price.compareTo(makerPrice) >= 0 : price.compareTo(makerPrice) <= 0;
    }

    /** Whether a waiting conditional order's trigger condition holds at {@code reference}. */
    boolean triggerHolds(BigDecimal reference) {
        return switch (triggerDirection) {
            case RISES_ABOVE -> reference.compareTo(stopPrice) >= 0;
            case FALLS_BELOW -> reference.compareTo(stopPrice) <= 0;
        };
    }

    /** The price its funds are held at, given a limit and a stop price: null while it trades as a market order. */
    BigDecimal lockPrice(BigDecimal limit, BigDecimal stop) {
        if (!triggered) {
            return type == OrderType.STOP_LIMIT ? limit : stop;
        }
        return workingType() == OrderType.LIMIT ? limit : null;
    }

    /** The quantity the book shows after a (re)fill of the visible part. */
    BigDecimal displayRefill() {
        return displayQuantity == null ? leaves() : displayQuantity.min(leaves());
    }

    OrderView view() {
        BigDecimal average = filled.signum() == 0 ? null : Decimals.divide(filledNotional, filled);
        return new OrderView(venueOrderId, account, clientOrderId, symbol(), side, type, timeInForce, quantity,
                price, stopPrice, triggerDirection, postOnly, reduceOnly, displayQuantity, triggered, status,
                filled, average, executions, acceptedAt, updatedAt);
    }
}

package io.fixbridge.venue.paper.engine;

import io.fixbridge.venue.OrderSnapshot;
import io.fixbridge.venue.OrderType;
import io.fixbridge.venue.Side;
import io.fixbridge.venue.TimeInForce;
import io.fixbridge.venue.TriggerDirection;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * An immutable picture of one order at one moment. Safe to hand to other threads.
 *
 * @param venueOrderId     the engine's order id, unique per engine
 * @param account          owning account
 * @param clientOrderId    the client order id it is known by now (changes on amend)
 * @param symbol           unified symbol
 * @param side             side
 * @param type             the type it was submitted as
 * @param timeInForce      time in force
 * @param quantity         total quantity, including what has filled
 * @param price            limit price, or null for market, stop and take-profit orders
 * @param stopPrice        trigger price of a conditional order, else null
 * @param triggerDirection the effective trigger direction of a conditional order, else null
 * @param postOnly         post-only flag
 * @param reduceOnly       reduce-only flag
 * @param displayQuantity  iceberg display quantity, or null
 * @param triggered        false only for a conditional order still waiting for its trigger
 * @param status           status now
 * @param filledQuantity   quantity filled so far
 * @param averagePrice     volume-weighted average fill price, or null before the first fill
 * @param executions       every fill so far, oldest first
 * @param acceptedAt       when it was accepted
 * @param updatedAt        when it last changed
 */
public record OrderView(String venueOrderId, String account, String clientOrderId, String symbol, Side side,
                        OrderType type, TimeInForce timeInForce, BigDecimal quantity, BigDecimal price,
                        BigDecimal stopPrice, TriggerDirection triggerDirection, boolean postOnly,
                        boolean reduceOnly, BigDecimal displayQuantity, boolean triggered,
                        OrderSnapshot.Status status, BigDecimal filledQuantity, BigDecimal averagePrice,
                        List<Execution> executions, Instant acceptedAt, Instant updatedAt) {

    public OrderView {
        Objects.requireNonNull(venueOrderId, "venueOrderId");
        Objects.requireNonNull(status, "status");
        executions = List.copyOf(executions);
    }

    /** What is still working: zero once the order is done. */
    public BigDecimal leavesQuantity() {
        return status.isTerminal() ? BigDecimal.ZERO : quantity.subtract(filledQuantity);
    }

    /** Whether the order can no longer change. */
    public boolean isDone() {
        return status.isTerminal();
    }
}

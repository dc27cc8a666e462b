package io.fixbridge.venue;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;

/**
 * A new order, venue-neutral. Exactly one of {@code quantity} and {@code cashQuantity} is set.
 *
 * @param account           account name under the venue in gateway.yaml
 * @param clientOrderId     the venue client order id, derived deterministically by the gateway
 *                          from the FIX session and ClOrdID, so a retry or a restart can ask the
 *                          venue whether it has the order
 * @param symbol            unified symbol
 * @param side              buy or sell
 * @param type              order type
 * @param timeInForce       time in force
 * @param quantity          base quantity (contracts on inverse markets), or null
 * @param cashQuantity      quote quantity for market orders, or null
 * @param price             limit price, or null
 * @param stopPrice         trigger price for stop, stop-limit and take-profit orders, or null
 * @param triggerDirection  explicit trigger direction, or null when implied by type and side
 * @param postOnly          refuse rather than take liquidity
 * @param reduceOnly        may only reduce a position
 * @param displayQuantity   iceberg display quantity, or null
 * @param expireTime        expiry for GTD, or null
 */
public record OrderRequest(
        String account,
        String clientOrderId,
        String symbol,
        Side side,
        OrderType type,
        TimeInForce timeInForce,
        BigDecimal quantity,
        BigDecimal cashQuantity,
        BigDecimal price,
        BigDecimal stopPrice,
        TriggerDirection triggerDirection,
        boolean postOnly,
        boolean reduceOnly,
        BigDecimal displayQuantity,
        Instant expireTime) {

    public OrderRequest {
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(clientOrderId, "clientOrderId");
        Objects.requireNonNull(symbol, "symbol");
        Objects.requireNonNull(side, "side");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(timeInForce, "timeInForce");
        if ((quantity == null) == (cashQuantity == null)) {
            throw new IllegalArgumentException("exactly one of quantity and cashQuantity must be set");
        }
    }

    /** The trigger direction stated or implied; null for orders without a trigger. */
    public TriggerDirection effectiveTriggerDirection() {
        if (!type.requiresStopPrice()) {
            return null;
        }
        return triggerDirection != null ? triggerDirection : TriggerDirection.implied(type, side);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this order's values, to derive a changed copy. */
    public Builder toBuilder() {
        return new Builder().account(account).clientOrderId(clientOrderId).symbol(symbol).side(side)
                .type(type).timeInForce(timeInForce).quantity(quantity).cashQuantity(cashQuantity)
                .price(price).stopPrice(stopPrice).triggerDirection(triggerDirection).postOnly(postOnly)
                .reduceOnly(reduceOnly).displayQuantity(displayQuantity).expireTime(expireTime);
    }

    /** Builds an {@link OrderRequest}; defaults: GTC, not post-only, not reduce-only. Not thread-safe. */
    public static final class Builder {
        private String account;
        private String clientOrderId;
        private String symbol;
        private Side side;
        private OrderType type;
        private TimeInForce timeInForce = TimeInForce.GTC;
        private BigDecimal quantity;
        private BigDecimal cashQuantity;
        private BigDecimal price;
        private BigDecimal stopPrice;
        private TriggerDirection triggerDirection;
        private boolean postOnly;
        private boolean reduceOnly;
        private BigDecimal displayQuantity;
        private Instant expireTime;

        public Builder account(String v) { this.account = v; return this; }
        public Builder clientOrderId(String v) { this.clientOrderId = v; return this; }
        public Builder symbol(String v) { this.symbol = v; return this; }
        public Builder side(Side v) { this.side = v; return this; }
        public Builder type(OrderType v) { this.type = v; return this; }
        public Builder timeInForce(TimeInForce v) { this.timeInForce = v; return this; }
        public Builder quantity(BigDecimal v) { this.quantity = v; return this; }
        public Builder cashQuantity(BigDecimal v) { this.cashQuantity = v; return this; }
        public Builder price(BigDecimal v) { this.price = v; return this; }
        public Builder stopPrice(BigDecimal v) { this.stopPrice = v; return this; }
        public Builder triggerDirection(TriggerDirection v) { this.triggerDirection = v; return this; }
        public Builder postOnly(boolean v) { this.postOnly = v; return this; }
        public Builder reduceOnly(boolean v) { this.reduceOnly = v; return this; }
        public Builder displayQuantity(BigDecimal v) { this.displayQuantity = v; return this; }
        public Builder expireTime(Instant v) { this.expireTime = v; return this; }

        public OrderRequest build() {
            return new OrderRequest(account, clientOrderId, symbol, side, type, timeInForce, quantity,
                    cashQuantity, price, stopPrice, triggerDirection, postOnly, reduceOnly,
                    displayQuantity, expireTime);
        }
    }
}

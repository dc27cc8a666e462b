package io.fixbridge.gateway.risk;

import java.math.BigDecimal;
import java.util.Objects;

import io.fixbridge.venue.OrderType;
import io.fixbridge.venue.Side;

/**
 * What the pre-trade checks see of one order: its terms, who sent it, where it goes and how much
 * of it has filled. Immutable; the order engine makes one from its order whenever it asks.
 *
 * @param orderId      the gateway's OrderID(37)
 * @param session      the order-entry session's counterparty CompID
 * @param venue        the venue's name
 * @param account      the account's name under the venue
 * @param symbol       unified symbol
 * @param side         buy or sell
 * @param type         order type
 * @param quantity     base quantity; null for an order sized by {@code cashQuantity}
 * @param cashQuantity quote quantity (CashOrderQty(152)); null otherwise
 * @param price        limit price; null without one
 * @param stopPrice    trigger price; null without one
 * @param open         whether it may still fill (not done)
 * @param cumQty       quantity filled so far
 * @param cumNotional  quantity x price summed over its fills
 */
public record RiskOrder(String orderId, String session, String venue, String account, String symbol, Side side,
                        OrderType type, BigDecimal quantity, BigDecimal cashQuantity, BigDecimal price,
                        BigDecimal stopPrice, boolean open, BigDecimal cumQty, BigDecimal cumNotional) {

    public RiskOrder {
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(session, "session");
        Objects.requireNonNull(venue, "venue");
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(symbol, "symbol");
        Objects.requireNonNull(side, "side");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(cumQty, "cumQty");
        Objects.requireNonNull(cumNotional, "cumNotional");
        if (quantity == null && cashQuantity == null) {
            throw new IllegalArgumentException("order " + orderId + " has neither a quantity nor a cash quantity");
        }
    }

    /** The price its notional is counted at without a reference price: the limit price, else the stop price; null if neither. */
    BigDecimal ownPrice() {
        return price != null ? price : stopPrice;
    }

    /** +1 for a buy, -1 for a sell. */
    int sign() {
        return side == Side.BUY ? 1 : -1;
    }
}

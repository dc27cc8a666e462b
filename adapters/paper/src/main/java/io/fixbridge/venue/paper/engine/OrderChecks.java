package io.fixbridge.venue.paper.engine;

import io.fixbridge.venue.Instrument;
import io.fixbridge.venue.OrderRequest;
import io.fixbridge.venue.OrderType;
import io.fixbridge.venue.RejectReason;
import io.fixbridge.venue.TimeInForce;
import io.fixbridge.venue.VenueCapabilities;

import java.math.BigDecimal;
import java.util.List;

/**
 * The checks of an order against its instrument and the engine's capabilities that need no
 * account or book state: status, characteristics, quantity, price, notional. Stateless.
 */
final class OrderChecks {
    private OrderChecks() {
    }

    /**
     * The first problem of {@code r}, or null when there is none.
     *
     * @param reference the instrument's reference price, used for a market order's notional; may be null
     */
    static EngineResult.Refused check(OrderRequest r, Instrument i, VenueCapabilities capabilities,
                                      BigDecimal reference) {
        if (!i.isTrading()) {
            return refuse(RejectReason.VENUE_CLOSED, i.symbol() + " is " + i.status() + " and takes no orders now");
        }
        List<String> unsupported = capabilities.unsupported(r, i.marketType());
        if (!unsupported.isEmpty()) {
            return refuse(RejectReason.UNSUPPORTED_ORDER_CHARACTERISTIC, String.join("; ", unsupported));
        }
        boolean restingLimit = (r.type() == OrderType.LIMIT || r.type() == OrderType.STOP_LIMIT)
                && r.timeInForce() == TimeInForce.GTC;
        if (r.postOnly() && !restingLimit) {
            return refuse(RejectReason.UNSUPPORTED_ORDER_CHARACTERISTIC,
                    "post-only needs a GTC limit or stop-limit order, not " + r.type() + " " + r.timeInForce());
        }
        if (r.displayQuantity() != null && !restingLimit) {
            return refuse(RejectReason.UNSUPPORTED_ORDER_CHARACTERISTIC,
                    "an iceberg (display quantity) needs a GTC limit or stop-limit order, not "
                            + r.type() + " " + r.timeInForce());
        }
        if (r.type().requiresPrice() && r.price() == null) {
            return refuse(RejectReason.OTHER, "a " + r.type() + " order needs a limit price");
        }
        if (r.type().requiresStopPrice() && r.stopPrice() == null) {
            return refuse(RejectReason.OTHER, "a " + r.type() + " order needs a stop (trigger) price");
        }
        EngineResult.Refused quantity = checkQuantity("quantity", r.quantity(), i);
        if (quantity != null) {
            return quantity;
        }
        if (r.displayQuantity() != null) {
            EngineResult.Refused display = checkQuantity("display quantity", r.displayQuantity(), i);
            if (display != null) {
                return display;
            }
            if (r.displayQuantity().compareTo(r.quantity()) > 0) {
                return refuse(RejectReason.INCORRECT_QUANTITY, "display quantity " + Decimals.text(r.displayQuantity())
                        + " exceeds the order quantity " + Decimals.text(r.quantity()));
            }
        }
        if (r.type().requiresPrice()) {
            EngineResult.Refused price = checkPrice("price", r.price(), i);
            if (price != null) {
                return price;
            }
        }
        if (r.type().requiresStopPrice()) {
            EngineResult.Refused stop = checkPrice("stop price", r.stopPrice(), i);
            if (stop != null) {
                return stop;
            }
        }
        BigDecimal basis = r.type().requiresPrice() ? r.price()
                : r.type().requiresStopPrice() ? r.stopPrice() : reference;
        if (basis != null && i.minNotional().signum() > 0) {
            BigDecimal notional = Contracts.quoteValue(i, r.quantity(), basis);
            if (notional.compareTo(i.minNotional()) < 0) {
                return refuse(RejectReason.BELOW_MIN_NOTIONAL, "notional " + Decimals.text(notional) + " "
                        + i.quoteAsset() + " (" + Decimals.text(r.quantity()) + " at " + Decimals.text(basis)
                        + ") is below the minimum " + Decimals.text(i.minNotional()) + " " + i.quoteAsset()
                        + " for " + i.symbol());
            }
        }
        return null;
    }

    private static EngineResult.Refused checkQuantity(String what, BigDecimal q, Instrument i) {
        if (q.signum() <= 0) {
            return refuse(RejectReason.INCORRECT_QUANTITY, what + " must be greater than zero, got " + Decimals.text(q));
        }
        if (!i.isOnLot(q)) {
            return refuse(RejectReason.INCORRECT_QUANTITY, what + " " + Decimals.text(q)
                    + " is not a multiple of the lot size " + Decimals.text(i.lotSize()) + " for " + i.symbol());
        }
        if (q.compareTo(i.minQuantity()) < 0) {
            return refuse(RejectReason.INCORRECT_QUANTITY, what + " " + Decimals.text(q)
                    + " is below the minimum " + Decimals.text(i.minQuantity()) + " for " + i.symbol());
        }
        if (q.compareTo(i.maxQuantity()) > 0) {
            return refuse(RejectReason.INCORRECT_QUANTITY, what + " " + Decimals.text(q)
                    + " is above the maximum " + Decimals.text(i.maxQuantity()) + " for " + i.symbol());
        }
        return null;
    }

    private static EngineResult.Refused checkPrice(String what, BigDecimal p, Instrument i) {
        if (p.signum() <= 0) {
            return refuse(RejectReason.OTHER, what + " must be greater than zero, got " + Decimals.text(p));
        }
        if (!i.isOnTick(p)) {
            return refuse(RejectReason.INVALID_PRICE_INCREMENT, what + " " + Decimals.text(p)
                    + " is not a multiple of the tick size " + Decimals.text(i.tickSize()) + " for " + i.symbol());
        }
        return null;
    }

    static EngineResult.Refused refuse(RejectReason reason, String text) {
        return new EngineResult.Refused(reason, text);
    }
}

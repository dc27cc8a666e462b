package io.fixbridge.venue.hyperliquid;

import io.fixbridge.venue.Instrument;
import io.fixbridge.venue.OrderRequest;
import io.fixbridge.venue.OrderType;
import io.fixbridge.venue.RejectReason;
import io.fixbridge.venue.Side;
import io.fixbridge.venue.TimeInForce;
import io.fixbridge.venue.VenueError;
import io.fixbridge.venue.kit.rules.Decimals;

import java.math.BigDecimal;
import java.util.Optional;

/**
 * Hyperliquid's price and size rules, checked before anything is signed, and the prices the adapter
 * computes itself. A price is valid when it has at most five significant figures and at most
 * (6 for perpetuals, 8 for spot) minus szDecimals decimals; whole numbers are always valid (the
 * {@link Instrument} carries both as tick size and significant figures). Sizes must be multiples of
 * 10^-szDecimals. Stateless.
 *
 * <p>Market orders (and the limit price of stop and take-profit market orders, which Hyperliquid
 * requires) are priced at a reference times (1 + slippage) for a buy and (1 - slippage) for a sell,
 * then rounded to a valid price towards the reference, so the order never trades further away than
 * the slippage allows.
 */
public final class Prices {
    private Prices() {
    }

    /**
     * Why Hyperliquid cannot take {@code order} on {@code market} as it is, checked before signing; empty
     * when it can.
     */
    public static Optional<VenueError> check(OrderRequest order, HyperliquidMarket market) {
        Instrument inst = market.instrument();
        if (order.quantity() == null) {
            return reject(RejectReason.UNSUPPORTED_ORDER_CHARACTERISTIC,
                    "Hyperliquid orders are sized in the base asset; CashOrderQty is not supported");
        }
        if (order.timeInForce() == TimeInForce.FOK || order.timeInForce() == TimeInForce.GTD) {
            return reject(RejectReason.UNSUPPORTED_ORDER_CHARACTERISTIC, "Hyperliquid has no time in force "
                    + order.timeInForce() + " (it has GTC, IOC and post-only)");
        }
        if (order.displayQuantity() != null) {
            return reject(RejectReason.UNSUPPORTED_ORDER_CHARACTERISTIC, "Hyperliquid has no iceberg orders");
        }
        if (order.reduceOnly() && market.spot()) {
            return reject(RejectReason.UNSUPPORTED_ORDER_CHARACTERISTIC,
                    "reduce-only applies to perpetuals only, not to spot " + inst.symbol());
        }
        if (market.spot() && order.type().requiresStopPrice()) {
            return reject(RejectReason.UNSUPPORTED_ORDER_CHARACTERISTIC, "Hyperliquid has no " + order.type()
                    + " orders on spot markets (" + inst.symbol() + ")");
        }
        if (order.postOnly() && (order.type() != OrderType.LIMIT || order.timeInForce() != TimeInForce.GTC)) {
            return reject(RejectReason.UNSUPPORTED_ORDER_CHARACTERISTIC,
                    "post-only applies to GTC limit orders only on Hyperliquid");
        }
        if (order.type().requiresStopPrice() && order.timeInForce() != TimeInForce.GTC) {
            return reject(RejectReason.UNSUPPORTED_ORDER_CHARACTERISTIC,
                    "Hyperliquid trigger orders work until canceled (GTC); " + order.timeInForce() + " is not possible");
        }
        if (order.quantity().signum() <= 0 || !inst.isOnLot(order.quantity())) {
            return reject(RejectReason.INCORRECT_QUANTITY, "quantity " + order.quantity().toPlainString()
                    + " is not valid for " + inst.symbol() + ": it must be a positive multiple of "
                    + inst.lotSize().toPlainString() + " (szDecimals " + market.szDecimals() + ")");
        }
        if (order.type().requiresPrice()) {
            Optional<VenueError> p = checkPrice(market, "price", order.price());
            if (p.isPresent()) {
                return p;
            }
        }
        if (order.type().requiresStopPrice()) {
            return checkPrice(market, "stop price", order.stopPrice());
        }
        return Optional.empty();
    }

    /** Whether {@code price} is valid on {@code market}, with the nearest valid prices when not. */
    public static Optional<VenueError> checkPrice(HyperliquidMarket market, String what, BigDecimal price) {
        Instrument inst = market.instrument();
        if (price == null || price.signum() <= 0) {
            return reject(RejectReason.INVALID_PRICE_INCREMENT, "a positive " + what + " is required for "
                    + inst.symbol());
        }
        if (inst.isOnTick(price)) {
            return Optional.empty();
        }
        return reject(RejectReason.INVALID_PRICE_INCREMENT, what + " " + price.toPlainString()
                + " is not a valid Hyperliquid price for " + inst.symbol() + " (at most "
                + inst.significantFigures() + " significant figures and " + decimals(inst) + " decimals; whole "
                + "numbers always valid); nearest valid prices: " + Decimals.plain(inst.tickBelow(price)) + " and "
                + Decimals.plain(inst.tickAbove(price)));
    }

    /**
     * The price an order marketable against {@code reference} may trade up to: reference * (1 + slippage)
     * for a buy, * (1 - slippage) for a sell, rounded to a valid price towards the reference.
     */
    public static BigDecimal aggressive(HyperliquidMarket market, Side side, BigDecimal reference,
                                        BigDecimal slippage) {
        Instrument inst = market.instrument();
        if (side == Side.BUY) {
            return inst.tickBelow(reference.multiply(BigDecimal.ONE.add(slippage)));
        }
        BigDecimal raw = reference.multiply(BigDecimal.ONE.subtract(slippage));
        BigDecimal above = inst.tickAbove(raw);
        return above.signum() > 0 ? above : inst.tickSize();
    }

    private static int decimals(Instrument inst) {
        return Math.max(0, inst.tickSize().stripTrailingZeros().scale());
    }

    private static Optional<VenueError> reject(RejectReason reason, String text) {
        return Optional.of(VenueError.rejected(reason, null, text));
    }
}

package io.fixbridge.gateway.order;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;

import io.fixbridge.gateway.translate.Inbound.Refusal;
import io.fixbridge.venue.Instrument;
import io.fixbridge.venue.OrderRequest;
import io.fixbridge.venue.RejectReason;
import io.fixbridge.venue.VenueCapabilities;

/**
 * The checks every order passes before anything reaches a venue: the instrument exists and
 * trades, the venue can take the order as it is, quantities sit on the lot, prices on the tick,
 * and the notional reaches the minimum. Pure functions; each refusal says what is wrong and
 * what would be right.
 */
public final class OrderChecks {
    private OrderChecks() {
    }

    /** Why {@code order} cannot go to the venue, or empty when it can. */
    public static Optional<Refusal> check(OrderRequest order, String venueName, Instrument instrument,
                                          VenueCapabilities capabilities) {
        if (instrument == null) {
            return refuse(RejectReason.UNKNOWN_SYMBOL, "unknown Symbol(55) '" + order.symbol() + "' on venue '" + venueName
                    + "'; symbols use the unified form, e.g. BTC/USDT (spot) or BTC/USDT:USDT (perpetual)");
        }
        if (!instrument.isTrading()) {
            return refuse(RejectReason.VENUE_CLOSED, order.symbol() + " is " + instrument.status() + " on venue '" + venueName
                    + "'; orders are refused until it trades again");
        }
        List<String> unsupported = capabilities.unsupported(order, instrument.marketType());
        if (!unsupported.isEmpty()) {
            return refuse(RejectReason.UNSUPPORTED_ORDER_CHARACTERISTIC,
                    "venue '" + venueName + "' cannot take this order: " + String.join("; ", unsupported));
        }
        return checkTerms(order, instrument).or(() -> order.displayQuantity() == null || instrument.isOnLot(order.displayQuantity())
                ? Optional.empty()
                : refuse(RejectReason.INCORRECT_QUANTITY, "MaxFloor(111) " + plain(order.displayQuantity())
                        + " is not a multiple of the lot size " + plain(instrument.lotSize()) + " for " + order.symbol()));
    }


    /** The checks a replacement's new quantity and prices pass, against what has filled already. */
    public static Optional<Refusal> checkReplacement(OrderRequest replacement, BigDecimal filled, Instrument instrument) {
        if (replacement.quantity().compareTo(filled) <= 0) {
            return refuse(RejectReason.INCORRECT_QUANTITY, "OrderQty(38) " + plain(replacement.quantity())
                    + " must exceed the quantity already filled, " + plain(filled));
        }
        return checkTerms(replacement, instrument);
    }

    /** Quantity on the lot and within bounds, prices on the tick, notional at least the minimum. */
    private static Optional<Refusal> checkTerms(OrderRequest order, Instrument instrument) {
        return checkQuantity("OrderQty(38)", order.quantity(), instrument)
                .or(() -> checkPrice("Price(44)", order.price(), instrument))
                .or(() -> checkPrice("StopPx(99)", order.stopPrice(), instrument))
                .or(() -> checkNotional(order, instrument));
    }

    private static Optional<Refusal> checkQuantity(String tag, BigDecimal qty, Instrument instrument) {
        if (qty == null) {
            return Optional.empty();
        }
        if (!instrument.isOnLot(qty)) {
            BigDecimal below = floor(qty, instrument.lotSize());
            return refuse(RejectReason.INCORRECT_QUANTITY, tag + " " + plain(qty) + " is not a multiple of the lot size "
                    + plain(instrument.lotSize()) + " for " + instrument.symbol() + "; nearest valid: " + plain(below)
                    + " or " + plain(below.add(instrument.lotSize())));
        }
        if (qty.compareTo(instrument.minQuantity()) < 0) {
            return refuse(RejectReason.INCORRECT_QUANTITY, tag + " " + plain(qty) + " is below the minimum "
                    + plain(instrument.minQuantity()) + " for " + instrument.symbol());
        }
        if (qty.compareTo(instrument.maxQuantity()) > 0) {
            return refuse(RejectReason.INCORRECT_QUANTITY, tag + " " + plain(qty) + " is above the maximum "
                    + plain(instrument.maxQuantity()) + " for " + instrument.symbol());
        }
        return Optional.empty();
    }

    private static Optional<Refusal> checkPrice(String tag, BigDecimal price, Instrument instrument) {
        if (price == null || instrument.isOnTick(price)) {
            return Optional.empty();
        }
        String rule = instrument.significantFigures() > 0
                ? " is not a valid price for " + instrument.symbol() + " (at most " + instrument.significantFigures()
                        + " significant figures, a multiple of " + plain(instrument.tickSize())
                        + "; whole numbers are always valid)"
                : " is not a multiple of the tick size " + plain(instrument.tickSize()) + " for " + instrument.symbol();
        return refuse(RejectReason.INVALID_PRICE_INCREMENT, tag + " " + plain(price) + rule + "; nearest valid: "
                + plain(instrument.tickBelow(price)) + " or " + plain(instrument.tickAbove(price)));
    }

    private static Optional<Refusal> checkNotional(OrderRequest order, Instrument instrument) {
        BigDecimal price = order.price() != null ? order.price() : order.stopPrice();
        if (order.quantity() == null || price == null || instrument.minNotional().signum() == 0) {
            // market orders are checked by the venue against its own price
            return Optional.empty();
        }
        BigDecimal notional = instrument.notional(order.quantity(), price);
        if (notional.compareTo(instrument.minNotional()) < 0) {
            return refuse(RejectReason.BELOW_MIN_NOTIONAL, "order value " + plain(notional) + " " + instrument.quoteAsset()
                    + " (quantity x price) is below the minimum notional " + plain(instrument.minNotional()) + " "
                    + instrument.quoteAsset() + " for " + instrument.symbol());
        }
        return Optional.empty();
    }

    private static BigDecimal floor(BigDecimal value, BigDecimal step) {
        return value.divideToIntegralValue(step).multiply(step);
    }

    private static String plain(BigDecimal v) {
        return v.stripTrailingZeros().toPlainString();
    }

    private static Optional<Refusal> refuse(RejectReason reason, String text) {
        return Optional.of(new Refusal(reason, text));
    }
}

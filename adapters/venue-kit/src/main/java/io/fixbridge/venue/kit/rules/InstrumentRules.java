package io.fixbridge.venue.kit.rules;

import io.fixbridge.venue.Instrument;
import io.fixbridge.venue.Side;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Rounding to an {@link Instrument}'s tick and lot, and checks of an order against its limits.
 * Pure functions over {@link BigDecimal} (never {@code double}); checks return
 * {@link RuleViolation}s instead of throwing. Results have the scale of the step
 * ({@code 52000.00} for tick {@code 0.01}).
 */
public final class InstrumentRules {
    private InstrumentRules() {
    }

    /**
     * {@code value} rounded to a multiple of {@code step} with {@code mode}
     * ({@link RoundingMode#FLOOR}, {@link RoundingMode#CEILING}, {@link RoundingMode#HALF_UP}, ...).
     *
     * @throws IllegalArgumentException when {@code step} is not positive
     */
    public static BigDecimal roundToStep(BigDecimal value, BigDecimal step, RoundingMode mode) {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(step, "step");
        Objects.requireNonNull(mode, "mode");
        if (step.signum() <= 0) {
            throw new IllegalArgumentException("step must be positive, was " + step.toPlainString());
        }
        BigDecimal steps = value.divide(step, 0, mode);
        return Decimals.atScaleOf(steps.multiply(step), step);
    }

    /** {@code price} rounded to the instrument's tick with {@code mode}. */
    public static BigDecimal roundPrice(Instrument instrument, BigDecimal price, RoundingMode mode) {
        return roundToStep(price, instrument.tickSize(), mode);
    }

    /**
     * {@code price} rounded to the tick in the client's favour, never more aggressive than asked:
     * down for a buy, up for a sell.
     */
    public static BigDecimal roundPricePassive(Instrument instrument, Side side, BigDecimal price) {
        return roundPrice(instrument, price, side == Side.BUY ? RoundingMode.FLOOR : RoundingMode.CEILING);
    }

    /**
     * {@code price} rounded to the tick towards the market: up for a buy, down for a sell (for a
     * protective limit on a market order, where crossing matters more than the last tick).
     */
    public static BigDecimal roundPriceAggressive(Instrument instrument, Side side, BigDecimal price) {
        return roundPrice(instrument, price, side == Side.BUY ? RoundingMode.CEILING : RoundingMode.FLOOR);
    }

    /** {@code quantity} rounded down to the instrument's lot (never more than asked). */
    public static BigDecimal roundQuantityDown(Instrument instrument, BigDecimal quantity) {
        return roundToStep(quantity, instrument.lotSize(), RoundingMode.FLOOR);
    }

    /** A problem with price {@code field} (positive, on the tick), if any. */
    public static Optional<RuleViolation> checkPrice(Instrument instrument, String field, BigDecimal price) {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(price, "price");
        if (price.signum() <= 0) {
            return Optional.of(new RuleViolation(Rule.PRICE_NOT_POSITIVE, field, price, BigDecimal.ZERO, null, null,
                    field + " must be positive, was " + price.toPlainString()));
        }
        if (!instrument.isOnTick(price)) {
            BigDecimal below = roundPrice(instrument, price, RoundingMode.FLOOR);
            BigDecimal above = roundPrice(instrument, price, RoundingMode.CEILING);
            return Optional.of(new RuleViolation(Rule.PRICE_TICK, field, price, instrument.tickSize(), below, above,
                    field + " " + price.toPlainString() + " is not a multiple of the tick size "
                            + instrument.tickSize().toPlainString() + " of " + instrument.symbol()
                            + "; nearest valid " + below.toPlainString() + " or " + above.toPlainString()));
        }
        return Optional.empty();
    }

    /** Problems with {@code quantity}: positive, on the lot, within minimum and maximum. */
    public static List<RuleViolation> checkQuantity(Instrument instrument, BigDecimal quantity) {
        Objects.requireNonNull(quantity, "quantity");
        List<RuleViolation> out = new ArrayList<>(2);
        if (quantity.signum() <= 0) {
            out.add(new RuleViolation(Rule.QUANTITY_NOT_POSITIVE, "quantity", quantity, BigDecimal.ZERO, null, null,
                    "quantity must be positive, was " + quantity.toPlainString()));
            return out;
        }
        String symbol = instrument.symbol();
        if (!instrument.isOnLot(quantity)) {
            BigDecimal below = roundQuantityDown(instrument, quantity);
            BigDecimal above = roundToStep(quantity, instrument.lotSize(), RoundingMode.CEILING);
            out.add(new RuleViolation(Rule.QUANTITY_LOT, "quantity", quantity, instrument.lotSize(), below, above,
                    "quantity " + quantity.toPlainString() + " is not a multiple of the lot size "
                            + instrument.lotSize().toPlainString() + " of " + symbol
                            + "; nearest valid " + below.toPlainString() + " or " + above.toPlainString()));
        }
        if (quantity.compareTo(instrument.minQuantity()) < 0) {
            BigDecimal smallest = roundToStep(instrument.minQuantity(), instrument.lotSize(), RoundingMode.CEILING);
            out.add(new RuleViolation(Rule.QUANTITY_MIN, "quantity", quantity, instrument.minQuantity(), null, smallest,
                    "quantity " + quantity.toPlainString() + " is below the minimum "
                            + instrument.minQuantity().toPlainString() + " of " + symbol));
        }
        if (quantity.compareTo(instrument.maxQuantity()) > 0) {
            BigDecimal largest = roundToStep(instrument.maxQuantity(), instrument.lotSize(), RoundingMode.FLOOR);
            out.add(new RuleViolation(Rule.QUANTITY_MAX, "quantity", quantity, instrument.maxQuantity(), largest, null,
                    "quantity " + quantity.toPlainString() + " is above the maximum "
                            + instrument.maxQuantity().toPlainString() + " of " + symbol));
        }
        return out;
    }

    /**
     * A minimum-notional problem of {@code quantity} at {@code price} (for a market order, a
     * reference price such as the last trade), if any. {@code nearestAbove} of the violation is the
     * smallest lot-aligned quantity that meets the minimum at this price.
     */
    public static Optional<RuleViolation> checkNotional(Instrument instrument, BigDecimal quantity, BigDecimal price) {
        Objects.requireNonNull(quantity, "quantity");
        Objects.requireNonNull(price, "price");
        BigDecimal min = instrument.minNotional();
        if (min.signum() <= 0 || price.signum() <= 0 || quantity.signum() <= 0) {
            return Optional.empty();
        }
        BigDecimal notional = instrument.notional(quantity, price);
        if (notional.compareTo(min) >= 0) {
            return Optional.empty();
        }
        BigDecimal perUnit = price.multiply(instrument.contractSize());
        BigDecimal steps = min.divide(perUnit.multiply(instrument.lotSize()), 0, RoundingMode.CEILING);
        BigDecimal smallest = Decimals.atScaleOf(steps.multiply(instrument.lotSize()), instrument.lotSize());
        if (smallest.compareTo(instrument.minQuantity()) < 0) {
            smallest = roundToStep(instrument.minQuantity(), instrument.lotSize(), RoundingMode.CEILING);
        }
        return Optional.of(new RuleViolation(Rule.MIN_NOTIONAL, "notional", notional, min, null, smallest,
                "notional " + Decimals.plain(notional) + " (quantity " + quantity.toPlainString() + " at "
                        + price.toPlainString() + ") is below the minimum " + min.toPlainString() + " of "
                        + instrument.symbol() + "; smallest valid quantity at this price " + smallest.toPlainString()));
    }

    /**
     * Every problem of an order on {@code instrument}: trading status, quantity, price (when not
     * null) and minimum notional (when a price is given). Empty when the order fits.
     *
     * @param price the limit price, or for a market order a reference price, or null to skip the
     *              price and notional checks
     */
    public static List<RuleViolation> validate(Instrument instrument, BigDecimal quantity, BigDecimal price) {
        Objects.requireNonNull(instrument, "instrument");
        List<RuleViolation> out = new ArrayList<>(2);
        if (!instrument.isTrading()) {
            out.add(new RuleViolation(Rule.NOT_TRADING, "symbol", null, null, null, null,
                    instrument.symbol() + " is not trading (" + instrument.status() + ")"));
        }
        out.addAll(checkQuantity(instrument, quantity));
        if (price != null) {
            checkPrice(instrument, "price", price).ifPresent(out::add);
            checkNotional(instrument, quantity, price).ifPresent(out::add);
        }
        return List.copyOf(out);
    }

    /** The first problem of {@link #validate}, if any. */
    public static Optional<RuleViolation> firstViolation(Instrument instrument, BigDecimal quantity, BigDecimal price) {
        List<RuleViolation> all = validate(instrument, quantity, price);
        return all.isEmpty() ? Optional.empty() : Optional.of(all.get(0));
    }
}

package io.fixbridge.venue.kit.rules;

import io.fixbridge.venue.RejectReason;
import io.fixbridge.venue.VenueError;
import java.math.BigDecimal;
import java.util.Objects;

/**
 * Why an order does not fit its instrument, with the numbers a person (or an adapter that rounds)
 * needs. Immutable.
 *
 * <table>
 *   <caption>components by rule</caption>
 *   <tr><th>rule</th><th>value</th><th>limit</th><th>nearestBelow / nearestAbove</th></tr>
 *   <tr><td>PRICE_TICK</td><td>the price</td><td>tick size</td><td>the valid prices either side</td></tr>
 *   <tr><td>QUANTITY_LOT</td><td>the quantity</td><td>lot size</td><td>the valid quantities either side</td></tr>
 *   <tr><td>QUANTITY_MIN</td><td>the quantity</td><td>minimum</td><td>null / smallest valid quantity</td></tr>
 *   <tr><td>QUANTITY_MAX</td><td>the quantity</td><td>maximum</td><td>largest valid quantity / null</td></tr>
 *   <tr><td>MIN_NOTIONAL</td><td>the notional</td><td>minimum notional</td><td>null / smallest valid
 *       <em>quantity</em> at the order's price</td></tr>
 *   <tr><td>PRICE_NOT_POSITIVE, QUANTITY_NOT_POSITIVE</td><td>the value</td><td>zero</td><td>null / null</td></tr>
 *   <tr><td>NOT_TRADING</td><td>null</td><td>null</td><td>null / null</td></tr>
 * </table>
 *
 * @param rule         which rule
 * @param field        which order field: {@code price}, {@code stopPrice}, {@code quantity}, {@code notional}, {@code symbol}
 * @param value        the offending value
 * @param limit        the rule's limit
 * @param nearestBelow the nearest valid value below, or null
 * @param nearestAbove the nearest valid value above, or null
 * @param text         a sentence for FIX Text(58): names the instrument, the value, the limit and
 *                     the nearest valid values
 */
public record RuleViolation(Rule rule, String field, BigDecimal value, BigDecimal limit,
        BigDecimal nearestBelow, BigDecimal nearestAbove, String text) {

    /** Validates the components; throws {@link IllegalArgumentException} or {@link NullPointerException} when one is wrong. */
    public RuleViolation {
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(text, "text");
    }

    /** The reject reason this violation maps to. */
    public RejectReason rejectReason() {
        return rule.rejectReason();
    }

    /** A REJECTED venue error with this violation's reason and text (no venue code: the gateway found it). */
    public VenueError toVenueError() {
        return VenueError.rejected(rule.rejectReason(), null, text);
    }
}

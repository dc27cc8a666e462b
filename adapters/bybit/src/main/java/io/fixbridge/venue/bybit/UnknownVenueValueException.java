package io.fixbridge.venue.bybit;

import java.util.Arrays;
import java.util.Collection;

/**
 * Bybit sent an enumerated value (an order status, a side, a category) this adapter does not know.
 * Thrown instead of guessing, so that a change on Bybit's side is seen at once; the message names
 * the value and what was expected.
 */
public final class UnknownVenueValueException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String value;

    public UnknownVenueValueException(String what, String value, String expected) {
        super("Bybit sent an unknown " + what + " '" + value + "'; expected one of " + expected);
        this.value = value;
    }

    /** The value Bybit sent. */
    public String value() {
        return value;
    }

    static UnknownVenueValueException of(String what, String value, Collection<String> expected) {
        return new UnknownVenueValueException(what, String.valueOf(value), expected.toString());
    }

    static UnknownVenueValueException of(String what, String value, Object[] expected) {
        return new UnknownVenueValueException(what, String.valueOf(value), Arrays.toString(expected));
    }
}

package io.fixbridge.venue.binance;

import java.util.Arrays;

/**
 * Binance sent an enumerated value (a status, an execution type, a side) this adapter does not
 * know. Thrown instead of guessing, so that a change on Binance's side is seen at once; the
 * message names the value and what was expected.
 */
public final class UnknownVenueValueException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String value;

    public UnknownVenueValueException(String what, String value, String expected) {
        super("Binance sent an unknown " + what + " '" + value + "'; expected one of " + expected);
        this.value = value;
    }

    /** The value Binance sent. */
    public String value() {
        return value;
    }

    /** The constant of {@code type} named exactly {@code value}, or this exception. */
    static <E extends Enum<E>> E parse(Class<E> type, String what, String value) {
        if (value != null) {
            for (E e : type.getEnumConstants()) {
                if (e.name().equals(value)) {
                    return e;
                }
            }
        }
        throw new UnknownVenueValueException(what, String.valueOf(value), Arrays.toString(type.getEnumConstants()));
    }
}

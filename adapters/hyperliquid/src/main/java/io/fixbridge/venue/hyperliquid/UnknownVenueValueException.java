package io.fixbridge.venue.hyperliquid;

/**
 * A value Hyperliquid sent that this adapter does not know (an order status, a side, a coin). Thrown by
 * the strict parsers so the surprise is loud; the message names the field and the value (never a secret).
 */
public final class UnknownVenueValueException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public UnknownVenueValueException(String field, String value) {
        super("Hyperliquid sent an unknown " + field + " '" + value + "'");
    }
}

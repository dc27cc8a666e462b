package io.fixbridge.venue.ccxt;

/**
 * ccxt reported a value this adapter does not know (an order status outside open, closed, canceled,
 * expired, rejected; a precision mode; a side). Thrown by {@link CcxtTranslator}; the adapter logs it at
 * ERROR and does not apply the update, rather than guess.
 */
public final class UnknownVenueValueException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public UnknownVenueValueException(String message) {
        super(message);
    }
}

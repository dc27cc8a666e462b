package io.fixbridge.venue.bybit;

/**
 * What Bybit answered to a failed request, kept as the cause of the
 * {@link io.fixbridge.venue.VenueException} the request fails with. Holds Bybit's code and text
 * only, never anything of the request (which carries the key and the signature).
 */
public final class BybitApiError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int httpStatus;
    private final Integer retCode;

    public BybitApiError(String what, int httpStatus, Integer retCode, String retMsg) {
        super(what + ": HTTP " + httpStatus + (retCode == null ? "" : " retCode " + retCode)
                + (retMsg == null ? "" : " " + retMsg));
        this.httpStatus = httpStatus;
        this.retCode = retCode;
    }

    /** The HTTP status. */
    public int httpStatus() {
        return httpStatus;
    }

    /** Bybit's retCode, or null. */
    public Integer retCode() {
        return retCode;
    }
}

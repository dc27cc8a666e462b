package io.fixbridge.sims.hyperliquid;

/**
 * A body the venue cannot deserialize: answered HTTP 422 with the plain text
 * {@value Texts#DESERIALIZE}. {@link #getMessage()} says what was wrong, for the simulator's log only.
 */
final class BadRequest extends RuntimeException {
    BadRequest(String detail) {
        super(detail, null, false, false);
    }
}

package io.fixbridge.gateway.risk;

/**
 * What the pre-trade checks tell operations (metrics). Called on the order engine thread;
 * implementations must be cheap, non-blocking and must not throw.
 */
public interface RiskObserver {

    /** Records nothing. */
    RiskObserver NONE = new RiskObserver() {
    };

    /** An order or replace was refused for {@code limit} of {@code scope} ({@link RiskBreach}'s names). */
    default void breach(String limit, String scope) {
    }

    /**
     * A check needed {@code venue}'s reference price and it was missing or too old; {@code refused}
     * says whether the order was refused for it (else the check was skipped).
     */
    default void referenceMissing(String venue, boolean refused) {
    }
}

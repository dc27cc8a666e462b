package io.fixbridge.venue;

/** The kind of market an instrument trades on; it follows from the unified symbol's form. */
public enum MarketType {
    /** {@code BTC/USDT}. */
    SPOT(false),
    /** {@code BTC/USDT:USDT}: perpetual settled in the quote currency. */
    LINEAR_PERPETUAL(true),
    /** {@code BTC/USD:BTC}: perpetual settled in the base currency. */
    INVERSE_PERPETUAL(true),
    /** {@code BTC/USDT:USDT-261225}. */
    LINEAR_FUTURE(true),
    /** {@code BTC/USD:BTC-261225}. */
    INVERSE_FUTURE(true);

    private final boolean derivative;

    MarketType(boolean derivative) {
        this.derivative = derivative;
    }

    /** Whether positions (rather than balances) are what trading changes. */
    public boolean isDerivative() {
        return derivative;
    }
}

package io.fixbridge.testkit.contract;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Objects;

/**
 * What the contract suite trades on one venue. Immutable.
 *
 * @param account              the account name the adapter knows
 * @param symbol               unified symbol to trade; must be listed by the adapter at connect
 * @param quantity             order quantity: valid for the instrument (lot, minimum, notional at
 *                             both prices) and small enough to fill completely at once
 * @param restingBuyPrice      a buy limit price far below the market, so the order rests; it and
 *                             the price one tick below it must be valid for the instrument
 * @param marketableBuyPrice   a buy limit price at or above the best ask, so the order fills
 *                             completely on arrival
 * @param detectsDuplicates    whether the venue refuses a second order with a client order id it
 *                             already knows (DUPLICATE_ORDER); when false that test is skipped
 * @param timeout              how long to wait for any answer or event
 */
public record ContractFixture(String account, String symbol, BigDecimal quantity, BigDecimal restingBuyPrice,
                              BigDecimal marketableBuyPrice, boolean detectsDuplicates, Duration timeout) {

    public ContractFixture {
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(symbol, "symbol");
        Objects.requireNonNull(quantity, "quantity");
        Objects.requireNonNull(restingBuyPrice, "restingBuyPrice");
        Objects.requireNonNull(marketableBuyPrice, "marketableBuyPrice");
        Objects.requireNonNull(timeout, "timeout");
        if (restingBuyPrice.compareTo(marketableBuyPrice) >= 0) {
            throw new IllegalArgumentException("the resting buy price must be below the marketable one");
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Builds a {@link ContractFixture}; defaults: no duplicate detection, ten-second timeout. Not thread-safe. */
    public static final class Builder {
        private String account;
        private String symbol;
        private BigDecimal quantity;
        private BigDecimal restingBuyPrice;
        private BigDecimal marketableBuyPrice;
        private boolean detectsDuplicates;
        private Duration timeout = Duration.ofSeconds(10);

        private Builder() {
        }

        public Builder account(String v) { this.account = v; return this; }
        public Builder symbol(String v) { this.symbol = v; return this; }
        public Builder quantity(String v) { this.quantity = new BigDecimal(v); return this; }
        public Builder restingBuyPrice(String v) { this.restingBuyPrice = new BigDecimal(v); return this; }
        public Builder marketableBuyPrice(String v) { this.marketableBuyPrice = new BigDecimal(v); return this; }
        public Builder detectsDuplicates(boolean v) { this.detectsDuplicates = v; return this; }
        public Builder timeout(Duration v) { this.timeout = v; return this; }

        public ContractFixture build() {
            return new ContractFixture(account, symbol, quantity, restingBuyPrice, marketableBuyPrice,
                    detectsDuplicates, timeout);
        }
    }
}

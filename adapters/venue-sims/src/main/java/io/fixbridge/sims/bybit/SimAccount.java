package io.fixbridge.sims.bybit;

import io.fixbridge.sims.common.Hmac;

import java.math.BigDecimal;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One simulated Bybit unified trading account (UTA): its name (what the truth API and the
 * engine call it), the HMAC API key and secret it signs with, the coins of its unified wallet
 * (one balance per coin serves spot, linear margin and, for the base coin, inverse margin) and
 * whether its linear positions start in hedge mode. The secret never leaves the verifier; it is
 * not printed by {@link #toString()}. Immutable.
 */
public final class SimAccount {
    private final String name;
    private final String apiKey;
    private final Hmac hmac;
    private final Map<String, BigDecimal> balances;
    private final boolean hedgeMode;

    private SimAccount(Builder b) {
        this.name = b.name;
        this.apiKey = b.apiKey;
        this.hmac = Hmac.sha256(b.secret);
        this.balances = Collections.unmodifiableMap(new LinkedHashMap<>(b.balances));
        this.hedgeMode = b.hedgeMode;
    }

    /** Starts an account that signs with HMAC-SHA256. */
    public static Builder hmac(String name, String apiKey, String secret) {
        return new Builder(name, apiKey, secret);
    }

    public String name() {
        return name;
    }

    public String apiKey() {
        return apiKey;
    }

    /** The unified wallet's starting coins. */
    public Map<String, BigDecimal> balances() {
        return balances;
    }

    /** Whether linear positions start in hedge mode (positionIdx 1/2 instead of 0). */
    public boolean hedgeMode() {
        return hedgeMode;
    }

    Hmac verifier() {
        return hmac;
    }

    @Override
    public String toString() {
        return "SimAccount[" + name + ", key " + apiKey + "]";
    }

    /** Builds a {@link SimAccount}; not thread-safe. */
    public static final class Builder {
        private final String name;
        private final String apiKey;
        private final String secret;
        private final Map<String, BigDecimal> balances = new LinkedHashMap<>();
        private boolean hedgeMode;

        private Builder(String name, String apiKey, String secret) {
            this.name = Objects.requireNonNull(name, "name");
            this.apiKey = Objects.requireNonNull(apiKey, "apiKey");
            this.secret = Objects.requireNonNull(secret, "secret");
        }

        /** Puts {@code amount} of {@code coin} in the unified wallet. */
        public Builder balance(String coin, String amount) {
            BigDecimal v = new BigDecimal(amount);
            if (v.signum() < 0) {
                throw new IllegalArgumentException("a starting balance must not be negative");
            }
            balances.put(Objects.requireNonNull(coin, "coin"), v);
            return this;
        }

        /** Linear positions in hedge mode at start (default: one-way). */
        public Builder hedgeMode(boolean v) {
            this.hedgeMode = v;
            return this;
        }

        public SimAccount build() {
            return new SimAccount(this);
        }
    }
}

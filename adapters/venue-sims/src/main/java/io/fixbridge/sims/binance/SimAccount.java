package io.fixbridge.sims.binance;

import java.math.BigDecimal;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One simulated Binance account: its name (the paper engine's account name), its API key, how its
 * requests are signed (an HMAC secret or an Ed25519 public key), its spot balances, its USD-M
 * futures wallet and whether its futures positions are in hedge (dual-side) mode at start.
 * Immutable and thread-safe; {@link #toString()} never shows the secret.
 */
public final class SimAccount {
    private final String name;
    private final String apiKey;
    private final SignatureVerifier verifier;
    private final String keyType;
    private final Map<String, BigDecimal> spotBalances;
    private final Map<String, BigDecimal> futuresBalances;
    private final boolean hedgeMode;

    private SimAccount(Builder b) {
        this.name = b.name;
        this.apiKey = b.apiKey;
        this.verifier = b.verifier;
        this.keyType = b.keyType;
        this.spotBalances = Collections.unmodifiableMap(new LinkedHashMap<>(b.spotBalances));
        this.futuresBalances = Collections.unmodifiableMap(new LinkedHashMap<>(b.futuresBalances));
        this.hedgeMode = b.hedgeMode;
    }

    /**
     * An account whose requests are signed with HMAC-SHA256.
     *
     * @param name   account name (as the engine and the truth API know it)
     * @param apiKey the value of the {@code X-MBX-APIKEY} header
     * @param secret the HMAC secret key
     */
    public static Builder hmac(String name, String apiKey, String secret) {
        return new Builder(name, apiKey, SignatureVerifier.hmac(secret), "HMAC_SHA256");
    }

    /**
     * An account whose requests are signed with Ed25519.
     *
     * @param name         account name
     * @param apiKey       the value of the {@code X-MBX-APIKEY} header
     * @param publicKeyPem the account's public key, {@code -----BEGIN PUBLIC KEY-----} (X.509/SPKI)
     * @throws IllegalArgumentException when the PEM is not an Ed25519 public key
     */
    public static Builder ed25519(String name, String apiKey, String publicKeyPem) {
        return new Builder(name, apiKey, SignatureVerifier.ed25519(publicKeyPem), "ED25519");
    }

    public String name() {
        return name;
    }

    public String apiKey() {
        return apiKey;
    }

    /** {@code HMAC_SHA256} or {@code ED25519}. */
    public String keyType() {
        return keyType;
    }

    public Map<String, BigDecimal> spotBalances() {
        return spotBalances;
    }

    public Map<String, BigDecimal> futuresBalances() {
        return futuresBalances;
    }

    public boolean hedgeMode() {
        return hedgeMode;
    }

    SignatureVerifier verifier() {
        return verifier;
    }

    @Override
    public String toString() {
        return "SimAccount[" + name + ", " + keyType + "]";
    }

    /** Builds a {@link SimAccount}; balances are given as decimal text. Not thread-safe. */
    public static final class Builder {
        private final String name;
        private final String apiKey;
        private final SignatureVerifier verifier;
        private final String keyType;
        private final Map<String, BigDecimal> spotBalances = new LinkedHashMap<>();
        private final Map<String, BigDecimal> futuresBalances = new LinkedHashMap<>();
        private boolean hedgeMode;

        private Builder(String name, String apiKey, SignatureVerifier verifier, String keyType) {
            this.name = requireText(name, "name");
            this.apiKey = requireText(apiKey, "apiKey");
            this.verifier = verifier;
            this.keyType = keyType;
        }

        /** A spot balance, e.g. {@code spotBalance("USDT", "100000")}. */
        public Builder spotBalance(String asset, String amount) {
            spotBalances.put(requireText(asset, "asset"), new BigDecimal(amount));
            return this;
        }

        /** A futures wallet balance, e.g. {@code futuresBalance("USDT", "100000")}. */
        public Builder futuresBalance(String asset, String amount) {
            futuresBalances.put(requireText(asset, "asset"), new BigDecimal(amount));
            return this;
        }

        /** Starts the account's futures positions in hedge (dual-side) mode; default one-way. */
        public Builder hedgeMode(boolean v) {
            this.hedgeMode = v;
            return this;
        }

        public SimAccount build() {
            return new SimAccount(this);
        }

        private static String requireText(String v, String what) {
            Objects.requireNonNull(v, what);
            if (v.isBlank()) {
                throw new IllegalArgumentException(what + " must not be blank");
            }
            return v;
        }
    }
}

package io.fixbridge.sims.binance;

/** Shared test fixtures: accounts and keys. */
final class Sims {
    static final String ALICE_KEY = "alice-api-key";
    static final String ALICE_SECRET = "alice-secret";
    static final String BOB_KEY = "bob-ed25519-key";
    /** binance-connector-java's published Ed25519 test key (from signing_vectors.json); never funded. */
    static final String BOB_PRIVATE = "-----BEGIN PRIVATE KEY-----\n"
            + "MC4CAQAwBQYDK2VwBCIEILpXm6EtDzSzPJWHTbP904h5R3bzb0QsLjTf1tAt2OlB\n"
            + "-----END PRIVATE KEY-----\n";
    static final String BOB_PUBLIC = "-----BEGIN PUBLIC KEY-----\n"
            + "MCowBQYDK2VwAyEAfriCDVI7O8lQGC+0hKgXYJZcIUVhWiIt8F7EZwroEvs=\n"
            + "-----END PUBLIC KEY-----\n";

    private Sims() {
    }

    static SimAccount alice() {
        return SimAccount.hmac("alice", ALICE_KEY, ALICE_SECRET)
                .spotBalance("USDT", "100000").spotBalance("BTC", "2").spotBalance("ETH", "10")
                .futuresBalance("USDT", "100000").build();
    }

    static SimAccount bob() {
        return SimAccount.ed25519("bob", BOB_KEY, BOB_PUBLIC)
                .spotBalance("USDT", "1000").futuresBalance("USDT", "1000").build();
    }

    static BinanceSimulator.Builder builder() {
        return BinanceSimulator.builder().account(alice()).account(bob());
    }
}

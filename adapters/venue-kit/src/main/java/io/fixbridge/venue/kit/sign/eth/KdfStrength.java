package io.fixbridge.venue.kit.sign.eth;

/**
 * scrypt cost of a new keystore file (r = 8, dklen = 32 always). Reading accepts any parameters.
 */
public enum KdfStrength {
    /** geth's standard n = 262144, p = 1 (what wallets write; ~256 MB and about a second to open). */
    STANDARD(262_144, 1),
    /** geth's light n = 4096, p = 6: fast, for tests and throwaway keys only. */
    LIGHT(4_096, 6);

    private final int n;
    private final int p;

    KdfStrength(int n, int p) {
        this.n = n;
        this.p = p;
    }

    /** scrypt N (CPU/memory cost). */
    public int n() {
        return n;
    }

    /** scrypt p (parallelism). */
    public int p() {
        return p;
    }
}

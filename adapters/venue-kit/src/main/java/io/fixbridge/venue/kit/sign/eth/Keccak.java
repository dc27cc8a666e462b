package io.fixbridge.venue.kit.sign.eth;

import java.util.Objects;
import org.bouncycastle.crypto.digests.KeccakDigest;

/**
 * Ethereum's Keccak-256 (the original Keccak padding, not NIST SHA3-256). Stateless and
 * thread-safe; a null part is refused with {@link NullPointerException}.
 */
public final class Keccak {
    private Keccak() {
    }

    /** keccak256 of the concatenation of {@code parts}; 32 bytes. */
    public static byte[] keccak256(byte[]... parts) {
        KeccakDigest digest = new KeccakDigest(256);
        for (byte[] part : parts) {
            Objects.requireNonNull(part, "part");
            digest.update(part, 0, part.length);
        }
        byte[] out = new byte[32];
        digest.doFinal(out, 0);
        return out;
    }
}

package io.fixbridge.venue.kit.sign.eth;

import java.math.BigInteger;
import java.util.Objects;
import org.web3j.crypto.ECDSASignature;
import org.web3j.crypto.Keys;
import org.web3j.crypto.Sign;

/**
 * Recovers the signer address of a signature over a raw 32-byte digest (what a venue does to
 * authenticate a request). Stateless and thread-safe.
 */
public final class EthRecovery {
    private EthRecovery() {
    }

    /**
     * The address whose key produced {@code sig} over {@code digest32}.
     *
     * @throws IllegalArgumentException when no public key can be recovered from the signature
     */
    public static EthAddress recover(byte[] digest32, EcdsaSignature sig) {
        Objects.requireNonNull(digest32, "digest32");
        Objects.requireNonNull(sig, "sig");
        if (digest32.length != 32) {
            throw new IllegalArgumentException("a digest has 32 bytes, got " + digest32.length);
        }
        BigInteger publicKey;
        try {
            publicKey = Sign.recoverFromSignature(sig.recoveryId(), new ECDSASignature(sig.r(), sig.s()), digest32);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("signature is not recoverable: " + e.getClass().getSimpleName(), e);
        }
        if (publicKey == null) {
            throw new IllegalArgumentException("signature is not recoverable (no public key for r, s, v)");
        }
        return new EthAddress("0x" + Keys.getAddress(publicKey));
    }
}

package io.fixbridge.venue.kit.sign.eth;

import io.fixbridge.venue.kit.sign.Secret;
import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Objects;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.crypto.signers.HMacDSAKCalculator;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.math.ec.FixedPointCombMultiplier;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Keys;

/**
 * A secp256k1 private key and its Ethereum address. Immutable and thread-safe. It never shows the
 * key: {@link #toString()} is {@code EthSigningKey[address=0x...]}, parse errors describe the
 * problem without the input, and the only export is package-private (for {@link EthKeystore}).
 */
public final class EthSigningKey {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final X9ECParameters SECP256K1 = CustomNamedCurves.getByName("secp256k1");
    private static final BigInteger N = SECP256K1.getN();
    private static final BigInteger HALF_N = N.shiftRight(1);
    private static final FixedPointCombMultiplier BASE_POINT = new FixedPointCombMultiplier();

    private final ECKeyPair keyPair;
    private final EthAddress address;

    private EthSigningKey(BigInteger privateKey) {
        if (privateKey.signum() <= 0 || privateKey.compareTo(EcdsaSignature.CURVE_ORDER) >= 0) {
            throw new IllegalArgumentException("private key out of the secp256k1 range 1..n-1");
        }
        this.keyPair = ECKeyPair.create(privateKey);
        this.address = new EthAddress("0x" + Keys.getAddress(keyPair.getPublicKey()));
    }

    /** The key in a {@link Secret} (hex, with or without 0x), e.g. from {@code ${HYPERLIQUID_PRIVATE_KEY}}. */
    public static EthSigningKey fromSecret(Secret secret) {
        char[] chars = secret.reveal().toCharArray();
        try {
            return fromHex(chars);
        } finally {
            Arrays.fill(chars, '\0');
        }
    }

    /**
     * The key from 64 hex digits, with or without 0x; surrounding whitespace is ignored. The
     * caller may clear {@code hex} afterwards. Bad input fails with an
     * {@link IllegalArgumentException} whose message never contains the input.
     */
    public static EthSigningKey fromHex(char[] hex) {
        Objects.requireNonNull(hex, "hex");
        int start = 0;
        int end = hex.length;
        while (start < end && Character.isWhitespace(hex[start])) {
            start++;
        }
        while (end > start && Character.isWhitespace(hex[end - 1])) {
            end--;
        }
        if (end - start >= 2 && hex[start] == '0' && (hex[start + 1] == 'x' || hex[start + 1] == 'X')) {
            start += 2;
        }
        if (end - start != 64) {
            throw new IllegalArgumentException("a private key must be 64 hex digits (32 bytes), optionally with 0x; got "
                    + (end - start) + " characters (not shown)");
        }
        byte[] raw = new byte[32];
        try {
            for (int i = 0; i < 32; i++) {
                int hi = Hex.digit(hex[start + 2 * i]);
                int lo = Hex.digit(hex[start + 2 * i + 1]);
                if (hi < 0 || lo < 0) {
                    throw new IllegalArgumentException("a private key must be hex digits only (input not shown)");
                }
                raw[i] = (byte) ((hi << 4) | lo);
            }
            return fromBytes(raw);
        } finally {
            Arrays.fill(raw, (byte) 0);
        }
    }

    /** The key from its 32 raw bytes (the caller clears them). */
    static EthSigningKey fromBytes(byte[] raw32) {
        if (raw32.length != 32) {
            throw new IllegalArgumentException("a private key has 32 bytes, got " + raw32.length);
        }
        return new EthSigningKey(new BigInteger(1, raw32));
    }

    /** A new random key from {@link SecureRandom}. */
    public static EthSigningKey generate() {
        byte[] raw = new byte[32];
        try {
            while (true) {
                RANDOM.nextBytes(raw);
                BigInteger k = new BigInteger(1, raw);
                if (k.signum() > 0 && k.compareTo(EcdsaSignature.CURVE_ORDER) < 0) {
                    return new EthSigningKey(k);
                }
            }
        } finally {
            Arrays.fill(raw, (byte) 0);
        }
    }

    /** The account address of this key. */
    public EthAddress address() {
        return address;
    }

    /**
     * Signs a 32-byte digest as it is (no EIP-191 prefix, no hashing). The signature is
     * deterministic (RFC 6979 with HMAC-SHA256, as web3j and the venues' SDKs sign) and canonical
     * (low s); v is 27 + the recovery id.
     *
     * <p>ECDSA written out with BouncyCastle rather than web3j's {@code Sign.signMessage}: the same
     * k, r and s, but the recovery id is read from the point R = kG while signing (the parity of
     * its y, flipped when s is negated to the low half; plus 2 if its x is not below n) instead of
     * being searched for by recovering up to four public keys, which was ~60 % of a signature.
     */
    public EcdsaSignature signDigest(byte[] digest32) {
        Objects.requireNonNull(digest32, "digest32");
        if (digest32.length != 32) {
            throw new IllegalArgumentException("a digest has 32 bytes, got " + digest32.length);
        }
        BigInteger d = keyPair.getPrivateKey();
        BigInteger e = new BigInteger(1, digest32); // a 256-bit digest for a 256-bit n: e is the digest
        HMacDSAKCalculator nonces = new HMacDSAKCalculator(new SHA256Digest());
        nonces.init(N, d, digest32);
        while (true) {
            BigInteger k = nonces.nextK();
            ECPoint point = BASE_POINT.multiply(SECP256K1.getG(), k).normalize();
            BigInteger x = point.getAffineXCoord().toBigInteger();
            BigInteger r = x.mod(N);
            if (r.signum() == 0) {
                continue;
            }
            BigInteger s = k.modInverse(N).multiply(e.add(d.multiply(r))).mod(N);
            if (s.signum() == 0) {
                continue;
            }
            int recoveryId = (point.getAffineYCoord().toBigInteger().testBit(0) ? 1 : 0) | (x.compareTo(N) >= 0 ? 2 : 0);
            if (s.compareTo(HALF_N) > 0) {
                s = N.subtract(s);
                recoveryId ^= 1;
            }
            return new EcdsaSignature(r, s, 27 + recoveryId);
        }
    }

    /** The 32 raw private-key bytes, for {@link EthKeystore} only; the caller clears them. */
    byte[] exportPrivateKey() {
        return EcdsaSignature.word(keyPair.getPrivateKey());
    }

    @Override
    public String toString() {
        return "EthSigningKey[address=" + address.hex() + "]";
    }
}

package io.fixbridge.venue.kit.sign.eth;

import java.math.BigInteger;
import java.util.Objects;

/**
 * A secp256k1 ECDSA signature as Ethereum wallets give it: {@code r}, {@code s} (each in
 * 1..n-1) and the recovery byte {@code v} (27 or 28). Immutable; the constructor refuses
 * anything out of range with {@link IllegalArgumentException}.
 */
public record EcdsaSignature(BigInteger r, BigInteger s, int v) {
    /** The secp256k1 group order n. */
    static final BigInteger CURVE_ORDER =
            new BigInteger("FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141", 16);

    public EcdsaSignature {
        Objects.requireNonNull(r, "r");
        Objects.requireNonNull(s, "s");
        if (r.signum() <= 0 || r.compareTo(CURVE_ORDER) >= 0) {
            throw new IllegalArgumentException("signature r out of range 1..n-1");
        }
        if (s.signum() <= 0 || s.compareTo(CURVE_ORDER) >= 0) {
            throw new IllegalArgumentException("signature s out of range 1..n-1");
        }
        if (v != 27 && v != 28) {
            throw new IllegalArgumentException("signature v must be 27 or 28, got " + v);
        }
    }

    /**
     * From hex r and s (with or without 0x, leading zeros may be dropped as Python's
     * {@code to_hex(int)} does) and v 27/28.
     */
    public static EcdsaSignature of(String rHex, String sHex, int v) {
        return new EcdsaSignature(parseWord(rHex, "r"), parseWord(sHex, "s"), v);
    }

    /** From the 65-byte {@code r || s || v} form (v as 27/28 or 0/1). */
    public static EcdsaSignature fromBytes65(byte[] rsv) {
        if (rsv.length != 65) {
            throw new IllegalArgumentException("a 65-byte r||s||v signature was expected, got " + rsv.length + " bytes");
        }
        int v = rsv[64] & 0xff;
        return new EcdsaSignature(new BigInteger(1, java.util.Arrays.copyOfRange(rsv, 0, 32)),
                new BigInteger(1, java.util.Arrays.copyOfRange(rsv, 32, 64)), v < 27 ? v + 27 : v);
    }

    /** {@code "0x"} + 64 hex digits, zero padded. */
    public String rHex() {
        return "0x" + Hex.encode(word(r));
    }

    /** {@code "0x"} + 64 hex digits, zero padded. */
    public String sHex() {
        return "0x" + Hex.encode(word(s));
    }

    /** The 65-byte {@code r || s || v} form with v 27/28. */
    public byte[] toBytes65() {
        byte[] out = new byte[65];
        System.arraycopy(word(r), 0, out, 0, 32);
        System.arraycopy(word(s), 0, out, 32, 32);
        out[64] = (byte) v;
        return out;
    }

    /** The recovery id 0 or 1 ({@code v - 27}). */
    public int recoveryId() {
        return v - 27;
    }

    static byte[] word(BigInteger value) {
        byte[] raw = value.toByteArray();
        byte[] out = new byte[32];
        int copy = Math.min(raw.length, 32);
        System.arraycopy(raw, raw.length - copy, out, 32 - copy, copy);
        return out;
    }

    private static BigInteger parseWord(String hex, String name) {
        Objects.requireNonNull(hex, name);
        String digits = hex.startsWith("0x") || hex.startsWith("0X") ? hex.substring(2) : hex;
        if (digits.isEmpty() || digits.length() > 64 || digits.chars().anyMatch(c -> Hex.digit((char) c) < 0)) {
            throw new IllegalArgumentException("signature " + name + " is not 1..64 hex digits");
        }
        return new BigInteger(digits, 16);
    }
}

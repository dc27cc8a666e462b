package io.fixbridge.venue.kit.sign.eth;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A 20-byte Ethereum account address in its canonical form: lower-case {@code "0x"} + 40 hex
 * digits (what we send on the wire; compare addresses from venues with {@link #parse(String)}).
 * Immutable. The constructor refuses anything else with {@link IllegalArgumentException}.
 */
public record EthAddress(String hex) {
    private static final Pattern CANONICAL = Pattern.compile("0x[0-9a-f]{40}");

    /** The zero address, 0x0000000000000000000000000000000000000000. */
    public static final EthAddress ZERO = new EthAddress("0x" + "0".repeat(40));

    public EthAddress {
        Objects.requireNonNull(hex, "hex");
        if (!CANONICAL.matcher(hex).matches()) {
            throw new IllegalArgumentException("not a canonical Ethereum address (lower-case 0x + 40 hex digits): " + hex);
        }
    }

    /**
     * Parses an address in any letter case (EIP-55 checksummed, upper or lower), with or
     * without the 0x prefix; surrounding whitespace is ignored. The checksum is not enforced.
     */
    public static EthAddress parse(String any) {
        Objects.requireNonNull(any, "address");
        String s = any.strip();
        if (s.startsWith("0x") || s.startsWith("0X")) {
            s = s.substring(2);
        }
        if (s.length() != 40 || s.chars().anyMatch(c -> Hex.digit((char) c) < 0)) {
            throw new IllegalArgumentException("not an Ethereum address (0x + 40 hex digits): " + any);
        }
        return new EthAddress("0x" + s.toLowerCase(java.util.Locale.ROOT));
    }

    /** The address from its 20 raw bytes. */
    public static EthAddress of(byte[] bytes20) {
        if (bytes20.length != 20) {
            throw new IllegalArgumentException("an address has 20 bytes, got " + bytes20.length);
        }
        return new EthAddress(Hex.prefixed(bytes20));
    }

    /** The 20 raw bytes (a fresh copy). */
    public byte[] bytes() {
        return Hex.decode(hex, "address");
    }

    /** The EIP-55 mixed-case checksummed form, for display to humans. */
    public String checksummed() {
        String lower = hex.substring(2);
        byte[] hash = Keccak.keccak256(lower.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        StringBuilder sb = new StringBuilder("0x");
        for (int i = 0; i < lower.length(); i++) {
            char c = lower.charAt(i);
            int nibble = (hash[i / 2] >> (i % 2 == 0 ? 4 : 0)) & 0xf;
            sb.append(Character.isLetter(c) && nibble >= 8 ? Character.toUpperCase(c) : c);
        }
        return sb.toString();
    }

    @Override
    public String toString() {
        return hex;
    }
}

package io.fixbridge.venue.hyperliquid;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Client order ids as Hyperliquid carries them: a cloid is {@code "0x"} + 32 lowercase hex digits (128
 * bits). The gateway's client order ids are already 32 lowercase hex characters (the first 128 bits of a
 * SHA-256 of the session and ClOrdID), so the cloid is {@code "0x" + id} and the id is the cloid without
 * {@code 0x}. Any other id (a longer or non-hex one from another caller) becomes {@code "0x"} + the hex
 * of the first 16 bytes of SHA-256 of its UTF-8 bytes; such ids are mapped back by the adapter's order
 * tracker. Deterministic, so a retry or restart asks Hyperliquid about the same cloid. Stateless.
 */
public final class Cloids {
    private static final Pattern HEX32 = Pattern.compile("[0-9a-f]{32}");
    private static final Pattern CLOID = Pattern.compile("0x[0-9a-f]{32}");

    private Cloids() {
    }

    /** The cloid of a client order id. */
    public static String of(String clientOrderId) {
        Objects.requireNonNull(clientOrderId, "clientOrderId");
        if (HEX32.matcher(clientOrderId).matches()) {
            return "0x" + clientOrderId;
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(clientOrderId.getBytes(StandardCharsets.UTF_8));
            return "0x" + HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    /**
     * The client order id a cloid stands for when the id was direct; null for a value that is not a
     * cloid. Case-insensitive on input, lower-case on output.
     */
    public static String directId(String cloid) {
        if (cloid == null) {
            return null;
        }
        String c = cloid.toLowerCase(Locale.ROOT);
        return CLOID.matcher(c).matches() ? c.substring(2) : null;
    }
}

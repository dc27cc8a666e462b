package io.fixbridge.sims.common;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Locale;

/**
 * HMAC-SHA256 with the JDK's own crypto, independent of any client-side signer. The secret is
 * copied in and never printed: {@link #toString()} does not show it. Immutable and thread-safe.
 */
public final class Hmac {
    private final byte[] key;

    private Hmac(byte[] key) {
        this.key = key;
    }

    /** A verifier for {@code secret} (UTF-8); an empty or null secret is refused. */
    public static Hmac sha256(String secret) {
        if (secret == null || secret.isEmpty()) {
            throw new IllegalArgumentException("an HMAC secret must not be empty");
        }
        return new Hmac(secret.getBytes(StandardCharsets.UTF_8));
    }

    /** The lower-case hex HMAC-SHA256 of {@code payload} (UTF-8) under {@code secret}. */
    public static String hex(String secret, String payload) {
        return sha256(secret).hex(payload);
    }

    /** The lower-case hex HMAC-SHA256 of {@code payload} (UTF-8). */
    public String hex(String payload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(payload.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available in this JDK", e);
        }
    }

    /**
     * Whether {@code signature} is the hex HMAC of {@code payload}, compared in constant time;
     * hex letters may be upper or lower case. Never throws for a bad signature.
     */
    public boolean verifyHex(String payload, String signature) {
        if (signature == null) {
            return false;
        }
        byte[] expected = hex(payload).getBytes(StandardCharsets.US_ASCII);
        byte[] actual = signature.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, actual);
    }

    @Override
    public String toString() {
        return "Hmac[secret hidden]";
    }
}

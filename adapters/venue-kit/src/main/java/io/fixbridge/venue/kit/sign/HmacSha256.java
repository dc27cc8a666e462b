package io.fixbridge.venue.kit.sign;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import javax.security.auth.Destroyable;

/**
 * HMAC-SHA256 with a shared secret, as Binance (HMAC keys) and Bybit sign: the signature is the
 * lower-case hex of HMAC-SHA256(secret, UTF-8 payload).
 *
 * <p>The secret is copied into a private byte array; the caller may wipe its own copy. Thread-safe
 * (a fresh {@link Mac} per signature). {@link #destroy()} wipes the secret, after which signing
 * fails. {@code toString()} never shows the secret.
 */
public final class HmacSha256 implements Signer, Destroyable {
    private static final String ALGORITHM = "HmacSHA256";

    private final byte[] secret;
    private volatile boolean destroyed;

    /** A signer with {@code secret} (its UTF-8 bytes are the HMAC key). */
    public HmacSha256(char[] secret) {
        Objects.requireNonNull(secret, "secret");
        if (secret.length == 0) {
            throw new IllegalArgumentException("the HMAC secret is empty");
        }
        ByteBuffer encoded = StandardCharsets.UTF_8.encode(CharBuffer.wrap(secret));
        this.secret = new byte[encoded.remaining()];
        encoded.get(this.secret);
        if (encoded.hasArray()) {
            Arrays.fill(encoded.array(), (byte) 0);
        }
    }

    /** A signer with {@code secret}, for secrets that arrive as text (configuration). */
    public static HmacSha256 of(String secret) {
        return new HmacSha256(Objects.requireNonNull(secret, "secret").toCharArray());
    }

    /** Lower-case hex HMAC-SHA256 of the UTF-8 bytes of {@code payload}. */
    @Override
    public String sign(String payload) {
        Objects.requireNonNull(payload, "payload");
        return HexFormat.of().formatHex(sign(payload.getBytes(StandardCharsets.UTF_8)));
    }

    /** The raw 32-byte HMAC-SHA256 of {@code payload}. */
    public byte[] sign(byte[] payload) {
        Objects.requireNonNull(payload, "payload");
        if (destroyed) {
            throw new IllegalStateException("this HMAC signer was destroyed");
        }
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(secret, ALGORITHM));
            return mac.doFinal(payload);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available in this JDK", e);
        }
    }

    /** Whether {@code signature} (hex, any case) is the signature of {@code payload}, compared in constant time. */
    public boolean verify(String payload, String signature) {
        byte[] expected = sign(payload.getBytes(StandardCharsets.UTF_8));
        byte[] given;
        try {
            given = HexFormat.of().parseHex(signature.toLowerCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return false;
        }
        return MessageDigest.isEqual(expected, given);
    }

    @Override
    public String algorithm() {
        return "HMAC-SHA256";
    }

    /** Wipes the secret. */
    @Override
    public void destroy() {
        destroyed = true;
        Arrays.fill(secret, (byte) 0);
    }

    @Override
    public boolean isDestroyed() {
        return destroyed;
    }

    @Override
    public String toString() {
        return "HmacSha256[secret=<redacted>]";
    }
}

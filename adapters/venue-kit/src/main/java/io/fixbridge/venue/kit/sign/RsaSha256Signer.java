package io.fixbridge.venue.kit.sign;

import java.security.PrivateKey;
import java.util.Objects;

/**
 * RSASSA-PKCS1-v1_5 with SHA-256 (Binance and Bybit RSA API keys): standard base64 of the signature
 * of the UTF-8 payload. The key comes from PKCS#8 PEM, unencrypted or encrypted (see
 * {@link PemKeys}). Thread-safe; {@code toString()} never shows the key.
 */
public final class RsaSha256Signer implements Signer {
    private final PrivateKey key;

    private RsaSha256Signer(PrivateKey key) {
        this.key = key;
    }

    /**
     * A signer from PKCS#8 PEM text.
     *
     * @param password for an {@code ENCRYPTED PRIVATE KEY}; null otherwise
     * @throws IllegalArgumentException when the text is not an RSA PKCS#8 private key
     */
    public static RsaSha256Signer fromPem(char[] pem, char[] password) {
        return of(PemKeys.readPrivateKey(pem, password));
    }

    /** {@link #fromPem(char[], char[])} for an unencrypted key held in a String. */
    public static RsaSha256Signer fromPem(String pem) {
        return of(PemKeys.readPrivateKey(pem, null));
    }

    /** A signer with an RSA key already loaded. */
    public static RsaSha256Signer of(PrivateKey key) {
        Objects.requireNonNull(key, "key");
        if (!key.getAlgorithm().equalsIgnoreCase("RSA")) {
            throw new IllegalArgumentException("expected an RSA private key, got a " + key.getAlgorithm() + " key");
        }
        return new RsaSha256Signer(key);
    }

    /** Base64 SHA256withRSA signature of the UTF-8 bytes of {@code payload}. */
    @Override
    public String sign(String payload) {
        Objects.requireNonNull(payload, "payload");
        return KeySigning.signBase64("SHA256withRSA", key, payload);
    }

    @Override
    public String algorithm() {
        return "RSA-SHA256";
    }

    @Override
    public String toString() {
        return "RsaSha256Signer[key=<redacted>]";
    }
}

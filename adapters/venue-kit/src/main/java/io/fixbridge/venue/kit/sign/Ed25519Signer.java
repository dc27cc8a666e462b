package io.fixbridge.venue.kit.sign;

import java.security.PrivateKey;
import java.util.Objects;

/**
 * Ed25519 signatures (Binance Ed25519 API keys; the only key type its WebSocket API
 * {@code session.logon} accepts): standard base64 (88 characters with padding) of the 64-byte
 * signature of the UTF-8 payload. The key comes from PKCS#8 PEM, unencrypted or encrypted (see
 * {@link PemKeys}). Uses the JDK's provider. Thread-safe; {@code toString()} never shows the key.
 */
public final class Ed25519Signer implements Signer {
    private final PrivateKey key;

    private Ed25519Signer(PrivateKey key) {
        this.key = key;
    }

    /**
     * A signer from PKCS#8 PEM text.
     *
     * @param password for an {@code ENCRYPTED PRIVATE KEY}; null otherwise
     * @throws IllegalArgumentException when the text is not an Ed25519 PKCS#8 private key
     */
    public static Ed25519Signer fromPem(char[] pem, char[] password) {
        return of(PemKeys.readPrivateKey(pem, password));
    }

    /** {@link #fromPem(char[], char[])} for an unencrypted key held in a String. */
    public static Ed25519Signer fromPem(String pem) {
        return of(PemKeys.readPrivateKey(pem, null));
    }

    /** A signer with an Ed25519 key already loaded. */
    public static Ed25519Signer of(PrivateKey key) {
        Objects.requireNonNull(key, "key");
        if (!key.getAlgorithm().equalsIgnoreCase("Ed25519") && !key.getAlgorithm().equalsIgnoreCase("EdDSA")) {
            throw new IllegalArgumentException("expected an Ed25519 private key, got a " + key.getAlgorithm() + " key");
        }
        return new Ed25519Signer(key);
    }

    /** Base64 Ed25519 signature of the UTF-8 bytes of {@code payload}. */
    @Override
    public String sign(String payload) {
        Objects.requireNonNull(payload, "payload");
        return KeySigning.signBase64("Ed25519", key, payload);
    }

    @Override
    public String algorithm() {
        return "Ed25519";
    }

    @Override
    public String toString() {
        return "Ed25519Signer[key=<redacted>]";
    }
}

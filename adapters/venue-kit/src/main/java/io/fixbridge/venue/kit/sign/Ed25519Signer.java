package io.fixbridge.venue.kit.sign;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.util.Base64;
import java.util.Objects;

import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.util.PrivateKeyFactory;

/**
 * Ed25519 signatures (Binance Ed25519 API keys; the only key type its WebSocket API
 * {@code session.logon} accepts): standard base64 (88 characters with padding) of the 64-byte
 * signature of the UTF-8 payload. The key comes from PKCS#8 PEM, unencrypted or encrypted (see
 * {@link PemKeys}). Signs with Bouncy Castle's Ed25519 (RFC 8032, deterministic: the same signature
 * as the JDK's provider, which measured ~19x slower, ~630 µs a signature, in bench/'s
 * SigningBenchmark). Thread-safe; {@code toString()} never shows the key.
 */
public final class Ed25519Signer implements Signer {
    private final Ed25519PrivateKeyParameters key;

    private Ed25519Signer(Ed25519PrivateKeyParameters key) {
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
        try {
            if (PrivateKeyFactory.createKey(key.getEncoded()) instanceof Ed25519PrivateKeyParameters ed25519) {
                return new Ed25519Signer(ed25519);
            }
        } catch (IOException | RuntimeException e) {
            // the message of a parse failure never holds key bytes; the cause is not kept for that reason
            throw new IllegalArgumentException("the Ed25519 private key could not be read: " + e.getClass().getSimpleName());
        }
        throw new IllegalArgumentException("expected an Ed25519 private key in PKCS#8 form");
    }

    /** Base64 Ed25519 signature of the UTF-8 bytes of {@code payload}. */
    @Override
    public String sign(String payload) {
        Objects.requireNonNull(payload, "payload");
        org.bouncycastle.crypto.signers.Ed25519Signer signer = new org.bouncycastle.crypto.signers.Ed25519Signer();
        signer.init(true, key);
        byte[] message = payload.getBytes(StandardCharsets.UTF_8);
        signer.update(message, 0, message.length);
        return Base64.getEncoder().encodeToString(signer.generateSignature());
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

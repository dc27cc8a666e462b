package io.fixbridge.venue.kit.sign;

/**
 * Signs a venue request payload. Implementations are immutable and thread-safe, hold their key
 * material privately and never show it in {@code toString()}, exception messages or logs.
 */
public interface Signer {

    /**
     * The signature of {@code payload} (encoded as UTF-8) in the form venues expect: lower-case hex
     * for HMAC-SHA256, standard base64 with padding for Ed25519 and RSA.
     */
    String sign(String payload);

    /** {@code HMAC-SHA256}, {@code Ed25519} or {@code RSA-SHA256}. */
    String algorithm();
}

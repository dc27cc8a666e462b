package io.fixbridge.sims.binance;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;

/**
 * Checks a Binance request signature with the JDK's own crypto, independently of any client-side
 * signer: HMAC-SHA256 as lower- or upper-case hex (Binance compares case-insensitively), or
 * Ed25519 as base64 against an X.509/SPKI public key. Immutable and thread-safe.
 *
 * <p>{@link #verify} never throws for a bad signature; it answers false. Construction throws
 * IllegalArgumentException for an unusable key.
 */
abstract class SignatureVerifier {

    /** Whether {@code signature} signs {@code payload} (the exact bytes Binance signs, UTF-8). */
    abstract boolean verify(String payload, String signature);

    /** HMAC-SHA256 with {@code secret}. */
    static SignatureVerifier hmac(String secret) {
        if (secret == null || secret.isEmpty()) {
            throw new IllegalArgumentException("an HMAC secret must not be empty");
        }
        return new Hmac(secret.getBytes(StandardCharsets.UTF_8));
    }

    /** Ed25519 with a public key in PEM ({@code -----BEGIN PUBLIC KEY-----}, X.509/SPKI). */
    static SignatureVerifier ed25519(String publicKeyPem) {
        return new Ed25519(parsePublicKey(publicKeyPem));
    }

    /** The lower-case hex HMAC-SHA256 of {@code payload}; used by tests and the demo only through verify. */
    static String hmacHex(byte[] key, String payload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(payload.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available in this JDK", e);
        }
    }

    private static PublicKey parsePublicKey(String pem) {
        if (pem == null) {
            throw new IllegalArgumentException("an Ed25519 public key (PEM) is required");
        }
        String base64 = pem.replace("-----BEGIN PUBLIC KEY-----", "")
                .replace("-----END PUBLIC KEY-----", "")
                .replaceAll("\\s", "");
        try {
            byte[] der = Base64.getDecoder().decode(base64);
            return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(der));
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            throw new IllegalArgumentException("not an Ed25519 public key in X.509 PEM form: " + e.getMessage(), e);
        }
    }

    private static final class Hmac extends SignatureVerifier {
        private final byte[] key;

        Hmac(byte[] key) {
            this.key = key.clone();
        }

        @Override
        boolean verify(String payload, String signature) {
            if (signature == null) {
                return false;
            }
            byte[] expected = hmacHex(key, payload).getBytes(StandardCharsets.US_ASCII);
            byte[] actual = signature.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII);
            return MessageDigest.isEqual(expected, actual);
        }
    }

    private static final class Ed25519 extends SignatureVerifier {
        private final PublicKey key;

        Ed25519(PublicKey key) {
            this.key = key;
        }

        @Override
        boolean verify(String payload, String signature) {
            if (signature == null) {
                return false;
            }
            try {
                byte[] sig = Base64.getDecoder().decode(signature);
                Signature verifier = Signature.getInstance("Ed25519");
                verifier.initVerify(key);
                verifier.update(payload.getBytes(StandardCharsets.UTF_8));
                return verifier.verify(sig);
            } catch (IllegalArgumentException | GeneralSecurityException e) {
                return false;
            }
        }
    }
}

package io.fixbridge.gateway.config;

import java.security.GeneralSecurityException;
import java.util.Base64;

import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * Password hashes for tests, computed here with the JDK's PBKDF2 rather than by
 * {@link PasswordHash}, so a test also proves the stored form is plain PBKDF2-HMAC-SHA256; and
 * with the fewest iterations the loader accepts, so tests that log on many times stay quick.
 */
public final class PasswordHashes {
    /** The fewest iterations {@link PasswordHash#parse} accepts. */
    public static final int MIN_ITERATIONS = 10_000;

    private PasswordHashes() {
    }

    /** The stored form of {@code password} with a fixed salt and {@link #MIN_ITERATIONS}. */
    public static String quick(String password) {
        return pbkdf2(password, "fixbridge-test-salt".getBytes(java.nio.charset.StandardCharsets.US_ASCII), MIN_ITERATIONS);
    }

    /** {@code pbkdf2-sha256$iterations$salt$hash} of {@code password}. */
    public static String pbkdf2(String password, byte[] salt, int iterations) {
        try {
            byte[] hash = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256")
                    .generateSecret(new PBEKeySpec(password.toCharArray(), salt, iterations, 256)).getEncoded();
            return "pbkdf2-sha256$" + iterations + "$" + Base64.getEncoder().encodeToString(salt) + "$"
                    + Base64.getEncoder().encodeToString(hash);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}

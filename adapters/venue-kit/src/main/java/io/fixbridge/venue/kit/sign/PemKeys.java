package io.fixbridge.venue.kit.sign;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import javax.crypto.Cipher;
import javax.crypto.EncryptedPrivateKeyInfo;
import javax.crypto.SecretKey;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * Reads PKCS#8 private keys from PEM text with the JDK alone: unencrypted
 * ({@code -----BEGIN PRIVATE KEY-----}) and password-encrypted
 * ({@code -----BEGIN ENCRYPTED PRIVATE KEY-----}, PBES2 as {@code openssl genpkey -aes256} writes
 * it). Ed25519, RSA and EC keys. Error messages never contain key material. Stateless.
 */
public final class PemKeys {
    private static final String PLAIN = "PRIVATE KEY";
    private static final String ENCRYPTED = "ENCRYPTED PRIVATE KEY";
    private static final List<String> ALGORITHMS = List.of("Ed25519", "RSA", "EC");

    private PemKeys() {
    }

    /**
     * The private key in {@code pem}.
     *
     * @param password for an encrypted key; null for an unencrypted one
     * @throws IllegalArgumentException when the text is not such a key, the password is wrong or
     *                                  missing, or the key type is not supported
     */
    public static PrivateKey readPrivateKey(char[] pem, char[] password) {
        Objects.requireNonNull(pem, "pem");
        String label = label(pem);
        byte[] der = decodeBody(pem, label);
        try {
            if (label.equals(ENCRYPTED)) {
                if (password == null || password.length == 0) {
                    throw new IllegalArgumentException("the private key is encrypted; a password is needed");
                }
                byte[] plain = decrypt(der, password);
                try {
                    return keyOf(plain);
                } finally {
                    Arrays.fill(plain, (byte) 0);
                }
            }
            if (!label.equals(PLAIN)) {
                throw new IllegalArgumentException("expected a PKCS#8 private key (-----BEGIN PRIVATE KEY-----), found '"
                        + label + "'; convert it with: openssl pkcs8 -topk8 -nocrypt -in key.pem");
            }
            return keyOf(der);
        } finally {
            Arrays.fill(der, (byte) 0);
        }
    }

    /** {@link #readPrivateKey(char[], char[])} for PEM text held in a String. */
    public static PrivateKey readPrivateKey(String pem, char[] password) {
        return readPrivateKey(Objects.requireNonNull(pem, "pem").toCharArray(), password);
    }

    private static PrivateKey keyOf(byte[] der) {
        for (String algorithm : ALGORITHMS) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
            } catch (InvalidKeySpecException e) {
                // not this algorithm; try the next one
                continue;
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("the JDK has no " + algorithm + " key support", e);
            }
        }
        throw new IllegalArgumentException("the PKCS#8 key is not an Ed25519, RSA or EC private key");
    }

    private static byte[] decrypt(byte[] der, char[] password) {
        try {
            EncryptedPrivateKeyInfo info = new EncryptedPrivateKeyInfo(der);
            AlgorithmParameters params = info.getAlgParameters();
            // for PBES2 the JDK names the concrete scheme (PBEWithHmacSHA256AndAES_256) only here
            String scheme = params == null ? info.getAlgName() : params.toString();
            if (scheme == null || scheme.isBlank() || scheme.contains(" ")) {
                scheme = info.getAlgName();
            }
            SecretKeyFactory factory = SecretKeyFactory.getInstance(scheme);
            PBEKeySpec spec = new PBEKeySpec(password);
            try {
                SecretKey key = factory.generateSecret(spec);
                Cipher cipher = Cipher.getInstance(scheme);
                cipher.init(Cipher.DECRYPT_MODE, key, params);
                return info.getKeySpec(cipher).getEncoded();
            } finally {
                spec.clearPassword();
            }
        } catch (InvalidKeySpecException e) {
            throw new IllegalArgumentException("cannot decrypt the private key: wrong password?");
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("the encrypted private key is malformed");
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot decrypt the private key (" + e.getClass().getSimpleName()
                    + "); re-encrypt it with: openssl pkcs8 -topk8 -v2 aes256 -in key.pem");
        }
    }

    private static String label(char[] pem) {
        String text = new String(pem, 0, Math.min(pem.length, 200));
        int begin = text.indexOf("-----BEGIN ");
        if (begin < 0) {
            throw new IllegalArgumentException("not PEM text: no -----BEGIN line");
        }
        int end = text.indexOf("-----", begin + 11);
        if (end < 0) {
            throw new IllegalArgumentException("not PEM text: malformed -----BEGIN line");
        }
        return text.substring(begin + 11, end).trim();
    }

    private static byte[] decodeBody(char[] pem, String label) {
        String begin = "-----BEGIN " + label + "-----";
        String end = "-----END " + label + "-----";
        int start = indexOf(pem, begin, 0);
        int stop = start < 0 ? -1 : indexOf(pem, end, start + begin.length());
        if (start < 0 || stop < 0) {
            throw new IllegalArgumentException("not PEM text: no matching -----END " + label + "----- line");
        }
        char[] body = Arrays.copyOfRange(pem, start + begin.length(), stop);
        ByteBuffer ascii = StandardCharsets.US_ASCII.encode(CharBuffer.wrap(body));
        Arrays.fill(body, '\0');
        byte[] bytes = new byte[ascii.remaining()];
        ascii.get(bytes);
        if (ascii.hasArray()) {
            Arrays.fill(ascii.array(), (byte) 0);
        }
        try {
            return Base64.getMimeDecoder().decode(bytes);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the PEM body is not valid base64");
        } finally {
            Arrays.fill(bytes, (byte) 0);
        }
    }

    private static int indexOf(char[] haystack, String needle, int from) {
        outer:
        for (int i = from; i <= haystack.length - needle.length(); i++) {
            for (int j = 0; j < needle.length(); j++) {
                if (haystack[i + j] != needle.charAt(j)) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}

package io.fixbridge.venue.kit.sign;

import io.fixbridge.venue.ConfigView;
import io.fixbridge.venue.VenueConfigException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.util.Objects;

/**
 * An account's API key and the signer for its secret. {@code toString()} shows neither the key nor
 * the secret. Immutable and thread-safe.
 *
 * @param apiKey the public key id sent with each request (Binance {@code X-MBX-APIKEY}, Bybit
 *               {@code X-BAPI-API-KEY}); still treated as confidential
 * @param signer signs request payloads
 */
public record ApiCredentials(String apiKey, Signer signer) {

    /** Validates the components; throws {@link IllegalArgumentException} or {@link NullPointerException} when one is wrong. */
    public ApiCredentials {
        Objects.requireNonNull(apiKey, "apiKey");
        Objects.requireNonNull(signer, "signer");
        if (apiKey.isBlank()) {
            throw new IllegalArgumentException("the API key is blank");
        }
    }

    /**
     * Reads an account's credentials from its settings:
     * <ul>
     *   <li>{@code apiKey}: required;</li>
     *   <li>either {@code apiSecret}: an HMAC secret ({@link HmacSha256});</li>
     *   <li>or {@code privateKeyFile} (a path) or {@code privateKey} (PEM text): a PKCS#8 Ed25519 or
     *       RSA key ({@link Ed25519Signer}, {@link RsaSha256Signer}), with
     *       {@code privateKeyPassword} when encrypted.</li>
     * </ul>
     * Values usually come from {@code ${ENV}} substitution. Errors name the setting and never
     * contain its value.
     *
     * @throws VenueConfigException when the settings are missing, conflicting or unreadable
     */
    public static ApiCredentials fromConfig(ConfigView account) {
        String apiKey = account.string("apiKey");
        boolean hmac = account.has("apiSecret");
        boolean keyFile = account.has("privateKeyFile");
        boolean keyText = account.has("privateKey");
        int given = (hmac ? 1 : 0) + (keyFile ? 1 : 0) + (keyText ? 1 : 0);
        if (given != 1) {
            throw account.error(hmac ? "privateKey" : "apiSecret", given == 0
                    ? "missing; set apiSecret (HMAC) or privateKeyFile / privateKey (Ed25519 or RSA PEM)"
                    : "set only one of apiSecret, privateKeyFile and privateKey");
        }
        if (hmac) {
            return new ApiCredentials(apiKey, new HmacSha256(account.string("apiSecret").toCharArray()));
        }
        char[] password = account.has("privateKeyPassword") ? account.string("privateKeyPassword").toCharArray() : null;
        String key = keyFile ? "privateKeyFile" : "privateKey";
        char[] pem;
        if (keyFile) {
            Path path = Path.of(account.string("privateKeyFile"));
            try {
                byte[] raw = Files.readAllBytes(path);
                java.nio.CharBuffer chars = StandardCharsets.US_ASCII.decode(java.nio.ByteBuffer.wrap(raw));
                pem = new char[chars.remaining()];
                chars.get(pem);
                java.util.Arrays.fill(raw, (byte) 0);
                if (chars.hasArray()) {
                    java.util.Arrays.fill(chars.array(), '\0');
                }
            } catch (IOException e) {
                throw account.error(key, "cannot read the key file " + path + " (" + e.getClass().getSimpleName() + ")");
            }
        } else {
            pem = account.string("privateKey").toCharArray();
        }
        try {
            PrivateKey privateKey = PemKeys.readPrivateKey(pem, password);
            Signer signer = switch (privateKey.getAlgorithm().toUpperCase(java.util.Locale.ROOT)) {
                case "ED25519", "EDDSA" -> Ed25519Signer.of(privateKey);
                case "RSA" -> RsaSha256Signer.of(privateKey);
                default -> throw new IllegalArgumentException("a " + privateKey.getAlgorithm()
                        + " key cannot sign venue requests; use Ed25519 or RSA");
            };
            return new ApiCredentials(apiKey, signer);
        } catch (IllegalArgumentException e) {
            throw account.error(key, e.getMessage());
        } finally {
            java.util.Arrays.fill(pem, '\0');
            if (password != null) {
                java.util.Arrays.fill(password, '\0');
            }
        }
    }

    /** Shorthand for {@code signer().sign(payload)}. */
    public String sign(String payload) {
        return signer.sign(payload);
    }

    @Override
    public String toString() {
        return "ApiCredentials[apiKey=<redacted>, signer=" + signer.algorithm() + "]";
    }
}

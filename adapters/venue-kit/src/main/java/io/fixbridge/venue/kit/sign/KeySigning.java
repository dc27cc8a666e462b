package io.fixbridge.venue.kit.sign;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.util.Base64;

/** Base64 signatures with a JDK {@link Signature} algorithm; shared by the asymmetric signers. */
final class KeySigning {
    private KeySigning() {
    }

    static String signBase64(String jcaAlgorithm, PrivateKey key, String payload) {
        try {
            Signature signature = Signature.getInstance(jcaAlgorithm);
            signature.initSign(key);
            signature.update(payload.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(signature.sign());
        } catch (GeneralSecurityException e) {
            // the message of a JCA failure never contains key bytes
            throw new IllegalStateException(jcaAlgorithm + " signing failed: " + e.getClass().getSimpleName(), e);
        }
    }
}

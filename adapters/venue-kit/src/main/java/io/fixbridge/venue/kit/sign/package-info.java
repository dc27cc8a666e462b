/**
 * Request signing with the JDK alone: {@link io.fixbridge.venue.kit.sign.HmacSha256} (hex),
 * {@link io.fixbridge.venue.kit.sign.Ed25519Signer} and {@link io.fixbridge.venue.kit.sign.RsaSha256Signer} (base64)
 * from PKCS#8 PEM, and {@link io.fixbridge.venue.kit.sign.ApiCredentials} read from an account's settings. No
 * {@code toString()}, message or log line ever shows key material.
 */
package io.fixbridge.venue.kit.sign;

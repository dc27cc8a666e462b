/**
 * Ethereum (secp256k1) signing for venues that authenticate with an Ethereum key, such as
 * Hyperliquid: {@link io.fixbridge.venue.kit.sign.eth.Keccak}, {@link io.fixbridge.venue.kit.sign.eth.Eip712}
 * typed-data digests, {@link io.fixbridge.venue.kit.sign.eth.EthSigningKey} (raw digest signing,
 * low-s, v 27/28), {@link io.fixbridge.venue.kit.sign.eth.EthRecovery}, encrypted V3 keystore files
 * ({@link io.fixbridge.venue.kit.sign.eth.EthKeystore}) and a rotatable
 * {@link io.fixbridge.venue.kit.sign.eth.SigningKeySource}.
 *
 * <p>Secrets rule: no {@code toString()}, exception message or log line of this package ever
 * contains a private key or a passphrase; only addresses and file names are shown.
 */
package io.fixbridge.venue.kit.sign.eth;

/**
 * Hyperliquid request signing: {@link io.fixbridge.venue.hyperliquid.sign.ActionPacker} (msgpack of
 * an action with its key order kept), {@link io.fixbridge.venue.hyperliquid.sign.L1Signing}
 * (connectionId and the phantom-agent EIP-712 digest), {@link
 * io.fixbridge.venue.hyperliquid.sign.UserSignedActions} (EIP-712 user-signed actions such as
 * approveAgent), {@link io.fixbridge.venue.hyperliquid.sign.HyperliquidSigner} (signs with the
 * current key of a rotatable {@link io.fixbridge.venue.kit.sign.eth.SigningKeySource}) and
 * {@link io.fixbridge.venue.hyperliquid.sign.NonceSource} (strictly increasing nonces across
 * threads and restarts). Verified against all 23 cases of the SDK signing vectors. No key
 * material appears in any message, log line or {@code toString()}.
 */
package io.fixbridge.venue.hyperliquid.sign;

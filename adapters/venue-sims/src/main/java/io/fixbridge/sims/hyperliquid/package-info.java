/**
 * A Hyperliquid API simulator ({@code POST /info}, {@code POST /exchange}, WebSocket {@code /ws})
 * on the paper matching engine: EIP-712 "Agent" signatures over the msgpack of the action are
 * verified and the signer recovered, nonces, price and size rules and margin are enforced, and
 * every answer uses Hyperliquid's JSON shapes and texts. Start it with
 * {@link io.fixbridge.sims.hyperliquid.HyperliquidSimulator#builder()}.
 *
 * <p><b>Threading:</b> Netty event loops do the network work; one engine thread owns the engines
 * and every order record; each class states its own contract.
 */
package io.fixbridge.sims.hyperliquid;

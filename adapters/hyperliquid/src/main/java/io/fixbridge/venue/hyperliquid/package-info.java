/**
 * The Hyperliquid venue adapter: perpetuals and spot over {@code /info}, {@code /exchange} (EIP-712
 * signed L1 actions, package {@code sign}) and {@code /ws}. {@link io.fixbridge.venue.hyperliquid.HyperliquidAdapter}
 * is the entry point, {@link io.fixbridge.venue.hyperliquid.HyperliquidConfig} its settings,
 * {@link io.fixbridge.venue.hyperliquid.HyperliquidTranslator} the pure wire mapping and
 * {@link io.fixbridge.venue.hyperliquid.HyperliquidErrors} the error classification.
 */
package io.fixbridge.venue.hyperliquid;

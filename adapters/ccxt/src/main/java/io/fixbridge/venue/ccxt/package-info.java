/**
 * The CCXT adapter: every exchange the CCXT library reaches, through a supervised Node sidecar
 * ({@code adapters/ccxt/bridge}) spoken to over stdio, one JSON object per line. Entry point
 * {@link io.fixbridge.venue.ccxt.CcxtAdapter}, created by {@link io.fixbridge.venue.ccxt.CcxtAdapterFactory}
 * ({@code type: ccxt}); settings {@link io.fixbridge.venue.ccxt.CcxtConfig}; ccxt error classes mapped in
 * {@link io.fixbridge.venue.ccxt.CcxtErrors}; unified structures translated in
 * {@link io.fixbridge.venue.ccxt.CcxtTranslator}.
 */
package io.fixbridge.venue.ccxt;

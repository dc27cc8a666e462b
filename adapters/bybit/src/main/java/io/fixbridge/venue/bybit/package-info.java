/**
 * The Bybit v5 adapter: spot, USDT/USDC linear perpetuals and inverse perpetuals of one unified
 * trading account (UTA).
 *
 * <p>{@link io.fixbridge.venue.bybit.BybitAdapter} implements the venue SPI on the venue kit's HTTP
 * and WebSocket clients, rate limiter and HMAC signer; {@link io.fixbridge.venue.bybit.BybitTranslator}
 * holds the pure mapping between Bybit's JSON ({@code dto}) and the venue-neutral model;
 * {@link io.fixbridge.venue.bybit.BybitErrors} classifies every Bybit answer in one place;
 * {@link io.fixbridge.venue.bybit.BybitConfig} reads gateway.yaml.
 */
package io.fixbridge.venue.bybit;

/**
 * The Binance adapter: spot ({@code /api/v3}) and USD-M perpetual futures ({@code /fapi}).
 *
 * <p>{@link io.fixbridge.venue.binance.BinanceAdapter} implements the venue SPI on the venue kit's
 * HTTP and WebSocket clients, rate limiter and signers; {@link io.fixbridge.venue.binance.BinanceTranslator}
 * holds the pure mapping between Binance's JSON ({@code dto}) and the venue-neutral model;
 * {@link io.fixbridge.venue.binance.BinanceErrors} classifies every Binance error in one place;
 * {@link io.fixbridge.venue.binance.BinanceConfig} reads gateway.yaml.
 */
package io.fixbridge.venue.binance;

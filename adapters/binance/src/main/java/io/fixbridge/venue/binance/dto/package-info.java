/**
 * Records that mirror Binance's JSON, field for field, under Binance's own names (spot api/v3,
 * USD-M futures fapi, the spot WebSocket API, both user-data streams and the public market
 * streams' depth and trade events). They carry no
 * behaviour; {@link io.fixbridge.venue.binance.BinanceTranslator} turns them into the
 * venue-neutral model. Every amount is a {@link java.math.BigDecimal} read from Binance's
 * decimal strings; fields Binance leaves out are null. Unknown JSON fields are ignored, so a
 * field Binance adds later does not break parsing. Immutable and thread-safe.
 */
package io.fixbridge.venue.binance.dto;

/**
 * Bybit v5 JSON as Bybit sends it: one record per object, field names as on the wire. Decimals are
 * kept as Bybit's strings (Bybit sends {@code ""} for "none"); {@link io.fixbridge.venue.bybit.BybitTranslator}
 * turns them into {@link java.math.BigDecimal}s. Unknown fields are ignored (Bybit adds fields
 * without notice).
 */
package io.fixbridge.venue.bybit.dto;

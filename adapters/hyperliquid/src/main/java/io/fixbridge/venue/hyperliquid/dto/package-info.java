/**
 * Raw Hyperliquid JSON shapes, field names exactly as on the wire. Immutable records read with the
 * kit's mapper (unknown fields ignored); numbers that are prices or sizes stay strings here and
 * become {@link java.math.BigDecimal} in the translator.
 */
package io.fixbridge.venue.hyperliquid.dto;

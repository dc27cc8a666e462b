/**
 * The sidecar protocol's JSON shapes as records: ccxt's unified market, order, trade, balance and position
 * structures, and the public books and trades of its market data events, as the sidecar copies them out of ccxt (only the keys PROTOCOL.md lists; numbers bound to
 * {@link java.math.BigDecimal} from their JSON text, never through a double). Immutable; nulls where ccxt has
 * {@code undefined}.
 */
package io.fixbridge.venue.ccxt.dto;

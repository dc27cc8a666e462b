package io.fixbridge.venue.ccxt.dto;

import java.math.BigDecimal;

/** A ccxt fee: its cost and currency (either may be null). */
public record CcxtFee(BigDecimal cost, String currency) {
}

package io.fixbridge.venue.binance.dto;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.math.BigDecimal;

/**
 * One asset of {@code GET /fapi/v2/balance} (or v3).
 *
 * @param asset            USDT
 * @param balance          wallet balance
 * @param crossUnPnl       unrealised profit of cross positions
 * @param availableBalance what new orders may use
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record FuturesBalance(String asset, BigDecimal balance, BigDecimal crossUnPnl, BigDecimal availableBalance) {
}

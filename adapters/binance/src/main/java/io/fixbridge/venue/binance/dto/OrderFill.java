package io.fixbridge.venue.binance.dto;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.math.BigDecimal;

/**
 * One entry of a spot FULL order response's {@code fills}.
 *
 * @param price           trade price
 * @param qty             trade quantity
 * @param commission      commission charged
 * @param commissionAsset asset the commission is charged in
 * @param tradeId         Binance's trade id
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record OrderFill(BigDecimal price, BigDecimal qty, BigDecimal commission, String commissionAsset,
                        Long tradeId) {
}

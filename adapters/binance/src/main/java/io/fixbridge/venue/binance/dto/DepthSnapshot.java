package io.fixbridge.venue.binance.dto;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.math.BigDecimal;
import java.util.List;

/**
 * {@code GET /api/v3/depth} or {@code GET /fapi/v1/depth}: the book as of update id
 * {@code lastUpdateId}, best levels first. Spot answers carry no times.
 *
 * @param lastUpdateId    the last update id the book includes
 * @param eventTime       E: futures only, epoch ms of the answer
 * @param transactionTime T: futures only, epoch ms of the book's last change
 * @param bids            [price, quantity] pairs, highest price first
 * @param asks            [price, quantity] pairs, lowest price first
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record DepthSnapshot(
        long lastUpdateId,
        @JsonProperty("E") Long eventTime,
        @JsonProperty("T") Long transactionTime,
        List<List<BigDecimal>> bids,
        List<List<BigDecimal>> asks) {
}

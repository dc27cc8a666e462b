package io.fixbridge.venue.binance.dto;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * One of exchangeInfo's {@code rateLimits}.
 *
 * @param rateLimitType REQUEST_WEIGHT, ORDERS or RAW_REQUESTS
 * @param interval      SECOND, MINUTE, DAY
 * @param intervalNum   how many intervals
 * @param limit         the limit per intervalNum intervals
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record RateLimitInfo(String rateLimitType, String interval, int intervalNum, int limit) {
}

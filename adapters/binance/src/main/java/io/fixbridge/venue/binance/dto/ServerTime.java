package io.fixbridge.venue.binance.dto;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** {@code GET /api/v3/time} and {@code GET /fapi/v1/time}: {@code {"serverTime":1499827319559}}. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ServerTime(long serverTime) {
}

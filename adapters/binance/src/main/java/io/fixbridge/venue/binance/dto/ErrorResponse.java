package io.fixbridge.venue.binance.dto;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * Binance's error body: {@code {"code":-1121,"msg":"Invalid symbol."}}; cancel-replace failures
 * add {@code data} with the outcome of each half.
 *
 * @param code Binance's error code (negative)
 * @param msg  Binance's text
 * @param data the cancel-replace detail, or null
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ErrorResponse(Integer code, String msg, JsonNode data) {
}

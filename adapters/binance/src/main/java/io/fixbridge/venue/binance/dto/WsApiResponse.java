package io.fixbridge.venue.binance.dto;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * A spot WebSocket API answer: {@code {"id":"...","status":200,"result":{...}}} or, on failure,
 * {@code {"id":"...","status":400,"error":{"code":-1022,"msg":"..."}}}.
 *
 * @param id     the request's id
 * @param status HTTP-like status
 * @param result the result on success
 * @param error  the error on failure
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record WsApiResponse(String id, Integer status, JsonNode result, ErrorResponse error) {
}

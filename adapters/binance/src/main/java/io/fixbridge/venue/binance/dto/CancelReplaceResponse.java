package io.fixbridge.venue.binance.dto;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * {@code POST /api/v3/order/cancelReplace}: on success both halves are orders; on failure this is
 * the {@code data} of the -2021/-2022 error, where a half that failed is an error body
 * ({@code code}, {@code msg}) and one not attempted is null. Kept as JSON trees because each half
 * is either an order or an error.
 *
 * @param cancelResult     SUCCESS, FAILURE, NOT_ATTEMPTED
 * @param newOrderResult   SUCCESS, FAILURE, NOT_ATTEMPTED
 * @param cancelResponse   a {@link RestOrder} or an {@link ErrorResponse}
 * @param newOrderResponse a {@link RestOrder} or an {@link ErrorResponse}
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record CancelReplaceResponse(String cancelResult, String newOrderResult, JsonNode cancelResponse,
                                    JsonNode newOrderResponse) {
}

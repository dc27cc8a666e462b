package io.fixbridge.venue.binance.dto;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.util.List;

/**
 * {@code POST /api/v3/orderList/oco}.
 *
 * @param orderListId       Binance's list id
 * @param contingencyType   OCO
 * @param listStatusType    EXEC_STARTED, ALL_DONE, ...
 * @param listOrderStatus   EXECUTING, ALL_DONE, REJECT
 * @param listClientOrderId the list's client id
 * @param transactionTime   epoch ms
 * @param symbol            BTCUSDT
 * @param orderReports      one order per leg
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record OrderListResponse(Long orderListId, String contingencyType, String listStatusType,
                                String listOrderStatus, String listClientOrderId, Long transactionTime, String symbol,
                                List<RestOrder> orderReports) {
    public OrderListResponse {
        orderReports = orderReports == null ? List.of() : List.copyOf(orderReports);
    }
}

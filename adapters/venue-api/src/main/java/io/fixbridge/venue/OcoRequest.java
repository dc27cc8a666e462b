package io.fixbridge.venue;

import java.util.Objects;

/**
 * A one-cancels-the-other pair: two orders on the same symbol, side and quantity, of which the
 * first to fill (even partly) cancels the other. FIX NewOrderList (35=E) with ContingencyType
 * (1385) = 1. Each leg is reported by its own events under its own client order id.
 *
 * @param account           account name
 * @param listClientOrderId the venue client id of the list, derived like an order's
 * @param above             the leg priced above the market (a limit sell or a stop/take-profit buy)
 * @param below             the leg priced below the market
 */
public record OcoRequest(String account, String listClientOrderId, OrderRequest above, OrderRequest below) {
    public OcoRequest {
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(listClientOrderId, "listClientOrderId");
        Objects.requireNonNull(above, "above");
        Objects.requireNonNull(below, "below");
        if (!above.symbol().equals(below.symbol()) || above.side() != below.side()
                || above.quantity() == null || above.quantity().compareTo(below.quantity()) != 0) {
            throw new IllegalArgumentException("both legs of an OCO share symbol, side and quantity");
        }
    }
}

package io.fixbridge.gateway.harness;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * One fill of a venue order as the simulator recorded it. Immutable.
 *
 * @param tradeId the venue's trade id, as the gateway reports it in TrdMatchID(880)
 * @param qty     traded quantity
 * @param price   trade price
 */
public record VenueTrade(String tradeId, BigDecimal qty, BigDecimal price) {

    public VenueTrade {
        Objects.requireNonNull(tradeId, "tradeId");
        Objects.requireNonNull(qty, "qty");
        Objects.requireNonNull(price, "price");
    }
}

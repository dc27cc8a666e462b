package io.fixbridge.sims.hyperliquid;

import java.math.BigDecimal;

/**
 * What the simulator knows about one order, for test assertions. Immutable snapshot.
 *
 * @param oid             order id
 * @param cloid           lower-case cloid or null
 * @param user            the account the order belongs to (a vault for vault trading)
 * @param coin            coin name (BTC, PURR/USDC, @1)
 * @param asset           asset id
 * @param isBuy           side
 * @param limitPx         limit price
 * @param origSz          size placed
 * @param filledSz        size filled
 * @param status          the venue status (open, filled, canceled, triggered, iocCancelRejected, ...)
 * @param orderType       Limit, Stop Market, Stop Limit, Take Profit Market, Take Profit Limit
 * @param tif             Gtc, Ioc, Alo, or null for a trigger order
 * @param reduceOnly      reduce-only flag
 * @param triggerPx       trigger price or null
 * @param triggered       whether a trigger order has fired
 * @param timestamp       placement time, ms
 * @param statusTimestamp time of the last status change, ms
 */
public record TruthOrder(long oid, String cloid, String user, String coin, int asset, boolean isBuy,
                         BigDecimal limitPx, BigDecimal origSz, BigDecimal filledSz, String status, String orderType,
                         String tif, boolean reduceOnly, BigDecimal triggerPx, boolean triggered, long timestamp,
                         long statusTimestamp) {

    static TruthOrder of(HlOrder o) {
        return new TruthOrder(o.oid, o.cloid, o.user, o.market.coin, o.market.asset, o.isBuy, o.limitPx, o.origSz,
                o.filled, o.status, o.orderType(), o.tif == null ? null : o.tif.name(), o.reduceOnly,
                o.trigger == null ? null : o.trigger.px(), o.triggered, o.timestamp, o.statusTimestamp);
    }
}

package io.fixbridge.venue.hyperliquid.dto;

/**
 * An order as Hyperliquid describes it in {@code orderStatus}, {@code frontendOpenOrders} and the
 * {@code orderUpdates} channel (which sends the first fields only).
 *
 * @param coin             coin name
 * @param side             {@code B} buy, {@code A} sell
 * @param limitPx          limit price
 * @param sz               size left
 * @param oid              order id
 * @param timestamp        placement time, ms
 * @param origSz           original size
 * @param cloid            client order id ({@code 0x} + 32 hex), or null
 * @param triggerCondition trigger condition text, or null
 * @param isTrigger        whether a trigger order
 * @param triggerPx        trigger price
 * @param reduceOnly       reduce-only
 * @param orderType        e.g. {@code Limit}, {@code Stop Market}
 * @param tif              {@code Gtc}, {@code Ioc}, {@code Alo} or null
 * @param isPositionTpsl   whether a position TP/SL
 */
public record VenueOrder(String coin, String side, String limitPx, String sz, Long oid, Long timestamp,
                         String origSz, String cloid, String triggerCondition, Boolean isTrigger, String triggerPx,
                         Boolean reduceOnly, String orderType, String tif, Boolean isPositionTpsl) {
}

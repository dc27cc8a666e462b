package io.fixbridge.sims.hyperliquid;

import java.math.BigDecimal;

/**
 * The simulator's record of one accepted order: what the venue reports about it in
 * {@code openOrders}, {@code frontendOpenOrders}, {@code orderStatus} and {@code orderUpdates}.
 * The engine order behind it has client order id {@code String.valueOf(oid)}.
 *
 * <p><b>Threading:</b> mutable; engine thread only.
 */
final class HlOrder {
    final long oid;
    final String user;
    final HlMarket market;
    final boolean isBuy;
    final BigDecimal limitPx;
    final BigDecimal origSz;
    final String cloid;
    final OrderWire.Tif tif;
    final OrderWire.Trigger trigger;
    final boolean reduceOnly;
    final long timestamp;
    BigDecimal filled = BigDecimal.ZERO;
    BigDecimal filledNotional = BigDecimal.ZERO;
    /** open, filled, canceled, triggered, rejected, marginCanceled, reduceOnlyCanceled, iocCancelRejected, ... */
    String status = "open";
    long statusTimestamp;
    boolean triggered;

    HlOrder(long oid, String user, HlMarket market, boolean isBuy, BigDecimal limitPx, BigDecimal origSz,
            String cloid, OrderWire.Tif tif, OrderWire.Trigger trigger, boolean reduceOnly, long timestamp) {
        this.oid = oid;
        this.user = user;
        this.market = market;
        this.isBuy = isBuy;
        this.limitPx = limitPx;
        this.origSz = origSz;
        this.cloid = cloid;
        this.tif = tif;
        this.trigger = trigger;
        this.reduceOnly = reduceOnly;
        this.timestamp = timestamp;
        this.statusTimestamp = timestamp;
    }

    /** What is still working (zero once done). */
    BigDecimal remaining() {
        return isLive() ? origSz.subtract(filled) : BigDecimal.ZERO;
    }

    /** The size the venue shows: what is left, or for a finished order what was left when it ended. */
    BigDecimal shownSz() {
        return origSz.subtract(filled);
    }

    boolean isLive() {
        return "open".equals(status) || "triggered".equals(status);
    }

    boolean isTrigger() {
        return trigger != null;
    }

    String side() {
        return isBuy ? "B" : "A";
    }

    void setStatus(String s, long now) {
        status = s;
        statusTimestamp = now;
    }

    /** frontendOpenOrders' orderType: Limit, Stop Market, Stop Limit, Take Profit Market, Take Profit Limit. */
    String orderType() {
        if (trigger == null) {
            return "Limit";
        }
        return (trigger.tp() ? "Take Profit" : "Stop") + (trigger.isMarket() ? " Market" : " Limit");
    }

    /** Whether the trigger fires when the price rises to the trigger price (else when it falls). */
    boolean triggersAbove() {
        // a sell stop (sl) protects a long: fires on a fall; a sell tp on a rise; mirrored for buys
        return isBuy != trigger.tp();
    }

    String triggerCondition() {
        if (trigger == null) {
            return "N/A";
        }
        return (triggersAbove() ? "Price above " : "Price below ") + Fmt.num(trigger.px());
    }
}

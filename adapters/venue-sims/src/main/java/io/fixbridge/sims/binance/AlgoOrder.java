package io.fixbridge.sims.binance;

import io.fixbridge.venue.Side;

import java.math.BigDecimal;

/**
 * One USD-M conditional (algo) order, held by the simulator's algo service until its trigger
 * holds, as Binance's Algo Service holds it outside the matching engine: no margin is held while
 * it waits; on trigger it places a regular order whose client order id is the client algo id.
 * Statuses: NEW, CANCELED, TRIGGERING, TRIGGERED, FINISHED, REJECTED, EXPIRED.
 *
 * <p><b>Threading:</b> confined to the engine thread.
 */
final class AlgoOrder {
    final long algoId;
    final String clientAlgoId;
    final String account;
    final FuturesListing listing;
    final String orderType;
    final Side side;
    final String positionSide;
    final String timeInForce;
    final BigDecimal quantity;
    final BigDecimal triggerPrice;
    final BigDecimal price;
    final String workingType;
    final boolean closePosition;
    final boolean priceProtect;
    final boolean reduceOnly;
    final String selfTradePreventionMode;
    final long goodTillDate;
    final long createTime;

    String status = "NEW";
    Long actualOrderId;
    String actualType;
    BigDecimal actualPrice = BigDecimal.ZERO;
    BigDecimal executedQty = BigDecimal.ZERO;
    long updateTime;
    long triggerTime;
    String rejectReason;

    AlgoOrder(long algoId, String clientAlgoId, String account, FuturesListing listing, String orderType, Side side,
              String positionSide, String timeInForce, BigDecimal quantity, BigDecimal triggerPrice,
              BigDecimal price, String workingType, boolean closePosition, boolean priceProtect,
              boolean reduceOnly, String selfTradePreventionMode, long goodTillDate, long createTime) {
        this.algoId = algoId;
        this.clientAlgoId = clientAlgoId;
        this.account = account;
        this.listing = listing;
        this.orderType = orderType;
        this.side = side;
        this.positionSide = positionSide;
        this.timeInForce = timeInForce;
        this.quantity = quantity;
        this.triggerPrice = triggerPrice;
        this.price = price;
        this.workingType = workingType;
        this.closePosition = closePosition;
        this.priceProtect = priceProtect;
        this.reduceOnly = reduceOnly;
        this.selfTradePreventionMode = selfTradePreventionMode;
        this.goodTillDate = goodTillDate;
        this.createTime = createTime;
        this.updateTime = createTime;
    }

    boolean isOpen() {
        return "NEW".equals(status);
    }

    boolean isStop() {
        return orderType.startsWith("STOP");
    }

    /** Whether the trigger condition holds at {@code latest}: stops fire against the order, take-profits with it. */
    boolean triggersAt(BigDecimal latest) {
        int cmp = latest.compareTo(triggerPrice);
        boolean buy = side == Side.BUY;
        if (isStop()) {
            return buy ? cmp >= 0 : cmp <= 0;
        }
        return buy ? cmp <= 0 : cmp >= 0;
    }
}

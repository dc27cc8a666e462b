package io.fixbridge.sims.binance;

import io.fixbridge.venue.OrderRequest;
import io.fixbridge.venue.Side;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

/**
 * The simulator's record of one USD-M futures order in Binance's terms, linked to the engine order
 * that carries it. An order placed by a triggered algo order carries the algo's id, its client
 * algo id as client order id, and the algo type as {@code origType}.
 *
 * <p><b>Threading:</b> confined to the engine thread.
 */
final class FuturesOrder {
    final long orderId;
    final String account;
    final FuturesListing listing;
    final Side side;
    final String type;
    final String origType;
    final String timeInForce;
    final String positionSide;
    final boolean reduceOnly;
    final boolean closePosition;
    final BigDecimal stopPrice;
    final long goodTillDate;
    final String selfTradePreventionMode;
    final String engineClientId;
    final long time;
    final Long algoId;
    /** Creation order across both markets (see {@link EngineVenue#nextPlacement()}). */
    final long placement = EngineVenue.nextPlacement();

    String clientOrderId;
    BigDecimal origQty;
    BigDecimal price;
    OrderRequest engineRequest;
    String engineId;
    String status = "NEW";
    BigDecimal executedQty = BigDecimal.ZERO;
    BigDecimal cumQuote = BigDecimal.ZERO;
    long updateTime;
    /** Status to report instead of CANCELED when the simulator ends it (GTD expiry, reduce-only knock-out). */
    String terminalOverride;
    /** Binance's expiry reason code ({@code er}). */
    String expiryReason = "0";
    final List<FuturesFill> fills = new ArrayList<>();

    FuturesOrder(long orderId, String account, FuturesListing listing, Side side, String type, String origType,
                 String timeInForce, String positionSide, boolean reduceOnly, boolean closePosition,
                 BigDecimal origQty, BigDecimal price, BigDecimal stopPrice, long goodTillDate,
                 String selfTradePreventionMode, String clientOrderId, Long algoId, long time) {
        this.orderId = orderId;
        this.account = account;
        this.listing = listing;
        this.side = side;
        this.type = type;
        this.origType = origType;
        this.timeInForce = timeInForce;
        this.positionSide = positionSide;
        this.reduceOnly = reduceOnly;
        this.closePosition = closePosition;
        this.origQty = origQty;
        this.price = price;
        this.stopPrice = stopPrice;
        this.goodTillDate = goodTillDate;
        this.selfTradePreventionMode = selfTradePreventionMode;
        this.clientOrderId = clientOrderId;
        this.algoId = algoId;
        this.engineClientId = "F" + orderId;
        this.time = time;
        this.updateTime = time;
    }

    String symbol() {
        return listing.symbol();
    }

    boolean isOpen() {
        return "NEW".equals(status) || "PARTIALLY_FILLED".equals(status);
    }

    BigDecimal leaves() {
        return isOpen() ? origQty.subtract(executedQty) : BigDecimal.ZERO;
    }

    /** Volume-weighted average fill price, zero before the first fill. */
    BigDecimal avgPrice() {
        if (executedQty.signum() == 0) {
            return BigDecimal.ZERO;
        }
        return cumQuote.divide(executedQty, 8, RoundingMode.HALF_UP);
    }
}

package io.fixbridge.sims.binance;

import io.fixbridge.venue.Side;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * The simulator's record of one spot order in Binance's terms (order id, client order id, Binance
 * type and status, order list, fills), linked to the engine order that carries it. The engine
 * holds the matching truth; this record holds what Binance reports about it.
 *
 * <p><b>Threading:</b> confined to the engine thread.
 */
final class SpotOrder {
    final long orderId;
    final String account;
    final SpotListing listing;
    final Side side;
    final String type;
    final String timeInForce;
    final BigDecimal price;
    final BigDecimal stopPrice;
    final BigDecimal icebergQty;
    final BigDecimal quoteOrderQty;
    final String selfTradePreventionMode;
    final String engineClientId;
    final long time;
    /** Creation order across both markets (see {@link EngineVenue#nextPlacement()}). */
    final long placement = EngineVenue.nextPlacement();

    BigDecimal origQty;
    String clientOrderId;
    String engineId;
    long orderListId = -1;
    String status = "NEW";
    BigDecimal executedQty = BigDecimal.ZERO;
    BigDecimal cumQuote = BigDecimal.ZERO;
    long updateTime;
    long workingTime = -1;
    boolean working;
    /** strategyId and strategyType as sent, or null. */
    Long strategyId;
    Long strategyType;
    /** The client order id of the cancel request that ended it ({@code c} of the CANCELED report). */
    String cancelClientOrderId;
    /** Status to report instead of CANCELED when the simulator cancels it (an OCO sibling expires). */
    String terminalOverride;
    final List<SpotFill> fills = new ArrayList<>();

    SpotOrder(long orderId, String account, SpotListing listing, Side side, String type, String timeInForce,
              BigDecimal origQty, BigDecimal price, BigDecimal stopPrice, BigDecimal icebergQty,
              BigDecimal quoteOrderQty, String selfTradePreventionMode, String clientOrderId, long time) {
        this.orderId = orderId;
        this.account = account;
        this.listing = listing;
        this.side = side;
        this.type = type;
        this.timeInForce = timeInForce;
        this.origQty = origQty;
        this.price = price;
        this.stopPrice = stopPrice;
        this.icebergQty = icebergQty;
        this.quoteOrderQty = quoteOrderQty;
        this.selfTradePreventionMode = selfTradePreventionMode;
        this.clientOrderId = clientOrderId;
        this.engineClientId = "S" + orderId;
        this.time = time;
        this.updateTime = time;
    }

    String symbol() {
        return listing.symbol();
    }

    boolean isOpen() {
        return "NEW".equals(status) || "PARTIALLY_FILLED".equals(status);
    }

    boolean isConditional() {
        return type.startsWith("STOP_LOSS") || type.startsWith("TAKE_PROFIT");
    }
}

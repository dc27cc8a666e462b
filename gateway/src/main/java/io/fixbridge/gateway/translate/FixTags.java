package io.fixbridge.gateway.translate;

/**
 * Tag numbers the gateway reads and writes that QuickFIX/J's FIX 4.4 field classes do not name,
 * or that are this gateway's extensions. Every one is in dictionaries/FIXBRIDGE-FIX44.xml and in
 * the rules of engagement.
 */
public final class FixTags {
    private FixTags() {
    }

    /** FIX 5.0 TriggerPriceDirection(1109), accepted on FIX 4.4 orders: U = up, D = down. */
    public static final int TRIGGER_PRICE_DIRECTION = 1109;

    /** FIX 5.0 ContingencyType(1385), accepted on FIX 4.4 NewOrderList: 1 = one cancels the other. */
    public static final int CONTINGENCY_TYPE = 1385;

    /** Extension: the venue's own error code on a reject (ExecutionReport and OrderCancelReject). */
    public static final int VENUE_ERROR_CODE = 20001;

    /** FIX 5.0 SP2 AggressorSide(2446), on trade entries of market data: 1 = the buyer took, 2 = the seller took. */
    public static final int AGGRESSOR_SIDE = 2446;

    /** FIX 5.0 MinPriceIncrement(969), in SecurityList: the tick size. */
    public static final int MIN_PRICE_INCREMENT = 969;

    /** FIX 5.0 MaxTradeVol(1140), in SecurityList: the largest order quantity. */
    public static final int MAX_TRADE_VOL = 1140;

    /** Extension, in SecurityList: the smallest price times quantity an order may have. */
    public static final int MIN_NOTIONAL = 20002;

    /** Extension, in SecurityList: the asset a derivative settles (margin, fees and PnL) in. */
    public static final int SETTL_ASSET = 20003;

    /** Extension, in SecurityList: the most significant figures a price may have (where the venue limits them). */
    public static final int PRICE_SIGNIFICANT_FIGURES = 20004;

    /** Extension, in CollateralReport: the part of Quantity(53) new orders may use. */
    public static final int AVAILABLE_QTY = 20005;
}

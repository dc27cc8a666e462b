package io.fixbridge.gateway.marketdata;

import java.util.Objects;

/**
 * Why a MarketDataRequest is refused: a MarketDataRequestReject (35=Y) with MDReqRejReason(281)
 * (absent where no reason fits) and a Text for a person.
 *
 * @param mdReqId the request's MDReqID(262), or "" when it had none
 * @param reason  the MDReqRejReason(281) value, or 0 for none
 * @param text    what was wrong and what would be accepted
 */
public record MdReject(String mdReqId, char reason, String text) {
    /** MDReqRejReason(281) 0. */
    public static final char UNKNOWN_SYMBOL = '0';
    /** 1. */
    public static final char DUPLICATE_MDREQID = '1';
    /** 4. */
    public static final char UNSUPPORTED_SUBSCRIPTION_REQUEST_TYPE = '4';
    /** 5. */
    public static final char UNSUPPORTED_MARKET_DEPTH = '5';
    /** 6. */
    public static final char UNSUPPORTED_MD_UPDATE_TYPE = '6';
    /** 7. */
    public static final char UNSUPPORTED_AGGREGATED_BOOK = '7';
    /** 8. */
    public static final char UNSUPPORTED_MD_ENTRY_TYPE = '8';
    /** 9. */
    public static final char UNSUPPORTED_TRADING_SESSION_ID = '9';
    /** A. */
    public static final char UNSUPPORTED_SCOPE = 'A';
    /** B. */
    public static final char UNSUPPORTED_OPEN_CLOSE_SETTLE_FLAG = 'B';
    /** No MDReqRejReason(281): none of the FIX reasons fits; the Text says why. */
    public static final char NONE = 0;

    public MdReject {
        Objects.requireNonNull(mdReqId, "mdReqId");
        Objects.requireNonNull(text, "text");
    }
}

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
}

package io.fixbridge.venue.hyperliquid;

import io.fixbridge.venue.RejectReason;

import java.util.Arrays;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Every order status Hyperliquid reports ({@code orderStatus}, {@code orderUpdates},
 * {@code historicalOrders}), each with what it means for the order. Strict: {@link #parse} of a value
 * not listed here throws {@link UnknownVenueValueException}, so a status Hyperliquid adds later is
 * noticed, never guessed. Immutable and thread-safe.
 */
public enum HyperliquidOrderStatus {
    OPEN("open", Kind.LIVE, null),
    /** An alternative spelling of open some answers use. */
    ACCEPTED("accepted", Kind.LIVE, null),
    /** A trigger order whose trigger price was reached; it now works as a market or limit order. */
    TRIGGERED("triggered", Kind.LIVE, null),
    FILLED("filled", Kind.FILLED, null),
    CANCELED("canceled", Kind.CANCELED, null),
    MARGIN_CANCELED("marginCanceled", Kind.CANCELED, "canceled by Hyperliquid: insufficient margin to fill"),
    VAULT_WITHDRAWAL_CANCELED("vaultWithdrawalCanceled", Kind.CANCELED,
            "canceled by Hyperliquid: a withdrawal from the vault"),
    OPEN_INTEREST_CAP_CANCELED("openInterestCapCanceled", Kind.CANCELED,
            "canceled by Hyperliquid: the open interest cap was reached"),
    SELF_TRADE_CANCELED("selfTradeCanceled", Kind.CANCELED, "canceled by Hyperliquid: self-trade prevention"),
    REDUCE_ONLY_CANCELED("reduceOnlyCanceled", Kind.CANCELED,
            "canceled by Hyperliquid: reduce-only order would no longer reduce the position"),
    SIBLING_FILLED_CANCELED("siblingFilledCanceled", Kind.CANCELED,
            "canceled by Hyperliquid: its sibling TP/SL order filled"),
    DELISTED_CANCELED("delistedCanceled", Kind.CANCELED, "canceled by Hyperliquid: the asset was delisted"),
    LIQUIDATED_CANCELED("liquidatedCanceled", Kind.CANCELED, "canceled by Hyperliquid: the account was liquidated"),
    SCHEDULED_CANCEL("scheduledCancel", Kind.CANCELED, "canceled by the account's scheduled cancel (dead man's switch)"),
    REJECTED("rejected", Kind.REJECTED, RejectReason.OTHER),
    TICK_REJECTED("tickRejected", Kind.REJECTED, RejectReason.INVALID_PRICE_INCREMENT),
    MIN_TRADE_NTL_REJECTED("minTradeNtlRejected", Kind.REJECTED, RejectReason.BELOW_MIN_NOTIONAL),
    MIN_TRADE_SPOT_NTL_REJECTED("minTradeSpotNtlRejected", Kind.REJECTED, RejectReason.BELOW_MIN_NOTIONAL),
    PERP_MARGIN_REJECTED("perpMarginRejected", Kind.REJECTED, RejectReason.INSUFFICIENT_FUNDS),
    REDUCE_ONLY_REJECTED("reduceOnlyRejected", Kind.REJECTED, RejectReason.REDUCE_ONLY_WOULD_INCREASE),
    BAD_ALO_PX_REJECTED("badAloPxRejected", Kind.REJECTED, RejectReason.WOULD_TAKE_LIQUIDITY),
    /** An IOC order that found nothing to match: it ends without a fill (an expiry, not a refusal). */
    IOC_CANCEL_REJECTED("iocCancelRejected", Kind.EXPIRED, null),
    BAD_TRIGGER_PX_REJECTED("badTriggerPxRejected", Kind.REJECTED, RejectReason.OTHER),
    MARKET_ORDER_NO_LIQUIDITY_REJECTED("marketOrderNoLiquidityRejected", Kind.EXPIRED, null),
    POSITION_INCREASE_AT_OPEN_INTEREST_CAP_REJECTED("positionIncreaseAtOpenInterestCapRejected", Kind.REJECTED,
            RejectReason.LIMIT_EXCEEDED),
    POSITION_FLIP_AT_OPEN_INTEREST_CAP_REJECTED("positionFlipAtOpenInterestCapRejected", Kind.REJECTED,
            RejectReason.LIMIT_EXCEEDED),
    TOO_AGGRESSIVE_AT_OPEN_INTEREST_CAP_REJECTED("tooAggressiveAtOpenInterestCapRejected", Kind.REJECTED,
            RejectReason.LIMIT_EXCEEDED),
    OPEN_INTEREST_INCREASE_REJECTED("openInterestIncreaseRejected", Kind.REJECTED, RejectReason.LIMIT_EXCEEDED),
    INSUFFICIENT_SPOT_BALANCE_REJECTED("insufficientSpotBalanceRejected", Kind.REJECTED,
            RejectReason.INSUFFICIENT_FUNDS),
    ORACLE_REJECTED("oracleRejected", Kind.REJECTED, RejectReason.OTHER),
    PERP_MAX_POSITION_REJECTED("perpMaxPositionRejected", Kind.REJECTED, RejectReason.LIMIT_EXCEEDED);

    /** What a status means for the order. */
    public enum Kind {
        /** Resting or working. */
        LIVE,
        FILLED,
        CANCELED,
        /** Ended without (more) fills because there was nothing to match (IOC, market). */
        EXPIRED,
        REJECTED;

        public boolean terminal() {
            return this != LIVE;
        }
    }

    private static final Map<String, HyperliquidOrderStatus> BY_WIRE = Arrays.stream(values())
            .collect(Collectors.toUnmodifiableMap(HyperliquidOrderStatus::wire, Function.identity()));

    private final String wire;
    private final Kind kind;
    private final Object detail;

    HyperliquidOrderStatus(String wire, Kind kind, Object detail) {
        this.wire = wire;
        this.kind = kind;
        this.detail = detail;
    }

    /** The value on the wire. */
    public String wire() {
        return wire;
    }

    public Kind kind() {
        return kind;
    }

    /** For a REJECTED status: why. */
    public RejectReason rejectReason() {
        return detail instanceof RejectReason r ? r : RejectReason.OTHER;
    }

    /** For a cancel by Hyperliquid: why, for a person; null for a plain cancel. */
    public String cancelReason() {
        return detail instanceof String s ? s : null;
    }

    /**
     * The status of a wire value.
     *
     * @throws UnknownVenueValueException for a value this enum does not list
     */
    public static HyperliquidOrderStatus parse(String wire) {
        HyperliquidOrderStatus s = wire == null ? null : BY_WIRE.get(wire);
        if (s == null) {
            throw new UnknownVenueValueException("order status", wire);
        }
        return s;
    }
}

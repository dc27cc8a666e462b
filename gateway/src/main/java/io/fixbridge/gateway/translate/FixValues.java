package io.fixbridge.gateway.translate;

import io.fixbridge.venue.Liquidity;
import io.fixbridge.venue.OrderType;
import io.fixbridge.venue.RejectReason;
import io.fixbridge.venue.Side;
import io.fixbridge.venue.TimeInForce;
import io.fixbridge.venue.TriggerDirection;

/**
 * FIX 4.4 values to and from the venue model: every mapping in one place, each documented in the
 * rules of engagement. A FIX value without a mapping reads as null, for the caller to refuse.
 */
public final class FixValues {
    private FixValues() {
    }

    public static Side side(char fix) {
        return switch (fix) {
            case '1' -> Side.BUY;
            case '2' -> Side.SELL;
            default -> null;
        };
    }

    public static char side(Side side) {
        return side == Side.BUY ? '1' : '2';
    }

    public static OrderType orderType(char fix) {
        return switch (fix) {
            case '1' -> OrderType.MARKET;
            case '2' -> OrderType.LIMIT;
            case '3' -> OrderType.STOP;
            case '4' -> OrderType.STOP_LIMIT;
            case 'J' -> OrderType.TAKE_PROFIT;
            default -> null;
        };
    }

    public static char orderType(OrderType type) {
        return switch (type) {
            case MARKET -> '1';
            case LIMIT -> '2';
            case STOP -> '3';
            case STOP_LIMIT -> '4';
            case TAKE_PROFIT -> 'J';
        };
    }

    public static TimeInForce timeInForce(char fix) {
        return switch (fix) {
            case '1' -> TimeInForce.GTC;
            case '3' -> TimeInForce.IOC;
            case '4' -> TimeInForce.FOK;
            case '6' -> TimeInForce.GTD;
            default -> null;
        };
    }

    public static char timeInForce(TimeInForce tif) {
        return switch (tif) {
            case GTC -> '1';
            case IOC -> '3';
            case FOK -> '4';
            case GTD -> '6';
        };
    }

    public static TriggerDirection triggerDirection(String fix) {
        return switch (fix) {
            case "U" -> TriggerDirection.RISES_ABOVE;
            case "D" -> TriggerDirection.FALLS_BELOW;
            default -> null;
        };
    }

    /** LastLiquidityInd(851): 1 added liquidity, 2 removed liquidity. */
    public static char liquidity(Liquidity liquidity) {
        return liquidity == Liquidity.MAKER ? '1' : '2';
    }

    /** OrdRejReason(103) for a reject reason. */
    public static int ordRejReason(RejectReason reason) {
        return switch (reason) {
            case UNKNOWN_SYMBOL -> 1;
            case VENUE_CLOSED -> 2;
            case INSUFFICIENT_FUNDS, LIMIT_EXCEEDED -> 3;
            case TOO_LATE -> 4;
            case UNKNOWN_ORDER -> 5;
            case DUPLICATE_ORDER -> 6;
            case UNSUPPORTED_ORDER_CHARACTERISTIC -> 11;
            case INCORRECT_QUANTITY, BELOW_MIN_NOTIONAL -> 13;
            case UNKNOWN_ACCOUNT -> 15;
            case INVALID_PRICE_INCREMENT -> 18;
            case WOULD_TAKE_LIQUIDITY, REDUCE_ONLY_WOULD_INCREASE, OTHER -> 99;
        };
    }

    /** CxlRejReason(102) for a reject reason; null reason (outcome not known) is 99, other. */
    public static int cxlRejReason(RejectReason reason) {
        if (reason == null) {
            return 99;
        }
        return switch (reason) {
            case TOO_LATE -> 0;
            case UNKNOWN_ORDER -> 1;
            case DUPLICATE_ORDER -> 6;
            default -> 99;
        };
    }
}

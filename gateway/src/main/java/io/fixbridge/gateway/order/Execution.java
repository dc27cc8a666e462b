package io.fixbridge.gateway.order;

import java.math.BigDecimal;
import java.util.Objects;

import io.fixbridge.venue.Liquidity;
import io.fixbridge.venue.RejectReason;

/**
 * One thing to tell the OMS about an order: an ExecutionReport, or an OrderCancelReject when
 * {@link #cancelReject} is set. Built by the {@link OrderStateMachine}; turned into FIX by the
 * translate layer.
 *
 * @param kind         the ExecType
 * @param execId       ExecID(17), unique and stable
 * @param view         the order as it stood
 * @param fill         for TRADE, the fill; else null
 * @param rejectReason why, for REJECTED and cancel rejects; else null
 * @param venueCode    the venue's own error code, or null
 * @param text         Text(58) for a person, or null
 * @param cancelReject for an OrderCancelReject, what it answers; else null
 */
public record Execution(ExecKind kind, String execId, OrderView view, FillDetail fill, RejectReason rejectReason,
                        String venueCode, String text, CancelReject cancelReject) {

    public Execution {
        Objects.requireNonNull(view, "view");
        if (cancelReject == null) {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(execId, "execId");
        }
    }

    /**
     * A fill's details.
     *
     * @param tradeId         the venue's trade id
     * @param lastQty         LastQty(32)
     * @param lastPx          LastPx(31)
     * @param commission      Commission(12) of this fill
     * @param commissionAsset CommCurrency(479)
     * @param liquidity       LastLiquidityInd(851), or null when the venue did not say
     */
    public record FillDetail(String tradeId, BigDecimal lastQty, BigDecimal lastPx, BigDecimal commission,
                             String commissionAsset, Liquidity liquidity) {
    }

    /**
     * What an OrderCancelReject answers.
     *
     * @param requestClOrdId  the ClOrdID of the refused cancel or replace
     * @param responseTo      cancel or replace (CxlRejResponseTo 434)
     */
    public record CancelReject(String requestClOrdId, PendingChange.Kind responseTo) {
    }
}

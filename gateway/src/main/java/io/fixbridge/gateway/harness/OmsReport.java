package io.fixbridge.gateway.harness;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * One message the OMS received about an order chain: an ExecutionReport (35=8) or an
 * OrderCancelReject (35=9). Immutable; amounts are the decimals of the wire, null when absent.
 *
 * @param seqNum      MsgSeqNum(34) as the gateway sent it
 * @param msgType     "8" or "9"
 * @param clOrdId     ClOrdID(11)
 * @param origClOrdId OrigClOrdID(41) or null
 * @param execId      ExecID(17), null on a 35=9
 * @param execType    ExecType(150), or 0 on a 35=9
 * @param ordStatus   OrdStatus(39)
 * @param lastQty     LastQty(32) or null
 * @param lastPx      LastPx(31) or null
 * @param trdMatchId  TrdMatchID(880) or null
 * @param cumQty      CumQty(14) or null
 * @param text        Text(58) or null
 */
public record OmsReport(int seqNum, String msgType, String clOrdId, String origClOrdId, String execId, char execType,
                        char ordStatus, BigDecimal lastQty, BigDecimal lastPx, String trdMatchId, BigDecimal cumQty,
                        String text) {

    public OmsReport {
        Objects.requireNonNull(msgType, "msgType");
        Objects.requireNonNull(clOrdId, "clOrdId");
    }

    /** An ExecutionReport (35=8). */
    public boolean isExecutionReport() {
        return "8".equals(msgType);
    }

    /** An ExecutionReport of a trade (150=F). */
    public boolean isFill() {
        return isExecutionReport() && execType == 'F';
    }

    /** An OrderCancelReject (35=9). */
    public boolean isCancelReject() {
        return "9".equals(msgType);
    }

    /** One line for a person: what the OMS was told. */
    public String describe() {
        if (isCancelReject()) {
            return "seq " + seqNum + " CancelReject 11=" + clOrdId + " 41=" + origClOrdId + " 39=" + ordStatus
                    + (text == null ? "" : " '" + text + "'");
        }
        StringBuilder sb = new StringBuilder("seq ").append(seqNum).append(" ER 11=").append(clOrdId);
        if (origClOrdId != null) {
            sb.append(" 41=").append(origClOrdId);
        }
        sb.append(" 17=").append(execId).append(" 150=").append(execType).append(" 39=").append(ordStatus);
        if (isFill()) {
            sb.append(" 32=").append(plain(lastQty)).append(" 31=").append(plain(lastPx)).append(" 880=").append(trdMatchId);
        }
        sb.append(" 14=").append(plain(cumQty));
        if (text != null) {
            sb.append(" '").append(text).append('\'');
        }
        return sb.toString();
    }

    static String plain(BigDecimal d) {
        return d == null ? "-" : d.stripTrailingZeros().toPlainString();
    }
}

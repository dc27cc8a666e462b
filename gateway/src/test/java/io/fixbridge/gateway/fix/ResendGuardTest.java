package io.fixbridge.gateway.fix;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.junit.jupiter.api.Test;

import quickfix.DoNotSend;
import quickfix.Message;
import quickfix.SessionID;
import quickfix.field.PossDupFlag;

/**
 * What the gateway lets QuickFIX/J send again on a resend: reports, never a request (a gap fill
 * goes in its place). The guard alone, without a session: toApp needs no engine.
 */
class ResendGuardTest {
    private final GatewayApplication app = new GatewayApplication(Map.of(), null, io.fixbridge.gateway.ops.FixMetrics.NONE, null);
    private final SessionID session = new SessionID("FIX.4.4", "FIXBRIDGE", "OMS1");

    private static Message resent(Message m) {
        m.getHeader().setBoolean(PossDupFlag.FIELD, true);
        return m;
    }

    @Test
    void reportsAreResent() {
        assertThatCode(() -> app.toApp(resent(new quickfix.fix44.ExecutionReport()), session)).doesNotThrowAnyException();
        assertThatCode(() -> app.toApp(resent(new quickfix.fix44.OrderCancelReject()), session)).doesNotThrowAnyException();
        assertThatCode(() -> app.toApp(resent(new quickfix.fix44.BusinessMessageReject()), session)).doesNotThrowAnyException();
    }

    @Test
    void aRequestIsNeverReplayedOnAResend() {
        assertThatThrownBy(() -> app.toApp(resent(new quickfix.fix44.NewOrderSingle()), session)).isInstanceOf(DoNotSend.class);
        assertThatThrownBy(() -> app.toApp(resent(new quickfix.fix44.OrderCancelRequest()), session)).isInstanceOf(DoNotSend.class);
    }

    @Test
    void aFirstSendIsNeverStopped() {
        assertThatCode(() -> app.toApp(new quickfix.fix44.NewOrderSingle(), session)).doesNotThrowAnyException();
    }
}

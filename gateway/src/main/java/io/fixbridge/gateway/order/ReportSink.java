package io.fixbridge.gateway.order;

import quickfix.Message;
import quickfix.SessionID;

/**
 * Where the order engine's FIX messages go. Called on the engine thread; must not block for
 * long and must not throw (a session that is not logged on keeps the message for resend).
 */
@FunctionalInterface
public interface ReportSink {
    void send(SessionID session, Message message);

    /**
     * Whether a report with this ExecID(17) is among the last messages the session sent (or
     * stored for resend). Asked once after a restart, about the last journaled report; a sink
     * that cannot tell answers false and the report is sent again, flagged PossResend(97).
     */
    default boolean wasSent(SessionID session, String execId) {
        return false;
    }
}

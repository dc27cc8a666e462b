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
}

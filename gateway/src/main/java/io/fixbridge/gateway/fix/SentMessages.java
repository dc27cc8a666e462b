package io.fixbridge.gateway.fix;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import quickfix.MessageStore;
import quickfix.Session;
import quickfix.SessionID;

/**
 * Searches what a session has sent, as its QuickFIX/J message store keeps it. Used after a
 * restart to tell whether the last journaled report went out before the process died.
 *
 * <p>Thread-safe as far as the message store is; reads only.
 */
final class SentMessages {
    private static final Logger LOG = LoggerFactory.getLogger(SentMessages.class);
    private static final char SOH = '\u0001';

    private SentMessages() {
    }

    /**
     * Whether one of the session's last {@code lookback} stored outgoing messages carries ExecID(17)
     * {@code execId}. False when the session or its store is unknown or cannot be read (logged).
     */
    static boolean contains(SessionID sessionId, String execId, int lookback) {
        Session session = Session.lookupSession(sessionId);
        if (session == null) {
            return false;
        }
        MessageStore store = session.getStore();
        try {
            int last = store.getNextSenderMsgSeqNum() - 1;
            if (last < 1) {
                return false;
            }
            List<String> sent = new ArrayList<>();
            store.get(Math.max(1, last - lookback + 1), last, sent);
            String field = SOH + "17=" + execId + SOH;
            return sent.stream().anyMatch(m -> m.contains(field));
        } catch (IOException e) {
            LOG.warn("cannot read the message store of {} ({}); the last report is sent again, flagged PossResend",
                    sessionId, e.getMessage());
            return false;
        }
    }
}

package io.fixbridge.gateway.fix;

import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import io.fixbridge.gateway.config.SessionProfile;
import io.fixbridge.gateway.ops.FixMetrics;
import io.fixbridge.gateway.order.ReportSink;
import quickfix.FieldNotFound;
import quickfix.Message;
import quickfix.SessionID;
import quickfix.field.CopyMsgIndicator;
import quickfix.field.DeliverToCompID;
import quickfix.field.MsgType;

/**
 * Sends each report to its session and a copy of every ExecutionReport and OrderCancelReject to
 * each drop-copy session whose scope holds that session. A copy is the report itself with
 * DeliverToCompID(128) in the header set to the CompID of the order-entry session the original went
 * to, and on an ExecutionReport CopyMsgIndicator(797)=Y; its ExecID(17) is the original's. Drop-copy sessions keep their messages in
 * their persistent store like every session, so one that was away receives what it missed by
 * ordinary FIX resend when it logs on again.
 *
 * <p>Called on the order engine's thread, like every {@link ReportSink}; never throws.
 */
public final class DropCopySink implements ReportSink {
    private final ReportSink sessions;
    private final Map<String, SessionProfile> profiles;
    private final Supplier<List<SessionID>> acceptorSessions;
    private final FixMetrics metrics;
    /** Built on the first report: the acceptor creates its sessions when it starts. Engine thread only. */
    private Map<String, List<SessionID>> copiesByOrderEntry;

    /**
     * @param sessions     where reports go (QuickFIX/J's sessions)
     * @param profiles     every configured session, by counterparty CompID
     * @param acceptorSessions the acceptor's sessions once it has started, to find the drop-copy sessions' ids
     */
    public DropCopySink(ReportSink sessions, Map<String, SessionProfile> profiles, Supplier<List<SessionID>> acceptorSessions,
                        FixMetrics metrics) {
        this.sessions = sessions;
        this.profiles = Map.copyOf(profiles);
        this.acceptorSessions = acceptorSessions;
        this.metrics = metrics;
    }

    private Map<String, List<SessionID>> copiesByOrderEntry() {
        if (copiesByOrderEntry == null) {
            List<SessionID> ids = acceptorSessions.get();
            copiesByOrderEntry = profiles.keySet().stream().collect(Collectors.toUnmodifiableMap(compId -> compId,
                    compId -> ids.stream()
                            .filter(id -> profiles.containsKey(id.getTargetCompID()) && profiles.get(id.getTargetCompID()).copies(compId))
                            .toList()));
        }
        return copiesByOrderEntry;
    }

    @Override
    public void send(SessionID session, Message message) {
        sessions.send(session, message);
        if (session == null || !isCopied(message)) {
            return;
        }
        for (SessionID dropCopy : copiesByOrderEntry().getOrDefault(session.getTargetCompID(), List.of())) {
            Message copy = (Message) message.clone();
            if (isExecutionReport(copy)) {
                copy.setBoolean(CopyMsgIndicator.FIELD, true); // a body field of 35=8 in FIX 4.4; 35=9 has none
            }
            copy.getHeader().setString(DeliverToCompID.FIELD, session.getTargetCompID());
            sessions.send(dropCopy, copy);
            metrics.dropCopy(dropCopy.getTargetCompID());
        }
    }

    @Override
    public boolean wasSent(SessionID session, String execId) {
        return sessions.wasSent(session, execId);
    }

    private static boolean isExecutionReport(Message message) {
        try {
            return MsgType.EXECUTION_REPORT.equals(message.getHeader().getString(MsgType.FIELD));
        } catch (FieldNotFound e) {
            return false;
        }
    }

    private static boolean isCopied(Message message) {
        try {
            String type = message.getHeader().getString(MsgType.FIELD);
            return MsgType.EXECUTION_REPORT.equals(type) || MsgType.ORDER_CANCEL_REJECT.equals(type);
        } catch (FieldNotFound e) {
            return false;
        }
    }
}

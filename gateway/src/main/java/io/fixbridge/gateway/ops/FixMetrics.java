package io.fixbridge.gateway.ops;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import io.fixbridge.gateway.config.SessionProfile;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import quickfix.FieldNotFound;
import quickfix.Message;
import quickfix.field.BusinessRejectReason;
import quickfix.field.CxlRejReason;
import quickfix.field.ExecType;
import quickfix.field.MsgType;
import quickfix.field.OrdRejReason;
import quickfix.field.SessionRejectReason;

/**
 * FIX session metrics: who is logged on, messages in and out by type, rejects by kind and reason,
 * resend requests, refused logons and drop copies. Labels are the counterparty CompID of a
 * configured session and FIX code values only. Thread-safe (QuickFIX/J session threads and the
 * engine thread call it); never throws.
 */
public final class FixMetrics {
    /** Records nothing (tests that build the application alone). */
    public static final FixMetrics NONE = new FixMetrics(null, Map.of());

    private final Metrics metrics;
    private final Map<String, AtomicInteger> loggedOn = new ConcurrentHashMap<>();
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();

    /** @param sessions the configured sessions, whose logged-on gauges start at 0 */
    public FixMetrics(Metrics metrics, Map<String, SessionProfile> sessions) {
        this.metrics = metrics;
        if (metrics != null) {
            sessions.values().forEach(p -> {
                AtomicInteger state = new AtomicInteger();
                loggedOn.put(p.senderCompId(), state);
                Gauge.builder("fixbridge.fix.session.logged.on", state, AtomicInteger::get)
                        .description("1 while the FIX session is logged on")
                        .tags("session", p.senderCompId(), "role", p.role().configName()).register(metrics.registry());
            });
        }
    }

    /** The session logged on (true) or off. */
    public void loggedOn(String session, boolean on) {
        AtomicInteger state = loggedOn.get(session);
        if (state != null) {
            state.set(on ? 1 : 0);
        }
    }

    /** A message came in from {@code session}. */
    public void in(String session, Message message) {
        String type = msgType(message);
        count("fixbridge.fix.messages.in", "FIX messages received, by session and MsgType", session, "msg_type", type);
        if (MsgType.RESEND_REQUEST.equals(type)) {
            count("fixbridge.fix.resend.requests", "ResendRequests, by session and direction", session, "direction", "in");
        }
        if (MsgType.REJECT.equals(type)) {
            count("fixbridge.fix.rejects", "Rejects sent and received, by session, kind and reason", session,
                    "kind", "session_in", "reason", reason(message, SessionRejectReason.FIELD));
        }
    }

    /** A message goes out to {@code session}. */
    public void out(String session, Message message) {
        String type = msgType(message);
        count("fixbridge.fix.messages.out", "FIX messages sent, by session and MsgType", session, "msg_type", type);
        switch (type) {
            case MsgType.RESEND_REQUEST ->
                    count("fixbridge.fix.resend.requests", "ResendRequests, by session and direction", session, "direction", "out");
            case MsgType.REJECT -> reject(session, "session", reason(message, SessionRejectReason.FIELD));
            case MsgType.BUSINESS_MESSAGE_REJECT -> reject(session, "business", reason(message, BusinessRejectReason.FIELD));
            case MsgType.ORDER_CANCEL_REJECT -> reject(session, "cancel", reason(message, CxlRejReason.FIELD));
            case MsgType.EXECUTION_REPORT -> {
                if (isRejected(message)) {
                    reject(session, "order", reason(message, OrdRejReason.FIELD));
                }
            }
            default -> {
            }
        }
    }

    /** A logon of {@code session} was refused; {@code reason} is a short fixed word (credentials, address, not_ready). */
    public void logonRefused(String session, String reason) {
        count("fixbridge.fix.logons.refused", "Logons refused, by session and reason", session, "reason", reason);
    }

    /** A copy of a report went to drop-copy session {@code session}. */
    public void dropCopy(String session) {
        count("fixbridge.dropcopy.messages", "Report copies sent to drop-copy sessions", session);
    }

    private void reject(String session, String kind, String reason) {
        count("fixbridge.fix.rejects", "Rejects sent and received, by session, kind and reason", session, "kind", kind, "reason", reason);
    }

    private void count(String name, String description, String session, String... tags) {
        if (metrics == null) {
            return;
        }
        String key = name + '|' + session + '|' + String.join("|", tags);
        counters.computeIfAbsent(key, k -> Counter.builder(name).description(description).tag("session", session)
                .tags(tags).register(metrics.registry())).increment();
    }

    private static boolean isRejected(Message message) {
        try {
            // ExecType, not OrdStatus: a status answer about a rejected order is not a new reject
            return message.isSetField(ExecType.FIELD) && message.getChar(ExecType.FIELD) == ExecType.REJECTED;
        } catch (FieldNotFound e) {
            return false;
        }
    }

    /** A reason code value, or "none"; only digits pass, so a label stays bounded. */
    private static String reason(Message message, int tag) {
        try {
            String value = message.isSetField(tag) ? message.getString(tag) : "none";
            return value.chars().allMatch(Character::isDigit) && value.length() <= 4 ? value : "other";
        } catch (FieldNotFound e) {
            return "none";
        }
    }

    private static String msgType(Message message) {
        try {
            String type = message.getHeader().getString(MsgType.FIELD);
            return type.length() <= 2 ? type : "other";
        } catch (FieldNotFound e) {
            return "none";
        }
    }
}

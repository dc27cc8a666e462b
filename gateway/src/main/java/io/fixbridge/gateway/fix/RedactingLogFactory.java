package io.fixbridge.gateway.fix;

import java.io.Closeable;
import java.io.IOException;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import quickfix.Log;
import quickfix.LogFactory;
import quickfix.SessionID;

/**
 * A QuickFIX/J {@link LogFactory} that hides Password(554) and NewPassword(925) before another
 * factory's logs write anything: in every incoming and outgoing message and in every event
 * (QuickFIX/J's events can quote a whole message, e.g. "Rejecting invalid message: ..."), the
 * value of those fields becomes {@code ***}. Everything else, and the layout of the wrapped log
 * (for the gateway: QuickFIX/J's {@code FileLog} under {@code dataDirectory/fix-log}), is
 * unchanged; a redacted line keeps its original BodyLength(9) and CheckSum(10), so it no longer
 * verifies, which is how a reader tells it was redacted.
 *
 * <p>Thread-safe as far as the wrapped log is: it adds no state. Never throws on its own.
 */
public final class RedactingLogFactory implements LogFactory {
    /** What a hidden value becomes. */
    public static final String MASK = "***";
    /** A Password(554) or NewPassword(925) field of a message delimited by SOH: the value runs to the next SOH. */
    private static final Pattern SOH_FIELD = Pattern.compile("(^|\\u0001)(554|925)=[^\\u0001]*");
    /** The same in a message printed with '|' for SOH (no SOH in the text). */
    private static final Pattern PIPE_FIELD = Pattern.compile("(^|\\|)(554|925)=[^|]*");

    private final LogFactory delegate;

    public RedactingLogFactory(LogFactory delegate) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
    }

    @Override
    public Log create(SessionID sessionId) {
        return new RedactingLog(delegate.create(sessionId));
    }

    /**
     * {@code text} with the value of every Password(554) and NewPassword(925) field replaced by
     * {@link #MASK}. Fields are delimited by SOH, or by '|' in a text without SOH (a message as
     * people print it); with SOH the whole value goes, even if it holds a '|'.
     */
    public static String redact(String text) {
        if (text == null || (!text.contains("554=") && !text.contains("925="))) {
            return text;
        }
        Pattern field = text.indexOf('\u0001') >= 0 ? SOH_FIELD : PIPE_FIELD;
        return field.matcher(text).replaceAll(m -> Matcher.quoteReplacement(m.group(1) + m.group(2) + "=" + MASK));
    }

    /** Redacts, then hands on; closes the wrapped log when QuickFIX/J closes the session. */
    private static final class RedactingLog implements Log, Closeable {
        private final Log log;

        RedactingLog(Log log) {
            this.log = log;
        }

        @Override
        public void clear() {
            log.clear();
        }

        @Override
        public void onIncoming(String message) {
            log.onIncoming(redact(message));
        }

        @Override
        public void onOutgoing(String message) {
            log.onOutgoing(redact(message));
        }

        @Override
        public void onEvent(String text) {
            log.onEvent(redact(text));
        }

        @Override
        public void onErrorEvent(String text) {
            log.onErrorEvent(redact(text));
        }

        @Override
        public void close() throws IOException {
            if (log instanceof Closeable closeable) {
                closeable.close();
            }
        }
    }
}

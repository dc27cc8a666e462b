package io.fixbridge.gateway.fix;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.Closeable;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import quickfix.Log;
import quickfix.SessionID;

/** Password(554) and NewPassword(925) never reach the wrapped log; everything else does, unchanged. */
class RedactingLogFactoryTest {
    private static final char SOH = '\u0001';
    private static final SessionID SESSION = new SessionID("FIX.4.4", "FIXBRIDGE", "OMS1");

    @Test
    void passwordValuesBecomeStarsAndTheRestStays() {
        String logon = fix("8=FIX.4.4", "9=99", "35=A", "49=OMS1", "56=FIXBRIDGE", "34=1", "98=0", "108=30",
                "553=oms1", "554=s3cr=t|pw", "925=next-secret", "10=123");
        assertThat(RedactingLogFactory.redact(logon)).isEqualTo(fix("8=FIX.4.4", "9=99", "35=A", "49=OMS1", "56=FIXBRIDGE",
                "34=1", "98=0", "108=30", "553=oms1", "554=***", "925=***", "10=123"));
    }

    @Test
    void onlyWholeTagsMatch() {
        String m = fix("8=FIX.4.4", "1554=keep", "5540=keep", "58=554=in text", "10=000");
        assertThat(RedactingLogFactory.redact(m)).isEqualTo(m);
        assertThat(RedactingLogFactory.redact("554=first")).isEqualTo("554=***");
        assertThat(RedactingLogFactory.redact("8=FIX.4.4|554=piped|10=1")).isEqualTo("8=FIX.4.4|554=***|10=1");
        assertThat(RedactingLogFactory.redact(null)).isNull();
        assertThat(RedactingLogFactory.redact("")).isEmpty();
    }

    @Test
    void everyKindOfLineIsRedactedAndCloseAndClearReachTheWrappedLog() throws Exception {
        Recording recording = new Recording();
        Log log = new RedactingLogFactory(id -> recording).create(SESSION);
        String secret = fix("35=A", "554=hunter2-secret");
        log.onIncoming(secret);
        log.onOutgoing(secret);
        log.onEvent("Rejecting invalid message: " + secret);
        log.onErrorEvent("Invalid LOGON message, disconnecting: " + secret);
        log.clear();
        ((Closeable) log).close();
        assertThat(recording.lines).hasSize(4).noneMatch(l -> l.contains("hunter2-secret")).allMatch(l -> l.contains("554=***"));
        assertThat(recording.lines.get(0)).startsWith("in ");
        assertThat(recording.lines.get(1)).startsWith("out ");
        assertThat(recording.lines.get(2)).startsWith("event Rejecting invalid message: ");
        assertThat(recording.lines.get(3)).startsWith("error Invalid LOGON message");
        assertThat(recording.cleared).isTrue();
        assertThat(recording.closed).isTrue();
    }

    private static String fix(String... fields) {
        StringBuilder b = new StringBuilder();
        for (String f : fields) {
            b.append(f).append(SOH);
        }
        return b.toString();
    }

    private static final class Recording implements Log, Closeable {
        final List<String> lines = new ArrayList<>();
        boolean cleared;
        boolean closed;

        @Override public void clear() { cleared = true; }
        @Override public void onIncoming(String m) { lines.add("in " + m); }
        @Override public void onOutgoing(String m) { lines.add("out " + m); }
        @Override public void onEvent(String t) { lines.add("event " + t); }
        @Override public void onErrorEvent(String t) { lines.add("error " + t); }
        @Override public void close() { closed = true; }
    }
}

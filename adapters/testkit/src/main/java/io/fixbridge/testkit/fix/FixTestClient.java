package io.fixbridge.testkit.fix;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import quickfix.Application;
import quickfix.ConfigError;
import quickfix.DefaultMessageFactory;
import quickfix.FieldNotFound;
import quickfix.FileStoreFactory;
import quickfix.Message;
import quickfix.MessageStoreFactory;
import quickfix.ScreenLogFactory;
import quickfix.Session;
import quickfix.SessionID;
import quickfix.SessionNotFound;
import quickfix.SessionSettings;
import quickfix.SocketInitiator;
import quickfix.field.MsgType;

/**
 * A QuickFIX/J FIX 4.4 initiator for tests: logs on to a gateway over TCP, sends messages and
 * collects every message it receives so tests can wait for the one they expect.
 *
 * <p>Its message store is a file store in the directory given, so a second client over the
 * same directory continues the sequence numbers, as an OMS does after a reconnect.
 * Thread-safe: QuickFIX/J delivers on its own thread, tests read from theirs.
 */
public final class FixTestClient implements AutoCloseable {

    /** How long {@link #awaitMessage} waits unless told otherwise. */
    public static final Duration DEFAULT_WAIT = Duration.ofSeconds(10);

    private final SessionID sessionId;
    private final SocketInitiator initiator;
    private final LinkedBlockingQueue<Message> inbox = new LinkedBlockingQueue<>();
    private final List<Message> received = new CopyOnWriteArrayList<>();
    private final Recorder recorder = new Recorder();
    private volatile boolean loggedOn;

    private FixTestClient(Builder b) throws ConfigError {
        this.sessionId = new SessionID("FIX.4.4", b.senderCompId, b.targetCompId);
        SessionSettings settings = new SessionSettings();
        settings.setString("ConnectionType", "initiator");
        settings.setString("StartTime", "00:00:00");
        settings.setString("EndTime", "00:00:00");
        settings.setString("HeartBtInt", String.valueOf(b.heartbeatSeconds));
        settings.setString("ReconnectInterval", "1");
        settings.setString("FileStorePath", b.storeDirectory.toString());
        settings.setString("DataDictionary", b.dataDictionary);
        settings.setString("ValidateUserDefinedFields", "Y");
        settings.setString("ResetOnLogon", b.resetOnLogon ? "Y" : "N");
        settings.setString(sessionId, "SocketConnectHost", b.host);
        settings.setString(sessionId, "SocketConnectPort", String.valueOf(b.port));
        settings.setString(sessionId, "BeginString", sessionId.getBeginString());
        settings.setString(sessionId, "SenderCompID", sessionId.getSenderCompID());
        settings.setString(sessionId, "TargetCompID", sessionId.getTargetCompID());
        MessageStoreFactory store = new FileStoreFactory(settings);
        this.initiator = new SocketInitiator(recorder, store, settings, new ScreenLogFactory(false, false, false),
                new DefaultMessageFactory());
        this.logonCustomizer = b.logonCustomizer;
    }

    private final java.util.function.Consumer<Message> logonCustomizer;

    public static Builder builder() {
        return new Builder();
    }

    /** Starts the initiator and waits until the session is logged on. */
    public FixTestClient logon(Duration timeout) throws ConfigError, InterruptedException {
        initiator.start();
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (recorder) {
            while (!loggedOn) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("no logon within " + timeout + " for " + sessionId);
                }
                TimeUnit.NANOSECONDS.timedWait(recorder, left);
            }
        }
        return this;
    }

    public SessionID sessionId() {
        return sessionId;
    }

    public boolean isLoggedOn() {
        return loggedOn;
    }

    /** Sends an application message on the session. */
    public void send(Message message) {
        try {
            if (!Session.sendToTarget(message, sessionId)) {
                throw new AssertionError("QuickFIX/J did not send " + message);
            }
        } catch (SessionNotFound e) {
            throw new AssertionError("session not found: " + sessionId, e);
        }
    }

    /**
     * Waits for the next received message (application or admin, heartbeats and test requests
     * left out) that matches, and returns it; messages passed over on the way stay in
     * {@link #received()} but are consumed from the waiting queue.
     */
    public Message awaitMessage(Predicate<Message> matcher, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            Message m = left > 0 ? inbox.poll(left, TimeUnit.NANOSECONDS) : null;
            if (m == null) {
                throw new AssertionError("no matching message within " + timeout + "; received so far:\n  "
                        + String.join("\n  ", received.stream().map(FixTestClient::readable).toList()));
            }
            if (matcher.test(m)) {
                return m;
            }
        }
    }

    /**
     * Waits until every matcher has matched one received message, in whatever order they
     * arrive; returns the matches in the order of the matchers.
     */
    @SafeVarargs
    public final List<Message> awaitAll(Duration timeout, Predicate<Message>... matchers) throws InterruptedException {
        Message[] found = new Message[matchers.length];
        int missing = matchers.length;
        long deadline = System.nanoTime() + timeout.toNanos();
        while (missing > 0) {
            long left = deadline - System.nanoTime();
            Message m = left > 0 ? inbox.poll(left, TimeUnit.NANOSECONDS) : null;
            if (m == null) {
                throw new AssertionError(missing + " of " + matchers.length + " expected messages did not arrive within "
                        + timeout + "; received so far:\n  "
                        + String.join("\n  ", received.stream().map(FixTestClient::readable).toList()));
            }
            for (int i = 0; i < matchers.length; i++) {
                if (found[i] == null && matchers[i].test(m)) {
                    found[i] = m;
                    missing--;
                    break;
                }
            }
        }
        return java.util.Arrays.asList(found);
    }

    /** Waits for the next message of the given MsgType(35). */
    public Message awaitMessage(String msgType) throws InterruptedException {
        return awaitMessage(isType(msgType), DEFAULT_WAIT);
    }

    /** Asserts that no message matching arrives within {@code window}. */
    public void assertNoMessage(Predicate<Message> matcher, Duration window) throws InterruptedException {
        long deadline = System.nanoTime() + window.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return;
            }
            Message m = inbox.poll(left, TimeUnit.NANOSECONDS);
            if (m != null && matcher.test(m)) {
                throw new AssertionError("unexpected message: " + readable(m));
            }
        }
    }

    /** Every message received so far, in order, heartbeats and test requests left out. */
    public List<Message> received() {
        return List.copyOf(received);
    }

    /** The next sequence number this client will send. */
    public int nextSenderSeqNum() throws java.io.IOException {
        return Session.lookupSession(sessionId).getExpectedSenderNum();
    }

    /** The next sequence number this client expects to receive. */
    public int nextTargetSeqNum() throws java.io.IOException {
        return Session.lookupSession(sessionId).getExpectedTargetNum();
    }

    /** Logs out and waits until the session reports the logout. */
    public void logout(Duration timeout) throws InterruptedException {
        Session session = Session.lookupSession(sessionId);
        if (session == null) {
            return;
        }
        session.logout("test logout");
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (recorder) {
            while (loggedOn) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("no logout within " + timeout);
                }
                TimeUnit.NANOSECONDS.timedWait(recorder, left);
            }
        }
    }

    @Override
    public void close() {
        initiator.stop(true);
    }

    /** A predicate on MsgType(35). */
    public static Predicate<Message> isType(String msgType) {
        return m -> msgType.equals(field(m, MsgType.FIELD));
    }

    /** A field of the message body or header, or null when absent. */
    public static String field(Message m, int tag) {
        try {
            if (m.isSetField(tag)) {
                return m.getString(tag);
            }
            if (m.getHeader().isSetField(tag)) {
                return m.getHeader().getString(tag);
            }
            return null;
        } catch (FieldNotFound e) {
            return null;
        }
    }

    /** The message with SOH shown as '|', for failure output. */
    public static String readable(Message m) {
        return m.toString().replace('\u0001', '|');
    }

    private final class Recorder implements Application {
        @Override
        public void onCreate(SessionID id) {
        }

        @Override
        public void onLogon(SessionID id) {
            synchronized (this) {
                loggedOn = true;
                notifyAll();
            }
        }

        @Override
        public void onLogout(SessionID id) {
            synchronized (this) {
                loggedOn = false;
                notifyAll();
            }
        }

        @Override
        public void toAdmin(Message message, SessionID id) {
            if (logonCustomizer != null && "A".equals(field(message, MsgType.FIELD))) {
                logonCustomizer.accept(message);
            }
        }

        @Override
        public void fromAdmin(Message message, SessionID id) {
            String type = field(message, MsgType.FIELD);
            if (!"0".equals(type) && !"1".equals(type)) {
                record(message);
            }
        }

        @Override
        public void toApp(Message message, SessionID id) {
        }

        @Override
        public void fromApp(Message message, SessionID id) {
            record(message);
        }

        private void record(Message message) {
            received.add(message);
            inbox.add(message);
        }
    }

    /** Settings for a {@link FixTestClient}. */
    public static final class Builder {
        private String host = "127.0.0.1";
        private int port;
        private String senderCompId = "OMS1";
        private String targetCompId = "FIXBRIDGE";
        private Path storeDirectory;
        private String dataDictionary = "FIXBRIDGE-FIX44.xml";
        private int heartbeatSeconds = 30;
        private boolean resetOnLogon;
        private java.util.function.Consumer<Message> logonCustomizer;

        public Builder host(String v) { this.host = v; return this; }
        public Builder port(int v) { this.port = v; return this; }
        public Builder senderCompId(String v) { this.senderCompId = v; return this; }
        public Builder targetCompId(String v) { this.targetCompId = v; return this; }
        public Builder storeDirectory(Path v) { this.storeDirectory = v; return this; }
        /** A data dictionary file path or classpath resource. */
        public Builder dataDictionary(String v) { this.dataDictionary = v; return this; }
        public Builder heartbeatSeconds(int v) { this.heartbeatSeconds = v; return this; }
        public Builder resetOnLogon(boolean v) { this.resetOnLogon = v; return this; }
        /** Changes the outgoing Logon, e.g. to add Username(553) and Password(554). */
        public Builder logonCustomizer(java.util.function.Consumer<Message> v) { this.logonCustomizer = v; return this; }

        public FixTestClient build() throws ConfigError {
            if (port <= 0 || storeDirectory == null) {
                throw new IllegalStateException("port and storeDirectory are required");
            }
            return new FixTestClient(this);
        }
    }
}

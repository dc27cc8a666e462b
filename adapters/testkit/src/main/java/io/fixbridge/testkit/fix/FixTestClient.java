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
 * A QuickFIX/J FIX 4.4 initiator for tests: logs on to a gateway over TCP (or TLS, with
 * {@link Builder#tls}), optionally with Username(553) and Password(554) and from a chosen local
 * address, sends messages and collects every message it receives so tests can wait for the one
 * they expect.
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
        if (b.localHost != null) {
            settings.setString(sessionId, "SocketLocalHost", b.localHost);
        }
        if (b.trustStore != null) {
            useTls(settings, b);
        }
        settings.setString(sessionId, "BeginString", sessionId.getBeginString());
        settings.setString(sessionId, "SenderCompID", sessionId.getSenderCompID());
        settings.setString(sessionId, "TargetCompID", sessionId.getTargetCompID());
        MessageStoreFactory store = new FileStoreFactory(settings);
        this.initiator = new SocketInitiator(recorder, store, settings, new ScreenLogFactory(false, false, false),
                new DefaultMessageFactory());
        this.logonCustomizer = b.logonCustomizer;
        this.username = b.username;
        this.password = b.password;
    }

    private final java.util.function.Consumer<Message> logonCustomizer;
    private final String username;
    private final String password;

    /**
     * TLS as the gateway's OMS would set it: the gateway's certificate checked against the trust
     * store (QuickFIX/J trusts anything without one), and the client certificate from the key
     * store given, or none: an empty key store written next to the message store, since without
     * a key store QuickFIX/J looks for a "quickfixj.keystore".
     */
    private static void useTls(SessionSettings settings, Builder b) {
        settings.setString("SocketUseSSL", "Y");
        settings.setString("EnabledProtocols", "TLSv1.3,TLSv1.2");
        settings.setString("SocketTrustStore", b.trustStore.toString());
        if (b.trustStorePassword != null) {
            settings.setString("SocketTrustStorePassword", b.trustStorePassword);
        }
        settings.setString("TrustStoreType", "PKCS12");
        settings.setString("KeyStoreType", "PKCS12");
        Path keyStore = b.keyStore != null ? b.keyStore : emptyKeyStore(b.storeDirectory);
        settings.setString("SocketKeyStore", keyStore.toString());
        settings.setString("SocketKeyStorePassword", b.keyStore != null ? b.keyStorePassword : "");
    }

    private static Path emptyKeyStore(Path directory) {
        Path file = directory.resolve("no-client-certificate.p12");
        try {
            java.nio.file.Files.createDirectories(directory);
            java.security.KeyStore empty = java.security.KeyStore.getInstance("PKCS12");
            empty.load(null, null);
            try (java.io.OutputStream out = java.nio.file.Files.newOutputStream(file)) {
                empty.store(out, new char[0]);
            }
            return file;
        } catch (java.io.IOException | java.security.GeneralSecurityException e) {
            throw new IllegalStateException("cannot write an empty key store to " + file, e);
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Starts the initiator and waits until the session is logged on. */
    public FixTestClient logon(Duration timeout) throws ConfigError, InterruptedException {
        start();
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (recorder) {
            while (!loggedOn) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("no logon within " + timeout + " for " + sessionId + "; received so far:\n  "
                            + String.join("\n  ", received.stream().map(FixTestClient::readable).toList()));
                }
                TimeUnit.NANOSECONDS.timedWait(recorder, left);
            }
        }
        return this;
    }

    /**
     * Starts the initiator without waiting for the logon: for tests of a refused logon, which
     * then wait for the Logout with {@link #awaitMessage}. It reconnects every second until closed.
     */
    public FixTestClient start() throws ConfigError {
        initiator.start();
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
            if ("A".equals(field(message, MsgType.FIELD))) {
                if (username != null) {
                    message.setString(553, username);
                }
                if (password != null) {
                    message.setString(554, password);
                }
                if (logonCustomizer != null) {
                    logonCustomizer.accept(message);
                }
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
        private String localHost;
        private String username;
        private String password;
        private Path trustStore;
        private String trustStorePassword;
        private Path keyStore;
        private String keyStorePassword;

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
        /** The local address to connect from (QuickFIX/J SocketLocalHost), e.g. 127.0.0.2 to test address ranges. */
        public Builder localHost(String v) { this.localHost = v; return this; }
        /** Username(553) on every Logon. */
        public Builder username(String v) { this.username = v; return this; }
        /** Password(554) on every Logon. */
        public Builder password(String v) { this.password = v; return this; }
        /** Username(553) and Password(554) on every Logon. */
        public Builder credentials(String user, String pass) { this.username = user; this.password = pass; return this; }
        /** Connect over TLS, trusting the certificates in this PKCS12 trust store. */
        public Builder tls(Path trustStoreFile, String trustStorePass) {
            this.trustStore = trustStoreFile;
            this.trustStorePassword = trustStorePass;
            return this;
        }
        /** Present the certificate in this PKCS12 key store (with {@link #tls}); without it none is presented. */
        public Builder clientCertificate(Path keyStoreFile, String keyStorePass) {
            this.keyStore = keyStoreFile;
            this.keyStorePassword = keyStorePass;
            return this;
        }

        public FixTestClient build() throws ConfigError {
            if (port <= 0 || storeDirectory == null) {
                throw new IllegalStateException("port and storeDirectory are required");
            }
            if (keyStore != null && trustStore == null) {
                throw new IllegalStateException("clientCertificate needs tls(trustStore, password)");
            }
            return new FixTestClient(this);
        }
    }
}

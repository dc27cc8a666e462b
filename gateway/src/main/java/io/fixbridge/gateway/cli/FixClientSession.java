package io.fixbridge.gateway.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.fixbridge.gateway.fix.FixAcceptor;
import io.fixbridge.gateway.fix.RedactingLogFactory;
import quickfix.Application;
import quickfix.ConfigError;
import quickfix.DefaultMessageFactory;
import quickfix.FileStoreFactory;
import quickfix.Message;
import quickfix.MessageStore;
import quickfix.Session;
import quickfix.SessionID;
import quickfix.SessionNotFound;
import quickfix.SessionSettings;
import quickfix.SLF4JLogFactory;
import quickfix.SocketInitiator;
import quickfix.field.MsgType;

/**
 * The FIX initiator behind {@code fixbridge client}: logs on, sends, and prints every report it
 * receives as one line. Its message store persists sequence numbers between runs, like an OMS.
 *
 * <p>The Logon carries Username(553) and Password(554) when {@link Credentials} are given; the
 * client's log hides the password ({@link RedactingLogFactory}), and its message store does not
 * keep Logon messages ({@link RedactingStore}: a Logon is never resent). With
 * {@link Tls} it connects over TLS and checks the gateway's certificate against the trust store
 * given (never trust-all).
 *
 * <p>Not thread-safe: one command drives it; QuickFIX/J prints reports on its own thread.
 */
final class FixClientSession implements AutoCloseable {
    /** Logout Texts of the gateway that retrying with the same settings cannot fix (see LogonGuard). */
    static final String REFUSAL_PREFIX = "logon refused";

    private final SessionID sessionId;
    private final SocketInitiator initiator;
    private final CountDownLatch settled = new CountDownLatch(1);
    private final Optional<Credentials> credentials;
    private final PrintStream out;
    private volatile boolean loggedOn;
    private volatile String lastRefusal;

    /**
     * Username(553) and Password(554) for the Logon.
     *
     * @param username what the gateway's {@code sessions[].username} says
     * @param password the password whose hash is the session's {@code passwordHash}
     */
    record Credentials(String username, String password) {
        Credentials {
            Objects.requireNonNull(username, "username");
            Objects.requireNonNull(password, "password");
        }

        @Override
        public String toString() {
            return "Credentials[username=" + username + ", password=***]";
        }
    }

    /**
     * TLS to the gateway.
     *
     * @param trustStore         the certificates trusted for the gateway (its own, or the CA that signed it)
     * @param trustStorePassword the trust store's password; null when it has none
     * @param keyStore           a client certificate and key, for gateways with {@code needClientAuth}
     * @param keyStorePassword   its password (empty when there is no key store)
     */
    record Tls(Path trustStore, String trustStorePassword, Optional<Path> keyStore, String keyStorePassword) {
        Tls {
            Objects.requireNonNull(trustStore, "trustStore");
            Objects.requireNonNull(keyStore, "keyStore");
            Objects.requireNonNull(keyStorePassword, "keyStorePassword");
        }

        @Override
        public String toString() {
            return "Tls[trustStore=" + trustStore + ", keyStore=" + keyStore.map(Path::toString).orElse("none") + "]";
        }
    }

    FixClientSession(String host, int port, String sender, String target, Path store, boolean reset,
                     Optional<Credentials> credentials, Optional<Tls> tls, PrintStream out) throws ConfigError {
        this.out = out;
        this.credentials = credentials;
        this.sessionId = new SessionID("FIX.4.4", sender, target);
        SessionSettings s = new SessionSettings();
        s.setString("ConnectionType", "initiator");
        s.setString("StartTime", "00:00:00");
        s.setString("EndTime", "00:00:00");
        s.setString("HeartBtInt", "30");
        s.setString("ReconnectInterval", "2");
        s.setString("FileStorePath", store.toString());
        s.setString("DataDictionary", FixAcceptor.DICTIONARY);
        s.setString("ResetOnLogon", reset ? "Y" : "N");
        s.setString(sessionId, "BeginString", "FIX.4.4");
        s.setString(sessionId, "SenderCompID", sender);
        s.setString(sessionId, "TargetCompID", target);
        s.setString(sessionId, "SocketConnectHost", host);
        s.setString(sessionId, "SocketConnectPort", String.valueOf(port));
        tls.ifPresent(t -> useTls(s, t, store));
        FileStoreFactory files = new FileStoreFactory(s);
        this.initiator = new SocketInitiator(new Printer(), id -> new RedactingStore(files.create(id)), s,
                new RedactingLogFactory(new SLF4JLogFactory(s)), new DefaultMessageFactory());
    }

    /**
     * QuickFIX/J's TLS settings. Without a trust store QuickFIX/J would trust any certificate,
     * so one is always set; without a client key store it would look for a "quickfixj.keystore",
     * so an empty one (no client certificate) is written to the client's store directory.
     */
    private static void useTls(SessionSettings s, Tls tls, Path store) {
        s.setString("SocketUseSSL", "Y");
        s.setString("EnabledProtocols", "TLSv1.3,TLSv1.2");
        s.setString("SocketTrustStore", tls.trustStore().toString());
        if (tls.trustStorePassword() != null) {
            s.setString("SocketTrustStorePassword", tls.trustStorePassword());
        }
        s.setString("TrustStoreType", "PKCS12");
        s.setString("KeyStoreType", "PKCS12");
        if (tls.keyStore().isPresent()) {
            s.setString("SocketKeyStore", tls.keyStore().get().toString());
            s.setString("SocketKeyStorePassword", tls.keyStorePassword());
        } else {
            s.setString("SocketKeyStore", emptyKeyStore(store).toString());
            s.setString("SocketKeyStorePassword", "");
        }
    }

    private static Path emptyKeyStore(Path store) {
        Path file = store.resolve("no-client-certificate.p12");
        try {
            Files.createDirectories(store);
            KeyStore empty = KeyStore.getInstance("PKCS12");
            empty.load(null, null);
            try (OutputStream o = Files.newOutputStream(file)) {
                empty.store(o, new char[0]);
            }
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JDK cannot make a PKCS12 key store", e);
        }
    }

    /**
     * Starts the initiator and waits for the gateway's Logon. A refusal for a reason retrying
     * cannot fix (credentials, address) ends the wait at once; other refusals (the gateway is
     * reconciling after a restart) are retried every 2 s until {@code timeout}.
     */
    void logon(Duration timeout) throws ConfigError, InterruptedException {
        initiator.start();
        settled.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (loggedOn) {
            return;
        }
        String refusal = lastRefusal;
        if (refusal != null && refusal.startsWith(REFUSAL_PREFIX)) {
            throw new CommandFailure("the gateway refused the logon of " + sessionId.getSenderCompID() + ": " + refusal
                    + " (check --username, and --password or FIXBRIDGE_FIX_PASSWORD)");
        }
        throw new CommandFailure("no logon to " + sessionId.getTargetCompID() + " within " + timeout.toSeconds()
                + " s: " + (refusal != null ? "the gateway answered: " + refusal
                : "is the gateway running (./fixbridge run), does --tls match its fix.tls, and do the sequence numbers match (try --reset)?"));
    }

    void send(Message message) {
        try {
            Session.sendToTarget(message, sessionId);
        } catch (SessionNotFound e) {
            throw new IllegalStateException("session " + sessionId + " is gone", e);
        }
    }

    @Override
    public void close() {
        initiator.stop();
    }

    private final class Printer implements Application {
        @Override public void onCreate(SessionID id) { }
        @Override public void onLogon(SessionID id) {
            out.println("logged on as " + id.getSenderCompID() + " to " + id.getTargetCompID());
            loggedOn = true;
            settled.countDown();
        }
        @Override public void onLogout(SessionID id) {
            out.println("logged out");
        }
        @Override public void toAdmin(Message m, SessionID id) {
            if (credentials.isPresent() && MsgType.LOGON.equals(type(m))) {
                m.setString(553, credentials.get().username());
                m.setString(554, credentials.get().password());
            }
        }
        @Override public void fromAdmin(Message m, SessionID id) {
            try {
                String type = m.getHeader().getString(MsgType.FIELD);
                if ("3".equals(type) || ("5".equals(type) && m.isSetField(58))) {
                    out.println(ReportPrinter.format(m));
                }
                if ("5".equals(type) && !loggedOn && m.isSetField(58)) {
                    lastRefusal = m.getString(58);
                    if (lastRefusal.startsWith(REFUSAL_PREFIX)) {
                        settled.countDown();
                    }
                }
            } catch (quickfix.FieldNotFound e) {
                out.println(m.toString().replace('\u0001', '|'));
            }
        }
        @Override public void toApp(Message m, SessionID id) { }
        @Override public void fromApp(Message m, SessionID id) {
            out.println(ReportPrinter.format(m));
        }
    }

    /**
     * A message store that does not keep the client's Logon messages, which carry the password;
     * everything else is the wrapped store's. Safe because QuickFIX/J never resends a Logon: a
     * resend request over a sequence number with no stored message is answered with a gap fill,
     * as for any admin message. (Storing a copy with the password masked would not do: QuickFIX/J
     * parses stored messages on a resend request, and the masked copy fails its checksum.)
     */
    private static final class RedactingStore implements MessageStore, java.io.Closeable {
        private final MessageStore store;

        RedactingStore(MessageStore store) {
            this.store = store;
        }

        @Override
        public boolean set(int seq, String message) throws IOException {
            return message.contains("\u000135=A\u0001") || store.set(seq, message);
        }

        @Override public void get(int start, int end, java.util.Collection<String> out) throws IOException { store.get(start, end, out); }
        @Override public int getNextSenderMsgSeqNum() throws IOException { return store.getNextSenderMsgSeqNum(); }
        @Override public int getNextTargetMsgSeqNum() throws IOException { return store.getNextTargetMsgSeqNum(); }
        @Override public void setNextSenderMsgSeqNum(int n) throws IOException { store.setNextSenderMsgSeqNum(n); }
        @Override public void setNextTargetMsgSeqNum(int n) throws IOException { store.setNextTargetMsgSeqNum(n); }
        @Override public void incrNextSenderMsgSeqNum() throws IOException { store.incrNextSenderMsgSeqNum(); }
        @Override public void incrNextTargetMsgSeqNum() throws IOException { store.incrNextTargetMsgSeqNum(); }
        @Override public java.util.Date getCreationTime() throws IOException { return store.getCreationTime(); }
        @Override public void reset() throws IOException { store.reset(); }
        @Override public void refresh() throws IOException { store.refresh(); }

        @Override
        public void close() throws IOException {
            if (store instanceof java.io.Closeable c) {
                c.close();
            }
        }
    }

    private static String type(Message m) {
        try {
            return m.getHeader().getString(MsgType.FIELD);
        } catch (quickfix.FieldNotFound e) {
            return "";
        }
    }
}

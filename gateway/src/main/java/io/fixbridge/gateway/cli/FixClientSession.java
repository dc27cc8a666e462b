package io.fixbridge.gateway.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.fixbridge.gateway.fix.FixAcceptor;
import quickfix.Application;
import quickfix.ConfigError;
import quickfix.DefaultMessageFactory;
import quickfix.FileStoreFactory;
import quickfix.Message;
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
 */
final class FixClientSession implements AutoCloseable {
    private final SessionID sessionId;
    private final SocketInitiator initiator;
    private final CountDownLatch loggedOn = new CountDownLatch(1);
    private final PrintStream out;

    FixClientSession(String host, int port, String sender, String target, Path store, boolean reset, PrintStream out)
            throws ConfigError {
        this.out = out;
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
        this.initiator = new SocketInitiator(new Printer(), new FileStoreFactory(s), s, new SLF4JLogFactory(s),
                new DefaultMessageFactory());
    }

    void logon(Duration timeout) throws ConfigError, InterruptedException {
        initiator.start();
        if (!loggedOn.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new CommandFailure("no logon to " + sessionId.getTargetCompID() + " within " + timeout.toSeconds()
                    + " s: is the gateway running (./fixbridge run), and do the sequence numbers match (try --reset)?");
        }
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
            loggedOn.countDown();
        }
        @Override public void onLogout(SessionID id) {
            out.println("logged out");
        }
        @Override public void toAdmin(Message m, SessionID id) { }
        @Override public void fromAdmin(Message m, SessionID id) {
            try {
                String type = m.getHeader().getString(MsgType.FIELD);
                if ("3".equals(type) || ("5".equals(type) && m.isSetField(58))) {
                    out.println(ReportPrinter.format(m));
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
}

package io.fixbridge.gateway.harness;

import java.io.IOException;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;

import io.fixbridge.gateway.fix.FixAcceptor;
import quickfix.Application;
import quickfix.ConfigError;
import quickfix.DefaultMessageFactory;
import quickfix.FieldMap;
import quickfix.FieldNotFound;
import quickfix.FileLogFactory;
import quickfix.FileStoreFactory;
import quickfix.Message;
import quickfix.Session;
import quickfix.SessionID;
import quickfix.SessionNotFound;
import quickfix.SessionSettings;
import quickfix.SocketInitiator;
import quickfix.field.MsgSeqNum;
import quickfix.field.MsgType;

/**
 * The OMS: a QuickFIX/J initiator logging on to the gateway as OMS1, with a file message store
 * (sequence numbers and sent messages survive the gateway's restarts, so gaps are filled by FIX
 * resend), reconnecting every second, recording everything it sends and receives in the
 * {@link OmsLedger} and, one line each, in an events file for a person.
 *
 * <p><b>Threading:</b> thread-safe; QuickFIX/J calls the application on its session thread.
 * <b>Errors:</b> a bad configuration throws {@link HarnessFailure}; sending while the session is
 * down stores the message for resend, as QuickFIX/J does.
 */
public final class OmsClient implements AutoCloseable {
    private final SessionID sessionId = new SessionID("FIX.4.4", GatewayFiles.OMS, GatewayFiles.GATEWAY);
    private final SocketInitiator initiator;
    private final OmsLedger ledger;
    private final PrintWriter events;
    private final AtomicInteger logons = new AtomicInteger();
    private volatile boolean loggedOn;

    /**
     * @param fixPort the gateway's FIX port on 127.0.0.1
     * @param work    the harness work directory: {@code oms-store}, {@code oms-log} and {@code oms-events.log} go there
     */
    public OmsClient(int fixPort, Path work, OmsLedger ledger) {
        this.ledger = ledger;
        SessionSettings s = new SessionSettings();
        s.setString("ConnectionType", "initiator");
        s.setString("StartTime", "00:00:00");
        s.setString("EndTime", "00:00:00");
        s.setString("HeartBtInt", "5");
        s.setString("ReconnectInterval", "1");
        s.setString("FileStorePath", work.resolve("oms-store").toString());
        s.setString("FileLogPath", work.resolve("oms-log").toString());
        s.setString("DataDictionary", FixAcceptor.DICTIONARY);
        s.setString("ResetOnLogon", "N");
        s.setString("ResetOnLogout", "N");
        s.setString("ResetOnDisconnect", "N");
        s.setString("PersistMessages", "Y");
        s.setString(sessionId, "BeginString", "FIX.4.4");
        s.setString(sessionId, "SenderCompID", GatewayFiles.OMS);
        s.setString(sessionId, "TargetCompID", GatewayFiles.GATEWAY);
        s.setString(sessionId, "SocketConnectHost", "127.0.0.1");
        s.setString(sessionId, "SocketConnectPort", String.valueOf(fixPort));
        try {
            this.events = new PrintWriter(Files.newBufferedWriter(work.resolve("oms-events.log"), StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND), true);
            this.initiator = new SocketInitiator(new Recorder(), new FileStoreFactory(s), s, new FileLogFactory(s),
                    new DefaultMessageFactory());
        } catch (ConfigError | IOException e) {
            throw new HarnessFailure("cannot set up the OMS's FIX initiator: " + e.getMessage(), e);
        }
    }

    /** Starts connecting; it keeps trying every second. */
    public void start() {
        try {
            initiator.start();
        } catch (ConfigError e) {
            throw new HarnessFailure("cannot start the OMS's FIX initiator: " + e.getMessage(), e);
        }
    }

    /** Whether the session is logged on now. */
    public boolean loggedOn() {
        return loggedOn;
    }

    /** How many logons there have been. */
    public int logons() {
        return logons.get();
    }

    /** Sends a NewOrderSingle and records it. */
    public void newOrder(String clOrdId, String symbol, char side, BigDecimal qty, BigDecimal price) {
        Message m = new quickfix.fix44.NewOrderSingle();
        m.setString(11, clOrdId);
        m.setString(55, symbol);
        m.setChar(54, side);
        m.setString(38, qty.toPlainString());
        m.setChar(40, '2');
        m.setString(44, price.toPlainString());
        m.setChar(59, '1');
        m.setUtcTimeStamp(60, LocalDateTime.now(ZoneOffset.UTC), true);
        ledger.newOrder(clOrdId, side);
        note("send D 11=" + clOrdId + " " + (side == '1' ? "BUY " : "SELL ") + qty.toPlainString() + " @ " + price.toPlainString());
        send(m);
    }

    /** Sends an OrderCancelRequest for chain {@code root}, whose working ClOrdID is {@code orig}, and records it. */
    public void cancel(String root, String orig, String clOrdId, String symbol, char side) {
        Message m = new quickfix.fix44.OrderCancelRequest();
        m.setString(11, clOrdId);
        m.setString(41, orig);
        m.setString(55, symbol);
        m.setChar(54, side);
        m.setUtcTimeStamp(60, LocalDateTime.now(ZoneOffset.UTC), true);
        ledger.change(root, OmsRequest.Kind.CANCEL, clOrdId);
        note("send F 11=" + clOrdId + " 41=" + orig + " (chain " + root + ")");
        send(m);
    }

    /** Sends an OrderCancelReplaceRequest (new total quantity and price) for chain {@code root} and records it. */
    public void replace(String root, String orig, String clOrdId, String symbol, char side, BigDecimal qty, BigDecimal price) {
        Message m = new quickfix.fix44.OrderCancelReplaceRequest();
        m.setString(11, clOrdId);
        m.setString(41, orig);
        m.setString(55, symbol);
        m.setChar(54, side);
        m.setString(38, qty.toPlainString());
        m.setChar(40, '2');
        m.setString(44, price.toPlainString());
        m.setChar(59, '1');
        m.setUtcTimeStamp(60, LocalDateTime.now(ZoneOffset.UTC), true);
        ledger.change(root, OmsRequest.Kind.REPLACE, clOrdId);
        note("send G 11=" + clOrdId + " 41=" + orig + " (chain " + root + ") " + qty.toPlainString() + " @ " + price.toPlainString());
        send(m);
    }

    /** Writes one line to the events file. */
    public void note(String line) {
        events.println(LocalTime.now(ZoneOffset.UTC) + " " + line);
    }

    private void send(Message m) {
        try {
            Session.sendToTarget(m, sessionId);
        } catch (SessionNotFound e) {
            throw new HarnessFailure("the OMS's session " + sessionId + " is gone", e);
        }
    }

    @Override
    public void close() {
        initiator.stop(true);
        events.close();
    }

    private final class Recorder implements Application {
        @Override
        public void onCreate(SessionID id) {
            // the store holds the sequence numbers
        }

        @Override
        public void onLogon(SessionID id) {
            loggedOn = true;
            int n = logons.incrementAndGet();
            note("logon " + n);
        }

        @Override
        public void onLogout(SessionID id) {
            loggedOn = false;
            note("logged out / disconnected");
        }

        @Override
        public void toAdmin(Message m, SessionID id) {
            // nothing to add
        }

        @Override
        public void fromAdmin(Message m, SessionID id) {
            String type = get(m.getHeader(), MsgType.FIELD);
            if ("3".equals(type) || "5".equals(type) && m.isSetField(58)) {
                note("recv admin " + m.toString().replace('\u0001', '|'));
            }
        }

        @Override
        public void toApp(Message m, SessionID id) {
            // resends (PossDupFlag=Y) go as QuickFIX/J builds them
        }

        @Override
        public void fromApp(Message m, SessionID id) {
            String type = get(m.getHeader(), MsgType.FIELD);
            if (!"8".equals(type) && !"9".equals(type)) {
                note("recv other " + m.toString().replace('\u0001', '|'));
                return;
            }
            OmsReport r = new OmsReport(intValue(m.getHeader(), MsgSeqNum.FIELD), type, orNone(get(m, 11)), get(m, 41),
                    get(m, 17), charValue(m, 150), charValue(m, 39), decimal(m, 32), decimal(m, 31), get(m, 880),
                    decimal(m, 14), get(m, 58));
            String possDup = "Y".equals(get(m.getHeader(), 43)) ? " (PossDup)" : "";
            note("recv " + r.describe() + possDup);
            ledger.report(r);
        }
    }

    private static String orNone(String s) {
        return s == null ? "NONE" : s;
    }

    private static String get(FieldMap m, int tag) {
        try {
            return m.isSetField(tag) ? m.getString(tag) : null;
        } catch (FieldNotFound e) {
            return null;
        }
    }

    private static char charValue(FieldMap m, int tag) {
        String s = get(m, tag);
        return s == null || s.isEmpty() ? 0 : s.charAt(0);
    }

    private static int intValue(FieldMap m, int tag) {
        String s = get(m, tag);
        return s == null ? -1 : Integer.parseInt(s);
    }

    private static BigDecimal decimal(FieldMap m, int tag) {
        String s = get(m, tag);
        return s == null || s.isEmpty() ? null : new BigDecimal(s);
    }
}

package io.fixbridge.bench.load;

import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import quickfix.Application;
import quickfix.ConfigError;
import quickfix.DefaultMessageFactory;
import quickfix.FieldNotFound;
import quickfix.MemoryStoreFactory;
import quickfix.Message;
import quickfix.Session;
import quickfix.SessionID;
import quickfix.SessionSettings;
import quickfix.SocketInitiator;
import quickfix.field.ClOrdID;
import quickfix.field.ExDestination;
import quickfix.field.MsgType;
import quickfix.field.OrdType;
import quickfix.field.OrderQty;
import quickfix.field.OrigClOrdID;
import quickfix.field.Price;
import quickfix.field.Side;
import quickfix.field.Symbol;
import quickfix.field.TimeInForce;
import quickfix.field.TransactTime;
import quickfix.fix44.NewOrderSingle;
import quickfix.fix44.OrderCancelRequest;

/**
 * The OMS side of a load run: {@code M} FIX 4.4 initiator sessions to one acceptor (the gateway or
 * the bare QuickFIX/J acceptor), sending NewOrderSingles at a target rate (open loop) or flat out
 * (with a bound on orders in flight), and, when a run asks for it, an OrderCancelRequest for each
 * order as soon as it is acknowledged. Each run is measured by a {@link LoadTracker}.
 *
 * <p>The sessions keep no state between processes (memory store, ResetSeqNumFlag on logon) and do
 * not validate what they receive against a dictionary: the client should cost as little as it can,
 * since it shares the machine with what it measures.
 *
 * <p><b>Threading:</b> {@link #run} on one thread at a time (the caller's, which sends); reports
 * are handled on QuickFIX/J's single initiator thread, which also sends the cancels.
 * <b>Errors:</b> {@link IllegalStateException} when the sessions do not log on in time or a send fails.
 */
public final class LoadClient implements AutoCloseable {
    private static final Duration LOGON_TIMEOUT = Duration.ofSeconds(20);

    private final SocketInitiator initiator;
    private final List<SessionID> sessions = new ArrayList<>();
    private final java.util.Set<SessionID> loggedOn = new CopyOnWriteArraySet<>();
    private volatile LoadTracker current;

    private LoadClient(String host, int port, String targetCompId, List<String> senderCompIds) throws ConfigError {
        SessionSettings settings = new SessionSettings();
        settings.setString("ConnectionType", "initiator");
        settings.setString("SocketConnectHost", host);
        settings.setLong("SocketConnectPort", port);
        settings.setString("StartTime", "00:00:00");
        settings.setString("EndTime", "00:00:00");
        settings.setLong("HeartBtInt", 30);
        settings.setLong("ReconnectInterval", 1);
        settings.setString("UseDataDictionary", "N");
        settings.setString("ResetOnLogon", "Y");
        settings.setString("SocketTcpNoDelay", "Y");
        for (String sender : senderCompIds) {
            SessionID id = new SessionID("FIX.4.4", sender, targetCompId);
            settings.setString(id, "BeginString", "FIX.4.4");
            settings.setString(id, "SenderCompID", sender);
            settings.setString(id, "TargetCompID", targetCompId);
            sessions.add(id);
        }
        initiator = new SocketInitiator(new Handler(), new MemoryStoreFactory(), settings, LoadClient::errorsOnly,
                new DefaultMessageFactory());
    }

    /**
     * Connects every session and waits until all are logged on.
     *
     * @throws IllegalStateException when they are not logged on within 20 s
     */
    public static LoadClient connect(String host, int port, String targetCompId, List<String> senderCompIds) {
        LoadClient client;
        try {
            client = new LoadClient(host, port, targetCompId, senderCompIds);
            client.initiator.start();
        } catch (ConfigError e) {
            throw new IllegalStateException("load client settings: " + e.getMessage(), e);
        }
        long deadline = System.nanoTime() + LOGON_TIMEOUT.toNanos();
        while (client.loggedOn.size() < client.sessions.size()) {
            if (System.nanoTime() > deadline) {
                client.close();
                throw new IllegalStateException("only " + client.loggedOn.size() + " of " + senderCompIds.size()
                        + " load sessions logged on to " + host + ":" + port + " within " + LOGON_TIMEOUT.toSeconds() + " s");
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
        }
        return client;
    }

    /**
     * Sends one run's orders and waits for every answer (or {@code drain} after the last send);
     * returns what was measured.
     */
    public LoadResult run(LoadPhase phase, Duration drain) {
        LoadTracker tracker = new LoadTracker(phase);
        current = tracker;
        try {
            sendAll(phase, tracker);
            tracker.awaitSettled(drain);
            return tracker.result();
        } finally {
            current = null;
        }
    }

    private void sendAll(LoadPhase phase, LoadTracker tracker) {
        int total = phase.warmup() + phase.orders();
        double periodNanos = phase.rate() > 0 ? 1e9 / phase.rate() : 0;
        long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(1);
        for (int i = 0; i < total; i++) {
            if (phase.rate() > 0) {
                long due = start + (long) (i * periodNanos);
                for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
                    LockSupport.parkNanos(wait);
                }
                tracker.lag(i, System.nanoTime() - due);
            } else {
                while (tracker.inFlight() >= phase.maxInFlight()) {
                    LockSupport.parkNanos(20_000);
                }
            }
            send(sessions.get(i % sessions.size()), newOrder(phase, tracker, i), tracker, i);
        }
        tracker.allSent();
    }

    private static Message newOrder(LoadPhase phase, LoadTracker tracker, int i) {
        NewOrderSingle nos = new NewOrderSingle(new ClOrdID(tracker.orderId(i)), new Side(Side.BUY),
                new TransactTime(LocalDateTime.now(ZoneOffset.UTC)), new OrdType(OrdType.LIMIT));
        nos.set(new Symbol(phase.symbol()));
        nos.setString(OrderQty.FIELD, phase.quantity().toPlainString()); // exact decimals, never a double
        nos.setString(Price.FIELD, phase.price().toPlainString());
        nos.set(new TimeInForce(TimeInForce.GOOD_TILL_CANCEL));
        if (phase.venue() != null) {
            nos.set(new ExDestination(phase.venue()));
            nos.set(new quickfix.field.Account(LoadPhase.ACCOUNT));
        }
        return nos;
    }

    private static void send(SessionID session, Message message, LoadTracker tracker, int i) {
        tracker.sending(i);
        if (!Session.lookupSession(session).send(message)) {
            throw new IllegalStateException("session " + session + " could not send order " + i + " (logged out?)");
        }
    }

    private void cancel(SessionID session, LoadTracker tracker, int i) {
        LoadPhase phase = tracker.phase();
        OrderCancelRequest cancel = new OrderCancelRequest(new OrigClOrdID(tracker.orderId(i)),
                new ClOrdID(tracker.cancelId(i)), new Side(Side.BUY), new TransactTime(LocalDateTime.now(ZoneOffset.UTC)));
        cancel.set(new Symbol(phase.symbol()));
        cancel.setString(OrderQty.FIELD, phase.quantity().toPlainString());
        tracker.cancelling(i);
        if (!Session.lookupSession(session).send(cancel)) {
            tracker.problem("cancel of order " + i + " could not be sent on " + session);
        }
    }

    @Override
    public void close() {
        initiator.stop(true);
    }

    /**
     * The sessions' log: only QuickFIX/J's error events, on stderr. (Without a log factory
     * QuickFIX/J prints every message to stdout, which on a 2-core machine costs the load client,
     * and so every process it measures, a good part of a core.)
     */
    private static quickfix.Log errorsOnly(SessionID session) {
        return new quickfix.Log() {
            @Override
            public void clear() {
            }

            @Override
            public void onIncoming(String message) {
            }

            @Override
            public void onOutgoing(String message) {
            }

            @Override
            public void onEvent(String text) {
            }

            @Override
            public void onErrorEvent(String text) {
                System.err.println("load client " + session + ": " + text);
            }
        };
    }

    /** QuickFIX/J callbacks, on the initiator's thread. */
    private final class Handler implements Application {
        @Override
        public void onCreate(SessionID id) {
        }

        @Override
        public void onLogon(SessionID id) {
            loggedOn.add(id);
        }

        @Override
        public void onLogout(SessionID id) {
            if (loggedOn.remove(id)) {
                LoadTracker t = current;
                if (t != null) {
                    t.problem("session " + id + " logged out during the run");
                }
            }
        }

        @Override
        public void toAdmin(Message message, SessionID id) {
        }

        @Override
        public void fromAdmin(Message message, SessionID id) {
            LoadTracker t = current;
            if (t != null && isType(message, MsgType.REJECT)) {
                t.problem("session reject: " + text(message));
            }
        }

        @Override
        public void toApp(Message message, SessionID id) {
        }

        @Override
        public void fromApp(Message message, SessionID id) {
            long now = System.nanoTime();
            LoadTracker t = current;
            if (t == null) {
                return;
            }
            try {
                String type = message.getHeader().getString(MsgType.FIELD);
                switch (type) {
                    case MsgType.EXECUTION_REPORT -> report(t, message, id, now);
                    case MsgType.ORDER_CANCEL_REJECT -> t.cancelRejected(t.indexOf(message.getString(OrigClOrdID.FIELD)), text(message));
                    default -> t.problem("unexpected message 35=" + type + ": " + text(message));
                }
            } catch (FieldNotFound e) {
                t.problem("a report without tag " + e.field + ": " + message);
            }
        }

        private void report(LoadTracker t, Message message, SessionID id, long now) throws FieldNotFound {
            char execType = message.getChar(quickfix.field.ExecType.FIELD);
            String clOrdId = message.getString(ClOrdID.FIELD);
            int i = t.indexOf(clOrdId);
            if (i < 0) {
                return; // a report of an earlier run's order (its cancel, say)
            }
            switch (execType) {
                case quickfix.field.ExecType.PENDING_NEW -> t.pendingNew(i, now);
                case quickfix.field.ExecType.NEW -> {
                    if (t.acknowledged(i, now) && t.phase().cancel()) {
                        cancel(id, t, i);
                    }
                }
                case quickfix.field.ExecType.REJECTED -> t.rejected(i, text(message));
                case quickfix.field.ExecType.CANCELED -> t.canceled(i, now);
                case quickfix.field.ExecType.PENDING_CANCEL -> {
                    // the gateway's acknowledgment of the cancel request; the Canceled follows
                }
                default -> t.problem("unexpected ExecType(150)=" + execType + " for " + clOrdId + ": " + text(message));
            }
        }

        private static boolean isType(Message message, String type) {
            try {
                return type.equals(message.getHeader().getString(MsgType.FIELD));
            } catch (FieldNotFound e) {
                return false;
            }
        }

        private static String text(Message message) {
            try {
                return message.getString(quickfix.field.Text.FIELD);
            } catch (FieldNotFound e) {
                return message.toString().replace('\u0001', '|');
            }
        }
    }
}

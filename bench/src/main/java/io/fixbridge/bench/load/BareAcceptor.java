package io.fixbridge.bench.load;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;

import quickfix.Application;
import quickfix.ConfigError;
import quickfix.DefaultMessageFactory;
import quickfix.FieldNotFound;
import quickfix.FileLogFactory;
import quickfix.FileStoreFactory;
import quickfix.Message;
import quickfix.Session;
import quickfix.SessionID;
import quickfix.SessionSettings;
import quickfix.ThreadedSocketAcceptor;
import quickfix.field.AvgPx;
import quickfix.field.ClOrdID;
import quickfix.field.CumQty;
import quickfix.field.ExecID;
import quickfix.field.ExecType;
import quickfix.field.LeavesQty;
import quickfix.field.MsgType;
import quickfix.field.OrdStatus;
import quickfix.field.OrderID;
import quickfix.field.OrderQty;
import quickfix.field.OrigClOrdID;
import quickfix.field.Price;
import quickfix.field.Side;
import quickfix.field.Symbol;
import quickfix.field.TransactTime;
import quickfix.fix44.ExecutionReport;

/**
 * Baseline (a): a bare QuickFIX/J acceptor that acknowledges each order at once — the floor of
 * any QuickFIX/J-based gateway. It runs QuickFIX/J as the gateway does (a
 * {@link ThreadedSocketAcceptor}, the gateway's data dictionary with validation, a file message
 * store and a file message log), and answers each NewOrderSingle with the two reports the gateway
 * sends before and after the venue (PendingNew, then New) and each OrderCancelRequest with Canceled,
 * without any order state, journal or venue in between.
 *
 * <p>{@code main(port, dataDirectory, senderCompId, targetCompId...)}; prints
 * {@code bare acceptor listening on <port>} once it accepts. <b>Threading:</b> QuickFIX/J's session
 * threads. <b>Errors:</b> a bad setting ends the process with exit code 1.
 */
public final class BareAcceptor implements Application {
    static final String READY_LINE = "bare acceptor listening on ";
    private final AtomicLong ids = new AtomicLong();

    public static void main(String[] args) throws Exception {
        if (args.length < 4) {
            System.err.println("usage: BareAcceptor <port> <dataDirectory> <senderCompId> <targetCompId>...");
            System.exit(2);
        }
        SessionSettings settings = settings(Integer.parseInt(args[0]), Path.of(args[1]), args[2],
                java.util.Arrays.copyOfRange(args, 3, args.length));
        try {
            ThreadedSocketAcceptor acceptor = new ThreadedSocketAcceptor(new BareAcceptor(), new FileStoreFactory(settings),
                    settings, new FileLogFactory(settings), new DefaultMessageFactory());
            acceptor.start();
        } catch (ConfigError e) {
            System.err.println("bare acceptor: " + e.getMessage());
            System.exit(1);
        }
        System.out.println(READY_LINE + args[0]);
        System.out.flush();
        new CountDownLatch(1).await();
    }

    /** The gateway's shipped session settings (fix-config/sessions.cfg), for these sessions. */
    static SessionSettings settings(int port, Path data, String sender, String... targets) {
        SessionSettings s = new SessionSettings();
        s.setString("ConnectionType", "acceptor");
        s.setString("SocketAcceptAddress", "127.0.0.1");
        s.setLong("SocketAcceptPort", port);
        s.setString("SenderCompID", sender);
        s.setString("StartTime", "00:00:00");
        s.setString("EndTime", "00:00:00");
        s.setLong("HeartBtInt", 30);
        s.setString("UseDataDictionary", "Y");
        s.setString("DataDictionary", "FIXBRIDGE-FIX44.xml");
        s.setString("ValidateUserDefinedFields", "Y");
        s.setString("ValidateIncomingMessage", "Y");
        s.setString("ResetOnLogon", "N");
        s.setString("ResetOnLogout", "N");
        s.setString("ResetOnDisconnect", "N");
        s.setString("PersistMessages", "Y");
        s.setString("FileStorePath", data.resolve("fix-store").toString());
        s.setString("FileLogPath", data.resolve("fix-log").toString());
        for (String target : targets) {
            SessionID id = new SessionID("FIX.4.4", sender, target);
            s.setString(id, "BeginString", "FIX.4.4");
            s.setString(id, "TargetCompID", target);
        }
        return s;
    }

    @Override
    public void fromApp(Message message, SessionID session) throws FieldNotFound {
        String type = message.getHeader().getString(MsgType.FIELD);
        if (MsgType.ORDER_SINGLE.equals(type)) {
            String orderId = "B" + ids.incrementAndGet();
            send(session, report(message, orderId, ExecType.PENDING_NEW, OrdStatus.PENDING_NEW, message.getString(ClOrdID.FIELD)));
            send(session, report(message, orderId, ExecType.NEW, OrdStatus.NEW, message.getString(ClOrdID.FIELD)));
        } else if (MsgType.ORDER_CANCEL_REQUEST.equals(type)) {
            ExecutionReport canceled = report(message, "B" + ids.incrementAndGet(), ExecType.CANCELED, OrdStatus.CANCELED,
                    message.getString(ClOrdID.FIELD));
            canceled.set(new OrigClOrdID(message.getString(OrigClOrdID.FIELD)));
            send(session, canceled);
        }
    }

    private ExecutionReport report(Message request, String orderId, char execType, char ordStatus, String clOrdId)
            throws FieldNotFound {
        double qty = request.getDouble(OrderQty.FIELD);
        boolean open = execType != ExecType.CANCELED;
        ExecutionReport er = new ExecutionReport(new OrderID(orderId), new ExecID("E" + ids.incrementAndGet()),
                new ExecType(execType), new OrdStatus(ordStatus), new Side(request.getChar(Side.FIELD)),
                new LeavesQty(open ? qty : 0), new CumQty(0), new AvgPx(0));
        er.set(new ClOrdID(clOrdId));
        er.set(new Symbol(request.getString(Symbol.FIELD)));
        er.set(new OrderQty(qty));
        if (request.isSetField(Price.FIELD)) {
            er.set(new Price(request.getDouble(Price.FIELD)));
        }
        er.set(new TransactTime());
        return er;
    }

    private static void send(SessionID session, Message message) {
        Session.lookupSession(session).send(message);
    }

    @Override
    public void onCreate(SessionID sessionId) {
    }

    @Override
    public void onLogon(SessionID sessionId) {
    }

    @Override
    public void onLogout(SessionID sessionId) {
    }

    @Override
    public void toAdmin(Message message, SessionID sessionId) {
    }

    @Override
    public void fromAdmin(Message message, SessionID sessionId) {
    }

    @Override
    public void toApp(Message message, SessionID sessionId) {
    }
}

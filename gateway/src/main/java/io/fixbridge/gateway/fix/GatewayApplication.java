package io.fixbridge.gateway.fix;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import io.fixbridge.gateway.config.SessionProfile;
import io.fixbridge.gateway.config.SessionRole;
import io.fixbridge.gateway.ops.FixMetrics;
import io.fixbridge.gateway.order.OrderEngine;
import io.fixbridge.gateway.translate.AccountReports;
import io.fixbridge.gateway.translate.ExecutionReports;
import io.fixbridge.gateway.translate.FixInbound;
import io.fixbridge.gateway.translate.MarketDataRequests;
import io.fixbridge.gateway.translate.SecurityLists;
import quickfix.Application;
import quickfix.DoNotSend;
import quickfix.FieldNotFound;
import quickfix.Message;
import quickfix.RejectLogon;
import quickfix.Session;
import quickfix.SessionID;
import quickfix.SessionNotFound;
import quickfix.field.MsgType;
import quickfix.field.PossDupFlag;

/**
 * The gateway's QuickFIX/J application: takes the application messages of order-entry sessions,
 * reads them through the translate layer and hands them to the order engine. The session layer
 * (logon, heartbeats, sequence numbers, resend) is QuickFIX/J's.
 *
 * <p>Called on QuickFIX/J's session threads (one per session). Never throws for bad input:
 * every message gets an answer.
 */
public final class GatewayApplication implements Application {
    private static final Logger LOG = LoggerFactory.getLogger(GatewayApplication.class);
    /** BusinessRejectReason(380) 3: unsupported message type. */
    private static final int UNSUPPORTED_MESSAGE_TYPE = 3;
    /** BusinessRejectReason(380) 6: not authorized. */
    private static final int NOT_AUTHORIZED = 6;
    /** How long a session thread waits for the order engine to take a request. */
    private static final Duration TAKE_TIMEOUT = Duration.ofSeconds(30);

    /** What may be sent again on a resend: reports of what happened, never requests. */
    private static final Set<String> RESENDABLE = Set.of(MsgType.EXECUTION_REPORT,
            MsgType.ORDER_CANCEL_REJECT, MsgType.BUSINESS_MESSAGE_REJECT);

    /** Reference, market and account data requests: answered by role, never journaled. */
    private static final Set<String> DATA_REQUESTS = Set.of(MsgType.SECURITY_LIST_REQUEST, MsgType.MARKET_DATA_REQUEST,
            MsgType.REQUEST_FOR_POSITIONS, MsgType.COLLATERAL_INQUIRY);

    private final Map<String, SessionProfile> profiles;
    private final OrderEngine engine;
    private final LogonGuard logonGuard = new LogonGuard();

    private final FixMetrics metrics;
    private final DataServices data;

    public GatewayApplication(Map<String, SessionProfile> profiles, OrderEngine engine, FixMetrics metrics, DataServices data) {
        this.profiles = Map.copyOf(profiles);
        this.engine = engine;
        this.metrics = metrics;
        this.data = data;
    }

    @Override
    public void onCreate(SessionID sessionId) {
        LOG.info("FIX session {} ready", sessionId);
    }

    @Override
    public void onLogon(SessionID sessionId) {
        LOG.info("FIX session {} logged on", sessionId);
        metrics.loggedOn(sessionId.getTargetCompID(), true);
    }

    @Override
    public void onLogout(SessionID sessionId) {
        LOG.info("FIX session {} logged out", sessionId);
        metrics.loggedOn(sessionId.getTargetCompID(), false);
        data.marketData().sessionDown(sessionId);
        SessionProfile profile = profiles.get(sessionId.getTargetCompID());
        if (profile != null && profile.cancelOnDisconnect()) {
            engine.onSessionDown(sessionId);
        }
    }

    @Override
    public void toAdmin(Message message, SessionID sessionId) {
        metrics.out(sessionId.getTargetCompID(), message);
    }

    /**
     * Checks a Logon: first the session's allowed addresses and credentials ({@link LogonGuard};
     * a refusal is a Logout with a Text, then the connection closes), then refuses logons while
     * the order engine reconciles the orders of the last run after a restart, so no new order
     * arrives before the old ones are settled; the OMS's initiator logs on again by itself.
     * QuickFIX/J refuses unknown CompIDs before this is called.
     */
    @Override
    public void fromAdmin(Message message, SessionID sessionId) throws RejectLogon {
        metrics.in(sessionId.getTargetCompID(), message);
        if (!MsgType.LOGON.equals(msgType(message))) {
            return;
        }
        SessionProfile profile = profiles.get(sessionId.getTargetCompID());
        if (profile == null) {
            LOG.warn("FIX session {}: logon refused, the session has no entry under sessions: in gateway.yaml", sessionId);
            throw new RejectLogon("logon refused: this session is not configured on the gateway");
        }
        Session session = Session.lookupSession(sessionId);
        java.util.Optional<LogonGuard.Refusal> refusal = logonGuard.check(sessionId, profile.auth(), message,
                session == null ? null : session.getRemoteAddress());
        if (refusal.isPresent()) {
            metrics.logonRefused(sessionId.getTargetCompID(), refusal.get().metricReason());
            throw new RejectLogon(refusal.get().text());
        }
        if (!engine.isReady()) {
            LOG.info("FIX session {}: logon refused, the gateway is still reconciling orders after a restart", sessionId);
            metrics.logonRefused(sessionId.getTargetCompID(), "not_ready");
            throw new RejectLogon("the gateway is reconciling its orders with the venues after a restart; log on again in a few seconds");
        }
    }

    /**
     * Lets reports be resent, never stale requests: on a resend (PossDupFlag set) a message other
     * than an ExecutionReport, OrderCancelReject or BusinessMessageReject is refused with
     * {@link DoNotSend}, so QuickFIX/J sends a gap fill in its place. The gateway sends only
     * those three today; this keeps a message added later from being replayed as if new.
     */
    @Override
    public void toApp(Message message, SessionID sessionId) throws DoNotSend {
        if (isResend(message) && !RESENDABLE.contains(msgType(message))) {
            LOG.info("FIX session {}: not resending a {} message; a gap fill goes instead", sessionId, msgType(message));
            throw new DoNotSend();
        }
        metrics.out(sessionId.getTargetCompID(), message);
    }

    private static boolean isResend(Message message) {
        try {
            return message.getHeader().isSetField(PossDupFlag.FIELD) && message.getHeader().getBoolean(PossDupFlag.FIELD);
        } catch (FieldNotFound e) {
            return false;
        }
    }

    private static String msgType(Message message) {
        try {
            return message.getHeader().getString(MsgType.FIELD);
        } catch (FieldNotFound e) {
            return "";
        }
    }

    /**
     * Hands the message to the order engine and waits until the engine has journaled and answered
     * it. QuickFIX/J counts the message's sequence number as received only when this returns, so
     * a message the gateway dies with before journaling is asked for again after the restart
     * (and a resent one the journal has is answered with its status, never taken twice).
     */
    @Override
    public void fromApp(Message message, SessionID sessionId) throws FieldNotFound {
        SessionProfile profile = profiles.get(sessionId.getTargetCompID());
        String type = message.getHeader().getString(MsgType.FIELD);
        metrics.in(sessionId.getTargetCompID(), message);
        if (DATA_REQUESTS.contains(type)) {
            serveData(message, sessionId, profile, type);
            return;
        }
        if (profile.role() == SessionRole.MARKET_DATA) {
            send(sessionId, ExecutionReports.businessReject(message, NOT_AUTHORIZED,
                    "this is a market data session: it may send MarketDataRequest (V) and SecurityListRequest (x), not MsgType(35)="
                            + type + "; send orders on an order-entry session"));
            return;
        }
        if (profile.role() == SessionRole.DROP_COPY) {
            send(sessionId, ExecutionReports.businessReject(message, NOT_AUTHORIZED,
                    "this is a drop-copy session: it receives copies of the ExecutionReports and OrderCancelRejects of the "
                            + "order-entry sessions in its scope and may not send MsgType(35)=" + type + "; send orders on an order-entry session"));
            return;
        }
        if (message.isSetField(quickfix.field.ClOrdID.FIELD)) {
            MDC.put("session", sessionId.getTargetCompID());
            MDC.put("clOrdId", message.getString(quickfix.field.ClOrdID.FIELD));
        }
        try {
            take(message, sessionId, profile, type);
        } finally {
            MDC.remove("session");
            MDC.remove("clOrdId");
        }
    }

    /**
     * Answers a reference, market or account data request, if the session's role allows it:
     * security lists on every session; market data on order-entry and market data sessions;
     * positions and balances on order-entry and drop-copy sessions.
     */
    private void serveData(Message message, SessionID sessionId, SessionProfile profile, String type) throws FieldNotFound {
        SessionRole role = profile.role();
        boolean allowed = switch (type) {
            case MsgType.MARKET_DATA_REQUEST -> role != SessionRole.DROP_COPY;
            case MsgType.REQUEST_FOR_POSITIONS, MsgType.COLLATERAL_INQUIRY -> role != SessionRole.MARKET_DATA;
            default -> true;
        };
        if (!allowed) {
            send(sessionId, ExecutionReports.businessReject(message, NOT_AUTHORIZED, "MsgType(35)=" + type
                    + " is not served on a " + role.configName() + " session: market data goes to order-entry and marketdata "
                    + "sessions, positions and balances to order-entry and dropcopy sessions"));
            return;
        }
        String venue = profile.defaultVenue();
        switch (type) {
            case MsgType.SECURITY_LIST_REQUEST -> SecurityLists.answer(message, data.venueNames(), data.instruments(), venue)
                    .forEach(m -> send(sessionId, m));
            case MsgType.MARKET_DATA_REQUEST -> {
                MarketDataRequests.Parsed parsed = MarketDataRequests.parse(message, venue);
                if (parsed.reject() != null) {
                    data.marketData().refuse(sessionId, parsed.reject());
                } else {
                    data.marketData().request(sessionId, parsed.request());
                }
            }
            case MsgType.REQUEST_FOR_POSITIONS -> data.accounts().positions(sessionId, AccountReports.positionsRequest(message, venue));
            case MsgType.COLLATERAL_INQUIRY -> data.accounts().balances(sessionId,
                    AccountReports.collateralInquiry(message, venue, profile.defaultAccount()));
            default -> throw new IllegalStateException("not a data request: " + type);
        }
    }

    private void take(Message message, SessionID sessionId, SessionProfile profile, String type) throws FieldNotFound {
        switch (type) {
            case MsgType.ORDER_SINGLE -> taken(engine.onNewOrder(sessionId, profile, message, FixInbound.newOrder(message)), type);
            case MsgType.ORDER_LIST -> taken(engine.onNewOrderList(sessionId, profile, message, FixInbound.newOrderList(message)), type);
            case MsgType.ORDER_CANCEL_REQUEST -> taken(engine.onCancel(sessionId, message, FixInbound.cancel(message)), type);
            case MsgType.ORDER_CANCEL_REPLACE_REQUEST -> taken(engine.onReplace(sessionId, message, FixInbound.replace(message)), type);
            case MsgType.ORDER_STATUS_REQUEST -> taken(engine.onStatusRequest(sessionId, message, FixInbound.statusRequest(message)), type);
            case MsgType.ORDER_MASS_STATUS_REQUEST ->
                    taken(engine.onMassStatusRequest(sessionId, message, FixInbound.massStatusRequest(message)), type);
            default -> send(sessionId, ExecutionReports.businessReject(message, UNSUPPORTED_MESSAGE_TYPE,
                    "MsgType(35)=" + type + " is not supported on an order-entry session; supported: "
                            + "D (NewOrderSingle), E (NewOrderList, OCO), F (OrderCancelRequest), G (OrderCancelReplaceRequest), H (OrderStatusRequest), "
                            + "AF (OrderMassStatusRequest), x (SecurityListRequest), V (MarketDataRequest), AN (RequestForPositions), BB (CollateralInquiry)"));
        }
    }

    /**
     * Waits for the engine to have taken a request: typically a millisecond or less, one journal
     * force per record with {@code journal.fsync: always}, longer only if the disk stalls. After
     * {@link #TAKE_TIMEOUT} the wait ends with an ERROR so the session thread is not held forever;
     * the request is still processed when the engine gets to it, but its sequence number then
     * counts as received before it is journaled.
     */
    private static void taken(CompletableFuture<Void> done, String type) {
        try {
            done.get(TAKE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            LOG.error("the order engine could not take a {} message", type, e.getCause());
        } catch (TimeoutException e) {
            LOG.error("the order engine has not taken a {} message after {} s; continuing", type, TAKE_TIMEOUT.toSeconds());
        }
    }

    /** Sends on a session; a session that is not logged on keeps the message for resend. */
    public static void send(SessionID sessionId, Message message) {
        try {
            Session.sendToTarget(message, sessionId);
        } catch (SessionNotFound e) {
            LOG.error("cannot send {} to unknown session {}", message.getClass().getSimpleName(), sessionId);
        }
    }
}

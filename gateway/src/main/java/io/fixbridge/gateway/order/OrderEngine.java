package io.fixbridge.gateway.order;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import io.fixbridge.gateway.config.EngineSettings;
import io.fixbridge.gateway.journal.CompactionResult;
import io.fixbridge.gateway.journal.Journal;
import io.fixbridge.gateway.journal.JournalRecord;
import io.fixbridge.gateway.journal.JournalUnavailableException;
import io.fixbridge.gateway.config.SessionProfile;
import io.fixbridge.gateway.risk.KillSwitch;
import io.fixbridge.gateway.risk.KillSwitches;
import io.fixbridge.gateway.risk.PreTradeRisk;
import io.fixbridge.gateway.risk.RiskBreach;
import io.fixbridge.gateway.risk.RiskOrder;
import io.fixbridge.gateway.route.Router;
import io.fixbridge.gateway.route.Venue;
import io.fixbridge.gateway.route.VenueRegistry;
import io.fixbridge.gateway.translate.ExecutionReports;
import io.fixbridge.gateway.translate.FixInbound;
import io.fixbridge.gateway.translate.FixValues;
import io.fixbridge.gateway.translate.Inbound;
import io.fixbridge.gateway.translate.Inbound.Parsed;
import io.fixbridge.gateway.translate.Inbound.Refusal;
import io.fixbridge.venue.CancelRequest;
import io.fixbridge.venue.Instrument;
import io.fixbridge.venue.OcoRequest;
import io.fixbridge.venue.OrderEvent;
import io.fixbridge.venue.OrderRequest;
import io.fixbridge.venue.OrderSnapshot;
import io.fixbridge.venue.RejectReason;
import io.fixbridge.venue.ReplaceRequest;
import io.fixbridge.venue.VenueError;
import io.fixbridge.venue.VenueException;
import quickfix.Message;
import quickfix.SessionID;

/**
 * Owns all order state on one thread. FIX requests (already parsed by the translate layer) and
 * venue events and answers meet in its queue; it checks, routes, sends to the adapter, applies
 * what the venue says through the {@link OrderStateMachine} and reports to the owning session.
 *
 * <h2>Threading</h2>
 * The {@code on...} methods may be called from any thread: they only enqueue. Everything else
 * runs on the engine thread; no state is shared, so there are no locks.
 *
 * <h2>Unknown outcomes</h2>
 * Only a definitive venue answer rejects an order. A submit whose outcome is unknown leaves the
 * order pending and is settled by status queries with exponential backoff; the order is
 * rejected as never received only once the venue has answered "no such order" for longer than
 * {@link EngineSettings#notFoundGrace()}. It is never sent twice.
 *
 * <h2>Journal</h2>
 * Every accepted order, every ClOrdID a cancel or replace uses and every report is appended to the
 * {@link Journal} before the OMS hears of it. An order the journal cannot take is refused with a
 * Text saying so; a report it cannot take is still sent (the venue holds the truth, and a restart
 * reconciles with it). The {@code on...} inputs complete their future once the request is
 * journaled and answered, so the FIX layer can hold the message's sequence number until then.
 *
 * <h2>Restart</h2>
 * {@link #replay()} rebuilds the orders from the journal; {@link #reconcile(List)} then asks the
 * venues about every order that was open or pending, sends the reports the OMS missed, and only
 * when every one is settled does {@link #isReady()} turn true.
 */
public final class OrderEngine implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(OrderEngine.class);
    /** The Text of the report of an order canceled because its session went away. */
    static final String CANCELED_ON_DISCONNECT = "canceled on disconnect: the FIX session logged out or its connection dropped";
    /** The Text of a reject of an order the journal could not take. */
    static final String JOURNAL_UNAVAILABLE = "the gateway cannot record new orders or replaces: its order journal is "
            + "unavailable (disk full or not writable); nothing was sent to the venue";
    /** The Text of a reject of an order the venue never received before a restart. */
    static final String NEVER_RECEIVED = "the gateway restarted before the venue confirmed this order, and the venue "
            + "has no record of it: it was never received and is not working";

    /** BusinessRejectReason(380) 0: other. */
    private static final int BUSINESS_REJECT_OTHER = 0;
    /** CxlRejReason(102) 2, Broker / Exchange Option: a replace the gateway's own risk limits refuse. */
    private static final int CXL_REJ_BROKER_OPTION = 2;

    private final ScheduledExecutorService thread;
    private final ScheduledThreadPoolExecutor executor;
    /** Effects of the engine tasks since the last group commit; engine thread only. */
    private final Outbox outbox = new Outbox();
    /** Engine tasks run since the last group commit; engine thread only. */
    private int tasksSinceCommit;
    /** Most engine tasks one group commit covers: bounds what waits for one force under load. */
    private static final int MAX_BATCH = 256;
    /** How often done orders past their retention are looked for (at most; the retention if shorter). */
    private static final long DONE_SWEEP_MILLIS = 1_000;
    /**
     * Forces the journal once per batch and then releases the batch's effects, batch after batch
     * in order, so the engine thread goes on with the next batch instead of waiting on the disk
     * and the sockets.
     */
    private final java.util.concurrent.ThreadPoolExecutor committer;
    private final VenueRegistry venues;
    private final Router router;
    private final ReportSink sink;
    private final EngineSettings settings;
    private final Clock clock;
    private final OrderIds orderIds;
    private final OrderRegistry registry = new OrderRegistry();
    private final Map<String, SessionID> sessions = new ConcurrentHashMap<>();
    private final Journal journal;
    private final EngineObserver observer;
    private final KillSwitches killSwitches;
    private final PreTradeRisk risk;
    /** Pending orders the restart's reconciliation still waits to see settled; engine thread only. */
    private final Set<GatewayOrder> reconciling = new HashSet<>();
    /** Acknowledged open orders whose status query after the restart has not been answered yet. */
    private final Set<GatewayOrder> refreshing = new HashSet<>();
    /** Sessions that cancel on disconnect, whose orders are canceled once reconciliation is over. */
    private List<SessionID> downAtStart = List.of();
    private final CompletableFuture<Void> reconciled = new CompletableFuture<>();
    /** The journal's last report when the process started: it may not have been sent. */
    private JournalRecord.StateChanged lastBeforeRestart;
    private volatile boolean ready;

    /**
     * @param venues   the connected venues
     * @param sink     where reports go
     * @param settings how unknown outcomes are settled
     * @param clock    the time stamped on journal records and events
     * @param journal  the order journal, opened and not yet replayed
     * @param observer what operations learn of the orders (metrics)
     * @param killSwitches the engaged kill switches, asked before every new order and replace
     * @param risk     the pre-trade limits, checked after the venue's own rules and before anything is sent;
     *                 told of every change of every order
     */
    public OrderEngine(VenueRegistry venues, ReportSink sink, EngineSettings settings, Clock clock, Journal journal,
                       EngineObserver observer, KillSwitches killSwitches, PreTradeRisk risk) {
        this.journal = java.util.Objects.requireNonNull(journal, "journal");
        this.observer = java.util.Objects.requireNonNull(observer, "observer");
        this.killSwitches = java.util.Objects.requireNonNull(killSwitches, "killSwitches");
        this.risk = java.util.Objects.requireNonNull(risk, "risk");
        this.venues = venues;
        this.router = new Router(venues);
        this.sink = sink;
        this.settings = settings;
        this.clock = clock;
        this.orderIds = new OrderIds(clock.millis());
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "fixbridge-engine");
            t.setDaemon(true);
            return t;
        });
        executor.setRemoveOnCancelPolicy(true);
        // settle loops must not outlive close(): the journal is closed after the engine stops
        executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        executor.setContinueExistingPeriodicTasksAfterShutdownPolicy(false);
        this.thread = executor;
        this.executor = executor;
        this.committer = new java.util.concurrent.ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS,
                new java.util.concurrent.LinkedBlockingQueue<>(), r -> {
                    Thread t = new Thread(r, "fixbridge-commit");
                    t.setDaemon(true);
                    return t;
                });
        long sweep = Math.max(1, Math.min(settings.doneOrderRetention().toMillis(), DONE_SWEEP_MILLIS));
        executor.scheduleWithFixedDelay(guarded(this::forgetDoneOrders), sweep, sweep, TimeUnit.MILLISECONDS);
    }

    // ---------------------------------------------------------------- inputs, any thread

    /**
     * A NewOrderSingle from an order-entry session. Like every request input, the future completes
     * once the request is journaled and answered (or refused).
     */
    public CompletableFuture<Void> onNewOrder(SessionID session, SessionProfile profile, Message raw, Parsed<Inbound.NewOrder> parsed) {
        long fixIn = System.nanoTime();
        return execute(() -> newOrder(session, profile, raw, parsed, fixIn));
    }

    /** A NewOrderList (one cancels the other) from an order-entry session. */
    public CompletableFuture<Void> onNewOrderList(SessionID session, SessionProfile profile, Message raw, Parsed<Inbound.NewOrderList> parsed) {
        return execute(() -> newOrderList(session, profile, raw, parsed));
    }

    /** An OrderCancelRequest. */
    public CompletableFuture<Void> onCancel(SessionID session, Message raw, Parsed<Inbound.Cancel> parsed) {
        return execute(() -> cancel(session, raw, parsed));
    }

    /** An OrderCancelReplaceRequest. */
    public CompletableFuture<Void> onReplace(SessionID session, Message raw, Parsed<Inbound.Replace> parsed) {
        return execute(() -> replace(session, raw, parsed));
    }

    /** An OrderStatusRequest. */
    public CompletableFuture<Void> onStatusRequest(SessionID session, Message raw, Parsed<Inbound.StatusRequest> parsed) {
        return execute(() -> status(session, raw, parsed));
    }

    /** An OrderMassStatusRequest: the session's open orders, one status report each. */
    public CompletableFuture<Void> onMassStatusRequest(SessionID session, Message raw, Parsed<Inbound.MassStatusRequest> parsed) {
        return execute(() -> massStatus(session, raw, parsed));
    }

    /**
     * The session logged out or its connection dropped, and it asked for cancel on disconnect: its
     * open orders are canceled at their venues. The reports go to the session's message store and
     * reach the OMS by resend after its next logon.
     */
    public void onSessionDown(SessionID session) {
        execute(() -> sessionDown(session));
    }

    /** An event from a venue's stream. Called on adapter threads; only enqueues. */
    public void onVenueEvent(String venue, OrderEvent event) {
        long received = System.nanoTime();
        execute(() -> venueEvent(venue, event, received));
    }

    /**
     * A kill switch was engaged: its open orders are canceled at their venues (each reported to its
     * session as an unsolicited cancel with the switch's Text); orders still pending at the venue
     * are canceled once it acknowledges them. New orders and replaces in its scope are refused for
     * as long as {@link KillSwitches} holds it. The future tells how many cancels were sent.
     */
    public CompletableFuture<Integer> onKillSwitch(KillSwitch killSwitch) {
        CompletableFuture<Integer> canceled = new CompletableFuture<>();
        execute(() -> canceled.complete(killOpenOrders(killSwitch))).whenComplete((v, failure) -> {
            if (failure != null) {
                canceled.completeExceptionally(failure);
            }
        });
        return canceled;
    }

    /** What each session and account has open and has filled, as the risk limits count it; read on the engine thread. */
    public CompletableFuture<Map<String, Map<String, Object>>> riskUsage() {
        CompletableFuture<Map<String, Map<String, Object>>> usage = new CompletableFuture<>();
        execute(() -> usage.complete(risk.usage())).whenComplete((v, failure) -> {
            if (failure != null) {
                usage.completeExceptionally(failure);
            }
        });
        return usage;
    }

    /** Publishes the open orders per venue to the observer every {@code every}, on the engine thread. */
    public void observeEvery(Duration every) {
        thread.scheduleWithFixedDelay(guarded(this::publishOpenOrders), 0, every.toMillis(), TimeUnit.MILLISECONDS);
    }

    // ---------------------------------------------------------------- restart

    /**
     * Rebuilds the orders from the journal. Called once, before any FIX input or venue event is
     * taken; blocks until done.
     *
     * @return how many records were read and how many orders are not done
     * @throws JournalUnavailableException the journal could not be read
     */
    public ReplaySummary replay() throws JournalUnavailableException {
        CompletableFuture<ReplaySummary> done = new CompletableFuture<>();
        thread.execute(() -> {
            try {
                JournalReplay replay = new JournalReplay(registry);
                journal.replay(replay::accept);
                replay.orders().values().forEach(o -> sessions.computeIfAbsent(o.session(), SessionID::new));
                lastBeforeRestart = replay.last();
                registry.all().forEach(o -> risk.update(riskOrder(o, o.terms())));
                long open = registry.all().stream().filter(GatewayOrder::isLive).count();
                done.complete(new ReplaySummary(replay.records(), replay.orders().size(), open, replay.skipped()));
            } catch (JournalUnavailableException | RuntimeException e) {
                done.completeExceptionally(e);
            }
        });
        try {
            return done.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof JournalUnavailableException ju) {
                throw ju;
            }
            throw e.getCause() instanceof RuntimeException re ? re : e;
        }
    }

    /**
     * What {@link #replay()} found.
     *
     * @param records the journal records read
     * @param orders  the orders rebuilt
     * @param open    of them, those not done or with a cancel or replace pending
     * @param skipped records of orders no longer in the journal
     */
    public record ReplaySummary(long records, int orders, long open, long skipped) {
    }

    /**
     * After {@link #replay()}, with the venues connected: resends the one report that may have
     * been journaled but not sent when the process died (flagged PossResend 97, same ExecID), then
     * asks each venue about every order that was open or pending — by its client order id, taking
     * the fills it has not reported yet — and settles pending ones as the venue's answer says.
     * Once every such order is settled, the open orders of {@code cancelOnDisconnect} sessions are
     * canceled (the process stopping dropped their connections too), the future completes and
     * {@link #isReady()} turns true.
     */
    public CompletableFuture<Void> reconcile(List<SessionID> cancelOnDisconnect) {
        execute(() -> startReconcile(cancelOnDisconnect));
        return reconciled;
    }

    /** Whether the restart's reconciliation is over and new orders may come. */
    public boolean isReady() {
        return ready;
    }

    private void startReconcile(List<SessionID> cancelOnDisconnect) {
        this.downAtStart = List.copyOf(cancelOnDisconnect);
        resendLastReport();
        List<GatewayOrder> open = registry.all().stream().filter(GatewayOrder::isLive).toList();
        LOG.info("reconciling {} open or pending orders with their venues", open.size());
        for (GatewayOrder order : open) {
            if (venues.venue(order.venue()).isEmpty()) {
                LOG.error("order {} is on venue {}, which is no longer configured; it is left as it was", order.orderId(),
                        order.venue());
                continue;
            }
            Venue venue = venueOf(order);
            if (order.pending() != null || !order.isAcknowledged()) {
                reconciling.add(order);
            } else {
                refreshing.add(order);
            }
            if (order.pending() != null && order.pending().kind() == PendingChange.Kind.CANCEL && order.isAcknowledged()) {
                cancelAfterRestart(order, venue);
            } else if (order.pending() != null) {
                settleChange(order, VenueError.outcomeUnknown(null, "the gateway restarted before the venue answered"), 0,
                        clock.instant());
            }
            if (!order.isAcknowledged() && !order.isDone()) {
                // also when a cancel or replace is pending: the order itself must be settled too
                settleSubmit(order, venue, 0, null, true);
            } else if (order.pending() == null) {
                refreshAfterRestart(order, venue);
            }
        }
        checkReconciled();
    }

    /** Resends the journal's last report, which the process may have died before sending. */
    private void resendLastReport() {
        JournalRecord.StateChanged last = lastBeforeRestart;
        if (last == null) {
            return;
        }
        GatewayOrder order = registry.all().stream().filter(o -> o.orderId().equals(last.orderId())).findFirst().orElse(null);
        SessionID session = order == null ? null : sessions.get(order.session());
        String execId = last.execution().execId();
        // an OrderCancelReject has no ExecID to look for: it is sent again, which is harmless
        if (order == null || (execId != null && sink.wasSent(session, execId))) {
            return;
        }
        LOG.info("order {}: report {} may have been journaled but not sent before the restart; sending it again",
                order.orderId(), execId != null ? execId : "(cancel reject)");
        Message m = ExecutionReports.toFix(last.execution(), order.orderId(), order.venue());
        m.getHeader().setBoolean(quickfix.field.PossResend.FIELD, true);
        send(session, m);
    }

    /**
     * A cancel the OMS asked for before the restart, which may or may not have reached the venue:
     * the venue's state first (fills, or the order already done), then the cancel is sent if the
     * order still works. Sending it twice is harmless; leaving it undone is not.
     */
    private void cancelAfterRestart(GatewayOrder order, Venue venue) {
        queryAfterRestart(order, venue, 0, snapshot -> {
            snapshot.ifPresent(s -> applySnapshot(order, s));
            if (!order.isDone() && order.pending() != null) {
                sendCancel(order, 0);
            }
        });
    }

    /** An acknowledged open order after a restart: its state and fills as the venue has them now. */
    private void refreshAfterRestart(GatewayOrder order, Venue venue) {
        queryAfterRestart(order, venue, 0, snapshot -> {
            if (snapshot.isPresent()) {
                applySnapshot(order, snapshot.get());
            } else {
                LOG.error("order {}: venue {} has no order with client order id {} although it had acknowledged it; "
                        + "the order is left as the journal has it", order.orderId(), venue.name(), order.terms().clientOrderId());
            }
            refreshing.remove(order);
            checkReconciled();
        });
    }

    /** Asks the venue about an order after a restart, again with backoff while the query fails; then {@code then}. */
    private void queryAfterRestart(GatewayOrder order, Venue venue, int attempt,
                                   java.util.function.Consumer<Optional<OrderSnapshot>> then) {
        whenDone(query(venue, order.terms()), (snapshot, failure) -> {
            if (failure != null) {
                LOG.warn("order {}: status query after restart failed ({}); asking again", order.orderId(), failure.getMessage());
                schedule(backoff(attempt), () -> queryAfterRestart(order, venue, attempt + 1, then));
                return;
            }
            then.accept(snapshot);
        });
    }

    /** Drops the settled orders from the reconciliation and finishes it once none is left. */
    private void checkReconciled() {
        if (ready) {
            return;
        }
        reconciling.removeIf(o -> o.pending() == null && (o.isAcknowledged() || o.isDone()));
        if (reconciling.isEmpty() && refreshing.isEmpty()) {
            downAtStart.forEach(this::sessionDown);
            ready = true;
            LOG.info("reconciliation done: new orders are accepted");
            reconciled.complete(null);
        } else {
            schedule(Duration.ofMillis(100), this::checkReconciled);
        }
    }

    /**
     * Compacts the journal now and every {@code every} after, on the engine thread: the records of
     * done orders shrink to their used ClOrdIDs.
     */
    public void compactEvery(Duration every) {
        thread.scheduleWithFixedDelay(guarded(this::compactNow), every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Compacts the journal now, on the engine thread; the future completes when it is done. */
    public CompletableFuture<Void> compact() {
        return execute(this::compactNow);
    }

    private void compactNow() {
        Set<String> live = new HashSet<>();
        registry.all().stream().filter(GatewayOrder::isLive).forEach(o -> live.add(o.orderId()));
        try {
            CompactionResult result = journal.compact(live);
            LOG.info("journal compacted: {}", result);
        } catch (JournalUnavailableException e) {
            LOG.error("journal compaction failed; the journal is unchanged: {}", e.getMessage());
        }
    }

    // ---------------------------------------------------------------- engine thread

    private void newOrder(SessionID session, SessionProfile profile, Message raw, Parsed<Inbound.NewOrder> parsed, long fixIn) {
        String sessionKey = remember(session);
        MDC.put("session", session.getTargetCompID());
        if (parsed instanceof Parsed.Refused<Inbound.NewOrder> refused) {
            send(session, ExecutionReports.refuseNewOrder(raw, orderIds.next(), refused.refusal()));
            return;
        }
        Inbound.NewOrder nos = ((Parsed.Ok<Inbound.NewOrder>) parsed).value();
        MDC.put("clOrdId", nos.clOrdId());
        if (registry.isUsed(sessionKey, nos.clOrdId())) {
            GatewayOrder existing = registry.bySessionClOrdId(sessionKey, nos.clOrdId());
            if (nos.possibleDuplicate() && existing != null) {
                // a resent order we already have: answer with its status, never a second order
                report(existing, List.of(OrderStateMachine.status(existing)));
                return;
            }
            send(session, ExecutionReports.refuseNewOrder(raw, orderIds.next(), new Refusal(RejectReason.DUPLICATE_ORDER,
                    "ClOrdID(11) '" + nos.clOrdId() + "' was already used on this session"
                            + (existing != null ? " by order " + existing.orderId()
                            : " by a cancel or replace request, or by an order done and since compacted away"))));
            return;
        }
        Router.Decision decision = router.route(nos, profile);
        if (decision instanceof Router.Decision.Unroutable unroutable) {
            send(session, ExecutionReports.refuseNewOrder(raw, orderIds.next(), unroutable.refusal()));
            return;
        }
        Router.Decision.Routed routed = (Router.Decision.Routed) decision;
        Venue venue = routed.venue();
        Optional<KillSwitch> killed = killSwitches.blocking(session.getTargetCompID(), venue.name(), routed.account());
        if (killed.isPresent()) {
            observer.blocked(killed.get().scope().label());
            LOG.warn("new order {} of {} refused: {}", nos.clOrdId(), session.getTargetCompID(), killed.get().text());
            send(session, ExecutionReports.refuseNewOrder(raw, orderIds.next(), new Refusal(RejectReason.OTHER, killed.get().text())));
            return;
        }
        GatewayOrder order = create(sessionKey, routed, nos);
        MDC.put("venue", venue.name());
        MDC.put("orderId", order.orderId());
        if (!journalAccepted(List.of(order))) {
            send(session, ExecutionReports.refuseNewOrder(raw, order.orderId(),
                    new Refusal(RejectReason.OTHER, JOURNAL_UNAVAILABLE)));
            return;
        }
        OrderRequest request = order.terms();
        Optional<Refusal> refusal = OrderChecks.check(request, venue.name(), venue.instrument(nos.symbol()).orElse(null),
                venue.adapter().capabilities());
        if (refusal.isPresent()) {
            report(order, List.of(OrderStateMachine.refuse(order, refusal.get().reason(), refusal.get().text())));
            return;
        }
        Optional<RiskBreach> breach = risk.admitNew(riskOrder(order, request));
        if (breach.isPresent()) {
            report(order, List.of(OrderStateMachine.refuse(order, breach.get().reason(), breach.get().text())));
            return;
        }
        observer.orderReceived(venue.name(), request.type());
        observer.submitting(venue.name(), request.clientOrderId(), fixIn);
        // the venue request leaves first, the PendingNew right after it: both wait for the same
        // group commit, and the venue's answer is applied by a later task, after the PendingNew
        submit(order, venue, 0);
        report(order, List.of(OrderStateMachine.pendingNew(order)));
    }

    /** A new order of the session, as the venue will see it; not yet journaled nor registered. */
    private GatewayOrder create(String sessionKey, Router.Decision.Routed routed, Inbound.NewOrder nos) {
        return new GatewayOrder(orderIds.next(), sessionKey, routed.venue().name(), nos.clOrdId(),
                terms(sessionKey, routed.account(), nos));
    }

    /**
     * What the venue is asked for a NewOrderSingle of {@code sessionKey} routed to {@code account}:
     * its terms with the client order id derived from the session and ClOrdID. Pure.
     */
    public static OrderRequest terms(String sessionKey, String account, Inbound.NewOrder nos) {
        return OrderRequest.builder()
                .account(account)
                .clientOrderId(ClientOrderIds.derive(sessionKey, nos.clOrdId()))
                .symbol(nos.symbol()).side(nos.side()).type(nos.type()).timeInForce(nos.timeInForce())
                .quantity(nos.quantity()).cashQuantity(nos.cashQuantity())
                .price(nos.price()).stopPrice(nos.stopPrice()).triggerDirection(nos.triggerDirection())
                .postOnly(nos.postOnly()).reduceOnly(nos.reduceOnly())
                .displayQuantity(nos.maxFloor()).expireTime(nos.expireTime())
                .build();
    }

    /**
     * Journals the acceptance of new orders and registers them; false, with none registered, if
     * the journal could not take them all (one that it took is reconciled as never sent after a restart).
     */
    private boolean journalAccepted(List<GatewayOrder> orders) {
        try {
            for (GatewayOrder order : orders) {
                journal.write(JournalRecord.OrderAccepted.of(order, clock.instant()));
            }
        } catch (JournalUnavailableException e) {
            LOG.error("order {} refused: {}", orders.get(0).orderId(), e.getMessage());
            return false;
        }
        orders.forEach(registry::add);
        return true;
    }

    private void newOrderList(SessionID session, SessionProfile profile, Message raw, Parsed<Inbound.NewOrderList> parsed) {
        String sessionKey = remember(session);
        if (parsed instanceof Parsed.Refused<Inbound.NewOrderList> refused) {
            send(session, ExecutionReports.businessReject(raw, BUSINESS_REJECT_OTHER, refused.refusal().text()));
            return;
        }
        Inbound.NewOrderList list = ((Parsed.Ok<Inbound.NewOrderList>) parsed).value();
        List<quickfix.Group> legMessages = raw.getGroups(quickfix.field.NoOrders.FIELD);
        List<Inbound.NewOrder> legs = list.legs();
        List<GatewayOrder> known = legs.stream().map(l -> registry.bySessionClOrdId(sessionKey, l.clOrdId()))
                .filter(java.util.Objects::nonNull).toList();
        if (FixInbound.isPossibleDuplicate(raw) && known.size() == legs.size()) {
            // a resent list we already have: the status of each leg, never a second list
            known.forEach(leg -> report(leg, List.of(OrderStateMachine.status(leg))));
            return;
        }
        for (Inbound.NewOrder leg : legs) {
            if (registry.isUsed(sessionKey, leg.clOrdId())) {
                refuseList(session, legMessages, new Refusal(RejectReason.DUPLICATE_ORDER,
                        "ClOrdID(11) '" + leg.clOrdId() + "' was already used on this session; list " + list.listId() + " refused"));
                return;
            }
        }
        Router.Decision first = router.route(legs.get(0), profile);
        Router.Decision second = router.route(legs.get(1), profile);
        if (first instanceof Router.Decision.Unroutable u) {
            refuseList(session, legMessages, u.refusal());
            return;
        }
        if (second instanceof Router.Decision.Unroutable u) {
            refuseList(session, legMessages, u.refusal());
            return;
        }
        Router.Decision.Routed routed = (Router.Decision.Routed) first;
        Router.Decision.Routed routedSecond = (Router.Decision.Routed) second;
        if (routed.venue() != routedSecond.venue() || !routed.account().equals(routedSecond.account())) {
            refuseList(session, legMessages, new Refusal(RejectReason.UNSUPPORTED_ORDER_CHARACTERISTIC,
                    "both orders of an OCO list must go to the same ExDestination(100) and Account(1)"));
            return;
        }
        Venue venue = routed.venue();
        List<GatewayOrder> orders = List.of(create(sessionKey, routed, legs.get(0)), create(sessionKey, routed, legs.get(1)));
        if (!journalAccepted(orders)) {
            refuseList(session, legMessages, new Refusal(RejectReason.OTHER, JOURNAL_UNAVAILABLE));
            return;
        }
        Optional<Refusal> refusal = venue.adapter().capabilities().oco() ? Optional.empty()
                : Optional.of(new Refusal(RejectReason.UNSUPPORTED_ORDER_CHARACTERISTIC,
                        "venue '" + venue.name() + "' has no one-cancels-the-other order lists"));
        for (int i = 0; i < orders.size() && refusal.isEmpty(); i++) {
            GatewayOrder leg = orders.get(i);
            refusal = OrderChecks.check(leg.terms(), venue.name(), venue.instrument(leg.terms().symbol()).orElse(null),
                    venue.adapter().capabilities())
                    .map(r -> new Refusal(r.reason(), "order " + leg.clOrdId() + " of list " + list.listId() + ": " + r.text()));
        }
        for (int i = 0; i < orders.size() && refusal.isEmpty(); i++) {
            GatewayOrder leg = orders.get(i);
            refusal = risk.admitNew(riskOrder(leg, leg.terms()))
                    .map(b -> new Refusal(b.reason(), "order " + leg.clOrdId() + " of list " + list.listId() + ": " + b.text()));
        }
        if (refusal.isPresent()) {
            for (GatewayOrder leg : orders) {
                report(leg, List.of(OrderStateMachine.refuse(leg, refusal.get().reason(), refusal.get().text())));
            }
            return;
        }
        orders.forEach(leg -> report(leg, List.of(OrderStateMachine.pendingNew(leg))));
        submitOco(orders, venue, ClientOrderIds.derive(sessionKey, "list\u0000" + list.listId()), 0);
    }

    private void refuseList(SessionID session, List<quickfix.Group> legMessages, Refusal refusal) {
        for (quickfix.Group leg : legMessages) {
            send(session, ExecutionReports.refuseNewOrder(leg, orderIds.next(), refusal));
        }
    }

    private void submitOco(List<GatewayOrder> legs, Venue venue, String listClientOrderId, int attempt) {
        GatewayOrder a = legs.get(0);
        GatewayOrder b = legs.get(1);
        boolean aAbove = referencePrice(a.terms()).compareTo(referencePrice(b.terms())) >= 0;
        OcoRequest oco = new OcoRequest(a.terms().account(), listClientOrderId,
                (aAbove ? a : b).terms(), (aAbove ? b : a).terms());
        whenDone(call(() -> venue.adapter().submitOco(oco)), (accepted, failure) -> {
            if (failure == null) {
                accepted.forEach(e -> applyByClientId(venue.name(), e));
                return;
            }
            VenueError error = classify(failure);
            switch (error.outcome()) {
                case REJECTED -> legs.forEach(leg -> apply(leg, new OrderEvent.Rejected(leg.terms().account(),
                        leg.terms().clientOrderId(), error, clock.instant())));
                case RETRYABLE -> {
                    if (attempt < settings.retryableAttempts()) {
                        schedule(retryDelay(error), () -> submitOco(legs, venue, listClientOrderId, attempt + 1));
                    } else {
                        VenueError gaveUp = VenueError.rejected(RejectReason.OTHER, error.code(), "the venue refused "
                                + (attempt + 1) + " times for now and the list was not placed: " + error.message());
                        legs.forEach(leg -> apply(leg, new OrderEvent.Rejected(leg.terms().account(),
                                leg.terms().clientOrderId(), gaveUp, clock.instant())));
                    }
                }
                case OUTCOME_UNKNOWN -> legs.forEach(leg -> settleSubmit(leg, venue, 0, null));
            }
        });
    }

    private static java.math.BigDecimal referencePrice(OrderRequest order) {
        return order.price() != null ? order.price() : order.stopPrice();
    }

    private void submit(GatewayOrder order, Venue venue, int attempt) {
        java.util.function.Supplier<CompletableFuture<OrderEvent.Accepted>> request = () -> venue.adapter().submit(order.terms());
        CompletableFuture<OrderEvent.Accepted> submitted = attempt > 0 ? call(request)
                : callIfDurable(request, () -> execute(() -> apply(order, new OrderEvent.Rejected(order.terms().account(),
                        order.terms().clientOrderId(), VenueError.rejected(RejectReason.OTHER, null, JOURNAL_UNAVAILABLE),
                        clock.instant()))));
        submitted.whenComplete((accepted, failure) ->
                observer.submitAnswered(venue.name(), order.terms().clientOrderId(), failure == null));
        whenDone(submitted, (accepted, failure) -> {
            if (failure == null) {
                apply(order, accepted);
                return;
            }
            VenueError error = classify(failure);
            switch (error.outcome()) {
                case REJECTED -> apply(order, new OrderEvent.Rejected(order.terms().account(), order.terms().clientOrderId(),
                        error, clock.instant()));
                case RETRYABLE -> {
                    if (attempt < settings.retryableAttempts()) {
                        schedule(retryDelay(error), () -> submit(order, venue, attempt + 1));
                    } else {
                        apply(order, new OrderEvent.Rejected(order.terms().account(), order.terms().clientOrderId(),
                                VenueError.rejected(RejectReason.OTHER, error.code(), "the venue refused " + (attempt + 1)
                                        + " times for now and the order was not placed: " + error.message()), clock.instant()));
                    }
                }
                case OUTCOME_UNKNOWN -> {
                    LOG.warn("order {} outcome unknown at venue {}: {}; settling by status query", order.orderId(),
                            venue.name(), error.message());
                    settleSubmit(order, venue, 0, null);
                }
            }
        });
    }

    /** Asks the venue about an order whose submit outcome is unknown, until its answer is definitive. */
    private void settleSubmit(GatewayOrder order, Venue venue, int attempt, Instant firstNotFound) {
        settleSubmit(order, venue, attempt, firstNotFound, false);
    }

    private void settleSubmit(GatewayOrder order, Venue venue, int attempt, Instant firstNotFound, boolean afterRestart) {
        if (order.isAcknowledged() || order.isDone()) {
            return;
        }
        OrderRequest t = order.terms();
        whenDone(query(venue, t), (snapshot, failure) -> {
            if (failure != null) {
                LOG.warn("status query for order {} failed: {}; asking again", order.orderId(), failure.getMessage());
                schedule(backoff(attempt), () -> settleSubmit(order, venue, attempt + 1, firstNotFound, afterRestart));
            } else if (snapshot.isPresent()) {
                applySnapshot(order, snapshot.get());
            } else {
                Instant now = clock.instant();
                Instant since = firstNotFound == null ? now : firstNotFound;
                if (Duration.between(since, now).compareTo(settings.notFoundGrace()) >= 0) {
                    String text = afterRestart ? NEVER_RECEIVED : "the venue has no record of the order after " + (attempt + 1)
                            + " status queries over " + Duration.between(since, now).toSeconds() + " s; it was not placed";
                    apply(order, new OrderEvent.Rejected(t.account(), t.clientOrderId(),
                            VenueError.rejected(RejectReason.OTHER, null, text), now));
                } else {
                    schedule(backoff(attempt), () -> settleSubmit(order, venue, attempt + 1, since, afterRestart));
                }
            }
        });
    }

    private void applySnapshot(GatewayOrder order, OrderSnapshot s) {
        Instant now = clock.instant();
        String account = order.terms().account();
        if (s.status() == OrderSnapshot.Status.REJECTED) {
            apply(order, new OrderEvent.Rejected(account, s.clientOrderId(),
                    VenueError.rejected(RejectReason.OTHER, null, "the venue reports the order rejected"), now));
            return;
        }
        if (s.venueOrderId() != null) {
            apply(order, new OrderEvent.Accepted(account, s.clientOrderId(), s.venueOrderId(), now));
        }
        for (OrderEvent.Fill fill : s.fills()) {
            apply(order, fill);
        }
        switch (s.status()) {
            case CANCELED -> apply(order, new OrderEvent.Canceled(account, s.clientOrderId(), s.venueOrderId(), null, now));
            case EXPIRED -> apply(order, new OrderEvent.Expired(account, s.clientOrderId(), s.venueOrderId(), now));
            default -> {
                // working or filled: the acceptance and fills above say it all
            }
        }
    }

    private void cancel(SessionID session, Message raw, Parsed<Inbound.Cancel> parsed) {
        String sessionKey = remember(session);
        if (parsed instanceof Parsed.Refused<Inbound.Cancel> refused) {
            send(session, ExecutionReports.refuseCancel(raw, "NONE", '8', 99, refused.refusal().text()));
            return;
        }
        Inbound.Cancel request = ((Parsed.Ok<Inbound.Cancel>) parsed).value();
        GatewayOrder order = changeable(session, sessionKey, raw, request.clOrdId(), request.origClOrdId(),
                request.symbol(), request.side());
        if (order == null) {
            return;
        }
        if (!journalUsed(sessionKey, request.clOrdId(), order)) {
            LOG.warn("order {}: cancel {} goes ahead although the journal did not record its ClOrdID",
                    order.orderId(), request.clOrdId());
        }
        registry.markUsed(sessionKey, request.clOrdId());
        report(order, List.of(OrderStateMachine.pendingCancel(order, request.clOrdId())));
        sendCancel(order, 0);
    }

    private void sendCancel(GatewayOrder order, int attempt) {
        whenDone(cancelAtVenue(order),
                (canceled, failure) -> {
                    if (failure == null) {
                        apply(order, canceled);
                    } else {
                        changeFailed(order, failure, attempt, () -> sendCancel(order, attempt + 1));
                    }
                });
    }

    /** Asks the order's venue to cancel it, by the client order id the venue knows it by now. */
    private CompletableFuture<OrderEvent.Canceled> cancelAtVenue(GatewayOrder order) {
        Venue venue = venueOf(order);
        OrderRequest t = order.terms();
        return call(() -> venue.adapter().cancel(new CancelRequest(t.account(), t.symbol(), t.clientOrderId(),
                order.venueOrderId())));
    }

    private void replace(SessionID session, Message raw, Parsed<Inbound.Replace> parsed) {
        String sessionKey = remember(session);
        if (parsed instanceof Parsed.Refused<Inbound.Replace> refused) {
            send(session, ExecutionReports.refuseCancel(raw, "NONE", '8', 99, refused.refusal().text()));
            return;
        }
        Inbound.Replace request = ((Parsed.Ok<Inbound.Replace>) parsed).value();
        GatewayOrder order = changeable(session, sessionKey, raw, request.clOrdId(), request.origClOrdId(),
                request.symbol(), request.side());
        if (order == null) {
            return;
        }
        Optional<KillSwitch> killed = killSwitches.blocking(session.getTargetCompID(), order.venue(), order.terms().account());
        if (killed.isPresent()) {
            observer.blocked(killed.get().scope().label());
            send(session, refuseChange(raw, order, 99, killed.get().text()));
            return;
        }
        OrderRequest current = order.terms();
        if (request.type() != current.type()) {
            send(session, refuseChange(raw, order, 99, "OrdType(40) cannot change on a replace; cancel and send a new order"));
            return;
        }
        if (current.type().requiresPrice() && request.price() == null) {
            send(session, refuseChange(raw, order, 99, "Price(44) is required on a replace of a limit order"));
            return;
        }
        if (current.type().requiresStopPrice() && request.stopPrice() == null) {
            send(session, refuseChange(raw, order, 99, "StopPx(99) is required on a replace of a stop or take-profit order"));
            return;
        }
        OrderRequest replacement = current.toBuilder()
                .clientOrderId(ClientOrderIds.derive(sessionKey, request.clOrdId()))
                .quantity(request.quantity())
                .price(current.type().requiresPrice() ? request.price() : null)
                .stopPrice(current.type().requiresStopPrice() ? request.stopPrice() : null)
                .build();
        Venue venue = venueOf(order);
        Instrument instrument = venue.instrument(current.symbol()).orElse(null);
        Optional<Refusal> refusal = instrument == null ? Optional.of(new Refusal(RejectReason.UNKNOWN_SYMBOL, "instrument gone"))
                : OrderChecks.checkReplacement(replacement, order.cumQty(), instrument);
        if (refusal.isPresent()) {
            send(session, refuseChange(raw, order, FixValues.cxlRejReason(refusal.get().reason()), refusal.get().text()));
            return;
        }
        Optional<RiskBreach> breach = risk.admitReplace(riskOrder(order, current), riskOrder(order, replacement));
        if (breach.isPresent()) {
            send(session, refuseChange(raw, order, CXL_REJ_BROKER_OPTION, breach.get().text()));
            return;
        }
        if (!journalUsed(sessionKey, request.clOrdId(), order)) {
            send(session, refuseChange(raw, order, 99, JOURNAL_UNAVAILABLE));
            return;
        }
        registry.markUsed(sessionKey, request.clOrdId());
        registry.alias(order, request.clOrdId());
        registry.aliasVenueClientId(order, replacement.clientOrderId());
        report(order, List.of(OrderStateMachine.pendingReplace(order, request.clOrdId(), replacement)));
        sendReplace(order, replacement, 0);
    }

    /** Journals a ClOrdID a cancel or replace uses; false if the journal could not take it. */
    private boolean journalUsed(String sessionKey, String clOrdId, GatewayOrder order) {
        try {
            journal.write(new JournalRecord.ClOrdIdUsed(sessionKey, clOrdId, order.orderId(), clock.instant()));
            return true;
        } catch (JournalUnavailableException e) {
            LOG.error("order {}: ClOrdID {} not journaled: {}", order.orderId(), clOrdId, e.getMessage());
            return false;
        }
    }

    private void sendReplace(GatewayOrder order, OrderRequest replacement, int attempt) {
        Venue venue = venueOf(order);
        whenDone(call(() -> venue.adapter().replace(new ReplaceRequest(order.terms(), order.venueOrderId(), order.cumQty(),
                        replacement))),
                (replaced, failure) -> {
                    if (failure == null) {
                        apply(order, replaced);
                    } else {
                        changeFailed(order, failure, attempt, () -> sendReplace(order, replacement, attempt + 1));
                    }
                });
    }

    /**
     * A cancel or replace failed: sent again if the venue asked for a retry (and attempts are
     * left), settled by a query if its outcome is unknown, else answered with a reject.
     */
    private void changeFailed(GatewayOrder order, Throwable failure, int attempt, Runnable retry) {
        VenueError error = classify(failure);
        if (error.outcome() == VenueError.Outcome.RETRYABLE && attempt < settings.retryableAttempts()) {
            schedule(retryDelay(error), retry);
        } else if (error.outcome() == VenueError.Outcome.OUTCOME_UNKNOWN) {
            settleChange(order, error, 0, clock.instant());
        } else {
            refusePending(order, error);
        }
    }

    /**
     * A cancel or replace whose outcome is unknown: ask the venue how the order stands, with
     * backoff, until its answer is definitive. A replacement the venue has (under its new id, or
     * the original amended to the new terms) settles it as replaced; an original that is done
     * settles it as done. Only once the venue has shown the order unchanged for longer than
     * {@link EngineSettings#notFoundGrace()} is the request refused; should the venue carry it
     * out even later, the state machine still applies it.
     */
    private void settleChange(GatewayOrder order, VenueError cause, int attempt, Instant since) {
        PendingChange pending = order.pending();
        if (pending == null) {
            return;
        }
        Venue venue = venueOf(order);
        OrderRequest original = order.terms();
        OrderRequest replacement = pending.replacement();
        boolean replaceWithNewId = replacement != null && !replacement.clientOrderId().equals(original.clientOrderId());
        CompletableFuture<Optional<OrderSnapshot>> byNewId = replaceWithNewId
                ? query(venue, replacement) : CompletableFuture.completedFuture(Optional.empty());
        whenDone(byNewId, (newOrder, failure) -> {
            if (order.pending() != pending) {
                return;
            }
            if (failure == null && newOrder.isPresent()) {
                applyReplaced(order, pending, newOrder.get());
                return;
            }
            whenDone(query(venue, original), (found, failure2) -> {
                if (order.pending() != pending) {
                    return;
                }
                Instant now = clock.instant();
                boolean graceOver = Duration.between(since, now).compareTo(settings.notFoundGrace()) >= 0;
                if (failure2 == null && found.isPresent()) {
                    OrderSnapshot s = found.get();
                    if (replacement != null && !s.status().isTerminal() && amendedTo(s, replacement)) {
                        applyReplaced(order, pending, s);
                        return;
                    }
                    if (s.status().isTerminal() && (pending.kind() == PendingChange.Kind.CANCEL || graceOver)) {
                        // canceled as asked, or done before the change reached it
                        applySnapshot(order, s);
                        return;
                    }
                }
                if (!graceOver) {
                    schedule(backoff(attempt), () -> settleChange(order, cause, attempt + 1, since));
                    return;
                }
                order.doubtful(pending);
                refusePending(order, VenueError.outcomeUnknown(cause.code(), "the venue did not confirm the "
                        + pending.kind().name().toLowerCase(java.util.Locale.ROOT) + " (" + cause.message()
                        + ") and still shows the order as it was; send it again if it is still wanted"));
            });
        });
    }

    private CompletableFuture<Optional<OrderSnapshot>> query(Venue venue, OrderRequest order) {
        return call(() -> venue.adapter().queryOrder(order.account(), order.symbol(), order.clientOrderId()));
    }

    /** Whether the venue's order shows the replacement's terms: an amend that happened. */
    private static boolean amendedTo(OrderSnapshot s, OrderRequest replacement) {
        boolean price = replacement.price() == null || (s.price() != null && s.price().compareTo(replacement.price()) == 0);
        return price && s.quantity() != null && s.quantity().compareTo(replacement.quantity()) == 0;
    }

    private void applyReplaced(GatewayOrder order, PendingChange pending, OrderSnapshot s) {
        OrderRequest replacement = pending.replacement();
        // the total quantity is the replacement's: a cancel-then-new venue shows only the remainder
        apply(order, new OrderEvent.Replaced(s.account(), order.terms().clientOrderId(), s.clientOrderId(),
                s.venueOrderId(), replacement.quantity(), replacement.price(), replacement.stopPrice(), clock.instant()));
        for (OrderEvent.Fill fill : s.fills()) {
            apply(order, fill);
        }
    }

    private void refusePending(GatewayOrder order, VenueError error) {
        Execution reject = OrderStateMachine.refusePending(order, error);
        if (reject != null) {
            report(order, List.of(reject));
        }
    }

    /**
     * The order a cancel or replace names, if it may be changed; otherwise answers the request
     * with an OrderCancelReject and returns null.
     */
    private GatewayOrder changeable(SessionID session, String sessionKey, Message raw, String clOrdId, String origClOrdId,
                                    String symbol, io.fixbridge.venue.Side side) {
        if (registry.isUsed(sessionKey, clOrdId) && FixInbound.isPossibleDuplicate(raw)) {
            GatewayOrder taken = registry.bySessionClOrdId(sessionKey, origClOrdId);
            GatewayOrder owner = registry.bySessionClOrdId(sessionKey, clOrdId);
            if (taken != null && owner != null && owner != taken) {
                taken = null; // the ClOrdID belongs to another order: refused below as used
            }
            if (taken != null && taken.tookChange(clOrdId)) {
                // a resend of a request already taken: its status, never a second cancel or replace
                report(taken, List.of(OrderStateMachine.status(taken)));
                return null;
            }
            if (taken != null) {
                // journaled just before a crash but never acted on: take it now (or refuse it as too late)
                return changeableState(session, raw, taken, symbol, side);
            }
        }
        if (registry.isUsed(sessionKey, clOrdId)) {
            send(session, ExecutionReports.refuseCancel(raw, "NONE", '8', 6,
                    "ClOrdID(11) '" + clOrdId + "' was already used on this session"));
            return null;
        }
        GatewayOrder order = registry.bySessionClOrdId(sessionKey, origClOrdId);
        if (order == null) {
            send(session, ExecutionReports.refuseCancel(raw, "NONE", '8', 1,
                    "unknown order: no order with OrigClOrdID(41) '" + origClOrdId + "' on this session"));
            return null;
        }
        return changeableState(session, raw, order, symbol, side);
    }

    /** The order if its state lets it be changed; otherwise answers with an OrderCancelReject and returns null. */
    private GatewayOrder changeableState(SessionID session, Message raw, GatewayOrder order, String symbol,
                                         io.fixbridge.venue.Side side) {
        if ((symbol != null && !symbol.equals(order.terms().symbol())) || side != order.terms().side()) {
            send(session, refuseChange(raw, order, 99, "Symbol(55) and Side(54) must match order " + order.orderId()
                    + " (" + order.terms().symbol() + " " + order.terms().side() + ")"));
            return null;
        }
        if (order.isDone()) {
            send(session, refuseChange(raw, order, 0, "too late: the order is already " + order.status().name()
                    .toLowerCase(java.util.Locale.ROOT).replace('_', ' ')));
            return null;
        }
        if (order.pending() != null) {
            send(session, refuseChange(raw, order, 3, "a " + order.pending().kind().name().toLowerCase(java.util.Locale.ROOT)
                    + " of this order (ClOrdID " + order.pending().clOrdId() + ") is still pending; wait for its answer"));
            return null;
        }
        return order;
    }

    private Message refuseChange(Message raw, GatewayOrder order, int reason, String text) {
        return ExecutionReports.refuseCancel(raw, order.orderId(), order.status().fix(), reason, text);
    }

    private void status(SessionID session, Message raw, Parsed<Inbound.StatusRequest> parsed) {
        String sessionKey = remember(session);
        GatewayOrder order = parsed instanceof Parsed.Ok<Inbound.StatusRequest> ok
                ? registry.bySessionClOrdId(sessionKey, ok.value().clOrdId()) : null;
        if (order != null) {
            report(order, List.of(OrderStateMachine.status(order)));
            return;
        }
        String text = parsed instanceof Parsed.Refused<Inbound.StatusRequest> r ? r.refusal().text()
                : "unknown order: no order with ClOrdID(11) '" + ((Parsed.Ok<Inbound.StatusRequest>) parsed).value().clOrdId()
                + "' on this session";
        Message m = ExecutionReports.refuseNewOrder(raw, "NONE", new Refusal(RejectReason.UNKNOWN_ORDER, text));
        m.setChar(150, 'I');
        send(session, m);
    }

    private void massStatus(SessionID session, Message raw, Parsed<Inbound.MassStatusRequest> parsed) {
        String sessionKey = remember(session);
        String reqId = FixInbound.massStatusReqId(raw);
        if (parsed instanceof Parsed.Refused<Inbound.MassStatusRequest> r) {
            send(session, ExecutionReports.massStatusNone(reqId, r.refusal().text()));
            return;
        }
        Inbound.MassStatusRequest q = ((Parsed.Ok<Inbound.MassStatusRequest>) parsed).value();
        List<GatewayOrder> matching = registry.openOf(sessionKey).stream()
                .filter(o -> q.symbol() == null || q.symbol().equals(o.terms().symbol()))
                .filter(o -> q.account() == null || q.account().equals(o.terms().account()))
                .filter(o -> q.side() == null || q.side() == o.terms().side())
                .toList();
        if (matching.isEmpty()) {
            send(session, ExecutionReports.massStatusNone(q.massStatusReqId(), "no open order matches"));
            return;
        }
        for (int i = 0; i < matching.size(); i++) {
            GatewayOrder order = matching.get(i);
            Execution status = OrderStateMachine.status(order);
            journalChange(order, status);
            Message m = ExecutionReports.toFix(status, order.orderId(), order.venue());
            ExecutionReports.markMassStatus(m, q.massStatusReqId(), matching.size(), i == matching.size() - 1);
            send(session, m);
        }
    }

    private void sessionDown(SessionID session) {
        List<GatewayOrder> open = registry.openOf(remember(session));
        LOG.info("FIX session {} is down and cancels on disconnect: canceling its {} open orders", session, open.size());
        for (GatewayOrder order : open) {
            if (order.pending() != null && order.pending().kind() == PendingChange.Kind.CANCEL) {
                continue; // already being canceled; that cancel's answer ends it
            }
            order.cancelReason(CANCELED_ON_DISCONNECT);
            cancelUnsolicited(order, 0);
        }
    }

    /**
     * Cancels an order the OMS did not ask to cancel (its session went away, or a kill switch);
     * the OMS hears of it as an unsolicited cancel with the order's cancel reason as Text.
     */
    private void cancelUnsolicited(GatewayOrder order, int attempt) {
        if (order.isDone()) {
            return;
        }
        whenDone(cancelAtVenue(order),
                (canceled, failure) -> {
                    if (failure == null) {
                        apply(order, canceled);
                        return;
                    }
                    VenueError error = classify(failure);
                    if (error.outcome() != VenueError.Outcome.REJECTED && attempt < settings.retryableAttempts()) {
                        // not sent, or its outcome unknown: asking again is harmless, a cancel cannot double anything
                        schedule(retryDelay(error), () -> cancelUnsolicited(order, attempt + 1));
                    } else {
                        LOG.warn("order {}: unsolicited cancel failed ({}); the order stays as the venue has it",
                                order.orderId(), error.message());
                    }
                });
    }

    private void venueEvent(String venue, OrderEvent event, long received) {
        if (applyByClientId(venue, event)) {
            observer.eventReported(venue, received);
        }
    }

    /** Applies an event to the order with its client order id; true if that changed the order. */
    private boolean applyByClientId(String venue, OrderEvent event) {
        GatewayOrder order = registry.byVenueClientId(venue, event.account(), event.clientOrderId());
        if (order == null) {
            LOG.warn("venue {} reported {} for client order id {} of account {}, which is not a gateway order; ignored",
                    venue, event.getClass().getSimpleName(), event.clientOrderId(), event.account());
            return false;
        }
        return apply(order, event);
    }

    /** Applies a venue event; true if it changed the order (and so was reported). */
    private boolean apply(GatewayOrder order, OrderEvent event) {
        if (event instanceof OrderEvent.Replaced r) {
            registry.aliasVenueClientId(order, r.newClientOrderId());
        }
        List<Execution> executions = OrderStateMachine.apply(order, event);
        report(order, executions);
        if (event instanceof OrderEvent.Accepted) {
            enforceKillSwitch(order);
        }
        return !executions.isEmpty();
    }

    private void report(GatewayOrder order, List<Execution> executions) {
        SessionID session = sessions.get(order.session());
        putContext(order);
        for (Execution e : executions) {
            journalChange(order, e);
            send(session, ExecutionReports.toFix(e, order.orderId(), order.venue()));
            observer.reported(order.venue(), e);
        }
        if (!executions.isEmpty()) {
            risk.update(riskOrder(order, order.terms()));
            registry.watchAgainIfLive(order);
        }
    }

    /** What the risk checks see of {@code order} with the terms {@code terms} (its own, or a replacement's). */
    private RiskOrder riskOrder(GatewayOrder order, OrderRequest terms) {
        SessionID session = sessions.get(order.session());
        return new RiskOrder(order.orderId(), session == null ? "" : session.getTargetCompID(), order.venue(),
                terms.account(), terms.symbol(), terms.side(), terms.type(), terms.quantity(), terms.cashQuantity(),
                terms.price(), terms.stopPrice(), !order.isDone(), order.cumQty(), order.cumNotional());
    }

    /** The log context of what is done for {@code order}: cleared after each engine task. */
    private void putContext(GatewayOrder order) {
        SessionID session = sessions.get(order.session());
        if (session != null) {
            MDC.put("session", session.getTargetCompID());
        }
        MDC.put("clOrdId", order.clOrdId());
        MDC.put("venue", order.venue());
        MDC.put("orderId", order.orderId());
    }

    // ---------------------------------------------------------------- kill switch

    private int killOpenOrders(KillSwitch killSwitch) {
        int canceled = 0;
        for (GatewayOrder order : registry.all()) {
            if (!order.isDone() && order.lifecycle() != OrdStatus.PENDING_NEW && covers(killSwitch, order) && cancelKilled(order, killSwitch)) {
                canceled++;
            }
        }
        LOG.warn("kill switch {} ({}) engaged: {} open orders being canceled; orders pending at their venue are canceled when acknowledged",
                killSwitch.id(), killSwitch.describe(), canceled);
        return canceled;
    }

    /** An order that became live while a kill switch covers it is canceled at once. */
    private void enforceKillSwitch(GatewayOrder order) {
        if (order.isDone()) {
            return;
        }
        SessionID session = sessions.get(order.session());
        killSwitches.blocking(session == null ? "" : session.getTargetCompID(), order.venue(), order.terms().account())
                .ifPresent(k -> cancelKilled(order, k));
    }

    private boolean covers(KillSwitch killSwitch, GatewayOrder order) {
        SessionID session = sessions.get(order.session());
        return killSwitch.covers(session == null ? "" : session.getTargetCompID(), order.venue(), order.terms().account());
    }

    private boolean cancelKilled(GatewayOrder order, KillSwitch killSwitch) {
        if (order.pending() != null && order.pending().kind() == PendingChange.Kind.CANCEL) {
            return false; // already being canceled; that cancel's answer ends it
        }
        order.cancelReason("canceled by " + killSwitch.text());
        cancelUnsolicited(order, 0);
        return true;
    }

    /**
     * Keeps memory flat under any order rate: an order seen done by a sweep (nothing pending, no
     * reconciliation waiting on it) is forgotten, except its ClOrdIDs, by the first sweep at least
     * the retention later. Sweeps run every second (or every retention, if shorter), so a done order
     * stays between the retention and a second or two more. A sweep costs the open orders and the
     * orders it forgets, not every order in memory.
     */
    private void forgetDoneOrders() {
        long retention = settings.doneOrderRetention().toMillis();
        List<GatewayOrder> forgotten = registry.sweep(clock.millis(), retention,
                o -> reconciling.contains(o) || refreshing.contains(o));
        forgotten.forEach(o -> risk.forget(o.orderId()));
        if (!forgotten.isEmpty()) {
            LOG.debug("forgot {} orders done for at least {} ms; {} orders in memory", forgotten.size(), retention,
                    registry.all().size());
        }
    }

    private void publishOpenOrders() {
        Map<String, Integer> open = new java.util.HashMap<>();
        for (GatewayOrder order : registry.watched()) {
            if (!order.isDone()) {
                open.merge(order.venue(), 1, Integer::sum);
            }
        }
        observer.openOrders(open);
    }

    /**
     * Journals a report before it is sent. One the journal cannot take is still sent: the OMS must
     * hear of a fill, and after a restart the order is reconciled with the venue, which has it.
     */
    private void journalChange(GatewayOrder order, Execution execution) {
        JournalRecord.StateChanged record = JournalRecord.StateChanged.of(order, execution, order.doubtful(), clock.instant());
        try {
            journal.write(record);
        } catch (JournalUnavailableException e) {
            LOG.error("order {}: report {} sent without a journal record ({}); a restart reconciles the order with {}",
                    order.orderId(), execution.execId(), e.getMessage(), order.venue());
        }
    }

    // ---------------------------------------------------------------- plumbing

    private Venue venueOf(GatewayOrder order) {
        return venues.venue(order.venue()).orElseThrow(() -> new IllegalStateException("venue " + order.venue() + " vanished"));
    }

    /**
     * The session's key, remembering the session. QuickFIX/J makes a SessionID (and its string) per
     * message; the key returned is the first one's, so orders of a session share one string.
     */
    private String remember(SessionID session) {
        String key = session.toString();
        SessionID known = sessions.putIfAbsent(key, session);
        return known == null ? key : known.toString();
    }

    /**
     * Calls an adapter once the journal records written so far are durable (see {@link Outbox}).
     * An adapter that throws instead of failing its future breaks its contract; the call is then
     * treated like any failure whose outcome is unknown, so the order is settled by queries rather
     * than left pending forever.
     */
    private <T> CompletableFuture<T> call(java.util.function.Supplier<CompletableFuture<T>> adapterCall) {
        CompletableFuture<T> result = new CompletableFuture<>();
        outbox.add(() -> invoke(adapterCall, result));
        return result;
    }

    /**
     * {@link #call}, for the first submit of a new order: if the group commit that should make its
     * acceptance durable fails, the order is refused instead of sent (the OMS heard nothing of it yet).
     */
    private <T> CompletableFuture<T> callIfDurable(java.util.function.Supplier<CompletableFuture<T>> adapterCall, Runnable instead) {
        CompletableFuture<T> result = new CompletableFuture<>();
        outbox.add(() -> invoke(adapterCall, result), instead);
        return result;
    }

    private static <T> void invoke(java.util.function.Supplier<CompletableFuture<T>> adapterCall, CompletableFuture<T> result) {
        CompletableFuture<T> future;
        try {
            future = adapterCall.get();
            if (future == null) {
                future = CompletableFuture.failedFuture(new IllegalStateException("the adapter returned no future"));
            }
        } catch (RuntimeException e) {
            LOG.error("adapter call threw instead of failing its future", e);
            future = CompletableFuture.failedFuture(e);
        }
        future.whenComplete((value, failure) -> {
            if (failure == null) {
                result.complete(value);
            } else {
                result.completeExceptionally(unwrap(failure));
            }
        });
    }

    /** Sends a report to a session once the journal records written so far are durable. */
    private void send(SessionID session, Message message) {
        outbox.add(() -> sink.send(session, message));
    }

    /** Runs {@code then} on the engine thread when the adapter's future completes. */
    private <T> void whenDone(CompletableFuture<T> future, BiConsumer<T, Throwable> then) {
        future.whenComplete((value, failure) -> execute(() -> then.accept(value, unwrap(failure))));
    }

    private static Throwable unwrap(Throwable t) {
        return t instanceof CompletionException && t.getCause() != null ? t.getCause() : t;
    }

    private static VenueError classify(Throwable failure) {
        if (failure instanceof VenueException ve) {
            return ve.error();
        }
        return VenueError.outcomeUnknown(null, failure.getClass().getSimpleName() + ": " + failure.getMessage());
    }

    private Duration retryDelay(VenueError error) {
        return error.retryAfter() != null ? error.retryAfter() : settings.retryableDelay();
    }

    private Duration backoff(int attempt) {
        long ms = settings.queryFirstDelay().toMillis() << Math.min(attempt, 16);
        return Duration.ofMillis(Math.min(ms, settings.queryMaxDelay().toMillis()));
    }

    private void schedule(Duration delay, Runnable task) {
        thread.schedule(guarded(task), delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * Runs {@code task} on the engine thread; the future completes after it ran (also when it
     * failed) and what it sent was released, so after the journal records it wrote are durable.
     */
    private CompletableFuture<Void> execute(Runnable task) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        Runnable run = guarded(() -> {
            try {
                task.run();
            } finally {
                outbox.add(() -> done.complete(null));
            }
        });
        try {
            thread.execute(run);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            done.completeExceptionally(e);
        }
        return done;
    }

    private Runnable guarded(Runnable task) {
        return () -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                // one bad message must not stop the engine that every other order depends on
                LOG.error("order engine task failed", e);
            } finally {
                MDC.clear();
                afterTask();
            }
        };
    }

    /**
     * Group commit: while more engine work is ready (and the batch is not full), what this task
     * wrote and sends waits; then the batch goes to the committer, which makes every record of it
     * durable with one {@link Journal#sync} and releases its effects in order, while this thread
     * goes on. A journal whose sync never waits has the batch released here, at once.
     */
    private void afterTask() {
        tasksSinceCommit++;
        if (outbox.isEmpty() || (tasksSinceCommit < MAX_BATCH && readyTaskWaiting())) {
            return;
        }
        tasksSinceCommit = 0;
        Outbox.Batch batch = outbox.drain();
        if (!journal.syncWaits()) {
            commit(batch); // nothing to wait for: a hand-over to the committer would only add a thread hop
            return;
        }
        try {
            committer.execute(() -> commit(batch));
        } catch (java.util.concurrent.RejectedExecutionException e) {
            commit(batch); // closing: the committer stopped taking batches, this one is still sent
        }
    }

    /** On the committer thread: one force for the batch's records, then its effects. */
    private void commit(Outbox.Batch batch) {
        boolean durable = true;
        try {
            journal.sync();
        } catch (JournalUnavailableException e) {
            durable = false;
            LOG.error("journal group commit failed ({}): new orders of the batch are refused, its other {} effects are sent "
                    + "without a durable journal record; a restart reconciles them with their venues", e.getMessage(), batch.size());
        } catch (RuntimeException e) {
            durable = false;
            LOG.error("journal group commit failed; the batch is sent as if it were not durable", e);
        }
        batch.release(durable);
    }

    /** Whether a task is queued and due now (delayed tasks that are not yet due do not count). */
    private boolean readyTaskWaiting() {
        Runnable head = executor.getQueue().peek();
        return head instanceof java.util.concurrent.Delayed d && d.getDelay(TimeUnit.NANOSECONDS) <= 0;
    }

    @Override
    public void close() {
        stop(thread, "order engine");
        stop(committer, "order engine's committer");
    }

    private static void stop(java.util.concurrent.ExecutorService executor, String what) {
        executor.shutdown();
        try {
            if (!executor.awaitTermination(5, TimeUnit.SECONDS)) {
                executor.shutdownNow();
                if (!executor.awaitTermination(5, TimeUnit.SECONDS)) {
                    LOG.error("the {} did not stop within 10 s", what);
                }
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}

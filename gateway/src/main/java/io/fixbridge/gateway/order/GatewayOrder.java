package io.fixbridge.gateway.order;


import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;

import io.fixbridge.gateway.journal.JournalRecord;
import io.fixbridge.venue.OrderRequest;

/**
 * One order the gateway has accepted from a FIX session, and everything it knows about it.
 *
 * <p>Confined to the order engine's thread: no locks, never shared. Changed only by the
 * {@link OrderStateMachine} and the engine.
 */
public final class GatewayOrder {
    private static final MathContext AVG_PX = new MathContext(20, RoundingMode.HALF_EVEN);

    private final String orderId;
    private final String session;
    private final String venue;
    /** Trade ids of the fills counted; null until the first (most orders done in memory have none). */
    private Set<String> tradeIds;
    /** ClOrdIDs of the cancels and replaces of this order the gateway acted on (reported pending); null until the first. */
    private Set<String> changeRequests;

    private OrderRequest terms;
    private String clOrdId;
    private String origClOrdId;
    private String venueOrderId;
    private OrdStatus lifecycle = OrdStatus.PENDING_NEW;
    private PendingChange pending;
    private PendingChange doubtful;
    private String cancelReason;
    private BigDecimal cumQty = BigDecimal.ZERO;
    private BigDecimal cumNotional = BigDecimal.ZERO;
    private int execSequence;
    /** When the engine's memory sweep first saw the order done (epoch ms), or {@link #NOT_SEEN_DONE}. */
    private long seenDoneAt = NOT_SEEN_DONE;

    /**
     * @param orderId the gateway's OrderID(37)
     * @param session the owning FIX session's id
     * @param venue   the venue it was routed to
     * @param clOrdId the OMS's ClOrdID(11)
     * @param terms   the order as sent to the venue
     */
    public GatewayOrder(String orderId, String session, String venue, String clOrdId, OrderRequest terms) {
        this.orderId = Objects.requireNonNull(orderId, "orderId");
        this.session = Objects.requireNonNull(session, "session");
        this.venue = Objects.requireNonNull(venue, "venue");
        this.clOrdId = Objects.requireNonNull(clOrdId, "clOrdId");
        this.terms = Objects.requireNonNull(terms, "terms");
    }

    /** {@link #seenDoneAt()} of an order the sweep has not seen done. */
    static final long NOT_SEEN_DONE = Long.MIN_VALUE;

    public String orderId() { return orderId; }
    public String session() { return session; }
    public String venue() { return venue; }
    public OrderRequest terms() { return terms; }
    public String clOrdId() { return clOrdId; }
    public String origClOrdId() { return origClOrdId; }
    public String venueOrderId() { return venueOrderId; }
    public PendingChange pending() { return pending; }

    /** Why the gateway itself is canceling the order (cancel on disconnect), or null. */
    public String cancelReason() { return cancelReason; }

    /** Records that the gateway cancels the order on its own, and why: the cancel's report says so. */
    void cancelReason(String reason) { this.cancelReason = reason; }
    public BigDecimal cumQty() { return cumQty; }

    /** The status without a pending cancel or replace laid over it. */
    public OrdStatus lifecycle() {
        return lifecycle;
    }

    /** The status FIX reports: a pending cancel or replace takes precedence over a working status. */
    public OrdStatus status() {
        if (pending != null && !lifecycle.isTerminal()) {
            return pending.kind() == PendingChange.Kind.CANCEL ? OrdStatus.PENDING_CANCEL : OrdStatus.PENDING_REPLACE;
        }
        return lifecycle;
    }

    /** Whether the order is done: filled, canceled, rejected or expired. */
    public boolean isDone() {
        return lifecycle.isTerminal();
    }

    /** Whether the order still needs the venue: not done, or a cancel or replace of it is still pending. */
    public boolean isLive() {
        return !isDone() || pending != null;
    }

    /** Whether the venue has acknowledged the order (or shown by a fill that it has it). */
    public boolean isAcknowledged() {
        return lifecycle != OrdStatus.PENDING_NEW && lifecycle != OrdStatus.REJECTED;
    }

    /** Quantity still working; zero once the order is done. */
    public BigDecimal leavesQty() {
        if (isDone() || terms.quantity() == null) {
            // an order sized in the quote currency has no base quantity left to state
            return BigDecimal.ZERO;
        }
        return terms.quantity().subtract(cumQty).max(BigDecimal.ZERO);
    }

    /** Sum of quantity x price over the order's fills; zero before any fill. */
    public BigDecimal cumNotional() {
        return cumNotional;
    }

    /** Volume-weighted average fill price; zero before any fill. */
    public BigDecimal avgPx() {
        if (cumQty.signum() == 0) {
            return BigDecimal.ZERO;
        }
        return cumNotional.divide(cumQty, AVG_PX).stripTrailingZeros();
    }

    /** The order as it stands now, for a report. */
    public OrderView view() {
        return new OrderView(status(), clOrdId, origClOrdId, terms, venueOrderId, cumQty, leavesQty(), avgPx());
    }

    /** The order as it stands now, reported under another ClOrdID pair (cancel and replace answers). */
    public OrderView view(String reportClOrdId, String reportOrigClOrdId) {
        return new OrderView(status(), reportClOrdId, reportOrigClOrdId, terms, venueOrderId, cumQty, leavesQty(), avgPx());
    }

    /** A new ExecID for a report that is not a fill: stable for the order's history. */
    public String nextExecId() {
        return orderId + "-" + (++execSequence);
    }

    /** The ExecID of the fill with that venue trade id. */
    public String fillExecId(String tradeId) {
        return orderId + "-T" + tradeId;
    }

    // --- changes, made only by the state machine and the engine ---

    void lifecycle(OrdStatus status) {
        this.lifecycle = status;
    }

    void pending(PendingChange change) {
        this.pending = change;
    }

    /**
     * A change refused because the venue never confirmed it: should the venue report it done
     * after all, it is applied then.
     */
    PendingChange doubtful() {
        return doubtful;
    }

    void doubtful(PendingChange change) {
        this.doubtful = change;
    }

    void venueOrderId(String id) {
        if (id != null) {
            this.venueOrderId = id;
        }
    }

    /** Whether the fills so far complete the order's quantity (never, for a quote-sized order). */
    boolean isFullyFilled() {
        return terms.quantity() != null && cumQty.compareTo(terms.quantity()) >= 0;
    }

    /** Records that a cancel or replace under {@code clOrdId} was acted on (reported pending). */
    void changeTaken(String clOrdId) {
        if (changeRequests == null) {
            changeRequests = new HashSet<>(2);
        }
        changeRequests.add(clOrdId);
    }

    /** Whether a cancel or replace under {@code clOrdId} was acted on, now or before a restart. */
    boolean tookChange(String clOrdId) {
        return changeRequests != null && changeRequests.contains(clOrdId);
    }

    long seenDoneAt() {
        return seenDoneAt;
    }

    void seenDoneAt(long epochMillis) {
        this.seenDoneAt = epochMillis;
    }

    /** Records a fill; false if that trade id was already counted. */
    boolean addFill(String tradeId, BigDecimal qty, BigDecimal px) {
        if (tradeIds == null) {
            tradeIds = new HashSet<>(2);
        }
        if (!tradeIds.add(tradeId)) {
            return false;
        }
        cumQty = cumQty.add(qty);
        cumNotional = cumNotional.add(qty.multiply(px));
        return true;
    }

    /**
     * Sets the order to a state read back from the journal after a restart. Fills are not part
     * of it: they are re-added one by one with {@link #addFill}, so the trade ids that guard
     * against counting a fill twice come back too.
     */
    void restore(JournalRecord.OrderState state) {
        this.lifecycle = state.lifecycle();
        this.clOrdId = state.clOrdId();
        this.origClOrdId = state.origClOrdId();
        this.terms = state.terms();
        venueOrderId(state.venueOrderId());
        this.pending = state.pending();
        this.doubtful = state.doubtful();
        this.cancelReason = state.cancelReason();
    }

    /**
     * After a restart: the next non-fill ExecID is numbered past {@code execId} when that is one
     * of this order's ({@code orderId-n}), so no ExecID is ever issued twice. Null (the record of
     * an OrderCancelReject) changes nothing.
     */
    void continueAfter(String execId) {
        String prefix = orderId + "-";
        if (execId == null || !execId.startsWith(prefix)) {
            // an OrderCancelReject has no ExecID
            return;
        }
        String rest = execId.substring(prefix.length());
        if (!rest.isEmpty() && rest.chars().allMatch(Character::isDigit) && rest.length() < 10) {
            execSequence = Math.max(execSequence, Integer.parseInt(rest));
        }
    }

    void replaced(String newClOrdId, OrderRequest newTerms) {
        this.origClOrdId = this.clOrdId;
        this.clOrdId = newClOrdId;
        this.terms = newTerms;
    }
}

package io.fixbridge.gateway.harness;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The OMS's book: every order chain it started, every request it sent and every report it got,
 * and what it therefore believes about each chain (working ClOrdID, last OrdStatus, a cancel or
 * replace under way). The harness picks the targets of cancels and replaces from it, paces itself
 * by its unanswered requests, and hands {@link #chains()} to {@link Verdict}.
 *
 * <p><b>Threading:</b> thread-safe (one lock); QuickFIX/J's session thread records reports while
 * the harness's driver thread reads. <b>Errors:</b> a report about a ClOrdID the OMS never sent is
 * kept in {@link #strays()}, never thrown.
 */
public final class OmsLedger {
    private static final Set<Character> TERMINAL = Set.of('2', '4', '8', 'C');

    private final Map<String, Chain> chains = new LinkedHashMap<>();
    private final Map<String, Chain> byClOrdId = new HashMap<>();
    private final Set<String> unanswered = new HashSet<>();
    private final List<OmsReport> strays = new ArrayList<>();
    private long lastReportNanos = System.nanoTime();

    /** What the OMS believes about one chain; read through {@link Snapshot}. */
    private static final class Chain {
        final String root;
        final char side;
        final List<OmsRequest> requests = new ArrayList<>();
        final List<OmsReport> reports = new ArrayList<>();
        String working;
        char status;
        int statusSeq = -1;
        BigDecimal cumQty = BigDecimal.ZERO;
        String pendingChange;

        Chain(String root, char side) {
            this.root = root;
            this.side = side;
            this.working = root;
        }

        boolean terminal() {
            return TERMINAL.contains(status);
        }
    }

    /**
     * A chain as the OMS sees it now.
     *
     * @param root          the NewOrderSingle's ClOrdID
     * @param side          Side(54)
     * @param working       the ClOrdID of the order now working (the last replace the OMS was told of)
     * @param status        the last OrdStatus (0 when nothing was heard yet)
     * @param cumQty        the last CumQty
     * @param pendingChange the ClOrdID of a cancel or replace not yet settled, or null
     */
    public record Snapshot(String root, char side, String working, char status, BigDecimal cumQty, String pendingChange) {
        /** Whether the OMS knows the order can no longer trade. */
        public boolean terminal() {
            return TERMINAL.contains(status);
        }
    }

    /** Records a NewOrderSingle sent. */
    public synchronized void newOrder(String clOrdId, char side) {
        Chain c = new Chain(clOrdId, side);
        c.requests.add(new OmsRequest(OmsRequest.Kind.NEW, clOrdId));
        chains.put(clOrdId, c);
        byClOrdId.put(clOrdId, c);
        unanswered.add(clOrdId);
    }

    /** Records a replace or cancel of chain {@code root} sent under {@code clOrdId}. */
    public synchronized void change(String root, OmsRequest.Kind kind, String clOrdId) {
        Chain c = chains.get(root);
        if (c == null) {
            throw new IllegalArgumentException("no order chain " + root);
        }
        c.requests.add(new OmsRequest(kind, clOrdId));
        c.pendingChange = clOrdId;
        byClOrdId.put(clOrdId, c);
        unanswered.add(clOrdId);
    }

    /** Records a report received. */
    public synchronized void report(OmsReport r) {
        lastReportNanos = System.nanoTime();
        Chain c = byClOrdId.get(r.clOrdId());
        if (c == null && r.origClOrdId() != null) {
            c = byClOrdId.get(r.origClOrdId());
        }
        if (c == null) {
            strays.add(r);
            return;
        }
        c.reports.add(r);
        unanswered.remove(r.clOrdId());
        if (r.isCancelReject()) {
            if (r.clOrdId().equals(c.pendingChange)) {
                c.pendingChange = null;
            }
            return;
        }
        if (r.seqNum() >= c.statusSeq) {
            c.statusSeq = r.seqNum();
            c.status = r.ordStatus();
            if (r.cumQty() != null) {
                c.cumQty = r.cumQty();
            }
        }
        if (r.execType() == '5' && c.requests.stream().anyMatch(q -> q.clOrdId().equals(r.clOrdId()))) {
            c.working = r.clOrdId();
        }
        boolean settles = r.execType() != '6' && r.execType() != 'E' && r.execType() != 'A';
        if (r.clOrdId().equals(c.pendingChange) && settles || c.terminal()) {
            c.pendingChange = null;
        }
    }

    /** How many requests have had no answer at all yet. */
    public synchronized int unansweredCount() {
        return unanswered.size();
    }

    /**
     * How many orders the OMS has no settled word on: nothing heard yet, PendingNew, PendingCancel
     * or PendingReplace, or a cancel or replace unanswered.
     */
    public synchronized int unsettledCount() {
        int n = 0;
        for (Chain c : chains.values()) {
            if (c.status == 0 || c.status == 'A' || c.status == '6' || c.status == 'E' || c.pendingChange != null) {
                n++;
            }
        }
        return n;
    }

    /** Nanos (System.nanoTime) of the last report received. */
    public synchronized long lastReportNanos() {
        return lastReportNanos;
    }

    /** Every chain as the OMS sees it now, oldest first. */
    public synchronized List<Snapshot> snapshots() {
        List<Snapshot> out = new ArrayList<>(chains.size());
        for (Chain c : chains.values()) {
            out.add(new Snapshot(c.root, c.side, c.working, c.status, c.cumQty, c.pendingChange));
        }
        return out;
    }

    /** What the OMS sent and was told, chain by chain, for {@link Verdict}. */
    public synchronized List<OmsChain> chains() {
        List<OmsChain> out = new ArrayList<>(chains.size());
        for (Chain c : chains.values()) {
            out.add(new OmsChain(c.root, c.requests, c.reports));
        }
        return out;
    }

    /** Reports about ClOrdIDs the OMS never sent. */
    public synchronized List<OmsReport> strays() {
        return List.copyOf(strays);
    }
}

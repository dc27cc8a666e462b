package io.fixbridge.gateway.harness;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

import io.fixbridge.gateway.order.ClientOrderIds;

/**
 * Compares what the OMS was told with what the venue did, order chain by order chain, and names
 * every disagreement as lost, doubled or mismatched. Pure: no I/O, no clock; thread-safe.
 *
 * <p>A chain is an OMS NewOrderSingle with its replaces and cancels; its venue orders are those
 * whose client order id is {@link ClientOrderIds#derive} of the FIX session and a ClOrdID of the
 * chain that places an order (the NewOrderSingle's and each replace's). Fills the OMS was told
 * of count once per ExecID: the same ExecID twice with the same numbers is a resend.
 *
 * <ul>
 *   <li><b>lost</b>: the OMS never heard anything about an order it sent, or never got an answer
 *       to a replace or cancel; a venue trade of the chain the OMS was never told of (by
 *       TrdMatchID); the OMS was told an order or replace was rejected while the venue has the order.</li>
 *   <li><b>doubled</b>: more than one venue order under one client order id; a venue order whose
 *       client order id belongs to no ClOrdID of the OMS; one venue trade reported under two
 *       ExecIDs; more filled quantity told to the OMS than the venue filled; a venue order of a
 *       ClOrdID the OMS was told was replaced still open on the venue.</li>
 *   <li><b>mismatched</b>: the OMS's final OrdStatus (the last ExecutionReport by MsgSeqNum)
 *       disagrees with the venue's status of the chain's working order (with
 *       {@code requireTerminal}, an order still open on both sides is a mismatch too, since the
 *       harness cancelled everything); a fill's quantity or price differs from the venue trade's;
 *       the same ExecID with different numbers; a fill the venue has no trade for; a final CumQty
 *       that differs from what the venue filled.</li>
 * </ul>
 * Errors: none; null arguments throw NullPointerException.
 */
public final class Verdict {
    private static final Set<Character> OPEN_STATUSES = Set.of('A', '0', '1', '6', 'E');
    private static final Set<String> CANCELED = Set.of("CANCELED", "EXPIRED", "EXPIRED_IN_MATCH");
    private static final Set<String> EXPIRED = Set.of("EXPIRED", "EXPIRED_IN_MATCH");

    private Verdict() {
    }

    /**
     * Judges a run.
     *
     * @param sessionKey      the gateway-side FIX session id, e.g. {@code FIX.4.4:FIXBRIDGE->OMS1}
     * @param chains          what the OMS sent and was told, one entry per NewOrderSingle
     * @param venue           every order the venue has for the account
     * @param requireTerminal whether an order still open on both sides counts as a mismatch
     */
    public static Judgement judge(String sessionKey, List<OmsChain> chains, List<VenueOrder> venue, boolean requireTerminal) {
        Objects.requireNonNull(sessionKey, "sessionKey");
        Map<String, List<VenueOrder>> byClientId = venue.stream()
                .collect(Collectors.groupingBy(VenueOrder::clientOrderId, LinkedHashMap::new, Collectors.toList()));
        Map<String, String> ownerClOrdId = new LinkedHashMap<>();
        for (OmsChain chain : chains) {
            for (OmsRequest r : chain.requests()) {
                if (r.kind().placesOrder()) {
                    ownerClOrdId.putIfAbsent(ClientOrderIds.derive(sessionKey, r.clOrdId()), r.clOrdId());
                }
            }
        }
        List<Problem> problems = new ArrayList<>();
        for (Map.Entry<String, List<VenueOrder>> e : byClientId.entrySet()) {
            String owner = ownerClOrdId.get(e.getKey());
            if (owner == null) {
                for (VenueOrder o : e.getValue()) {
                    problems.add(new Problem(Problem.Category.DOUBLED, e.getKey(),
                            "a venue order under client order id " + e.getKey() + ", which no ClOrdID of the OMS asked for",
                            "no such order", o.describe()));
                }
            } else if (e.getValue().size() > 1) {
                problems.add(new Problem(Problem.Category.DOUBLED, owner,
                        e.getValue().size() + " venue orders under the one client order id " + e.getKey() + " of ClOrdID " + owner,
                        "one order", describe(e.getValue())));
            }
        }
        int fills = 0;
        for (OmsChain chain : chains) {
            fills += new ChainJudge(sessionKey, chain, byClientId, requireTerminal, problems).judge();
        }
        return new Judgement(fills, problems);
    }

    /** Judges one chain; returns the number of distinct fills the OMS was told of. */
    private static final class ChainJudge {
        private final String sessionKey;
        private final OmsChain chain;
        private final Map<String, List<VenueOrder>> byClientId;
        private final boolean requireTerminal;
        private final List<Problem> problems;
        private final List<OmsReport> reports;
        private final List<OmsReport> executionReports;

        ChainJudge(String sessionKey, OmsChain chain, Map<String, List<VenueOrder>> byClientId, boolean requireTerminal,
                   List<Problem> problems) {
            this.sessionKey = sessionKey;
            this.chain = chain;
            this.byClientId = byClientId;
            this.requireTerminal = requireTerminal;
            this.problems = problems;
            this.reports = chain.reports().stream().sorted(Comparator.comparingInt(OmsReport::seqNum)).toList();
            this.executionReports = reports.stream().filter(OmsReport::isExecutionReport).toList();
        }

        int judge() {
            List<VenueOrder> venueOrders = new ArrayList<>();
            for (OmsRequest r : chain.requests()) {
                if (r.kind().placesOrder()) {
                    venueOrders.addAll(venueOrdersOf(r.clOrdId()));
                }
            }
            if (executionReports.isEmpty()) {
                add(Problem.Category.LOST, "the OMS never heard anything about the order it sent",
                        reports.isEmpty() ? "no report" : describeReports(), describe(venueOrders));
                return 0;
            }
            unanswered();
            Map<String, OmsReport> fills = fills();
            trades(fills, venueOrders);
            String current = chain.rootClOrdId();
            boolean currentToldRefused = false;
            for (OmsRequest r : chain.requests()) {
                if (!r.kind().placesOrder()) {
                    continue;
                }
                boolean accepted = accepted(r.clOrdId());
                if (accepted) {
                    current = r.clOrdId();
                    currentToldRefused = false;
                } else if (toldRefused(r.clOrdId())) {
                    List<VenueOrder> has = venueOrdersOf(r.clOrdId()).stream().filter(o -> !"REJECTED".equals(o.status())).toList();
                    if (!has.isEmpty()) {
                        add(Problem.Category.LOST, "the OMS was told " + (r.kind() == OmsRequest.Kind.NEW ? "the order" : "replace " + r.clOrdId())
                                + " was rejected, but the venue has it", reportsAbout(r.clOrdId()), describe(has));
                        if (r.kind() == OmsRequest.Kind.NEW) {
                            currentToldRefused = true;
                        }
                    }
                }
            }
            replacedStillOpen(current);
            if (!currentToldRefused) {
                finalStatus(current, fills, venueOrders);
            }
            return fills.size();
        }

        private void unanswered() {
            for (OmsRequest r : chain.requests()) {
                boolean answered = reports.stream().anyMatch(rep -> rep.clOrdId().equals(r.clOrdId())
                        && (r.kind() != OmsRequest.Kind.NEW || rep.isExecutionReport()));
                if (!answered) {
                    add(Problem.Category.LOST, "the OMS never heard back about its " + switch (r.kind()) {
                                case NEW -> "NewOrderSingle";
                                case REPLACE -> "replace request";
                                case CANCEL -> "cancel request";
                            } + " " + r.clOrdId(), describeReports(),
                            r.kind().placesOrder() ? describe(venueOrdersOf(r.clOrdId())) : "n/a");
                }
            }
        }

        /** The fills the OMS was told of, one per ExecID; flags an ExecID told twice with other numbers. */
        private Map<String, OmsReport> fills() {
            Map<String, OmsReport> byExecId = new LinkedHashMap<>();
            for (OmsReport f : executionReports) {
                if (!f.isFill()) {
                    continue;
                }
                OmsReport first = byExecId.putIfAbsent(String.valueOf(f.execId()), f);
                if (first != null && !sameFill(first, f)) {
                    add(Problem.Category.MISMATCHED, "ExecID " + f.execId() + " was reported twice with different numbers",
                            first.describe() + " and " + f.describe(), "-");
                }
            }
            return byExecId;
        }

        private void trades(Map<String, OmsReport> fills, List<VenueOrder> venueOrders) {
            Map<String, VenueTrade> venueTrades = new LinkedHashMap<>();
            for (VenueOrder o : venueOrders) {
                o.fills().forEach(t -> venueTrades.putIfAbsent(t.tradeId(), t));
            }
            Map<String, List<OmsReport>> byTrade = new LinkedHashMap<>();
            for (OmsReport f : fills.values()) {
                if (f.trdMatchId() == null) {
                    add(Problem.Category.MISMATCHED, "a fill without TrdMatchID(880)", f.describe(), "-");
                } else {
                    byTrade.computeIfAbsent(f.trdMatchId(), k -> new ArrayList<>()).add(f);
                }
            }
            for (Map.Entry<String, List<OmsReport>> e : byTrade.entrySet()) {
                List<OmsReport> told = e.getValue();
                VenueTrade trade = venueTrades.get(e.getKey());
                if (told.size() > 1) {
                    add(Problem.Category.DOUBLED, "venue trade " + e.getKey() + " was reported under " + told.size() + " ExecIDs",
                            told.stream().map(OmsReport::describe).collect(Collectors.joining(" and ")), describe(trade));
                }
                if (trade == null) {
                    add(Problem.Category.MISMATCHED, "a fill with TrdMatchID " + e.getKey() + ", which the venue has no trade for on this order",
                            told.get(0).describe(), describe(venueOrders));
                    continue;
                }
                for (OmsReport f : told) {
                    if (!same(f.lastQty(), trade.qty()) || !same(f.lastPx(), trade.price())) {
                        add(Problem.Category.MISMATCHED, "the fill of venue trade " + e.getKey() + " differs from the venue's",
                                f.describe(), describe(trade));
                    }
                }
            }
            for (VenueTrade t : venueTrades.values()) {
                if (!byTrade.containsKey(t.tradeId())) {
                    add(Problem.Category.LOST, "venue trade " + t.tradeId() + " was never reported to the OMS",
                            "fills with TrdMatchID " + byTrade.keySet(), describe(t));
                }
            }
            BigDecimal told = fills.values().stream().map(f -> f.lastQty() == null ? BigDecimal.ZERO : f.lastQty())
                    .reduce(BigDecimal.ZERO, BigDecimal::add);
            BigDecimal filled = venueTrades.values().stream().map(VenueTrade::qty).reduce(BigDecimal.ZERO, BigDecimal::add);
            if (told.compareTo(filled) > 0) {
                add(Problem.Category.DOUBLED, "the OMS was told of more filled quantity than the venue filled",
                        "filled " + OmsReport.plain(told) + " in " + fills.size() + " fill(s)",
                        "filled " + OmsReport.plain(filled) + " in " + venueTrades.size() + " trade(s)");
            }
        }

        /** Orders of ClOrdIDs the OMS was told were replaced must not be working any more. */
        private void replacedStillOpen(String current) {
            for (OmsRequest r : chain.requests()) {
                if (r.kind().placesOrder() && !r.clOrdId().equals(current) && accepted(r.clOrdId())) {
                    List<VenueOrder> open = venueOrdersOf(r.clOrdId()).stream().filter(VenueOrder::isOpen).toList();
                    if (!open.isEmpty()) {
                        add(Problem.Category.DOUBLED, "the venue still works the order of " + r.clOrdId()
                                + ", which the OMS was told was replaced by " + current, describeReports(), describe(open));
                    }
                }
            }
        }

        private void finalStatus(String current, Map<String, OmsReport> fills, List<VenueOrder> venueOrders) {
            OmsReport last = executionReports.get(executionReports.size() - 1);
            char status = last.ordStatus();
            List<VenueOrder> working = venueOrdersOf(current);
            VenueOrder v = working.isEmpty() ? null : working.get(working.size() - 1);
            boolean omsOpen = OPEN_STATUSES.contains(status);
            String omsHad = "OrdStatus " + status + " (" + last.describe() + ")";
            if (v == null) {
                if (status != '8') {
                    add(Problem.Category.MISMATCHED, "the venue has no order for the working ClOrdID " + current, omsHad,
                            describe(venueOrders));
                }
                return;
            }
            if (status == '8') {
                add(Problem.Category.MISMATCHED, "the OMS holds the order rejected, but the venue has order " + v.orderId()
                        + " for ClOrdID " + current, omsHad, v.describe());
            } else if (omsOpen != v.isOpen()) {
                add(Problem.Category.MISMATCHED, omsOpen ? "the OMS holds the order open, the venue has it done"
                        : "the OMS holds the order done, the venue has it open", omsHad, v.describe());
            } else if (omsOpen) {
                if (requireTerminal) {
                    add(Problem.Category.MISMATCHED, "the order is still open at the end although the harness cancelled it",
                            omsHad, v.describe());
                }
            } else if (!terminalAgrees(status, v.status())) {
                add(Problem.Category.MISMATCHED, "the OMS's final status disagrees with the venue's", omsHad, v.describe());
            }
            BigDecimal filled = venueOrders.stream().flatMap(o -> o.fills().stream()).collect(
                    Collectors.toMap(VenueTrade::tradeId, VenueTrade::qty, (a, b) -> a, LinkedHashMap::new))
                    .values().stream().reduce(BigDecimal.ZERO, BigDecimal::add);
            if (last.cumQty() != null && last.cumQty().compareTo(filled) != 0) {
                add(Problem.Category.MISMATCHED, "the final CumQty differs from what the venue filled",
                        "CumQty " + OmsReport.plain(last.cumQty()) + " (" + last.describe() + ")",
                        "filled " + OmsReport.plain(filled) + ": " + describe(venueOrders));
            }
        }

        private static boolean terminalAgrees(char status, String venueStatus) {
            return switch (status) {
                case '2' -> "FILLED".equals(venueStatus);
                case '4' -> CANCELED.contains(venueStatus);
                case 'C' -> EXPIRED.contains(venueStatus);
                default -> false;
            };
        }

        /** Whether the OMS was told the order or replace under {@code clOrdId} went through. */
        private boolean accepted(String clOrdId) {
            for (OmsReport e : executionReports) {
                if (e.clOrdId().equals(clOrdId) && e.execType() != '8' && e.execType() != 'E' && e.execType() != 'A') {
                    return true;
                }
                if (clOrdId.equals(e.origClOrdId()) && e.execType() != '8') {
                    return true;
                }
            }
            return false;
        }

        private boolean toldRefused(String clOrdId) {
            return reports.stream().anyMatch(r -> r.clOrdId().equals(clOrdId)
                    && (r.isCancelReject() || r.execType() == '8'));
        }

        private List<VenueOrder> venueOrdersOf(String clOrdId) {
            return byClientId.getOrDefault(ClientOrderIds.derive(sessionKey, clOrdId), List.of());
        }

        private String reportsAbout(String clOrdId) {
            return reports.stream().filter(r -> r.clOrdId().equals(clOrdId)).map(OmsReport::describe)
                    .collect(Collectors.joining(" | "));
        }

        private String describeReports() {
            if (reports.isEmpty()) {
                return "no report";
            }
            return reports.stream().map(OmsReport::describe).collect(Collectors.joining(" | "));
        }

        private void add(Problem.Category category, String what, String omsHad, String venueHad) {
            problems.add(new Problem(category, chain.rootClOrdId(), what, omsHad, venueHad));
        }

        private static boolean sameFill(OmsReport a, OmsReport b) {
            return same(a.lastQty(), b.lastQty()) && same(a.lastPx(), b.lastPx())
                    && Objects.equals(a.trdMatchId(), b.trdMatchId());
        }
    }

    private static boolean same(BigDecimal a, BigDecimal b) {
        return a == null ? b == null : b != null && a.compareTo(b) == 0;
    }

    private static String describe(List<VenueOrder> orders) {
        if (orders.isEmpty()) {
            return "no order";
        }
        return orders.stream().map(VenueOrder::describe).collect(Collectors.joining(" | "));
    }

    private static String describe(VenueTrade t) {
        return t == null ? "no such trade" : "trade " + t.tradeId() + " " + OmsReport.plain(t.qty()) + " @ " + OmsReport.plain(t.price());
    }
}

package io.fixbridge.gateway.harness;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.fixbridge.gateway.order.ClientOrderIds;

/** Each rule of {@link Verdict} on hand-built OMS records and venue truths. */
class VerdictTest {
    private static final String SESSION = "FIX.4.4:FIXBRIDGE->OMS1";

    private int seq = 1;

    @Test
    void aCleanRunHasNoProblemAndCountsFills() {
        OmsChain chain = chain("N1", newOrder("N1"), er("N1", "N1-1", '0', '0'), fill("N1", "N1-2", '2', "0.001", "60000", "7"));
        Judgement j = judge(List.of(chain), List.of(venue("N1", "FILLED", "0.001", trade("7", "0.001", "60000"))));
        assertThat(j.problems()).isEmpty();
        assertThat(j.fills()).isEqualTo(1);
        assertThat(j.clean()).isTrue();
    }

    @Test
    void aVenueTradeTheOmsNeverHeardOfIsLost() {
        OmsChain chain = chain("N1", newOrder("N1"), er("N1", "N1-1", '0', '0'),
                fill("N1", "N1-2", '1', "0.001", "60000", "7"), canceled("N1", "X1", "N1-3", "0.001"));
        Judgement j = judge(List.of(chain), List.of(venue("N1", "CANCELED", "0.003",
                trade("7", "0.001", "60000"), trade("8", "0.002", "60001"))));
        assertThat(j.lost()).isEqualTo(1);
        assertThat(j.problems().get(0).what()).contains("venue trade 8 was never reported");
        // the OMS's CumQty 0.001 against the venue's 0.003 is a mismatch as well
        assertThat(j.mismatched()).isEqualTo(1);
        assertThat(j.doubled()).isZero();
    }

    @Test
    void anOrderTheOmsNeverHeardOfIsLost() {
        OmsChain chain = new OmsChain("N1", List.of(newOrder("N1")), List.of());
        Judgement j = judge(List.of(chain), List.of(venue("N1", "NEW", "0")));
        assertThat(j.lost()).isEqualTo(1);
        assertThat(j.problems().get(0).venueHad()).contains("NEW");
    }

    @Test
    void twoVenueOrdersUnderOneClientOrderIdAreDoubled() {
        OmsChain chain = chain("N1", newOrder("N1"), er("N1", "N1-1", '0', '0'), canceled("N1", "X1", "N1-2", "0"));
        Judgement j = judge(List.of(chain), List.of(venue("N1", "CANCELED", "0"), venue("N1", "CANCELED", "0")));
        assertThat(j.doubled()).isEqualTo(1);
        assertThat(j.problems().get(0).what()).contains("2 venue orders under the one client order id");
    }

    @Test
    void aVenueOrderNoClOrdIdAskedForIsDoubled() {
        OmsChain chain = chain("N1", newOrder("N1"), er("N1", "N1-1", '0', '0'), canceled("N1", "X1", "N1-2", "0"));
        VenueOrder orphan = new VenueOrder("99", "someone-else", "BUY", "NEW", new BigDecimal("0.001"), BigDecimal.ZERO,
                new BigDecimal("59000"), List.of());
        Judgement j = judge(List.of(chain), List.of(venue("N1", "CANCELED", "0"), orphan));
        assertThat(j.doubled()).isEqualTo(1);
        assertThat(j.problems().get(0).clOrdId()).isEqualTo("someone-else");
        assertThat(j.problems().get(0).what()).contains("which no ClOrdID of the OMS asked for");
    }

    @Test
    void theSameExecIdResentWithTheSameNumbersIsNoDouble() {
        OmsReport ack = er("N1", "N1-1", '0', '0');
        OmsReport fill = fill("N1", "N1-2", '2', "0.001", "60000", "7");
        // a resend after a restart: a new MsgSeqNum, the same ExecID and numbers (the price spelled differently)
        OmsReport resent = new OmsReport(seq++, "8", "N1", null, "N1-2", 'F', '2', new BigDecimal("0.001"),
                new BigDecimal("60000.00"), "7", new BigDecimal("0.001"), null);
        OmsChain chain = chain("N1", newOrder("N1"), ack, fill, resent);
        Judgement j = judge(List.of(chain), List.of(venue("N1", "FILLED", "0.001", trade("7", "0.001", "60000"))));
        assertThat(j.problems()).isEmpty();
        assertThat(j.fills()).isEqualTo(1);
    }

    @Test
    void oneVenueTradeUnderTwoExecIdsIsDoubled() {
        OmsChain chain = chain("N1", newOrder("N1"), er("N1", "N1-1", '0', '0'),
                fill("N1", "N1-2", '2', "0.001", "60000", "7"), fill("N1", "N1-3", '2', "0.001", "60000", "7"));
        Judgement j = judge(List.of(chain), List.of(venue("N1", "FILLED", "0.001", trade("7", "0.001", "60000"))));
        assertThat(j.problems()).extracting(Problem::category).contains(Problem.Category.DOUBLED);
        assertThat(j.problems()).anyMatch(p -> p.what().contains("venue trade 7 was reported under 2 ExecIDs"));
        assertThat(j.problems()).anyMatch(p -> p.what().contains("more filled quantity than the venue filled"));
        assertThat(j.lost()).isZero();
    }

    @Test
    void theSameExecIdWithOtherNumbersIsMismatched() {
        OmsChain chain = chain("N1", newOrder("N1"), er("N1", "N1-1", '0', '0'),
                fill("N1", "N1-2", '2', "0.001", "60000", "7"), fill("N1", "N1-2", '2', "0.002", "60000", "7"));
        Judgement j = judge(List.of(chain), List.of(venue("N1", "FILLED", "0.001", trade("7", "0.001", "60000"))));
        assertThat(j.problems()).filteredOn(p -> p.category() == Problem.Category.MISMATCHED)
                .anyMatch(p -> p.what().contains("ExecID N1-2 was reported twice with different numbers"));
        assertThat(j.doubled()).isZero();
        assertThat(j.lost()).isZero();
    }

    @Test
    void aFinalStatusTheVenueDisagreesWithIsMismatched() {
        OmsChain chain = chain("N1", newOrder("N1"), er("N1", "N1-1", '0', '0'), canceled("N1", "X1", "N1-2", "0"));
        Judgement j = judge(List.of(chain), List.of(venue("N1", "FILLED", "0.001", trade("7", "0.001", "60000"))));
        assertThat(j.problems()).anyMatch(p -> p.category() == Problem.Category.MISMATCHED
                && p.what().contains("final status disagrees"));
        assertThat(j.problems()).anyMatch(p -> p.category() == Problem.Category.LOST && p.what().contains("venue trade 7"));
    }

    @Test
    void anOrderOpenForTheOmsButDoneOnTheVenueIsMismatched() {
        OmsChain chain = chain("N1", newOrder("N1"), er("N1", "N1-1", '0', '0'));
        Judgement j = judge(List.of(chain), List.of(venue("N1", "CANCELED", "0")));
        assertThat(j.mismatched()).isEqualTo(1);
        assertThat(j.problems().get(0).what()).contains("the OMS holds the order open, the venue has it done");
    }

    @Test
    void anOrderStillOpenOnBothSidesIsMismatchedOnlyWhenTheEndRequiresTerminal() {
        OmsChain chain = chain("N1", newOrder("N1"), er("N1", "N1-1", '0', '0'));
        List<VenueOrder> venue = List.of(venue("N1", "NEW", "0"));
        assertThat(Verdict.judge(SESSION, List.of(chain), venue, false).problems()).isEmpty();
        assertThat(Verdict.judge(SESSION, List.of(chain), venue, true).mismatched()).isEqualTo(1);
    }

    @Test
    void aFillWhoseQuantityDiffersFromTheVenueTradeIsMismatched() {
        OmsChain chain = chain("N1", newOrder("N1"), er("N1", "N1-1", '0', '0'), fill("N1", "N1-2", '2', "0.002", "60000", "7"));
        Judgement j = judge(List.of(chain), List.of(venue("N1", "FILLED", "0.002", trade("7", "0.0015", "60000"),
                trade("8", "0.0005", "60000"))));
        assertThat(j.problems()).anyMatch(p -> p.category() == Problem.Category.MISMATCHED
                && p.what().contains("the fill of venue trade 7 differs"));
        assertThat(j.problems()).anyMatch(p -> p.category() == Problem.Category.LOST && p.what().contains("venue trade 8"));
    }

    @Test
    void toldRejectedWhileTheVenueHasTheOrderIsLost() {
        OmsChain chain = chain("N1", newOrder("N1"), er("N1", "N1-1", '8', '8'));
        Judgement j = judge(List.of(chain), List.of(venue("N1", "NEW", "0")));
        assertThat(j.lost()).isEqualTo(1);
        assertThat(j.problems().get(0).what()).contains("was told the order was rejected, but the venue has it");
        assertThat(j.mismatched()).isZero();
    }

    @Test
    void aRejectTheVenueAgreesWithIsClean() {
        OmsChain chain = chain("N1", newOrder("N1"), er("N1", "N1-1", '8', '8'));
        assertThat(judge(List.of(chain), List.of()).problems()).isEmpty();
    }

    @Test
    void aReplacedChainIsJudgedOnItsNewVenueOrderAndItsFillsAcrossBoth() {
        OmsChain chain = chain("N1", List.of(newOrder("N1"), new OmsRequest(OmsRequest.Kind.REPLACE, "R1")),
                er("N1", "N1-1", '0', '0'),
                fill("N1", "N1-2", '1', "0.001", "60000", "7"),
                new OmsReport(seq++, "8", "R1", "N1", "N1-3", '5', '1', null, null, null, new BigDecimal("0.001"), null),
                fill("R1", "N1-4", '2', "0.001", "59990", "9"));
        Judgement j = judge(List.of(chain), List.of(
                venue("N1", "CANCELED", "0.001", trade("7", "0.001", "60000")),
                venue("R1", "FILLED", "0.001", trade("9", "0.001", "59990"))));
        assertThat(j.problems()).isEmpty();
        assertThat(j.fills()).isEqualTo(2);
    }

    @Test
    void aReplaceToldRefusedThatTheVenueCarriedOutIsLost() {
        OmsChain chain = chain("N1", List.of(newOrder("N1"), new OmsRequest(OmsRequest.Kind.REPLACE, "R1")),
                er("N1", "N1-1", '0', '0'),
                new OmsReport(seq++, "9", "R1", "N1", null, (char) 0, '0', null, null, null, null, "unknown order"));
        Judgement j = judge(List.of(chain), List.of(venue("N1", "CANCELED", "0"), venue("R1", "NEW", "0")));
        assertThat(j.problems()).anyMatch(p -> p.category() == Problem.Category.LOST
                && p.what().contains("was told replace R1 was rejected, but the venue has it"));
    }

    @Test
    void aRequestNeverAnsweredIsLost() {
        OmsChain chain = chain("N1", List.of(newOrder("N1"), new OmsRequest(OmsRequest.Kind.CANCEL, "X1")),
                er("N1", "N1-1", '0', '0'));
        Judgement j = Verdict.judge(SESSION, List.of(chain), List.of(venue("N1", "NEW", "0")), false);
        assertThat(j.lost()).isEqualTo(1);
        assertThat(j.problems().get(0).what()).contains("never heard back about its cancel request X1");
    }

    // ---------------------------------------------------------------- builders

    private static Judgement judge(List<OmsChain> chains, List<VenueOrder> venue) {
        return Verdict.judge(SESSION, chains, venue, true);
    }

    private static OmsRequest newOrder(String clOrdId) {
        return new OmsRequest(OmsRequest.Kind.NEW, clOrdId);
    }

    /** A chain of one NewOrderSingle, plus a cancel request for every cancel report (ClOrdID X...) among the reports. */
    private static OmsChain chain(String root, OmsRequest request, OmsReport... reports) {
        List<OmsRequest> requests = new ArrayList<>(List.of(request));
        for (OmsReport r : reports) {
            if (r.clOrdId().startsWith("X")) {
                requests.add(new OmsRequest(OmsRequest.Kind.CANCEL, r.clOrdId()));
            }
        }
        return new OmsChain(root, requests, List.of(reports));
    }

    private static OmsChain chain(String root, List<OmsRequest> requests, OmsReport... reports) {
        return new OmsChain(root, requests, List.of(reports));
    }

    private OmsReport er(String clOrdId, String execId, char execType, char ordStatus) {
        return new OmsReport(seq++, "8", clOrdId, null, execId, execType, ordStatus, BigDecimal.ZERO, BigDecimal.ZERO, null,
                BigDecimal.ZERO, null);
    }

    /** A fill; CumQty is the running sum of this builder's fills of the same ClOrdID chain in the test. */
    private OmsReport fill(String clOrdId, String execId, char ordStatus, String qty, String px, String trade) {
        cum = cum.add(new BigDecimal(qty));
        return new OmsReport(seq++, "8", clOrdId, null, execId, 'F', ordStatus, new BigDecimal(qty), new BigDecimal(px), trade,
                cum, null);
    }

    private BigDecimal cum = BigDecimal.ZERO;

    /** The ExecutionReport answering cancel {@code cancelId} of the order {@code orig}. */
    private OmsReport canceled(String orig, String cancelId, String execId, String cumQty) {
        return new OmsReport(seq++, "8", cancelId, orig, execId, '4', '4', BigDecimal.ZERO, BigDecimal.ZERO, null,
                new BigDecimal(cumQty), null);
    }

    private static VenueOrder venue(String clOrdId, String status, String executed, VenueTrade... trades) {
        List<VenueTrade> fills = new ArrayList<>(List.of(trades));
        return new VenueOrder(String.valueOf(Math.abs(clOrdId.hashCode() + status.hashCode())),
                ClientOrderIds.derive(SESSION, clOrdId), "BUY", status, new BigDecimal("0.003"), new BigDecimal(executed),
                new BigDecimal("60000"), fills);
    }

    private static VenueTrade trade(String id, String qty, String px) {
        return new VenueTrade(id, new BigDecimal(qty), new BigDecimal(px));
    }
}

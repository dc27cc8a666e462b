package io.fixbridge.gateway.order;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.fixbridge.venue.Liquidity;
import io.fixbridge.venue.OrderEvent;
import io.fixbridge.venue.OrderRequest;
import io.fixbridge.venue.OrderType;
import io.fixbridge.venue.RejectReason;
import io.fixbridge.venue.Side;
import io.fixbridge.venue.VenueError;

class OrderStateMachineTest {
    private static final Instant T = Instant.parse("2026-11-21T10:00:00Z");
    private static final String ACCOUNT = "main";
    private static final String CID = "c0ffee";

    private GatewayOrder order;

    @BeforeEach
    void newOrder() {
        OrderRequest terms = OrderRequest.builder().account(ACCOUNT).clientOrderId(CID).symbol("BTC/USDT")
                .side(Side.BUY).type(OrderType.LIMIT).quantity(new BigDecimal("1.0")).price(new BigDecimal("100")).build();
        order = new GatewayOrder("O-1", "FIX.4.4:FIXBRIDGE->OMS1", "paper", "C1", terms);
        assertThat(OrderStateMachine.pendingNew(order).view().status()).isEqualTo(OrdStatus.PENDING_NEW);
    }

    @Test
    void ackThenFillsReportNewThenPartialThenFilledWithAveragePrice() {
        List<Execution> ack = apply(accepted());
        assertThat(ack).extracting(Execution::kind).containsExactly(ExecKind.NEW);
        assertThat(ack.get(0).view().venueOrderId()).isEqualTo("V1");

        Execution first = single(apply(fill("t1", "0.4", "100")));
        assertThat(first.kind()).isEqualTo(ExecKind.TRADE);
        assertThat(first.execId()).isEqualTo("O-1-Tt1");
        assertThat(first.view().status()).isEqualTo(OrdStatus.PARTIALLY_FILLED);
        assertThat(first.view().cumQty()).isEqualByComparingTo("0.4");
        assertThat(first.view().leavesQty()).isEqualByComparingTo("0.6");

        Execution second = single(apply(fill("t2", "0.6", "101")));
        assertThat(second.view().status()).isEqualTo(OrdStatus.FILLED);
        assertThat(second.view().cumQty()).isEqualByComparingTo("1.0");
        assertThat(second.view().leavesQty()).isEqualByComparingTo("0");
        // (0.4 * 100 + 0.6 * 101) / 1.0
        assertThat(second.view().avgPx()).isEqualByComparingTo("100.6");
        assertThat(second.fill().lastQty()).isEqualByComparingTo("0.6");
    }

    @Test
    void fillBeforeAckReportsTheImpliedNewFirstAndTheLateAckSaysNothing() {
        List<Execution> out = apply(fill("t1", "0.25", "100"));
        assertThat(out).extracting(Execution::kind).containsExactly(ExecKind.NEW, ExecKind.TRADE);
        assertThat(out.get(0).view().status()).isEqualTo(OrdStatus.NEW);
        assertThat(out.get(0).view().cumQty()).isEqualByComparingTo("0");
        assertThat(out.get(1).view().status()).isEqualTo(OrdStatus.PARTIALLY_FILLED);

        assertThat(apply(accepted())).isEmpty();
        assertThat(order.status()).isEqualTo(OrdStatus.PARTIALLY_FILLED);
    }

    @Test
    void theSameFillTwiceIsCountedOnce() {
        apply(accepted());
        apply(fill("t1", "0.5", "100"));
        assertThat(apply(fill("t1", "0.5", "100"))).isEmpty();
        assertThat(order.cumQty()).isEqualByComparingTo("0.5");
    }

    @Test
    void aFillCrossingACancelIsReportedUnderPendingCancelThenTheCancelCompletes() {
        apply(accepted());
        Execution pending = OrderStateMachine.pendingCancel(order, "X1");
        assertThat(pending.kind()).isEqualTo(ExecKind.PENDING_CANCEL);
        assertThat(pending.view().clOrdId()).isEqualTo("X1");
        assertThat(pending.view().origClOrdId()).isEqualTo("C1");

        Execution crossing = single(apply(fill("t1", "0.3", "100")));
        assertThat(crossing.view().status()).isEqualTo(OrdStatus.PENDING_CANCEL);
        assertThat(crossing.view().cumQty()).isEqualByComparingTo("0.3");

        Execution canceled = single(apply(new OrderEvent.Canceled(ACCOUNT, CID, "V1", null, T)));
        assertThat(canceled.kind()).isEqualTo(ExecKind.CANCELED);
        assertThat(canceled.view().status()).isEqualTo(OrdStatus.CANCELED);
        assertThat(canceled.view().clOrdId()).isEqualTo("X1");
        assertThat(canceled.view().origClOrdId()).isEqualTo("C1");
        assertThat(canceled.view().cumQty()).isEqualByComparingTo("0.3");
        assertThat(canceled.view().leavesQty()).isEqualByComparingTo("0");
    }

    @Test
    void aFillThatCompletesTheOrderWhileACancelIsPendingAnswersTheCancelTooLate() {
        apply(accepted());
        OrderStateMachine.pendingCancel(order, "X1");
        List<Execution> out = apply(fill("t1", "1.0", "100"));
        assertThat(out).hasSize(2);
        assertThat(out.get(0).view().status()).isEqualTo(OrdStatus.FILLED);
        assertThat(out.get(1).cancelReject()).isNotNull();
        assertThat(out.get(1).cancelReject().requestClOrdId()).isEqualTo("X1");
        assertThat(out.get(1).rejectReason()).isEqualTo(RejectReason.TOO_LATE);
        // the venue's own cancel reject, arriving later, finds nothing pending
        assertThat(apply(new OrderEvent.CancelRejected(ACCOUNT, CID,
                VenueError.rejected(RejectReason.TOO_LATE, "-2011", "Unknown order sent."), T))).isEmpty();
    }

    @Test
    void aDoneOrderNeverMovesBackwardsButALateFillIsStillReported() {
        apply(accepted());
        apply(new OrderEvent.Canceled(ACCOUNT, CID, "V1", null, T));
        assertThat(apply(accepted())).isEmpty();
        assertThat(apply(new OrderEvent.Canceled(ACCOUNT, CID, "V1", null, T))).isEmpty();

        Execution late = single(apply(fill("t9", "0.2", "100")));
        assertThat(late.kind()).isEqualTo(ExecKind.TRADE);
        assertThat(late.view().status()).isEqualTo(OrdStatus.CANCELED);
        assertThat(late.view().cumQty()).isEqualByComparingTo("0.2");
    }

    @Test
    void replaceMovesTheClOrdIdChainAndTheTerms() {
        apply(accepted());
        apply(fill("t1", "0.4", "100"));
        OrderRequest replacement = order.terms().toBuilder().clientOrderId("beef").quantity(new BigDecimal("2"))
                .price(new BigDecimal("99")).build();
        Execution pending = OrderStateMachine.pendingReplace(order, "C2", replacement);
        assertThat(pending.view().status()).isEqualTo(OrdStatus.PENDING_REPLACE);

        Execution replaced = single(apply(new OrderEvent.Replaced(ACCOUNT, CID, "beef", "V1", new BigDecimal("2"),
                new BigDecimal("99"), null, T)));
        assertThat(replaced.kind()).isEqualTo(ExecKind.REPLACED);
        assertThat(replaced.view().clOrdId()).isEqualTo("C2");
        assertThat(replaced.view().origClOrdId()).isEqualTo("C1");
        assertThat(replaced.view().status()).isEqualTo(OrdStatus.PARTIALLY_FILLED);
        assertThat(replaced.view().leavesQty()).isEqualByComparingTo("1.6");
        assertThat(order.terms().price()).isEqualByComparingTo("99");
        // the stream repeating the replace says nothing more
        assertThat(apply(new OrderEvent.Replaced(ACCOUNT, CID, "beef", "V1", new BigDecimal("2"),
                new BigDecimal("99"), null, T))).isEmpty();
    }

    @Test
    void aVenueCancelRejectAnswersThePendingReplace() {
        apply(accepted());
        OrderStateMachine.pendingReplace(order, "C2", order.terms().toBuilder().clientOrderId("beef").build());
        Execution reject = single(apply(new OrderEvent.CancelRejected(ACCOUNT, CID,
                VenueError.rejected(RejectReason.UNKNOWN_ORDER, "110001", "order not exists"), T)));
        assertThat(reject.cancelReject().responseTo()).isEqualTo(PendingChange.Kind.REPLACE);
        assertThat(reject.venueCode()).isEqualTo("110001");
        assertThat(reject.view().status()).isEqualTo(OrdStatus.NEW);
        assertThat(order.pending()).isNull();
    }

    @Test
    void anExpiryWhileACancelIsPendingAnswersTheCancelAndReportsTheExpiry() {
        apply(accepted());
        OrderStateMachine.pendingCancel(order, "X1");
        List<Execution> out = apply(new OrderEvent.Expired(ACCOUNT, CID, "V1", T));
        assertThat(out).hasSize(2);
        assertThat(out.get(0).cancelReject()).isNotNull();
        assertThat(out.get(1).kind()).isEqualTo(ExecKind.EXPIRED);
        assertThat(out.get(1).view().status()).isEqualTo(OrdStatus.EXPIRED);
    }

    @Test
    void aRejectOnlyRejectsAPendingOrder() {
        Execution rejected = single(apply(new OrderEvent.Rejected(ACCOUNT, CID,
                VenueError.rejected(RejectReason.INSUFFICIENT_FUNDS, "-2010", "Account has insufficient balance"), T)));
        assertThat(rejected.view().status()).isEqualTo(OrdStatus.REJECTED);
        assertThat(rejected.rejectReason()).isEqualTo(RejectReason.INSUFFICIENT_FUNDS);
        assertThat(rejected.venueCode()).isEqualTo("-2010");
        assertThat(apply(accepted())).isEmpty();
        assertThat(order.status()).isEqualTo(OrdStatus.REJECTED);
    }

    @Test
    void aQuoteSizedOrderIsFilledWhenTheVenueSaysItsLastFillCompletedIt() {
        OrderRequest cash = OrderRequest.builder().account(ACCOUNT).clientOrderId("cash").symbol("ETH/USDT")
                .side(Side.BUY).type(OrderType.MARKET).cashQuantity(new BigDecimal("3000")).build();
        GatewayOrder quoteSized = new GatewayOrder("O-2", "s", "binance", "C9", cash);
        OrderStateMachine.apply(quoteSized, new OrderEvent.Accepted(ACCOUNT, "cash", "V9", T));
        Execution first = single(OrderStateMachine.apply(quoteSized, new OrderEvent.Fill(ACCOUNT, "cash", "V9", "t1",
                new BigDecimal("0.6"), new BigDecimal("3000"), BigDecimal.ZERO, "USDT", Liquidity.TAKER, T, false)));
        assertThat(first.view().status()).isEqualTo(OrdStatus.PARTIALLY_FILLED);
        Execution last = single(OrderStateMachine.apply(quoteSized, new OrderEvent.Fill(ACCOUNT, "cash", "V9", "t2",
                new BigDecimal("0.4"), new BigDecimal("3000"), BigDecimal.ZERO, "USDT", Liquidity.TAKER, T, true)));
        assertThat(last.view().status()).isEqualTo(OrdStatus.FILLED);
        assertThat(last.view().cumQty()).isEqualByComparingTo("1.0");
        assertThat(last.view().leavesQty()).isEqualByComparingTo("0");
    }

    @Test
    void aReplaceRefusedForWantOfAnAnswerIsAppliedWhenTheVenueReportsItAfterAll() {
        apply(accepted());
        OrderRequest replacement = order.terms().toBuilder().clientOrderId("beef").quantity(new BigDecimal("2"))
                .price(new BigDecimal("99")).build();
        OrderStateMachine.pendingReplace(order, "C2", replacement);
        Execution refused = OrderStateMachine.refusePending(order, VenueError.outcomeUnknown(null, "no answer"));
        assertThat(refused.cancelReject()).isNotNull();
        order.doubtful(new PendingChange(PendingChange.Kind.REPLACE, "C2", replacement));

        Execution late = single(apply(new OrderEvent.Replaced(ACCOUNT, CID, "beef", "V2", new BigDecimal("2"),
                new BigDecimal("99"), null, T)));
        assertThat(late.kind()).isEqualTo(ExecKind.REPLACED);
        assertThat(late.view().clOrdId()).isEqualTo("C2");
        assertThat(order.terms().clientOrderId()).isEqualTo("beef");
        assertThat(order.venueOrderId()).isEqualTo("V2");
    }

    @Test
    void theEndOfTheVenueOrderAReplaceSupersededDoesNotEndTheOrder() {
        apply(accepted());
        OrderStateMachine.pendingReplace(order, "C2", order.terms().toBuilder().clientOrderId("beef").build());
        apply(new OrderEvent.Replaced(ACCOUNT, CID, "beef", "V2", new BigDecimal("1.0"), new BigDecimal("100"), null, T));
        // cancel-then-new: the old venue order's cancel arrives after the replace
        assertThat(apply(new OrderEvent.Canceled(ACCOUNT, CID, "V1", null, T))).isEmpty();
        assertThat(order.status()).isEqualTo(OrdStatus.NEW);
        assertThat(single(apply(new OrderEvent.Canceled(ACCOUNT, "beef", "V2", null, T))).kind()).isEqualTo(ExecKind.CANCELED);
    }

    @Test
    void execIdsAreUniqueAcrossTheOrdersHistory() {
        List<String> ids = new java.util.ArrayList<>();
        ids.add(OrderStateMachine.status(order).execId());
        apply(accepted()).forEach(e -> ids.add(e.execId()));
        apply(fill("t1", "0.5", "100")).forEach(e -> ids.add(e.execId()));
        ids.add(OrderStateMachine.pendingCancel(order, "X").execId());
        apply(new OrderEvent.Canceled(ACCOUNT, CID, "V1", null, T)).forEach(e -> ids.add(e.execId()));
        assertThat(ids).hasSize(5).doesNotHaveDuplicates();
    }

    private List<Execution> apply(OrderEvent event) {
        return OrderStateMachine.apply(order, event);
    }

    private static OrderEvent.Accepted accepted() {
        return new OrderEvent.Accepted(ACCOUNT, CID, "V1", T);
    }

    private static OrderEvent.Fill fill(String tradeId, String qty, String px) {
        return new OrderEvent.Fill(ACCOUNT, CID, "V1", tradeId, new BigDecimal(qty), new BigDecimal(px),
                new BigDecimal("0.01"), "USDT", Liquidity.MAKER, T);
    }

    private static Execution single(List<Execution> executions) {
        assertThat(executions).hasSize(1);
        return executions.get(0);
    }
}

package io.fixbridge.gateway.journal;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.fixbridge.gateway.journal.JournalRecord.OrderAccepted;
import io.fixbridge.gateway.journal.JournalRecord.StateChanged;
import io.fixbridge.gateway.order.ExecKind;
import io.fixbridge.gateway.order.Execution;
import io.fixbridge.gateway.order.GatewayOrder;
import io.fixbridge.gateway.order.OrdStatus;
import io.fixbridge.gateway.order.OrderStateMachine;
import io.fixbridge.venue.Liquidity;
import io.fixbridge.venue.OrderEvent;
import io.fixbridge.venue.OrderRequest;

/**
 * A real order driven through the real state machine, each execution journaled as the engine
 * will: the replayed records hold everything needed to restore the order as it stood.
 */
class StateChangedFromEngineTest {
    @TempDir
    Path dir;

    @Test
    void theLastStateChangedOfAnOrderAndItsFillsRestoreIt() throws Exception {
        Instant at = Fixtures.T0;
        GatewayOrder order = new GatewayOrder("O-7", Fixtures.SESSION, "bybit", "C1", Fixtures.limit("cid-1"));
        List<JournalRecord> appended = new ArrayList<>();
        appended.add(OrderAccepted.of(order, at));
        journal(order, List.of(OrderStateMachine.pendingNew(order)), appended, at);
        journal(order, OrderStateMachine.apply(order, new OrderEvent.Accepted("main", "cid-1", "v-1", at)), appended, at);
        journal(order, OrderStateMachine.apply(order, new OrderEvent.Fill("main", "cid-1", "v-1", "t-1",
                new BigDecimal("0.00030000"), new BigDecimal("64250.10"), new BigDecimal("0.0001"), "USDT",
                Liquidity.MAKER, at)), appended, at);
        OrderRequest replacement = order.terms().toBuilder().clientOrderId("cid-2").quantity(new BigDecimal("0.0008"))
                .price(new BigDecimal("64200")).build();
        journal(order, List.of(OrderStateMachine.pendingReplace(order, "C2", replacement)), appended, at);
        StateChanged pendingRecord = (StateChanged) appended.get(appended.size() - 1);
        assertThat(pendingRecord.state().pending().replacement()).isEqualTo(replacement);
        journal(order, OrderStateMachine.apply(order, new OrderEvent.Replaced("main", "cid-1", "cid-2", "v-2",
                new BigDecimal("0.0008"), new BigDecimal("64200"), null, at)), appended, at);
        journal(order, OrderStateMachine.apply(order, new OrderEvent.Fill("main", "cid-2", "v-2", "t-2",
                new BigDecimal("0.0002"), new BigDecimal("64200"), BigDecimal.ZERO, "USDT", null, at)), appended, at);
        journal(order, List.of(OrderStateMachine.pendingCancel(order, "C3")), appended, at);

        try (FileJournal journal = FileJournal.open(JournalConfig.defaults(dir))) {
            for (JournalRecord r : appended) {
                journal.append(r);
            }
        }
        List<JournalRecord> replayed = JournalFiles.replayAll(JournalConfig.defaults(dir));

        assertThat(replayed).containsExactlyElementsOf(appended);
        StateChanged last = (StateChanged) replayed.get(replayed.size() - 1);
        assertThat(last.state().lifecycle()).isEqualTo(order.lifecycle()).isEqualTo(OrdStatus.PARTIALLY_FILLED);
        assertThat(last.state().clOrdId()).isEqualTo("C2");
        assertThat(last.state().origClOrdId()).isEqualTo("C1");
        assertThat(last.state().terms()).isEqualTo(order.terms());
        assertThat(last.state().venueOrderId()).isEqualTo("v-2");
        assertThat(last.state().pending()).isEqualTo(order.pending());
        assertThat(last.execution().view().status()).isEqualTo(OrdStatus.PENDING_CANCEL);
        List<Execution.FillDetail> fills = replayed.stream()
                .filter(r -> r instanceof StateChanged s && s.execution().kind() == ExecKind.TRADE)
                .map(r -> ((StateChanged) r).execution().fill()).toList();
        assertThat(fills).extracting(Execution.FillDetail::tradeId).containsExactly("t-1", "t-2");
        assertThat(fills.stream().map(Execution.FillDetail::lastQty).reduce(BigDecimal.ZERO, BigDecimal::add))
                .isEqualByComparingTo(order.cumQty());
        assertThat(last.state().cumQty()).isEqualTo(order.cumQty());
    }

    private static void journal(GatewayOrder order, List<Execution> executions, List<JournalRecord> out, Instant at) {
        assertThat(executions).isNotEmpty();
        for (Execution e : executions) {
            out.add(StateChanged.of(order, e, null, at));
        }
    }
}

package io.fixbridge.gateway.order;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.fixbridge.gateway.journal.JournalRecord;
import io.fixbridge.venue.Liquidity;
import io.fixbridge.venue.OrderEvent;
import io.fixbridge.venue.OrderRequest;
import io.fixbridge.venue.OrderType;
import io.fixbridge.venue.RejectReason;
import io.fixbridge.venue.Side;
import io.fixbridge.venue.VenueError;

/**
 * The records the engine journals for one order's life, replayed into an empty registry after a
 * "crash", give back the order as it stood: state, fills, pending change, every ClOrdID used,
 * every id the venue may report it by, and ExecIDs that carry on without repeating.
 */
class JournalReplayTest {
    private static final Instant T = Instant.parse("2026-11-21T10:00:00Z");
    private static final String SESSION = "FIX.4.4:FIXBRIDGE->OMS1";
    private static final String CID = "c0ffee";

    private final List<JournalRecord> journal = new ArrayList<>();

    @Test
    void anOrderWithAFillARefusedCancelAndAReplacePendingComesBackAsItStood() {
        OrderRequest terms = OrderRequest.builder().account("main").clientOrderId(CID).symbol("BTC/USDT")
                .side(Side.BUY).type(OrderType.LIMIT).quantity(new BigDecimal("1.0")).price(new BigDecimal("100")).build();
        GatewayOrder live = new GatewayOrder("O-1", SESSION, "paper", "C1", terms);
        journal.add(JournalRecord.OrderAccepted.of(live, T));
        record(live, OrderStateMachine.pendingNew(live));
        OrderStateMachine.apply(live, new OrderEvent.Accepted("main", CID, "V1", T)).forEach(e -> record(live, e));
        OrderStateMachine.apply(live, new OrderEvent.Fill("main", CID, "V1", "t1", new BigDecimal("0.4"),
                new BigDecimal("100"), new BigDecimal("0.01"), "USDT", Liquidity.MAKER, T)).forEach(e -> record(live, e));
        journal.add(new JournalRecord.ClOrdIdUsed(SESSION, "C2", "O-1", T));
        record(live, OrderStateMachine.pendingCancel(live, "C2"));
        Execution cancelReject = OrderStateMachine.refusePending(live, VenueError.rejected(RejectReason.OTHER, "-2011",
                "the venue refused the cancel"));
        assertThat(cancelReject.execId()).as("an OrderCancelReject carries no ExecID").isNull();
        record(live, cancelReject);
        OrderRequest replacement = terms.toBuilder().clientOrderId("beef01").price(new BigDecimal("99")).build();
        journal.add(new JournalRecord.ClOrdIdUsed(SESSION, "R3", "O-1", T));
        record(live, OrderStateMachine.pendingReplace(live, "R3", replacement));
        String lastExecIdBeforeCrash = live.nextExecId();

        OrderRegistry registry = new OrderRegistry();
        JournalReplay replay = new JournalReplay(registry);
        journal.forEach(replay::accept);

        GatewayOrder back = registry.bySessionClOrdId(SESSION, "C1");
        assertThat(back).isNotNull();
        assertThat(registry.bySessionClOrdId(SESSION, "R3")).isSameAs(back);
        assertThat(registry.byVenueClientId("paper", "main", CID)).isSameAs(back);
        assertThat(registry.byVenueClientId("paper", "main", "beef01")).isSameAs(back);
        assertThat(registry.isUsed(SESSION, "C2")).isTrue();
        assertThat(registry.isUsed(SESSION, "R3")).isTrue();
        assertThat(back.lifecycle()).isEqualTo(OrdStatus.PARTIALLY_FILLED);
        assertThat(back.status()).isEqualTo(OrdStatus.PENDING_REPLACE);
        assertThat(back.pending()).isEqualTo(live.pending());
        assertThat(back.venueOrderId()).isEqualTo("V1");
        assertThat(back.cumQty()).isEqualByComparingTo("0.4");
        assertThat(back.avgPx()).isEqualByComparingTo("100");
        assertThat(back.addFill("t1", new BigDecimal("0.4"), new BigDecimal("100"))).as("t1 counted once").isFalse();
        // the live order issued one more ExecID after the last record; the rebuilt one does not repeat any journaled
        assertThat(back.nextExecId()).isEqualTo(lastExecIdBeforeCrash);
        assertThat(replay.last().execution().kind()).isEqualTo(ExecKind.PENDING_REPLACE);
        assertThat(replay.records()).isEqualTo(journal.size());
        assertThat(replay.skipped()).isZero();
    }

    @Test
    void aStateChangeOfAnOrderNoLongerInTheJournalIsSkippedAndCounted() {
        OrderRequest terms = OrderRequest.builder().account("main").clientOrderId(CID).symbol("BTC/USDT")
                .side(Side.BUY).type(OrderType.LIMIT).quantity(BigDecimal.ONE).price(BigDecimal.TEN).build();
        GatewayOrder compactedAway = new GatewayOrder("O-9", SESSION, "paper", "C9", terms);
        journal.add(new JournalRecord.ClOrdIdUsed(SESSION, "C9", "O-9", T));
        record(compactedAway, OrderStateMachine.pendingNew(compactedAway));

        OrderRegistry registry = new OrderRegistry();
        JournalReplay replay = new JournalReplay(registry);
        journal.forEach(replay::accept);

        assertThat(registry.isUsed(SESSION, "C9")).isTrue();
        assertThat(registry.bySessionClOrdId(SESSION, "C9")).isNull();
        assertThat(replay.skipped()).isEqualTo(1);
        assertThat(replay.last()).isNull();
    }

    private void record(GatewayOrder order, Execution execution) {
        journal.add(JournalRecord.StateChanged.of(order, execution, order.doubtful(), T));
    }
}

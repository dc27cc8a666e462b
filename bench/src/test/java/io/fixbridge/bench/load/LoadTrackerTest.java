package io.fixbridge.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;

import org.junit.jupiter.api.Test;

/** What the load client counts: every order found by its ClOrdID, each answer once, the lost and the doubled. */
class LoadTrackerTest {
    private static LoadPhase phase(int orders, int warmup) {
        return new LoadPhase("t", "paper", "BTC/USDT", new BigDecimal("0.001"), new BigDecimal("50000"), 1000, orders, warmup,
                true, 10);
    }

    @Test
    void ordersAndTheirCancelsAreFoundByClOrdIdAndOtherRunsAreNot() {
        LoadTracker a = new LoadTracker(phase(20, 0));
        LoadTracker b = new LoadTracker(phase(20, 0));
        assertThat(a.indexOf(a.orderId(17))).isEqualTo(17);
        assertThat(a.indexOf(a.cancelId(17))).isEqualTo(17);
        assertThat(a.indexOf(b.orderId(17))).isEqualTo(-1);
        assertThat(a.indexOf(a.orderId(0) + "x")).isEqualTo(-1);
        assertThat(a.indexOf(a.orderId(19) + "9")).as("past the run's orders").isEqualTo(-1);
    }

    @Test
    void anOrderWithoutAnswerIsLostAndASecondAnswerIsADuplicate() {
        LoadTracker t = new LoadTracker(phase(3, 1));
        for (int i = 0; i < 4; i++) {
            t.sending(i);
        }
        t.allSent();
        long now = System.nanoTime();
        t.pendingNew(0, now);
        t.acknowledged(0, now);
        t.pendingNew(1, now);
        assertThat(t.acknowledged(1, now)).isTrue();
        assertThat(t.acknowledged(1, now)).as("a second New for one order").isFalse();
        t.rejected(2, "no");
        t.awaitSettled(Duration.ZERO);

        LoadResult r = t.result();
        assertThat(r.sent()).isEqualTo(4);
        assertThat(r.acknowledged()).isEqualTo(2);
        assertThat(r.rejected()).isEqualTo(1);
        assertThat(r.unanswered()).as("order 3 never answered").isEqualTo(1);
        assertThat(r.duplicates()).isEqualTo(1);
        assertThat(r.newNanos().getTotalCount()).as("the warm-up order is not measured").isEqualTo(1);
        assertThat(r.problems()).anyMatch(p -> p.contains("rejected: no"));
        assertThat(r.clean()).isFalse();
    }
}

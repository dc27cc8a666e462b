package io.fixbridge.venue.kit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TradeIdsTest {
    @Test
    void aTradeIdPassesOnceAndATakenOverOrderKeepsItsTrades() {
        TradeIds ids = new TradeIds();
        assertThat(ids.isEmpty()).isTrue();
        assertThat(ids.add("T1")).isTrue();
        assertThat(ids.add("T1")).isFalse();
        assertThat(ids.isEmpty()).isFalse();

        TradeIds successor = new TradeIds();
        successor.addAll(new TradeIds());
        assertThat(successor.isEmpty()).isTrue();
        successor.addAll(ids);
        assertThat(successor.add("T1")).isFalse();
        assertThat(successor.add("T2")).isTrue();
    }
}

package io.fixbridge.gateway.order;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.fixbridge.venue.OrderRequest;
import io.fixbridge.venue.OrderType;
import io.fixbridge.venue.Side;

/**
 * Forgetting done orders keeps memory flat: an order is forgotten by the first sweep at least the
 * retention after a sweep saw it done, unless it is held or live again; its ClOrdIDs stay used, so a
 * reuse is still a duplicate.
 */
class OrderRegistryTest {
    private static final long RETENTION = 60_000;

    private static GatewayOrder order(String id, String clOrdId) {
        OrderRequest terms = OrderRequest.builder().account("main").clientOrderId("c-" + clOrdId).symbol("BTC/USDT")
                .side(Side.BUY).type(OrderType.LIMIT).quantity(new BigDecimal("0.001")).price(new BigDecimal("50000")).build();
        return new GatewayOrder(id, "S1", "paper", clOrdId, terms);
    }

    /** An order added to {@code registry}, rejected, and seen done by a sweep at time 0. */
    private static GatewayOrder rejectedAndSeenDoneAtZero(OrderRegistry registry) {
        GatewayOrder order = order("O1", "A1");
        registry.add(order);
        order.lifecycle(OrdStatus.REJECTED);
        registry.sweep(0, RETENTION, o -> false);
        return order;
    }

    @Test
    void aForgottenOrderIsFoundByNoIdButItsClOrdIdStaysUsed() {
        OrderRegistry registry = new OrderRegistry();
        GatewayOrder done = order("O1", "A1");
        GatewayOrder open = order("O2", "A2");
        registry.add(done);
        registry.add(open);
        registry.alias(done, "A1-replaced");
        registry.aliasVenueClientId(done, "c-A1-replaced");
        done.lifecycle(OrdStatus.CANCELED);

        assertThat(registry.sweep(1_000, RETENTION, o -> false)).isEmpty();
        assertThat(registry.watched()).containsExactly(open);
        assertThat(registry.sweep(1_000 + RETENTION - 1, RETENTION, o -> false)).isEmpty();
        assertThat(registry.bySessionClOrdId("S1", "A1-replaced")).isSameAs(done);
        assertThat(registry.sweep(1_000 + RETENTION, RETENTION, o -> false)).containsExactly(done);

        assertThat(registry.all()).containsExactly(open);
        assertThat(registry.bySessionClOrdId("S1", "A1")).isNull();
        assertThat(registry.bySessionClOrdId("S1", "A1-replaced")).isNull();
        assertThat(registry.byVenueClientId("paper", "main", "c-A1")).isNull();
        assertThat(registry.byVenueClientId("paper", "main", "c-A1-replaced")).isNull();
        assertThat(registry.isUsed("S1", "A1")).isTrue();
        assertThat(registry.bySessionClOrdId("S1", "A2")).isSameAs(open);
        assertThat(registry.byVenueClientId("paper", "main", "c-A2")).isSameAs(open);
    }

    @Test
    void aHeldOrderStaysAndItsRetentionStartsWhenItIsNoLongerHeld() {
        OrderRegistry registry = new OrderRegistry();
        GatewayOrder done = order("O1", "A1");
        registry.add(done);
        done.lifecycle(OrdStatus.FILLED);
        Set<GatewayOrder> held = new java.util.HashSet<>(Set.of(done));

        registry.sweep(0, RETENTION, held::contains);
        assertThat(registry.watched()).containsExactly(done);
        held.clear();
        registry.sweep(5_000, RETENTION, held::contains);
        assertThat(registry.watched()).isEmpty();
        assertThat(registry.sweep(RETENTION, RETENTION, held::contains)).isEmpty();
        assertThat(registry.sweep(5_000 + RETENTION, RETENTION, held::contains)).containsExactly(done);
    }

    @Test
    void anOrderLiveAgainIsWatchedAgainAndItsRetentionStartsOver() {
        OrderRegistry registry = new OrderRegistry();
        GatewayOrder order = rejectedAndSeenDoneAtZero(registry);
        assertThat(registry.watched()).isEmpty();

        order.lifecycle(OrdStatus.PARTIALLY_FILLED); // the venue reports a fill of the rejected order
        registry.watchAgainIfLive(order);
        assertThat(registry.watched()).containsExactly(order);
        order.lifecycle(OrdStatus.FILLED);
        registry.sweep(10_000, RETENTION, o -> false);

        assertThat(registry.sweep(RETENTION, RETENTION, o -> false)).isEmpty(); // the first sighting is stale
        assertThat(registry.all()).containsExactly(order);
        assertThat(registry.sweep(10_000 + RETENTION, RETENTION, o -> false)).containsExactly(order);
        assertThat(registry.all()).isEmpty();
    }

    @Test
    void anOrderLiveAgainWithoutBeingWatchedIsKeptByTheSweepThatWouldForgetIt() {
        OrderRegistry registry = new OrderRegistry();
        GatewayOrder order = rejectedAndSeenDoneAtZero(registry);
        order.lifecycle(OrdStatus.PARTIALLY_FILLED);

        assertThat(registry.sweep(RETENTION, RETENTION, o -> false)).isEmpty();
        assertThat(registry.watched()).containsExactly(order);
        assertThat(registry.bySessionClOrdId("S1", "A1")).isSameAs(order);
    }
}

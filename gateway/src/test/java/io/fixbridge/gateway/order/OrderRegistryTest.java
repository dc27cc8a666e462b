package io.fixbridge.gateway.order;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.fixbridge.venue.OrderRequest;
import io.fixbridge.venue.OrderType;
import io.fixbridge.venue.Side;

/** Forgetting done orders keeps memory flat; their ClOrdIDs stay used, so a reuse is still a duplicate. */
class OrderRegistryTest {
    private static GatewayOrder order(String id, String clOrdId) {
        OrderRequest terms = OrderRequest.builder().account("main").clientOrderId("c-" + clOrdId).symbol("BTC/USDT")
                .side(Side.BUY).type(OrderType.LIMIT).quantity(new BigDecimal("0.001")).price(new BigDecimal("50000")).build();
        return new GatewayOrder(id, "S1", "paper", clOrdId, terms);
    }

    @Test
    void aForgottenOrderIsFoundByNoIdButItsClOrdIdStaysUsed() {
        OrderRegistry registry = new OrderRegistry();
        GatewayOrder done = order("O1", "A1");
        GatewayOrder open = order("O2", "A2");
        registry.add(done);
        registry.add(open);
        registry.alias(done, "A1-replaced");

        Set<GatewayOrder> forget = Collections.newSetFromMap(new IdentityHashMap<>());
        forget.add(done);
        registry.forget(forget);

        assertThat(registry.all()).containsExactly(open);
        assertThat(registry.bySessionClOrdId("S1", "A1")).isNull();
        assertThat(registry.bySessionClOrdId("S1", "A1-replaced")).isNull();
        assertThat(registry.byVenueClientId("paper", "main", "c-A1")).isNull();
        assertThat(registry.isUsed("S1", "A1")).isTrue();
        assertThat(registry.bySessionClOrdId("S1", "A2")).isSameAs(open);
        assertThat(registry.byVenueClientId("paper", "main", "c-A2")).isSameAs(open);
    }
}

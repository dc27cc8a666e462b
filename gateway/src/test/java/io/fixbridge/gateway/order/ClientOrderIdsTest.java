package io.fixbridge.gateway.order;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ClientOrderIdsTest {

    @Test
    void derivedIdsAreStableDistinctAndFitEveryVenue() {
        String a = ClientOrderIds.derive("FIX.4.4:FIXBRIDGE->OMS1", "C1");
        assertThat(a).isEqualTo(ClientOrderIds.derive("FIX.4.4:FIXBRIDGE->OMS1", "C1"));
        assertThat(a).matches("[0-9a-f]{32}");
        assertThat(ClientOrderIds.derive("FIX.4.4:FIXBRIDGE->OMS2", "C1")).isNotEqualTo(a);
        assertThat(ClientOrderIds.derive("FIX.4.4:FIXBRIDGE->OMS1", "C2")).isNotEqualTo(a);
        // the separator keeps (session "A", id "BC") apart from (session "AB", id "C")
        assertThat(ClientOrderIds.derive("A", "BC")).isNotEqualTo(ClientOrderIds.derive("AB", "C"));
    }
}

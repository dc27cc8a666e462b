package io.fixbridge.sims.hyperliquid;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fixbridge.sims.common.SimJson;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static io.fixbridge.sims.hyperliquid.HlClient.cancel;
import static io.fixbridge.sims.hyperliquid.HlClient.cancelByCloid;
import static io.fixbridge.sims.hyperliquid.HlClient.limit;
import static io.fixbridge.sims.hyperliquid.HlClient.modify;
import static io.fixbridge.sims.hyperliquid.HlClient.order;
import static io.fixbridge.sims.hyperliquid.HlClient.status;
import static org.assertj.core.api.Assertions.assertThat;

/** cancel, cancelByCloid, modify and batchModify. */
class ModifyCancelTest {
    static HyperliquidSimulator sim;
    static HlClient client;

    @BeforeAll
    static void start() throws Exception {
        sim = Keys.standard().build();
        sim.start();
        client = new HlClient(sim);
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    private static long rest(int asset, String px, String sz, String cloid) {
        JsonNode answer = client.exchange(order(limit(asset, true, px, sz, "Gtc", cloid)), Keys.ALICE);
        return status(answer).path("resting").path("oid").asLong();
    }

    @Test
    void cancelByOidThenAgainAnswersNeverPlaced() {
        long oid = rest(1, "2900", "0.01", null);
        assertThat(status(client.exchange(cancel(1, oid), Keys.ALICE)).asText()).isEqualTo("success");
        assertThat(sim.truth().order(Keys.ALICE.address(), oid).orElseThrow().status()).isEqualTo("canceled");
        assertThat(status(client.exchange(cancel(1, oid), Keys.ALICE)).path("error").asText())
                .isEqualTo("Order was never placed, already canceled, or filled. asset=1");
        // someone else's order is never placed for bob
        long other = rest(1, "2900", "0.01", null);
        assertThat(status(client.exchange(cancel(1, other), Keys.BOB)).path("error").asText())
                .isEqualTo("Order was never placed, already canceled, or filled. asset=1");
    }

    @Test
    void cancelByCloidFindsTheOrderByItsCloid() {
        String cloid = "0x0000000000000000000000000000abcd";
        long oid = rest(0, "58000", "0.001", cloid);
        JsonNode answer = client.exchange(cancelByCloid(0, cloid), Keys.ALICE);
        assertThat(answer.path("response").path("type").asText()).isEqualTo("cancel");
        assertThat(status(answer).asText()).isEqualTo("success");
        assertThat(sim.truth().order(Keys.ALICE.address(), oid).orElseThrow().status()).isEqualTo("canceled");
        assertThat(status(client.exchange(cancelByCloid(0, cloid), Keys.ALICE)).path("error").asText())
                .isEqualTo("Order was never placed, already canceled, or filled. asset=0");
    }

    @Test
    void modifyGivesANewOidAndKeepsTheCloid() {
        String cloid = "0x000000000000000000000000000000ff";
        long oid = rest(2, "140", "1", cloid);
        JsonNode answer = client.exchange(modify(oid, limit(2, true, "141", "2", "Gtc", cloid)), Keys.ALICE);
        assertThat(answer.path("status").asText()).isEqualTo("ok");
        assertThat(answer.path("response").path("type").asText()).isEqualTo("default");
        assertThat(sim.truth().order(Keys.ALICE.address(), oid).orElseThrow().status()).isEqualTo("canceled");
        TruthOrder replacement = sim.truth().orderByCloid(Keys.ALICE.address(), cloid).orElseThrow();
        assertThat(replacement.oid()).isNotEqualTo(oid);
        assertThat(replacement.status()).isEqualTo("open");
        assertThat(replacement.limitPx()).isEqualByComparingTo("141");
        assertThat(replacement.origSz()).isEqualByComparingTo("2");
        JsonNode st = client.info("{\"type\":\"orderStatus\",\"user\":\"" + Keys.ALICE.address() + "\",\"oid\":\""
                + cloid + "\"}");
        assertThat(st.path("order").path("order").path("oid").asLong()).isEqualTo(replacement.oid());
        assertThat(st.path("order").path("order").path("cloid").asText()).isEqualTo(cloid);

        // modify by cloid, then the old oid can no longer be modified
        JsonNode byCloid = client.exchange(modify(cloid, limit(2, true, "142", "2", "Gtc", cloid)), Keys.ALICE);
        assertThat(byCloid.path("status").asText()).isEqualTo("ok");
        JsonNode stale = client.exchange(modify(oid, limit(2, true, "143", "2", "Gtc", null)), Keys.ALICE);
        assertThat(stale.path("status").asText()).isEqualTo("err");
        assertThat(stale.path("response").asText()).isEqualTo("Cannot modify canceled or filled order");
    }

    @Test
    void aModifyBreakingARuleIsAWholeErrorAndKeepsTheOrder() {
        long oid = rest(2, "139", "1", null);
        JsonNode answer = client.exchange(modify(oid, limit(2, true, "139.123456", "1", "Gtc", null)), Keys.ALICE);
        assertThat(answer.path("status").asText()).isEqualTo("err");
        assertThat(answer.path("response").asText()).isEqualTo("Order has invalid price.");
        assertThat(sim.truth().order(Keys.ALICE.address(), oid).orElseThrow().status()).isEqualTo("open");
    }

    @Test
    void batchModifyAnswersPerModify() {
        long a = rest(1, "2800", "0.01", null);
        ObjectNode action = SimJson.object();
        action.put("type", "batchModify");
        var modifies = action.putArray("modifies");
        ObjectNode m1 = modifies.addObject();
        m1.put("oid", a);
        m1.set("order", limit(1, true, "2810", "0.01", "Gtc", null));
        ObjectNode m2 = modifies.addObject();
        m2.put("oid", 123L);
        m2.set("order", limit(1, true, "2810", "0.01", "Gtc", null));
        JsonNode answer = client.exchange(action, Keys.ALICE);
        assertThat(answer.path("response").path("type").asText()).isEqualTo("order");
        JsonNode statuses = answer.path("response").path("data").path("statuses");
        assertThat(statuses.get(0).path("resting").path("oid").asLong()).isNotEqualTo(a).isPositive();
        assertThat(statuses.get(1).path("error").asText()).isEqualTo("Cannot modify canceled or filled order");
    }
}

package io.fixbridge.sims.hyperliquid;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;

import static io.fixbridge.sims.hyperliquid.HlClient.limit;
import static io.fixbridge.sims.hyperliquid.HlClient.order;
import static io.fixbridge.sims.hyperliquid.HlClient.status;
import static org.assertj.core.api.Assertions.assertThat;

/** Orders over real HTTP: rest, fill, IOC, post-only, and the price/size/value rules. */
class OrderTest {
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

    @Test
    void aSignedOrderRestsThenFillsWhenTheMarketComesToIt() {
        JsonNode answer = client.exchange(order(limit(1, true, "2950", "0.01", "Gtc", null)), Keys.ALICE);
        assertThat(answer.path("status").asText()).isEqualTo("ok");
        assertThat(answer.path("response").path("type").asText()).isEqualTo("order");
        long oid = status(answer).path("resting").path("oid").asLong();
        assertThat(oid).isPositive();

        JsonNode open = client.info("{\"type\":\"openOrders\",\"user\":\"" + Keys.ALICE.address() + "\"}");
        assertThat(open).anySatisfy(o -> {
            assertThat(o.path("oid").asLong()).isEqualTo(oid);
            assertThat(o.path("coin").asText()).isEqualTo("ETH");
            assertThat(o.path("limitPx").asText()).isEqualTo("2950.0");
            assertThat(o.path("side").asText()).isEqualTo("B");
            assertThat(o.path("sz").asText()).isEqualTo("0.01");
        });

        sim.market().moveMid("ETH", "2940");
        assertThat(sim.truth().order(Keys.ALICE.address(), oid).orElseThrow().status()).isEqualTo("filled");
        JsonNode st = client.info("{\"type\":\"orderStatus\",\"user\":\"" + Keys.ALICE.address() + "\",\"oid\":" + oid + "}");
        assertThat(st.path("status").asText()).isEqualTo("order");
        assertThat(st.path("order").path("status").asText()).isEqualTo("filled");
        JsonNode fills = client.info("{\"type\":\"userFills\",\"user\":\"" + Keys.ALICE.address() + "\"}");
        JsonNode fill = null;
        for (JsonNode f : fills) {
            if (f.path("oid").asLong() == oid) {
                fill = f;
            }
        }
        assertThat(fill).isNotNull();
        assertThat(fill.path("px").asText()).isEqualTo("2950.0");
        assertThat(fill.path("crossed").asBoolean()).isFalse();
        assertThat(fill.path("feeToken").asText()).isEqualTo("USDC");
        // maker fee 0.015 % of 29.5
        assertThat(new BigDecimal(fill.path("fee").asText())).isEqualByComparingTo("0.004425");
        assertThat(fill.path("hash").asText()).matches("0x[0-9a-f]{64}");
    }

    @Test
    void aCrossingGtcOrderFillsAtOnce() {
        JsonNode answer = client.exchange(order(limit(0, true, "60100", "0.001", "Gtc",
                "0x00000000000000000000000000000001")), Keys.ALICE);
        JsonNode filled = status(answer).path("filled");
        assertThat(filled.path("totalSz").asText()).isEqualTo("0.001");
        assertThat(filled.path("avgPx").asText()).isEqualTo("60001.0");
        assertThat(filled.path("cloid").asText()).isEqualTo("0x00000000000000000000000000000001");
    }

    @Test
    void iocWithoutAFillAndPostOnlyThatWouldCrossAnswerTheVenueTexts() {
        JsonNode ioc = client.exchange(order(limit(2, true, "140", "1", "Ioc", null)), Keys.ALICE);
        assertThat(status(ioc).path("error").asText())
                .isEqualTo("Order could not immediately match against any resting orders. asset=2");
        JsonNode alo = client.exchange(order(limit(2, true, "151", "1", "Alo", null)), Keys.ALICE);
        assertThat(status(alo).path("error").asText())
                .isEqualTo("Post only order would have immediately matched, bbo was 149.99@150.01. asset=2");
    }

    @Test
    void priceSizeAndValueRules() {
        assertThat(error(limit(0, true, "59000.5", "0.001", "Gtc", null))).isEqualTo("Order has invalid price.");
        assertThat(error(limit(1, true, "2950.12", "0.01", "Gtc", null))).isEqualTo("Order has invalid price.");
        assertThat(error(limit(2, true, "0", "1", "Gtc", null))).isEqualTo("Order has invalid price.");
        assertThat(error(limit(0, true, "59000", "0.000001", "Gtc", null))).isEqualTo("Order has invalid size.");
        assertThat(error(limit(0, true, "59000", "0", "Gtc", null))).isEqualTo("Order has invalid size.");
        assertThat(error(limit(0, true, "59000", "0.0001", "Gtc", null)))
                .isEqualTo("Order must have minimum value of $10. asset=0");
        assertThat(error(limit(10000, true, "0.1", "10", "Gtc", null)))
                .isEqualTo("Order must have minimum value of $10. asset=10000");
        // a whole price is valid whatever its figures; 5 figures with allowed decimals too
        assertThat(status(client.exchange(order(limit(0, true, "123456", "0.001", "Alo", null)), Keys.BOB))
                .path("error").asText()).startsWith("Post only order would have immediately matched");
        assertThat(status(client.exchange(order(limit(2, true, "140.12", "1", "Gtc", null)), Keys.ALICE))
                .has("resting")).isTrue();
    }

    @Test
    void insufficientMarginAndSpotBalance() {
        assertThat(statusError(client.exchange(order(limit(0, true, "50000", "1", "Gtc", null)), Keys.BOB)))
                .isEqualTo("Insufficient margin to place order. asset=0");
        assertThat(statusError(client.exchange(order(limit(10001, true, "20", "10000", "Gtc", null)), Keys.ALICE)))
                .isEqualTo("Insufficient spot balance asset=10001");
    }

    private static String error(com.fasterxml.jackson.databind.node.ObjectNode order) {
        return statusError(client.exchange(order(order), Keys.ALICE));
    }

    private static String statusError(JsonNode answer) {
        assertThat(answer.path("status").asText()).isEqualTo("ok");
        return status(answer).path("error").asText();
    }

    @Test
    void anIocLargerThanTheBookFillsPartlyAndAnswersFilled() {
        JsonNode answer = client.exchange(order(limit(0, true, "60100", "11", "Ioc", null)), Keys.ALICE);
        JsonNode filled = status(answer).path("filled");
        assertThat(filled.path("totalSz").asText()).isEqualTo("10.0");
        long oid = filled.path("oid").asLong();
        TruthOrder o = sim.truth().order(Keys.ALICE.address(), oid).orElseThrow();
        assertThat(o.status()).isEqualTo("canceled");
        assertThat(o.filledSz()).isEqualByComparingTo("10");
        // close it again so the other tests see the usual book and margin
        sim.market().moveMid("BTC", "60000");
        JsonNode close = client.exchange(order(limit(0, false, "59000", "10", "Ioc", null)), Keys.ALICE);
        assertThat(status(close).path("filled").path("totalSz").asText()).isEqualTo("10.0");
        sim.market().moveMid("BTC", "60000");
    }

    @Test
    void aDelistedMarketRefusesNewOrders() {
        sim.market().setDelisted("SOL", true);
        try {
            assertThat(error(limit(2, true, "140", "1", "Gtc", null)))
                    .isEqualTo("Trading is halted for this asset. asset=2");
            JsonNode meta = client.info("{\"type\":\"meta\"}");
            assertThat(meta.path("universe").get(2).path("isDelisted").asBoolean()).isTrue();
        } finally {
            sim.market().setDelisted("SOL", false);
        }
        assertThat(client.info("{\"type\":\"meta\"}").path("universe").get(2).has("isDelisted")).isFalse();
    }
}

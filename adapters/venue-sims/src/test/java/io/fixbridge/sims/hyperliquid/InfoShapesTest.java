package io.fixbridge.sims.hyperliquid;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;

import static io.fixbridge.sims.hyperliquid.HlClient.limit;
import static io.fixbridge.sims.hyperliquid.HlClient.order;
import static io.fixbridge.sims.hyperliquid.HlClient.status;
import static io.fixbridge.sims.hyperliquid.HlClient.trigger;
import static org.assertj.core.api.Assertions.assertThat;

/** Every /info answer has the field set of the venue's real answers (fixture http_post_info.json). */
class InfoShapesTest {
    static HyperliquidSimulator sim;
    static HlClient client;
    static String alice;

    @BeforeAll
    static void start() throws Exception {
        sim = Keys.standard().build();
        sim.start();
        client = new HlClient(sim);
        alice = Keys.ALICE.address().hex();
        client.exchange(order(limit(1, true, "2950", "0.01", "Gtc", null)), Keys.ALICE);
        sim.market().moveMid("ETH", "2940");
        client.exchange(order(limit(1, true, "2900", "0.01", "Gtc", "0x000000000000000000000000000000aa")),
                Keys.ALICE);
        client.exchange(order(trigger(1, false, "2500", "0.01", true, true, "2600", "sl")), Keys.ALICE);
        client.exchange(order(limit(10000, true, "0.21", "100", "Ioc", null)), Keys.ALICE);
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    private static void check(String type, String request) {
        JsonNode actual = client.info(request);
        Shapes.assertHasShape(type, Shapes.fixture("http_post_info.json").get(type), actual);
    }

    @Test
    void everyInfoTypeHasTheVenueFields() {
        check("openOrders", "{\"type\":\"openOrders\",\"user\":\"" + alice + "\"}");
        check("frontendOpenOrders", "{\"type\":\"frontendOpenOrders\",\"user\":\"" + alice + "\"}");
        check("userFills", "{\"type\":\"userFills\",\"user\":\"" + alice + "\"}");
        check("clearinghouseState", "{\"type\":\"clearinghouseState\",\"user\":\"" + alice + "\"}");
        check("spotClearinghouseState", "{\"type\":\"spotClearinghouseState\",\"user\":\"" + alice + "\"}");
        check("meta", "{\"type\":\"meta\"}");
        check("spotMeta", "{\"type\":\"spotMeta\"}");
        check("l2Book", "{\"type\":\"l2Book\",\"coin\":\"BTC\"}");
        check("userRateLimit", "{\"type\":\"userRateLimit\",\"user\":\"" + alice + "\"}");
        long oid = client.info("{\"type\":\"userFills\",\"user\":\"" + alice + "\"}").get(0).path("oid").asLong();
        check("orderStatus", "{\"type\":\"orderStatus\",\"user\":\"" + alice + "\",\"oid\":" + oid + "}");
    }

    @Test
    void valuesFollowTheVenueConventions() {
        JsonNode mids = client.info("{\"type\":\"allMids\"}");
        assertThat(mids.path("BTC").asText()).isEqualTo("60000.0");
        assertThat(mids.path("PURR/USDC").asText()).isEqualTo("0.2");
        assertThat(mids.path("@1").asText()).isEqualTo("25.0");
        JsonNode meta = client.info("{\"type\":\"meta\"}").path("universe");
        assertThat(meta.get(0).path("name").asText()).isEqualTo("BTC");
        assertThat(meta.get(0).path("szDecimals").asInt()).isEqualTo(5);
        assertThat(meta.get(2).path("name").asText()).isEqualTo("SOL");
        JsonNode spot = client.info("{\"type\":\"spotMeta\"}");
        assertThat(spot.path("universe").get(1).path("name").asText()).isEqualTo("@1");
        assertThat(spot.path("universe").get(1).path("tokens").toString()).isEqualTo("[2,0]");
        assertThat(spot.path("tokens").get(2).path("name").asText()).isEqualTo("HYPE");
        JsonNode book = client.info("{\"type\":\"l2Book\",\"coin\":\"BTC\"}");
        assertThat(book.path("levels").get(0).get(0).path("px").asText()).isEqualTo("59999.0");
        assertThat(book.path("levels").get(1).get(0).path("px").asText()).isEqualTo("60001.0");
        assertThat(book.path("levels").get(0).size()).isEqualTo(10);

        JsonNode ch = client.info("{\"type\":\"clearinghouseState\",\"user\":\"" + alice + "\"}");
        JsonNode pos = ch.path("assetPositions").get(0).path("position");
        assertThat(pos.path("coin").asText()).isEqualTo("ETH");
        assertThat(pos.path("szi").asText()).isEqualTo("0.01");
        assertThat(pos.path("entryPx").asText()).isEqualTo("2950.0");
        assertThat(pos.path("leverage").path("value").asInt()).isEqualTo(20);

        JsonNode unknownOid = client.info("{\"type\":\"orderStatus\",\"user\":\"" + alice + "\",\"oid\":1}");
        assertThat(unknownOid.toString()).isEqualTo("{\"status\":\"unknownOid\"}");
        assertThat(client.info("{\"type\":\"openOrders\",\"user\":\"0x00000000000000000000000000000000000000cc\"}")
                .isEmpty()).isTrue();
    }

    @Test
    void spotFeesAreChargedInTheTokenReceived() {
        JsonNode fill = null;
        for (JsonNode f : client.info("{\"type\":\"userFills\",\"user\":\"" + alice + "\"}")) {
            if ("PURR/USDC".equals(f.path("coin").asText())) {
                fill = f;
            }
        }
        assertThat(fill).isNotNull();
        assertThat(fill.path("feeToken").asText()).isEqualTo("PURR");
        assertThat(fill.path("dir").asText()).isEqualTo("Buy");
        assertThat(new BigDecimal(fill.path("fee").asText())).isEqualByComparingTo("0.07");   // 100 * 0.07 %
        assertThat(sim.truth().spotBalances(Keys.ALICE.address()).get("PURR").total()).isEqualByComparingTo("1099.93");
        assertThat(sim.truth().spotBalances(Keys.ALICE.address()).get("USDC").total())
                .isEqualByComparingTo(new BigDecimal("10000").subtract(new BigDecimal("0.20001").multiply(BigDecimal.valueOf(100))));
        JsonNode spot = client.info("{\"type\":\"spotClearinghouseState\",\"user\":\"" + alice + "\"}");
        assertThat(spot.path("balances").get(1).path("coin").asText()).isEqualTo("PURR");
        assertThat(spot.path("balances").get(1).path("total").asText()).isEqualTo("1099.93");
        assertThat(status(client.exchange(order(limit(10000, false, "0.3", "2000", "Gtc", null)), Keys.ALICE))
                .path("error").asText()).isEqualTo("Insufficient spot balance asset=10000");
    }
}

package io.fixbridge.sims.binance;

import com.fasterxml.jackson.databind.JsonNode;
import io.fixbridge.sims.binance.ControlClient.Answer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code GET /_sim/orders} against orders placed over the signed REST API. */
class ControlOrdersTest {
    BinanceSimulator sim;
    TestClient alice;
    ControlClient control;

    @BeforeEach
    void start() throws Exception {
        sim = Sims.builder().build();
        sim.start();
        alice = TestClient.hmac(sim, Sims.ALICE_KEY, Sims.ALICE_SECRET);
        control = new ControlClient(sim);
    }

    @AfterEach
    void stop() {
        sim.close();
    }

    @Test
    void listsEveryOrderOldestFirstWithFillsAsDecimalStrings() {
        assertThat(alice.signed("POST", "/api/v3/order", "symbol=BTCUSDT&side=BUY&type=LIMIT&timeInForce=GTC"
                + "&quantity=0.01&price=59990&newClientOrderId=rest-1").status()).isEqualTo(200);
        assertThat(alice.signed("POST", "/api/v3/order", "symbol=BTCUSDT&side=BUY&type=LIMIT&timeInForce=GTC"
                + "&quantity=0.02&price=59000&newClientOrderId=cxl-1").status()).isEqualTo(200);
        assertThat(alice.signed("DELETE", "/api/v3/order", "symbol=BTCUSDT&origClientOrderId=cxl-1").status())
                .isEqualTo(200);
        assertThat(alice.signed("POST", "/fapi/v1/order", "symbol=BTCUSDT&side=BUY&type=MARKET&quantity=0.01"
                + "&newClientOrderId=fut-1").status()).isEqualTo(200);
        assertThat(alice.signed("POST", "/api/v3/order", "symbol=BTCUSDT&side=BUY&type=LIMIT&timeInForce=GTC"
                + "&quantity=0.01&price=58000&newClientOrderId=cr-1").status()).isEqualTo(200);
        assertThat(alice.signed("POST", "/api/v3/order/cancelReplace", "symbol=BTCUSDT&side=BUY&type=LIMIT"
                + "&timeInForce=GTC&quantity=0.01&price=58100&cancelReplaceMode=STOP_ON_FAILURE"
                + "&cancelOrigClientOrderId=cr-1&newClientOrderId=cr-2").status()).isEqualTo(200);

        JsonNode before = control.get("/_sim/orders?account=alice").json().get("orders");
        assertThat(before.get(0).get("status").asText()).isEqualTo("NEW");
        assertThat(before.get(0).get("fills")).isEmpty();

        assertThat(control.post("/_sim/market", "{\"symbol\":\"BTCUSDT\",\"price\":\"59980\",\"market\":\"spot\"}")
                .status()).isEqualTo(200);

        Answer answer = control.get("/_sim/orders?account=alice");
        assertThat(answer.status()).isEqualTo(200);
        JsonNode orders = answer.json().get("orders");
        List<String> ids = new ArrayList<>();
        orders.forEach(o -> ids.add(o.get("clientOrderId").asText()));
        assertThat(ids).containsExactly("rest-1", "cxl-1", "fut-1", "cr-1", "cr-2");

        JsonNode rest = orders.get(0);
        assertThat(rest.get("market").asText()).isEqualTo("spot");
        assertThat(rest.get("symbol").asText()).isEqualTo("BTCUSDT");
        assertThat(rest.get("orderId").isIntegralNumber()).isTrue();
        assertThat(rest.get("side").asText()).isEqualTo("BUY");
        assertThat(rest.get("type").asText()).isEqualTo("LIMIT");
        assertThat(rest.get("status").asText()).isEqualTo("FILLED");
        assertThat(rest.get("price").isTextual()).isTrue();
        assertThat(rest.get("price").asText()).isEqualTo("59990");
        assertThat(rest.get("origQty").asText()).isEqualTo("0.01");
        assertThat(rest.get("executedQty").asText()).isEqualTo("0.01");
        assertThat(rest.get("fills")).hasSize(1);
        JsonNode fill = rest.get("fills").get(0);
        assertThat(fill.get("tradeId").isIntegralNumber()).isTrue();
        assertThat(fill.get("qty").asText()).isEqualTo("0.01");
        assertThat(fill.get("price").asText()).isEqualTo("59990");
        assertThat(fill.get("commission").asText()).isEqualTo("0.5999");
        assertThat(fill.get("commissionAsset").asText()).isEqualTo("USDT");

        JsonNode canceled = orders.get(1);
        assertThat(canceled.get("status").asText()).isEqualTo("CANCELED");
        assertThat(canceled.get("origQty").asText()).isEqualTo("0.02");
        assertThat(canceled.get("executedQty").asText()).isEqualTo("0");
        assertThat(canceled.get("fills")).isEmpty();
        assertThat(canceled.get("orderId").asLong()).isGreaterThan(rest.get("orderId").asLong());

        JsonNode futures = orders.get(2);
        assertThat(futures.get("market").asText()).isEqualTo("futures");
        assertThat(futures.get("type").asText()).isEqualTo("MARKET");
        assertThat(futures.get("status").asText()).isEqualTo("FILLED");
        assertThat(futures.get("price").asText()).isEqualTo("0");
        BigDecimal filled = BigDecimal.ZERO;
        for (JsonNode f : futures.get("fills")) {
            filled = filled.add(new BigDecimal(f.get("qty").asText()));
            assertThat(f.get("commissionAsset").asText()).isEqualTo("USDT");
        }
        assertThat(filled).isEqualByComparingTo("0.01");

        assertThat(orders.get(3).get("status").asText()).as("replaced by cancelReplace").isEqualTo("CANCELED");
        assertThat(orders.get(4).get("status").asText()).isEqualTo("NEW");
        assertThat(orders.get(4).get("price").asText()).isEqualTo("58100");
        assertThat(answer.json().get("algoOrders")).isEmpty();
    }

    @Test
    void anotherAccountSeesOnlyItsOwnOrders() {
        alice.signed("POST", "/api/v3/order", "symbol=BTCUSDT&side=BUY&type=LIMIT&timeInForce=GTC"
                + "&quantity=0.01&price=50000");
        Answer bob = control.get("/_sim/orders?account=bob");
        assertThat(bob.status()).isEqualTo(200);
        assertThat(bob.json().get("orders")).isEmpty();
    }

    @Test
    void unknownOrMissingAccountIsRefused() {
        Answer unknown = control.get("/_sim/orders?account=mallory");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.error()).contains("mallory", "alice", "bob");
        Answer missing = control.get("/_sim/orders");
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.error()).contains("account");
    }
}

package io.fixbridge.sims.bybit;

import com.fasterxml.jackson.databind.JsonNode;
import io.fixbridge.sims.common.Hmac;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.fixbridge.sims.bybit.Fixtures.limit;
import static io.fixbridge.sims.bybit.Fixtures.market;
import static org.assertj.core.api.Assertions.assertThat;

class PrivateStreamTest {
    BybitSimulator sim;
    BybitClient alice;

    @BeforeEach
    void start() throws Exception {
        sim = Fixtures.builder().build();
        sim.start();
        alice = Fixtures.alice(sim);
    }

    @AfterEach
    void stop() {
        sim.close();
    }

    @Test
    void authAnswersSuccessOrBybitsFailureAndPingAnswersPong() {
        try (PrivateWs ws = new PrivateWs(sim.privateWsUrl())) {
            ws.send("{\"op\":\"subscribe\",\"args\":[\"order\"]}");
            JsonNode early = ws.awaitMessage(m -> "subscribe".equals(m.path("op").asText()));
            assertThat(early.path("success").asBoolean()).isFalse();
            assertThat(early.path("ret_msg").asText()).isEqualTo("Request not authorized");

            ws.auth(Fixtures.ALICE_KEY, Fixtures.ALICE_SECRET, System.currentTimeMillis() - 1);
            JsonNode expired = ws.awaitMessage(m -> "auth".equals(m.path("op").asText()));
            assertThat(expired.path("success").asBoolean()).isFalse();
            assertThat(expired.path("ret_msg").asText()).isEqualTo("Params Error");
            ws.messages.clear();

            ws.auth(Fixtures.ALICE_KEY, "wrong", System.currentTimeMillis() + 10_000);
            JsonNode bad = ws.awaitMessage(m -> "auth".equals(m.path("op").asText()));
            assertThat(bad.path("success").asBoolean()).isFalse();
            ws.messages.clear();

            long expires = System.currentTimeMillis() + 10_000;
            ws.send("{\"op\":\"auth\",\"args\":[\"" + Fixtures.ALICE_KEY + "\",\"" + expires + "\",\""
                    + Hmac.hex(Fixtures.ALICE_SECRET, "GET/realtime" + expires) + "\"]}");
            JsonNode ok = ws.awaitMessage(m -> "auth".equals(m.path("op").asText()));
            assertThat(ok.path("success").asBoolean()).as(ok.toString()).isTrue();
            assertThat(ok.path("ret_msg").asText()).isEmpty();
            List<String> keys = names(ok);
            assertThat(keys).containsExactly("success", "ret_msg", "op", "conn_id");

            ws.send("{\"req_id\":\"p1\",\"op\":\"ping\"}");
            JsonNode pong = ws.awaitMessage(m -> "pong".equals(m.path("op").asText()));
            assertThat(pong.path("req_id").asText()).isEqualTo("p1");
            assertThat(pong.path("args").get(0).asText()).matches("[0-9]{13}");
            assertThat(pong.path("conn_id").asText()).isEqualTo(ok.path("conn_id").asText());

            ws.send("{\"op\":\"subscribe\",\"args\":[\"order\",\"orderbook.1.BTCUSDT\"]}");
            JsonNode invalid = ws.awaitMessage(m -> "subscribe".equals(m.path("op").asText()));
            assertThat(invalid.path("success").asBoolean()).isFalse();
            assertThat(invalid.path("ret_msg").asText()).contains("orderbook.1.BTCUSDT");
        }
    }

    static List<String> names(JsonNode n) {
        List<String> out = new java.util.ArrayList<>();
        n.fieldNames().forEachRemaining(out::add);
        return out;
    }

    @Test
    void aTakerFillStreamsExecutionOrderPositionAndWallet() {
        try (PrivateWs ws = PrivateWs.open(sim, Fixtures.ALICE_KEY, Fixtures.ALICE_SECRET,
                "order", "execution", "position", "wallet")) {
            alice.post("/v5/order/create", market("linear", "BTCUSDT", "Buy", "0.100", "ws-1"));

            JsonNode exec = ws.awaitItem("execution", d -> "ws-1".equals(d.path("orderLinkId").asText()));
            assertThat(exec.get("category").asText()).isEqualTo("linear");
            assertThat(exec.get("execQty").asText()).isEqualTo("0.100");
            assertThat(exec.get("execPrice").asText()).isEqualTo("60000.10");
            assertThat(exec.get("execFee").asText()).isEqualTo("3.3000055");
            assertThat(exec.get("feeCurrency").asText()).isEqualTo("USDT");
            assertThat(exec.get("feeRate").asText()).isEqualTo("0.00055");
            assertThat(exec.get("isMaker").asBoolean()).isFalse();
            assertThat(exec.get("execType").asText()).isEqualTo("Trade");
            assertThat(exec.get("execId").asText()).isNotBlank();
            JsonNode message = ws.messages.stream().filter(m -> "execution".equals(m.path("topic").asText()))
                    .findFirst().orElseThrow();
            assertThat(names(message)).containsExactly("topic", "id", "creationTime",
                    "data");

            JsonNode filled = ws.awaitItem("order", d -> "ws-1".equals(d.path("orderLinkId").asText())
                    && "Filled".equals(d.path("orderStatus").asText()));
            assertThat(filled.get("cumExecQty").asText()).isEqualTo("0.100");
            assertThat(filled.get("avgPrice").asText()).isEqualTo("60000.1");
            assertThat(filled.get("cumExecFee").asText()).isEqualTo("3.3000055");
            assertThat(filled.get("category").asText()).isEqualTo("linear");
            assertThat(filled.get("orderType").asText()).isEqualTo("Market");
            assertThat(filled.get("leavesQty").asText()).isEqualTo("0.000");

            JsonNode position = ws.awaitItem("position", d -> "BTCUSDT".equals(d.path("symbol").asText()));
            assertThat(position.get("size").asText()).isEqualTo("0.100");
            assertThat(position.get("side").asText()).isEqualTo("Buy");
            assertThat(position.get("entryPrice").asText()).isEqualTo("60000.1");
            assertThat(position.get("category").asText()).isEqualTo("linear");

            JsonNode wallet = ws.awaitItem("wallet", d -> true);
            assertThat(wallet.get("accountType").asText()).isEqualTo("UNIFIED");
            JsonNode usdt = Fixtures.find(wallet.get("coin"), "coin", "USDT");
            assertThat(usdt.get("walletBalance").asText()).isEqualTo("99996.6999945");
            assertThat(usdt.get("totalPositionIM").asText()).isEqualTo("600.001");
        }
    }

    @Test
    void aMakerFillIsReportedAsMakerWithTheMakerRate() {
        try (PrivateWs ws = PrivateWs.open(sim, Fixtures.ALICE_KEY, Fixtures.ALICE_SECRET, "order", "execution")) {
            alice.post("/v5/order/create", limit("linear", "BTCUSDT", "Buy", "0.500", "59999.0", "mk-1"));
            JsonNode created = ws.awaitItem("order", d -> "mk-1".equals(d.path("orderLinkId").asText()));
            assertThat(created.get("orderStatus").asText()).isEqualTo("New");
            sim.linearMarket().moveMid("BTCUSDT", -20); // the maker's asks come down to 59998.1.. and cross
            JsonNode exec = ws.awaitItem("execution", d -> "mk-1".equals(d.path("orderLinkId").asText()));
            assertThat(exec.get("isMaker").asBoolean()).isTrue();
            assertThat(exec.get("feeRate").asText()).isEqualTo("0.0002");
            assertThat(exec.get("execPrice").asText()).isEqualTo("59999.00");
            assertThat(exec.get("execFee").asText()).isEqualTo("5.9999");
            ws.awaitItem("order", d -> "mk-1".equals(d.path("orderLinkId").asText())
                    && "Filled".equals(d.path("orderStatus").asText()));
        }
    }

    @Test
    void categoryTopicsCarryOnlyTheirCategory() {
        try (PrivateWs ws = PrivateWs.open(sim, Fixtures.ALICE_KEY, Fixtures.ALICE_SECRET, "order.spot")) {
            alice.post("/v5/order/create", limit("linear", "BTCUSDT", "Buy", "0.010", "59000.0", "lin-x"));
            alice.post("/v5/order/create", limit("spot", "BTCUSDT", "Buy", "0.01", "59000", "spot-x"));
            JsonNode spot = ws.awaitItem("order.spot", d -> "spot-x".equals(d.path("orderLinkId").asText()));
            assertThat(spot.get("category").asText()).isEqualTo("spot");
            assertThat(ws.items("order.spot", d -> "lin-x".equals(d.path("orderLinkId").asText()))).isEmpty();
            assertThat(ws.messages).noneMatch(m -> "order".equals(m.path("topic").asText()));
        }
    }

    @Test
    void twoConnectionsOfOneAccountBothReceiveAndOtherAccountsNothing() {
        try (PrivateWs one = PrivateWs.open(sim, Fixtures.ALICE_KEY, Fixtures.ALICE_SECRET, "order");
             PrivateWs two = PrivateWs.open(sim, Fixtures.ALICE_KEY, Fixtures.ALICE_SECRET, "order");
             PrivateWs bob = PrivateWs.open(sim, Fixtures.BOB_KEY, Fixtures.BOB_SECRET, "order")) {
            Awaitility.await().until(() -> sim.truth().openPrivateConnections() == 3);
            alice.post("/v5/order/create", limit("linear", "BTCUSDT", "Buy", "0.010", "59000.0", "two-1"));
            one.awaitItem("order", d -> "two-1".equals(d.path("orderLinkId").asText()));
            two.awaitItem("order", d -> "two-1".equals(d.path("orderLinkId").asText()));
            Fixtures.bob(sim).post("/v5/order/create", limit("linear", "BTCUSDT", "Buy", "0.010", "59000.0", "b-1"));
            bob.awaitItem("order", d -> "b-1".equals(d.path("orderLinkId").asText()));
            assertThat(bob.items("order", d -> "two-1".equals(d.path("orderLinkId").asText()))).isEmpty();
        }
    }

    @Test
    void spotOrderItemsLackTpslModeLikeBybitsWhileDerivativeItemsCarryIt() {
        try (PrivateWs ws = PrivateWs.open(sim, Fixtures.ALICE_KEY, Fixtures.ALICE_SECRET, "order")) {
            alice.post("/v5/order/create", limit("spot", "BTCUSDT", "Buy", "0.01", "59000", "tp-spot"));
            alice.post("/v5/order/create", limit("linear", "BTCUSDT", "Buy", "0.010", "59000.0", "tp-lin"));
            JsonNode spot = ws.awaitItem("order", d -> "tp-spot".equals(d.path("orderLinkId").asText()));
            JsonNode linear = ws.awaitItem("order", d -> "tp-lin".equals(d.path("orderLinkId").asText()));
            assertThat(spot.has("tpslMode")).as(spot.toString()).isFalse();
            assertThat(spot.get("category").asText()).isEqualTo("spot");
            assertThat(linear.get("tpslMode").asText()).isEmpty();
        }
    }
}

package io.fixbridge.sims.hyperliquid;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fixbridge.sims.common.SimJson;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;

import static io.fixbridge.sims.hyperliquid.HlClient.cancel;
import static io.fixbridge.sims.hyperliquid.HlClient.limit;
import static io.fixbridge.sims.hyperliquid.HlClient.order;
import static io.fixbridge.sims.hyperliquid.HlClient.status;
import static org.assertj.core.api.Assertions.assertThat;

/** Signers, agents, vaults, nonces, expiresAfter and malformed bodies. */
class AuthTest {
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

    private static JsonNode parse(HttpResponse<String> r) {
        assertThat(r.statusCode()).isEqualTo(200);
        return SimJson.parse(r.body());
    }

    @Test
    void anUnknownSignerGetsTheVenueText() {
        JsonNode answer = client.exchange(order(limit(0, true, "59000", "0.001", "Gtc", null)), Keys.STRANGER);
        assertThat(answer.path("status").asText()).isEqualTo("err");
        assertThat(answer.path("response").asText())
                .isEqualTo("User or API Wallet " + Keys.STRANGER.address().hex() + " does not exist.");
    }

    @Test
    void anAgentTradesForItsUser() {
        JsonNode answer = client.exchange(order(limit(0, true, "59000", "0.001", "Gtc", null)), Keys.AGENT);
        long oid = status(answer).path("resting").path("oid").asLong();
        assertThat(sim.truth().order(Keys.ALICE.address(), oid)).isPresent();
        assertThat(sim.truth().order(Keys.AGENT.address(), oid)).isEmpty();
    }

    @Test
    void theMasterAndItsAgentTradeTheVaultOthersDoNot() {
        JsonNode byMaster = client.exchange(order(limit(0, false, "61000", "0.001", "Gtc", null)), Keys.ALICE,
                Keys.VAULT);
        long oid = status(byMaster).path("resting").path("oid").asLong();
        assertThat(sim.truth().order(Keys.VAULT, oid).orElseThrow().user()).isEqualTo(Keys.VAULT.hex());
        assertThat(sim.truth().order(Keys.ALICE.address(), oid)).isEmpty();

        JsonNode byAgent = client.exchange(cancel(0, oid), Keys.AGENT, Keys.VAULT);
        assertThat(status(byAgent).asText()).isEqualTo("success");

        JsonNode byBob = client.exchange(order(limit(0, false, "61000", "0.001", "Gtc", null)), Keys.BOB, Keys.VAULT);
        assertThat(byBob.path("response").asText())
                .isEqualTo("User or API Wallet " + Keys.BOB.address().hex() + " does not exist.");
        JsonNode unknownVault = client.exchange(cancel(0, 1), Keys.ALICE,
                io.fixbridge.venue.kit.sign.eth.EthAddress.parse("0x00000000000000000000000000000000000000bb"));
        assertThat(unknownVault.path("response").asText())
                .isEqualTo("Vault not registered: 0x00000000000000000000000000000000000000bb");
    }

    @Test
    void nonceRules() {
        ObjectNode action = cancel(0, 1);
        long nonce = HlClient.nonce();
        assertThat(parse(client.exchangeRaw(action, Keys.BOB, nonce, null, null)).path("status").asText())
                .isEqualTo("ok");
        assertThat(parse(client.exchangeRaw(action, Keys.BOB, nonce, null, null)).path("response").asText())
                .isEqualTo("Invalid nonce: duplicate nonce");
        long now = System.currentTimeMillis();
        assertThat(parse(client.exchangeRaw(action, Keys.BOB, now - 3L * 86_400_000, null, null))
                .path("response").asText()).isEqualTo("Invalid nonce: nonce too low");
        assertThat(parse(client.exchangeRaw(action, Keys.BOB, now + 2L * 86_400_000, null, null))
                .path("response").asText()).isEqualTo("Invalid nonce: nonce too high");
        // another signer's nonces are its own
        assertThat(parse(client.exchangeRaw(action, Keys.AGENT, nonce, null, null)).path("status").asText())
                .isEqualTo("ok");
    }

    @Test
    void aNonceBelowTheSmallestOfTheHundredHighestIsRefused() {
        long base = System.currentTimeMillis() - 3_600_000;
        ObjectNode action = cancel(1, 1);
        for (int i = 1; i <= 100; i++) {
            assertThat(parse(client.exchangeRaw(action, Keys.ALICE, base + i * 10L, null, null)).path("status")
                    .asText()).isEqualTo("ok");
        }
        assertThat(parse(client.exchangeRaw(action, Keys.ALICE, base + 5, null, null)).path("response").asText())
                .isEqualTo("Invalid nonce: nonce too low");
        assertThat(parse(client.exchangeRaw(action, Keys.ALICE, base + 15, null, null)).path("status").asText())
                .isEqualTo("ok");
    }

    @Test
    void expiresAfterInThePastIsRefusedInTheFutureAccepted() {
        long now = System.currentTimeMillis();
        JsonNode past = parse(client.exchangeRaw(cancel(0, 1), Keys.BOB, HlClient.nonce(), null, now - 1000));
        assertThat(past.path("status").asText()).isEqualTo("err");
        assertThat(past.path("response").asText()).startsWith("Action expired");
        JsonNode future = parse(client.exchangeRaw(cancel(0, 1), Keys.BOB, HlClient.nonce(), null, now + 60_000));
        assertThat(future.path("status").asText()).isEqualTo("ok");
    }

    @Test
    void aSignatureForTheOtherNetworkRecoversSomeoneUnknown() throws Exception {
        try (HyperliquidSimulator testnet = Keys.standard().testnet(true).build()) {
            testnet.start();
            HlClient mainnetSigner = new HlClient(sim);
            String body = mainnetSigner.envelope(cancel(0, 1), Keys.ALICE, HlClient.nonce(), null, null);
            HttpResponse<String> r = new HlClient(testnet).post("/exchange", body);
            JsonNode answer = SimJson.parse(r.body());
            assertThat(answer.path("status").asText()).isEqualTo("err");
            assertThat(answer.path("response").asText()).startsWith("User or API Wallet 0x")
                    .doesNotContain(Keys.ALICE.address().hex());
            JsonNode ok = new HlClient(testnet).exchange(cancel(0, 1), Keys.ALICE);
            assertThat(ok.path("status").asText()).isEqualTo("ok");
        }
    }

    @Test
    void aTamperedActionRecoversAnotherAddress() {
        String body = client.envelope(order(limit(0, true, "59000", "0.001", "Gtc", null)), Keys.ALICE,
                HlClient.nonce(), null, null).replace("\"59000\"", "\"58000\"");
        JsonNode answer = SimJson.parse(client.post("/exchange", body).body());
        assertThat(answer.path("response").asText()).startsWith("User or API Wallet ")
                .doesNotContain(Keys.ALICE.address().hex());
    }

    @Test
    void malformedBodiesAre422() {
        for (String body : new String[] {"not json", "{}", "{\"action\":{\"type\":\"order\"},\"nonce\":1}",
            "{\"action\":{\"type\":\"nope\"},\"nonce\":1,\"signature\":{\"r\":\"0x1\",\"s\":\"0x1\",\"v\":27}}"}) {
            HttpResponse<String> r = client.post("/exchange", body);
            assertThat(r.statusCode()).isEqualTo(422);
            assertThat(r.body()).isEqualTo("Failed to deserialize the JSON body into the target type");
        }
        HttpResponse<String> info = client.post("/info", "{\"type\":\"nope\"}");
        assertThat(info.statusCode()).isEqualTo(422);
        assertThat(info.body()).isEqualTo("Failed to deserialize the JSON body into the target type");
        String stringPrice = client.envelope(SimJson.parse("{\"type\":\"order\",\"orders\":[{\"a\":0,\"b\":true,"
                + "\"p\":59000,\"s\":\"0.001\",\"r\":false,\"t\":{\"limit\":{\"tif\":\"Gtc\"}}}],\"grouping\":\"na\"}"),
                Keys.ALICE, HlClient.nonce(), null, null);
        assertThat(client.post("/exchange", stringPrice).statusCode()).isEqualTo(422);
    }

    @Test
    void noopUsesTheNonceAndUpdateLeverageAcceptsOnlyTheFixedLeverage() {
        long nonce = HlClient.nonce();
        JsonNode noop = parse(client.exchangeRaw(SimJson.parse("{\"type\":\"noop\"}"), Keys.BOB, nonce, null, null));
        assertThat(noop.toString()).isEqualTo("{\"status\":\"ok\",\"response\":{\"type\":\"default\"}}");
        assertThat(parse(client.exchangeRaw(cancel(0, 1), Keys.BOB, nonce, null, null)).path("response").asText())
                .isEqualTo("Invalid nonce: duplicate nonce");
        JsonNode same = client.exchange(SimJson.parse(
                "{\"type\":\"updateLeverage\",\"asset\":0,\"isCross\":true,\"leverage\":20}"), Keys.ALICE);
        assertThat(same.path("status").asText()).isEqualTo("ok");
        JsonNode other = client.exchange(SimJson.parse(
                "{\"type\":\"updateLeverage\",\"asset\":0,\"isCross\":true,\"leverage\":5}"), Keys.ALICE);
        assertThat(other.path("status").asText()).isEqualTo("err");
        assertThat(other.path("response").asText()).contains("20x cross");
    }
}

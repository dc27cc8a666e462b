package io.fixbridge.sims.bybit;

import com.fasterxml.jackson.databind.JsonNode;
import io.fixbridge.sims.bybit.BybitClient.Resp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The account-description endpoints general clients (ccxt) call before trading. */
class AccountApiTest {
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
    void queryApiDescribesAReadWriteUnifiedMasterKeyWithoutItsSecret() {
        Resp r = alice.get("/v5/user/query-api", "");
        assertThat(r.retCode()).as(r.toString()).isZero();
        JsonNode k = r.result();
        assertThat(k.get("apiKey").asText()).isEqualTo(Fixtures.ALICE_KEY);
        assertThat(k.get("secret").asText()).isEmpty();
        assertThat(r.raw().body()).doesNotContain(Fixtures.ALICE_SECRET);
        assertThat(k.get("readOnly").asInt()).isZero();
        assertThat(k.get("uta").asInt()).isEqualTo(1);
        assertThat(k.get("unified").asInt()).isZero();
        assertThat(k.get("isMaster").asBoolean()).isTrue();
        assertThat(k.get("userID").asLong()).isEqualTo(AccountApi.userId("alice"));
        assertThat(k.get("permissions").get("Spot").get(0).asText()).isEqualTo("SpotTrade");
        assertThat(k.get("permissions").get("ContractTrade")).hasSize(2);
        assertThat(r.header("X-Bapi-Limit")).isPresent();
        Resp bob = Fixtures.bob(sim).get("/v5/user/query-api", "");
        assertThat(bob.result().get("userID").asLong()).isNotEqualTo(k.get("userID").asLong());
        assertThat(alice.publicGet("/v5/user/query-api", "").retCode()).isNotZero();
    }

    @Test
    void accountInfoSaysUta2RegularMargin() {
        Resp r = alice.get("/v5/account/info", "");
        assertThat(r.retCode()).as(r.toString()).isZero();
        assertThat(r.result().get("unifiedMarginStatus").asInt()).isEqualTo(5);
        assertThat(r.result().get("marginMode").asText()).isEqualTo("REGULAR_MARGIN");
        assertThat(r.result().get("updatedTime").asText()).matches("[0-9]{13}");
    }

    @Test
    void coinInfoListsTheListedCoinsWithTransfersSuspended() {
        Resp all = alice.get("/v5/asset/coin/query-info", "");
        assertThat(all.retCode()).as(all.toString()).isZero();
        List<String> coins = new ArrayList<>();
        all.result().get("rows").forEach(row -> coins.add(row.get("coin").asText()));
        assertThat(coins).containsExactly("BTC", "ETH", "USDT");
        JsonNode chain = all.result().get("rows").get(0).get("chains").get(0);
        assertThat(chain.get("chain").asText()).isEqualTo("BTC");
        assertThat(chain.get("chainDeposit").asText()).isEqualTo("0");
        assertThat(chain.get("chainWithdraw").asText()).isEqualTo("0");
        assertThat(chain.get("withdrawFee").asText()).isEmpty();

        Resp eth = alice.get("/v5/asset/coin/query-info", "coin=ETH");
        assertThat(eth.result().get("rows")).hasSize(1);
        assertThat(eth.result().get("rows").get(0).get("name").asText()).isEqualTo("ETH");
        assertThat(alice.get("/v5/asset/coin/query-info", "coin=DOGE").result().get("rows")).isEmpty();
    }
}

package io.fixbridge.sims.bybit;

import com.fasterxml.jackson.databind.JsonNode;
import io.fixbridge.sims.bybit.BybitClient.Resp;
import io.fixbridge.venue.Position;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.RoundingMode;

import static io.fixbridge.sims.bybit.Fixtures.limit;
import static io.fixbridge.sims.bybit.Fixtures.market;
import static org.assertj.core.api.Assertions.assertThat;

/** Inverse BTCUSD: quantities are USD contracts; margin, fees and PnL are in BTC. */
class InverseTest {
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

    private static BigDecimal d(String v) {
        return new BigDecimal(v);
    }

    @Test
    void aLongInverseTradeIsMarginedFeedAndSettledInBtc() {
        BigDecimal usdtBefore = sim.truth().balances("alice").get("USDT").total();
        Resp open = alice.post("/v5/order/create", market("inverse", "BTCUSD", "Buy", "6000", "inv-open"));
        assertThat(open.retCode()).as(open.toString()).isZero();

        // 6000 contracts taken at the best ask 60000.5: value 6000 / 60000.5 BTC, taker fee 0.055 %
        BigDecimal value = d("6000").divide(d("60000.5"), 16, RoundingMode.HALF_EVEN);
        BigDecimal openFee = value.multiply(d("0.00055"));
        TruthOrder o = sim.truth().orderByLinkId("alice", "inv-open");
        assertThat(o.cumExecQty()).isEqualByComparingTo("6000");
        assertThat(o.cumExecValue()).isEqualByComparingTo(value);
        assertThat(o.executions().get(0).feeCurrency()).isEqualTo("BTC");
        assertThat(o.executions().get(0).fee()).isEqualByComparingTo(openFee);
        assertThat(sim.truth().balances("alice").get("BTC").total())
                .isEqualByComparingTo(d("2").subtract(openFee));
        // the position holds value / leverage 10 of BTC
        BigDecimal available = sim.truth().balances("alice").get("BTC").available();
        assertThat(available.setScale(8, RoundingMode.HALF_EVEN)).isEqualByComparingTo(
                d("2").subtract(openFee).subtract(value.divide(BigDecimal.TEN)).setScale(8, RoundingMode.HALF_EVEN));

        JsonNode p = alice.get("/v5/position/list", "category=inverse&symbol=BTCUSD").list().get(0);
        assertThat(p.get("size").asText()).isEqualTo("6000");
        assertThat(p.get("side").asText()).isEqualTo("Buy");
        assertThat(p.get("avgPrice").asText()).isEqualTo("60000.5");
        assertThat(p.get("positionValue").asText()).isEqualTo(value.setScale(8, RoundingMode.HALF_EVEN)
                .stripTrailingZeros().toPlainString());

        sim.inverseMarket().moveMid("BTCUSD", 12_000); // +6000 USD: mid 66000
        Resp close = alice.post("/v5/order/create", market("inverse", "BTCUSD", "Sell", "6000", "inv-close"));
        assertThat(close.retCode()).isZero();

        // sold at the best bid 65999.5: PnL = 6000 * (1/60000.5 - 1/65999.5) BTC
        BigDecimal pnl = d("6000").multiply(BigDecimal.ONE.divide(d("60000.5"), 16, RoundingMode.HALF_EVEN)
                .subtract(BigDecimal.ONE.divide(d("65999.5"), 16, RoundingMode.HALF_EVEN)));
        Position position = sim.truth().positions("alice").stream()
                .filter(x -> x.symbol().equals("BTC/USD:BTC")).findFirst().orElseThrow();
        assertThat(position.quantity()).isZero();
        assertThat(position.realizedPnl().setScale(12, RoundingMode.HALF_EVEN))
                .isEqualByComparingTo(pnl.setScale(12, RoundingMode.HALF_EVEN));
        assertThat(sim.truth().orderByLinkId("alice", "inv-close").executions().get(0).execPnl()
                .setScale(12, RoundingMode.HALF_EVEN)).isEqualByComparingTo(pnl.setScale(12, RoundingMode.HALF_EVEN));
        BigDecimal closeFee = sim.truth().orderByLinkId("alice", "inv-close").cumExecFee();
        assertThat(closeFee).isEqualByComparingTo(d("6000").divide(d("65999.5"), 16, RoundingMode.HALF_EVEN)
                .multiply(d("0.00055")));
        BigDecimal btc = sim.truth().balances("alice").get("BTC").total();
        assertThat(btc.setScale(12, RoundingMode.HALF_EVEN)).isEqualByComparingTo(
                d("2").add(pnl).subtract(openFee).subtract(closeFee).setScale(12, RoundingMode.HALF_EVEN));
        assertThat(pnl).isPositive();
        assertThat(sim.truth().balances("alice").get("USDT").total()).as("inverse never touches USDT")
                .isEqualByComparingTo(usdtBefore);
        JsonNode btcCoin = Fixtures.find(alice.get("/v5/account/wallet-balance", "accountType=UNIFIED").list()
                .get(0).get("coin"), "coin", "BTC");
        assertThat(new BigDecimal(btcCoin.get("cumRealisedPnl").asText()))
                .isEqualByComparingTo(pnl.subtract(openFee).subtract(closeFee).setScale(8, RoundingMode.HALF_EVEN));
    }

    @Test
    void aRestingInverseOrderHoldsBtcMarginAndReportsItsValueInBtc() {
        Resp r = alice.post("/v5/order/create", limit("inverse", "BTCUSD", "Sell", "30000", "62500.00", "inv-l"));
        assertThat(r.retCode()).as(r.toString()).isZero();
        JsonNode o = Fixtures.realtime(alice, "inverse", "inv-l");
        assertThat(o.get("qty").asText()).isEqualTo("30000");
        assertThat(o.get("price").asText()).isEqualTo("62500.00");
        assertThat(o.get("leavesValue").asText()).isEqualTo("0.48");
        JsonNode btc = Fixtures.find(alice.get("/v5/account/wallet-balance", "accountType=UNIFIED&coin=BTC").list()
                .get(0).get("coin"), "coin", "BTC");
        assertThat(btc.get("totalOrderIM").asText()).isEqualTo("0.048");
        assertThat(btc.get("availableToWithdraw").asText()).isEqualTo("1.952");
    }

    @Test
    void inverseQuantitiesAreWholeContracts() {
        assertThat(alice.post("/v5/order/create", limit("inverse", "BTCUSD", "Buy", "10.5", "59000.00", "i-1"))
                .retCode()).isEqualTo(10001);
        assertThat(alice.post("/v5/order/create", limit("inverse", "BTCUSD", "Buy", "10", "59000.25", "i-2"))
                .retCode()).as("tick 0.50").isEqualTo(10001);
        JsonNode info = alice.publicGet("/v5/market/instruments-info", "category=inverse").list().get(0);
        assertThat(info.get("contractType").asText()).isEqualTo("InversePerpetual");
        assertThat(info.get("settleCoin").asText()).isEqualTo("BTC");
        assertThat(info.get("quoteCoin").asText()).isEqualTo("USD");
        assertThat(info.get("lotSizeFilter").get("qtyStep").asText()).isEqualTo("1");
    }
}

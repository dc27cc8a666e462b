package io.fixbridge.sims.binance;

import com.fasterxml.jackson.databind.JsonNode;
import io.fixbridge.sims.binance.TestClient.Resp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;

import static org.assertj.core.api.Assertions.assertThat;

class FuturesTest {
    BinanceSimulator sim;
    TestClient alice;

    @BeforeEach
    void start() throws Exception {
        sim = Sims.builder().build();
        sim.start();
        alice = TestClient.hmac(sim, Sims.ALICE_KEY, Sims.ALICE_SECRET);
    }

    @AfterEach
    void stop() {
        sim.close();
    }

    @Test
    void exchangeInfoDescribesThePerpetual() {
        Resp info = alice.get("/fapi/v1/exchangeInfo", "");
        JsonNode btc = info.json().get("symbols").get(0);
        assertThat(btc.get("contractType").asText()).isEqualTo("PERPETUAL");
        assertThat(btc.get("status").asText()).isEqualTo("TRADING");
        assertThat(SpotRestTest.find(btc.get("filters"), "filterType", "PRICE_FILTER").get("tickSize").asText())
                .isEqualTo("0.10");
        assertThat(SpotRestTest.find(btc.get("filters"), "filterType", "LOT_SIZE").get("stepSize").asText())
                .isEqualTo("0.001");
        assertThat(SpotRestTest.find(btc.get("filters"), "filterType", "MIN_NOTIONAL").get("notional").asText())
                .isEqualTo("100");
        assertThat(info.header("X-MBX-USED-WEIGHT-1M")).hasValue("1");
    }

    @Test
    void limitOrderPlaceModifyQueryCancel() {
        Resp placed = alice.signed("POST", "/fapi/v1/order", "symbol=BTCUSDT&side=BUY&type=LIMIT&timeInForce=GTC"
                + "&quantity=0.010&price=59000.0&newClientOrderId=f-1");
        assertThat(placed.status()).as(placed.toString()).isEqualTo(200);
        assertThat(placed.json().get("status").asText()).isEqualTo("NEW");
        assertThat(placed.json().get("origQty").asText()).isEqualTo("0.01");
        assertThat(placed.json().get("price").asText()).isEqualTo("59000");
        assertThat(placed.json().get("positionSide").asText()).isEqualTo("BOTH");
        assertThat(placed.header("X-MBX-ORDER-COUNT-10S")).hasValue("1");
        assertThat(placed.header("X-MBX-ORDER-COUNT-1M")).hasValue("1");
        long orderId = placed.json().get("orderId").asLong();

        Resp modified = alice.signed("PUT", "/fapi/v1/order", "symbol=BTCUSDT&orderId=" + orderId
                + "&side=BUY&quantity=0.02&price=59100");
        assertThat(modified.status()).as(modified.toString()).isEqualTo(200);
        assertThat(modified.json().get("price").asText()).isEqualTo("59100");
        assertThat(modified.json().get("origQty").asText()).isEqualTo("0.02");
        assertThat(alice.signed("PUT", "/fapi/v1/order", "symbol=BTCUSDT&orderId=" + orderId
                + "&side=BUY&quantity=0.02&price=59100").json())
                .hasToString("{\"code\":-5027,\"msg\":\"No need to modify the order.\"}");

        Resp query = alice.signed("GET", "/fapi/v1/order", "symbol=BTCUSDT&origClientOrderId=f-1");
        assertThat(query.json().get("time").asLong()).isPositive();
        assertThat(query.json().get("status").asText()).isEqualTo("NEW");
        assertThat(alice.signed("GET", "/fapi/v1/openOrders", "symbol=BTCUSDT").json()).hasSize(1);

        Resp canceled = alice.signed("DELETE", "/fapi/v1/order", "symbol=BTCUSDT&orderId=" + orderId);
        assertThat(canceled.json().get("status").asText()).isEqualTo("CANCELED");
        assertThat(alice.signed("DELETE", "/fapi/v1/order", "symbol=BTCUSDT&orderId=" + orderId).json())
                .hasToString("{\"code\":-2011,\"msg\":\"Unknown order sent.\"}");
        assertThat(alice.signed("GET", "/fapi/v1/order", "symbol=BTCUSDT&orderId=424242").json())
                .hasToString("{\"code\":-2013,\"msg\":\"Order does not exist.\"}");
    }

    @Test
    void marketOrderOpensAPositionAndReportsTradesBalanceAndRisk() {
        Resp placed = alice.signed("POST", "/fapi/v1/order",
                "symbol=BTCUSDT&side=BUY&type=MARKET&quantity=0.5&newOrderRespType=RESULT");
        assertThat(placed.json().get("status").asText()).isEqualTo("FILLED");
        assertThat(placed.json().get("avgPrice").asText()).isEqualTo("60000.10000");
        assertThat(placed.json().get("cumQuote").asText()).isEqualTo("30000.05");
        Resp trades = alice.signed("GET", "/fapi/v1/userTrades", "symbol=BTCUSDT");
        assertThat(trades.json()).hasSize(1);
        JsonNode t = trades.json().get(0);
        assertThat(t.get("commission").asText()).isEqualTo("15.000025");
        assertThat(t.get("commissionAsset").asText()).isEqualTo("USDT");
        assertThat(t.get("realizedPnl").asText()).isEqualTo("0");
        assertThat(t.get("buyer").asBoolean()).isTrue();
        Resp risk = alice.signed("GET", "/fapi/v2/positionRisk", "symbol=BTCUSDT");
        assertThat(risk.json().get(0).get("positionAmt").asText()).isEqualTo("0.5");
        assertThat(risk.json().get(0).get("entryPrice").asText()).isEqualTo("60000.1");
        assertThat(risk.json().get(0).get("leverage").asText()).isEqualTo("20");
        Resp riskV3 = alice.signed("GET", "/fapi/v3/positionRisk", "");
        assertThat(riskV3.json()).hasSize(1);
        Resp balance = alice.signed("GET", "/fapi/v2/balance", "");
        JsonNode usdt = SpotRestTest.find(balance.json(), "asset", "USDT");
        assertThat(new BigDecimal(usdt.get("balance").asText())).isEqualByComparingTo("99984.999975");
        assertThat(alice.signed("GET", "/fapi/v3/balance", "").status()).isEqualTo(200);

        Resp close = alice.signed("POST", "/fapi/v1/order",
                "symbol=BTCUSDT&side=SELL&type=MARKET&quantity=0.5&reduceOnly=true&newOrderRespType=RESULT");
        assertThat(close.json().get("status").asText()).isEqualTo("FILLED");
        Resp again = alice.signed("POST", "/fapi/v1/order",
                "symbol=BTCUSDT&side=SELL&type=MARKET&quantity=0.5&reduceOnly=true");
        assertThat(again.json()).hasToString("{\"code\":-2022,\"msg\":\"ReduceOnly Order is rejected.\"}");
    }

    @Test
    void futuresRefusalsUseBinanceCodes() {
        assertThat(alice.signed("POST", "/fapi/v1/order",
                "symbol=BTCUSDT&side=SELL&type=STOP_MARKET&quantity=0.01&stopPrice=55000").json()).hasToString(
                "{\"code\":-4120,\"msg\":\"Order type not supported for this endpoint. Please use the Algo Order API "
                        + "endpoints instead.\"}");
        assertThat(alice.signed("POST", "/fapi/v1/order",
                "symbol=BTCUSDT&side=BUY&type=LIMIT&timeInForce=GTX&quantity=0.01&price=61000").code())
                .isEqualTo(-5022);
        assertThat(alice.signed("POST", "/fapi/v1/order",
                "symbol=BTCUSDT&side=BUY&type=LIMIT&timeInForce=GTC&quantity=0.01&price=59000.05").json())
                .hasToString("{\"code\":-4014,\"msg\":\"Price not increased by tick size.\"}");
        assertThat(alice.signed("POST", "/fapi/v1/order",
                "symbol=BTCUSDT&side=BUY&type=LIMIT&timeInForce=GTC&quantity=0.0015&price=59000").code())
                .isEqualTo(-1111);
        assertThat(alice.signed("POST", "/fapi/v1/order",
                "symbol=BTCUSDT&side=BUY&type=LIMIT&timeInForce=GTC&quantity=0.001&price=59000").json())
                .hasToString("{\"code\":-4164,\"msg\":\"Order's notional must be no smaller than 100 (unless you "
                        + "choose reduce only)\"}");
        assertThat(alice.signed("POST", "/fapi/v1/order",
                "symbol=BTCUSDT&side=BUY&type=MARKET&quantity=100").json())
                .hasToString("{\"code\":-2019,\"msg\":\"Margin is insufficient.\"}");
        assertThat(alice.signed("POST", "/fapi/v1/order",
                "symbol=BTCUSDT&side=BUY&type=LIMIT&timeInForce=FOK&quantity=50&price=60000.1").code())
                .isEqualTo(-5021);
        assertThat(alice.signed("POST", "/fapi/v1/order",
                "symbol=BTCUSDT&side=BUY&positionSide=LONG&type=MARKET&quantity=0.01").code()).isEqualTo(-4061);
        alice.signed("POST", "/fapi/v1/order", "symbol=BTCUSDT&side=BUY&type=LIMIT&timeInForce=GTC"
                + "&quantity=0.01&price=59000&newClientOrderId=dup");
        assertThat(alice.signed("POST", "/fapi/v1/order", "symbol=BTCUSDT&side=BUY&type=LIMIT&timeInForce=GTC"
                + "&quantity=0.01&price=59000&newClientOrderId=dup").code()).isEqualTo(-4116);
    }

    @Test
    void leverageAndPositionModes() {
        Resp lev = alice.signed("POST", "/fapi/v1/leverage", "symbol=BTCUSDT&leverage=5");
        assertThat(lev.json().get("leverage").asInt()).isEqualTo(5);
        assertThat(lev.json().get("symbol").asText()).isEqualTo("BTCUSDT");
        assertThat(alice.signed("GET", "/fapi/v2/positionRisk", "symbol=BTCUSDT").json().get(0).get("leverage")
                .asText()).isEqualTo("5");
        assertThat(alice.signed("GET", "/fapi/v1/positionSide/dual", "").json().get("dualSidePosition").asBoolean())
                .isFalse();
        assertThat(alice.signed("POST", "/fapi/v1/positionSide/dual", "dualSidePosition=true").status())
                .isEqualTo(200);
        assertThat(alice.signed("GET", "/fapi/v1/positionSide/dual", "").json().get("dualSidePosition").asBoolean())
                .isTrue();
        Resp hedged = alice.signed("POST", "/fapi/v1/order",
                "symbol=BTCUSDT&side=SELL&positionSide=SHORT&type=MARKET&quantity=0.01&newOrderRespType=RESULT");
        assertThat(hedged.json().get("positionSide").asText()).isEqualTo("SHORT");
        assertThat(alice.signed("GET", "/fapi/v2/positionRisk", "symbol=BTCUSDT").json())
                .anySatisfy(row -> {
                    assertThat(row.get("positionSide").asText()).isEqualTo("SHORT");
                    assertThat(row.get("positionAmt").asText()).isEqualTo("-0.01");
                });
        assertThat(alice.signed("POST", "/fapi/v1/order",
                "symbol=BTCUSDT&side=BUY&type=MARKET&quantity=0.01").code()).isEqualTo(-4061);
    }

    @Test
    void accountOpenOrderAndAllOrders() {
        alice.signed("POST", "/fapi/v1/order", "symbol=BTCUSDT&side=BUY&type=MARKET&quantity=0.1");
        alice.signed("POST", "/fapi/v1/order", "symbol=BTCUSDT&side=SELL&type=LIMIT&timeInForce=GTC"
                + "&quantity=0.05&price=65000&newClientOrderId=open-1");
        JsonNode account = alice.signed("GET", "/fapi/v3/account", "").json();
        assertThat(account.get("positions")).singleElement().satisfies(p -> {
            assertThat(p.get("symbol").asText()).isEqualTo("BTCUSDT");
            assertThat(p.get("positionAmt").asText()).isEqualTo("0.1");
        });
        assertThat(SpotRestTest.find(account.get("assets"), "asset", "USDT").get("walletBalance").asText())
                .isEqualTo(account.get("totalWalletBalance").asText());
        assertThat(new BigDecimal(account.get("totalOpenOrderInitialMargin").asText())).isEqualByComparingTo("162.5");
        assertThat(alice.signed("GET", "/fapi/v1/openOrder", "symbol=BTCUSDT&origClientOrderId=open-1").json()
                .get("price").asText()).isEqualTo("65000");
        alice.signed("DELETE", "/fapi/v1/order", "symbol=BTCUSDT&origClientOrderId=open-1");
        assertThat(alice.signed("GET", "/fapi/v1/openOrder", "symbol=BTCUSDT&origClientOrderId=open-1").code())
                .isEqualTo(-2013);
        JsonNode all = alice.signed("GET", "/fapi/v1/allOrders", "symbol=BTCUSDT").json();
        assertThat(all).extracting(o -> o.get("status").asText()).containsExactly("FILLED", "CANCELED");
    }
}

package io.fixbridge.gateway.bybit;

import static io.fixbridge.gateway.fix.Orders.f;
import static io.fixbridge.gateway.fix.Orders.limit;
import static io.fixbridge.gateway.fix.Orders.report;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import io.fixbridge.gateway.fix.Orders;
import io.fixbridge.gateway.fix.TestGatewayAccess;
import io.fixbridge.gateway.order.ClientOrderIds;
import io.fixbridge.sims.bybit.BybitSimulator;
import io.fixbridge.sims.bybit.SimAccount;
import io.fixbridge.sims.bybit.TruthOrder;
import io.fixbridge.testkit.fix.FixTestClient;
import quickfix.Message;

/**
 * FIX -> gateway -> BybitAdapter -> BybitSimulator over real sockets: spot, linear and inverse,
 * every order type, native amend, cancel, partial fills, rejects carrying the retCode, a dropped
 * private stream, a lost create response, and rate limiting with nothing lost.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BybitEndToEndTest {
    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final String SESSION = "FIX.4.4:FIXBRIDGE->OMS1";
    static final String API_KEY = "oms-bybit-key";
    static final String SECRET = "oms-bybit-secret-77e1";
    private static final AtomicInteger IDS = new AtomicInteger();

    private BybitSimulator sim;
    private TestGatewayAccess gateway;
    private FixTestClient client;

    static BybitSimulator.Builder simulator() {
        return BybitSimulator.builder()
                .account(SimAccount.hmac("alice", API_KEY, SECRET)
                        .balance("USDT", "1000000").balance("BTC", "10").balance("ETH", "100").build())
                .walkIntervalMs(0);
    }

    static String venueYaml(BybitSimulator sim, String extra) {
        return """
                venues:
                  - name: bybit
                    type: bybit
                    restUrl: %s
                    privateWsUrl: %s
                %s    accounts:
                      - name: main
                        apiKey: %s
                        secret: %s
                sessions:
                  - { senderCompId: OMS1, role: order-entry, venue: bybit, account: main }
                """.formatted(sim.baseUrl(), sim.privateWsUrl(), extra, API_KEY, SECRET);
    }

    @BeforeAll
    void start(@TempDir Path dir) throws Exception {
        sim = simulator().build();
        sim.start();
        gateway = TestGatewayAccess.start(dir, venueYaml(sim, ""));
        client = gateway.client(dir.resolve("client-store"));
    }

    @AfterEach
    void clearFaults() {
        sim.faults().reset();
    }

    @AfterAll
    void stop() {
        if (client != null) {
            client.close();
        }
        if (gateway != null) {
            gateway.close();
        }
        if (sim != null) {
            sim.close();
        }
    }

    @Test
    void spotLimitRestsAndCancels() throws Exception {
        String id = id();
        client.send(limit(id, "BTC/USDT", '1', "0.01", "50000"));
        await(report(id, 'A'));
        Message acked = await(report(id, '0'));
        assertThat(f(acked, 198)).isEqualTo(truth(id).orderId());
        String cancel = id();
        client.send(Orders.cancel(cancel, id, "BTC/USDT", '1'));
        await(report(cancel, '4'));
        assertThat(truth(id).orderStatus()).isEqualTo("Cancelled");
    }

    @Test
    void aMarketableSpotOrderFillsPartiallyThenFully() throws Exception {
        String id = id();
        client.send(limit(id, "BTC/USDT", '1', "1.5", "60000.05"));
        await(report(id, 'A'));
        Message first = await(report(id, 'F'));
        assertThat(f(first, 39)).isEqualTo("1");
        Message last = await(m -> report(id, 'F').test(m) && "2".equals(f(m, 39)));
        assertThat(new BigDecimal(f(last, 14))).isEqualByComparingTo("1.5");
        assertThat(f(last, 479)).isEqualTo("USDT");
        assertThat(f(last, 851)).isEqualTo("2");
    }

    @Test
    void spotMarketOrdersByBaseAndByQuoteQuantityFill() throws Exception {
        String base = id();
        client.send(Orders.market(base, "ETH/USDT", '1', "2"));
        Message baseFill = await(m -> report(base, 'F').test(m) && "2".equals(f(m, 39)));
        assertThat(new BigDecimal(f(baseFill, 14))).isEqualByComparingTo("2");

        String quote = id();
        Message byValue = Orders.market(quote, "ETH/USDT", '1', "1");
        byValue.removeField(38);
        byValue.setString(152, "3000.01");
        client.send(byValue);
        Message quoteFill = await(m -> report(quote, 'F').test(m) && "2".equals(f(m, 39)));
        assertThat(new BigDecimal(f(quoteFill, 14))).isPositive();
    }

    @Test
    void insufficientSpotBalanceIsRejectedWithTheRetCode() throws Exception {
        String id = id();
        client.send(limit(id, "BTC/USDT", '1', "80", "50000"));
        await(report(id, 'A'));
        Message rejected = await(report(id, '8'));
        assertThat(f(rejected, 103)).isEqualTo("3");
        assertThat(f(rejected, 20001)).isEqualTo("170131");
    }

    @Test
    void linearReduceOnlyWithoutAPositionIsRejectedWithTheRetCode() throws Exception {
        String id = id();
        Message reduce = Orders.market(id, "BTC/USDT:USDT", '2', "0.01");
        reduce.setString(18, "E");
        client.send(reduce);
        await(report(id, 'A'));
        Message rejected = await(report(id, '8'));
        assertThat(f(rejected, 20001)).isEqualTo("110017");
    }

    @Test
    void linearPostOnlyThatWouldTakeEndsWithoutTrading() throws Exception {
        String id = id();
        Message postOnly = limit(id, "BTC/USDT:USDT", '1', "0.01", "60001");
        postOnly.setString(18, "6");
        client.send(postOnly);
        await(report(id, 'A'));
        Message end = await(m -> report(id, '8').test(m) || report(id, '4').test(m));
        assertThat(f(end, 14)).isEqualTo("0");
        assertThat(truth(id).orderStatus()).isEqualTo("Cancelled");
    }

    @Test
    void linearAmendKeepsTheVenueOrderAndChangesPriceAndQuantity() throws Exception {
        String id = id();
        client.send(limit(id, "BTC/USDT:USDT", '1', "0.01", "50000"));
        Message acked = await(report(id, '0'));
        String replace = id();
        client.send(Orders.replace(replace, id, "BTC/USDT:USDT", '1', "0.02", "50100"));
        await(report(replace, 'E'));
        Message replaced = await(report(replace, '5'));
        assertThat(f(replaced, 198)).isEqualTo(f(acked, 198));
        assertThat(f(replaced, 38)).isEqualTo("0.02");
        TruthOrder t = truth(id);
        assertThat(t.qty()).isEqualByComparingTo("0.02");
        assertThat(t.price()).isEqualByComparingTo("50100");
        String cancel = id();
        client.send(Orders.cancel(cancel, replace, "BTC/USDT:USDT", '1'));
        await(report(cancel, '4'));
    }

    @Test
    void linearStopTriggersOnARiseAndFills() throws Exception {
        String id = id();
        Message stop = Orders.market(id, "BTC/USDT:USDT", '1', "0.01");
        stop.setChar(40, '3');
        stop.setString(99, "60500");
        client.send(stop);
        await(report(id, '0'));
        assertThat(truth(id).orderStatus()).isEqualTo("Untriggered");
        sim.linearMarket().moveMid("BTCUSDT", 10_000);
        Message fill = await(m -> report(id, 'F').test(m) && "2".equals(f(m, 39)));
        assertThat(new BigDecimal(f(fill, 31))).isGreaterThan(new BigDecimal("60500"));
        sim.linearMarket().moveMid("BTCUSDT", -10_000);
        String close = id();
        Message reduce = Orders.market(close, "BTC/USDT:USDT", '2', "0.01");
        reduce.setString(18, "E");
        client.send(reduce);
        await(m -> report(close, 'F').test(m) && "2".equals(f(m, 39)));
    }

    @Test
    void spotTakeProfitAndStopLimitRestAsConditionalOrders() throws Exception {
        String tp = id();
        Message takeProfit = Orders.market(tp, "BTC/USDT", '2', "0.01");
        takeProfit.setChar(40, 'J');
        takeProfit.setString(99, "70000");
        client.send(takeProfit);
        await(report(tp, '0'));
        assertThat(truth(tp).orderStatus()).isEqualTo("Untriggered");

        String sl = id();
        Message stopLimit = limit(sl, "BTC/USDT:USDT", '2', "0.01", "59000");
        stopLimit.setChar(40, '4');
        stopLimit.setString(99, "59500");
        client.send(stopLimit);
        await(report(sl, '0'));
        assertThat(truth(sl).orderStatus()).isEqualTo("Untriggered");
        assertThat(truth(sl).orderType()).isEqualTo("Limit");
        for (String id : List.of(tp, sl)) {
            String cancel = id();
            client.send(Orders.cancel(cancel, id, id.equals(tp) ? "BTC/USDT" : "BTC/USDT:USDT", '2'));
            await(report(cancel, '4'));
        }
    }

    @Test
    void inverseContractsTradeWithFeesInBitcoin() throws Exception {
        String id = id();
        client.send(Orders.market(id, "BTC/USD:BTC", '1', "1000"));
        Message fill = await(m -> report(id, 'F').test(m) && "2".equals(f(m, 39)));
        assertThat(f(fill, 479)).isEqualTo("BTC");
        assertThat(new BigDecimal(f(fill, 14))).isEqualByComparingTo("1000");
        String close = id();
        Message reduce = Orders.market(close, "BTC/USD:BTC", '2', "1000");
        reduce.setString(18, "E");
        client.send(reduce);
        await(m -> report(close, 'F').test(m) && "2".equals(f(m, 39)));
    }

    @Test
    void aFillWhileThePrivateStreamIsDownIsRecoveredAndCountedOnce() throws Exception {
        String id = id();
        client.send(limit(id, "BTC/USDT:USDT", '1', "0.01", "59990"));
        await(report(id, '0'));
        sim.faults().dropPrivateStreams();
        sim.linearMarket().moveMid("BTCUSDT", -200);
        Message fill = await(m -> report(id, 'F').test(m) && "2".equals(f(m, 39)));
        assertThat(new BigDecimal(f(fill, 14))).isEqualByComparingTo("0.01");
        client.assertNoMessage(report(id, 'F'), Duration.ofMillis(700));
        sim.linearMarket().moveMid("BTCUSDT", 200);
        String close = id();
        Message reduce = Orders.market(close, "BTC/USDT:USDT", '2', "0.01");
        reduce.setString(18, "E");
        client.send(reduce);
        await(m -> report(close, 'F').test(m) && "2".equals(f(m, 39)));
    }

    @Test
    void aLostCreateResponseIsSettledWithoutASecondOrder() throws Exception {
        String id = id();
        sim.faults().loseNextOrderResponse();
        client.send(limit(id, "BTC/USDT", '1', "0.01", "50000"));
        await(report(id, 'A'));
        Message acked = await(report(id, '0'));
        String linkId = ClientOrderIds.derive(SESSION, id);
        Awaitility.await().atMost(WAIT).until(() -> sim.truth().orders("alice").stream()
                .filter(o -> o.orderLinkId().equals(linkId)).count() == 1);
        assertThat(f(acked, 198)).isEqualTo(truth(id).orderId());
    }

    private TruthOrder truth(String clOrdId) {
        String linkId = ClientOrderIds.derive(SESSION, clOrdId);
        return sim.truth().orders("alice").stream().filter(o -> o.orderLinkId().equals(linkId)).reduce((a, b) -> b)
                .orElseThrow(() -> new AssertionError("the simulator has no order for ClOrdID " + clOrdId));
    }

    private Message await(Predicate<Message> matcher) throws InterruptedException {
        return client.awaitMessage(matcher, WAIT);
    }

    private static String id() {
        return "Y" + IDS.incrementAndGet() + "-" + System.nanoTime();
    }
}

package io.fixbridge.gateway.binance;

import static io.fixbridge.gateway.fix.Orders.cancelReject;
import static io.fixbridge.gateway.fix.Orders.f;
import static io.fixbridge.gateway.fix.Orders.limit;
import static io.fixbridge.gateway.fix.Orders.report;
import static org.assertj.core.api.Assertions.assertThat;
import org.awaitility.Awaitility;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import io.fixbridge.gateway.fix.Orders;
import io.fixbridge.gateway.fix.TestGatewayAccess;
import io.fixbridge.gateway.order.ClientOrderIds;
import io.fixbridge.sims.binance.BinanceSimulator;
import io.fixbridge.sims.binance.TruthOrder;
import io.fixbridge.testkit.fix.FixTestClient;
import quickfix.Message;

/**
 * FIX -> gateway -> BinanceAdapter -> BinanceSimulator, all over real sockets: every order type
 * on spot and USD-M futures, cancel, cancel-replace, OCO, partial fills, venue rejects carrying
 * the Binance code, a dropped user-data stream, a lost response, maintenance.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BinanceEndToEndTest {
    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final String SESSION = "FIX.4.4:FIXBRIDGE->OMS1";
    private static final AtomicInteger IDS = new AtomicInteger();

    private BinanceSimulator sim;
    private TestGatewayAccess gateway;
    private FixTestClient client;

    @BeforeAll
    void start(@TempDir Path dir) throws Exception {
        sim = BinanceGateway.simulator().build();
        sim.start();
        gateway = BinanceGateway.start(dir, sim, "");
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
    void spotLimitRestsWithTheVenueOrderIdAndCancels() throws Exception {
        String id = id();
        client.send(limit(id, "BTC/USDT", '1', "0.01", "50000"));
        await(report(id, 'A'));
        Message acked = await(report(id, '0'));
        assertThat(f(acked, 198)).isEqualTo(String.valueOf(truth(id).orderId()));
        assertThat(f(acked, 100)).isEqualTo("binance");
        String cancel = id();
        client.send(Orders.cancel(cancel, id, "BTC/USDT", '1'));
        await(report(cancel, '6'));
        await(report(cancel, '4'));
        assertThat(truth(id).status()).isEqualTo("CANCELED");
    }

    @Test
    void aMarketableSpotOrderFillsPartiallyThenFully() throws Exception {
        String id = id();
        // 1 BTC per level from 60000.01: 1.5 BTC takes two levels
        client.send(limit(id, "BTC/USDT", '1', "1.5", "60000.05"));
        await(report(id, 'A'));
        await(report(id, '0'));
        Message first = await(report(id, 'F'));
        assertThat(f(first, 39)).isEqualTo("1");
        assertThat(new BigDecimal(f(first, 32))).isEqualByComparingTo("1");
        Message second = await(report(id, 'F'));
        assertThat(f(second, 39)).isEqualTo("2");
        assertThat(new BigDecimal(f(second, 14))).isEqualByComparingTo("1.5");
        assertThat(new BigDecimal(f(second, 151))).isEqualByComparingTo("0");
        BigDecimal avg = new BigDecimal(f(first, 31)).add(new BigDecimal(f(second, 31)).multiply(new BigDecimal("0.5")))
                .divide(new BigDecimal("1.5"), new java.math.MathContext(20));
        assertThat(new BigDecimal(f(second, 6))).isCloseTo(avg, org.assertj.core.data.Offset.offset(new BigDecimal("1e-12")));
        assertThat(f(second, 851)).isEqualTo("2");
        assertThat(f(second, 479)).isNotBlank();
        assertThat(f(second, 880)).isEqualTo(String.valueOf(truth(id).fills().get(1).tradeId()));
    }

    @Test
    void aSpotMarketOrderSizedInTheQuoteCurrencyFills() throws Exception {
        String id = id();
        Message m = Orders.market(id, "ETH/USDT", '1', "1");
        m.removeField(38);
        m.setString(152, "3000.01");
        client.send(m);
        await(report(id, 'A'));
        Message trade = await(m2 -> report(id, 'F').test(m2) && "2".equals(f(m2, 39)) || report(id, 'C').test(m2));
        assertThat(new BigDecimal(f(trade, 14))).isPositive();
        assertThat(truth(id).type()).isEqualTo("MARKET");
    }

    @Test
    void postOnlyThatWouldTakeIsRejectedWithTheBinanceCode() throws Exception {
        String id = id();
        Message m = limit(id, "BTC/USDT", '1', "0.01", "60000.05");
        m.setString(18, "6");
        client.send(m);
        await(report(id, 'A'));
        Message rejected = await(report(id, '8'));
        assertThat(f(rejected, 20001)).isEqualTo("-2010");
        assertThat(f(rejected, 58)).contains("immediately match");
    }

    @Test
    void insufficientBalanceIsRejected3WithTheBinanceCode() throws Exception {
        String id = id();
        client.send(limit(id, "BTC/USDT", '1', "100", "50000"));
        await(report(id, 'A'));
        Message rejected = await(report(id, '8'));
        assertThat(f(rejected, 103)).isEqualTo("3");
        assertThat(f(rejected, 20001)).isEqualTo("-2010");
        assertThat(f(rejected, 58)).contains("insufficient balance");
    }

    @Test
    void spotStopLossRestsThenTriggersWhenTheMarketFalls() throws Exception {
        String id = id();
        Message stop = Orders.market(id, "BTC/USDT", '2', "0.1");
        stop.setChar(40, '3');
        stop.setString(99, "59900");
        client.send(stop);
        await(report(id, 'A'));
        await(report(id, '0'));
        assertThat(truth(id).type()).isEqualTo("STOP_LOSS");
        sim.spotMarket().moveMid("BTCUSDT", -20_000);
        Message fill = await(report(id, 'F'));
        assertThat(f(fill, 39)).isEqualTo("2");
        assertThat(new BigDecimal(f(fill, 31))).isLessThan(new BigDecimal("59900"));
        sim.spotMarket().moveMid("BTCUSDT", 20_000);
    }

    @Test
    void spotStopLimitIsAStopLossLimit() throws Exception {
        String id = id();
        Message stopLimit = limit(id, "BTC/USDT", '2', "0.1", "59800");
        stopLimit.setChar(40, '4');
        stopLimit.setString(99, "59900");
        client.send(stopLimit);
        await(report(id, '0'));
        TruthOrder t = truth(id);
        assertThat(t.type()).isEqualTo("STOP_LOSS_LIMIT");
        assertThat(t.stopPrice()).isEqualByComparingTo("59900");
        assertThat(t.price()).isEqualByComparingTo("59800");
        String cancel = id();
        client.send(Orders.cancel(cancel, id, "BTC/USDT", '2'));
        await(report(cancel, '4'));
    }

    @Test
    void futuresTakeProfitAndGoodTillDate() throws Exception {
        String tp = id();
        Message takeProfit = Orders.market(tp, "BTC/USDT:USDT", '2', "0.01");
        takeProfit.setChar(40, 'J');
        takeProfit.setString(99, "70000");
        client.send(takeProfit);
        await(report(tp, '0'));
        String algoId = ClientOrderIds.derive(SESSION, tp);
        assertThat(sim.truth().algoOrders("alice")).filteredOn(a -> a.clientAlgoId().equals(algoId))
                .extracting(a -> a.type()).containsExactly("TAKE_PROFIT_MARKET");
        String cancelTp = id();
        client.send(Orders.cancel(cancelTp, tp, "BTC/USDT:USDT", '2'));
        await(report(cancelTp, '4'));

        String gtd = id();
        Message goodTill = limit(gtd, "BTC/USDT:USDT", '1', "0.01", "50000");
        goodTill.setChar(59, '6');
        goodTill.setUtcTimeStamp(126, LocalDateTime.now(ZoneOffset.UTC).plusHours(2), true);
        client.send(goodTill);
        await(report(gtd, '0'));
        assertThat(truth(gtd).status()).isEqualTo("NEW");
        String cancelGtd = id();
        client.send(Orders.cancel(cancelGtd, gtd, "BTC/USDT:USDT", '1'));
        await(report(cancelGtd, '4'));
    }

    @Test
    void spotTakeProfitAndIcebergAreSentAsBinanceTypes() throws Exception {
        String tp = id();
        Message takeProfit = Orders.market(tp, "BTC/USDT", '2', "0.1");
        takeProfit.setChar(40, 'J');
        takeProfit.setString(99, "70000");
        client.send(takeProfit);
        await(report(tp, '0'));
        assertThat(truth(tp).type()).isEqualTo("TAKE_PROFIT");

        String ice = id();
        Message iceberg = limit(ice, "BTC/USDT", '1', "0.5", "50000");
        iceberg.setString(111, "0.1");
        client.send(iceberg);
        await(report(ice, '0'));
        assertThat(truth(ice).status()).isEqualTo("NEW");
    }

    @Test
    void replaceIsACancelReplaceWithANewVenueOrderAndNoStrayCancel() throws Exception {
        String id = id();
        client.send(limit(id, "BTC/USDT", '1', "0.01", "50000"));
        Message acked = await(report(id, '0'));
        String replace = id();
        client.send(Orders.replace(replace, id, "BTC/USDT", '1', "0.02", "50100"));
        await(report(replace, 'E'));
        Message replaced = await(report(replace, '5'));
        assertThat(f(replaced, 39)).isEqualTo("0");
        assertThat(f(replaced, 44)).isEqualTo("50100");
        assertThat(f(replaced, 198)).isNotEqualTo(f(acked, 198));
        assertThat(truth(replace).status()).isEqualTo("NEW");
        assertThat(truth(id).status()).isEqualTo("CANCELED");
        // the venue's CANCELED of the old id never reaches the OMS as a cancel of the order
        client.assertNoMessage(m -> "4".equals(f(m, 150)) && (id.equals(f(m, 11)) || replace.equals(f(m, 11))),
                Duration.ofMillis(500));
        client.send(Orders.status(replace, "BTC/USDT", '1'));
        assertThat(f(await(report(replace, 'I')), 39)).isEqualTo("0");
    }

    @Test
    void ocoListPlacesBothLegsAndTheFillOfOneCancelsTheOther() throws Exception {
        String take = id();
        String stop = id();
        client.send(Orders.ocoList("L" + take, 1, "BTC/USDT", '2', "0.1", take, "60100", stop, "59000"));
        client.awaitAll(WAIT, report(take, 'A'), report(stop, 'A'), report(take, '0'), report(stop, '0'));
        sim.spotMarket().moveMid("BTCUSDT", 20_000);
        Message fill = await(report(take, 'F'));
        assertThat(f(fill, 39)).isEqualTo("2");
        Message other = await(m -> (report(stop, '4').test(m) || report(stop, 'C').test(m)));
        assertThat(f(other, 39)).isIn("4", "C");
        sim.spotMarket().moveMid("BTCUSDT", -20_000);
    }

    @Test
    void futuresLimitReduceOnlyPostOnlyAndMarket() throws Exception {
        String open = id();
        client.send(Orders.market(open, "BTC/USDT:USDT", '1', "0.01"));
        await(report(open, 'A'));
        await(m -> report(open, 'F').test(m) && "2".equals(f(m, 39)));
        assertThat(truth(open).market()).containsIgnoringCase("futures");

        String maker = id();
        Message postOnly = limit(maker, "BTC/USDT:USDT", '2', "0.01", "61000");
        postOnly.setString(18, "6 E");
        client.send(postOnly);
        await(report(maker, '0'));
        TruthOrder t = truth(maker);
        assertThat(t.status()).isEqualTo("NEW");
        String cancel = id();
        client.send(Orders.cancel(cancel, maker, "BTC/USDT:USDT", '2'));
        await(report(cancel, '4'));

        String close = id();
        Message reduce = Orders.market(close, "BTC/USDT:USDT", '2', "0.01");
        reduce.setString(18, "E");
        client.send(reduce);
        await(m -> report(close, 'F').test(m) && "2".equals(f(m, 39)));
    }

    @Test
    void futuresStopGoesThroughTheAlgoApiAndFillsWhenTriggered() throws Exception {
        String id = id();
        Message stop = Orders.market(id, "BTC/USDT:USDT", '1', "0.01");
        stop.setChar(40, '3');
        stop.setString(99, "60500");
        client.send(stop);
        await(report(id, 'A'));
        await(report(id, '0'));
        assertThat(sim.truth().algoOrders("alice")).isNotEmpty();
        sim.futuresMarket().moveMid("BTCUSDT", 10_000);
        Message fill = await(m -> report(id, 'F').test(m) && "2".equals(f(m, 39)));
        assertThat(new BigDecimal(f(fill, 31))).isGreaterThan(new BigDecimal("60500"));
        sim.futuresMarket().moveMid("BTCUSDT", -10_000);
        // flatten what the stop opened
        String close = id();
        Message reduce = Orders.market(close, "BTC/USDT:USDT", '2', "0.01");
        reduce.setString(18, "E");
        client.send(reduce);
        await(m -> report(close, 'F').test(m) && "2".equals(f(m, 39)));
    }

    @Test
    void aFillWhileTheUserStreamIsDownIsRecoveredAndCountedOnce() throws Exception {
        String id = id();
        client.send(limit(id, "BTC/USDT", '1', "0.2", "59990"));
        await(report(id, '0'));
        sim.faults().dropUserDataStreams();
        sim.spotMarket().moveMid("BTCUSDT", -2_000);
        Message fill = await(m -> report(id, 'F').test(m) && "2".equals(f(m, 39)));
        assertThat(new BigDecimal(f(fill, 14))).isEqualByComparingTo("0.2");
        assertThat(truth(id).status()).isEqualTo("FILLED");
        client.assertNoMessage(report(id, 'F'), Duration.ofMillis(700));
        sim.spotMarket().moveMid("BTCUSDT", 2_000);
    }

    @Test
    void aLostResponseIsSettledByAQueryWithoutASecondOrder() throws Exception {
        String id = id();
        sim.faults().loseNextOrderResponse();
        client.send(limit(id, "BTC/USDT", '1', "0.01", "50000"));
        await(report(id, 'A'));
        Message acked = await(report(id, '0'));
        String venueId = ClientOrderIds.derive(SESSION, id);
        Awaitility.await().atMost(WAIT).until(() -> sim.truth().spotOrders("alice").stream()
                .filter(o -> o.clientOrderId().equals(venueId)).count() == 1);
        assertThat(sim.truth().spotOrders("alice").stream().filter(o -> o.clientOrderId().equals(venueId))).hasSize(1);
        assertThat(f(acked, 198)).isEqualTo(String.valueOf(truth(id).orderId()));
    }

    @Test
    void aReplaceWhoseAnswerIsLostIsSettledAsReplacedByQuery() throws Exception {
        String id = id();
        client.send(limit(id, "BTC/USDT", '1', "0.01", "50000"));
        await(report(id, '0'));
        sim.faults().loseNextOrderResponse();
        String replace = id();
        client.send(Orders.replace(replace, id, "BTC/USDT", '1', "0.03", "50200"));
        await(report(replace, 'E'));
        Message replaced = await(report(replace, '5'));
        assertThat(f(replaced, 38)).isEqualTo("0.03");
        assertThat(f(replaced, 44)).isEqualTo("50200");
        assertThat(truth(replace).status()).isEqualTo("NEW");
        String venueId = ClientOrderIds.derive(SESSION, replace);
        assertThat(sim.truth().spotOrders("alice").stream().filter(o -> o.clientOrderId().equals(venueId))).hasSize(1);
        // and the replacement is what a cancel now reaches
        String cancel = id();
        client.send(Orders.cancel(cancel, replace, "BTC/USDT", '1'));
        await(report(cancel, '4'));
        assertThat(truth(replace).status()).isEqualTo("CANCELED");
    }

    @Test
    void maintenanceRejectsNewOrdersAsExchangeClosed() throws Exception {
        sim.faults().maintenance(true);
        String id = id();
        client.send(limit(id, "BTC/USDT", '1', "0.01", "50000"));
        Message rejected = await(report(id, '8'));
        assertThat(f(rejected, 103)).isEqualTo("2");
        sim.faults().maintenance(false);
        // back in business once the venue answers again
        Awaitility.await().atMost(WAIT).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            String retry = id();
            client.send(limit(retry, "BTC/USDT", '1', "0.01", "50000"));
            Message answer = client.awaitMessage(m -> (report(retry, '0').test(m) || report(retry, '8').test(m)), WAIT);
            assertThat(f(answer, 150)).isEqualTo("0");
        });
    }

    @Test
    void cancelOfAnOrderTheVenueAlreadyFinishedIsRejectedTooLate() throws Exception {
        String id = id();
        client.send(limit(id, "BTC/USDT", '1', "0.01", "60000.05"));
        await(m -> report(id, 'F').test(m) && "2".equals(f(m, 39)));
        String cancel = id();
        client.send(Orders.cancel(cancel, id, "BTC/USDT", '1'));
        Message reject = await(cancelReject(cancel));
        assertThat(f(reject, 102)).isEqualTo("0");
    }

    private TruthOrder truth(String clOrdId) {
        String venueId = ClientOrderIds.derive(SESSION, clOrdId);
        List<TruthOrder> all = new java.util.ArrayList<>(sim.truth().spotOrders("alice"));
        all.addAll(sim.truth().futuresOrders("alice"));
        return all.stream().filter(o -> o.clientOrderId().equals(venueId)).reduce((a, b) -> b)
                .orElseThrow(() -> new AssertionError("the simulator has no order for ClOrdID " + clOrdId));
    }

    private Message await(Predicate<Message> matcher) throws InterruptedException {
        return client.awaitMessage(matcher, WAIT);
    }

    private static String id() {
        return "B" + IDS.incrementAndGet() + "-" + System.nanoTime();
    }

    static String now() {
        return LocalDateTime.now(ZoneOffset.UTC).toString();
    }
}

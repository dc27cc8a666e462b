package io.fixbridge.gateway.fix;

import static io.fixbridge.gateway.fix.Orders.cancelReject;
import static io.fixbridge.gateway.fix.Orders.f;
import static io.fixbridge.gateway.fix.Orders.limit;
import static io.fixbridge.gateway.fix.Orders.report;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import io.fixbridge.testkit.fix.FixTestClient;
import quickfix.Message;

/**
 * A QuickFIX/J initiator trades through the gateway on the paper venue over TCP: every flow of
 * the order-entry session and every reject the gateway answers before a venue is involved.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OrderEntryEndToEndTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final AtomicInteger IDS = new AtomicInteger();

    private TestGateway gateway;
    private FixTestClient client;

    @BeforeAll
    void start(@TempDir Path dir) throws Exception {
        gateway = new TestGateway(dir).start();
        client = gateway.client(dir.resolve("client-store"));
    }

    @AfterAll
    void stop() {
        if (client != null) {
            client.close();
        }
        if (gateway != null) {
            gateway.close();
        }
    }

    @Test
    void aLimitOrderAwayFromTheMarketRestsPendingNewThenNew() throws Exception {
        String id = id();
        client.send(limit(id, "BTC/USDT", '1', "0.01", "50000"));
        Message pendingNew = await(report(id, 'A'));
        assertThat(f(pendingNew, 39)).isEqualTo("A");
        assertThat(f(pendingNew, 37)).isNotBlank();
        assertThat(f(pendingNew, 151)).isEqualTo("0.01");
        Message acked = await(report(id, '0'));
        assertThat(f(acked, 39)).isEqualTo("0");
        assertThat(f(acked, 37)).isEqualTo(f(pendingNew, 37));
        assertThat(f(acked, 198)).as("SecondaryOrderID = venue order id").isNotBlank();
        assertThat(f(acked, 17)).isNotEqualTo(f(pendingNew, 17));
        assertThat(f(acked, 14)).isEqualTo("0");
        assertThat(f(acked, 151)).isEqualTo("0.01");
        assertThat(f(acked, 100)).isEqualTo("paper");
        assertThat(f(acked, 1)).isEqualTo("main");
        assertThat(f(acked, 44)).isEqualTo("50000");
    }

    @Test
    void aMarketableOrderFillsPartiallyThenFullyWithCumQtyAndAvgPxRight() throws Exception {
        String id = id();
        // 0.8 BTC against 0.5 BTC per ask level: at least two fills
        client.send(limit(id, "BTC/USDT", '1', "0.8", "60100"));
        await(report(id, 'A'));
        await(report(id, '0'));
        List<Message> trades = new ArrayList<>();
        BigDecimal cum = BigDecimal.ZERO;
        BigDecimal notional = BigDecimal.ZERO;
        while (cum.compareTo(new BigDecimal("0.8")) < 0) {
            Message trade = await(report(id, 'F'));
            trades.add(trade);
            BigDecimal lastQty = new BigDecimal(f(trade, 32));
            BigDecimal lastPx = new BigDecimal(f(trade, 31));
            cum = cum.add(lastQty);
            notional = notional.add(lastQty.multiply(lastPx));
            assertThat(new BigDecimal(f(trade, 14))).isEqualByComparingTo(cum);
            assertThat(new BigDecimal(f(trade, 151))).isEqualByComparingTo(new BigDecimal("0.8").subtract(cum));
            assertThat(new BigDecimal(f(trade, 6))).isEqualByComparingTo(notional.divide(cum, new MathContext(20)));
            assertThat(lastPx).isGreaterThan(new BigDecimal("60000")).isLessThanOrEqualTo(new BigDecimal("60100"));
            assertThat(f(trade, 13)).isEqualTo("3");
            assertThat(new BigDecimal(f(trade, 12))).isPositive();
            assertThat(f(trade, 479)).isEqualTo("USDT");
            assertThat(f(trade, 851)).isEqualTo("2");
        }
        assertThat(trades).hasSizeGreaterThanOrEqualTo(2);
        assertThat(f(trades.get(0), 39)).isEqualTo("1");
        assertThat(f(trades.get(trades.size() - 1), 39)).isEqualTo("2");
        Set<String> execIds = new HashSet<>();
        trades.forEach(t -> execIds.add(f(t, 17)));
        assertThat(execIds).hasSize(trades.size());
    }

    @Test
    void aMarketOrderFills() throws Exception {
        String id = id();
        client.send(Orders.market(id, "ETH/USDT", '2', "1"));
        await(report(id, 'A'));
        await(report(id, '0'));
        Message trade = await(report(id, 'F'));
        assertThat(f(trade, 39)).isEqualTo("2");
        assertThat(new BigDecimal(f(trade, 31))).isLessThan(new BigDecimal("3000"));
    }

    @Test
    void cancelAnsweredPendingCancelThenCanceled() throws Exception {
        String id = restingBuy();
        String cancelId = id();
        client.send(Orders.cancel(cancelId, id, "BTC/USDT", '1'));
        Message pending = await(report(cancelId, '6'));
        assertThat(f(pending, 39)).isEqualTo("6");
        assertThat(f(pending, 41)).isEqualTo(id);
        Message canceled = await(report(cancelId, '4'));
        assertThat(f(canceled, 39)).isEqualTo("4");
        assertThat(f(canceled, 41)).isEqualTo(id);
        assertThat(f(canceled, 151)).isEqualTo("0");
        // canceling again is too late
        String again = id();
        client.send(Orders.cancel(again, id, "BTC/USDT", '1'));
        Message reject = await(cancelReject(again));
        assertThat(f(reject, 102)).isEqualTo("0");
        assertThat(f(reject, 39)).isEqualTo("4");
        assertThat(f(reject, 58)).contains("already canceled");
    }

    @Test
    void replaceChangesPriceAndQuantity() throws Exception {
        String id = restingBuy();
        String replaceId = id();
        client.send(Orders.replace(replaceId, id, "BTC/USDT", '1', "0.02", "49000.5"));
        Message pending = await(report(replaceId, 'E'));
        assertThat(f(pending, 39)).isEqualTo("E");
        Message replaced = await(report(replaceId, '5'));
        assertThat(f(replaced, 39)).isEqualTo("0");
        assertThat(f(replaced, 41)).isEqualTo(id);
        assertThat(f(replaced, 38)).isEqualTo("0.02");
        assertThat(f(replaced, 44)).isEqualTo("49000.5");
        assertThat(f(replaced, 151)).isEqualTo("0.02");
        // the order is now known by the new ClOrdID
        String status = replaceId;
        client.send(Orders.status(status, "BTC/USDT", '1'));
        Message answer = await(report(status, 'I'));
        assertThat(f(answer, 44)).isEqualTo("49000.5");
    }

    @Test
    void statusRequestAnswersWithTheOrdersState() throws Exception {
        String id = restingBuy();
        client.send(Orders.status(id, "BTC/USDT", '1'));
        Message status = await(report(id, 'I'));
        assertThat(f(status, 39)).isEqualTo("0");
        assertThat(f(status, 151)).isEqualTo("0.01");
        String unknown = id();
        client.send(Orders.status(unknown, "BTC/USDT", '1'));
        Message none = await(report(unknown, 'I'));
        assertThat(f(none, 39)).isEqualTo("8");
        assertThat(f(none, 58)).contains("unknown order");
    }

    @Test
    void unknownSymbolIsRejected1() throws Exception {
        assertRejected(limit(id(), "FOO/USDT", '1', "1", "10"), "1", "unknown Symbol(55) 'FOO/USDT'");
    }

    @Test
    void quantityOffTheLotIsRejected13() throws Exception {
        assertRejected(limit(id(), "BTC/USDT", '1', "0.000015", "50000"), "13",
                "not a multiple of the lot size 0.00001 for BTC/USDT; nearest valid: 0.00001 or 0.00002");
    }

    @Test
    void priceOffTheTickIsRejected18() throws Exception {
        assertRejected(limit(id(), "BTC/USDT", '1', "0.01", "50000.005"), "18",
                "not a multiple of the tick size 0.01 for BTC/USDT; nearest valid: 50000 or 50000.01");
    }

    @Test
    void belowTheMinimumNotionalIsRejected() throws Exception {
        assertRejected(limit(id(), "BTC/USDT", '1', "0.00001", "50000"), "13", "below the minimum notional 5 USDT");
    }

    @Test
    void aCharacteristicTheVenueCannotDoIsRejected11() throws Exception {
        Message gtd = limit(id(), "BTC/USDT", '1', "0.01", "50000");
        gtd.setChar(59, '6');
        gtd.setString(126, "20991231-00:00:00");
        assertRejected(gtd, "11", "does not accept time in force GTD");
        Message reduceOnlySpot = limit(id(), "BTC/USDT", '2', "0.01", "70000");
        reduceOnlySpot.setString(18, "E");
        assertRejected(reduceOnlySpot, "11", "reduce-only applies only to");
    }

    @Test
    void aHaltedInstrumentIsRejected2() throws Exception {
        assertRejected(limit(id(), "DOGE/USDT", '1', "100", "0.1"), "2", "HALTED");
    }

    @Test
    void missingAndMalformedTagsAreRejectedWithTheTagNamed() throws Exception {
        Message noPrice = limit(id(), "BTC/USDT", '1', "0.01", "1");
        noPrice.removeField(44);
        assertRejected(noPrice, "99", "Price(44) is required");
        Message dayOrder = limit(id(), "BTC/USDT", '1', "0.01", "50000");
        dayOrder.setChar(59, '0');
        assertRejected(dayOrder, "11", "TimeInForce(59)=0 is not supported");
        Message badInst = limit(id(), "BTC/USDT", '1', "0.01", "50000");
        badInst.setString(18, "G");
        assertRejected(badInst, "11", "ExecInst(18) value 'G' is not supported");
        Message noQty = limit(id(), "BTC/USDT", '1', "0.01", "50000");
        noQty.removeField(38);
        assertRejected(noQty, "13", "exactly one of OrderQty(38) and CashOrderQty(152)");
    }

    @Test
    void aVenueRejectArrivesAfterPendingNewWithItsReason() throws Exception {
        String id = id();
        client.send(limit(id, "BTC/USDT", '1', "100", "50000"));
        await(report(id, 'A'));
        Message rejected = await(report(id, '8'));
        assertThat(f(rejected, 39)).isEqualTo("8");
        assertThat(f(rejected, 103)).isEqualTo("3");
        assertThat(f(rejected, 58)).containsIgnoringCase("USDT");
    }

    @Test
    void aDuplicateClOrdIdIsRejected6AndTheFirstOrderIsUntouched() throws Exception {
        String id = restingBuy();
        client.send(limit(id, "BTC/USDT", '1', "0.01", "50000"));
        Message duplicate = await(report(id, '8'));
        assertThat(f(duplicate, 103)).isEqualTo("6");
        assertThat(f(duplicate, 58)).contains("already used on this session");
        client.send(Orders.status(id, "BTC/USDT", '1'));
        assertThat(f(await(report(id, 'I')), 39)).isEqualTo("0");
    }

    @Test
    void aPossibleDuplicateOfAKnownOrderIsAnsweredWithItsStatusNotASecondOrder() throws Exception {
        String id = restingBuy();
        Message resent = limit(id, "BTC/USDT", '1', "0.01", "50000");
        resent.getHeader().setBoolean(97, true);
        client.send(resent);
        Message status = await(report(id, 'I'));
        assertThat(f(status, 39)).isEqualTo("0");
    }

    @Test
    void cancelOrReplaceOfAnUnknownOrderIsRejected1() throws Exception {
        String cancelId = id();
        client.send(Orders.cancel(cancelId, "NO-SUCH-ORDER", "BTC/USDT", '1'));
        Message cancelReject = await(cancelReject(cancelId));
        assertThat(f(cancelReject, 102)).isEqualTo("1");
        assertThat(f(cancelReject, 434)).isEqualTo("1");
        assertThat(f(cancelReject, 58)).contains("NO-SUCH-ORDER");
        String replaceId = id();
        client.send(Orders.replace(replaceId, "NO-SUCH-ORDER", "BTC/USDT", '1', "1", "100"));
        Message replaceReject = await(cancelReject(replaceId));
        assertThat(f(replaceReject, 102)).isEqualTo("1");
        assertThat(f(replaceReject, 434)).isEqualTo("2");
    }

    @Test
    void anUnsupportedMessageTypeGetsABusinessMessageReject() throws Exception {
        Message quoteRequest = new quickfix.fix44.QuoteRequest();
        quoteRequest.setString(131, "Q1");
        quickfix.Group related = new quickfix.fix44.QuoteRequest.NoRelatedSym();
        related.setString(55, "BTC/USDT");
        quoteRequest.addGroup(related);
        client.send(quoteRequest);
        Message reject = client.awaitMessage(FixTestClient.isType("j"), WAIT);
        assertThat(f(reject, 372)).isEqualTo("R");
        assertThat(f(reject, 380)).isEqualTo("3");
        assertThat(f(reject, 58)).contains("MsgType(35)=R is not supported");
    }

    @Test
    void anOcoListOnAVenueWithoutOrderListsRejectsBothLegs11() throws Exception {
        String limit = id();
        String stop = id();
        client.send(Orders.ocoList("L-" + limit, 1, "BTC/USDT", '2', "0.01", limit, "65000", stop, "55000"));
        for (String leg : List.of(limit, stop)) {
            Message rejected = await(report(leg, '8'));
            assertThat(f(rejected, 103)).isEqualTo("11");
            assertThat(f(rejected, 58)).contains("has no one-cancels-the-other order lists");
        }
    }

    @Test
    void aListThatIsNotOcoGetsABusinessMessageReject() throws Exception {
        String limit = id();
        client.send(Orders.ocoList("L-" + limit, null, "BTC/USDT", '2', "0.01", limit, "65000", id(), "55000"));
        Message reject = client.awaitMessage(FixTestClient.isType("j"), WAIT);
        assertThat(f(reject, 372)).isEqualTo("E");
        assertThat(f(reject, 58)).contains("ContingencyType(1385)=1");
    }

    private void assertRejected(Message order, String ordRejReason, String text) throws Exception {
        String id = f(order, 11);
        client.send(order);
        Message rejected = await(report(id, '8'));
        assertThat(f(rejected, 39)).isEqualTo("8");
        assertThat(f(rejected, 103)).isEqualTo(ordRejReason);
        assertThat(f(rejected, 58)).contains(text);
    }

    private String restingBuy() throws Exception {
        String id = id();
        client.send(limit(id, "BTC/USDT", '1', "0.01", "50000"));
        await(report(id, 'A'));
        await(report(id, '0'));
        return id;
    }

    private Message await(java.util.function.Predicate<Message> matcher) throws InterruptedException {
        return client.awaitMessage(matcher, WAIT);
    }

    private static String id() {
        return "T" + IDS.incrementAndGet() + "-" + System.nanoTime();
    }
}
